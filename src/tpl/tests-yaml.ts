// The ___TESTS___ section: GTM's YAML with `scenarios` (list of {name, code}) and an optional
// `setup`. readTestsYaml validates an author's tests.yaml; writeTestsYaml emits it the way GTM's
// exporter does: `- name:` plain (or quoted) scalars, code as `|-` literal blocks, and a
// double-quoted string when a literal block cannot represent the text exactly (trailing spaces,
// tabs, control characters). Every emitted document is parsed back and compared, so a formatting
// mistake can never change a test's code.

import { load } from 'js-yaml';

export interface TestScenario {
  name: string;
  code: string;
}

export interface TemplateTests {
  scenarios: TestScenario[];
  setup?: string;
}

export class TestsYamlError extends Error {
  constructor(readonly fileName: string, readonly line: number, readonly detail: string) {
    super(`${fileName}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'TestsYamlError';
  }
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 0 : text.slice(0, index).split('\n').length;
}

/** Parse and validate GTM-style tests YAML (an author's tests.yaml or a ___TESTS___ section). */
export function readTestsYaml(text: string, fileName = 'tests.yaml'): TemplateTests {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? { scenarios: [] } : load(text);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    throw new TestsYamlError(fileName, mark?.line !== undefined ? mark.line + 1 : 0, `invalid YAML: ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TestsYamlError(fileName, 1, 'expected a mapping with `scenarios` (and optionally `setup`)');
  }
  const document = parsed as Record<string, unknown>;
  for (const key of Object.keys(document)) {
    if (key !== 'scenarios' && key !== 'setup') {
      throw new TestsYamlError(fileName, lineOf(text, `${key}:`), `unknown key "${key}" (GTM knows only scenarios and setup)`);
    }
  }
  const rawScenarios = document.scenarios ?? [];
  if (!Array.isArray(rawScenarios)) throw new TestsYamlError(fileName, lineOf(text, 'scenarios:'), '`scenarios` must be a list');
  const names = new Set<string>();
  const scenarios = rawScenarios.map((raw, index): TestScenario => {
    const scenario = raw as Record<string, unknown> | null;
    if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) {
      throw new TestsYamlError(fileName, 0, `scenario #${index + 1} must be a mapping with name and code`);
    }
    const extra = Object.keys(scenario).filter((key) => key !== 'name' && key !== 'code');
    const name = scenario.name;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TestsYamlError(fileName, 0, `scenario #${index + 1} has no name`);
    }
    const line = lineOf(text, `name: ${name}`) || lineOf(text, `name: '${name.replace(/'/g, "''")}`) || lineOf(text, name);
    if (extra.length > 0) throw new TestsYamlError(fileName, line, `scenario "${name}" has unknown key(s) ${extra.join(', ')}`);
    if (name.includes('.')) {
      throw new TestsYamlError(fileName, line, `scenario name "${name}" contains "." (GTM rejects it)`);
    }
    if (names.has(name)) throw new TestsYamlError(fileName, line, `duplicate scenario name "${name}"`);
    names.add(name);
    if (typeof scenario.code !== 'string') throw new TestsYamlError(fileName, line, `scenario "${name}" has no code string`);
    return { name, code: scenario.code };
  });
  const result: TemplateTests = { scenarios };
  if (document.setup !== undefined && document.setup !== null) {
    if (typeof document.setup !== 'string') throw new TestsYamlError(fileName, lineOf(text, 'setup:'), '`setup` must be a string');
    result.setup = document.setup;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Emitter. GTM's backend writes this YAML with a Java YAML 1.1 library (SnakeYAML conventions):
// strings containing a line break are requested as literal blocks, other strings as plain
// scalars; the library falls back to single or double quotes when the requested style cannot
// represent the text, and folds long quoted or plain scalars at spaces past column 80. The code
// below reimplements those rules so that our ___TESTS___ sections look exactly like GTM's.

const BEST_WIDTH = 80;
const LINE_BREAKS = '\n\u0085\u2028\u2029';
const isBreak = (ch: string) => ch !== '' && LINE_BREAKS.includes(ch);

/** YAML 1.1 implicit types: a plain scalar matching one of these would not read back as a string. */
const IMPLICIT_NON_STRING = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?0b_*[0-1]+[0-1_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:\.[0-9]+|[0-9_]+(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL| )$/,
  /^(?:=)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
];

interface ScalarAnalysis {
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
  allowBlock: boolean;
}

function analyzeScalar(text: string): ScalarAnalysis {
  if (text === '') return { multiline: false, allowBlockPlain: true, allowSingleQuoted: true, allowBlock: false };
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const chars = Array.from(text);
  chars.forEach((ch, index) => {
    const next = chars[index + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\0' || isBreak(next);
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    const lineBreak = isBreak(ch);
    if (lineBreak) lineBreaks = true;
    // YAML 1.1 readers treat NEL/LS/PS as line breaks, YAML 1.2 readers (js-yaml) do not: only a
    // double-quoted escape means the same to both.
    if (lineBreak && ch !== '\n') specialCharacters = true;
    const code = ch.codePointAt(0) as number;
    if (!(ch === '\n' || (code >= 0x20 && code <= 0x7e))) {
      const printableUnicode =
        code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || code >= 0x10000;
      if (!printableUnicode) specialCharacters = true;
    }
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (lineBreak) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || ch === '\0' || lineBreak;
  });
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  let allowBlock = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (trailingSpace) allowBlock = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || specialCharacters) allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { multiline: lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock };
}

/** Writes one line-oriented YAML document, tracking the column like the Java emitter does. */
class YamlWriter {
  private out = '';
  private column = 0;

  write(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  /** Start an indented line: a line break first unless the current line is still empty. */
  newline(indent: number): void {
    if (!(this.column === 0 && (this.out === '' || this.out.endsWith('\n')))) this.out += '\n';
    this.out += ' '.repeat(indent);
    this.column = indent;
  }

  lineBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  get text(): string {
    return this.out;
  }

  /**
   * A mapping value (after `key:`), scalar style chosen as GTM's exporter does. `last`: the value
   * ends the document, where the newlines a literal block keeps would merge with the blank lines
   * that frame the .tpl section, so such text is double-quoted instead.
   */
  scalarValue(text: string, indent: number, last = false): void {
    const analysis = analyzeScalar(text);
    if (analysis.multiline) {
      if (analysis.allowBlock && !(last && isBreak(text[text.length - 1]))) this.literal(text, indent);
      else this.doubleQuoted(text, indent);
      return;
    }
    const resolvesToString = text !== '' && !IMPLICIT_NON_STRING.some((pattern) => pattern.test(text));
    if (analysis.allowBlockPlain && resolvesToString) this.plain(text, indent);
    else if (analysis.allowSingleQuoted) this.singleQuoted(text, indent);
    else this.doubleQuoted(text, indent);
  }

  private plain(text: string, indent: number): void {
    this.write(' ');
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= text.length; end += 1) {
      const ch = end < text.length ? text[end] : '';
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH) this.newline(indent);
          else this.write(text.slice(start, end));
          start = end;
        }
      } else if (ch === '' || ch === ' ') {
        this.write(text.slice(start, end));
        start = end;
      }
      if (ch !== '') spaces = ch === ' ';
    }
  }

  private singleQuoted(text: string, indent: number): void {
    this.write(" '");
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= text.length; end += 1) {
      const ch = end < text.length ? text[end] : '';
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && start !== 0 && end !== text.length) this.newline(indent);
          else this.write(text.slice(start, end));
          start = end;
        }
      } else if (ch === '' || ch === ' ' || ch === "'") {
        if (start < end) {
          this.write(text.slice(start, end));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== '') spaces = ch === ' ';
    }
    this.write("'");
  }

  private doubleQuoted(text: string, indent: number): void {
    const escapes: Record<string, string> = {
      '\0': '0', '\u0007': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\u000b': 'v', '\f': 'f', '\r': 'r',
      '\u001b': 'e', '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
    };
    this.write(' "');
    let start = 0;
    for (let end = 0; end <= text.length; end += 1) {
      const ch = end < text.length ? text[end] : '';
      const code = ch === '' ? 0 : ch.charCodeAt(0);
      if (ch === '' || '"\\\u0085\u2028\u2029\ufeff'.includes(ch) || !(code >= 0x20 && code <= 0x7e)) {
        if (start < end) {
          this.write(text.slice(start, end));
          start = end;
        }
        if (ch !== '') {
          let data: string;
          if (escapes[ch] !== undefined) data = '\\' + escapes[ch];
          else if (code === 0xfeff || code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0xd800 && code <= 0xdfff && !isSurrogatePairAt(text, end)))
            data = code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
          else data = ch;
          this.write(data);
          start = end + 1;
        }
      }
      if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH) {
        const data = start >= end ? '\\' : text.slice(start, end) + '\\';
        if (start < end) start = end;
        this.write(data);
        this.newline(indent);
        if (text[start] === ' ') this.write('\\');
      }
    }
    this.write('"');
  }

  private literal(text: string, indent: number): void {
    let hints = '';
    if (text[0] === ' ' || isBreak(text[0])) hints += '2';
    const last = text[text.length - 1];
    if (!isBreak(last)) hints += '-';
    else if (text.length === 1 || isBreak(text[text.length - 2])) hints += '+';
    this.write(' |' + hints);
    this.lineBreak();
    let breaks = true;
    let start = 0;
    for (let end = 0; end <= text.length; end += 1) {
      const ch = end < text.length ? text[end] : '';
      if (breaks) {
        if (ch === '' || !isBreak(ch)) {
          for (const br of text.slice(start, end)) {
            if (br === '\n') this.lineBreak();
            else {
              this.write(br);
              this.lineBreak();
            }
          }
          if (ch !== '') this.newline(indent);
          start = end;
        }
      } else if (ch === '' || isBreak(ch)) {
        this.write(text.slice(start, end));
        if (ch === '') this.lineBreak();
        start = end;
      }
      if (ch !== '') breaks = isBreak(ch);
    }
  }
}

function isSurrogatePairAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return previous >= 0xd800 && previous <= 0xdbff;
  }
  return false;
}

/** GTM-style YAML for a ___TESTS___ section (no trailing newline, as sections are framed). */
export function writeTestsYaml(tests: TemplateTests, fileName = 'tests'): string {
  const writer = new YamlWriter();
  if (tests.scenarios.length === 0) {
    writer.write('scenarios: []');
    writer.lineBreak();
  } else {
    writer.write('scenarios:');
    writer.lineBreak();
    tests.scenarios.forEach((scenario, index) => {
      if (scenario.name.includes('.')) {
        throw new TestsYamlError(fileName, 0, `scenario name "${scenario.name}" contains "." (GTM rejects it)`);
      }
      writer.write('- name:');
      writer.scalarValue(scenario.name, 4);
      writer.lineBreak();
      writer.write('  code:');
      writer.scalarValue(scenario.code, 4, tests.setup === undefined && index === tests.scenarios.length - 1);
      if (!writer.text.endsWith('\n')) writer.lineBreak();
    });
  }
  if (tests.setup !== undefined) {
    writer.write('setup:');
    writer.scalarValue(tests.setup, 2, true);
    if (!writer.text.endsWith('\n')) writer.lineBreak();
  }
  const out = writer.text.replace(/\n$/, '');
  // Safety net: the emitted YAML must read back as exactly the same tests.
  const reread = readTestsYaml(out, fileName);
  const same =
    reread.scenarios.length === tests.scenarios.length &&
    reread.scenarios.every((s, i) => s.name === tests.scenarios[i].name && s.code === tests.scenarios[i].code) &&
    reread.setup === tests.setup;
  if (!same) {
    throw new TestsYamlError(fileName, 0, `internal error: the emitted tests YAML does not read back identically:\n${out}`);
  }
  return out;
}
