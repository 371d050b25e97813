// Keeps the user guide (docs/guide) true to the code:
// - the generated tables (event names, consent, errors) match what build/guide-tables.ts computes
//   from src/core now;
// - every field the guide names as **label** (`key`), or in a Field/Key table, exists in the built
//   templates with that label (and that default, where a Default column gives one); every camelCase
//   identifier in backticks is a real field, option value or TikTok Pixel method;
// - every relative link in docs/ and README.md resolves (file, and heading anchor in .md files);
// - the curl walkthrough in docs/guide/testing.md, run against the local server's default
//   container.yaml, gives the results the page shows.

import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import * as yaml from 'js-yaml';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { BLOCKS, GUIDE_DIR, guideFiles, renderGuideFile } from '../../build/guide-tables';
import * as core from '../../src/core';
import { nodeToolkit } from '../core/node-toolkit';
import { createLocalServer, LocalServer } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { webIncomingEventName } from '../../src/core/web-input';
import { PIXEL_METHODS } from '../../src/templates/tiktok-pixel/base-code';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';
import { githubSlug, headingAnchors, inlineCode, labelledMentions, linkTargets, plainCell, splitFences, tables } from './markdown';

const ROOT = path.join(__dirname, '..', '..');
const TEMPLATES_DIR = path.join(ROOT, 'templates');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function rel(file: string): string {
  return path.relative(ROOT, file);
}

// ---------------------------------------------------------------------------------------------
// Template fields, from the built .tpl files (what a user imports into GTM).

interface Named {
  template: string;
  name: string;
  labels: string[];
  /** 'param' = a field; 'value' = an option of a radio/select field. */
  kind: 'param' | 'value';
  type?: string;
  defaultValue?: unknown;
}

interface RawParam {
  type?: string;
  name?: string;
  displayName?: string;
  checkboxText?: string;
  defaultValue?: unknown;
  subParams?: RawParam[];
  radioItems?: { value: unknown; displayValue?: string; subParams?: RawParam[] }[];
  selectItems?: { value: unknown; displayValue?: string }[];
  simpleTableColumns?: { name: string; displayName?: string }[];
}

function collect(params: RawParam[] | undefined, template: string, out: Named[]): void {
  for (const p of params ?? []) {
    if (p.name) {
      const labels = [p.displayName, p.checkboxText].filter((l): l is string => typeof l === 'string' && l.length > 0);
      out.push({ template, name: p.name, labels, kind: 'param', type: p.type, defaultValue: p.defaultValue });
    }
    const items: { value: unknown; displayValue?: string; subParams?: RawParam[] }[] = [...(p.radioItems ?? []), ...(p.selectItems ?? [])];
    for (const item of items) {
      out.push({ template, name: String(item.value), labels: item.displayValue ? [item.displayValue] : [String(item.value)], kind: 'value' });
      collect(item.subParams, template, out);
    }
    for (const column of p.simpleTableColumns ?? []) {
      out.push({ template, name: column.name, labels: column.displayName ? [column.displayName] : [], kind: 'param', type: 'COLUMN' });
    }
    collect(p.subParams, template, out);
  }
}

function templateIndex(): Named[] {
  const out: Named[] = [];
  for (const file of fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl'))) {
    const parsed = parseTpl(read(path.join(TEMPLATES_DIR, file)), file);
    const section = findSection(parsed, 'TEMPLATE_PARAMETERS');
    if (section) collect(parseJsonSection(parsed, section) as RawParam[], file.replace(/\.tpl$/, ''), out);
  }
  return out;
}

