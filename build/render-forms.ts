// `npm run render-forms`: a picture of every template's form as GTM lays it out on first open,
// drawn from templates/<id>.tpl (build/form-html.ts) in headless Chromium, saved as
// docs/reference/forms/<id>.png for the reference pages and the guide.
//
// Not part of `npm run build` (which needs no browser): run it after a change to a template's
// fields and commit the pictures. Each PNG carries the SHA-256 of the HTML it was drawn from (a PNG
// text chunk, FORM_HASH_KEYWORD), so test/docs/form-pictures.test.ts finds a stale picture on any
// machine without comparing pixels, which differ between Chromium versions and fonts.
//
//   npm run render-forms                 every template whose picture is missing or stale
//   npm run render-forms -- --all        every template
//   npm run render-forms -- tiktok-pixel only these templates
//
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium (Debian's package); never a downloaded build.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { formHash, formHtml } from './form-html';
import { readPngTexts, withPngText } from './gallery-png';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');
export const FORMS_DIR = path.join(REPO_ROOT, 'docs', 'reference', 'forms');
/** The PNG text keyword holding the SHA-256 of the form HTML a picture was drawn from. */
export const FORM_HASH_KEYWORD = 'form-html-sha256';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to use, or undefined when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium'];
  return candidates.find((file) => fs.existsSync(file));
}

export function pictureFile(templateId: string): string {
  return path.join(FORMS_DIR, templateId + '.png');
}

/** The form HTML of a built template and its hash. */
export function currentForm(templateId: string, templatesDir = TEMPLATES_DIR): { html: string; hash: string } {
  const html = formHtml(fs.readFileSync(path.join(templatesDir, templateId + '.tpl'), 'utf8'), templateId);
  return { html, hash: formHash(html) };
}

/** The hash a picture was drawn from, or undefined when there is no readable picture. */
export function pictureHash(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return readPngTexts(fs.readFileSync(file))[FORM_HASH_KEYWORD];
  } catch {
    return undefined;
  }
}

export function templateIds(templatesDir = TEMPLATES_DIR): string[] {
  return fs.readdirSync(templatesDir).filter((name) => name.endsWith('.tpl')).map((name) => name.slice(0, -'.tpl'.length)).sort();
}

/** Draw the given templates' forms; returns the files written. */
export async function renderForms(ids: string[], executablePath: string, outDir = FORMS_DIR, templatesDir = TEMPLATES_DIR): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 712, height: 400 }, deviceScaleFactor: 1 });
    for (const id of ids) {
      const { html, hash } = currentForm(id, templatesDir);
      await page.setContent(html, { waitUntil: 'load' });
      const png = await page.locator('#form').screenshot({ type: 'png', animations: 'disabled' });
      const file = path.join(outDir, id + '.png');
      fs.writeFileSync(file, withPngText(png, FORM_HASH_KEYWORD, hash));
      written.push(file);
    }
  } finally {
    await browser.close();
  }
  return written;
}

async function main(argv: string[]): Promise<number> {
  const all = argv.includes('--all');
  const named = argv.filter((arg) => !arg.startsWith('--'));
  const known = templateIds();
  const unknown = named.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    console.error(`unknown template(s): ${unknown.join(', ')} (run npm run build first?)`);
    return 1;
  }
  const ids = named.length > 0 ? named : all ? known : known.filter((id) => pictureHash(pictureFile(id)) !== currentForm(id).hash);
  if (ids.length === 0) {
    console.log('every form picture is up to date');
    return 0;
  }
  const executable = chromiumPath();
  if (!executable) {
    console.error(`no Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH. Pictures to draw: ${ids.join(', ')}`);
    return 1;
  }
  const written = await renderForms(ids, executable);
  for (const file of written) console.log(`drew ${path.relative(process.cwd(), file)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exitCode = 1;
  });
}
