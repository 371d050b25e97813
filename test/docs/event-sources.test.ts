// docs/contracts/tiktok-events-api.md states, per event source (web, app, offline, crm), which fields
// one event may carry ("Fields of one event, by source") and shows an example body for each source.
// The examples must obey the table: every required field present, no field the table rules out for
// that source or leaves "unknown", no key of `user`, `app` or `lead` the table does not list, match
// keys hashed. A wrong example (or a table edited without its example) fails here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inlineCode, splitFences, tables } from './markdown';

const PAGE = path.resolve(__dirname, '../../docs/contracts/tiktok-events-api.md');
const SOURCES = ['web', 'app', 'offline', 'crm'] as const;
type Source = (typeof SOURCES)[number];
type Rule = 'required' | 'recommended' | 'optional' | 'no' | 'unknown';
type Rules = Map<string, Record<Source, Rule>>;

/** Objects whose every key must be named in the table (the others, like `properties`, are open). */
const CLOSED_OBJECTS = ['user', 'app', 'lead'];
const HASHED_USER_KEYS = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code'];
const SHA256_HEX = /^[0-9a-f]{64}$/;

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = heading.split(' ')[0];
  const rest = markdown.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

function parseRules(markdown: string): Rules {
  const table = tables(section(markdown, '### Fields of one event, by source')).find((t) => t.header[0] === 'field');
  if (!table) throw new Error('no field table');
  expect(table.header.slice(1)).toEqual([...SOURCES]);
  const rules: Rules = new Map();
  for (const row of table.rows) {
    const perSource = {} as Record<Source, Rule>;
    SOURCES.forEach((source, i) => {
      const word = row[i + 1].split(/\s/)[0] as Rule;
      if (!['required', 'recommended', 'optional', 'no', 'unknown'].includes(word)) throw new Error(`unknown rule "${row[i + 1]}"`);
      perSource[source] = word;
    });
    for (const field of inlineCode(row[0])) rules.set(field, perSource);
  }
  return rules;
}

interface Example {
  source: string;
  body: Record<string, unknown>;
}

function examples(markdown: string): Example[] {
  return splitFences(section(markdown, '## Event sources'))
    .fences.filter((fence) => fence.lang === 'json')
    .map((fence) => {
      const body = JSON.parse(fence.body) as Record<string, unknown>;
      return { source: String(body.event_source), body };
    });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with one example body, as readable lines (empty when it obeys the rules). */
function problems(example: Example, rules: Rules): string[] {
  const out: string[] = [];
  const source = example.source as Source;
  if (!SOURCES.includes(source)) return [`event_source "${example.source}" is not one of ${SOURCES.join(', ')}`];
  if (typeof example.body.event_source_id !== 'string' || example.body.event_source_id === '') out.push('event_source_id is not a non-empty string');
  const data = example.body.data;
  if (!Array.isArray(data) || data.length === 0) return [...out, 'data is not a non-empty list'];
  data.forEach((item, index) => {
    const at = `${source} data[${index}]`;
    if (!isObject(item)) {
      out.push(`${at} is not an object`);
      return;
    }
    const present = new Set<string>();
    for (const [key, value] of Object.entries(item)) {
      present.add(key);
      if (CLOSED_OBJECTS.includes(key) && isObject(value)) for (const sub of Object.keys(value)) present.add(`${key}.${sub}`);
    }
    for (const [field, perSource] of rules) {
      if (perSource[source] === 'required' && !present.has(field)) out.push(`${at}: required ${field} missing`);
    }
    for (const field of present) {
      const rule = rules.get(field);
      if (!rule) {
        if (field.includes('.')) out.push(`${at}: ${field} is not in the table`);
        continue;
      }
      if (rule[source] === 'no' || rule[source] === 'unknown') out.push(`${at}: ${field} is "${rule[source]}" for ${source}`);
    }
    if (!Number.isInteger(item.event_time)) out.push(`${at}: event_time is not an integer`);
    if ('event_id' in item && typeof item.event_id !== 'string') out.push(`${at}: event_id is not a string`);
    if (isObject(item.user)) {
      for (const key of HASHED_USER_KEYS) {
        const value = item.user[key];
        if (value === undefined) continue;
        const list = Array.isArray(value) ? value : [value];
        if (!list.every((v) => typeof v === 'string' && SHA256_HEX.test(v))) out.push(`${at}: user.${key} is not lower-case SHA-256 hex`);
      }
    }
  });
  return out;
}

describe('docs/contracts/tiktok-events-api.md: the example bodies obey the fields-by-source table', () => {
  const markdown = fs.readFileSync(PAGE, 'utf8');
  const rules = parseRules(markdown);
  const found = examples(markdown);

  test('the table covers the fields each source is known for', () => {
    for (const field of ['event', 'event_time', 'page', 'app.app_id', 'lead.lead_id', 'user.idfa', 'user.att_status', 'user.ttclid']) {
      expect(rules.has(field)).toBe(true);
    }
    expect(rules.get('page')).toEqual({ web: 'required', app: 'no', offline: 'no', crm: 'no' });
    expect(rules.get('lead.lead_id')?.crm).toBe('required');
  });

  test('there is one example per source', () => {
    expect(found.map((e) => e.source).sort()).toEqual([...SOURCES].sort());
  });

  test.each(SOURCES)('the %s example obeys the table', (source) => {
    const example = found.find((e) => e.source === source);
    expect(example).toBeDefined();
    expect(problems(example as Example, rules)).toEqual([]);
  });

  test('the checker catches a page on an app event, a missing lead and an unhashed email', () => {
    const app = found.find((e) => e.source === 'app') as Example;
    const appWithPage = JSON.parse(JSON.stringify(app.body));
    appWithPage.data[0].page = { url: 'https://shop.example/' };
    expect(problems({ source: 'app', body: appWithPage }, rules)).toEqual(['app data[0]: page is "no" for app']);

    const crm = found.find((e) => e.source === 'crm') as Example;
    const crmWithoutLead = JSON.parse(JSON.stringify(crm.body));
    delete crmWithoutLead.data[0].lead;
    expect(problems({ source: 'crm', body: crmWithoutLead }, rules)).toEqual([
      'crm data[0]: required lead missing',
      'crm data[0]: required lead.lead_id missing',
    ]);

    const web = found.find((e) => e.source === 'web') as Example;
    const webPlain = JSON.parse(JSON.stringify(web.body));
    webPlain.data[0].user.email = ['jane@example.com'];
    webPlain.data[0].user.phone_number = 'x';
    expect(problems({ source: 'web', body: webPlain }, rules)).toEqual([
      'web data[0]: user.phone_number is not in the table',
      'web data[0]: user.email is not lower-case SHA-256 hex',
    ]);
  });
});
