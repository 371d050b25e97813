import { loadTemplate, runTemplate, TemplateLoadError } from '../../src/sandbox';
import type { LoadedTemplate } from '../../src/sandbox';
import { stubProvider, tplText, TplSpec } from './helpers';

let counter = 0;
/** Loads an in-memory template; the language check is off so isolation can be probed directly. */
function load(spec: TplSpec, languageCheck = false): LoadedTemplate {
  counter++;
  return loadTemplate(tplText(spec), { fileName: `fixture-${counter}.tpl`, languageCheck });
}

const run = (template: LoadedTemplate, data: Record<string, unknown> = {}, env = {}, timeoutMs = 2000) =>
  runTemplate(template, data, env, { timeoutMs, provider: stubProvider });

const macro = (code: string) => load({ type: 'MACRO', code });

describe('isolation', () => {
  test('no Node or JavaScript globals are reachable', async () => {
    const names = ['Math', 'JSON', 'Object', 'Array', 'Date', 'Promise', 'eval', 'Function', 'globalThis', 'process',
      'setTimeout', 'console', 'Reflect', 'Symbol', 'parseInt', 'encodeURIComponent', 'Buffer', 'module'];
    const template = macro(`return [${names.map((n) => `typeof ${n}`).join(', ')}];`);
    const result = await run(template);
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual(names.map(() => 'undefined'));
  });

  test('only data, require and undefined are available to the code', async () => {
    const result = await run(macro('return [typeof data, typeof require, typeof undefined];'), { a: 1 });
    expect(result.returnValue).toEqual(['object', 'function', 'undefined']);
  });

  test('built-in prototypes are trimmed to the documented methods plus hasOwnProperty', async () => {
    const probes = ["''.startsWith", '[].includes', '[].find', "''.repeat", "''.charCodeAt", '(1).toFixed', '(() => 1).call',
      '(() => 1).apply', '(() => 1).bind', '({}).constructor', '[].constructor', "''.constructor", '(() => 1).constructor',
      '({}).__proto__', '({}).__defineGetter__'];
    const result = await run(macro(`return [${probes.map((p) => `typeof ${p}`).join(', ')}];`));
    expect(result.returnValue).toEqual(probes.map(() => 'undefined'));
  });

  test('documented methods work', async () => {
    const code = `
      const words = ' b,a,c '.trim().split(',');
      words.sort();
      const o = {k: 1};
      let forOf = '';
      for (const w of words) forOf += w;
      return [words.join('-'), words.map((w) => w.toUpperCase()).concat(['d']).slice(1).indexOf('C'),
        o.hasOwnProperty('k'), 'a+b'.replace('+', ' '), 'abc'.match('^a(b)')[1], 'abc'.search('c'),
        [1, 2, 3].reduce((s, x) => s + x, 0), forOf, (12).toString(), 'x'.charAt(0)];`;
    const result = await run(macro(code));
    expect(result.returnValue).toEqual(['a-b-c', 1, true, 'a b', 'b', 2, 6, 'abc', '12', 'x']);
  });

  test('regexes from an API stay usable by String.prototype.replace inside the sandbox', async () => {
    const code = `const createRegex = require('createRegex');
      return '+1 (555) 000'.replace(createRegex('[^0-9]', 'g'), '');`;
    expect((await run(macro(code))).returnValue).toBe('1555000');
  });

  test('no code generation from strings, and `this` is undefined', async () => {
    const result = await run(macro('const f = function () { return this; }; return [typeof f(), typeof arguments];'));
    expect(result.returnValue).toEqual(['undefined', 'object']);
  });

  test('no constructor is reachable from API values, errors or promises', async () => {
    const code = `
      const P = require('Promise');
      const JSON = require('JSON');
      const out = [typeof require.constructor, typeof JSON.parse.constructor, typeof JSON.parse('{"a":1}').constructor,
        typeof require('getAllEventData')().constructor];
      return P.create((resolve, reject) => require('setCookie')('x', 'y'))
        .catch((permissionError) => { out.push(typeof permissionError.constructor, permissionError.message.indexOf('set_cookies') >= 0); })
        .then(() => P.create((resolve) => resolve(data.missing.field)))
        .catch((engineError) => { out.push(typeof engineError.constructor); return out; });`;
    const result = await run(macro(code));
    expect(result.returnValue).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', true, 'undefined']);
  });

  test('a returned object is a plain host object (no sandbox prototype leaks out)', async () => {
    const result = await run(macro('return {list: [1, {x: 2}]};'));
    const value = result.returnValue as { list: unknown[] };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Array.isArray(value.list)).toBe(true);
    expect(Object.getPrototypeOf(value.list)).toBe(Array.prototype);
    expect(value).toEqual({ list: [1, { x: 2 }] });
  });
});

