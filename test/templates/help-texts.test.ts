// The words of every built template's form, as a GTM user reads them (labels, help texts, options,
// notes): no technical word of the jargon list (test/docs/jargon.ts) without an explanation in the
// same field's texts (one of the term's plain phrases, or a link to its glossary entry), and no
// leftover of a program ("undefined", "null", "[object …]") in any of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GLOSSARY_URL } from '../../src/template-kit/help.fields';
import type { TemplateParameter } from '../../src/tpl/definition';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';
import { JARGON, JargonTerm, glossaryAnchor, jargonIn } from '../docs/jargon';
import { headingAnchors } from '../docs/markdown';
import { findSourceWords, sourceWordRules } from '../docs/source-words';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATES_DIR = path.join(ROOT, 'templates');
const ids = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl')).map((f) => f.replace(/\.tpl$/, '')).sort();

/** The texts GTM shows for one field (or group, or label): what a user reads together. */
interface Unit {
  where: string;
  /** HTML as written (help texts may hold links). */
  texts: string[];
}

function unitsOf(parameters: TemplateParameter[], template: string): Unit[] {
  const units: Unit[] = [];
  const visit = (p: TemplateParameter) => {
    const texts: string[] = [];
    const add = (text: unknown) => {
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    };
    add(p.displayName);
    add(p.help);
    if (p.type === 'CHECKBOX') add(p.checkboxText);
    if (p.type === 'SELECT') p.selectItems.forEach((item) => add(item.displayValue));
    if (p.type === 'RADIO') p.radioItems.forEach((item) => { add(item.displayValue); add(item.help); });
    if (p.type === 'SIMPLE_TABLE') p.simpleTableColumns.forEach((column) => add(column.displayName));
    if (texts.length > 0) units.push({ where: template + ' › ' + p.name, texts });
    if ('subParams' in p) (p.subParams ?? []).forEach(visit);
    if (p.type === 'RADIO') p.radioItems.forEach((item) => (item.subParams ?? []).forEach(visit));
  };
  parameters.forEach(visit);
  return units;
}

function parametersOf(id: string): TemplateParameter[] {
  const parsed = parseTpl(fs.readFileSync(path.join(TEMPLATES_DIR, id + '.tpl'), 'utf8'), id + '.tpl');
  return parseJsonSection(parsed, findSection(parsed, 'TEMPLATE_PARAMETERS')!) as TemplateParameter[];
}

function plain(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

/** The glossary anchors a unit links to. */
function glossaryLinks(unit: Unit): string[] {
  const anchors: string[] = [];
  for (const text of unit.texts) {
    for (const match of text.matchAll(/href="([^"]*)"/g)) {
      if (match[1].startsWith(GLOSSARY_URL + '#')) anchors.push(match[1].slice(GLOSSARY_URL.length + 1));
    }
  }
  return anchors;
}

function explained(term: JargonTerm, unit: Unit): boolean {
  const text = plain(unit.texts.join('\n')).toLowerCase();
  return glossaryLinks(unit).includes(glossaryAnchor(term)) || (term.explainedBy ?? []).some((phrase) => text.includes(phrase.toLowerCase()));
}

/** "field: term" for each jargon term a unit uses without explaining it. */
function unexplained(units: Unit[]): string[] {
  return units.flatMap((unit) => jargonIn(unit.texts.join('\n')).filter((term) => !explained(term, unit)).map((term) => `${unit.where}: ${term.heading}`));
}

const units = ids.flatMap((id) => unitsOf(parametersOf(id), id));

describe('help texts explain their technical words', () => {
  test('there are texts to check', () => {
    expect(units.length).toBeGreaterThan(100);
  });

  test.each(ids)('%s', (id) => {
    expect(unexplained(unitsOf(parametersOf(id), id))).toEqual([]);
  });

  test('the check finds an unexplained term, and accepts a plain explanation or a glossary link', () => {
    expect(unexplained([{ where: 'x', texts: ['Phone', 'Converted to E.164.'] }])).toEqual(['x: E.164']);
    expect(unexplained([{ where: 'x', texts: ['Phone', 'Converted to E.164 (the international format).'] }])).toEqual([]);
    expect(unexplained([{ where: 'x', texts: ['Phone', 'Converted to <a href="' + GLOSSARY_URL + '#e164">E.164</a>.'] }])).toEqual([]);
    // A link to another entry does not explain this one.
    expect(unexplained([{ where: 'x', texts: ['Phone', 'Converted to <a href="' + GLOSSARY_URL + '#ulid">E.164</a>.'] }])).toEqual(['x: E.164']);
  });

  test('every glossary link of a template points to an entry of the glossary', () => {
    const anchors = headingAnchors(fs.readFileSync(path.join(ROOT, 'docs/guide/glossary.md'), 'utf8'));
    const broken = units.flatMap((unit) => glossaryLinks(unit).filter((anchor) => !anchors.has(anchor)).map((anchor) => `${unit.where}: #${anchor}`));
    expect(broken).toEqual([]);
    expect(units.some((unit) => glossaryLinks(unit).length > 0)).toBe(true);
  });

  test('the plain phrases use no other jargon', () => {
    const problems = JARGON.flatMap((term) => (term.explainedBy ?? []).flatMap((phrase) =>
      jargonIn(phrase).filter((other) => other !== term).map((other) => `${term.heading}: "${phrase}" uses ${other.heading}`)));
    expect(problems).toEqual([]);
  });
});

describe('no program leftovers in the texts', () => {
  const LEFTOVER = /\bundefined\b|\bnull\b|\[object\b|\bNaN\b/;

  test.each(ids)('%s', (id) => {
    const found = unitsOf(parametersOf(id), id).flatMap((unit) => unit.texts.filter((text) => LEFTOVER.test(plain(text))).map((text) => `${unit.where}: ${text}`));
    expect(found).toEqual([]);
  });

  test('the check finds the Cookie Keeper\'s old consent help', () => {
    expect(LEFTOVER.test('ad_storage denied: undefined (the Events API tag sends nothing in this mode).')).toBe(true);
  });
});

describe('no source-code words in the texts a GTM user reads', () => {
  const rules = sourceWordRules(ROOT);

  test.each(ids)('%s: labels, help texts and the description', (id) => {
    const parsed = parseTpl(fs.readFileSync(path.join(TEMPLATES_DIR, id + '.tpl'), 'utf8'), id + '.tpl');
    const info = parseJsonSection(parsed, findSection(parsed, 'INFO')!) as { description?: string };
    const texts = unitsOf(parametersOf(id), id).flatMap((unit) => unit.texts.map((text) => ({ where: unit.where, text })));
    texts.push({ where: id + ' › description', text: info.description ?? '' });
    const found = texts.flatMap(({ where, text }) => findSourceWords(plain(text), 'help.md', rules).map((w) => `${where}: ${w.word} (${w.why})`));
    expect(found).toEqual([]);
  });

  test('the check finds a source-code word', () => {
    expect(findSourceWords('See main.ts and mapEvent.', 'help.md', rules).map((w) => w.word)).toEqual(expect.arrayContaining(['main.ts', 'mapEvent']));
  });
});
