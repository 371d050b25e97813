// Where the published third-party templates used for fidelity checks live. They are never copied
// into the repository: a developer who has them points GTM_EXTERNAL_TEMPLATES at the folder (its
// *.tpl files; a `more/` subfolder holds a wider, optional set).

import * as fs from 'fs';
import * as path from 'path';

export const EXTERNAL_TEMPLATES_VARIABLE = 'GTM_EXTERNAL_TEMPLATES';

export const EXTERNAL_TEMPLATES_HINT =
  'skipped: set GTM_EXTERNAL_TEMPLATES to a folder of published .tpl files (e.g. exports of gallery templates) to run it';

/** The folder named by GTM_EXTERNAL_TEMPLATES (undefined when unset or empty) and its .tpl files, sorted. */
export function externalTemplateFiles(subfolder?: string): { dir: string | undefined; files: string[] } {
  const root = process.env[EXTERNAL_TEMPLATES_VARIABLE];
  if (!root) return { dir: undefined, files: [] };
  const dir = subfolder ? path.join(root, subfolder) : root;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.tpl')).sort() : [];
  return { dir, files };
}

/** The folders a local check walks: GTM_EXTERNAL_TEMPLATES and its `more/` (when present). */
export function externalTemplateDirs(): string[] {
  const root = process.env[EXTERNAL_TEMPLATES_VARIABLE];
  if (!root) return [];
  return [root, path.join(root, 'more')].filter((dir) => fs.existsSync(dir));
}

/**
 * Registers a skipped test whose name says how to enable the suite, and prints the same line once
 * (jest does not list the names of a suite whose tests are all skipped).
 */
export function skipExternalSuite(title: string, dir: string | undefined): void {
  const reason = dir ? `no .tpl file in ${dir} (${EXTERNAL_TEMPLATES_VARIABLE})` : EXTERNAL_TEMPLATES_HINT;
  process.stderr.write(`${title}: ${reason}\n`);
  test.skip(`${title}: ${reason}`, () => undefined);
}
