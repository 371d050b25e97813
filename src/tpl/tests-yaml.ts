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
    const line = lineOf(text, name);
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

// Words a YAML 1.1 reader (GTM's backend is Java) would not read back as a string.
const YAML_SPECIAL_WORDS = /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan))$/i;

/** A mapping value or sequence item scalar on one line. */
function inlineScalar(value: string): string {
  // Plain only for a conservative character set; anything else is single-quoted like GTM does.
  const plainSafe =
    /^[A-Za-z0-9_(][A-Za-z0-9 _()\/,+\-]*$/.test(value) &&
    !/ $/.test(value) &&
    !/ (?:-|#)/.test(value) &&
    !YAML_SPECIAL_WORDS.test(value) &&
    !/^[-+]?[0-9][0-9_,+-]*$/.test(value);
  if (plainSafe) return value;
  if (!/[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return doubleQuoted(value);
}

function doubleQuoted(value: string): string {
  // JSON string escapes are all valid YAML double-quoted escapes; escape the characters YAML
  // treats as line breaks or BOM too.
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029\ufeff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** True when a literal block scalar reproduces `text` exactly. */
function literalBlockFits(text: string): boolean {
  if (text === '') return false;
  if (/[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff\t\r]/.test(text)) return false;
  // Trailing whitespace on a line: GTM's exporter falls back to double quotes.
  if (/ \n|[ ]$/.test(text)) return false;
  // Lines made only of blanks (other than empty lines) are ambiguous in block scalars.
  if (/(^|\n) +(\n|$)/.test(text)) return false;
  return true;
}

/** `key: |-` block (or a quoted scalar) for a multi-line value, indented by `indent` spaces. */
function blockValue(key: string, text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  if (!literalBlockFits(text)) return `${pad}${key}: ${text === '' ? "''" : doubleQuoted(text)}\n`;
  const trailingNewlines = /\n*$/.exec(text)![0].length;
  const chomping = trailingNewlines === 0 ? '-' : trailingNewlines === 1 ? '' : '+';
  const body = trailingNewlines === 0 ? text : text.slice(0, -1);
  const firstContentLine = /^\n*(.*)/.exec(text)![1];
  const indicator = firstContentLine.startsWith(' ') ? '2' : '';
  const contentPad = pad + '  ';
  const lines = body.split('\n').map((line) => (line === '' ? '' : contentPad + line));
  // With `+` chomping the kept trailing newlines are the empty lines at the end of `lines`.
  return `${pad}${key}: |${indicator}${chomping}\n${lines.join('\n')}\n`;
}

/** GTM-style YAML for a ___TESTS___ section (no trailing newline, as sections are framed). */
export function writeTestsYaml(tests: TemplateTests, fileName = 'tests'): string {
  let out: string;
  if (tests.scenarios.length === 0) {
    out = 'scenarios: []\n';
  } else {
    out = 'scenarios:\n';
    for (const scenario of tests.scenarios) {
      if (scenario.name.includes('.')) {
        throw new TestsYamlError(fileName, 0, `scenario name "${scenario.name}" contains "." (GTM rejects it)`);
      }
      out += `- name: ${inlineScalar(scenario.name)}\n`;
      out += blockValue('code', scenario.code, 2);
    }
  }
  if (tests.setup !== undefined && tests.setup !== '') out += blockValue('setup', tests.setup, 0);
  out = out.replace(/\n$/, '');
  // Safety net: the emitted YAML must read back as exactly the same tests.
  const reread = readTestsYaml(out, fileName);
  const same =
    reread.scenarios.length === tests.scenarios.length &&
    reread.scenarios.every((s, i) => s.name === tests.scenarios[i].name && s.code === tests.scenarios[i].code) &&
    (reread.setup ?? '') === (tests.setup ?? '');
  if (!same) {
    throw new TestsYamlError(fileName, 0, `internal error: the emitted tests YAML does not read back identically:\n${out}`);
  }
  return out;
}
