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

describe('properties of an array crossing to the page and back', () => {
  // The shape of TikTok's base code and of Stape's TikTok web tag: `ttq` is an array (the command
  // queue) that also carries methods and tables (docs/emulator.md, "Properties of an array").
  const stubCode = [
    "const setInWindow = require('setInWindow');",
    "const callInWindow = require('callInWindow');",
    "const copyFromWindow = require('copyFromWindow');",
    'const queue = [];',
    "queue.methods = ['track', 'identify'];",
    'queue.methods.forEach((method) => {',
    '  queue[method] = () => {',
    "    const current = copyFromWindow('ttq');",
    '    current.push([method].concat(arguments));',
    "    setInWindow('ttq', current, true);",
    '  };',
    '});',
    "queue.load = (pixelId) => { setInWindow('loadedPixel', pixelId, true); return 'loaded ' + pixelId; };",
    'queue._i = {};',
    "setInWindow('ttq', queue, true);",
    "const loaded = callInWindow('ttq.load', 'C1');",
    "callInWindow('ttq.track', 'Purchase', {value: 5});",
    'return loaded;',
  ].join('\n');
  const ttqPermissions = [globals(['ttq', 'rw'], ['ttq.load', 'x'], ['ttq.track', 'x'], ['loadedPixel', 'w'])];

  test('template code: setInWindow keeps an array\'s methods and tables; callInWindow reaches them', async () => {
    const template = load({ type: 'MACRO', code: stubCode, permissions: ttqPermissions });
    const env: WebEnvironment = { window: {} };
    const result = await runTemplate(template, {}, env);
    expect(result.message).toBeUndefined();
    expect(result.returnValue).toBe('loaded C1');
    expect(env.window!.loadedPixel).toBe('C1');
    const ttq = env.window!.ttq as unknown[] & Record<string, unknown>;
    expect(Array.isArray(ttq)).toBe(true);
    expect(ttq.methods).toEqual(['track', 'identify']);
    expect(ttq._i).toEqual({});
    expect(typeof ttq.load).toBe('function');
    expect(typeof ttq.identify).toBe('function');
    // The track stub queued its call on the array the page sees, and the array kept its methods.
    expect(Array.from(ttq)).toEqual([['track', 'Purchase', { value: 5 }]]);
    expect(typeof ttq.track).toBe('function');
  });

  test("template code: copyFromWindow of a page array keeps its properties, and page functions keep their identity on the way back", async () => {
    const track = function track(...args: unknown[]): unknown[] {
      return args;
    };
    const ttq = Object.assign([['page']], { methods: ['track'], _i: { C1: Object.assign([], { _u: 'https://analytics.example/events.js' }) }, track });
    const template = load({
      type: 'MACRO',
      code: [
        "const copyFromWindow = require('copyFromWindow');",
        "const setInWindow = require('setInWindow');",
        "const getType = require('getType');",
        "const q = copyFromWindow('ttq');",
        "setInWindow('ttq', q, true);",
        'return [getType(q), q.length, q.methods, getType(q._i), q._i.C1._u, getType(q.track), q.track(1, 2)];',
      ].join('\n'),
      permissions: [globals(['ttq', 'rw'])],
    });
    const env: WebEnvironment = { window: { ttq } };
    const result = await runTemplate(template, {}, env);
    expect(result.message).toBeUndefined();
    expect(result.returnValue).toEqual(['array', 1, ['track'], 'object', 'https://analytics.example/events.js', 'function', [1, 2]]);
    const written = env.window!.ttq as unknown[] & Record<string, unknown>;
    expect(written).not.toBe(ttq);
    expect(written.track).toBe(track);
    expect((written._i as Record<string, Record<string, unknown>>).C1._u).toBe('https://analytics.example/events.js');
  });

  test('test code: arrays keep their methods through a mock and through the page', async () => {
    const template = load({
      type: 'MACRO',
      code: [
        "const copyFromWindow = require('copyFromWindow');",
        "const setInWindow = require('setInWindow');",
        "const q = copyFromWindow('ttq') || [];",
        "if (!q.methods) { q.methods = ['track']; q.load = (id) => 'loaded ' + id; }",
        "setInWindow('ttq', q, true);",
        "return q.load('C2') + ' ' + q.methods.join(',');",
      ].join('\n'),
      permissions: [globals(['ttq', 'rw'])],
      tests: scenarios([
        {
          name: 'a mocked queue keeps its method',
          code: [
            "mock('copyFromWindow', (key) => { const q = []; q.methods = ['identify']; q.load = (id) => 'mocked ' + id; return q; });",
            "assertThat(runCode({})).isEqualTo('mocked C2 identify');",
          ].join('\n'),
        },
        {
          name: 'the queue the template put in the window, read by the test',
          code: [
            "assertThat(runCode({})).isEqualTo('loaded C2 track');",
            "const q = require('copyFromWindow')('ttq');",
            "assertThat(q.methods).isEqualTo(['track']);",
            'assertThat(q.load).isFunction();',
            "assertThat(q.load('C3')).isEqualTo('loaded C3');",
          ].join('\n'),
        },
      ]),
    });
    expect(failures(await scenarioResults(template, () => ({ window: {} })))).toEqual([]);
  });
});
