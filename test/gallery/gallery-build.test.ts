import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { buildGallery, main } from '../../build/gallery';
import { validateGalleryFolder } from '../../build/gallery-validate';
import { findSection, parseTpl } from '../../src/tpl/format';
import { editInfo, editText, makeWorkspace, pngDataUri, removeWorkspaces, REPO_LICENSE, SERVER_TAG, WEB_VARIABLE } from './helpers';
import type { Workspace } from './helpers';

afterEach(removeWorkspaces);

function folderOf(workspace: Workspace, id: string): string {
  return path.join(workspace.outDir, id);
}

describe('npm run gallery on good fixtures', () => {
  it('writes one valid folder per template with the four files', () => {
    const workspace = makeWorkspace();
    const report = buildGallery(workspace);
    expect(report.errors).toEqual([]);
    expect(report.folders.map((folder) => path.basename(folder)).sort()).toEqual([SERVER_TAG, WEB_VARIABLE]);
    for (const id of [SERVER_TAG, WEB_VARIABLE]) {
      const folder = folderOf(workspace, id);
      expect(fs.readdirSync(folder).sort()).toEqual(['LICENSE', 'README.md', 'metadata.yaml', 'template.tpl']);
      expect(fs.readFileSync(path.join(folder, 'template.tpl')).equals(fs.readFileSync(workspace.tplPath(id)))).toBe(true);
      expect(fs.readFileSync(path.join(folder, 'LICENSE')).equals(fs.readFileSync(REPO_LICENSE))).toBe(true);
      expect(validateGalleryFolder(folder).errors).toEqual([]);
    }
  });

  it('lists only published versions, newest first, under "# Latest version"', () => {
    const workspace = makeWorkspace();
    buildGallery(workspace);
    const text = fs.readFileSync(path.join(folderOf(workspace, SERVER_TAG), 'metadata.yaml'), 'utf8');
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'homepage: "https://github.com/example-org/fixture-conversion-tag-gtm-template"',
      'documentation: "https://github.com/example-org/example-templates/blob/main/docs/reference/fixture-conversion-tag.md"',
      'versions:',
      '  # Latest version',
    ]);
    const metadata = load(text) as { versions: Array<{ sha: string; changeNotes: string }> };
    expect(metadata.versions).toEqual([
      { sha: '0123456789abcdef0123456789abcdef01234567', changeNotes: 'Hashes user data.\nAdds test mode.' },
      { sha: '89abcdef0123456789abcdef0123456789abcdef', changeNotes: 'First release.' },
    ]);
  });

  it('writes no versions (and no placeholder) before the first publication, with a note', () => {
    const workspace = makeWorkspace();
    const report = buildGallery(workspace);
    const text = fs.readFileSync(path.join(folderOf(workspace, WEB_VARIABLE), 'metadata.yaml'), 'utf8');
    expect(Object.keys(load(text) as object)).toEqual(['homepage', 'documentation']);
    expect(text).not.toMatch(/sha|versions/);
    expect(report.notes.join('\n')).toMatch(/fixture-id-variable: not published yet.*record-sha fixture-id-variable/);
    expect(report.notes.join('\n')).toMatch(/fixture-conversion-tag: version 1\.2\.0 is not published yet/);
  });

  it('fails with --require-published while a template has no published version', () => {
    const workspace = makeWorkspace();
    const report = buildGallery(workspace, { requirePublished: true });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^fixture-id-variable: .*"versions" is missing/);
    expect(fs.existsSync(folderOf(workspace, WEB_VARIABLE))).toBe(false);
    expect(fs.existsSync(folderOf(workspace, SERVER_TAG))).toBe(true);
  });

  it('writes a README with install steps, a field summary and the docs link', () => {
    const workspace = makeWorkspace();
    buildGallery(workspace);
    const readme = fs.readFileSync(path.join(folderOf(workspace, SERVER_TAG), 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Fixture Conversion Tag\n/);
    expect(readme).toContain('open your **server** container');
    expect(readme).toContain('| Access token | `accessToken` | Text | yes |  |');
    expect(readme).toContain('| App id | `appId` | Text |  | User data › App settings |');
    expect(readme).toContain('(https://github.com/example-org/example-templates/blob/main/docs/reference/fixture-conversion-tag.md)');
    expect(readme).toContain('- **1.2.0**: Adds app events.');
  });

  it('removes folders of templates that no longer exist', () => {
    const workspace = makeWorkspace();
    fs.mkdirSync(path.join(workspace.outDir, 'old-template'), { recursive: true });
    buildGallery(workspace);
    expect(fs.readdirSync(workspace.outDir).sort()).toEqual([SERVER_TAG, WEB_VARIABLE]);
  });

  it('packages nothing, successfully, when there are no templates and no entries', () => {
    const workspace = makeWorkspace();
    fs.rmSync(workspace.templatesDir, { recursive: true });
    fs.writeFileSync(workspace.metadataFile, 'owner: example-org\nsourceRepository: example-templates\ntemplates: {}\n');
    const report = buildGallery(workspace);
    expect(report.errors).toEqual([]);
    expect(report.folders).toEqual([]);
  });
});

