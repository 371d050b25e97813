// Community Template Gallery packaging. One gallery repository per template, so for every
// templates/<id>.tpl this writes dist/gallery/<id>/ (template.tpl, metadata.yaml, LICENSE,
// README.md) from gallery-metadata.yaml, and checks each folder as the gallery would.
//
//   npm run gallery                                   build + check dist/gallery/*
//   npm run gallery -- --require-published            … and fail when a template has no published version
//   npm run -s gallery -- check [--require-published] <folder>…   check folders (e.g. a clone of a gallery repo)
//   npm run -s gallery -- record-sha <template-id> <sha>          record a gallery commit on the newest unpublished version
//   npm run -s gallery -- docs [--check]              write (or check) docs/reference/<id>.md
//   npm run -s gallery -- thumbnail [--check]         write (or check) assets/brand-thumbnail.png
//
// Options for build/docs: --templates <dir> --metadata <file> --license <file> --out <dir>.
// Release steps: docs/releasing.md.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkReferenceDocs, writeReferenceDocs } from './docs';
import { parseGallerySource, publishedVersions, recordSha, RecordShaError, renderGalleryMetadataYaml } from './gallery-metadata';
import type { GalleryTemplateEntry } from './gallery-metadata';
import { findSection, parseTpl } from '../src/tpl/format';
import { decodePng } from './gallery-png';
import { renderGalleryReadme } from './gallery-readme';
import { BRAND_THUMBNAIL_PATH, renderBrandThumbnailPng, REPO_ROOT } from './gallery-thumbnail';
import { validateGalleryFolder, validateLicenseText, validateMetadataYaml } from './gallery-validate';

export interface GalleryPaths {
  templatesDir: string;
  metadataFile: string;
  licenseFile: string;
  outDir: string;
}

export const DEFAULT_PATHS: GalleryPaths = {
  templatesDir: path.join(REPO_ROOT, 'templates'),
  metadataFile: path.join(REPO_ROOT, 'gallery-metadata.yaml'),
  licenseFile: path.join(REPO_ROOT, 'LICENSE'),
  outDir: path.join(REPO_ROOT, 'dist', 'gallery'),
};

export const DEFAULT_DOCS_DIR = path.join(REPO_ROOT, 'docs', 'reference');

