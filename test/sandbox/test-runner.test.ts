import { loadTemplate, runTests } from '../../src/sandbox';
import type { ScenarioResult } from '../../src/sandbox';
import { scenarios, stubProvider, tplText, TplSpec } from './helpers';

let counter = 0;
async function runSuite(spec: TplSpec): Promise<Record<string, ScenarioResult>> {
  counter++;
  const template = loadTemplate(tplText(spec), { fileName: `suite-${counter}.tpl`, languageCheck: false });
  const results = await runTests(template, { provider: stubProvider, timeoutMs: 2000 });
  return Object.fromEntries(results.map((r) => [r.name, r]));
}

// [matcher, subject and arguments that pass, subject and arguments that fail]
const MATCHER_CASES: [string, string, string][] = [
  ['isEqualTo', "assertThat({a: [1, {b: 'x'}]}).isEqualTo({a: [1, {b: 'x'}]})", 'assertThat({a: [1]}).isEqualTo({a: [2]})'],
  ['isNotEqualTo', 'assertThat([1]).isNotEqualTo([2])', 'assertThat([1]).isNotEqualTo([1])'],
  ['isStrictlyEqualTo', 'const o = {}; assertThat(o).isStrictlyEqualTo(o)', 'assertThat({}).isStrictlyEqualTo({})'],
  ['isNotStrictlyEqualTo', 'assertThat({}).isNotStrictlyEqualTo({})', 'assertThat(1).isNotStrictlyEqualTo(1)'],
  ['isDefined', 'assertThat(0).isDefined()', 'assertThat(undefined).isDefined()'],
  ['isUndefined', 'assertThat(undefined).isUndefined()', 'assertThat(null).isUndefined()'],
  ['isNull', 'assertThat(null).isNull()', 'assertThat(undefined).isNull()'],
  ['isNotNull', 'assertThat(0).isNotNull()', 'assertThat(null).isNotNull()'],
  ['isTrue', 'assertThat(true).isTrue()', 'assertThat(1).isTrue()'],
  ['isFalse', 'assertThat(false).isFalse()', 'assertThat(0).isFalse()'],
  ['isTruthy', "assertThat('x').isTruthy()", "assertThat('').isTruthy()"],
  ['isFalsy', 'assertThat(0).isFalsy()', 'assertThat([]).isFalsy()'],
  ['isNaN', "assertThat(require('makeNumber') ? 0 / 0 : 0 / 0).isNaN()", 'assertThat(1).isNaN()'],
  ['isNotNaN', 'assertThat(1).isNotNaN()', 'assertThat(0 / 0).isNotNaN()'],
  ['isInfinity', 'assertThat(-1 / 0).isInfinity()', 'assertThat(1e308).isInfinity()'],
  ['isNotInfinity', 'assertThat(1e308).isNotInfinity()', 'assertThat(1 / 0).isNotInfinity()'],
  ['isGreaterThan', 'assertThat(2).isGreaterThan(1)', 'assertThat(1).isGreaterThan(1)'],
  ['isGreaterThanOrEqualTo', 'assertThat(1).isGreaterThanOrEqualTo(1)', 'assertThat(0).isGreaterThanOrEqualTo(1)'],
  ['isLessThan', 'assertThat(0).isLessThan(1)', 'assertThat(1).isLessThan(1)'],
  ['isLessThanOrEqualTo', 'assertThat(1).isLessThanOrEqualTo(1)', 'assertThat(2).isLessThanOrEqualTo(1)'],
  ['isAnyOf', "assertThat({a: 1}).isAnyOf('x', {a: 1})", "assertThat(3).isAnyOf(1, 2)"],
  ['isNoneOf', 'assertThat(3).isNoneOf(1, 2)', "assertThat('b').isNoneOf('a', 'b')"],
  ['contains', "assertThat([1, {a: 2}]).contains({a: 2}); assertThat('hello world').contains('lo w')", "assertThat(['a']).contains('a', 'b')"],
  ['doesNotContain', "assertThat([1, 2]).doesNotContain(3); assertThat('abc').doesNotContain('x')", "assertThat('abc').doesNotContain('b')"],
  ['containsExactly', 'assertThat([2, 1, 2]).containsExactly(1, 2, 2)', 'assertThat([1, 2]).containsExactly(1)'],
  ['doesNotContainExactly', 'assertThat([1, 2]).doesNotContainExactly(1)', 'assertThat([1, 2]).doesNotContainExactly(2, 1)'],
  ['hasLength', "assertThat([1, 2]).hasLength(2); assertThat('abc').hasLength(3)", 'assertThat({length: 2}).hasLength(2)'],
  ['isEmpty', "assertThat([]).isEmpty(); assertThat('').isEmpty()", 'assertThat([0]).isEmpty()'],
  ['isNotEmpty', "assertThat('a').isNotEmpty()", 'assertThat([]).isNotEmpty()'],
  ['isArray', 'assertThat([]).isArray()', 'assertThat({}).isArray()'],
  ['isBoolean', 'assertThat(false).isBoolean()', "assertThat('true').isBoolean()"],
  ['isFunction', 'assertThat(() => 1).isFunction()', 'assertThat({}).isFunction()'],
  ['isNumber', 'assertThat(1.5).isNumber()', "assertThat('1').isNumber()"],
  ['isObject', 'assertThat({}).isObject()', 'assertThat([]).isObject()'],
  ['isString', "assertThat('').isString()", 'assertThat(1).isString()'],
];

