// The fields-by-source table of docs/contracts/tiktok-events-api.md ("Fields of one event, by
// source") read into rules, and a checker of one request body against them: every required field
// present, no field the table rules out for that source or leaves "unknown", no key of `user`, `app`
// or `lead` the table does not list, match keys hashed. Used by the docs test on the page's example
// bodies and by the core and template tests on the requests our tag builds for each source.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inlineCode, splitFences, tables } from './markdown';

export const PAGE = path.resolve(__dirname, '../../docs/contracts/tiktok-events-api.md');
export const SOURCES = ['web', 'app', 'offline', 'crm'] as const;
export type Source = (typeof SOURCES)[number];
type Rule = 'required' | 'recommended' | 'optional' | 'no' | 'unknown';
export type Rules = Map<string, Record<Source, Rule>>;

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

export function parseRules(markdown: string): Rules {
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

export interface Example {
  source: string;
  body: Record<string, unknown>;
}

export function examples(markdown: string): Example[] {
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
export function problems(example: Example, rules: Rules): string[] {
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


/** The rules of the page as it is now. */
export function contractRules(): Rules {
  return parseRules(fs.readFileSync(PAGE, 'utf8'));
}
