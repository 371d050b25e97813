import * as path from 'path';
import * as acorn from 'acorn';
import { compileTemplate, postProcess, restoreParameterNames, sandboxApiNames } from '../../build/compile';
import { problemsOf } from './build-problems';
import type { ContainerContext, TemplateType } from '../../src/tpl/definition';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'build');

function compileFixture(dir: string, context: ContainerContext, type: TemplateType) {
  return compileTemplate({ templateId: path.basename(dir), entry: path.join(FIXTURES, dir, 'main.ts'), context, type });
}

describe('compileTemplate on the good fixtures', () => {
  const serverTag = compileFixture('server-tag', 'SERVER', 'TAG');
  const webMacro = compileFixture('web-macro', 'WEB', 'MACRO');

  it('turns API imports into sorted string-literal requires, one per used API', () => {
    const requireLines = serverTag.code.split('\n').filter((line) => line.includes('require('));
    expect(requireLines).toEqual([
      "const JSON = require('JSON');",
      "const getAllEventData = require('getAllEventData');",
      "const logToConsole = require('logToConsole');",
      "const sendHttpRequest = require('sendHttpRequest');",
      "const sha256Sync = require('sha256Sync');",
    ]);
    expect(serverTag.requiredApis).toEqual(['JSON', 'getAllEventData', 'logToConsole', 'sendHttpRequest', 'sha256Sync']);
    expect(webMacro.requiredApis).toEqual(['copyFromDataLayer', 'makeString']);
  });

  it('leaves no ESM syntax, no void 0, no shorthand properties and no path comments', () => {
    for (const { code } of [serverTag, webMacro]) {
      expect(code).not.toMatch(/^\s*(import|export)\b/m);
      expect(code).not.toContain('void 0');
      expect(code).not.toMatch(/^\/\/ (src|test)\//m);
      const program = acorn.parse(code, { ecmaVersion: 'latest', allowReturnOutsideFunction: true });
      const shorthand: unknown[] = [];
      JSON.stringify(program, (key, value) => {
        if (value && value.type === 'Property' && value.shorthand) shorthand.push(value);
        return value;
      });
      expect(shorthand).toEqual([]);
    }
    // The fixture writes `{ name, count }`: it must come out expanded.
    expect(webMacro.code).toContain('{ name: name, count: count }');
  });

  it('bundles the shared helper, tree-shakes what is unused, and keeps non-ASCII text readable', () => {
    expect(serverTag.code).toContain('function normalizeEmail(value)');
    expect(serverTag.code).not.toContain('unusedHelper');
    expect(webMacro.code).toContain('function describe(name, count)');
    expect(serverTag.code).toContain('"café"');
  });

  it('ends tags with main(); and variables with return main();', () => {
    expect(serverTag.code.endsWith('\n\nmain();')).toBe(true);
    expect(webMacro.code.endsWith('\n\nreturn main();')).toBe(true);
  });

  it('is deterministic', () => {
    expect(compileFixture('server-tag', 'SERVER', 'TAG').code).toBe(serverTag.code);
  });
});

describe('compileTemplate rejects what the sandbox cannot run, naming file and line', () => {
  const cases: Array<[string, ContainerContext, number, RegExp]> = [
    ['destructuring', 'SERVER', 4, /destructuring/],
    ['class', 'SERVER', 2, /`class` is not supported/],
    ['template-literal', 'SERVER', 4, /a template literal \(backticks\) is not supported by the sandbox/],
    ['unknown-api', 'SERVER', 2, /'fetchEverything' is not a SERVER sandbox API/],
    ['web-api-in-server', 'SERVER', 2, /'injectScript' is not a SERVER sandbox API \(it exists only in WEB templates\)/],
    ['type-error', 'SERVER', 5, /TS2322/],
    ['undocumented-method', 'SERVER', 4, /'startsWith' does not exist.*sandbox standard library/],
    ['optional-chaining', 'SERVER', 4, /optional chaining/],
    ['named-import', 'SERVER', 2, /no exported member 'stringify'/],
    ['require-call', 'SERVER', 3, /never call require\(\)/],
    ['spread', 'SERVER', 4, /spread/],
    ['namespace-import', 'SERVER', 2, /namespace imports/],
  ];
  it.each(cases)('%s', (name, context, line, message) => {
    const problems = problemsOf(() => compileFixture(path.join('bad', name), context, 'TAG'));
    const match = problems.find((problem) => message.test(problem.message));
    expect(match).toBeDefined();
    expect(match!.template).toBe(name);
    expect(match!.file).toBe(path.relative(process.cwd(), path.join(FIXTURES, 'bad', name, 'main.ts')));
    expect(match!.line).toBe(line);
  });

  it('maps findings of the generated-code language check back to the source line', () => {
    // `any` hides the missing method from the type check; the linter's rules catch it.
    const problems = problemsOf(() => compileFixture('bad/untyped-unsupported-method', 'WEB', 'MACRO'));
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(path.relative(process.cwd(), path.join(FIXTURES, 'bad', 'untyped-unsupported-method', 'main.ts')));
    expect(problems[0].line).toBe(8);
    expect(problems[0].message).toMatch(/^error language\/unsupported-method: '\.includes\(\)'/);
  });

  it('rejects a server API in a web template', () => {
    const problems = problemsOf(() => compileFixture('server-tag', 'WEB', 'TAG'));
    expect(problems.map((p) => p.message)).toContain(
      "'sha256Sync' is not a WEB sandbox API (it exists only in SERVER templates); see types/sandbox/web-apis.d.ts",
    );
  });

  it('rejects a tag that never calls gtmOnSuccess/gtmOnFailure', () => {
    const problems = problemsOf(() => compileFixture('bad/tag-without-completion', 'SERVER', 'TAG'));
    expect(problems[0].message).toMatch(/must call data\.gtmOnSuccess\(\) or data\.gtmOnFailure\(\)/);
    // The same code is fine as a variable, which has no completion callbacks.
    expect(compileFixture('bad/tag-without-completion', 'SERVER', 'MACRO').code).toContain('return main();');
  });

  it('rejects an entry without an exported main', () => {
    const problems = problemsOf(() => compileFixture('bad/no-main-export', 'SERVER', 'TAG'));
    expect(problems[0].message).toMatch(/does not export a function named `main`/);
  });
});

describe('postProcess', () => {
  const options = { templateId: 't', type: 'MACRO' as const, entry: 'main.ts' };

  it('merges duplicate imports of one API under the API name and drops unused ones', () => {
    const bundled = [
      'import makeString from "makeString";',
      'import makeString2 from "makeString";',
      'import getType from "getType";',
      'function a(x) { return makeString(x); }',
      'function main() { return a(makeString2(1)) + void 0; }',
      'export { main };',
      '',
    ].join('\n');
    const { code, requiredApis } = postProcess(bundled, options);
    expect(requiredApis).toEqual(['makeString']);
    expect(code).toBe(
      [
        "const makeString = require('makeString');",
        'function a(x) { return makeString(x); }',
        'function main() { return a(makeString(1)) + undefined; }',
        '',
        'return main();',
      ].join('\n'),
    );
  });

  it('rejects namespace imports', () => {
    const problems = problemsOf(() => postProcess('import * as JSON from "JSON";\nfunction main() { return JSON; }\nexport { main };\n', options));
    expect(problems[0].message).toMatch(/must be imported as a default import/);
  });
});

describe('sandboxApiNames', () => {
  it('lists the modules of the declaration files per context', () => {
    expect(sandboxApiNames('SERVER')).toEqual(expect.arrayContaining(['sha256Sync', 'sendHttpRequest', 'Promise', 'JSON']));
    expect(sandboxApiNames('SERVER')).not.toContain('injectScript');
    expect(sandboxApiNames('WEB')).toEqual(expect.arrayContaining(['injectScript', 'copyFromWindow', 'JSON']));
    expect(sandboxApiNames('WEB')).not.toContain('sha256Sync');
  });
});

describe('restoreParameterNames', () => {
  it('gives back the name esbuild suffixed when nothing can be captured', () => {
    expect(restoreParameterNames('function f(tk2) { return tk2.a + g(tk2, o.tk2); }\nvar tk = {};\nreturn f(tk);')).toBe(
      'function f(tk) { return tk.a + g(tk, o.tk2); }\nvar tk = {};\nreturn f(tk);',
    );
  });

  it('keeps the suffix when the function uses the top-level name', () => {
    const code = 'function f(tk2) { return tk2 + tk; }\nvar tk = 1;';
    expect(restoreParameterNames(code)).toBe(code);
  });

  it('keeps the suffix when an enclosing parameter already took the name', () => {
    expect(restoreParameterNames('function g(tk3) { return function (tk2) { return tk3 + tk2; }; }\nvar tk = 1;')).toBe(
      'function g(tk) { return function (tk2) { return tk + tk2; }; }\nvar tk = 1;',
    );
    expect(restoreParameterNames('function f(tk2, tk3) { return tk2 + tk3; }\nvar tk = 1;')).toBe(
      'function f(tk, tk3) { return tk + tk3; }\nvar tk = 1;',
    );
  });

  it('leaves names alone that are not top-level collisions', () => {
    const code = 'function f(x2) { return x2; }\nvar y = 1;';
    expect(restoreParameterNames(code)).toBe(code);
  });
});
