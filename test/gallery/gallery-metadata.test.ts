import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { parseGallerySource, recordSha, renderGalleryMetadataYaml, yamlSha } from '../../build/gallery-metadata';
import { validateGalleryFolder, validateMetadataYaml } from '../../build/gallery-validate';
import { buildGallery } from '../../build/gallery';
import { GOOD_FIXTURES, makeWorkspace, removeWorkspaces, SERVER_TAG } from './helpers';

afterEach(removeWorkspaces);

const FIXTURE_SOURCE = fs.readFileSync(path.join(GOOD_FIXTURES, 'gallery-metadata.yaml'), 'utf8');
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(39) + 'c';

describe('record-sha', () => {
  it('records the sha on the newest unpublished version, keeping comments and layout', () => {
    const result = recordSha(FIXTURE_SOURCE, SERVER_TAG, SHA_A);
    expect(result).toMatchObject({ version: '1.2.0', preservedLayout: true });
    // Exactly one line changed: the version entry now starts with its sha.
    const before = FIXTURE_SOURCE.split('\n');
    const after = result.text.split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain('      # Not pushed yet');
    expect(after).toContain(`      - sha: ${SHA_A}`);
    expect(after[after.indexOf(`      - sha: ${SHA_A}`) + 1]).toBe('        version: "1.2.0"');
    const { source, problems } = parseGallerySource(result.text);
    expect(problems).toEqual([]);
    expect(source?.templates[0].versions.map((version) => version.sha)).toEqual([SHA_A, '0123456789abcdef0123456789abcdef01234567', '89abcdef0123456789abcdef0123456789abcdef']);
  });

  it('picks the oldest of several unpublished versions (they are published in order)', () => {
    const text = FIXTURE_SOURCE.replace(
      '      - version: "0.1.0"\n        changeNotes: First release.',
      '      - version: "0.2.0"\n        changeNotes: Second.\n      - version: "0.1.0"\n        changeNotes: First release.',
    );
    expect(recordSha(text, 'fixture-id-variable', SHA_A).version).toBe('0.1.0');
  });

  it('fills an existing empty sha key', () => {
    const text = FIXTURE_SOURCE.replace('      - version: "0.1.0"\n', '      - version: "0.1.0"\n        sha:\n');
    const result = recordSha(text, 'fixture-id-variable', SHA_B);
    expect(result.preservedLayout).toBe(true);
    expect(result.text).toContain(`        sha: ${SHA_B}\n`);
  });

  it('quotes a sha YAML would read as a number', () => {
    const digits = '1234567890'.repeat(4);
    expect(yamlSha(digits)).toBe(`"${digits}"`);
    expect(yamlSha('1'.repeat(36) + 'e123')).toBe('"' + '1'.repeat(36) + 'e123"');
    expect(yamlSha(SHA_A)).toBe(SHA_A);
    const result = recordSha(FIXTURE_SOURCE, 'fixture-id-variable', digits);
    expect(parseGallerySource(result.text).source?.templates[1].versions[0].sha).toBe(digits);
  });

  it('rewrites in canonical form when the layout cannot be edited in place (flow style)', () => {
    const flow =
      'owner: example-org\nsourceRepository: example-templates\ntemplates: {t: {repository: t-repo, versions: [{version: "1.0.0", changeNotes: First}]}}\n';
    const result = recordSha(flow, 't', SHA_A);
    expect(result.preservedLayout).toBe(false);
    const parsed = parseGallerySource(result.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.source?.templates[0].versions).toEqual([{ version: '1.0.0', sha: SHA_A, changeNotes: 'First' }]);
  });

  it('refuses a short sha, an unknown template, a used sha, and a fully published template', () => {
    expect(() => recordSha(FIXTURE_SOURCE, SERVER_TAG, 'abc123')).toThrow(/not a full commit sha/);
    expect(() => recordSha(FIXTURE_SOURCE, 'nope', SHA_A)).toThrow(/no template "nope".*known: fixture-conversion-tag, fixture-id-variable/);
    expect(() => recordSha(FIXTURE_SOURCE, 'fixture-id-variable', '0123456789abcdef0123456789abcdef01234567')).toThrow(/already recorded for fixture-conversion-tag 1\.1\.0/);
    const once = recordSha(FIXTURE_SOURCE, 'fixture-id-variable', SHA_A).text;
    expect(() => recordSha(once, 'fixture-id-variable', SHA_B)).toThrow(/every version already has a sha.*add a new version entry/);
  });
});

