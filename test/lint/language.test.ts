import { analyzeSandboxCode, checkSandboxLanguage, listDataReads, listRequiredApis } from '../../src/lint';
import { ContainerContext } from '../../src/lint/catalog';

function check(code: string, context: ContainerContext = 'SERVER') {
  return checkSandboxLanguage(code, { context, fileName: 'code.js' });
}

function errorRules(code: string, context: ContainerContext = 'SERVER'): string[] {
  return check(code, context)
    .filter((d) => d.severity === 'error')
    .map((d) => d.rule);
}

describe('unsupported syntax is reported', () => {
  const cases: [string, string, RegExp][] = [
    ['new', 'const JSON = require("JSON"); const x = new JSON();', /`new`/],
    ['this', 'function f() { return this; } f();', /`this`/],
    ['class', 'class A {}', /`class`/],
    ['regex literal', 'const r = /ab+c/;', /regular-expression/],
    ['template literal', 'const s = `x`;', /template literal/],
    ['tagged template', 'const t = (a) => a; t`x`;', /tagged template/],
    ['object destructuring', 'const o = {a: 1}; const {a} = o;', /destructuring/],
    ['array destructuring', 'const [a] = [1];', /destructuring/],
    ['spread', 'const a = [1]; const b = [].concat([0, ...a]);', /spread/],
    ['rest parameter', 'function f(...args) { return args; }', /rest element/],
    ['default parameter', 'function f(a = 1) { return a; }', /default parameter/],
    ['getter', 'const o = { get x() { return 1; } };', /getter\/setter/],
    ['method shorthand', 'const o = { m() { return 1; } };', /method shorthand/],
    ['computed key', 'const k = "a"; const o = { [k]: 1 };', /computed property/],
    ['shorthand property', 'const a = 1; const o = { a };', /shorthand property/],
    ['label', 'outer: for (let i = 0; i < 1; i++) { break outer; }', /label/],
    ['delete', 'const o = {a: 1}; delete o.a;', /`delete`/],
    ['void', 'const v = void 0;', /`void`/],
    ['in operator', 'const o = {}; const has = "a" in o;', /`in` operator/],
    ['instanceof', 'const o = {}; const f = function () {}; const x = o instanceof f;', /instanceof/],
    ['exponent', 'const x = 2 ** 3;', /`\*\*`/],
    ['exponent assignment', 'let x = 2; x **= 3;', /`\*\*=`/],
    ['with', 'const o = {}; with (o) {}', /`with`|strict|with/],
    ['try/catch', 'try { } catch (e) { }', /`try`/],
    ['throw', 'throw "x";', /`throw`/],
    ['do-while', 'let i = 0; do { i++; } while (i < 2);', /do \.\.\. while/],
    ['async function', 'async function f() {}', /async/],
    ['await', 'async function f() { await f(); }', /`await`/],
    ['generator', 'function* g() { yield 1; }', /generator/],
    ['optional chaining', 'const o = {}; const x = o?.a;', /optional chaining/],
    ['nullish coalescing', 'const o = null; const x = o ?? 1;', /nullish/],
    ['logical assignment', 'let x = null; x ??= 1;', /\?\?=/],
    ['sequence expression', 'let a = 0; a = (a++, a);', /comma sequence/],
    ['debugger', 'debugger;', /debugger/],
  ];
  // Errors only where Google documents the absence (src/lint/rules.ts): `new`, `this`, regex literals.
  const DOCUMENTED = new Set(['new', 'this', 'regex literal']);
  test.each(cases)('%s', (name, code, message) => {
    const diagnostics = check(code).filter((d) => d.rule === 'language/unsupported-syntax');
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(message);
    const expected = DOCUMENTED.has(name) ? 'error' : 'warning';
    expect(diagnostics.map((d) => d.severity)).toEqual(diagnostics.map(() => expected));
  });

  test('strictSubset (the build, on our own templates) reports every construct of the subset as an error', () => {
    const lenient = check('let i = 0; do { i++; } while (i < 2);');
    const strict = checkSandboxLanguage('let i = 0; do { i++; } while (i < 2);', { context: 'SERVER', fileName: 'code.js', strictSubset: true });
    expect(lenient.map((d) => d.severity)).toEqual(['warning']);
    expect(strict.map((d) => `${d.rule} ${d.severity}`)).toEqual(['language/unsupported-syntax error']);
  });

  test('import/export is a parse error with a clear message', () => {
    const [diagnostic] = check('import x from "y";');
    expect(diagnostic.rule).toBe('language/parse-error');
    expect(diagnostic.message).toMatch(/import\/export/);
  });

  test('a syntax error reports its line in the file', () => {
    const diagnostics = checkSandboxLanguage('const a = 1;\nconst = 2;', { context: 'SERVER', fileName: 'f.tpl', firstLine: 100 });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'language/parse-error', line: 101, severity: 'error' });
  });
});