export interface GalleryReport {
  errors: string[];
  warnings: string[];
  notes: string[];
  /** Folders written and passing every check. */
  folders: string[];
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function templateIds(templatesDir: string): string[] {
  if (!fs.existsSync(templatesDir)) return [];
  return fs
    .readdirSync(templatesDir)
    .filter((name) => name.endsWith('.tpl'))
    .map((name) => name.slice(0, -'.tpl'.length))
    .sort();
}

function entrySnippet(id: string): string {
  return [
    `  ${id}:`,
    `    repository: ${id}-gtm-template`,
    '    versions:',
    '      - version: "1.0.0"',
    '        changeNotes: First release.',
  ].join('\n');
}

/** Build dist/gallery/<id>/ for every template and check each folder. */
export function buildGallery(paths: GalleryPaths = DEFAULT_PATHS, options: { requirePublished?: boolean } = {}): GalleryReport {
  const report: GalleryReport = { errors: [], warnings: [], notes: [], folders: [] };
  const metadataName = relative(paths.metadataFile);

  if (!fs.existsSync(paths.metadataFile)) {
    report.errors.push(`${metadataName} not found; it holds every template's gallery data (see docs/releasing.md)`);
    return report;
  }
  const { source, problems } = parseGallerySource(fs.readFileSync(paths.metadataFile, 'utf8'), metadataName);
  for (const problem of problems) report.errors.push(problem.template ? `${problem.template}: ${metadataName}: ${problem.message}` : problem.message);

  let license: Buffer | undefined;
  if (!fs.existsSync(paths.licenseFile)) {
    report.errors.push(`${relative(paths.licenseFile)} not found; every gallery repository needs the Apache-2.0 LICENSE`);
  } else {
    license = fs.readFileSync(paths.licenseFile);
    report.errors.push(...validateLicenseText(license.toString('utf8'), relative(paths.licenseFile)));
  }

  const ids = templateIds(paths.templatesDir);
  const entries = new Map((source?.templates ?? []).map((entry) => [entry.id, entry] as const));
  for (const id of ids) {
    if (!entries.has(id) && source) {
      report.errors.push(`${id}: templates/${id}.tpl has no entry in ${metadataName}; add under "templates:":\n${entrySnippet(id)}`);
    }
  }
  for (const id of entries.keys()) {
    if (!ids.includes(id)) report.errors.push(`${id}: ${metadataName} has an entry but there is no ${relative(path.join(paths.templatesDir, id + '.tpl'))}`);
  }

  fs.rmSync(paths.outDir, { recursive: true, force: true });
  // Any problem in the sources: write nothing rather than folders that disagree with them.
  if (!source || !license || report.errors.length > 0) return report;
  if (ids.length === 0) report.notes.push(`no templates in ${relative(paths.templatesDir)}; nothing to package`);

  for (const id of ids) {
    const entry = entries.get(id);
    if (!entry) continue;
    const folder = path.join(paths.outDir, id);
    const label = relative(folder);
    const tplBytes = fs.readFileSync(path.join(paths.templatesDir, `${id}.tpl`));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'template.tpl'), tplBytes);
    fs.writeFileSync(path.join(folder, 'LICENSE'), license);
    fs.writeFileSync(path.join(folder, 'metadata.yaml'), renderGalleryMetadataYaml(entry));
    let readmeError: string | undefined;
    try {
      fs.writeFileSync(path.join(folder, 'README.md'), renderGalleryReadme(tplBytes.toString('utf8'), entry, source));
    } catch (error) {
      readmeError = `${id}: cannot render README.md: ${(error as Error).message}`;
    }

    const result = validateGalleryFolder(folder, { requirePublished: options.requirePublished, label });
    // template.tpl is a byte copy of templates/<id>.tpl: name the file the author has to fix.
    const tplSource = relative(path.join(paths.templatesDir, `${id}.tpl`));
    const errors = [
      ...result.errors.map((message) => `${id}: ${message.replace(`${label}: template.tpl:`, `${tplSource}:`)}`),
      ...(readmeError ? [readmeError] : []),
    ];
    errors.push(...crossCheck(folder, tplBytes, license, entry).map((message) => `${id}: ${label}: ${message}`));
    report.warnings.push(...result.warnings.map((message) => `${id}: ${message}`));
    const brandWarning = checkBrandId(tplBytes.toString('utf8'), source.owner);
    if (brandWarning) report.warnings.push(`${id}: ${brandWarning}`);
    report.notes.push(...publicationNotes(entry, label));
    if (errors.length > 0) {
      report.errors.push(...errors);
      fs.rmSync(folder, { recursive: true, force: true }); // never leave a broken folder to be pushed
    } else {
      report.folders.push(folder);
    }
  }
  return report;
}

/** The written files must be exactly what the sources say. */
function crossCheck(folder: string, tplBytes: Buffer, license: Buffer, entry: GalleryTemplateEntry): string[] {
  const problems: string[] = [];
  if (!fs.readFileSync(path.join(folder, 'template.tpl')).equals(tplBytes)) problems.push('template.tpl differs from templates/' + entry.id + '.tpl');
  if (!fs.readFileSync(path.join(folder, 'LICENSE')).equals(license)) problems.push('LICENSE differs from the repository LICENSE');
  const written = validateMetadataYaml(fs.readFileSync(path.join(folder, 'metadata.yaml'), 'utf8'));
  const expected = publishedVersions(entry).map((version) => version.sha);
  if (written.shas.join(',') !== expected.join(',')) problems.push('metadata.yaml versions do not match the published versions in gallery-metadata.yaml');
  return problems;
}