describe('copying across the boundary', () => {
  test('the template cannot mutate the host data object', async () => {
    const data = { list: [1], nested: { a: 'x' } };
    const result = await run(macro('data.list.push(2); data.nested.a = "changed"; data.added = true; return data.list.length;'), data);
    expect(result.returnValue).toBe(2);
    expect(data).toEqual({ list: [1], nested: { a: 'x' } });
  });

  test('event data returned by an API is a copy', async () => {
    const eventData = { user: { email: 'x' } };
    const code = `const e = require('getAllEventData')(); e.user.email = 'y'; return require('getAllEventData')().user.email;`;
    const result = await run(macro(code), {}, { eventData });
    expect(result.returnValue).toBe('x');
    expect(eventData.user.email).toBe('x');
  });

  test('API calls are recorded with copied arguments', async () => {
    const code = `const log = require('logToConsole'); const o = {a: 1}; log('msg', o); o.a = 2; data.gtmOnSuccess();`;
    const result = await run(load({ code }));
    expect(result.record.apiCalls).toEqual([
      { name: 'logToConsole', args: ['msg', { a: 1 }] },
      { name: 'gtmOnSuccess', args: [] },
    ]);
    expect(result.record.logs[0].text).toBe('msg {"a":1}');
  });

  test('APIs marked RAW_ARGUMENTS act on the sandbox objects themselves', async () => {
    const rawDelete = Object.assign(
      (target: Record<string, unknown>, key: string) => {
        delete target[key];
        return target;
      },
      { [Symbol.for('gtm-sandbox.rawArguments')]: true },
    );
    const provider = {
      ...stubProvider,
      tables: { ...stubProvider.tables, SERVER: { ...stubProvider.tables.SERVER, Object: () => ({ delete: rawDelete }) } },
    };
    const code = "const o = {a: 1, b: 2}; const same = require('Object').delete(o, 'a') === o; return [same, o];";
    const result = await runTemplate(macro(code), {}, {}, { provider });
    expect(result.returnValue).toEqual([true, { b: 2 }]);
    expect(result.record.apiCalls).toEqual([{ name: 'Object.delete', args: [{ a: 1, b: 2 }, 'a'] }]);
  });

  test('an unknown require name gives undefined at run time', async () => {
    // Unknown names are refused when loading a template's own code; a computed name reaches run time.
    const result = await run(macro("const name = 'no' + 'SuchApi'; return typeof require(name);"));
    expect(result.returnValue).toBe('undefined');
  });
});

