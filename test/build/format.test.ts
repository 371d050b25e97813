import * as fs from 'fs';
import * as path from 'path';
import { assembleTpl, findSection, gtmSection, parseJsonSection, parseTpl, SECTION_ORDER, stringifyGtmJson, TplFormatError } from '../../src/tpl/format';
import { buildAll } from '../../build/build';

const GTM_LIKE = [
  '\ufeff___TERMS_OF_SERVICE___',
  '',
  "By creating or modifying this file you agree to Google Tag Manager's Community",
  'Template Gallery Developer Terms of Service available at',
  'https://developers.google.com/tag-manager/gallery-tos (or such other URL as',
  'Google may provide), as modified from time to time.',
  '',
  '',
  '___INFO___',
  '',
  '{',
  '  "type": "MACRO",',
  '  "displayName": "x \\u003c y"',
  '}',
  '',
  '',
  '___TEMPLATE_PARAMETERS___',
  '',
  '[]',
  '',
  '',
  '___SANDBOXED_JS_FOR_SERVER___',
  '',
  'const x = 1;',
  '',
  '',
  'return x;',
  '',
  '',
  '___TESTS___',
  '',
  'scenarios: []',
  '',
  '',
  '___NOTES___',
  '',
  'Created on 6/20/2023, 9:42:36 PM',
  '',
  '',
  '',
].join('\n');

function roundTrip(text: string): string {
  return assembleTpl(parseTpl(text, 'fixture.tpl'));
}

describe('parseTpl + assembleTpl round trip', () => {
  const variants: Array<[string, string]> = [
    ['GTM export (BOM, LF, three newlines at the end)', GTM_LIKE],
    ['no BOM', GTM_LIKE.slice(1)],
    ['CRLF line endings', GTM_LIKE.replace(/\n/g, '\r\n')],
    ['a licence preamble before the first header', '/** @license Apache-2.0 */\n\n' + GTM_LIKE.slice(1)],
    ['a single trailing newline (git-trimmed)', GTM_LIKE.replace(/\n+$/, '\n')],
    ['no trailing newline at all', GTM_LIKE.replace(/\n+$/, '')],
    ['an empty section', GTM_LIKE.replace('scenarios: []', '')],
    ['extra blank lines after a header', GTM_LIKE.replace('___INFO___\n\n', '___INFO___\n\n\n')],
  ];
  it.each(variants)('reproduces a file with %s byte for byte', (_label, text) => {
    expect(roundTrip(text)).toBe(text);
  });

  it('keeps blank lines inside code sections as content', () => {
    const parsed = parseTpl(GTM_LIKE);
    expect(findSection(parsed, 'SANDBOXED_JS_FOR_SERVER')!.content).toBe('const x = 1;\n\n\nreturn x;');
    expect(findSection(parsed, 'SANDBOXED_JS_FOR_SERVER')!.contentLine).toBe(24);
    expect(parsed.hasBom).toBe(true);
  });

  it('records CRLF and BOM', () => {
    const parsed = parseTpl(GTM_LIKE.replace(/\n/g, '\r\n'));
    expect(parsed.crlf).toBe(true);
    expect(parsed.hasBom).toBe(true);
    expect(findSection(parsed, 'NOTES')!.content).toBe('Created on 6/20/2023, 9:42:36 PM');
  });

  it('rejects text without section headers', () => {
    expect(() => parseTpl('just text\n', 'x.tpl')).toThrow(TplFormatError);
  });

  it('reports the line of a JSON syntax error', () => {
    const broken = GTM_LIKE.replace('"type": "MACRO",', '"type": "MACRO"');
    const parsed = parseTpl(broken, 'broken.tpl');
    expect(() => parseJsonSection(parsed, findSection(parsed, 'INFO')!)).toThrow(/broken\.tpl:1[1-3] \[INFO\]/);
  });

  it('round-trips every template the build generates from the fixtures', () => {
    const built = buildAll({ sourceRoot: path.resolve(__dirname, '..', 'fixtures', 'build') });
    expect(built.length).toBe(2);
    for (const template of built) {
      expect(roundTrip(template.text)).toBe(template.text);
      const names = parseTpl(template.text).sections.map((s) => s.name);
      expect(names).toEqual(SECTION_ORDER.filter((name) => names.includes(name)));
    }
  });

  it('round-trips the committed templates/*.tpl', () => {
    const dir = path.resolve(__dirname, '..', '..', 'templates');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tpl')) : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(roundTrip(text)).toBe(text);
    }
  });
});

describe('gtmSection', () => {
  it('frames a section as GTM does: header, blank line, content, two blank lines', () => {
    const text = assembleTpl({ hasBom: false, crlf: false, preamble: '', sections: [gtmSection('NOTES', 'n')] });
    expect(text).toBe('___NOTES___\n\nn\n\n\n');
  });
});

describe('stringifyGtmJson', () => {
  it('indents by two spaces and escapes < > = \' & as Gson does', () => {
    expect(stringifyGtmJson({ help: "<a href='x'>a & b = c</a>", list: [], map: {} })).toBe(
      '{\n  "help": "\\u003ca href\\u003d\\u0027x\\u0027\\u003ea \\u0026 b \\u003d c\\u003c/a\\u003e",\n  "list": [],\n  "map": {}\n}',
    );
  });

  it('is read back by JSON.parse unchanged', () => {
    const value = { a: "<>='&\"\\\n", b: [1, true, null, { c: 'é' }] };
    expect(JSON.parse(stringifyGtmJson(value))).toEqual(value);
  });
});