describe('assertThat matchers', () => {
  let results: Record<string, ScenarioResult>;
  beforeAll(async () => {
    const list = MATCHER_CASES.flatMap(([name, pass, fail]) => [
      { name: `pass ${name}`, code: `${pass};` },
      { name: `fail ${name}`, code: `${fail};` },
    ]);
    results = await runSuite({ type: 'MACRO', code: 'return 1;', tests: scenarios(list) });
  }, 30_000); // every matcher twice, in one suite

  test.each(MATCHER_CASES.map(([name]) => name))('%s passes and fails', (name) => {
    expect(results[`pass ${name}`]).toMatchObject({ passed: true });
    expect(results[`fail ${name}`]).toMatchObject({ passed: false });
    expect(results[`fail ${name}`].message).toContain(`.${name}`);
  });

  test('a failure reports expected and actual values and the optional message', async () => {
    const r = await runSuite({
      type: 'MACRO',
      code: 'return {total: 3};',
      tests: scenarios([{ name: 'wrong', code: "assertThat(runCode({}), 'the total').isEqualTo({total: 4});" }]),
    });
    expect(r.wrong.passed).toBe(false);
    expect(r.wrong.message).toBe('assertThat(…).isEqualTo: expected {"total":3} to equal {"total":4} — the total');
  });

  test('fail() fails the scenario with its message', async () => {
    const r = await runSuite({ type: 'MACRO', code: 'return 1;', tests: scenarios([{ name: 'f', code: "fail('boom');" }]) });
    expect(r.f).toMatchObject({ passed: false, message: 'fail(): boom' });
  });
});

describe('runCode', () => {
  test('returns what the code returns, passes data by value, applies no defaults', async () => {
    const code = "data.list.push('x'); return {n: data.list.length, missing: data.notGiven};";
    const tests = scenarios([
      {
        name: 'by value',
        code: `const input = {list: []};
          assertThat(runCode(input)).isEqualTo({n: 1, missing: undefined});
          assertThat(input.list).hasLength(0);
          assertThat(runCode(input).n).isEqualTo(1);`,
      },
    ]);
    const r = await runSuite({ type: 'MACRO', code, tests });
    expect(r['by value']).toMatchObject({ passed: true });
  });

  test('an exception in the template fails the scenario with the message', async () => {
    const tests = scenarios([{ name: 'throws', code: 'runCode({});' }]);
    const r = await runSuite({ type: 'MACRO', code: 'return data.text.toUpperCase();', tests });
    expect(r.throws.passed).toBe(false);
    expect(r.throws.message).toMatch(/^exception: Cannot read properties of undefined/);
  });

  test('the test clock is 0 unless mocked', async () => {
    const tests = scenarios([
      { name: 'zero', code: 'assertThat(runCode({})).isEqualTo(0);' },
      { name: 'mocked', code: "mock('getTimestampMillis', 1747945830456); assertThat(runCode({})).isEqualTo(1747945830456);" },
    ]);
    const r = await runSuite({ type: 'MACRO', code: "return require('getTimestampMillis')();", tests });
    expect(r.zero.passed).toBe(true);
    expect(r.mocked.passed).toBe(true);
  });
});