describe('supported constructs stay quiet', () => {
  const supported: [string, string][] = [
    ['var/let/const and block scope', 'var a = 1; let b = 2; const c = 3; { let b = 4; } return a + b + c;'],
    ['arrow functions and closures', 'const add = (x) => (y) => x + y; return add(1)(2);'],
    ['function hoisting', 'return twice(2); function twice(n) { return n * 2; }'],
    ['var hoisting inside blocks', 'if (data.x) { var seen = true; } return seen;'],
    ['recursion and named function expression', 'const f = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }; return f(3);'],
    ['arguments in non-arrow functions', 'function f() { return arguments.length; } return f(1, 2);'],
    ['for-in, for-of, while, switch', 'const o = {a: 1}; let t = 0; for (const k in o) { t += o[k]; } for (const v of [1, 2]) { t += v; } while (t > 10) { t--; } switch (t) { case 1: break; default: t = 0; } return t;'],
    ['comma in for header', 'let s = 0; for (let i = 0, j = 10; i < j; i++, j--) { s += i; } return s;'],
    ['compound and bitwise operators', 'let x = 5; x += 1; x -= 1; x *= 2; x /= 2; x %= 3; return (x & 1) | (x ^ 2) | (x << 1) | (x >> 1) | ~x;'],
    ['typeof and equality', 'return typeof data.x === "string" && data.x !== "" && data.y == null;'],
    ['supported string methods', 'return "Abc".toLowerCase().trim().split("b").join("-").replace("a", "b").charAt(0).substring(0).slice(0).indexOf("x");'],
    ['supported array methods', 'return [3, 1].map((x) => x).filter((x) => x).sort().concat([2]).some((x) => x > 1);'],
    ['hasOwnProperty on objects', 'const o = {a: 1}; return o.hasOwnProperty("a");'],
    ['promise methods on API results', 'const sendHttpGet = require("sendHttpGet"); sendHttpGet("https://a.example.com/").then((r) => r).catch((e) => e).finally(() => 0);'],
    ['API objects via require', 'const JSON = require("JSON"); const Math = require("Math"); const Object = require("Object"); return Object.keys(JSON.parse("{}")).length + Math.floor(1.5);'],
    ['require() used inline', 'return require("JSON").stringify({});'],
    ['undefined global', 'return data.x === undefined;'],
    ['user-defined method named like a builtin', 'const finder = { find: function (x) { return x; } }; return finder.find(1);'],
    ['data callbacks', 'data.gtmOnSuccess(); data.gtmOnFailure();'],
  ];
  test.each(supported)('%s', (_name, code) => {
    expect(check(code)).toEqual([]);
  });

  test('web-only APIs are fine in a web template', () => {
    expect(check('const injectScript = require("injectScript"); injectScript("https://a.example.com/x.js", data.gtmOnSuccess, data.gtmOnFailure);', 'WEB')).toEqual([]);
  });
});

