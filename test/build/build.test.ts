import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { buildAll, listTemplateIds, writeTemplates } from '../../build/build';
import { BuildError } from '../../build/errors';
import { findSection, parseTpl, TERMS_OF_SERVICE_TEXT } from '../../src/tpl/format';
import { lintTplText } from '../../src/lint';
import { permissionsToJson } from '../../src/tpl/permissions-json';
import serverTagDefinition from '../fixtures/build/server-tag/template';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'build');

function scratchDir(): string {
  fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
  return fs.mkdtempSync(path.join(REPO, '.tmp', 'build-test-'));
}

describe('buildAll on the fixtures', () => {
  const built = buildAll({ sourceRoot: FIXTURES });
  const byId = new Map(built.map((template) => [template.id, template]));
  const serverTag = parseTpl(byId.get('server-tag')!.text);
  const webMacro = parseTpl(byId.get('web-macro')!.text);

  it('builds every folder with a template.ts, sorted, and nothing else', () => {
    expect(listTemplateIds(FIXTURES)).toEqual(['server-tag', 'web-macro']);
    expect(built.map((t) => t.fileName)).toEqual(['server-tag.tpl', 'web-macro.tpl']);
  });

  it('frames the file as GTM exports it', () => {
    const text = byId.get('server-tag')!.text;
    expect(text.startsWith('\ufeff___TERMS_OF_SERVICE___\n\n' + TERMS_OF_SERVICE_TEXT + '\n\n\n___INFO___\n\n{')).toBe(true);
    expect(text.endsWith('\n\n\n')).toBe(true);
    expect(text).not.toContain('\r');
    expect(serverTag.sections.map((s) => s.name)).toEqual([
      'TERMS_OF_SERVICE', 'INFO', 'TEMPLATE_PARAMETERS', 'SANDBOXED_JS_FOR_SERVER', 'SERVER_PERMISSIONS', 'TESTS', 'NOTES',
    ]);
    expect(webMacro.sections.map((s) => s.name)).toEqual([
      'TERMS_OF_SERVICE', 'INFO', 'TEMPLATE_PARAMETERS', 'SANDBOXED_JS_FOR_WEB_TEMPLATE', 'WEB_PERMISSIONS', 'TESTS', 'NOTES',
    ]);
  });

  it('writes INFO in GTM key order with the placeholder id, version 1 and the embedded thumbnail', () => {
    const info = JSON.parse(findSection(serverTag, 'INFO')!.content);
    expect(Object.keys(info)).toEqual(['type', 'id', 'version', 'securityGroups', 'displayName', 'categories', 'brand', 'description', 'containerContexts']);
    expect(info).toMatchObject({ type: 'TAG', id: 'cvt_temp_public_id', version: 1, securityGroups: [], containerContexts: ['SERVER'] });
    const png = fs.readFileSync(path.join(FIXTURES, 'thumbnail.png'));
    expect(info.brand).toEqual({ id: 'brand_dummy', displayName: 'Fixture', thumbnail: 'data:image/png;base64,' + png.toString('base64') });
    // Gson-style escaping of the HTML in the description.
    expect(findSection(serverTag, 'INFO')!.content).toContain('\\u003cb\\u003eNot shipped.\\u003c/b\\u003e');
    const webInfo = JSON.parse(findSection(webMacro, 'INFO')!.content);
    expect(Object.keys(webInfo)).toEqual(['type', 'id', 'version', 'securityGroups', 'displayName', 'description', 'containerContexts']);
  });

  it('writes the fields with type/name/displayName first and simpleValueType where GTM has it', () => {
    const fields = JSON.parse(findSection(serverTag, 'TEMPLATE_PARAMETERS')!.content);
    expect(Object.keys(fields[0])).toEqual(['type', 'name', 'displayName', 'simpleValueType', 'valueValidators', 'help']);
    const [checkbox, select] = fields[1].subParams;
    expect(fields[1].simpleValueType).toBeUndefined();
    expect(Object.keys(checkbox)).toEqual(['type', 'name', 'checkboxText', 'simpleValueType', 'defaultValue']);
    expect(Object.keys(select)).toEqual(['type', 'name', 'displayName', 'selectItems', 'simpleValueType', 'defaultValue', 'enablingConditions']);
    expect(findSection(webMacro, 'TEMPLATE_PARAMETERS')!.content).toBe('[]');
  });

  it('writes the permissions as GTM typed JSON', () => {
    expect(JSON.parse(findSection(serverTag, 'SERVER_PERMISSIONS')!.content)).toEqual(permissionsToJson(serverTagDefinition.permissions));
  });

  it('embeds the compiled code, the tests and the notes', () => {
    expect(findSection(serverTag, 'SANDBOXED_JS_FOR_SERVER')!.content.endsWith('\n\nmain();')).toBe(true);
    const tests = findSection(serverTag, 'TESTS')!.content;
    expect(load(tests)).toEqual(load(fs.readFileSync(path.join(FIXTURES, 'server-tag', 'tests.yaml'), 'utf8')));
    expect(findSection(webMacro, 'TESTS')!.content).toBe('scenarios: []');
    expect(findSection(serverTag, 'NOTES')!.content).toBe('Fixture notes.\nSecond line.');
    expect(findSection(webMacro, 'NOTES')!.content).toBe('');
  });

  it('passes the linter in strict mode (format, permissions, language, UI rules)', () => {
    for (const template of built) expect(lintTplText(template.text, template.fileName, { strict: true })).toEqual([]);
  });

  it('is deterministic: a second build gives identical bytes', () => {
    const again = buildAll({ sourceRoot: FIXTURES });
    expect(again.map((t) => t.text)).toEqual(built.map((t) => t.text));
  });
});