describe('mock, mockObject, assertApi', () => {
  const tagCode = `
    const sendHttpRequest = require('sendHttpRequest');
    const setCookie = require('setCookie');
    const log = require('logToConsole');
    log('start', {n: 1});
    setCookie('_id', 'v1', {domain: 'auto'});
    const onDone = (status) => status === 200 ? data.gtmOnSuccess() : data.gtmOnFailure();
    sendHttpRequest('https://api.test/e', onDone, {method: 'POST'}, '{"a":1}');`;

  test('function mocks replace the API, value mocks return the value; assertApi sees every call', async () => {
    const tests = scenarios([
      {
        name: 'function mock',
        code: `let captured;
          mock('sendHttpRequest', (url, callback, options, body) => { captured = callback; callback(200); });
          mock('setCookie', () => undefined);
          runCode({});
          assertApi('gtmOnSuccess').wasCalled();
          assertApi('gtmOnFailure').wasNotCalled();
          assertApi('sendHttpRequest').wasCalledWith('https://api.test/e', captured, {method: 'POST'}, '{"a":1}');
          assertApi('sendHttpRequest').wasNotCalledWith('https://api.test/e', () => 1, {method: 'POST'}, '{"a":1}');
          assertApi('logToConsole').wasCalledWith('start', {n: 1});
          assertApi('setCookie').wasCalled();
          assertApi('getAllEventData').wasNotCalled();`,
      },
      {
        name: 'value mock',
        code: "mock('setCookie', () => undefined); mock('sendHttpRequest', 'ignored'); runCode({}); assertApi('gtmOnSuccess').wasNotCalled();",
      },
      { name: 'wasCalled fails', code: "mock('setCookie', () => 1); runCode({}); assertApi('getAllEventData').wasCalled();" },
      { name: 'wasCalledWith fails', code: "mock('setCookie', () => 1); runCode({}); assertApi('logToConsole').wasCalledWith('start', {n: 2});" },
      { name: 'wasNotCalled fails', code: "mock('setCookie', () => 1); runCode({}); assertApi('logToConsole').wasNotCalled();" },
      { name: 'wasNotCalledWith fails', code: "mock('setCookie', () => 1); runCode({}); assertApi('logToConsole').wasNotCalledWith('start', {n: 1});" },
    ]);
    const r = await runSuite({ code: tagCode, tests });
    expect(r['function mock']).toMatchObject({ passed: true });
    expect(r['value mock']).toMatchObject({ passed: true });
    expect(r['wasCalled fails'].passed).toBe(false);
    expect(r['wasCalled fails'].message).toContain("assertApi('getAllEventData').wasCalled()");
    expect(r['wasCalledWith fails'].passed).toBe(false);
    expect(r['wasCalledWith fails'].message).toContain('its calls were: ["start",{"n":1}]');
    expect(r['wasNotCalled fails'].passed).toBe(false);
    expect(r['wasNotCalledWith fails'].passed).toBe(false);
  });

  test('mocked APIs skip permission checks; unmocked ones are checked', async () => {
    const tests = scenarios([
      { name: 'mocked', code: "mock('setCookie', () => undefined); runCode({});" },
      { name: 'unmocked', code: 'runCode({});' },
    ]);
    const r = await runSuite({ code: tagCode, tests });
    expect(r.mocked.passed).toBe(true);
    expect(r.unmocked.passed).toBe(false);
    expect(r.unmocked.message).toContain('set_cookies');
  });

  test('mockObject replaces an object API; mocking a non-API name is accepted', async () => {
    const code = "const JSON = require('JSON'); return JSON.stringify({a: 1});";
    const tests = scenarios([
      { name: 'object', code: "mockObject('JSON', {stringify: () => 'mocked'}); mock('notAnApi', 1); assertThat(runCode({})).isEqualTo('mocked');" },
      { name: 'real', code: "assertThat(runCode({})).isEqualTo('{\"a\":1}');" },
    ]);
    const r = await runSuite({ type: 'MACRO', code, tests });
    expect(r.object).toMatchObject({ passed: true });
    expect(r.real).toMatchObject({ passed: true });
  });

  test('a require made before mock() keeps the real API', async () => {
    const tests = scenarios([
      {
        name: 'order',
        code: `const log = require('logToConsole');
          const lines = [];
          mock('logToConsole', (line) => { lines.push(line); log('echo', line); });
          runCode({});
          assertThat(lines).isEqualTo(['from template']);`,
      },
    ]);
    const r = await runSuite({ type: 'MACRO', code: "require('logToConsole')('from template');", tests });
    expect(r.order).toMatchObject({ passed: true });
  });
});

