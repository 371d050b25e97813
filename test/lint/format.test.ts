import { lintTplText } from '../../src/lint';
import { fixture, lintFixture, mutate, rules, rulesAt } from './helpers';

const GOOD_SERVER = 'good-server-tag.tpl';
const GOOD_WEB = 'good-web-tag.tpl';

function lintServer(transform: (text: string) => string) {
  return lintTplText(transform(fixture(GOOD_SERVER)), GOOD_SERVER);
}

describe('good fixtures', () => {
  test.each([GOOD_SERVER, GOOD_WEB])('%s has no diagnostics at all, even in strict mode', (name) => {
    expect(lintFixture(name, true)).toEqual([]);
  });
});

describe('sections', () => {
  test('bad-format.tpl: order, unknown section, wrong code section, missing code section', () => {
    const diagnostics = lintFixture('bad-format.tpl');
    expect(rulesAt(diagnostics)).toEqual(
      expect.arrayContaining([
        'format/section-order@17',
        'format/unknown-section@81',
        'format/context-section@71',
        'format/missing-section@0',
      ]),
    );
  });

  test('a duplicate section is an error', () => {
    const diagnostics = lintServer((t) => t + '___NOTES___\n\nagain\n');
    expect(rules(diagnostics)).toContain('format/duplicate-section');
  });

  test('missing ___INFO___ is an error and stops the code rules', () => {
    const text = fixture(GOOD_SERVER);
    const start = text.indexOf('___INFO___');
    const end = text.indexOf('___TEMPLATE_PARAMETERS___');
    const diagnostics = lintTplText(text.slice(0, start) + text.slice(end), 'x.tpl');
    expect(diagnostics.map((d) => d.message)).toContain('missing section ___INFO___');
    expect(diagnostics.every((d) => d.rule.startsWith('format/'))).toBe(true);
  });

  test('a file without headers is not a template', () => {
    expect(rules(lintTplText('just text', 'x.tpl'))).toEqual(['format/not-a-template']);
  });

  test('missing terms of service is only a warning', () => {
    const text = fixture(GOOD_SERVER);
    const diagnostics = lintTplText(text.slice(text.indexOf('___INFO___')), 'x.tpl');
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'format/missing-section', severity: 'warning' })]);
  });

  test('BOM, CRLF and a licence preamble are accepted', () => {
    const text = '\ufeff/** @license Apache-2.0 */\n' + fixture(GOOD_SERVER).replace(/\n/g, '\r\n');
    expect(lintTplText(text, 'x.tpl')).toEqual([]);
  });
});

describe('___INFO___', () => {
  test('bad-format.tpl: unknown field and unknown template type', () => {
    expect(rulesAt(lintFixture('bad-format.tpl'))).toEqual(
      expect.arrayContaining(['format/info-template-type@4', 'format/info-unknown-field@13']),
    );
  });

  test('bad-json.tpl: invalid JSON reports the line of the problem', () => {
    expect(rulesAt(lintFixture('bad-json.tpl'))).toEqual(['format/invalid-json@14']);
  });

  test('CLIENT templates exist only on the server', () => {
    const diagnostics = lintTplText(mutate(fixture(GOOD_WEB), '"type": "TAG"', '"type": "CLIENT"'), 'x.tpl');
    expect(rules(diagnostics)).toContain('format/info-template-type');
  });

  test('containerContexts must name one known context', () => {
    const diagnostics = lintServer((t) => mutate(t, '"SERVER"\n  ]', '"SERVER",\n    "WEB"\n  ]'));
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/containerContexts must be/);
  });
});

