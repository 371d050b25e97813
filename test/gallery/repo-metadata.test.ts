// The repository's own gallery-metadata.yaml: it must always parse without problems, and every entry
// must name a template that exists. (The reverse, every template having an entry, is checked by
// `npm run gallery`, which also validates the templates themselves.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGallerySource } from '../../build/gallery-metadata';
import { REPO_ROOT } from './helpers';

describe('gallery-metadata.yaml of this repository', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'gallery-metadata.yaml'), 'utf8');
  const { source, problems } = parseGallerySource(text);

  it('parses without problems', () => {
    expect(problems).toEqual([]);
    expect(source).toBeDefined();
  });

  it('has entries only for templates that exist in templates/', () => {
    const missing = (source?.templates ?? []).map((entry) => entry.id).filter((id) => !fs.existsSync(path.join(REPO_ROOT, 'templates', `${id}.tpl`)));
    expect(missing).toEqual([]);
  });
});
