// Checks of what the Community Template Gallery reads from a template repository: the three
// required root files, template.tpl (Terms of Service first, INFO, one container context, known
// categories, a sane brand thumbnail), metadata.yaml (fields, order, versions) and an Apache-2.0
// LICENSE. Used on the folders `npm run gallery` writes and, through `npm run gallery -- check
// <dir>`, on a clone of a gallery repository before pushing (then the version shas are also
// checked against its git history).

import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { findSection, parseTpl, SECTION_ORDER, TERMS_OF_SERVICE_TEXT } from '../src/tpl/format';
import type { ParsedTpl } from '../src/tpl/format';
import { ImageFormatError, readImageInfo } from './gallery-png';
import { isHttpsUrl, SHA_PATTERN } from './gallery-metadata';

/** The closed list of `categories` values the gallery accepts. */
export const GALLERY_CATEGORIES = [
  'ADVERTISING',
  'AFFILIATE_MARKETING',
  'ANALYTICS',
  'ATTRIBUTION',
  'CHAT',
  'CONVERSIONS',
  'DATA_WAREHOUSING',
  'EMAIL_MARKETING',
  'EXPERIMENTATION',
  'HEAT_MAP',
  'LEAD_GENERATION',
  'MARKETING',
  'PERSONALIZATION',
  'REMARKETING',
  'SALES',
  'SESSION_RECORDING',
  'SOCIAL',
  'SURVEY',
  'TAG_MANAGEMENT',
  'UTILITY',
] as const;

/**
 * Thumbnail bounds. Google publishes none; gallery templates use 45×45 … 834×834 PNGs. We accept
 * 32..1024 px per side, an aspect ratio of at most 1.25 (it is shown in a square), and at most
 * 256 KiB decoded (it is embedded in every copy of the template).
 */
export const THUMBNAIL_LIMITS = { minSide: 32, maxSide: 1024, maxAspectRatio: 1.25, maxBytes: 256 * 1024 };

export const REQUIRED_GALLERY_FILES = ['template.tpl', 'metadata.yaml', 'LICENSE'];
const KNOWN_GALLERY_FILES = [...REQUIRED_GALLERY_FILES, 'README.md'];
const METADATA_KEY_ORDER = ['homepage', 'documentation', 'versions'];

export interface ValidationResult {
  errors: string[];
  warnings: string[];
  notes: string[];
}