describe('npm run gallery fails on broken input', () => {
  /** Build a broken workspace and return its errors (all must name a template or file). */
  function errorsAfter(breakIt: (workspace: Workspace) => void): { errors: string[]; workspace: Workspace } {
    const workspace = makeWorkspace();
    breakIt(workspace);
    const report = buildGallery(workspace);
    expect(report.errors.length).toBeGreaterThan(0);
    return { errors: report.errors, workspace };
  }

  function expectTemplateError(breakIt: (workspace: Workspace) => void, id: string, pattern: RegExp): void {
    const { errors, workspace } = errorsAfter(breakIt);
    const matching = errors.filter((error) => error.startsWith(`${id}: `) && pattern.test(error));
    expect({ errors, matching: matching.length > 0 }).toEqual({ errors, matching: true });
    expect(fs.existsSync(folderOf(workspace, id))).toBe(false);
  }

  it('a missing LICENSE', () => {
    const { errors } = errorsAfter((workspace) => fs.rmSync(workspace.licenseFile));
    expect(errors.join('\n')).toMatch(/LICENSE not found; every gallery repository needs the Apache-2\.0 LICENSE/);
  });

  it('a LICENSE that is not Apache-2.0', () => {
    const { errors } = errorsAfter((workspace) => fs.writeFileSync(workspace.licenseFile, 'MIT License\n\nPermission is hereby granted…\n'));
    expect(errors.join('\n')).toMatch(/not the Apache License 2\.0 text/);
  });

  it('a sha that is not 40 hex characters', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('sha: 0123456789abcdef0123456789abcdef01234567', 'sha: abc1234')),
      SERVER_TAG,
      /versions\[1\] \(1\.1\.0\): sha "abc1234" is not a full 40-character/,
    );
  });

  it('an upper-case sha', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('89abcdef0123456789abcdef0123456789abcdef', '89ABCDEF0123456789ABCDEF0123456789ABCDEF')),
      SERVER_TAG,
      /not a full 40-character lower-case hex/,
    );
  });

  it('versions in the wrong order', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('version: "1.0.0"', 'version: "1.3.0"')),
      SERVER_TAG,
      /versions must be newest first, but "1\.3\.0" comes after "1\.1\.0"/,
    );
  });

  it('an unpublished version below a published one', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('        sha: 89abcdef0123456789abcdef0123456789abcdef\n', '')),
      SERVER_TAG,
      /versions\[2\] \(1\.0\.0\) has no sha but the newer version "1\.1\.0" does/,
    );
  });

  it('the same sha twice', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('89abcdef0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef01234567')),
      SERVER_TAG,
      /sha 0123456789abcdef0123456789abcdef01234567 is already used by fixture-conversion-tag 1\.1\.0/,
    );
  });

  it('a version listed twice', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('version: "1.0.0"', 'version: "1.1.0"')),
      SERVER_TAG,
      /version "1\.1\.0" is listed twice/,
    );
  });

  it('a category outside the gallery list', () => {
    expectTemplateError(
      (workspace) => editInfo(workspace.tplPath(SERVER_TAG), (info) => (info.categories = ['ADVERTISING', 'GAMES'])),
      SERVER_TAG,
      /INFO\.categories has value\(s\) not in the gallery's list: "GAMES"/,
    );
  });

  it('missing categories', () => {
    expectTemplateError(
      (workspace) => editInfo(workspace.tplPath(WEB_VARIABLE), (info) => delete info.categories),
      WEB_VARIABLE,
      /INFO\.categories is missing/,
    );
  });

  it.each([
    ['a thumbnail too small', () => pngDataUri(16, 16), /brand\.thumbnail is 16×16 px; each side must be 32\.\.1024 px/],
    ['a thumbnail too large', () => pngDataUri(1100, 1100), /brand\.thumbnail is 1100×1100 px/],
    ['a thumbnail far from square', () => pngDataUri(200, 64), /it must be roughly square/],
    ['a thumbnail that is not an image', () => 'data:image/png;base64,' + Buffer.from('hello, not a png').toString('base64'), /PNG signature is missing/],
    ['a thumbnail that is not base64', () => 'data:image/png;base64,***', /not valid base64/],
    ['a thumbnail that is a GIF', () => 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', /must be a data:image\/png;base64/],
    [
      'a thumbnail with a corrupted chunk',
      () => {
        const bytes = Buffer.from(pngDataUri(64, 64).split(',')[1], 'base64');
        bytes[20] ^= 0xff; // inside IHDR: its CRC no longer matches
        return 'data:image/png;base64,' + bytes.toString('base64');
      },
      /chunk IHDR has a wrong CRC/,
    ],
    [
      'a thumbnail declared PNG holding a JPEG',
      () => 'data:image/png;base64,' + Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0, 64, 0, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]).toString('base64'),
      /says image\/png but the data is a JPEG/,
    ],
  ])('%s', (_name, thumbnail, pattern) => {
    expectTemplateError(
      (workspace) => editInfo(workspace.tplPath(SERVER_TAG), (info) => ((info.brand as Record<string, unknown>).thumbnail = thumbnail())),
      SERVER_TAG,
      pattern,
    );
  });

  it('no brand', () => {
    expectTemplateError((workspace) => editInfo(workspace.tplPath(SERVER_TAG), (info) => delete info.brand), SERVER_TAG, /INFO\.brand is missing/);
  });

  it('a template without the Terms of Service block', () => {
    expectTemplateError(
      (workspace) => editText(workspace.tplPath(WEB_VARIABLE), (text) => text.replace(/___TERMS_OF_SERVICE___[\s\S]*?(?=___INFO___)/, '')),
      WEB_VARIABLE,
      /no ___TERMS_OF_SERVICE___ section/,
    );
  });

  it('the Terms of Service block after INFO', () => {
    expectTemplateError(
      (workspace) =>
        editText(workspace.tplPath(WEB_VARIABLE), (text) => {
          const parsed = parseTpl(text);
          const tos = findSection(parsed, 'TERMS_OF_SERVICE') as NonNullable<ReturnType<typeof findSection>>;
          const info = findSection(parsed, 'INFO') as NonNullable<ReturnType<typeof findSection>>;
          return text.replace(/___TERMS_OF_SERVICE___\n\n[\s\S]*?\n\n\n/, '').replace(`___INFO___\n\n${info.content}\n\n\n`, `___INFO___\n\n${info.content}\n\n\n___TERMS_OF_SERVICE___\n\n${tos.content}\n\n\n`);
        }),
      WEB_VARIABLE,
      /___TERMS_OF_SERVICE___ must be the first section, found ___INFO___ first/,
    );
  });

  it('altered Terms of Service wording', () => {
    expectTemplateError(
      (workspace) => editText(workspace.tplPath(WEB_VARIABLE), (text) => text.replace('as modified from time to time.', 'as we like.')),
      WEB_VARIABLE,
      /differs from the gallery Terms of Service wording/,
    );
  });

  it('INFO that does not parse', () => {
    expectTemplateError(
      (workspace) => editText(workspace.tplPath(WEB_VARIABLE), (text) => text.replace('"type": "MACRO",', '"type": "MACRO",,')),
      WEB_VARIABLE,
      /___INFO___ is not valid JSON/,
    );
  });

  it.each([[['WEB', 'SERVER']], [[]], [['SERVER']], ['WEB']])('containerContexts %j on a web template', (contexts) => {
    expectTemplateError(
      (workspace) => editInfo(workspace.tplPath(WEB_VARIABLE), (info) => (info.containerContexts = contexts)),
      WEB_VARIABLE,
      Array.isArray(contexts) && contexts.length === 1
        ? /a SERVER template needs a ___SANDBOXED_JS_FOR_SERVER___ section/
        : /INFO\.containerContexts must be exactly \["WEB"\] or \["SERVER"\]/,
    );
  });

  it('metadata for a template that does not exist', () => {
    const { errors } = errorsAfter((workspace) => fs.rmSync(workspace.tplPath(WEB_VARIABLE)));
    expect(errors).toEqual([expect.stringMatching(/^fixture-id-variable: .*gallery-metadata\.yaml has an entry but there is no .*fixture-id-variable\.tpl$/)]);
  });

  it('a template without metadata, suggesting the entry to add', () => {
    const { errors } = errorsAfter((workspace) => fs.copyFileSync(workspace.tplPath(WEB_VARIABLE), path.join(workspace.templatesDir, 'new-variable.tpl')));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^new-variable: templates\/new-variable\.tpl has no entry in .*gallery-metadata\.yaml/);
    expect(errors[0]).toContain('  new-variable:\n    repository: new-variable-gtm-template\n    versions:');
  });

  it('two templates sharing a gallery repository', () => {
    expectTemplateError(
      (workspace) => editText(workspace.metadataFile, (text) => text.replace('repository: fixture-id-variable-gtm-template', 'repository: fixture-conversion-tag-gtm-template')),
      WEB_VARIABLE,
      /repository "fixture-conversion-tag-gtm-template" is also used by template "fixture-conversion-tag"/,
    );
  });

  it('unknown keys and a non-https homepage in gallery-metadata.yaml', () => {
    const { errors } = errorsAfter((workspace) =>
      editText(workspace.metadataFile, (text) =>
        text.replace('    homepage: https://github.com/example-org/fixture-conversion-tag-gtm-template', '    homepage: http://example.org/x\n    privacy: https://example.org/p'),
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fixture-conversion-tag: .*unknown key "privacy"/),
        expect.stringMatching(/^fixture-conversion-tag: .*"homepage" must be an https URL/),
      ]),
    );
  });

  it('invalid YAML in gallery-metadata.yaml', () => {
    const { errors } = errorsAfter((workspace) => fs.appendFileSync(workspace.metadataFile, '  fixture-id-variable:\n    repository: x\n'));
    expect(errors.join('\n')).toMatch(/is not valid YAML/);
  });
});