describe('build problems', () => {
  function writeTemplate(root: string, id: string, files: Record<string, string>): void {
    fs.mkdirSync(path.join(root, id), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, id, name), text);
  }
  const definition = (type: string, context: string) =>
    `export default { info: { type: '${type}', displayName: 'x', description: 'x', containerContexts: ['${context}'] }, parameters: [], permissions: [] };\n`;

  it('lists every failing template with file and line, and validates the definition', () => {
    const root = scratchDir();
    writeTemplate(root, 'broken-syntax', { 'template.ts': definition('MACRO', 'SERVER'), 'main.ts': 'export function main() {\n  return (1 + ;\n}\n' });
    writeTemplate(root, 'bad-definition', { 'template.ts': definition('PIXEL', 'SERVER'), 'main.ts': 'export function main() { return 1; }\n' });
    writeTemplate(root, 'bad-tests', {
      'template.ts': definition('MACRO', 'WEB'),
      'main.ts': 'export function main() { return 1; }\n',
      'tests.yaml': 'scenarios:\n- name: ok\n  code: x();\n- name: version 1.2\n  code: y();\n',
    });
    try {
      buildAll({ sourceRoot: root });
      throw new Error('expected a BuildError');
    } catch (error) {
      expect(error).toBeInstanceOf(BuildError);
      const problems = (error as BuildError).problems;
      const find = (template: string) => problems.find((p) => p.template === template)!;
      expect(find('broken-syntax').file).toBe(path.relative(process.cwd(), path.join(root, 'broken-syntax', 'main.ts')));
      expect(find('broken-syntax').line).toBe(2);
      expect(find('bad-definition').message).toMatch(/info\.type must be TAG, MACRO or CLIENT/);
      expect(find('bad-tests').file).toMatch(/bad-tests\/tests\.yaml$/);
      expect(find('bad-tests').line).toBe(4);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the CLI exits 1 with one line per problem and leaves the output folder untouched', () => {
    const root = scratchDir();
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'existing.tpl'), 'previous build');
    writeTemplate(path.join(root, 'src'), 'good', { 'template.ts': definition('MACRO', 'SERVER'), 'main.ts': 'export function main() { return 1; }\n' });
    writeTemplate(path.join(root, 'src'), 'broken-definition', {
      'template.ts': "export default { info: { type: 'MACRO',\n  displayName: 'x' description: 'x' } };\n",
      'main.ts': 'export function main() { return 1; }\n',
    });
    writeTemplate(path.join(root, 'src'), 'bad', { 'template.ts': definition('TAG', 'SERVER'), 'main.ts': 'export function main() {\n  const { a } = { a: 1 };\n  data.gtmOnSuccess();\n}\n' });
    try {
      const result = spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', 'build/build.ts', '--source', path.join(root, 'src'), '--out', out, '--no-docs'],
        { cwd: REPO, encoding: 'utf8' },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^\[bad\] .*bad\/main\.ts:2:\d+: destructuring is not supported by the sandbox/m);
      expect(result.stderr).toMatch(/^\[broken-definition\] .*broken-definition\/template\.ts:2:\d+: cannot compile: error TS1005/m);
      expect(result.stderr).toMatch(/build failed: 2 problem\(s\)/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(fs.readdirSync(out)).toEqual(['existing.tpl']);
      expect(fs.readFileSync(path.join(out, 'existing.tpl'), 'utf8')).toBe('previous build');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('writeTemplates', () => {
  it('writes the new files, removes stale .tpl files, keeps other files, and leaves no staging folder', () => {
    const root = scratchDir();
    const out = path.join(root, 'templates');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'gone.tpl'), 'old');
    fs.writeFileSync(path.join(out, 'README.md'), 'keep');
    try {
      const built = buildAll({ sourceRoot: FIXTURES });
      const result = writeTemplates(built, out);
      expect(fs.readdirSync(out).sort()).toEqual(['README.md', 'server-tag.tpl', 'web-macro.tpl']);
      expect(result.removed).toEqual([path.join(out, 'gone.tpl')]);
      expect(result.written.length).toBe(2);
      expect(fs.readFileSync(path.join(out, 'web-macro.tpl'), 'utf8')).toBe(built[1].text);
      expect(writeTemplates(built, out).written).toEqual([]);
      expect(fs.readdirSync(root)).toEqual(['templates']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