function emptyResult(): ValidationResult {
  return { errors: [], warnings: [], notes: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check a `brand.thumbnail` data URI: PNG or JPEG, strict base64, structure, size bounds. */
export function checkThumbnailDataUri(uri: unknown): string[] {
  if (typeof uri !== 'string') return ['brand.thumbnail must be a data:image/png;base64,… or data:image/jpeg;base64,… URI'];
  const match = /^data:image\/(png|jpeg);base64,(.*)$/s.exec(uri);
  if (!match) return [`brand.thumbnail must be a data:image/png;base64,… or data:image/jpeg;base64,… URI, got "${uri.slice(0, 40)}…"`];
  const [, declared, payload] = match;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 !== 0 || payload.length === 0) {
    return ['brand.thumbnail is not valid base64'];
  }
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length > THUMBNAIL_LIMITS.maxBytes) {
    return [`brand.thumbnail is ${bytes.length} bytes; keep it under ${THUMBNAIL_LIMITS.maxBytes} bytes`];
  }
  let info;
  try {
    info = readImageInfo(bytes);
  } catch (error) {
    if (error instanceof ImageFormatError) return [`brand.thumbnail is not a valid image: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  if (info.format !== declared) problems.push(`brand.thumbnail says image/${declared} but the data is a ${info.format.toUpperCase()}`);
  const { minSide, maxSide, maxAspectRatio } = THUMBNAIL_LIMITS;
  const size = `${info.width}×${info.height}`;
  if (Math.min(info.width, info.height) < minSide || Math.max(info.width, info.height) > maxSide) {
    problems.push(`brand.thumbnail is ${size} px; each side must be ${minSide}..${maxSide} px`);
  }
  if (Math.max(info.width, info.height) / Math.min(info.width, info.height) > maxAspectRatio) {
    problems.push(`brand.thumbnail is ${size} px; it must be roughly square (aspect ratio at most ${maxAspectRatio})`);
  }
  return problems;
}

/** Check a template.tpl's text as the gallery (and GTM's import) would read it. */
export function validateTemplateTpl(text: string, fileName = 'template.tpl'): ValidationResult {
  const result = emptyResult();
  const fail = (message: string) => result.errors.push(`${fileName}: ${message}`);
  let parsed: ParsedTpl;
  try {
    parsed = parseTpl(text, fileName);
  } catch (error) {
    fail((error as Error).message);
    return result;
  }

  const names = parsed.sections.map((section) => section.name);
  if (names[0] !== 'TERMS_OF_SERVICE') {
    fail(
      names.includes('TERMS_OF_SERVICE')
        ? `___TERMS_OF_SERVICE___ must be the first section, found ___${names[0]}___ first`
        : 'no ___TERMS_OF_SERVICE___ section; the gallery refuses templates without the Terms of Service block first',
    );
  } else if (parsed.sections[0].content.trim() !== TERMS_OF_SERVICE_TEXT) {
    fail('the ___TERMS_OF_SERVICE___ text differs from the gallery Terms of Service wording');
  }
  if (parsed.preamble.trim() !== '') result.warnings.push(`${fileName}: text before the first section header`);
  const seen = new Set<string>();
  let lastOrder = -1;
  for (const name of names) {
    const order = (SECTION_ORDER as readonly string[]).indexOf(name);
    if (order < 0) fail(`unknown section ___${name}___`);
    else if (order < lastOrder) fail(`section ___${name}___ is out of order (expected ${SECTION_ORDER.join(', ')})`);
    else lastOrder = order;
    if (seen.has(name)) fail(`section ___${name}___ appears twice`);
    seen.add(name);
  }

  const infoSection = findSection(parsed, 'INFO');
  if (!infoSection) {
    fail('no ___INFO___ section');
    return result;
  }
  let info: unknown;
  try {
    info = JSON.parse(infoSection.content);
  } catch (error) {
    fail(`___INFO___ is not valid JSON: ${(error as Error).message}`);
    return result;
  }
  if (!isPlainObject(info)) {
    fail('___INFO___ must be a JSON object');
    return result;
  }
  if (!['TAG', 'MACRO', 'CLIENT'].includes(info.type as string)) fail(`INFO.type must be TAG, MACRO or CLIENT, got ${JSON.stringify(info.type)}`);
  if (info.type === 'CLIENT') result.warnings.push(`${fileName}: the gallery has not been accepting CLIENT templates`);
  if (info.id !== 'cvt_temp_public_id') fail(`INFO.id must be "cvt_temp_public_id" as in every GTM export, got ${JSON.stringify(info.id)}`);
  if (info.version !== 1) fail(`INFO.version must be 1 (the template system version), got ${JSON.stringify(info.version)}`);
  if (!Array.isArray(info.securityGroups)) fail('INFO.securityGroups must be an array ([])');
  if (typeof info.displayName !== 'string' || info.displayName.trim() === '') fail('INFO.displayName must be a non-empty string');
  if (typeof info.description !== 'string' || info.description.trim() === '') fail('INFO.description must be a non-empty string');

  const contexts = info.containerContexts;
  let context: 'WEB' | 'SERVER' | undefined;
  if (!Array.isArray(contexts) || contexts.length !== 1 || (contexts[0] !== 'WEB' && contexts[0] !== 'SERVER')) {
    fail(`INFO.containerContexts must be exactly ["WEB"] or ["SERVER"], got ${JSON.stringify(contexts)}`);
  } else {
    context = contexts[0];
  }

  const categories = info.categories;
  if (categories === undefined) {
    fail(`INFO.categories is missing; pick 1-3 of: ${GALLERY_CATEGORIES.join(', ')}`);
  } else if (!Array.isArray(categories) || categories.length === 0) {
    fail('INFO.categories must be a non-empty array');
  } else {
    const unknown = categories.filter((category) => !(GALLERY_CATEGORIES as readonly unknown[]).includes(category));
    if (unknown.length > 0) fail(`INFO.categories has value(s) not in the gallery's list: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
    if (new Set(categories).size !== categories.length) fail('INFO.categories lists a category twice');
    if (categories.length > 3) result.warnings.push(`${fileName}: INFO.categories has ${categories.length} values; the gallery suggests 1-3`);
  }

  const brand = info.brand;
  if (!isPlainObject(brand)) {
    fail('INFO.brand is missing; it needs id, displayName and a thumbnail data URI');
  } else {
    if (typeof brand.id !== 'string' || brand.id === '') fail('INFO.brand.id must be a non-empty string');
    if (typeof brand.displayName !== 'string' || brand.displayName === '') fail('INFO.brand.displayName must be a non-empty string');
    for (const problem of checkThumbnailDataUri(brand.thumbnail)) fail(`INFO.${problem}`);
  }

  const parameters = findSection(parsed, 'TEMPLATE_PARAMETERS');
  if (!parameters) fail('no ___TEMPLATE_PARAMETERS___ section');
  else {
    try {
      if (!Array.isArray(JSON.parse(parameters.content))) fail('___TEMPLATE_PARAMETERS___ must be a JSON array');
    } catch (error) {
      fail(`___TEMPLATE_PARAMETERS___ is not valid JSON: ${(error as Error).message}`);
    }
  }

  if (context) {
    const codeName = context === 'WEB' ? 'SANDBOXED_JS_FOR_WEB_TEMPLATE' : 'SANDBOXED_JS_FOR_SERVER';
    const otherCode = context === 'WEB' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE';
    const permissionsName = context === 'WEB' ? 'WEB_PERMISSIONS' : 'SERVER_PERMISSIONS';
    const otherPermissions = context === 'WEB' ? 'SERVER_PERMISSIONS' : 'WEB_PERMISSIONS';
    if (!seen.has(codeName)) fail(`a ${context} template needs a ___${codeName}___ section`);
    if (seen.has(otherCode)) fail(`a ${context} template must not have a ___${otherCode}___ section`);
    if (seen.has(otherPermissions)) fail(`a ${context} template must not have a ___${otherPermissions}___ section`);
    const permissions = findSection(parsed, permissionsName);
    if (!permissions) fail(`a ${context} template needs a ___${permissionsName}___ section`);
    else {
      try {
        if (!Array.isArray(JSON.parse(permissions.content))) fail(`___${permissionsName}___ must be a JSON array`);
      } catch (error) {
        fail(`___${permissionsName}___ is not valid JSON: ${(error as Error).message}`);
      }
    }
  }

  const tests = findSection(parsed, 'TESTS');
  if (tests && tests.content.trim() !== '') {
    try {
      load(tests.content);
    } catch (error) {
      fail(`___TESTS___ is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

/** Check the text of a gallery metadata.yaml. `requirePublished`: a missing versions list is an error. */
export function validateMetadataYaml(text: string, options: { requirePublished?: boolean; fileName?: string } = {}): ValidationResult & { shas: string[] } {
  const fileName = options.fileName ?? 'metadata.yaml';
  const result = { ...emptyResult(), shas: [] as string[] };
  const fail = (message: string) => result.errors.push(`${fileName}: ${message}`);
  let document: unknown;
  try {
    document = load(text);
  } catch (error) {
    fail(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return result;
  }
  if (!isPlainObject(document)) {
    fail('must be a mapping with homepage, documentation and versions');
    return result;
  }
  const keys = Object.keys(document);
  for (const key of keys) if (!METADATA_KEY_ORDER.includes(key)) fail(`unknown key "${key}" (expected ${METADATA_KEY_ORDER.join(', ')})`);
  const known = keys.filter((key) => METADATA_KEY_ORDER.includes(key));
  const expectedOrder = METADATA_KEY_ORDER.filter((key) => known.includes(key));
  if (known.join(',') !== expectedOrder.join(',')) fail(`keys must be in the order ${METADATA_KEY_ORDER.join(', ')}; found ${known.join(', ')}`);
  for (const key of ['homepage', 'documentation']) {
    if (!(key in document)) fail(`"${key}" is missing`);
    else if (!isHttpsUrl(document[key])) fail(`"${key}" must be an https URL, got ${JSON.stringify(document[key])}`);
  }

  if (!('versions' in document)) {
    if (options.requirePublished) fail('"versions" is missing: record the sha of the first published commit (record-sha) first');
    else result.notes.push(`${fileName}: no versions yet (not published)`);
    return result;
  }
  const versions = document.versions;
  if (!Array.isArray(versions) || versions.length === 0) {
    fail('"versions" must be a non-empty list');
    return result;
  }
  versions.forEach((entry: unknown, index: number) => {
    const where = `versions[${index}]`;
    if (!isPlainObject(entry)) {
      fail(`${where} must be a mapping with sha and changeNotes`);
      return;
    }
    const entryKeys = Object.keys(entry);
    if (entryKeys.join(',') !== 'sha,changeNotes') fail(`${where} must have exactly the keys sha, changeNotes in that order; found ${entryKeys.join(', ')}`);
    const sha = entry.sha;
    if (typeof sha !== 'string' || !SHA_PATTERN.test(sha)) fail(`${where}.sha ${JSON.stringify(sha)} is not a full 40-character lower-case hex commit sha`);
    else if (result.shas.includes(sha)) fail(`${where}.sha ${sha} is listed twice`);
    else result.shas.push(sha);
    if (typeof entry.changeNotes !== 'string' || entry.changeNotes.trim() === '') fail(`${where}.changeNotes must be a non-empty text`);
  });
  // `# Latest version` is a comment, invisible to YAML: check the raw text right after `versions:`.
  const lines = text.split(/\r?\n/);
  const versionsLine = lines.findIndex((line) => /^versions:\s*$/.test(line));
  const next = versionsLine >= 0 ? lines.slice(versionsLine + 1).find((line) => line.trim() !== '') : undefined;
  if (next?.trim() !== '# Latest version') fail('the first line under "versions:" must be the comment "# Latest version"');
  return result;
}

export function validateLicenseText(text: string, fileName = 'LICENSE'): string[] {
  const problems: string[] = [];
  if (!text.includes('Apache License') || !/Version 2\.0/.test(text)) problems.push(`${fileName}: not the Apache License 2.0 text`);
  else if (!text.includes('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION')) problems.push(`${fileName}: the Apache 2.0 terms and conditions are missing`);
  return problems;
}

function git(cwd: string, args: string[]): { ok: boolean; stdout: string } {
  const run = childProcess.spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: run.status === 0, stdout: run.stdout ?? '' };
}

/** Shas must be commits of the repository, on HEAD's history, newest first (each a descendant of the next). */
export function checkShasAgainstGit(repoDir: string, shas: string[]): string[] {
  const problems: string[] = [];
  const valid: string[] = [];
  for (const sha of shas) {
    if (!git(repoDir, ['cat-file', '-e', `${sha}^{commit}`]).ok) problems.push(`metadata.yaml: sha ${sha} is not a commit of this repository`);
    else if (!git(repoDir, ['merge-base', '--is-ancestor', sha, 'HEAD']).ok) problems.push(`metadata.yaml: sha ${sha} is not in the history of HEAD`);
    else valid.push(sha);
  }
  for (let i = 0; i + 1 < valid.length; i++) {
    if (!git(repoDir, ['merge-base', '--is-ancestor', valid[i + 1], valid[i]]).ok) {
      problems.push(`metadata.yaml: versions must be newest first, but ${valid[i].slice(0, 8)} is not newer than ${valid[i + 1].slice(0, 8)}`);
    }
  }
  for (const sha of valid) {
    if (git(repoDir, ['cat-file', '-e', `${sha}:template.tpl`]).ok) continue;
    problems.push(`metadata.yaml: commit ${sha.slice(0, 8)} has no template.tpl at the repository root`);
  }
  return problems;
}

/**
 * Validate a gallery repository folder. When it is a git work tree, version shas are also checked
 * against its history (exist, on HEAD, newest first, contain template.tpl).
 */
export function validateGalleryFolder(dir: string, options: { requirePublished?: boolean; label?: string } = {}): ValidationResult {
  const label = options.label ?? dir;
  const result = emptyResult();
  const prefix = (messages: string[]) => messages.map((message) => `${label}: ${message}`);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    result.errors.push(`${label}: folder does not exist`);
    return result;
  }
  const entries = fs.readdirSync(dir);
  for (const required of REQUIRED_GALLERY_FILES) {
    if (!entries.includes(required)) result.errors.push(`${label}: ${required} is missing (the gallery requires template.tpl, metadata.yaml and LICENSE at the root)`);
  }
  if (!entries.includes('README.md')) result.warnings.push(`${label}: no README.md`);
  for (const entry of entries) {
    if (entry === '.git' || entry === '.github' || KNOWN_GALLERY_FILES.includes(entry)) continue;
    if (entry.toLowerCase().endsWith('.tpl')) result.errors.push(`${label}: extra template file ${entry}; a gallery repository holds exactly one template.tpl`);
    else result.warnings.push(`${label}: unexpected file ${entry}`);
  }

  if (entries.includes('template.tpl')) {
    const tpl = validateTemplateTpl(fs.readFileSync(path.join(dir, 'template.tpl'), 'utf8'));
    result.errors.push(...prefix(tpl.errors));
    result.warnings.push(...prefix(tpl.warnings));
  }
  if (entries.includes('LICENSE')) result.errors.push(...prefix(validateLicenseText(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8'))));
  if (entries.includes('metadata.yaml')) {
    const metadata = validateMetadataYaml(fs.readFileSync(path.join(dir, 'metadata.yaml'), 'utf8'), { requirePublished: options.requirePublished });
    result.errors.push(...prefix(metadata.errors));
    result.notes.push(...prefix(metadata.notes));
    if (metadata.shas.length > 0 && fs.existsSync(path.join(dir, '.git'))) {
      result.errors.push(...prefix(checkShasAgainstGit(dir, metadata.shas)));
    }
  }
  return result;
}
