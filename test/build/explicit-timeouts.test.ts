// Jest gives a test or hook 5 seconds unless told otherwise. Starting a server, a browser or a
// process can take longer on a busy machine, and a test that then fails says nothing about the code
// (issue 15: one such test failed when the machine was busy). The rule checked here: a test or hook
// whose code starts one of those, and every async hook, passes its own timeout, unless the file
// sets one for all with jest.setTimeout.

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/** Calls that start a server, a browser or a process (the names used in this repository's tests). */
const STARTERS = new Set([
  'createLocalServer', 'listenOnLocalhost', 'listen', 'launchChromium', 'spawn', 'spawnSync', 'execFile', 'execFileSync',
  'execSync', 'fork', 'IsolatedRunner', 'sharedIsolatedRunner',
]);
const HOOKS = new Set(['beforeAll', 'beforeEach', 'afterAll', 'afterEach']);
const TESTS = new Set(['test', 'it']);

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** `test`, `test.each(...)`, `describe.skip` …: the first name of the callee. */
function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return calleeName(expression.expression);
  if (ts.isCallExpression(expression)) return calleeName(expression.expression);
  return undefined;
}

function startsSomething(body: ts.Node, starters: Set<string>): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && starters.has(node.expression.text)) {
      found = node.expression.text;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function isAsyncFunction(node: ts.Node | undefined): node is ts.ArrowFunction | ts.FunctionExpression {
  return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) !== 0;
}

/** The file's own functions (declarations and `const f = () => …`), by name. */
function localFunctions(source: ts.SourceFile): Map<string, ts.Node> {
  const functions = new Map<string, ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body) functions.set(node.name.text, node.body);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) functions.set(node.name.text, node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return functions;
}

/** STARTERS and the file's helpers that call one, directly or through another helper. */
function startersOf(source: ts.SourceFile): Set<string> {
  const starters = new Set(STARTERS);
  const functions = localFunctions(source);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, body] of functions) {
      if (!starters.has(name) && startsSomething(body, starters)) {
        starters.add(name);
        grew = true;
      }
    }
  }
  return starters;
}

/** Problems of one file: "file:line: what". */
export function timeoutProblems(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  // A file-level jest.setTimeout(n) gives every test and hook of the file its timeout.
  if (source.statements.some((statement) => ts.isExpressionStatement(statement) && /^jest\.setTimeout\(/.test(statement.expression.getText(source)))) return [];
  const starters = startersOf(source);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const isHook = name !== undefined && HOOKS.has(name) && ts.isIdentifier(node.expression);
      const isTest = name !== undefined && TESTS.has(name);
      // A hook's function is its first argument; a test's is its second.
      const fn = isHook ? node.arguments[0] : isTest ? node.arguments[1] : undefined;
      const timeoutGiven = node.arguments.length > (isHook ? 1 : 2);
      if (fn && !timeoutGiven) {
        const starter = startsSomething(fn, starters);
        if (isHook && isAsyncFunction(fn)) problems.push(`${where(node)}: async ${name} without a timeout`);
        else if (starter) problems.push(`${where(node)}: ${name} calls ${starter} without a timeout`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

test('every test and hook that starts a server, a browser or a process, and every async hook, passes a timeout', () => {
  const problems = testFiles(path.join(ROOT, 'test')).flatMap((file) =>
    timeoutProblems(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
  expect(problems).toEqual([]);
});

test('the rule finds a hook or test that relies on the default timeout, and accepts one that does not', () => {
  const code = [
    'beforeAll(async () => { await local.ready; });',
    'beforeAll(async () => { await local.ready; }, 30000);',
    "test('starts', async () => { const local = createLocalServer({}); });",
    "test('starts', async () => { const local = createLocalServer({}); }, 30000);",
    "test.each([1])('starts %s', async () => { spawn('node'); });",
    "test('pure', () => { expect(1).toBe(1); });",
    'afterEach(() => fs.rmSync(dir));',
    'function serve() { return createLocalServer({}); }',
    "test('through a helper', async () => { serve(); });",
    "test('emulator only', async () => { await runTemplate(tag, {}, env); });",
  ].join('\n');
  expect(timeoutProblems('x.test.ts', code)).toEqual([
    'x.test.ts:1: async beforeAll without a timeout',
    'x.test.ts:3: test calls createLocalServer without a timeout',
    'x.test.ts:5: test calls spawn without a timeout',
    'x.test.ts:9: test calls serve without a timeout',
  ]);
  expect(timeoutProblems('x.test.ts', 'jest.setTimeout(60_000);\n' + code)).toEqual([]);
});