const FIELDS = templateIndex();
const TEMPLATE_IDS = new Set(fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl')).map((f) => f.replace(/\.tpl$/, '')));

function decodeEntities(text: string): string {
  return text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function hasLabel(entry: Named, label: string): boolean {
  return entry.labels.some((l) => decodeEntities(l).replace(/\s+/g, ' ').trim() === label);
}

/** How the guide writes a default: checkboxes ticked / not ticked, everything else `value`. */
function defaultAsWritten(entry: Named): string {
  if (entry.type === 'CHECKBOX') return entry.defaultValue === true ? 'ticked' : 'not ticked';
  return entry.defaultValue === undefined || entry.defaultValue === '' ? '—' : '`' + String(entry.defaultValue) + '`';
}

const GUIDE = guideFiles().map((file) => ({ file, text: read(file) }));

// ---------------------------------------------------------------------------------------------

describe('generated tables', () => {
  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: generated blocks match build/guide-tables.ts', (file, text) => {
    const rendered = renderGuideFile(text, file);
    // On failure: run `npx ts-node --transpile-only build/guide-tables.ts` and review the diff.
    expect(rendered.text).toBe(text);
  });

  test('every generated block appears in the guide', () => {
    const used = GUIDE.flatMap((g) => renderGuideFile(g.text, rel(g.file)).blocks);
    expect(Object.keys(BLOCKS).filter((name) => !used.includes(name))).toEqual([]);
  });

  test('the block checker notices a stale table', () => {
    const guide = GUIDE.find((g) => g.text.includes('guide-tables:ga4-to-tiktok'));
    expect(guide).toBeDefined();
    const tampered = guide!.text.replace('| `purchase` | `Purchase` | `CompletePayment` |', '| `purchase` | `CompletePayment` | `CompletePayment` |');
    expect(tampered).not.toBe(guide!.text);
    expect(renderGuideFile(tampered, 'x').text).toBe(guide!.text);
  });
});