/**
 * The gallery sets brand.id to `github.com_<owner>` of the repository a template is installed from;
 * claiming another owner's id (e.g. copied from a vendor template) would misattribute ours.
 */
export function checkBrandId(tplText: string, owner: string): string | undefined {
  try {
    const info = JSON.parse(findSection(parseTpl(tplText), 'INFO')?.content ?? '{}') as { brand?: { id?: unknown } };
    const id = info.brand?.id;
    if (typeof id === 'string' && id.startsWith('github.com_') && id !== `github.com_${owner}`) {
      return `INFO.brand.id is "${id}" but the gallery repositories belong to "${owner}"; use "brand_dummy" or "github.com_${owner}"`;
    }
  } catch {
    // an unparsable template is reported by the folder checks
  }
  return undefined;
}

function publicationNotes(entry: GalleryTemplateEntry, folderLabel: string): string[] {
  const published = publishedVersions(entry);
  const newest = entry.versions[0];
  if (!newest) return [];
  if (published.length === 0) {
    return [
      `${entry.id}: not published yet, so metadata.yaml has no "versions" (the gallery needs a real commit sha, never a placeholder). ` +
        `Push ${folderLabel}/ to ${entry.repository}, run "npm run -s gallery -- record-sha ${entry.id} <sha>", rebuild and push metadata.yaml (docs/releasing.md).`,
    ];
  }
  if (!newest.sha) {
    return [
      `${entry.id}: version ${newest.version} is not published yet; metadata.yaml lists ${published[0].sha.slice(0, 8)} (${
        entry.versions.find((version) => version.sha === published[0].sha)?.version
      }) as the latest. After pushing, run "npm run -s gallery -- record-sha ${entry.id} <sha>".`,
    ];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// CLI

interface Io {
  log: (message: string) => void;
  error: (message: string) => void;
}

const USAGE = `usage:
  npm run gallery [-- --require-published] [--templates DIR] [--metadata FILE] [--license FILE] [--out DIR]
  npm run -s gallery -- check [--require-published] [FOLDER...]
  npm run -s gallery -- record-sha <template-id> <sha> [--metadata FILE]
  npm run -s gallery -- docs [--check] [--templates DIR] [--out DIR]
  npm run -s gallery -- thumbnail [--check]`;

function parseArgs(argv: string[]): { positional: string[]; flags: Set<string>; values: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const valueOptions = ['--templates', '--metadata', '--license', '--out'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valueOptions.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      values.set(arg, path.resolve(value));
    } else if (arg.startsWith('--')) {
      flags.add(arg);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags, values };
}

function printReport(report: { errors: string[]; warnings: string[]; notes: string[] }, io: Io): void {
  for (const note of report.notes) io.log(`note: ${note}`);
  for (const warning of report.warnings) io.log(`warning: ${warning}`);
  for (const error of report.errors) io.error(`error: ${error}`);
}

/** Run the CLI; returns the exit code. */
export function main(argv: string[], io: Io = { log: console.log, error: console.error }): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command = 'build', ...rest] = args.positional;
  const paths: GalleryPaths = {
    templatesDir: args.values.get('--templates') ?? DEFAULT_PATHS.templatesDir,
    metadataFile: args.values.get('--metadata') ?? DEFAULT_PATHS.metadataFile,
    licenseFile: args.values.get('--license') ?? DEFAULT_PATHS.licenseFile,
    outDir: args.values.get('--out') ?? DEFAULT_PATHS.outDir,
  };
  const known = new Set(['--require-published', '--check', '--help']);
  for (const flag of args.flags) {
    if (!known.has(flag)) {
      io.error(`unknown option ${flag}\n${USAGE}`);
      return 2;
    }
  }
  if (args.flags.has('--help') || command === 'help') {
    io.log(USAGE);
    return 0;
  }

  switch (command) {
    case 'build': {
      if (rest.length) break;
      const report = buildGallery(paths, { requirePublished: args.flags.has('--require-published') });
      printReport(report, io);
      for (const folder of report.folders) io.log(`ok: ${relative(folder)}`);
      if (report.errors.length) {
        io.error(`gallery: ${report.errors.length} problem(s); no folder with a problem was kept`);
        return 1;
      }
      return 0;
    }
    case 'check': {
      const folders = rest.length
        ? rest.map((folder) => path.resolve(folder))
        : fs.existsSync(paths.outDir)
          ? fs.readdirSync(paths.outDir).map((name) => path.join(paths.outDir, name))
          : [];
      if (folders.length === 0) {
        io.error(`no gallery folders to check (run "npm run gallery" first or name a folder)`);
        return 1;
      }
      let failed = false;
      for (const folder of folders) {
        const result = validateGalleryFolder(folder, { requirePublished: args.flags.has('--require-published'), label: relative(folder) });
        printReport(result, io);
        if (result.errors.length) failed = true;
        else io.log(`ok: ${relative(folder)}`);
      }
      return failed ? 1 : 0;
    }
    case 'record-sha': {
      if (rest.length !== 2) break;
      const [id, sha] = rest;
      if (!fs.existsSync(paths.metadataFile)) {
        io.error(`${relative(paths.metadataFile)} not found`);
        return 1;
      }
      try {
        const result = recordSha(fs.readFileSync(paths.metadataFile, 'utf8'), id, sha.toLowerCase());
        fs.writeFileSync(paths.metadataFile, result.text);
        io.log(`recorded ${sha.toLowerCase()} for ${id} ${result.version} in ${relative(paths.metadataFile)}`);
        if (!result.preservedLayout) io.log('note: the file was rewritten in canonical form (comments were not kept); review the diff');
        io.log('next: npm run gallery, then push metadata.yaml of that folder to the gallery repository (docs/releasing.md)');
        return 0;
      } catch (error) {
        if (error instanceof RecordShaError) {
          io.error(`error: ${error.message}`);
          return 1;
        }
        throw error;
      }
    }
    case 'docs': {
      if (rest.length) break;
      const outDir = args.values.get('--out') ?? DEFAULT_DOCS_DIR;
      if (args.flags.has('--check')) {
        const problems = checkReferenceDocs(paths.templatesDir, outDir);
        for (const problem of problems) io.error(`error: ${relative(problem.file)} is ${problem.change}; run "npm run -s gallery -- docs"`);
        if (problems.length === 0) io.log(`ok: ${relative(outDir)} matches ${relative(paths.templatesDir)}`);
        return problems.length ? 1 : 0;
      }
      for (const change of writeReferenceDocs(paths.templatesDir, outDir)) io.log(`${change.change}: ${relative(change.file)}`);
      return 0;
    }
    case 'thumbnail': {
      if (rest.length) break;
      const rendered = renderBrandThumbnailPng();
      if (args.flags.has('--check')) {
        const committed = fs.existsSync(BRAND_THUMBNAIL_PATH) ? decodePng(fs.readFileSync(BRAND_THUMBNAIL_PATH)) : undefined;
        const fresh = decodePng(rendered);
        const same = committed !== undefined && committed.width === fresh.width && Buffer.from(committed.rgba).equals(Buffer.from(fresh.rgba));
        if (!same) io.error(`error: ${relative(BRAND_THUMBNAIL_PATH)} differs from the drawing in build/gallery-thumbnail.ts; run "npm run -s gallery -- thumbnail"`);
        else io.log(`ok: ${relative(BRAND_THUMBNAIL_PATH)}`);
        return same ? 0 : 1;
      }
      fs.mkdirSync(path.dirname(BRAND_THUMBNAIL_PATH), { recursive: true });
      fs.writeFileSync(BRAND_THUMBNAIL_PATH, rendered);
      io.log(`written: ${relative(BRAND_THUMBNAIL_PATH)} (${rendered.length} bytes)`);
      return 0;
    }
    default:
      break;
  }
  io.error(USAGE);
  return 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
