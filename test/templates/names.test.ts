// The project's name and the templates' display names: every template is "Countersign <template
// name>" (the Community Template Gallery's "Organization Name Template Name",
// https://developers.google.com/tag-platform/tag-manager/templates/style), with the brand
// "Countersign", and no name is one a TikTok template of another publisher already uses in the
// gallery. The gallery repositories and their README's install step follow the same name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTemplateSummary } from '../../build/docs';
import { parseGallerySource } from '../../build/gallery-metadata';
import { renderGalleryReadme } from '../../build/gallery-readme';
import { BRAND_NAME, GITHUB_OWNER } from '../../src/template-kit/brand';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATES_DIR = path.join(ROOT, 'templates');
const ids = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl')).map((f) => f.replace(/\.tpl$/, '')).sort();
const summaries = ids.map((id) => readTemplateSummary(fs.readFileSync(path.join(TEMPLATES_DIR, id + '.tpl'), 'utf8'), id));

/**
 * Names of the TikTok templates already in the gallery: TikTok's own web and server templates and
 * Stape's (read from the published files when GTM_EXTERNAL_TEMPLATES points at them).
 */
const THIRD_PARTY_NAMES = ['TikTok Pixel', 'TikTok Events API (Official)', 'TikTok Events API', 'TikTok Pixel by Stape'];

function externalNames(): string[] {
  const dir = process.env.GTM_EXTERNAL_TEMPLATES;
  if (!dir) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tpl')).map((f) => readTemplateSummary(fs.readFileSync(path.join(dir, f), 'utf8'), f).displayName);
}

describe('names', () => {
  test.each(summaries.map((s) => [s.id, s]))('%s: "Countersign …" with the Countersign brand', (_id, summary) => {
    expect(summary.displayName.startsWith(BRAND_NAME + ' TikTok ')).toBe(true);
    expect(summary.brandName).toBe(BRAND_NAME);
  });

  test('no name is another publisher\'s, and no two templates of one container share a name', () => {
    const taken = new Set([...THIRD_PARTY_NAMES, ...externalNames()].map((n) => n.toLowerCase()));
    expect(summaries.filter((s) => taken.has(s.displayName.toLowerCase())).map((s) => s.displayName)).toEqual([]);
    for (const context of ['WEB', 'SERVER']) {
      const names = summaries.filter((s) => s.context === context).map((s) => s.displayName);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  test('the published TikTok templates in GTM_EXTERNAL_TEMPLATES are the names listed here', () => {
    const names = externalNames();
    if (names.length === 0) {
      console.log('skipped: set GTM_EXTERNAL_TEMPLATES to a folder of published .tpl files to compare with their names');
      return;
    }
    expect(names.filter((n) => !THIRD_PARTY_NAMES.includes(n))).toEqual([]);
  });

  test('the gallery repositories are named after the project, and each README searches for it', () => {
    const { source, problems } = parseGallerySource(fs.readFileSync(path.join(ROOT, 'gallery-metadata.yaml'), 'utf8'));
    expect(problems).toEqual([]);
    expect(source!.owner).toBe(GITHUB_OWNER);
    for (const entry of source!.templates) {
      expect(entry.repository).toBe('countersign-' + entry.id);
      const summary = summaries.find((s) => s.id === entry.id)!;
      const readme = renderGalleryReadme(fs.readFileSync(path.join(TEMPLATES_DIR, entry.id + '.tpl'), 'utf8'), entry, source!);
      const install = readme.split('\n').find((line) => line.includes('Search Gallery'))!;
      expect(install).toContain(`search for “${BRAND_NAME}”, open “${summary.displayName}”`);
      expect(install).not.toMatch(/search for “TikTok/);
    }
  });
});