describe('CLI', () => {
  function run(args: string[]): { code: number; out: string; err: string } {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(args, { log: (m) => out.push(m), error: (m) => err.push(m) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('exits 0 on good fixtures and 1, naming the template and problem, on a broken one', () => {
    const workspace = makeWorkspace();
    const args = ['--templates', workspace.templatesDir, '--metadata', workspace.metadataFile, '--license', workspace.licenseFile, '--out', workspace.outDir];
    const good = run(args);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/ok: .*fixture-conversion-tag/);

    editInfo(workspace.tplPath(SERVER_TAG), (info) => (info.categories = ['FUN']));
    const broken = run(args);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/error: fixture-conversion-tag: .*INFO\.categories has value\(s\) not in the gallery's list: "FUN"/);
  });

  it('check validates named folders', () => {
    const workspace = makeWorkspace();
    buildGallery(workspace);
    const folder = path.join(workspace.outDir, SERVER_TAG);
    expect(run(['check', folder]).code).toBe(0);
    fs.rmSync(path.join(folder, 'LICENSE'));
    const result = run(['check', folder]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/LICENSE is missing/);
  });

  it('rejects unknown options and commands', () => {
    expect(run(['--frobnicate']).code).toBe(2);
    expect(run(['publish']).code).toBe(2);
  });
});

describe('brand id', () => {
  it('warns when brand.id claims another GitHub owner', () => {
    const workspace = makeWorkspace();
    editInfo(workspace.tplPath(WEB_VARIABLE), (info) => ((info.brand as Record<string, unknown>).id = 'github.com_someone-else'));
    const report = buildGallery(workspace);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      'fixture-id-variable: INFO.brand.id is "github.com_someone-else" but the gallery repositories belong to "example-org"; use "brand_dummy" or "github.com_example-org"',
    ]);
  });
});
