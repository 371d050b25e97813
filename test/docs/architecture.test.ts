// docs/architecture.md ("how an event flows") names the file of every step: each one must exist, so
// the page fails here as soon as a file it names is moved or renamed. The README points to it.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'docs', 'architecture.md');

/** Inline code spans that are repository paths (`src/...`, `templates/x.tpl`, `container.yaml`). */
function namedFiles(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
  return [...new Set(spans.filter((span) => /^(?:(?:src|build|test|templates|docs|bench|scripts|types|assets)\/[\w./+-]+|container\.yaml)$/.test(span)))];
}

describe('docs/architecture.md', () => {
  const text = fs.readFileSync(PAGE, 'utf8');
  const files = namedFiles(text);

  test('names the files of both paths', () => {
    expect(files).toEqual(expect.arrayContaining(['src/server/ga4.ts', 'src/core/map-event.ts', 'src/templates/tiktok-pixel/main.ts']));
    expect(files.length).toBeGreaterThan(25);
  });

  test.each(files)('%s exists', (file) => {
    expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  });

  test('the README layout paragraph points to it', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout and development'));
    expect(layout).toMatch(/\]\(docs\/architecture\.md\)/);
  });

  test('a path that does not exist is caught', () => {
    expect(namedFiles('see `src/core/nowhere.ts` and `npm test`')).toEqual(['src/core/nowhere.ts']);
  });
});
