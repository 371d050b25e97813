// docs/comparison.md compares our templates with TikTok's and Stape's, cell by cell, each cell with
// its source. This keeps the sources honest:
// - an "ours" cell that names a file (`path`) or a test (`path › test name`) points at a file that
//   exists and, for a test, a name that is in that file; a cell with no such reference says "no";
// - a cell about a published template links to that template's repository, and a link into a file
//   is pinned to the commit the page lists for that repository under "Versions compared".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inlineCode, tables, Table } from './markdown';

const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'docs', 'comparison.md');
const REPO_PATH = /^(?:src|test|templates|docs|build|bench|scripts|types)\/[\w./+-]+$/;
const SEPARATOR = ' › ';

/** Problems of one "ours" cell (empty when every reference resolves). */
function oursProblems(cell: string, root: string): string[] {
  const out: string[] = [];
  const references = inlineCode(cell).filter((span) => REPO_PATH.test(span.split(SEPARATOR)[0]));
  if (references.length === 0 && !/^no\b/.test(cell)) out.push(`names no file or test and does not say "no": ${cell}`);
  for (const reference of references) {
    const [file, ...rest] = reference.split(SEPARATOR);
    const title = rest.join(SEPARATOR);
    const full = path.join(root, file);
    if (!fs.existsSync(full)) {
      out.push(`${file} does not exist`);
      continue;
    }
    if (title && !fs.readFileSync(full, 'utf8').includes(title)) out.push(`${file} has no test named "${title}"`);
  }
  return out;
}

/** GitHub links of a cell: repository (owner/name), kind (blob, tree, pull...) and the rest. */
function githubLinks(cell: string): { repo: string; kind: string; ref: string }[] {
  return [...cell.matchAll(/\]\((https:\/\/github\.com\/([\w.-]+\/[\w.-]+)(?:\/(blob|tree|pull|issues)\/([^)#/]+))?[^)]*)\)/g)].map((m) => ({
    repo: m[2],
    kind: m[3] ?? '',
    ref: m[4] ?? '',
  }));
}

/** Problems of one cell about a published template (`repo` is the one its column is about). */
function publishedProblems(cell: string, repo: string, commit: string): string[] {
  const links = githubLinks(cell).filter((link) => link.repo === repo);
  if (links.length === 0) return [`no link to ${repo}: ${cell}`];
  return links
    .filter((link) => link.kind === 'blob' || link.kind === 'tree')
    .filter((link) => link.ref !== commit)
    .map((link) => `a link into ${repo} is at ${link.ref}, not at the commit read (${commit})`);
}

function versions(markdown: string): Map<string, string> {
  const table = tables(markdown).find((t) => t.header[0] === 'template' && t.header.includes('commit read'));
  if (!table) throw new Error('no "Versions compared" table');
  const repoColumn = table.header.indexOf('repository');
  const commitColumn = table.header.indexOf('commit read');
  const out = new Map<string, string>();
  for (const row of table.rows) {
    const repo = /\[([\w.-]+\/[\w.-]+)\]/.exec(row[repoColumn])?.[1];
    const commit = inlineCode(row[commitColumn])[0];
    if (repo && commit) out.set(repo, commit);
  }
  return out;
}

/** Which repository a column header is about. */
const COLUMN_REPO: Record<string, string> = {
  'TikTok server tag': 'tiktok/gtm-template-eapi',
  'TikTok web tag': 'tiktok/gtm-template-pixel',
  'Stape server tag': 'stape-io/tiktok-tag',
  'Stape web tag': 'stape-io/tiktok-web-tag',
};

function comparisonTables(markdown: string): Table[] {
  return tables(markdown).filter((t) => t.header[0] === 'feature' && t.header[1] === 'ours');
}

describe('docs/comparison.md', () => {
  const markdown = fs.readFileSync(PAGE, 'utf8');
  const pinned = versions(markdown);
  const compared = comparisonTables(markdown);

  test('compares the server and the web tags with all four published templates, each at a 40-hex commit', () => {
    expect(compared).toHaveLength(2);
    expect(compared.flatMap((t) => t.header.slice(2)).sort()).toEqual(Object.keys(COLUMN_REPO).sort());
    expect([...pinned.keys()].sort()).toEqual(Object.values(COLUMN_REPO).sort());
    for (const commit of pinned.values()) expect(commit).toMatch(/^[0-9a-f]{40}$/);
    const features = compared.flatMap((t) => t.rows.map((row) => row[0]));
    for (const feature of ['Event sources (web, app, offline, CRM)', 'Several pixels in one tag', 'Remembered match keys', 'Consent', 'Retries']) {
      expect(features).toContain(feature);
    }
  });

  test('every "ours" cell points at files and tests that exist, or says "no"', () => {
    const all = compared.flatMap((t) => t.rows.map((row) => oursProblems(row[1], ROOT).map((p) => `${row[0]}: ${p}`))).flat();
    expect(all).toEqual([]);
  });

  test('every cell about a published template links to it, pinned to the commit read', () => {
    const all: string[] = [];
    for (const table of compared) {
      table.header.slice(2).forEach((column, offset) => {
        const repo = COLUMN_REPO[column];
        for (const row of table.rows) {
          for (const problem of publishedProblems(row[offset + 2], repo, pinned.get(repo) as string)) all.push(`${row[0]} / ${column}: ${problem}`);
        }
      });
    }
    expect(all).toEqual([]);
  });

  test('the checkers catch a missing file, a missing test name, a bare claim and an unpinned link', () => {
    expect(oursProblems('yes: `src/core/nowhere.ts`', ROOT)).toEqual(['src/core/nowhere.ts does not exist']);
    expect(oursProblems('yes: `test/core/consent.test.ts › a test nobody wrote`', ROOT)).toEqual([
      'test/core/consent.test.ts has no test named "a test nobody wrote"',
    ]);
    expect(oursProblems('yes, trust us', ROOT)).toHaveLength(1);
    expect(oursProblems('no', ROOT)).toEqual([]);
    const commit = pinned.get('tiktok/gtm-template-eapi') as string;
    expect(publishedProblems('none', 'tiktok/gtm-template-eapi', commit)).toHaveLength(1);
    expect(publishedProblems('x ([L1](https://github.com/tiktok/gtm-template-eapi/blob/main/template.js#L1))', 'tiktok/gtm-template-eapi', commit)).toEqual([
      `a link into tiktok/gtm-template-eapi is at main, not at the commit read (${commit})`,
    ]);
    expect(publishedProblems(`x ([L1](https://github.com/tiktok/gtm-template-eapi/blob/${commit}/template.js#L1))`, 'tiktok/gtm-template-eapi', commit)).toEqual([]);
  });
});
