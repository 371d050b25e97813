// Shared setup for the gallery tests: a scratch copy of the good fixture set
// (test/fixtures/gallery/good) that a test can break in one specific way.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assembleTpl, findSection, parseTpl, stringifyGtmJson } from '../../src/tpl/format';
import type { GalleryPaths } from '../../build/gallery';
import { encodeRgbaPng } from '../../build/gallery-png';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const GOOD_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'gallery', 'good');
export const REPO_LICENSE = path.join(REPO_ROOT, 'LICENSE');
export const SERVER_TAG = 'fixture-conversion-tag';
export const WEB_VARIABLE = 'fixture-id-variable';

export interface Workspace extends GalleryPaths {
  root: string;
  tplPath(id: string): string;
}

const scratchDirs: string[] = [];

/** A fresh copy of the good fixtures (templates/, gallery-metadata.yaml, LICENSE) in a temp dir. */
export function makeWorkspace(): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-test-'));
  scratchDirs.push(root);
  fs.cpSync(GOOD_FIXTURES, root, { recursive: true });
  fs.copyFileSync(REPO_LICENSE, path.join(root, 'LICENSE'));
  return {
    root,
    templatesDir: path.join(root, 'templates'),
    metadataFile: path.join(root, 'gallery-metadata.yaml'),
    licenseFile: path.join(root, 'LICENSE'),
    outDir: path.join(root, 'dist', 'gallery'),
    tplPath: (id: string) => path.join(root, 'templates', `${id}.tpl`),
  };
}

export function removeWorkspaces(): void {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Rewrite the INFO JSON of a template file. */
export function editInfo(file: string, edit: (info: Record<string, unknown>) => void): void {
  const parsed = parseTpl(fs.readFileSync(file, 'utf8'), file);
  const section = findSection(parsed, 'INFO');
  if (!section) throw new Error('fixture has no INFO');
  const info = JSON.parse(section.content) as Record<string, unknown>;
  edit(info);
  section.content = stringifyGtmJson(info);
  fs.writeFileSync(file, assembleTpl(parsed));
}

export function editText(file: string, edit: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit did not change ${file}`);
  fs.writeFileSync(file, after);
}

/** A solid-colour PNG data URI of the given size. */
export function pngDataUri(width: number, height: number): string {
  const pixels = new Uint8Array(width * height * 4).fill(200);
  return `data:image/png;base64,${encodeRgbaPng(width, height, pixels).toString('base64')}`;
}