describe('fields named in the guide exist in the templates', () => {
  test('the template index is not empty (templates are built)', () => {
    expect(FIELDS.filter((f) => f.name === 'pixelId' && f.template === 'tiktok-events-api')).toHaveLength(1);
  });

  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: Field / Key tables', (file, text) => {
    const problems: string[] = [];
    for (const table of tables(text)) {
      const fieldCol = table.header.indexOf('Field');
      const keyCol = table.header.indexOf('Key');
      if (fieldCol === -1 || keyCol === -1) continue;
      const defaultCol = table.header.indexOf('Default');
      if (table.template !== undefined && !TEMPLATE_IDS.has(table.template)) problems.push(`line ${table.line + 1}: unknown template ${table.template}`);
      for (const row of table.rows) {
        const key = inlineCode(row[keyCol] ?? '')[0];
        const label = plainCell(row[fieldCol] ?? '');
        const candidates = FIELDS.filter((f) => f.kind === 'param' && f.name === key && (table.template === undefined || f.template === table.template));
        const match = candidates.find((f) => hasLabel(f, label));
        if (!match) {
          problems.push(`line ${table.line + 1}: "${label}" (${key}) ` + (candidates.length ? `is labelled ${JSON.stringify(candidates.map((c) => c.labels))}` : 'is not a field' + (table.template ? ` of ${table.template}` : '')));
          continue;
        }
        if (defaultCol !== -1 && defaultAsWritten(match) !== (row[defaultCol] ?? '').trim()) {
          problems.push(`line ${table.line + 1}: default of ${key} is ${defaultAsWritten(match)}, the guide says ${row[defaultCol]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: **label** (`key`) mentions', (file, text) => {
    const problems = labelledMentions(text)
      .filter((m) => !FIELDS.some((f) => f.name === m.key && hasLabel(f, m.label)))
      .map((m) => {
        const same = FIELDS.filter((f) => f.name === m.key);
        return `line ${m.line}: **${m.label}** (${m.key}) ` + (same.length ? `— labelled ${JSON.stringify([...new Set(same.flatMap((f) => f.labels))])}` : '— no such field or option');
      });
    expect(problems).toEqual([]);
  });

  test('the mention checker rejects a wrong label and an unknown key', () => {
    const text = 'Set **Pixel ID** (`pixelId`), **Pixel id** (`pixelId`) and **Pixel ID** (`pixelID`).';
    const bad = labelledMentions(text).filter((m) => !FIELDS.some((f) => f.name === m.key && hasLabel(f, m.label)));
    expect(bad.map((m) => m.label + '/' + m.key)).toEqual(['Pixel id/pixelId', 'Pixel ID/pixelID']);
  });

  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: camelCase names in backticks are real', (file, text) => {
    // Field keys, option values and the TikTok Pixel's own methods (what a reader sees in GTM and
    // in the browser); names of the template code are not for the guide (plain-language.test.ts).
    const known = new Set<string>([...FIELDS.map((f) => f.name), ...PIXEL_METHODS]);
    const unknown = new Set<string>();
    for (const line of splitFences(text).prose) {
      for (const token of inlineCode(line.text)) {
        if (/^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/.test(token) && !known.has(token)) unknown.add(token);
      }
    }
    expect([...unknown]).toEqual([]);
  });
});

interface Scenario {
  fields?: Record<string, unknown>;
  fail?: Record<string, unknown>;
  event: Record<string, unknown>;
}

/** Scenarios that produce each kind of log message errors.md quotes (logType always). */
const MESSAGE_SCENARIOS: Scenario[] = [
  { event: { event_name: 'purchase', event_id: 'E-1' } },
  { fail: { count: 1, code: 40100, message: 'Too many requests.' }, event: { event_name: 'purchase', event_id: 'E-2' } },
  { fail: { count: 1, code: 40001, message: 'No permission' }, event: { event_name: 'purchase', event_id: 'E-3' } },
  { fail: { count: 3, code: 40100, message: 'Too many requests.' }, event: { event_name: 'purchase', event_id: 'E-4' } },
  { fields: { pixelId: 'bad' }, event: { event_name: 'purchase', event_id: 'E-5' } },
  { fields: { accessToken: '' }, event: { event_name: 'purchase', event_id: 'E-6' } },
  { fields: { consentMode: 'require_ad_storage' }, event: { event_name: 'purchase', event_id: 'E-7', 'x-ga-gcs': 'G100' } },
  { event: { event_name: 'view_cart' } },
  { event: { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com/render?id=GTM-X' } },
];

async function tagMessages(scenario: Scenario): Promise<string[]> {
  const fields = { pixelId: 'C9Q2MJ3C77U4P674RPG0', accessToken: 'mock-token', logType: 'always', ...scenario.fields };
  const config = normalizeConfig({ tags: [{ name: 'TikTok Events API', template: 'templates/tiktok-events-api.tpl', trigger: '*', fields }] }, { baseDir: ROOT, env: {} });
  const local = createLocalServer({ config, env: {}, warn: () => undefined });
  await local.ready;
  const app = getTestServer(local.functionName);
  if (scenario.fail) await request(app).post('/_mock/tiktok/fail').send(scenario.fail).expect(200);
  await request(app).post('/events').send(scenario.event).expect(200);
  return local.debug.list()[0].tags[0].logs
    .map((line) => JSON.parse(line) as { Type?: string; Message?: string })
    .filter((record) => record.Type === 'Message' && typeof record.Message === 'string')
    .map((record) => record.Message as string);
}

describe('errors.md quotes the tag\'s log messages', () => {
  test('every quoted message start is produced by the tag', async () => {
    const messages: string[] = [];
    for (const scenario of MESSAGE_SCENARIOS) messages.push(...(await tagMessages(scenario)));
    const table = tables(read(path.join(GUIDE_DIR, 'errors.md'))).find((t) => t.header[0] === 'Message starts with');
    expect(table).toBeDefined();
    const quoted = table!.rows.flatMap((row) => inlineCode(row[0]));
    expect(quoted.length).toBeGreaterThanOrEqual(9);
    const unmatched = quoted.filter((snippet) => {
      const pattern = new RegExp('^' + snippet.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
      return !messages.some((message) => pattern.test(message));
    });
    expect({ unmatched, messages: unmatched.length ? messages : [] }).toEqual({ unmatched: [], messages: [] });
  }, 60_000); // starts a local server per scenario
});

describe('repository paths and npm scripts the guide names', () => {
  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: paths in backticks exist', (_file, text) => {
    const missing = new Set<string>();
    for (const line of splitFences(text).prose) {
      for (const token of inlineCode(line.text)) {
        if (/^(templates|src|docs|test|build)\/[\w./-]*$/.test(token) && !token.includes('<') && !fs.existsSync(path.join(ROOT, token))) missing.add(token);
      }
    }
    expect([...missing]).toEqual([]);
  });

  test.each(GUIDE.map((g) => [rel(g.file), g.text]))('%s: npm scripts exist', (_file, text) => {
    const scripts = Object.keys((JSON.parse(read(path.join(ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts);
    const used = [...text.matchAll(/npm (?:run(?: -s)?) ([\w:-]+)/g)].map((m) => m[1]);
    expect(used.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});

describe('statements the guide makes in prose', () => {
  test('web-setup-and-dedup.md: the Pixel tag does not treat gtm.init (Initialization trigger) as a page view', () => {
    expect(read(path.join(GUIDE_DIR, 'web-setup-and-dedup.md'))).toContain('does\nnot treat `gtm.init` as a page view');
    expect(webIncomingEventName('gtm.init')).toBe('gtm.init');
    expect(webIncomingEventName('gtm.js')).toBe('page_view');
  });

  test('faq.md: future event times become now, events older than 7 days are sent with a warning', () => {
    const faq = read(path.join(GUIDE_DIR, 'faq.md'));
    expect(faq).toContain('than 5 minutes in the future is replaced by now; events older than 7 days are still sent, with a\nwarning in the log');
    const tk = nodeToolkit();
    const nowMs = Date.UTC(2026, 0, 15);
    const now = nowMs / 1000;
    expect(core.resolveEventTime(undefined, [now + 6 * 60], nowMs, tk).eventTime).toBe(now);
    expect(core.resolveEventTime(undefined, [now + 4 * 60], nowMs, tk).eventTime).toBe(now + 4 * 60);
    const old = core.resolveEventTime(undefined, [now - 8 * 86400], nowMs, tk);
    expect(old.eventTime).toBe(now - 8 * 86400);
    expect(old.warning).toBeDefined();
  });

  test('testing.md: what it says about container.yaml', () => {
    const config = yaml.load(read(path.join(ROOT, 'container.yaml'))) as { tags: { template: string; trigger: { exclude?: string[] }; fields: Record<string, string> }[] };
    const page = read(path.join(GUIDE_DIR, 'testing.md'));
    expect(config.tags).toHaveLength(1);
    expect(config.tags[0].template).toBe('templates/tiktok-events-api.tpl');
    for (const name of config.tags[0].trigger.exclude ?? []) expect(page).toContain('`' + name + '`');
    expect(config.tags[0].fields.pixelId).toBe('${TIKTOK_PIXEL_ID:-C9Q2MJ3C77U4P674RPG0}');
    expect(config.tags[0].fields.accessToken).toBe('${TIKTOK_ACCESS_TOKEN:-mock-token}');
    expect(config.tags[0].fields.nameSet).toBe('current');
    expect(page).toContain('**TikTok event names** (`nameSet`) set to Current');
    expect(Object.keys(config.tags[0].fields).sort()).toEqual(['accessToken', 'nameSet', 'pixelId']);
  });

  test.each([
    [undefined, 3],
    ['9', 6],
  ])('errors.md: with maxRetries %p a failing event is tried %p times (default 2 retries, at most 5)', async (maxRetries, attempts) => {
    expect(read(path.join(GUIDE_DIR, 'errors.md'))).toContain('default `2`, at most 5');
    const fields: Record<string, unknown> = { pixelId: 'C9Q2MJ3C77U4P674RPG0', accessToken: 'mock-token' };
    if (maxRetries !== undefined) fields.maxRetries = maxRetries;
    const config = normalizeConfig({ tags: [{ name: 'TikTok Events API', template: 'templates/tiktok-events-api.tpl', trigger: '*', fields }] }, { baseDir: ROOT, env: {} });
    const local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    const app = getTestServer(local.functionName);
    await request(app).post('/_mock/tiktok/fail').send({ count: 10, status: 500 }).expect(200);
    await request(app).post('/events').send({ event_name: 'purchase', event_id: 'E-1', transaction_id: 'T-1', value: 1, currency: 'EUR' }).expect(200);
    expect(local.mock.log.map((entry) => entry.status)).toEqual(new Array(attempts).fill(500));
    expect(local.debug.list()[0].tags[0].outcome).toBe('failure');
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

describe('links', () => {
  const files = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];

  test.each(files.map((f) => [rel(f), f]))('%s: relative links resolve', (_name, file) => {
    const text = read(file);
    const problems: string[] = [];
    for (const { target, line } of linkTargets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [pathPart, anchor] = target.split('#') as [string, string | undefined];
      const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      if (!fs.existsSync(resolved)) {
        problems.push(`line ${line}: ${target} (no file ${rel(resolved)})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(anchor)) {
        problems.push(`line ${line}: ${target} (no heading #${anchor} in ${rel(resolved)})`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('GitHub slugs as GitHub makes them', () => {
    expect(githubSlug('Step 3: the GA4 tag sends the event ID (web)')).toBe('step-3-the-ga4-tag-sends-the-event-id-web');
    expect(githubSlug('Checklist when events are counted twice')).toBe('checklist-when-events-are-counted-twice');
    expect(githubSlug('`limited_data_use` and LDU')).toBe('limited_data_use-and-ldu');
  });

  test('the guide index links every guide page, and README.md links the guide', () => {
    const index = read(path.join(GUIDE_DIR, 'README.md'));
    const linked = new Set(linkTargets(index).map((l) => l.target.split('#')[0]));
    const pages = GUIDE.map((g) => path.basename(g.file)).filter((name) => name !== 'README.md');
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
    expect(linkTargets(read(path.join(ROOT, 'README.md'))).map((l) => l.target)).toContain('docs/guide/README.md');
  });
});

// ---------------------------------------------------------------------------------------------
// The curl walkthrough of docs/guide/testing.md.

interface Curl {
  method: string;
  url: string;
  headers: [string, string][];
  data?: string;
}

/** Shell words with single/double quotes (enough for the guide's curl lines). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (m[3] !== undefined && m[3].startsWith('#')) break;
    words.push(m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]));
  }
  return words;
}

function parseCurl(line: string): Curl {
  const words = shellWords(line);
  if (words[0] !== 'curl') throw new Error('not a curl command: ' + line);
  const curl: Curl = { method: '', url: '', headers: [] };
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-X' || w === '--request') curl.method = words[++i];
    else if (w === '-H' || w === '--header') {
      const h = words[++i];
      const colon = h.indexOf(':');
      curl.headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
    } else if (w === '-d' || w === '--data' || w === '--data-raw' || w === '--data-binary') curl.data = words[++i];
    else if (/^-[a-zA-Z]+$/.test(w) && /^-[isSvL]+$/.test(w)) continue;
    else if (/^https?:\/\//.test(w)) curl.url = w;
    else throw new Error('unsupported curl argument ' + w + ' in: ' + line);
  }
  if (!curl.method) curl.method = curl.data !== undefined ? 'POST' : 'GET';
  return curl;
}

type TrackEvent = Record<string, unknown>;

function getPath(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

describe('docs/guide/testing.md walkthrough against the default container.yaml', () => {
  let local: LocalServer;
  beforeAll(async () => {
    local = createLocalServer({ configPath: path.join(ROOT, 'container.yaml'), env: {}, warn: () => undefined });
    await local.ready;
    expect([...local.loadErrors.values()]).toEqual([]);
  }, 30_000); // loads every template of container.yaml

  test('curl examples give the results the page shows', async () => {
    const text = read(path.join(GUIDE_DIR, 'testing.md'));
    const lines = text.split('\n');
    const fences = splitFences(text).fences;
    const fenceAt = new Map(fences.map((f) => [f.line, f]));
    let last: request.Response | undefined;
    let mockBefore = 0;
    let expectJson = false;
    let checks = 0;
    let curls = 0;
    const lastEvent = (): TrackEvent => {
      const entry = local.mock.log[local.mock.log.length - 1];
      expect(entry).toBeDefined();
      return (entry.body as { data: TrackEvent[] }).data[0];
    };

    for (let i = 0; i < lines.length; i++) {
      const fence = fenceAt.get(i);
      if (fence) {
        if (expectJson) {
          expect(fence.lang).toBe('json');
          expect(lastEvent()).toMatchObject(JSON.parse(fence.body));
          expectJson = false;
          checks++;
        } else if (fence.lang === 'sh' && /^\s*curl /m.test(fence.body)) {
          mockBefore = local.mock.log.length;
          for (const commandLine of fence.body.split('\n').filter((l) => /^\s*curl /.test(l))) {
            const curl = parseCurl(commandLine.trim());
            const url = new URL(curl.url);
            expect(`${url.protocol}//${url.host}`).toBe('http://localhost:8080');
            let req = request(getTestServer(local.functionName))[curl.method.toLowerCase() as 'get' | 'post'](url.pathname + url.search);
            for (const [name, value] of curl.headers) req = req.set(name, value);
            last = curl.data !== undefined ? await req.send(curl.data) : await req;
            curls++;
          }
        }
        i = fence.line + fence.body.split('\n').length + 1;
        continue;
      }
      const marker = /<!--\s*expect:\s*([\w-]+)\s*(.*?)\s*-->/.exec(lines[i]);
      if (!marker) continue;
      const [, kind, arg] = marker;
      const where = `testing.md line ${i + 1} (${kind} ${arg})`;
      const cookies = ((last?.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
      switch (kind) {
        case 'http-status':
          expect({ where, status: last?.status }).toEqual({ where, status: Number(arg) });
          break;
        case 'set-cookie':
          expect({ where, cookies: cookies.filter((c) => c.startsWith(arg + ';')).length }).toEqual({ where, cookies: 1 });
          break;
        case 'no-set-cookie':
          expect({ where, cookies }).toEqual({ where, cookies: [] });
          break;
        case 'tiktok-event':
          expectJson = true;
          continue;
        case 'tiktok-event-lacks':
          for (const key of arg.split(/\s+/)) expect({ where, key, value: getPath(lastEvent(), key) }).toEqual({ where, key, value: undefined });
          break;
        case 'tag-outcome':
          expect({ where, outcome: local.debug.list()[0].tags[0].outcome }).toEqual({ where, outcome: arg });
          break;
        case 'tiktok-requests':
          expect({ where, requests: local.mock.log.length - mockBefore }).toEqual({ where, requests: Number(arg) });
          break;
        default:
          throw new Error('unknown marker ' + where);
      }
      checks++;
    }
    expect(expectJson).toBe(false);
    // The page must keep its examples: a walkthrough that silently lost them would pass trivially.
    expect(curls).toBeGreaterThanOrEqual(6);
    expect(checks).toBeGreaterThanOrEqual(12);
  }, 30_000); // every curl example is an HTTP exchange with the local server

  test('curl parsing', () => {
    expect(parseCurl(`curl -s -X POST 'http://localhost:8080/events' -H 'Content-Type: application/json' -d '{"a":1}'`)).toEqual({
      method: 'POST', url: 'http://localhost:8080/events', headers: [['Content-Type', 'application/json']], data: '{"a":1}',
    });
    expect(parseCurl(`curl -s 'http://localhost:8080/_debug.json'   # comment`).method).toBe('GET');
  });
});
