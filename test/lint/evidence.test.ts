// The linter's policy: an error is a claim that GTM refuses the template or that it fails at run
// time, so every rule that can report an error carries its evidence (a public URL) in RULES, and a
// diagnostic of a rule without evidence is reported as a warning whatever the check asked for.
import { lintTplText, RULES } from '../../src/lint';
import { effectiveSeverity } from '../../src/lint/rules';
import { fixture, mutate } from './helpers';

describe('evidence for errors', () => {
  const errorRules = Object.entries(RULES).filter(([, info]) => info.severity !== 'warning');

  test.each(errorRules.map(([rule, info]) => [rule, info]))('%s has evidence with a public URL', (rule, info) => {
    expect(info.evidence).toBeDefined();
    // The one rule about the tool itself (an unreadable file) needs no URL.
    if (rule !== 'format/unreadable') expect(info.evidence).toMatch(/https:\/\/(developers\.google\.com|github\.com)\//);
  });

  test('warning-only rules carry no evidence (an evidence entry would make them errors)', () => {
    const stray = Object.entries(RULES).filter(([, info]) => info.severity === 'warning' && info.evidence !== undefined);
    expect(stray.map(([rule]) => rule)).toEqual([]);
  });

  test('effectiveSeverity: errors need evidence; unknown rules and warnings stay warnings', () => {
    expect(effectiveSeverity('language/parse-error', 'error')).toBe('error');
    expect(effectiveSeverity('format/parameter-schema', 'error')).toBe('warning');
    expect(effectiveSeverity('no/such-rule', 'error')).toBe('warning');
    expect(effectiveSeverity('language/parse-error', 'warning')).toBe('warning');
  });

  test('a check asking for an error on a rule without evidence yields a warning in lint output', () => {
    // A field without a name: format/parameter-schema, which has no public evidence of refusal.
    const text = mutate(fixture('good-server-tag.tpl'), '"name": "pixelCode",', '');
    const diagnostics = lintTplText(text, 'x.tpl').filter((d) => d.rule === 'format/parameter-schema');
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  test('a dotted or repeated scenario name is a warning', () => {
    const text = fixture('good-server-tag.tpl').replace(/- name: ([^\n]+)/, '- name: version 1.2 works');
    const names = lintTplText(text, 'x.tpl').filter((d) => d.rule === 'format/test-name');
    expect(names).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });
});