describe('outcomes', () => {
  test('a tag calling gtmOnSuccess succeeds; gtmOnFailure fails', async () => {
    expect((await run(load({ code: 'data.gtmOnSuccess();' }))).outcome).toBe('success');
    const failed = await run(load({ code: 'data.gtmOnFailure();' }));
    expect(failed.outcome).toBe('failure');
    expect(failed.failureCalls).toBe(1);
  });

  test('a throwing tag ends with outcome exception, naming the message and the .tpl line', async () => {
    const template = load({ code: 'const x = data.missing;\nx.toUpperCase();\ndata.gtmOnSuccess();' });
    const result = await run(template);
    expect(result.outcome).toBe('exception');
    expect(result.message).toMatch(/Cannot read properties of undefined/);
    // The throwing statement is the second line of the code section.
    expect(result.message).toContain(`${template.fileName}:${template.codeLine + 1}`);
  });

  test('a throwing variable has no value', async () => {
    const result = await run(macro('return data.a.b;'));
    expect(result.outcome).toBe('exception');
    expect(result).not.toHaveProperty('returnValue');
  });

  test('a permission refusal is an exception naming the permission', async () => {
    const result = await run(load({ code: "require('setCookie')('a', 'b'); data.gtmOnSuccess();" }));
    expect(result.outcome).toBe('exception');
    expect(result.message).toContain('set_cookies');
  });

  test('a variable returning a promise takes the resolved value', async () => {
    const code = "const Promise = require('Promise'); return Promise.create((resolve) => resolve({v: 42})).then((x) => x.v + 1);";
    expect((await run(macro(code))).returnValue).toBe(43);
  });

  test('language violations give outcome rejected with file, section and line', async () => {
    const template = loadTemplate(tplText({ type: 'MACRO', code: 'const a = 1;\nreturn new Foo();' }), {
      fileName: 'bad.tpl',
      deferProblems: true,
    });
    const result = await run(template);
    expect(result.outcome).toBe('rejected');
    expect(result.message).toMatch(new RegExp(`^bad\\.tpl:${template.codeLine + 1} \\[SANDBOXED_JS_FOR_SERVER\\]`));
  });
});

/** 1-based line where the code section's content starts in a generated .tpl. */
const codeLineOf = (text: string) => text.split('\n').indexOf('___SANDBOXED_JS_FOR_SERVER___') + 3;

describe('malformed templates', () => {
  const expectLoadError = (text: string, pattern: RegExp) => {
    expect(() => loadTemplate(text, { fileName: 'broken.tpl' })).toThrow(TemplateLoadError);
    expect(() => loadTemplate(text, { fileName: 'broken.tpl' })).toThrow(pattern);
  };

  test('missing code section', () => {
    expectLoadError('___INFO___\n\n{"type":"TAG","containerContexts":["SERVER"]}\n', /broken\.tpl:0 \[SANDBOXED_JS_FOR_SERVER\] missing/);
  });

  test('bad JSON in INFO', () => {
    expectLoadError('___INFO___\n\n{"type": TAG}\n\n\n___SANDBOXED_JS_FOR_SERVER___\n\nreturn 1;\n', /broken\.tpl:3 \[INFO\] invalid JSON/);
  });

  test('bad YAML in TESTS', () => {
    const text = tplText({ code: 'data.gtmOnSuccess();', tests: 'scenarios:\n- name: a\n  code: [unclosed' });
    expectLoadError(text, /\[TESTS\] invalid YAML/);
  });

  test('unknown API', () => {
    const text = tplText({ code: "require('fetchEverything');" });
    expectLoadError(text, /\[SANDBOXED_JS_FOR_SERVER\] .*fetchEverything/);
    // The emulator's own check, without the linter's language pass.
    expect(() => loadTemplate(text, { fileName: 'nolint.tpl', languageCheck: false })).toThrow(
      /nolint\.tpl:\d+ \[SANDBOXED_JS_FOR_SERVER\] require\('fetchEverything'\): unknown server API/,
    );
  });

  test('syntax error and syntax outside the subset name the line', () => {
    const first = codeLineOf(tplText({ code: '' }));
    expectLoadError(tplText({ code: 'const a = ;' }), new RegExp(`broken\\.tpl:${first} \\[SANDBOXED_JS_FOR_SERVER\\]`));
    expectLoadError(
      tplText({ code: 'data.gtmOnSuccess();\nconst t = new Thing();' }),
      new RegExp(`broken\\.tpl:${first + 1} \\[SANDBOXED_JS_FOR_SERVER\\]`),
    );
  });
});

