import { lintTplText } from '../../src/lint';
import { fixture, lintFixture, mutate, rules } from './helpers';

describe('UI rules (bad-ui.tpl)', () => {
  const diagnostics = lintFixture('bad-ui.tpl');

  test('a parameter nothing reads is a warning; radio subParams and labels are handled', () => {
    const unused = diagnostics.filter((d) => d.rule === 'ui/unused-parameter');
    // radioChild (radioItems[].subParams) is read; aLabel (LABEL) and the GROUP have no data key.
    expect(unused.map((d) => d.message)).toEqual(['parameter "neverRead" (TEXT) is never read by the code']);
    expect(unused[0]).toMatchObject({ severity: 'warning', section: 'TEMPLATE_PARAMETERS', line: 40 });
  });

  test('a data.X without a parameter is reported at the read', () => {
    const undefinedReads = diagnostics.filter((d) => d.rule === 'ui/undefined-parameter');
    expect(undefinedReads).toEqual([
      expect.objectContaining({ line: 77, column: 25, section: 'SANDBOXED_JS_FOR_SERVER' }),
    ]);
    expect(undefinedReads[0].message).toMatch(/data\.missing/);
  });

  test('strict mode turns both into errors', () => {
    expect(lintFixture('bad-ui.tpl', true).every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('UI rules stay quiet', () => {
  test('dynamic data[key] access skips the unused-parameter rule', () => {
    const text = mutate(fixture('bad-ui.tpl'), 'return data.used + data.missing;', "const key = 'used';\nreturn data[key];");
    expect(rules(lintTplText(text, 'x.tpl'))).toEqual([]);
  });

  test('reads through a helper parameter count as reads', () => {
    const text = mutate(
      fixture('bad-ui.tpl'),
      'return data.used + data.missing;',
      'function pick(settings) { return settings.used + settings.neverRead; }\nreturn pick(data);',
    );
    expect(rules(lintTplText(text, 'x.tpl'))).toEqual([]);
  });

  test('a field that only drives enablingConditions counts as used by the UI', () => {
    const text = mutate(
      fixture('bad-ui.tpl'),
      '"name": "used",\n    "displayName": "Used",',
      '"name": "used",\n    "displayName": "Used",\n    "enablingConditions": [{"paramName": "neverRead", "paramValue": true, "type": "EQUALS"}],',
    );
    expect(rules(lintTplText(text, 'x.tpl'))).toEqual(['ui/undefined-parameter']);
  });

  test('gtmOnSuccess/gtmOnFailure are not parameters', () => {
    expect(lintFixture('good-server-tag.tpl').filter((d) => d.rule.startsWith('ui/'))).toEqual([]);
  });

  test('a case slip gets a hint', () => {
    const text = mutate(fixture('bad-ui.tpl'), 'data.missing', 'data.Used');
    const [diagnostic] = lintTplText(text, 'x.tpl').filter((d) => d.rule === 'ui/undefined-parameter');
    expect(diagnostic.message).toMatch(/did you mean data\.used\?/);
  });
});