describe('scenario scope and asynchronous assertions', () => {
  test('setup and code are one scope; setup runs fresh for each scenario', async () => {
    const setup = `const calls = [];
      const state = {count: 0};
      mock('logToConsole', (line) => { calls.push(line + ':' + mockData.tag); });`;
    const tests = scenarios(
      [
        { name: 'first', code: "const mockData = {tag: 'one'}; state.count++; runCode({}); assertThat(calls).isEqualTo(['x:one']); assertThat(state.count).isEqualTo(1);" },
        { name: 'second', code: "const mockData = {tag: 'two'}; state.count++; runCode({}); assertThat(calls).isEqualTo(['x:two']); assertThat(state.count).isEqualTo(1);" },
      ],
      setup,
    );
    const r = await runSuite({ type: 'MACRO', code: "require('logToConsole')('x');", tests });
    expect(r.first).toMatchObject({ passed: true });
    expect(r.second).toMatchObject({ passed: true });
  });

  test('assertions inside callLater and promise callbacks count', async () => {
    const code = `const Promise = require('Promise');
      return Promise.create((resolve) => resolve(5));`;
    const tests = scenarios(
      [
        { name: 'then passes', code: 'runCode({}).then((v) => assertThat(v).isEqualTo(5));' },
        { name: 'then fails', code: 'runCode({}).then((v) => assertThat(v).isEqualTo(6));' },
        { name: 'callLater fails', code: "runCode({}); callLater(() => fail('late'));" },
        { name: 'callLater after promise', code: 'let seen; runCode({}).then((v) => { seen = v; }); callLater(() => assertThat(seen).isEqualTo(5));' },
      ],
      "const callLater = require('callLater');",
    );
    const r = await runSuite({ type: 'MACRO', code, tests });
    expect(r['then passes']).toMatchObject({ passed: true });
    expect(r['then fails']).toMatchObject({ passed: false });
    expect(r['callLater fails']).toMatchObject({ passed: false, message: 'fail(): late' });
    expect(r['callLater after promise']).toMatchObject({ passed: true });
  });

  test('an endless loop in test code is reported as a timeout', async () => {
    counter++;
    const template = loadTemplate(tplText({ type: 'MACRO', code: 'return 1;', tests: scenarios([{ name: 'loop', code: 'while (true) {}' }]) }), {
      fileName: `suite-${counter}.tpl`,
      languageCheck: false,
    });
    const [result] = await runTests(template, { provider: stubProvider, timeoutMs: 150 });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/^timeout: /);
  });

  test('unmocked sendHttpRequest gets a default response, never the network', async () => {
    const code = "require('sendHttpRequest')('https://unreachable.invalid/', {}, '').then((r) => r.statusCode === 200 ? data.gtmOnSuccess() : data.gtmOnFailure());";
    const tests = scenarios([{ name: 'default', code: "runCode({}); callLater(() => assertApi('gtmOnSuccess').wasCalled());" }], "const callLater = require('callLater');");
    const r = await runSuite({ code, tests });
    expect(r.default).toMatchObject({ passed: true });
  });
});

describe('failure locations', () => {
  test('exceptions name the template line, or the setup / scenario line of test code', async () => {
    const tests = scenarios(
      [
        { name: 'in template', code: 'runCode({});' },
        { name: 'in scenario', code: "runCode({ok: true});\nconst x = undefined;\nx.y;" },
      ],
      'const a = 1;',
    );
    const text = tplText({ type: 'MACRO', code: 'if (data.ok) return 1;\nreturn data.a.b;', tests });
    const template = loadTemplate(text, { fileName: 'where.tpl', languageCheck: false });
    const r = Object.fromEntries((await runTests(template, { provider: stubProvider })).map((x) => [x.name, x]));
    expect(r['in template'].message).toContain(`(where.tpl:${template.codeLine + 1})`);
    expect(r['in scenario'].message).toContain('(scenario code line 3)');
  });
});