describe('time limits', () => {
  test('an infinite loop in the synchronous code times out', async () => {
    const result = await run(load({ code: 'while (true) {}' }), {}, {}, 200);
    expect(result.outcome).toBe('timeout');
  });

  test('an infinite loop inside a callLater callback is stopped too', async () => {
    const code = "require('callLater')(() => { let i = 0; for (;;) { i++; } }); data.gtmOnSuccess();";
    const result = await run(load({ code }), {}, {}, 200);
    expect(result.outcome).toBe('success'); // the tag reported success before the callback looped
    expect(result.message).toMatch(/time limit/);
  });

  test('an endless promise chain is stopped', async () => {
    const code = "const P = require('Promise'); const loop = () => P.create((r) => r()).then(loop); loop();";
    const result = await run(load({ code }), {}, {}, 200);
    expect(result.outcome).toBe('timeout');
  });

  test('a tag that never calls gtmOnSuccess/gtmOnFailure times out', async () => {
    const result = await run(load({ code: "require('logToConsole')('hi');" }), {}, {}, 200);
    expect(result.outcome).toBe('timeout');
    expect(result.message).toMatch(/never called/);
  });

  test('a tag waiting on a request that never answers times out at the limit', async () => {
    const env = { http: () => new Promise(() => undefined) };
    const code = "require('sendHttpRequest')('https://x.test/', {}, '').then(data.gtmOnSuccess);";
    const result = await run(load({ code }), {}, env, 150);
    expect(result.outcome).toBe('timeout');
    expect(result.message).toMatch(/within 150 ms/);
  });
});

describe('asynchronous work', () => {
  test('promise reactions run before callLater callbacks queued later, callbacks one by one', async () => {
    const code = `
      const Promise = require('Promise'); const callLater = require('callLater'); const log = require('logToConsole');
      callLater(() => log('later1'));
      Promise.create((r) => r()).then(() => { log('then1'); return Promise.create((r) => r()); }).then(() => log('then2'));
      log('sync');
      callLater(() => {
        log('later2');
        Promise.create((r) => r()).then(() => log('then3'));
        callLater(() => log('later3'));
      });
      callLater(() => { log('later4'); data.gtmOnSuccess(); });`;
    const result = await run(load({ code }));
    expect(result.outcome).toBe('success');
    expect(result.record.logs.map((l) => l.text)).toEqual(['sync', 'then1', 'then2', 'later1', 'later2', 'then3', 'later4', 'later3']);
  });

  test('really asynchronous HTTP answers are awaited (tracked work)', async () => {
    const env = {
      http: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 201, headers: {}, body: 'ok' }), 20)),
    };
    const code = `require('sendHttpRequest')('https://x.test/a', {method: 'POST'}, 'b').then((r) => {
        if (r.statusCode === 201) data.gtmOnSuccess(); else data.gtmOnFailure();
      });`;
    const result = await run(load({ code }), {}, env);
    expect(result.outcome).toBe('success');
    expect(result.record.requests[0].request).toMatchObject({ url: 'https://x.test/a', method: 'POST', body: 'b' });
  });

  test('callback-form API callbacks run and may complete the tag', async () => {
    const code = "require('sendHttpRequest')('https://x.test/', (status) => status === 200 ? data.gtmOnSuccess() : data.gtmOnFailure(), {}, '');";
    expect((await run(load({ code }))).outcome).toBe('success');
  });

  test('an unhandled sandbox rejection does not disturb the host', async () => {
    const code = "const P = require('Promise'); P.create((resolve, reject) => reject('nope')); data.gtmOnSuccess();";
    expect((await run(load({ code }))).outcome).toBe('success');
  });
});

describe('production clock', () => {
  test('the clock is env.now, else the real time', async () => {
    const template = macro("return require('getTimestampMillis')();");
    expect((await run(template, {}, { now: () => 1234 })).returnValue).toBe(1234);
    const real = (await run(template)).returnValue as number;
    expect(Math.abs(real - Date.now())).toBeLessThan(60_000);
  });
});
