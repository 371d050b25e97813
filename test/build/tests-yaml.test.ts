import fc from 'fast-check';
import { readTestsYaml, TestsYamlError, writeTestsYaml } from '../../src/tpl/tests-yaml';

describe('writeTestsYaml writes GTM exporter style', () => {
  it('writes an empty suite as `scenarios: []`', () => {
    expect(writeTestsYaml({ scenarios: [] })).toBe('scenarios: []');
  });

  it('uses plain names, `|-` literal code blocks and setup last', () => {
    const yaml = writeTestsYaml({
      scenarios: [{ name: 'Sends the event', code: "runCode(mockData);\n\nassertApi('gtmOnSuccess').wasCalled();" }],
      setup: 'const mockData = {\n  pixel_code: "C1"\n};',
    });
    expect(yaml).toBe(
      [
        'scenarios:',
        '- name: Sends the event',
        '  code: |-',
        '    runCode(mockData);',
        '',
        "    assertApi('gtmOnSuccess').wasCalled();",
        'setup: |-',
        '  const mockData = {',
        '    pixel_code: "C1"',
        '  };',
      ].join('\n'),
    );
  });

  it('single-quotes names YAML would misread, doubling inner quotes', () => {
    const yaml = writeTestsYaml({
      scenarios: [
        { name: "[Cookie] it's set", code: 'a();' },
        { name: 'yes', code: 'b();' },
        { name: '123', code: 'c();' },
        { name: 'key: value', code: 'd();' },
      ],
    });
    expect(yaml.split('\n').filter((line) => line.startsWith('- name:'))).toEqual([
      "- name: '[Cookie] it''s set'",
      "- name: 'yes'",
      "- name: '123'",
      "- name: 'key: value'",
    ]);
    // Single-line code is a plain scalar, as GTM writes it.
    expect(yaml).toContain('  code: a();');
  });

  it('adds the chomping and indentation indicators a literal block needs', () => {
    const yaml = writeTestsYaml({
      scenarios: [
        { name: 'clip', code: 'a();\nb();\n' },
        { name: 'keep', code: 'a();\nb();\n\n' },
        { name: 'indented', code: '  a();\nb();' },
      ],
    });
    expect(yaml).toContain('  code: |\n    a();\n    b();\n- name: keep');
    expect(yaml).toContain('  code: |+\n    a();\n    b();\n\n- name: indented');
    expect(yaml).toContain('  code: |2-\n      a();\n    b();');
  });

  it('falls back to a folded double-quoted string when a line has trailing spaces', () => {
    const code = 'const first = 1; \n' + 'const second = "a string long enough to push this line past eighty columns";';
    const yaml = writeTestsYaml({ scenarios: [{ name: 'trailing space', code }] });
    const codeLines = yaml.split('\n').slice(2);
    expect(codeLines[0].startsWith('  code: "const first = 1; \\nconst second = \\"a string long enough')).toBe(true);
    expect(codeLines[0].endsWith('\\')).toBe(true);
    expect(codeLines[0].length).toBeLessThanOrEqual(90);
    expect(codeLines[1].startsWith('    ')).toBe(true);
    expect(readTestsYaml(yaml).scenarios[0].code).toBe(code);
  });

  it('folds long single-quoted names at a space past column 80', () => {
    const name = '[Action Source = App] Request is sent successfully when using Event Data as source';
    const yaml = writeTestsYaml({ scenarios: [{ name, code: 'x();' }] });
    expect(yaml.split('\n').slice(1, 3)).toEqual([
      "- name: '[Action Source = App] Request is sent successfully when using Event Data",
      "    as source'",
    ]);
    expect(readTestsYaml(yaml).scenarios[0].name).toBe(name);
  });

  it('rejects "." in scenario names (GTM refuses them)', () => {
    expect(() => writeTestsYaml({ scenarios: [{ name: 'v1.3 payload', code: 'x();' }] })).toThrow(/contains "\."/);
  });

  it('reads back exactly what it wrote, for any names and code', () => {
    const name = fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !s.includes('.') && s.trim() !== '');
    const code = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.constantFrom('a();', '  b;', '', ' ', '\t', 'x: y', "'q'", '"d"', '# c', '- l', 'é', '\u2028', 'end '), { maxLength: 12 }).map((lines) => lines.join('\n')),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ name, code }), { selector: (s) => s.name, maxLength: 4 }), fc.option(code, { nil: undefined }), (scenarios, setup) => {
        const tests = setup === undefined ? { scenarios } : { scenarios, setup };
        const reread = readTestsYaml(writeTestsYaml(tests));
        expect(reread).toEqual(tests);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readTestsYaml', () => {
  it('reads GTM test YAML', () => {
    expect(readTestsYaml("scenarios:\n- name: a\n  code: |-\n    x();\nsetup: ''")).toEqual({ scenarios: [{ name: 'a', code: 'x();' }], setup: '' });
    expect(readTestsYaml('')).toEqual({ scenarios: [] });
  });

  const errors: Array<[string, string, number, RegExp]> = [
    ['a dot in a name', 'scenarios:\n- name: ok\n  code: x();\n- name: v1.3 works\n  code: y();', 4, /contains "\."/],
    ['a duplicate name', 'scenarios:\n- name: same\n  code: x();\n- name: same\n  code: y();', 2, /duplicate scenario name/],
    ['an unknown top-level key', 'scenarios: []\nteardown: x();', 2, /unknown key "teardown"/],
    ['an unknown scenario key', 'scenarios:\n- name: a\n  code: x();\n  enabled: false', 2, /unknown key\(s\) enabled/],
    ['broken YAML', 'scenarios:\n- name: a\n  code: "unterminated', 3, /invalid YAML/],
  ];
  it.each(errors)('rejects %s with its line', (_label, text, line, message) => {
    try {
      readTestsYaml(text, 'tests.yaml');
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(TestsYamlError);
      expect((error as TestsYamlError).line).toBe(line);
      expect((error as Error).message).toMatch(message);
    }
  });
});