describe('gallery metadata.yaml', () => {
  const entry = {
    id: 't',
    repository: 't-repo',
    homepage: 'https://github.com/o/t-repo',
    documentation: 'https://github.com/o/s/blob/main/docs/reference/t.md',
    versions: [
      { version: '2.0.0', changeNotes: 'Unpublished.' },
      { version: '1.1.0', sha: SHA_B, changeNotes: 'Line one\nline two: with colon' },
      { version: '1.0.0', sha: SHA_A, changeNotes: 'Says "hi": #1' },
    ],
  };

  it('renders published versions newest first with change notes that survive YAML', () => {
    const text = renderGalleryMetadataYaml(entry);
    expect(validateMetadataYaml(text, { requirePublished: true }).errors).toEqual([]);
    expect(load(text)).toEqual({
      homepage: entry.homepage,
      documentation: entry.documentation,
      versions: [
        { sha: SHA_B, changeNotes: 'Line one\nline two: with colon' },
        { sha: SHA_A, changeNotes: 'Says "hi": #1' },
      ],
    });
  });

  it.each([
    ['keys out of order', `documentation: "https://a.example/d"\nhomepage: "https://a.example/h"\n`, /keys must be in the order homepage, documentation, versions/],
    ['an unknown key', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nprivacy: x\n`, /unknown key "privacy"/],
    ['a missing homepage', `documentation: "https://a.example/d"\n`, /"homepage" is missing/],
    ['no Latest version comment', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nversions:\n  - sha: ${SHA_A}\n    changeNotes: x\n`, /must be the comment "# Latest version"/],
    ['entry keys reversed', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nversions:\n  # Latest version\n  - changeNotes: x\n    sha: ${SHA_A}\n`, /exactly the keys sha, changeNotes in that order/],
    ['a misspelled changeNotes', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nversions:\n  # Latest version\n  - sha: ${SHA_A}\n    changeNodes: x\n`, /exactly the keys sha, changeNotes/],
    ['a duplicate sha', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nversions:\n  # Latest version\n  - sha: ${SHA_A}\n    changeNotes: x\n  - sha: ${SHA_A}\n    changeNotes: y\n`, /listed twice/],
    ['an empty versions list', `homepage: "https://a.example/h"\ndocumentation: "https://a.example/d"\nversions: []\n`, /non-empty list/],
  ])('rejects %s', (_name, text, pattern) => {
    const result = validateMetadataYaml(text);
    expect(result.errors.join('\n')).toMatch(pattern);
  });
});

describe('check against the gallery repository history', () => {
  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  function git(cwd: string, ...args: string[]): string {
    return childProcess.execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: gitEnv, encoding: 'utf8' }).trim();
  }

  /** A gallery repository with two template commits; returns its dir and [older, newer] shas. */
  function galleryRepo(): { dir: string; older: string; newer: string; folder: string } {
    const workspace = makeWorkspace();
    buildGallery(workspace);
    const folder = path.join(workspace.outDir, SERVER_TAG);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-repo-'));
    git(dir, 'init', '-q');
    for (const file of ['template.tpl', 'LICENSE', 'README.md']) fs.copyFileSync(path.join(folder, file), path.join(dir, file));
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'v1');
    const older = git(dir, 'rev-parse', 'HEAD');
    fs.appendFileSync(path.join(dir, 'README.md'), '\nv2\n');
    git(dir, 'commit', '-q', '-am', 'v2');
    const newer = git(dir, 'rev-parse', 'HEAD');
    return { dir, older, newer, folder };
  }

  function writeMetadata(dir: string, shas: string[]): void {
    const entry = { id: 't', repository: 'r', homepage: 'https://a.example/h', documentation: 'https://a.example/d', versions: shas.map((sha, i) => ({ version: `${9 - i}.0.0`, sha, changeNotes: 'x' })) };
    fs.writeFileSync(path.join(dir, 'metadata.yaml'), renderGalleryMetadataYaml(entry));
  }

  it('accepts shas on HEAD newest first, rejects a wrong order and unknown commits', () => {
    const { dir, older, newer } = galleryRepo();
    try {
      writeMetadata(dir, [newer, older]);
      expect(validateGalleryFolder(dir, { requirePublished: true }).errors).toEqual([]);

      writeMetadata(dir, [older, newer]);
      expect(validateGalleryFolder(dir).errors.join('\n')).toMatch(/versions must be newest first, but .* is not newer than/);

      writeMetadata(dir, ['c'.repeat(40), newer]);
      expect(validateGalleryFolder(dir).errors.join('\n')).toMatch(/sha c{40} is not a commit of this repository/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000); // runs git several times
});