describe('identifiers', () => {
  test('undeclared globals are errors, reported once per name with a hint', () => {
    const diagnostics = check('const a = Math.floor(1); const b = Math.ceil(2); const t = Date.now();');
    expect(diagnostics.map((d) => d.rule)).toEqual(['language/undeclared', 'language/undeclared']);
    expect(diagnostics[0].message).toMatch(/'Math'.*require\('Math'\)/);
    expect(diagnostics[1].message).toMatch(/'Date'.*getTimestampMillis/);
  });

  test('a variable used outside its block scope is undeclared', () => {
    expect(errorRules('if (data.x) { let inner = 1; } return inner;')).toEqual(['language/undeclared']);
  });

  test('arguments is available everywhere, arrows included (published test setups rely on it)', () => {
    expect(check('const f = () => arguments.length; return arguments[0] || f(1);')).toEqual([]);
  });

  test('assignment to an undeclared name is reported', () => {
    expect(errorRules('total = 1;')).toEqual(['language/undeclared']);
  });

  test('a regex literal is an error in template code but only a warning in test code', () => {
    expect(check('const r = /a/;')[0]).toMatchObject({ rule: 'language/unsupported-syntax', severity: 'error' });
    const inTests = checkSandboxLanguage('const r = /a/;', { context: 'SERVER', fileName: 't', extraGlobals: ['runCode'] });
    expect(inTests[0]).toMatchObject({ rule: 'language/unsupported-syntax', severity: 'warning' });
  });

  test('test API globals are allowed only when the caller says so', () => {
    const code = 'runCode({}); assertApi("gtmOnSuccess").wasCalled();';
    expect(errorRules(code)).toEqual(['language/undeclared', 'language/undeclared']);
    expect(checkSandboxLanguage(code, { context: 'SERVER', fileName: 't', extraGlobals: ['runCode', 'assertApi'] })).toEqual([]);
  });
});

describe('methods', () => {
  test('undocumented builtins on unknown receivers are errors', () => {
    const diagnostics = check('const s = data.s; return s.includes("a") || s.padStart(2) || s.charCodeAt(0);');
    expect(diagnostics.map((d) => d.rule)).toEqual(Array(3).fill('language/unsupported-method'));
  });

  test('bind/call/apply are errors', () => {
    expect(errorRules('function f() {} f.call(null); f.apply(null, []); f.bind(null);')).toEqual(Array(3).fill('language/unsupported-method'));
  });

  test('startsWith is a warning (it works in a published template but is undocumented)', () => {
    const [diagnostic] = check('return data.s.startsWith("http");');
    expect(diagnostic).toMatchObject({ rule: 'language/undocumented-method', severity: 'warning' });
  });

  test('unknown method names on unknown receivers are allowed', () => {
    expect(check('const o = data.obj; return o.whatever(1);')).toEqual([]);
  });

  test('literal receivers must use their type’s supported methods', () => {
    expect(errorRules('return "abc".anything();')).toEqual(['language/unsupported-method']);
    expect(errorRules('return [1].keys();')).toEqual(['language/unsupported-method']);
  });

  test('members of API objects are checked, through the local name', () => {
    const diagnostics = check('const M = require("Math"); const J = require("JSON"); return M.random() + J.parse("1") + M.round(1);');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'language/unknown-api-member' });
    expect(diagnostics[0].message).toMatch(/Math\.random/);
  });

  test('a local that shadows an API name is not treated as the API', () => {
    expect(check('function f(Math) { return Math.random(); } return f({ random: function () { return 4; } });')).toEqual([]);
  });
});

describe('require', () => {
  test('a required API that is never used is a warning', () => {
    const diagnostics = check('const JSON = require("JSON"); const log = require("logToConsole"); return JSON.stringify({});');
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'apis/unused-require', severity: 'warning' })]);
    expect(diagnostics[0].message).toMatch(/'logToConsole' is required \(as log\)/);
  });

  test('a non-literal argument is a warning (no public evidence that GTM refuses it)', () => {
    expect(errorRules('const name = "JSON"; require(name);')).toEqual([]);
    expect(check('const name = "JSON"; require(name);').map((d) => `${d.rule} ${d.severity}`)).toContain('language/require-literal warning');
  });

  test('an API of the other context is an error naming the context', () => {
    const [diagnostic] = check('require("sendHttpRequest");', 'WEB');
    expect(diagnostic.rule).toBe('apis/unknown-api');
    expect(diagnostic.message).toMatch(/only in SERVER/);
  });

  test('an unknown API is an error', () => {
    expect(errorRules('require("fetch");')).toEqual(['apis/unknown-api']);
  });

  test('listRequiredApis returns names and file lines in order', () => {
    const code = 'const a = require("JSON");\n\nconst b = require("getType");';
    expect(listRequiredApis(code, { firstLine: 10 })).toEqual([
      { name: 'JSON', line: 10, column: 11 },
      { name: 'getType', line: 12, column: 11 },
    ]);
  });

  test('listRequiredApis still answers when the code does not parse', () => {
    expect(listRequiredApis('const a = require("JSON");\nconst = ;').map((r) => r.name)).toEqual(['JSON']);
  });
});

