// Least privilege: every shipped template's permissions are exactly what its code uses. The
// linter's rules (src/lint: permissions/missing, unused grants, literal URLs/cookies/keys the code
// never uses, ...) are applied to each templates/*.tpl in strict mode: zero diagnostics. Mutations
// of a shipped template show the rule catches both directions (a grant too many, a grant missing).
import * as fs from 'fs';
import * as path from 'path';
import { lintFiles, lintTplText } from '../../src/lint';
import { findSection, parseTpl } from '../../src/tpl/format';
import { permissionsToJson } from '../../src/tpl/permissions-json';
import { shippedTemplatePaths } from '../properties/harness';

const files = shippedTemplatePaths();

test('there are shipped templates', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files.map((file) => [path.basename(file), file]))('%s', (_name, file) => {
  test('lint --strict: zero diagnostics (permissions exactly as used)', () => {
    const summary = lintFiles([file], { strict: true });
    expect(summary.diagnostics.map((d) => `${d.rule} line ${d.line}: ${d.message}`)).toEqual([]);
  });
});

/** Replaces the permission section's JSON of a template text. */
function withPermissions(text: string, change: (entries: { instance: { key: { publicId: string } } }[]) => unknown[]): string {
  const parsed = parseTpl(text);
  const section = findSection(parsed, 'SERVER_PERMISSIONS') ?? findSection(parsed, 'WEB_PERMISSIONS');
  if (!section) throw new Error('no permission section');
  const entries = JSON.parse(section.content);
  return text.replace(section.content, JSON.stringify(change(entries), null, 2));
}

describe('the least-privilege rules are not vacuous', () => {
  const serverTag = files.find((f) => f.endsWith('tiktok-events-api.tpl'));
  const text = serverTag ? fs.readFileSync(serverTag, 'utf8') : '';
  const maybe = serverTag ? test : test.skip;

  maybe('a permission the code never uses is reported', () => {
    const mutated = withPermissions(text, (entries) => [...entries, ...permissionsToJson([{ publicId: 'access_template_storage', params: {} }] as never)]);
    const diagnostics = lintTplText(mutated, 'mutated.tpl', { strict: true });
    expect(diagnostics.some((d) => d.rule.startsWith('permissions/'))).toBe(true);
  });

  maybe('a permission the code needs but lacks is reported', () => {
    const mutated = withPermissions(text, (entries) => entries.filter((e) => e.instance.key.publicId !== 'send_http'));
    const diagnostics = lintTplText(mutated, 'mutated.tpl', { strict: true });
    expect(diagnostics.some((d) => d.rule.startsWith('permissions/') && /send_http/.test(d.message))).toBe(true);
  });
});
