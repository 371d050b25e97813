import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatDiagnostic, lintFiles, RULES } from '../../src/lint';
import { FIXTURES } from './helpers';

describe('lintFiles', () => {
  test('counts errors and warnings over several files', () => {
    const result = lintFiles([path.join(FIXTURES, 'good-server-tag.tpl'), path.join(FIXTURES, 'bad-ui.tpl'), path.join(FIXTURES, 'bad-apis.tpl')]);
    expect(result.errorCount).toBe(3);
    // bad-ui: unused + undefined parameter; bad-apis: require('fetch') never used.
    expect(result.warningCount).toBe(3);
    expect(result.diagnostics).toHaveLength(6);
  });

  test('strict makes every warning an error', () => {
    const result = lintFiles([path.join(FIXTURES, 'bad-ui.tpl')], { strict: true });
    expect(result).toMatchObject({ errorCount: 2, warningCount: 0 });
  });

  test('an unreadable path is a diagnostic, not an exception', () => {
    const missing = path.join(os.tmpdir(), `does-not-exist-${process.pid}.tpl`);
    const result = lintFiles([missing]);
    expect(result.errorCount).toBe(1);
    expect(result.diagnostics[0].rule).toBe('format/unreadable');
  });

  test('every bad fixture has at least one error or warning, and every rule id is namespaced', () => {
    const bad = fs.readdirSync(FIXTURES).filter((f) => f.startsWith('bad-'));
    expect(bad.length).toBeGreaterThanOrEqual(8);
    for (const file of bad) {
      const result = lintFiles([path.join(FIXTURES, file)]);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      for (const d of result.diagnostics) expect(d.rule).toMatch(/^(format|language|apis|permissions|ui)\/[a-z-]+$/);
    }
  });
});

describe('RULES', () => {
  test('every rule id the linter source can emit is documented, and every documented rule is emitted somewhere', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'lint');
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'rules.ts').map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const emitted = new Set([...source.matchAll(/'((?:format|language|apis|permissions|ui)\/[a-z-]+)'/g)].map((m) => m[1]));
    expect([...emitted].filter((rule) => !(rule in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((rule) => !emitted.has(rule))).toEqual([]);
  });
});

describe('formatDiagnostic', () => {
  test('file:line:col severity rule message [SECTION]', () => {
    expect(
      formatDiagnostic({ rule: 'language/undeclared', severity: 'error', file: 'a.tpl', section: 'SANDBOXED_JS_FOR_SERVER', line: 12, column: 3, message: "'x' is not declared" }),
    ).toBe("a.tpl:12:3 error language/undeclared 'x' is not declared [SANDBOXED_JS_FOR_SERVER]");
  });

  test('without column and section', () => {
    expect(formatDiagnostic({ rule: 'format/missing-section', severity: 'warning', file: 'a.tpl', line: 1, message: 'm' })).toBe(
      'a.tpl:1 warning format/missing-section m',
    );
  });
});