describe('facts for the other rules', () => {
  test('data reads: dot, literal brackets, first occurrence each; callbacks excluded', () => {
    const reads = listDataReads('const a = data.alpha; const b = data["beta"]; const c = data.alpha; data.gtmOnSuccess();');
    expect(reads.map((r) => r.name)).toEqual(['alpha', 'beta']);
  });

  test('data.hasOwnProperty("x") reads x, and is not itself a parameter', () => {
    expect(listDataReads('if (data.hasOwnProperty("pixel")) return data.pixel;').map((r) => r.name)).toEqual(['pixel']);
    expect(analyzeSandboxCode('const k = "a"; return data.hasOwnProperty(k);', { context: 'SERVER', fileName: 'x' }).dataDynamicAccess).toBe(true);
  });

  test('writing data.x is not a read of x', () => {
    expect(listDataReads('data.cache = 1; return data.input;').map((r) => r.name)).toEqual(['input']);
  });

  test('dynamic data access and escapes are detected', () => {
    expect(analyzeSandboxCode('const k = "a"; return data[k];', { context: 'SERVER', fileName: 'x' }).dataDynamicAccess).toBe(true);
    const escaped = analyzeSandboxCode('const JSON = require("JSON"); return JSON.stringify(data);', { context: 'SERVER', fileName: 'x' });
    expect(escaped.dataEscapes).toBe(true);
  });

  test('data passed to a local helper is followed through the parameter', () => {
    const analysis = analyzeSandboxCode('function build(settings) { return settings.pixel; } return build(data);', { context: 'SERVER', fileName: 'x' });
    expect(analysis.dataEscapes).toBe(false);
    expect(analysis.dataAliasReads.map((r) => r.name)).toContain('pixel');
  });

  test('API calls record statically visible arguments', () => {
    const analysis = analyzeSandboxCode(
      'const send = require("sendHttpRequest"); const BASE = "https://a.example.com/"; send(BASE + "v1/" + data.path); send(data.url);',
      { context: 'SERVER', fileName: 'x' },
    );
    expect(analysis.apiCalls.map((c) => c.args[0])).toEqual([
      { kind: 'prefix', value: 'https://a.example.com/v1/' },
      { kind: 'unknown' },
    ]);
  });

  test('an API called straight from require() is recorded', () => {
    const analysis = analyzeSandboxCode('const push = require("createQueue")("dataLayer"); push({});', { context: 'WEB', fileName: 'x' });
    expect(analysis.apiCalls).toEqual([expect.objectContaining({ api: 'createQueue', args: [{ kind: 'exact', value: 'dataLayer' }] })]);
  });

  test('mentionsGtmCallbacks is true when the code passes a callback along', () => {
    const analysis = analyzeSandboxCode('const f = (cb) => cb(); f(data.gtmOnSuccess);', { context: 'SERVER', fileName: 'x' });
    expect(analysis.mentionsGtmCallbacks).toBe(true);
  });

  test('diagnostic lines are shifted by firstLine and columns are 1-based', () => {
    const [diagnostic] = checkSandboxLanguage('\n  const x = new Y();', { context: 'SERVER', fileName: 'f.tpl', section: 'SANDBOXED_JS_FOR_SERVER', firstLine: 40 });
    expect(diagnostic).toMatchObject({ line: 41, column: 13, file: 'f.tpl', section: 'SANDBOXED_JS_FOR_SERVER' });
  });
});
