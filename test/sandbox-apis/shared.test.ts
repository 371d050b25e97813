import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import { serverApis, wantsRawArguments, webApis } from '../../src/sandbox/apis';
import { tplText } from '../sandbox/helpers';
import { api, makeHost } from './helpers';

const serverHost = (permissions = {}, env = {}) => makeHost('SERVER', env, permissions);

describe('JSON, Math, Object', () => {
  const host = serverHost();
  const json = api<{ parse(t: unknown): unknown; stringify(v: unknown): unknown }>(host, 'JSON');
  const math = api<Record<string, (...a: unknown[]) => number>>(host, 'Math');
  const object = api<Record<string, (...a: unknown[]) => unknown>>(host, 'Object');

  test('JSON.parse returns undefined on invalid text, stringify undefined on cycles', () => {
    expect(json.parse('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(json.parse('{bad')).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(json.stringify(cyclic)).toBeUndefined();
    expect(json.stringify({ a: 1 })).toBe('{"a":1}');
  });

  test('Math coerces its arguments', () => {
    expect(math.floor('3.7')).toBe(3);
    expect(math.ceil('3.2')).toBe(4);
    expect(math.abs('-2')).toBe(2);
    expect(math.max('1', 5, '3')).toBe(5);
    expect(math.min('1', 5, '3')).toBe(1);
    expect(math.pow('2', '10')).toBe(1024);
    expect(math.round('2.5')).toBe(3);
    expect(math.sqrt('16')).toBe(4);
  });

  test('Object keys/values/entries/freeze/delete', () => {
    const value = { a: 1, b: 2 };
    expect(object.keys(value)).toEqual(['a', 'b']);
    expect(object.values(value)).toEqual([1, 2]);
    expect(object.entries(value)).toEqual([['a', 1], ['b', 2]]);
    expect(object.keys('str')).toEqual([]);
    expect(object.delete(value, 'a')).toBe(true);
    expect(value).toEqual({ b: 2 });
    object.freeze(value);
    expect(object.delete(value, 'b')).toBe(false);
  });
});

describe('conversions and types', () => {
  const host = serverHost();
  test('makeInteger truncates, makeNumber and makeString coerce', () => {
    expect(api(host, 'makeInteger')('3.9')).toBe(3);
    expect(api(host, 'makeInteger')(-3.9)).toBe(-3);
    expect(api(host, 'makeNumber')('12.5')).toBe(12.5);
    expect(api(host, 'makeNumber')('abc')).toBeNaN();
    expect(api(host, 'makeString')([1, 2])).toBe('1,2');
    expect(api(host, 'makeString')({ a: 1 })).toBe('[object Object]');
    expect(api(host, 'makeString')(null)).toBe('null');
    expect(api(host, 'makeString')(42)).toBe('42');
  });

  test('makeString is total: keys named toString/valueOf are data, never called', () => {
    const makeString = api<(v: unknown) => string>(host, 'makeString');
    // A JSON variable can give a table cell {"toString": 0}; String() would throw on it.
    expect(makeString({ toString: 0 })).toBe('[object Object]');
    expect(makeString({ toString: null, valueOf: 'x' })).toBe('[object Object]');
    let called = 0;
    const sneaky = { toString: () => { called++; return 'from user code'; }, valueOf: () => { called++; return 7; } };
    expect(makeString(sneaky)).toBe('[object Object]');
    expect(makeString([sneaky, { toString: 0 }, 'a'])).toBe('[object Object],[object Object],a');
    expect(called).toBe(0);
  });

  test('makeString joins arrays like Array.prototype.join, cycles included', () => {
    const makeString = api<(v: unknown) => string>(host, 'makeString');
    expect(makeString([1, null, undefined, [2, [3, 'x']], true])).toBe('1,,,2,3,x,true');
    expect(makeString([])).toBe('');
    const cyclic: unknown[] = ['a'];
    cyclic.push(cyclic);
    expect(makeString(cyclic)).toBe(String(['a', []]));
    expect(makeString(undefined)).toBe('undefined');
    expect(makeString('text')).toBe('text');
    expect(makeString(-1.5)).toBe('-1.5');
    expect(makeString(false)).toBe('false');
  });

  test('makeTableMap', () => {
    const rows = [{ key: 'a', value: 1 }, { key: 'b', value: 2 }];
    expect(api(host, 'makeTableMap')(rows, 'key', 'value')).toEqual({ a: 1, b: 2 });
    expect(api(host, 'makeTableMap')('nope', 'key', 'value')).toBeNull();
  });

  test('getType', () => {
    const getType = api(host, 'getType');
    expect([getType([]), getType(null), getType(undefined), getType({}), getType('s'), getType(1), getType(true), getType(() => 1)]).toEqual([
      'array', 'null', 'undefined', 'object', 'string', 'number', 'boolean', 'function',
    ]);
  });
});

describe('URL and encoding helpers', () => {
  const host = serverHost();
  test('parseUrl shape, repeated parameters as arrays, undefined when invalid', () => {
    const parsed = api(host, 'parseUrl')('https://user:pw@shop.example.co.uk:8080/p/a.html?x=1&y=2&x=3#frag');
    expect(parsed).toEqual({
      href: 'https://user:pw@shop.example.co.uk:8080/p/a.html?x=1&y=2&x=3#frag',
      origin: 'https://shop.example.co.uk:8080',
      protocol: 'https:',
      username: 'user',
      password: 'pw',
      host: 'shop.example.co.uk:8080',
      hostname: 'shop.example.co.uk',
      port: '8080',
      pathname: '/p/a.html',
      search: '?x=1&y=2&x=3',
      searchParams: { x: ['1', '3'], y: '2' },
      hash: '#frag',
    });
    expect(api(host, 'parseUrl')('not a url')).toBeUndefined();
  });

  test('encode/decode return undefined on malformed input', () => {
    expect(api(host, 'encodeUriComponent')('a b&c')).toBe('a%20b%26c');
    expect(api(host, 'encodeUri')('https://x.com/a b')).toBe('https://x.com/a%20b');
    expect(api(host, 'encodeUriComponent')('\uD800')).toBeUndefined();
    expect(api(host, 'decodeUriComponent')('%E0%A4%A')).toBeUndefined();
    expect(api(host, 'decodeUri')('%zz')).toBeUndefined();
    expect(api(host, 'decodeUriComponent')('a%20b')).toBe('a b');
  });

  test('toBase64 / fromBase64 incl. urlEncoding', () => {
    expect(api(host, 'toBase64')('héllo?>')).toBe(Buffer.from('héllo?>').toString('base64'));
    expect(api(host, 'toBase64')('??>>', { urlEncoding: true })).toBe(Buffer.from('??>>').toString('base64url'));
    expect(api(host, 'fromBase64')(Buffer.from('héllo').toString('base64'))).toBe('héllo');
    expect(api(host, 'fromBase64')(Buffer.from('??>>').toString('base64url'))).toBe('??>>');
    expect(api(host, 'fromBase64')('not base64!')).toBeUndefined();
  });

  test('computeEffectiveTldPlusOne', () => {
    const etld = api(host, 'computeEffectiveTldPlusOne');
    expect(etld('www.shop.example.co.uk')).toBe('example.co.uk');
    expect(etld('a.b.example.com')).toBe('example.com');
    expect(etld('https://www.example.com.au/path')).toBe('example.com.au');
    expect(etld('co.uk')).toBe('');
    expect(etld('localhost')).toBe('');
    expect(etld('not a domain!')).toBe('');
    expect(etld(undefined)).toBeUndefined();
  });
});

describe('hashing, random, time, regex, callLater, Promise', () => {
  test('sha256Sync base64 by default and hex on request', () => {
    const host = serverHost();
    expect(api(host, 'sha256Sync')('abc')).toBe(createHash('sha256').update('abc').digest('base64'));
    expect(api(host, 'sha256Sync')('abc', { outputEncoding: 'hex' })).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  test('sha256 delivers the digest asynchronously', async () => {
    const host = serverHost();
    const digests: unknown[] = [];
    api(host, 'sha256')('abc', (digest: string) => digests.push(digest), { outputEncoding: 'hex' });
    expect(digests).toEqual([]);
    await host.flush();
    expect(digests).toEqual([createHash('sha256').update('abc').digest('hex')]);
  });

  test('generateRandom is inclusive and uses env.random', () => {
    const low = serverHost({}, { random: () => 0 });
    const high = serverHost({}, { random: () => 0.999999 });
    expect(api(low, 'generateRandom')(5, 10)).toBe(5);
    expect(api(high, 'generateRandom')(5, 10)).toBe(10);
  });

  test('getTimestamp / getTimestampMillis come from host.now()', () => {
    expect(api(serverHost(), 'getTimestampMillis')()).toBe(0);
    expect(api(serverHost({}, { now: () => 1234 }), 'getTimestamp')()).toBe(1234);
  });

  test('createRegex: g and i only, RE2 rejects look-around; testRegex is stateful with g', () => {
    const host = serverHost();
    const createRegex = api(host, 'createRegex');
    const regex = createRegex('a+', 'g');
    expect(regex).toBeInstanceOf(RegExp);
    expect('caaab'.replace(regex, 'x')).toBe('cxb');
    expect(createRegex('a', 'm')).toBeNull();
    expect(createRegex('(?=a)')).toBeNull();
    expect(createRegex('(a)\\1')).toBeNull();
    expect(createRegex('[')).toBeNull();
    const sticky = createRegex('a', 'g');
    expect(api(host, 'testRegex')(sticky, 'a')).toBe(true);
    expect(api(host, 'testRegex')(sticky, 'a')).toBe(false);
    expect(api(host, 'testRegex')(createRegex('A', 'i'), 'xa')).toBe(true);
  });

  test('callLater queues through the host', async () => {
    const host = serverHost();
    const calls: number[] = [];
    api(host, 'callLater')(() => calls.push(1));
    expect(calls).toEqual([]);
    await host.flush();
    expect(calls).toEqual([1]);
  });

  test('Promise.create and Promise.all (server only)', async () => {
    const host = serverHost();
    const promiseApi = api<{ create(r: unknown): Promise<unknown>; all(l: unknown[]): Promise<unknown[]> }>(host, 'Promise');
    await expect(promiseApi.create((resolve: (v: unknown) => void) => resolve(3))).resolves.toBe(3);
    await expect(promiseApi.all([promiseApi.create((resolve: (v: unknown) => void) => resolve(1)), 2])).resolves.toEqual([1, 2]);
    expect(webApis.Promise).toBeUndefined();
    expect(webApis.sha256Sync).toBeUndefined();
    expect(serverApis.Promise).toBeDefined();
  });

  test('queryPermission', () => {
    const host = serverHost({ get_cookies: { cookieAccess: 'specific', cookieNames: ['_ttp'] }, logging: { environments: 'debug' } });
    expect(api(host, 'queryPermission')('get_cookies', '_ttp')).toBe(true);
    expect(api(host, 'queryPermission')('get_cookies', '_fbp')).toBe(false);
    // Test mode without an explicit containerVersion counts as debug.
    expect(api(host, 'queryPermission')('logging')).toBe(true);
    const production = makeHost('SERVER', { containerVersion: { debugMode: false, previewMode: false } }, { logging: { environments: 'debug' } });
    expect(api(production, 'queryPermission')('logging')).toBe(false);
  });
});

describe('logToConsole and getContainerVersion', () => {
  test('logs GTM-like text when permitted', () => {
    const host = serverHost({ logging: { environments: 'all' } });
    api(host, 'logToConsole')('Response', { status: 200 }, [1], 5, undefined);
    expect(host.record.logs).toEqual([{ args: ['Response', { status: 200 }, [1], 5, undefined], text: 'Response {"status":200} [1] 5 undefined' }]);
  });

  test('debug-only logging is silent in production, allowed in preview', () => {
    const production = makeHost('SERVER', { containerVersion: { debugMode: false, previewMode: false } }, { logging: { environments: 'debug' } });
    api(production, 'logToConsole')('hidden');
    expect(production.record.logs).toEqual([]);
    const preview = makeHost('SERVER', { containerVersion: { previewMode: true } }, { logging: { environments: 'debug' } }, { testMode: false });
    api(preview, 'logToConsole')('shown');
    expect(preview.record.logs.map((line) => line.text)).toEqual(['shown']);
  });

  test('logging without the permission suppresses the message and does not throw', () => {
    for (const context of ['SERVER', 'WEB'] as const) {
      const host = makeHost(context, {}, {});
      expect(() => api(host, 'logToConsole')('x')).not.toThrow();
      expect(host.record.logs).toEqual([]);
    }
  });

  test('getContainerVersion defaults and overrides; needs read_container_data', () => {
    const host = serverHost({ read_container_data: {} }, { containerVersion: { containerId: 'GTM-ABC', previewMode: true } });
    expect(api(host, 'getContainerVersion')()).toEqual({
      containerId: 'GTM-ABC', debugMode: false, environmentName: '', environmentMode: false, previewMode: true, version: '0',
    });
    expect(() => api(serverHost(), 'getContainerVersion')()).toThrow(/read_container_data/);
  });
});

describe('APIs that need the sandbox objects themselves', () => {
  test('Object.freeze/delete and testRegex are marked RAW_ARGUMENTS; others are not', () => {
    const host = serverHost();
    const object = api<Record<string, unknown>>(host, 'Object');
    expect(wantsRawArguments(object.freeze)).toBe(true);
    expect(wantsRawArguments(object.delete)).toBe(true);
    expect(wantsRawArguments(api(host, 'testRegex'))).toBe(true);
    expect(wantsRawArguments(object.keys)).toBe(false);
    expect(wantsRawArguments(api(host, 'getType'))).toBe(false);
  });

  test('testRegex accepts a regex from another realm and keeps its lastIndex', () => {
    const foreign = runInNewContext("new RegExp('a', 'g')") as RegExp;
    const testRegex = api(serverHost(), 'testRegex');
    expect(testRegex(foreign, 'a')).toBe(true);
    expect(foreign.lastIndex).toBe(1);
    expect(testRegex(foreign, 'a')).toBe(false);
  });
});

describe('makeString inside the sandbox runtime', () => {
  // The value crosses the realm boundary (copyOut) before the host makeString sees it.
  test('objects with a toString key give [object Object]; a sandbox toString function is not run', async () => {
    const code = [
      "const makeString = require('makeString');",
      'let runs = 0;',
      'const withFunction = { toString: function () { runs++; return "user"; } };',
      'const cyclic = [1];',
      'cyclic.push(cyclic);',
      'return [makeString({ toString: 0 }), makeString(withFunction), makeString([{ toString: 0 }, 2]), makeString(cyclic), runs];',
    ].join('\n');
    const template = loadTemplate(tplText({ type: 'MACRO', code }), { fileName: 'make-string.tpl', languageCheck: false });
    const result = await runTemplate(template, {}, {});
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual(['[object Object]', '[object Object]', '[object Object],2', '1,', 0]);
  });
});
