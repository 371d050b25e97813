import { lintTplText } from '../../src/lint';
import { fixture, lintFixture, mutate, rules, rulesAt } from './helpers';

describe('APIs (bad-apis.tpl)', () => {
  const diagnostics = lintFixture('bad-apis.tpl');

  test('a web API in a server template and an unknown API are errors at the require', () => {
    expect(rulesAt(diagnostics.filter((d) => d.rule === 'apis/unknown-api'))).toEqual(['apis/unknown-api@31', 'apis/unknown-api@32']);
    expect(diagnostics.find((d) => d.line === 31 && d.rule === 'apis/unknown-api')?.message).toMatch(/injectScript.*only in WEB/);
  });

  test('a tag that never mentions gtmOnSuccess/gtmOnFailure is an error', () => {
    expect(diagnostics.filter((d) => d.rule === 'language/tag-callbacks')).toEqual([
      expect.objectContaining({ severity: 'error', section: 'SANDBOXED_JS_FOR_SERVER' }),
    ]);
  });

  test('a variable template that never returns a value is a warning', () => {
    const text = mutate(fixture('bad-ui.tpl'), "if (data.choice === 'a') return data.radioChild;\nreturn data.used + data.missing;", 'const f = () => { return data.used + data.radioChild + data.choice; };\nf();');
    expect(lintTplText(text, 'x.tpl')).toEqual([
      expect.objectContaining({ rule: 'ui/unused-parameter' }),
      expect.objectContaining({ rule: 'language/variable-return', severity: 'warning' }),
    ]);
  });

  test('variables (MACRO) need no gtmOnSuccess', () => {
    expect(rules(lintFixture('bad-ui.tpl'))).not.toContain('language/tag-callbacks');
  });

  test("calls through a helper's parameter named data count (Stape's published TikTok web tag does this)", () => {
    const helper = [
      'function finish(data, ok) {',
      '  if (ok) data.gtmOnSuccess();',
      '  else data.gtmOnFailure();',
      '}',
      'finish(data, true);',
    ].join('\n');
    const text = mutate(fixture('bad-apis.tpl'), "injectScript('https://x.example.com/a.js');", helper);
    expect(rules(lintTplText(text, 'x.tpl'))).not.toContain('language/tag-callbacks');
  });

  test('passing the callbacks along satisfies the rule', () => {
    const text = mutate(fixture('bad-apis.tpl'), "injectScript('https://x.example.com/a.js');", 'const done = data.gtmOnSuccess;');
    expect(rules(lintTplText(text, 'x.tpl'))).not.toContain('language/tag-callbacks');
  });
});

describe('small format rules', () => {
  test('an unknown gallery category is a warning', () => {
    const text = mutate(fixture('good-server-tag.tpl'), '"ADVERTISING"', '"ROCKETS"');
    expect(lintTplText(text, 'x.tpl')).toEqual([expect.objectContaining({ rule: 'format/info-category', severity: 'warning' })]);
  });

  test('a brand thumbnail that is not an image data URI is a warning', () => {
    const text = mutate(
      fixture('good-server-tag.tpl'),
      '"description": "A small',
      '"brand": {\n    "id": "brand_dummy",\n    "displayName": "x",\n    "thumbnail": "https://example.com/logo.png"\n  },\n  "description": "A small',
    );
    expect(lintTplText(text, 'x.tpl')).toEqual([expect.objectContaining({ rule: 'format/info', severity: 'warning' })]);
  });

  test('an unknown param key of a known permission is a warning', () => {
    const text = mutate(fixture('good-server-tag.tpl'), '"key": "environments"', '"key": "environment"');
    expect(lintTplText(text, 'x.tpl')).toEqual([expect.objectContaining({ rule: 'permissions/unknown-param', severity: 'warning' })]);
  });

  test('a permission unknown to the catalog is only a warning', () => {
    const text = mutate(fixture('good-server-tag.tpl'), '"publicId": "logging"', '"publicId": "future_permission"');
    const diagnostics = lintTplText(text, 'x.tpl');
    expect(diagnostics.find((d) => d.rule === 'permissions/unknown-permission')?.severity).toBe('warning');
    // logToConsole now lacks logging.
    expect(rules(diagnostics)).toContain('permissions/missing');
  });
});
