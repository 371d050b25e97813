// The user guide (docs/guide) is written for people who set up GTM, not for people who change the
// templates, so it names nothing of the templates' source code or of the developer tooling. The rule
// (also described in docs/writing-the-guide.md):
//
// Checked: everything a reader sees in docs/guide/*.md: prose, inline code, code blocks and link
// targets. HTML comments are not checked: readers do not see them (the generated-table markers
// carry the regeneration command there).
//
// Not allowed:
// - paths into the developer folders: src/, test/, build/, bench/, scripts/, types/, .ci/;
// - names of files under src/ (main.ts, map-event.ts, tests.yaml, …) as words of their own;
// - names exported by src/core (mapEvent, decideConsent, GA4_TO_TIKTOK, …);
// - GTM sandbox API names written in camelCase (sendHttpRequest, sha256Sync, gtmOnFailure, …): the
//   templates' code vocabulary; the guide says what GTM's interface shows instead;
// - developer tools and commands: jest, npx, ts-node, tsc, esbuild, gtm-tpl, npm test, npm run,
//   node_modules, package.json, tsconfig, and the .tpl file's section markers (___TESTS___, …).
//
// Allowed: curl anywhere (sending a test hit by hand is part of setting up), paths under templates/
// and docs/, container.yaml, and `npm ci` / `npm start` on the testing page, whose local-server
// section tells the reader how to start the local server.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '../../src/core';
import { knownApiNames } from '../../src/sandbox/api-names';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';

export interface SourceWord {
  word: string;
  /** 1-based. */
  line: number;
  why: string;
}

const DEVELOPER_FOLDERS = ['src', 'test', 'build', 'bench', 'scripts', 'types', '.ci'];
const TOOL_WORDS = ['jest', 'npx', 'ts-node', 'tsc', 'esbuild', 'gtm-tpl', 'node_modules', 'package.json', 'tsconfig'];
/** Pages that may name `npm ci` and `npm start`: the local server is started from there. */
const LOCAL_SERVER_PAGES = ['testing.md'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

interface Rule {
  pattern: RegExp;
  why: string;
}

/** A word that stands alone: not part of a longer identifier, path or URL. */
function standalone(word: string): RegExp {
  return new RegExp('(?<![\\w./@-])' + escapeRegExp(word) + '(?![\\w-]|\\.\\w)', 'g');
}

interface RawParam {
  name?: string;
  subParams?: RawParam[];
  radioItems?: { subParams?: RawParam[] }[];
  simpleTableColumns?: { name: string }[];
}

/** Field keys of the built templates: the guide names them next to their labels, so they are allowed. */
function fieldKeys(root: string): Set<string> {
  const keys = new Set<string>();
  const walk = (params: RawParam[] | undefined): void => {
    for (const p of params ?? []) {
      if (p.name) keys.add(p.name);
      for (const column of p.simpleTableColumns ?? []) keys.add(column.name);
      for (const item of p.radioItems ?? []) walk(item.subParams);
      walk(p.subParams);
    }
  };
  const dir = path.join(root, 'templates');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tpl'))) {
    const parsed = parseTpl(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    const section = findSection(parsed, 'TEMPLATE_PARAMETERS');
    if (section) walk(parseJsonSection(parsed, section) as RawParam[]);
  }
  return keys;
}

/**
 * The rules, with the file, export and field names read from the repository now. A name that is
 * also a field key (e.g. a field and a function both called generateTtp) counts as the field.
 */
export function sourceWordRules(root: string): Rule[] {
  const rules: Rule[] = [];
  const fields = fieldKeys(root);
  for (const folder of DEVELOPER_FOLDERS) {
    rules.push({ pattern: new RegExp('(?<![\\w./-])' + escapeRegExp(folder) + '/', 'g'), why: 'a path into the developer folder ' + folder + '/' });
  }
  const sourceFiles = new Set(filesUnder(path.join(root, 'src')).map((file) => path.basename(file)).filter((name) => name !== 'README.md'));
  for (const name of sourceFiles) rules.push({ pattern: standalone(name), why: 'the name of a source file under src/' });
  for (const name of Object.keys(core)) {
    if (!fields.has(name)) rules.push({ pattern: standalone(name), why: 'a name exported by src/core' });
  }
  const apiNames = new Set([...knownApiNames('SERVER'), ...knownApiNames('WEB'), 'gtmOnSuccess', 'gtmOnFailure']);
  for (const name of apiNames) {
    if (/^[a-z][a-z0-9]*[A-Z]/.test(name) && !fields.has(name)) rules.push({ pattern: standalone(name), why: 'a GTM sandbox API name (template code)' });
  }
  for (const word of TOOL_WORDS) rules.push({ pattern: standalone(word), why: 'a developer tool' });
  rules.push({ pattern: /\bnpm (?:test|run)\b/g, why: 'a developer command' });
  rules.push({ pattern: /___[A-Z_]+___/g, why: 'a section marker of the .tpl file format' });
  return rules;
}

/** The text a reader sees: HTML comments blanked out (line numbers kept). */
function visibleText(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** Source-code words in one guide page (`file` is its name, e.g. `testing.md`). */
export function findSourceWords(text: string, file: string, rules: Rule[]): SourceWord[] {
  const visible = visibleText(text);
  const found: SourceWord[] = [];
  const lineOf = (offset: number) => visible.slice(0, offset).split('\n').length;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.pattern.exec(visible)) !== null) found.push({ word: m[0], line: lineOf(m.index), why: rule.why });
  }
  if (!LOCAL_SERVER_PAGES.includes(path.basename(file))) {
    const npm = /\bnpm (?:ci|start)\b/g;
    let m: RegExpExecArray | null;
    while ((m = npm.exec(visible)) !== null) found.push({ word: m[0], line: lineOf(m.index), why: 'a local-server command outside the testing page' });
  }
  return found.sort((a, b) => a.line - b.line);
}
