// GTM semantics that published templates rely on, run through the real API implementations, in
// template code (runTemplate) and in test code (runTests): arrow functions' own `arguments`,
// `arguments` as an array, logToConsole without permission, createArgumentsQueue's order and the
// window paths that must already exist. The evidence for each behaviour is in docs/emulator.md.
import { loadTemplate, runTemplate, runTests } from '../../src/sandbox';
import type { LoadedTemplate, ScenarioResult } from '../../src/sandbox';
import type { WebEnvironment } from '../../src/sandbox/environment';
import { permissionEntry } from '../../src/sandbox/apis';
import { scenarios, tplText, TplSpec } from './helpers';

let counter = 0;
/** A web template with the real APIs; the language check stays on (these are valid templates). */
function load(spec: Omit<TplSpec, 'context'>): LoadedTemplate {
  counter++;
  return loadTemplate(tplText({ ...spec, context: 'WEB' }), { fileName: `semantics-${counter}.tpl` });
}

async function scenarioResults(template: LoadedTemplate, env: () => WebEnvironment = () => ({})): Promise<Record<string, ScenarioResult>> {
  const results = await runTests(template, { env, timeoutMs: 3000 });
  return Object.fromEntries(results.map((r) => [r.name, r]));
}

const failures = (results: Record<string, ScenarioResult>) =>
  Object.values(results).filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`);

const globals = (...keys: [string, string][]) =>
  permissionEntry('access_globals', {
    keys: keys.map(([key, modes]) => ({ key, read: modes.includes('r'), write: modes.includes('w'), execute: modes.includes('x') })),
  });

describe('arrow functions have their own arguments', () => {
  const repro = load({
    type: 'MACRO',
    code: [
      "const makeString = require('makeString');",
      'const own = (a, b) => arguments.length;',
      "return makeString(own('x', 'y', 'z'));",
    ].join('\n'),
    tests: scenarios([
      { name: 'unmocked', code: "assertThat(runCode({})).isEqualTo('3');" },
      { name: 'mock written as an arrow reads its own arguments', code: "mock('makeString', () => 'got ' + arguments[0]);\nassertThat(runCode({})).isEqualTo('got 3');" },
    ]),
  });

  test('template code: the issue repro returns "3"', async () => {
    const result = await runTemplate(repro, {});
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toBe('3');
  });

  test('test code: a mock arrow sees the arguments it is called with', async () => {
    expect(failures(await scenarioResults(repro))).toEqual([]);
  });

  test('every arrow form: expression and block bodies, one bare parameter, nested, parenthesised object body', async () => {
    const template = load({
      type: 'MACRO',
      code: [
        'const count = () => arguments.length;',
        'const first = x => arguments[0];',
        'const block = (a) => { return arguments.length; };',
        'const outer = () => (() => arguments.length)(1, 2, 3, 4);',
        'const wrap = (a, b) => ({size: arguments.length});',
        'const sum = (a, b) =>',
        '  (a + b) * arguments.length;',
        "return [count(1, 2), first('f', 'g'), block(1, 2, 3), outer(), wrap(1).size, sum(1, 2, 3, 4, 5), count()];",
      ].join('\n'),
    });
    const result = await runTemplate(template, {});
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual([2, 'f', 3, 4, 1, 15, 0]);
  });

  test('line numbers in errors stay those of the .tpl (rewriting adds no line break)', async () => {
    const template = load({ type: 'MACRO', code: "const f = (a) =>\n  a.missing.deep;\nreturn f({});" });
    const result = await runTemplate(template, {});
    expect(result.outcome).toBe('exception');
    // Line 2 of the code section.
    expect(result.message).toContain(`${template.fileName}:${template.codeLine + 1})`);
  });
});

describe('arguments is an array', () => {
  const template = load({
    type: 'MACRO',
    code: [
      "const getType = require('getType');",
      'function describe() {',
      '  const seen = [];',
      '  arguments.forEach((value) => seen.push(value));',
      "  return [getType(arguments), arguments.slice(1), seen.join('+'), arguments.indexOf('b'), arguments.concat(['z'])];",
      '}',
      "return describe('a', 'b', 'c');",
    ].join('\n'),
    tests: scenarios([
      {
        name: 'captured arguments compare equal to an array',
        code: [
          'let captured;',
          "mock('getType', function () { captured = arguments; return 'array'; });",
          'runCode({});',
          "assertThat(captured).isEqualTo([['a', 'b', 'c']]);",
          "assertThat(require('getType')(captured)).isEqualTo('array');",
        ].join('\n'),
      },
      {
        name: 'test code functions get array arguments too',
        code: [
          'const collect = function () { return arguments; };',
          "const list = collect(1, 'two');",
          "assertThat(list).isEqualTo([1, 'two']);",
          'assertThat(list).hasLength(2);',
          "assertThat(list.map((item) => typeof item)).isEqualTo(['number', 'string']);",
        ].join('\n'),
      },
    ]),
  });

  test('template code: getType says array and array methods work', async () => {
    const result = await runTemplate(template, {});
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual(['array', ['b', 'c'], 'a+b+c', 1, ['a', 'b', 'c', 'z']]);
  });

  test('test code: captured arguments are arrays for isEqualTo, hasLength and getType', async () => {
    expect(failures(await scenarioResults(template))).toEqual([]);
  });

  test('page-made Arguments objects read through copyFromWindow arrive as arrays', async () => {
    const page = load({
      type: 'MACRO',
      code: [
        "const copyFromWindow = require('copyFromWindow');",
        "const getType = require('getType');",
        "const queue = copyFromWindow('dataLayer');",
        'return [getType(queue[0]), queue[0]];',
      ].join('\n'),
      permissions: [globals(['dataLayer', 'r'])],
    });
    const pageArguments = (function collect(..._values: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    })('config', 'G-1');
    const result = await runTemplate(page, {}, { window: { dataLayer: [pageArguments] } });
    expect(result.returnValue).toEqual(['array', ['config', 'G-1']]);
  });
});

describe('logToConsole without the logging permission', () => {
  const tag = load({
    code: [
      "const logToConsole = require('logToConsole');",
      "logToConsole('about to finish', {step: 1});",
      'data.gtmOnSuccess();',
    ].join('\n'),
    permissions: [],
    tests: scenarios([
      { name: 'the tag completes', code: "runCode({});\nassertApi('logToConsole').wasCalledWith('about to finish', {step: 1});\nassertApi('gtmOnSuccess').wasCalled();" },
      { name: 'test code may log too', code: "require('logToConsole')('from the test');\nrunCode({});\nassertApi('gtmOnSuccess').wasCalled();" },
    ]),
  });

  test('template code: no exception, the message is suppressed', async () => {
    const result = await runTemplate(tag, {});
    expect(result.outcome).toBe('success');
    expect(result.record.logs).toEqual([]);
    expect(result.record.apiCalls.map((call) => call.name)).toEqual(['logToConsole', 'gtmOnSuccess']);
  });

  test('test code: scenarios of a template that logs without the permission pass', async () => {
    expect(failures(await scenarioResults(tag))).toEqual([]);
  });

  test('logging restricted to debug: silent outside debug/preview, printed in preview and in tests', async () => {
    const debugOnly = load({
      code: "require('logToConsole')('debug line');\ndata.gtmOnSuccess();",
      permissions: [permissionEntry('logging', { environments: 'debug' })],
      tests: scenarios([{ name: 'logs in the test page', code: "runCode({});\nassertApi('gtmOnSuccess').wasCalled();" }]),
    });
    const production = await runTemplate(debugOnly, {}, { containerVersion: { debugMode: false, previewMode: false } });
    expect(production.outcome).toBe('success');
    expect(production.record.logs).toEqual([]);
    const preview = await runTemplate(debugOnly, {}, { containerVersion: { previewMode: true } });
    expect(preview.record.logs.map((line) => line.text)).toEqual(['debug line']);
    expect(failures(await scenarioResults(debugOnly))).toEqual([]);
  });
});

describe('window paths', () => {
  const queueCode = [
    "const createArgumentsQueue = require('createArgumentsQueue');",
    "const copyFromWindow = require('copyFromWindow');",
    "const getType = require('getType');",
    "const lib = createArgumentsQueue('lib', 'lib.q');",
    "lib('init', 'X-1');",
    "lib('track', 'Purchase', {value: 5});",
    "const q = copyFromWindow('lib.q');",
    "return [getType(copyFromWindow('lib')), getType(q), q];",
  ].join('\n');
  const libPermissions = [globals(['lib', 'rw'], ['lib.q', 'rw'])];

  test("template code: createArgumentsQueue('lib', 'lib.q') creates the function, then the queue on it", async () => {
    const template = load({ type: 'MACRO', code: queueCode, permissions: libPermissions });
    const env: WebEnvironment = { window: {} };
    const result = await runTemplate(template, {}, env);
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual(['function', 'array', [['init', 'X-1'], ['track', 'Purchase', { value: 5 }]]]);
    const lib = env.window!.lib as { q: ArrayLike<unknown>[] };
    expect(typeof lib).toBe('function');
    expect(lib.q.map((entry) => Array.from(entry))).toEqual([['init', 'X-1'], ['track', 'Purchase', { value: 5 }]]);
  });

  test('test code: the queue hangs off the function after runCode', async () => {
    const template = load({
      type: 'MACRO',
      code: queueCode,
      permissions: libPermissions,
      tests: scenarios([
        {
          name: 'queue reachable from the test',
          code: [
            'runCode({});',
            "const copyFromWindow = require('copyFromWindow');",
            "assertThat(copyFromWindow('lib.q')).isEqualTo([['init', 'X-1'], ['track', 'Purchase', {value: 5}]]);",
            "assertThat(copyFromWindow('lib')).isFunction();",
          ].join('\n'),
        },
        {
          // Coveo's published tests read the queue off the function createArgumentsQueue returns.
          name: 'the returned function shows its queue property, entries as arrays',
          code: [
            'runCode({});',
            "const lib = require('createArgumentsQueue')('lib', 'lib.q');",
            "assertThat(lib.q).contains(['init', 'X-1']);",
            "assertThat(require('getType')(lib.q[1])).isEqualTo('array');",
            'assertThat(lib.q).hasLength(2);',
          ].join('\n'),
        },
      ]),
    });
    expect(failures(await scenarioResults(template, () => ({ window: {} })))).toEqual([]);
  });

  test('createQueue and createArgumentsQueue throw when the parent path does not exist; aliasInWindow returns false', async () => {
    const template = load({
      type: 'MACRO',
      code: [
        "const createQueue = require('createQueue');",
        "const createArgumentsQueue = require('createArgumentsQueue');",
        "const aliasInWindow = require('aliasInWindow');",
        'const outcome = [];',
        'const attempt = (run) => { const result = run(); outcome.push(result === undefined ? "returned" : result); };',
        // The sandbox has no try/catch: each call that throws gets its own run below.
        "if (data.call === 'createQueue') createQueue('missing.q');",
        "if (data.call === 'createArgumentsQueue') createArgumentsQueue('fn', 'missing.q');",
        "if (data.call === 'aliasInWindow') attempt(() => aliasInWindow('missing.alias', 'source'));",
        'return outcome;',
      ].join('\n'),
      permissions: [globals(['missing.q', 'rw'], ['fn', 'rw'], ['missing.alias', 'w'], ['source', 'r'])],
    });
    const env = (): WebEnvironment => ({ window: { source: { ok: true } } });
    const queue = await runTemplate(template, { call: 'createQueue' }, env());
    expect(queue.outcome).toBe('exception');
    expect(queue.message).toMatch(/window\.missing does not exist/);
    const argumentsQueueEnv = env();
    const argumentsQueue = await runTemplate(template, { call: 'createArgumentsQueue' }, argumentsQueueEnv);
    expect(argumentsQueue.outcome).toBe('exception');
    expect(argumentsQueue.message).toMatch(/window\.missing does not exist/);
    // The function comes first, as Google's reference describes: it exists although the array could not be made.
    expect(typeof argumentsQueueEnv.window!.fn).toBe('function');
    expect(argumentsQueueEnv.window!.missing).toBeUndefined();
    const aliasEnv = env();
    const alias = await runTemplate(template, { call: 'aliasInWindow' }, aliasEnv);
    expect(alias.returnValue).toEqual([false]);
    expect(aliasEnv.window!.missing).toBeUndefined();
  });

  test('setInWindow still creates missing parents (undocumented; see docs/emulator.md)', async () => {
    const template = load({
      type: 'MACRO',
      code: "return require('setInWindow')('fresh.deep', 'v');",
      permissions: [globals(['fresh.deep', 'w'])],
    });
    const env: WebEnvironment = { window: {} };
    expect((await runTemplate(template, {}, env)).returnValue).toBe(true);
    expect(env.window!.fresh).toEqual({ deep: 'v' });
  });
});
