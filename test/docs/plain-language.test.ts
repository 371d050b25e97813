// The user guide speaks to people who set up GTM: no source-code words (the rule is in
// test/docs/source-words.ts and docs/writing-the-guide.md), and every technical word of the jargon
// list (test/docs/jargon.ts) is explained in docs/guide/glossary.md.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { GUIDE_DIR, guideFiles } from '../../build/guide-tables';
import { JARGON, glossaryAnchor, jargonIn } from './jargon';
import { githubSlug, headingAnchors, linkTargets, splitFences } from './markdown';
import { findSourceWords, sourceWordRules } from './source-words';

const ROOT = path.join(__dirname, '..', '..');
const RULES = sourceWordRules(ROOT);
const GLOSSARY_FILE = path.join(GUIDE_DIR, 'glossary.md');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

describe('no source-code words in the user guide', () => {
  test.each(guideFiles().map((file) => [path.basename(file), file]))('%s', (name, file) => {
    const found = findSourceWords(read(file), name, RULES).map((w) => `line ${w.line}: ${w.word} (${w.why})`);
    expect(found).toEqual([]);
  });

  test('the rule finds each kind of source-code word', () => {
    const text = [
      'The table comes from `decideConsent` in `src/core/consent.ts`.', // 1: core export, path
      'See main.ts, consent.ts and tests.yaml.', // 2: source file names
      'Run `npx jest test/docs` or `npm test`.', // 3: tools, a test path, a command
      'The tag calls `sha256Sync`, then `gtmOnFailure`.', // 4: sandbox API names
      'The `___TESTS___` section; `npm run -s gtm-tpl -- lint`.', // 5: .tpl marker, command, tool
      'Start it with `npm start`.', // 6: a local-server command outside the testing page
    ].join('\n');
    const found = findSourceWords(text, 'faq.md', RULES).map((w) => `${w.line}:${w.word}`);
    expect(found).toEqual(expect.arrayContaining([
      '1:decideConsent', '1:src/',
      '2:main.ts', '2:consent.ts', '2:tests.yaml',
      '3:npx', '3:jest', '3:test/', '3:npm test',
      '4:sha256Sync', '4:gtmOnFailure',
      '5:___TESTS___', '5:npm run', '5:gtm-tpl',
      '6:npm start',
    ]));
  });

  test('what the rule allows', () => {
    const text = [
      'Import `templates/tiktok-events-api.tpl`; see [docs](../reference/tiktok-events-api.md).',
      'Open `http://localhost:8080/demo.html?ttclid=E.C.P.demo` and write to BigQuery.',
      '<!-- BEGIN GENERATED guide-tables:x (do not edit; run npx ts-node --transpile-only build/guide-tables.ts) -->',
      '```sh',
      "curl -i 'https://sgtm.shop.example/g/collect?v=2'",
      'npm ci',
      'npm start -- --config my.yaml',
      '```',
      'The main table, the test event code, a consent banner.',
    ].join('\n');
    expect(findSourceWords(text, 'testing.md', RULES)).toEqual([]);
    // Field keys stay allowed even where a function has the same name.
    expect(findSourceWords('**Create a _ttp when the visitor has none** (`generateTtp`)', 'faq.md', RULES)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

interface GlossaryEntry {
  heading: string;
  body: string;
  line: number;
}

function glossaryEntries(text: string): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  const lines = text.split('\n');
  const prose = new Set(splitFences(text).prose.map((l) => l.index));
  let current: GlossaryEntry | undefined;
  lines.forEach((line, index) => {
    const heading = prose.has(index) ? /^###\s+(.*?)\s*$/.exec(line) : null;
    if (heading) {
      current = { heading: heading[1], body: '', line: index + 1 };
      entries.push(current);
    } else if (current && !/^#{1,2}\s/.test(line)) {
      current.body += line + '\n';
    }
  });
  return entries;
}

describe('jargon list and glossary', () => {
  const text = read(GLOSSARY_FILE);
  const entries = glossaryEntries(text);

  test('every jargon term has a glossary entry, and every entry is a jargon term', () => {
    const headings = entries.map((e) => e.heading);
    expect(JARGON.map((t) => t.heading).filter((h) => !headings.includes(h))).toEqual([]);
    expect(headings.filter((h) => !JARGON.some((t) => t.heading === h))).toEqual([]);
    expect(new Set(headings).size).toBe(headings.length);
  });

  test('the entries are in alphabetical order and say something', () => {
    const headings = entries.map((e) => e.heading);
    const key = (h: string) => h.replace(/^[^A-Za-z0-9]+/, '').toLowerCase();
    expect(headings).toEqual([...headings].sort((a, b) => key(a).localeCompare(key(b))));
    const thin = entries.filter((e) => e.body.trim().split(/\s+/).length < 15).map((e) => e.heading);
    expect(thin).toEqual([]);
  });

  test('each term\'s anchor is its glossary heading\'s anchor', () => {
    const anchors = headingAnchors(text);
    for (const term of JARGON) {
      expect(glossaryAnchor(term)).toBe(githubSlug(term.heading));
      expect({ term: term.heading, found: anchors.has(glossaryAnchor(term)) }).toEqual({ term: term.heading, found: true });
    }
  });

  test('the one-line explanations use no other jargon', () => {
    const problems = JARGON.flatMap((term) =>
      jargonIn(term.plain).filter((other) => other !== term).map((other) => `${term.heading}: "${term.plain}" uses ${other.heading}`),
    );
    expect(problems).toEqual([]);
  });

  test('a glossary entry that uses another term links to that term\'s entry', () => {
    const problems: string[] = [];
    for (const entry of entries) {
      const term = JARGON.find((t) => t.heading === entry.heading)!;
      const linked = new Set(linkTargets(entry.body).map((l) => l.target));
      // Names of fields in bold and code spans are quotes of the interface, not explanations.
      const prose = entry.body.replace(/\*\*[^*]+\*\*/g, ' ').replace(/`[^`]*`/g, ' ').replace(/\[[^\]]*\]\([^)]*\)/g, ' ');
      for (const other of jargonIn(prose)) {
        if (other === term) continue;
        if (!linked.has('#' + glossaryAnchor(other))) problems.push(`${entry.heading}: uses "${other.heading}" without a link to #${glossaryAnchor(other)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('jargonIn finds whole terms only', () => {
    const names = (text: string) => jargonIn(text).map((t) => t.heading);
    expect(names('Converted to E.164, e.g. +4915112345678.')).toEqual(['E.164']);
    expect(names('Creates an ID in the Pixel\'s format (ULID + _.tt.N), from the GA client_id.')).toEqual(['_ttp', 'client_id', 'ULID']);
    expect(names('read from consent_state, then x-ga-gcs, then x-ga-gcd')).toEqual(['consent_state', 'gcs and gcd']);
    expect(names('Default: the event&#39;s ip_override (the visitor IP)')).toEqual(['ip_override']);
    expect(names('TikTok limits processing: <code>limited_data_use</code>')).toEqual(['Limited Data Use']);
    expect(names('https://example.com/ttp-page and a http request')).toEqual([]);
    expect(names('Event deduplication needs one id')).toEqual(['Deduplication']);
  });

  test('the guide index links the glossary', () => {
    expect(linkTargets(read(path.join(GUIDE_DIR, 'README.md'))).map((l) => l.target)).toContain('glossary.md');
  });
});
