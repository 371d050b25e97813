// Property tests for the language check: random programs built only from supported constructs
// (names always declared before use, in scope) produce no diagnostics; adding one unsupported
// construct anywhere produces an error.
import * as fc from 'fast-check';
import { checkSandboxLanguage } from '../../src/lint';

type Gen = fc.Arbitrary<string>;

/** An expression over the names in scope. */
function expression(names: string[], depth: number): Gen {
  const leaves: Gen[] = [
    fc.integer({ min: 0, max: 99 }).map(String),
    fc.constantFrom("'a'", "'b c'", 'true', 'false', 'null', 'undefined', 'data.x', '[]', '{}'),
  ];
  if (names.length > 0) leaves.push(fc.constantFrom(...names));
  if (depth <= 0) return fc.oneof(...leaves);
  const sub = expression(names, depth - 1);
  return fc.oneof(
    ...leaves,
    fc.tuple(sub, fc.constantFrom('+', '-', '*', '===', '!==', '<', '&&', '||', '%'), sub).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(sub, sub, sub).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    sub.map((a) => `!${a}`),
    sub.map((a) => `typeof ${a}`),
    fc.tuple(sub, sub).map(([a, b]) => `{ k: ${a}, 'q': ${b} }`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(sub, fc.constantFrom('map', 'filter', 'some', 'every', 'forEach')).map(([a, m]) => `[${a}].${m}((v) => v)`),
    fc.tuple(sub, fc.constantFrom('toLowerCase()', 'trim()', "split(',')", "indexOf('a')", 'charAt(0)', "replace('a', 'b')")).map(([, m]) => `'Ab'.${m}`),
    fc.tuple(sub, sub).map(([a, b]) => `((p) => p + ${b})(${a})`),
  );
}

let counter = 0;
const fresh = () => `v${counter++}`;

/** A list of statements; `names` are in scope; the generator declares before use. */
function statements(names: string[], depth: number): Gen {
  return fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }).chain((kinds) => {
    let chain: fc.Arbitrary<{ code: string[]; names: string[] }> = fc.constant({ code: [], names });
    for (const kind of kinds) {
      chain = chain.chain(({ code, names: scope }) => statement(kind, scope, depth).map((s) => ({ code: [...code, s.code], names: s.names })));
    }
    return chain.map((r) => r.code.join('\n'));
  });
}

function statement(kind: number, names: string[], depth: number): fc.Arbitrary<{ code: string; names: string[] }> {
  const expr = expression(names, 2);
  const nested = depth > 0;
  switch (nested ? kind : kind % 3) {
    case 0: {
      const name = fresh();
      return expr.map((e) => ({ code: `const ${name} = ${e};`, names: [...names, name] }));
    }
    case 1: {
      const name = fresh();
      return fc.tuple(expr, expr).map(([a, b]) => ({ code: `let ${name} = ${a};\n${name} += ${b};`, names: [...names, name] }));
    }
    case 2: {
      const name = fresh();
      return expr.map((e) => ({ code: `var ${name} = [${e}];\n${name}.push(1);`, names: [...names, name] }));
    }
    case 3:
      return fc.tuple(expr, statements(names, depth - 1), statements(names, depth - 1)).map(([c, a, b]) => ({ code: `if (${c}) {\n${a}\n} else {\n${b}\n}`, names }));
    case 4: {
      const i = fresh();
      return statements([...names, i], depth - 1).map((body) => ({ code: `for (let ${i} = 0, n = 2; ${i} < n; ${i}++) {\n${body}\n}`, names }));
    }
    case 5: {
      const item = fresh();
      return fc.tuple(expr, statements([...names, item], depth - 1)).map(([e, body]) => ({ code: `for (const ${item} of [${e}]) {\n${body}\n}`, names }));
    }
    case 6: {
      const key = fresh();
      return statements([...names, key], depth - 1).map((body) => ({ code: `for (const ${key} in { a: 1 }) {\n${body}\n}`, names }));
    }
    case 7: {
      const fn = fresh();
      const param = fresh();
      return statements([...names, param, 'arguments'], depth - 1).map((body) => ({
        code: `function ${fn}(${param}) {\n${body}\nreturn ${param};\n}\n${fn}(1);`,
        names: [...names, fn],
      }));
    }
    case 8:
      return fc.tuple(expr, statements(names, depth - 1)).map(([e, body]) => ({ code: `switch (${e}) {\ncase 1:\n${body}\nbreak;\ndefault:\nbreak;\n}`, names }));
    default:
      return fc.tuple(expr, statements(names, depth - 1)).map(([e, body]) => ({ code: `while (${e}) {\n${body}\nbreak;\n}`, names }));
  }
}

const program = fc.constant(null).chain(() => statements([], 2));

/**
 * Entries reported as errors (evidence in src/lint/rules.ts): `new` and a regex literal (documented
 * as absent), a method missing from the standard library, an undeclared global. The other
 * UNSUPPORTED entries are warnings.
 */
const ERROR_ENTRIES = ['const u1 = new Thing();', 'const u3 = /x/;', "const u8 = 'a'.includes('a');", 'const u9 = Math.floor(1);'];

const UNSUPPORTED = [
  'const u1 = new Thing();',
  'const u2 = `x`;',
  'const u3 = /x/;',
  'try { } catch (e) { }',
  'const u4 = { a: 1 }; delete u4.a;',
  'const u5 = 2 ** 2;',
  'const { u6 } = { u6: 1 };',
  'const u7 = [...[1]];',
  "const u8 = 'a'.includes('a');",
  'const u9 = Math.floor(1);',
];

describe('language check properties', () => {
  test('programs built from supported constructs have no diagnostics', () => {
    fc.assert(
      fc.property(program, (code) => {
        const diagnostics = checkSandboxLanguage(code, { context: 'SERVER', fileName: 'gen.js' });
        if (diagnostics.length > 0) throw new Error(`${diagnostics.map((d) => `${d.line}: ${d.rule} ${d.message}`).join('\n')}\n---\n${code}`);
      }),
      { numRuns: 200 },
    );
  });

  test('one unsupported statement inserted anywhere is reported (an error where GTM documents it)', () => {
    fc.assert(
      fc.property(program, fc.constantFrom(...UNSUPPORTED), fc.nat(), (code, bad, at) => {
        const lines = code.split('\n');
        // Insert between complete statements only: before a line that starts one.
        const starts = lines.map((line, i) => (/^(const|let|var|if|for|function|switch|while)\b/.test(line) ? i : -1)).filter((i) => i >= 0);
        const index = starts.length > 0 ? starts[at % starts.length] : 0;
        lines.splice(index, 0, bad);
        const diagnostics = checkSandboxLanguage(lines.join('\n'), { context: 'SERVER', fileName: 'gen.js' });
        return ERROR_ENTRIES.includes(bad) ? diagnostics.some((d) => d.severity === 'error') : diagnostics.length > 0;
      }),
      { numRuns: 200 },
    );
  });
});