describe('___TEMPLATE_PARAMETERS___', () => {
  test('bad-format.tpl: unknown property, validator, duplicate, unknown type, select item, enabling condition', () => {
    expect(rulesAt(lintFixture('bad-format.tpl'))).toEqual(
      expect.arrayContaining([
        'format/parameter-property@30',
        'format/parameter-validator@30',
        'format/parameter-duplicate@42',
        'format/parameter-type@48',
        'format/parameter-items@53',
        'format/parameter-enabling-condition@53',
      ]),
    );
  });

  test('subParams share the data namespace: a nested duplicate is reported', () => {
    const diagnostics = lintServer((t) => mutate(t, '"name": "testCode"', '"name": "pixelCode"'));
    expect(rules(diagnostics)).toContain('format/parameter-duplicate');
  });

  test('enablingConditions may name a parameter nested anywhere', () => {
    // eventName's condition names "mode", a RADIO inside a GROUP: no diagnostic in the good fixture.
    expect(lintFixture(GOOD_SERVER).filter((d) => d.rule === 'format/parameter-enabling-condition')).toEqual([]);
  });

  test('unknown properties, misordered sections and dangling enablingConditions are warnings (GTM accepts them)', () => {
    const bySeverity = (rule: string) => lintFixture('bad-format.tpl').filter((d) => d.rule === rule).map((d) => d.severity);
    expect(bySeverity('format/parameter-property')).toEqual(['warning']);
    expect(bySeverity('format/section-order')).toEqual(['warning']);
    expect(bySeverity('format/parameter-enabling-condition')).toEqual(['warning']);
  });

  test('a missing permissions section is a warning and means no permissions', () => {
    const text = fixture(GOOD_WEB);
    const start = text.indexOf('___WEB_PERMISSIONS___');
    const end = text.indexOf('___TESTS___');
    const diagnostics = lintTplText(text.slice(0, start) + text.slice(end), 'x.tpl');
    expect(diagnostics.find((d) => d.rule === 'format/missing-section')?.severity).toBe('warning');
    expect(diagnostics.filter((d) => d.rule === 'permissions/missing').length).toBeGreaterThan(0);
  });

  test('a property of another field type is only a warning', () => {
    const diagnostics = lintServer((t) => mutate(t, '"checkboxText": "Log requests",', '"checkboxText": "Log requests",\n        "lineCount": 3,'));
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'format/parameter-property', severity: 'warning' })]);
  });

  test('an invalid REGEX validator pattern is an error', () => {
    const diagnostics = lintServer((t) => mutate(t, '"^[A-Z0-9]+$"', '"^[A-Z"'));
    expect(rules(diagnostics)).toEqual(['format/parameter-validator']);
  });

  test('table columns: unknown column type and repeated names', () => {
    const diagnostics = lintServer((t) => mutate(t, '"name": "value",\n            "type": "TEXT"', '"name": "name",\n            "type": "NUMBER"'));
    expect(rules(diagnostics)).toEqual(expect.arrayContaining(['format/parameter-duplicate', 'format/parameter-type']));
  });

  test('an unknown groupStyle is an error', () => {
    expect(rules(lintServer((t) => mutate(t, 'ZIPPY_CLOSED', 'ACCORDION')))).toEqual(['format/parameter-schema']);
  });
});

describe('permission JSON shape', () => {
  test('an unknown typed-value tag is an error', () => {
    const diagnostics = lintServer((t) => mutate(t, '"type": 1,\n            "string": "debug"', '"type": 7,\n            "string": "debug"'));
    expect(rules(diagnostics)).toContain('format/permission-schema');
  });

  test('a web permission in a server template is a warning (no public evidence that GTM refuses it)', () => {
    const diagnostics = lintServer((t) => mutate(t, '"publicId": "logging"', '"publicId": "inject_script"'));
    expect(diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'permissions/unknown-permission', severity: 'warning' })]),
    );
  });
});

describe('___TESTS___', () => {
  test('bad-tests.tpl: dotted names, unknown keys, and test code is language-checked', () => {
    expect(rulesAt(lintFixture('bad-tests.tpl'))).toEqual([
      'format/test-name@42',
      'format/tests-schema@45',
      'language/unsupported-syntax@48',
      'language/undeclared@48',
      'format/tests-schema@49',
    ]);
  });

  test('bad-format.tpl: invalid YAML', () => {
    expect(rules(lintFixture('bad-format.tpl'))).toContain('format/invalid-yaml');
  });

  test('setup and scenario share one scope, and lines map back to the file', () => {
    const text = mutate(fixture(GOOD_SERVER), "  const Promise = require('Promise');", "  const Promise = require('Promise');\n  const later = Dat.now();");
    const diagnostics = lintTplText(text, 'x.tpl');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/^setup: 'Dat' is not declared/);
    const lineText = text.split('\n')[diagnostics[0].line - 1];
    expect(lineText).toContain('Dat.now()');
  });

  test('quoted YAML code points at the code key and names the line inside the code', () => {
    const text = mutate(
      fixture('bad-tests.tpl'),
      "- name: Disabled\n  enabled: false\n  code: |-\n    const q = new Thing();",
      '- name: Quoted\n  code: "const a = 1;\\nconst q = new Thing();"',
    );
    const diagnostics = lintTplText(text, 'x.tpl').filter((d) => d.rule.startsWith('language/'));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0].message).toMatch(/^scenario "Quoted" \(code line 2\): /);
    expect(text.split('\n')[diagnostics[0].line - 1]).toContain('code: "const a = 1;');
  });

  test('an empty ___TESTS___ section is fine', () => {
    const text = fixture(GOOD_SERVER);
    const start = text.indexOf('___TESTS___');
    const end = text.indexOf('___NOTES___');
    expect(lintTplText(text.slice(0, start) + '___TESTS___\n\n\n\n\n' + text.slice(end), 'x.tpl')).toEqual([]);
  });
});
