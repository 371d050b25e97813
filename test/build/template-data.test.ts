// Generated field types: the build types `data` from each template's template.ts
// (build/template-data.ts), so a misspelt `data.` field fails the build with template, file and line.
import * as fs from 'fs';
import * as path from 'path';
import { buildTemplate } from '../../build/build';
import { problemsOf } from './build-problems';
import { templateDataDeclaration, templateDataFields } from '../../build/template-data';
import { listTemplateIds } from '../../build/build';
import type { TemplateDefinition } from '../../src/tpl/definition';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/template-data/misspelt-field');

describe('TemplateData', () => {
  test('a misspelt data field fails the build with the template, the file and the line', () => {
    const problems = problemsOf(() => buildTemplate('misspelt-field', FIXTURE));
    expect(problems).toEqual([
      expect.objectContaining({ template: 'misspelt-field', file: expect.stringMatching(/misspelt-field\/main\.ts$/), line: 6, message: expect.stringContaining("'pixelIdd'") }),
    ]);
  });

  test('fields nested in groups, checkbox sub-parameters and radio items are fields of data; the fixture builds once fixed', () => {
    const definition = (require(path.join(FIXTURE, 'template.ts')) as { default: TemplateDefinition }).default;
    expect(templateDataFields(definition.parameters)).toEqual(['pixelId', 'debug', 'debugPrefix', 'mode', 'modeA']);
    const fixed = fs.mkdtempSync(path.join(ROOT, '.tmp', 'template-data-'));
    try {
      fs.writeFileSync(path.join(fixed, 'template.ts'), fs.readFileSync(path.join(FIXTURE, 'template.ts'), 'utf8').replace("'../../build/thumbnail.png'", JSON.stringify(path.join(ROOT, 'test/fixtures/build/thumbnail.png'))).replace("'../../../../src/tpl/definition'", JSON.stringify(path.join(ROOT, 'src/tpl/definition'))));
      fs.writeFileSync(path.join(fixed, 'main.ts'), fs.readFileSync(path.join(FIXTURE, 'main.ts'), 'utf8').replace('pixelIdd', 'pixelId'));
      expect(buildTemplate('misspelt-field-fixed', fixed).text).toContain('logToConsole(data.pixelId)');
    } finally {
      fs.rmSync(fixed, { recursive: true, force: true });
    }
  });

  test('only tags get gtmOnSuccess / gtmOnFailure', () => {
    expect(templateDataDeclaration('t', 'TAG', [])).toContain('gtmOnSuccess(): void;');
    expect(templateDataDeclaration('v', 'MACRO', [])).not.toContain('gtmOnSuccess');
  });

  test('every data. field a shipped main.ts names is one of its template\'s fields', () => {
    const ids = listTemplateIds(path.join(ROOT, 'src/templates'));
    expect(ids.length).toBe(9);
    for (const id of ids) {
      const definition = (require(path.join(ROOT, 'src/templates', id, 'template.ts')) as { default: TemplateDefinition }).default;
      const fields = templateDataFields(definition.parameters).concat(definition.info.type === 'TAG' ? ['gtmOnSuccess', 'gtmOnFailure'] : []);
      const read = [...fs.readFileSync(path.join(ROOT, 'src/templates', id, 'main.ts'), 'utf8').matchAll(/(?<![\w.\/-])data\.([A-Za-z_]\w*)/g)].map((m) => m[1]);
      expect({ id, unknown: read.filter((name) => !fields.includes(name)) }).toEqual({ id, unknown: [] });
    }
  });
});
