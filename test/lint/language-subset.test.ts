// The sandbox language subset is stated once (src/lint/language-subset.ts). Every construct of the
// statement has an example here (the Record type makes a new construct without one a type error),
// and each of the three checks must agree with the statement on it: the linter on sandbox code, the
// build's source gate on TypeScript, and the ESTree detector the core test uses.
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import * as ts from 'typescript';
import { checkSourceSyntax } from '../../build/source-check';
import { checkSandboxLanguage } from '../../src/lint';
import {
  lintMessage,
  sourceMessage,
  UNSUPPORTED_CONSTRUCTS,
  unsupportedConstructOf,
  type UnsupportedConstructId,
} from '../../src/lint/language-subset';

const EXAMPLES: Record<UnsupportedConstructId, string> = {
  new: 'const x = new f();',
  this: 'function f() { return this; }',
  super: 'const o = { m: function () { return 1; } }; const p = { __proto__: o, n() { return super.m(); } };',
  'meta-property': 'function f() { return new.target; }',
  class: 'class A {}',
  'template-literal': 'const s = `a${1}`;',
  'tagged-template': 'const t = (a) => a; t`x`;',
  destructuring: 'const o = { a: 1 }; const { a } = o;',
  rest: 'function f(...args) { return args; }',
  spread: 'const a = [1]; const b = [0, ...a];',
  'default-parameter': 'function f(a = 1) { return a; }',
  label: 'outer: for (let i = 0; i < 1; i++) { break outer; }',
  with: 'const o = {}; with (o) {}',
  try: 'try { f(); } catch (e) { f(); }',
  throw: 'function f() { throw 1; }',
  'do-while': 'let i = 0; do { i++; } while (i < 2);',
  debugger: 'debugger;',
  await: 'async function f() { await f(); }',
  yield: 'function* g() { yield 1; }',
  'async-function': 'const f = async () => 1;',
  generator: 'function* g() {}',
  'for-await': 'async function f(list) { for await (const x of list) { f(x); } }',
  'optional-chaining': 'const o = {}; const x = o?.a;',
  'nullish-coalescing': 'const o = null; const x = o ?? 1;',
  'logical-assignment': 'let x = null; x ||= 1;',
  exponent: 'const x = 2 ** 3;',
  'exponent-assignment': 'let x = 2; x **= 3;',
  in: 'const o = {}; const has = "a" in o;',
  instanceof: 'const o = {}; const x = o instanceof f;',
  delete: 'const o = { a: 1 }; delete o.a;',
  void: 'const v = void 0;',
  'comma-sequence': 'let a = 0; a = (a++, a);',
  accessor: 'const o = { get x() { return 1; } };',
  'method-shorthand': 'const o = { m() { return 1; } };',
  'computed-key': 'const k = "a"; const o = { [k]: 1 };',
  'regex-literal': 'const r = /ab+c/;',
  bigint: 'const n = 10n;',
  'dynamic-import': 'const m = import("x");',
  'shorthand-property': 'const a = 1; const o = { a };',
  'module-syntax': 'export const a = 1;',
};

const ids = Object.keys(UNSUPPORTED_CONSTRUCTS) as UnsupportedConstructId[];

function detected(code: string): UnsupportedConstructId[] {
  // Script code as the sandbox runs it (`with` is not even parsed in a module); module syntax as a module.
  const sourceType = /^(import|export)\b/.test(code) ? 'module' : 'script';
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType, allowReturnOutsideFunction: true });
  const found: UnsupportedConstructId[] = [];
  walk.fullAncestor(program, (node, _state, ancestors) => {
    const id = unsupportedConstructOf(node as never, ancestors[ancestors.length - 2] as never);
    if (id) found.push(id);
  });
  return found;
}

function sourceProblems(code: string): string[] {
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  return checkSourceSyntax([file], 'example').map((problem) => problem.message);
}

describe('every construct of the statement is found by each check', () => {
  test.each(ids)('%s', (id) => {
    const code = EXAMPLES[id];
    expect(detected(code)).toContain(id);

    const lint = checkSandboxLanguage(code, { context: 'SERVER', fileName: 'example.js' }).map((d) => d.message);
    if (UNSUPPORTED_CONSTRUCTS[id].source === 'bundled') {
      // Module syntax does not even parse as sandbox code (a function body).
      expect(lint.join('\n')).toMatch(/import\/export are not supported/);
    } else {
      expect(lint).toContain(lintMessage(id));
    }

    const source = sourceProblems(code);
    if (UNSUPPORTED_CONSTRUCTS[id].source === 'banned') expect(source).toContain(sourceMessage(id));
    else expect(source).not.toContain(sourceMessage(id));
  });
});

describe('what the subset allows', () => {
  // ES5.1, arrow functions, const/let (GTM's documentation), for...in and for...of (published
  // templates, TikTok's among them), a comma in a for header.
  const allowed = [
    'var a = 1; let b = 2; const c = (x) => x + a + b;',
    'const o = { a: 1 }; for (const k in o) { o[k] = 2; }',
    'const list = [1, 2]; let sum = 0; for (const x of list) { sum = sum + x; }',
    'for (let i = 0, j = 1; i < j; i++, j--) { i = i + 0; }',
    'const f = function named() { return arguments.length; };',
  ];
  test.each(allowed)('%s', (code) => {
    expect(detected(code)).toEqual([]);
    expect(sourceProblems(code)).toEqual([]);
    expect(checkSandboxLanguage(code, { context: 'SERVER', fileName: 'example.js' }).filter((d) => d.rule === 'language/unsupported-syntax')).toEqual([]);
  });
});
