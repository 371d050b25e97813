// gallery-metadata.yaml: the single source of every template's Community Template Gallery data
// (gallery repository, homepage, documentation, versions with change notes and, once published,
// the commit sha of the gallery repository). This module reads and checks it, renders a
// template's gallery `metadata.yaml`, and records a published sha (`record-sha`) by editing the
// YAML text in place so comments and layout survive.

import { load, parseEvents, getScalarValue, EVENT_ID } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';

export interface GalleryVersion {
  /** Our own version label, e.g. `1.2.0`; unique per template, newest first. */
  version: string;
  /** Full commit sha in the gallery repository; absent until that version is published. */
  sha?: string;
  changeNotes: string;
}

export interface GalleryTemplateEntry {
  id: string;
  /** Name of the gallery repository under `owner`, e.g. `tiktok-events-api-gtm-template`. */
  repository: string;
  homepage: string;
  documentation: string;
  versions: GalleryVersion[];
}

export interface GallerySource {
  owner: string;
  sourceRepository: string;
  sourceBranch: string;
  templates: GalleryTemplateEntry[];
}

export interface Problem {
  /** Template id the problem belongs to (undefined: the file as a whole). */
  template?: string;
  message: string;
}

export const SHA_PATTERN = /^[0-9a-f]{40}$/;
const TEMPLATE_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
// GitHub: owner names are alphanumeric + hyphens; repository names also allow `.` and `_`.
const GITHUB_OWNER_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPOSITORY_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

const TOP_LEVEL_KEYS = ['owner', 'sourceRepository', 'sourceBranch', 'templates'];
const TEMPLATE_KEYS = ['repository', 'homepage', 'documentation', 'versions'];
const VERSION_KEYS = ['version', 'sha', 'changeNotes'];

export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, allowed: string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}

/** Numeric parts of a `major.minor.patch` label, or undefined when it is not one. */
function semverParts(label: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(label);
  return match ? match.slice(1).map(Number) : undefined;
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Parse and check gallery-metadata.yaml. Returns the entries that could be read plus every problem
 * found (the caller fails when there is any).
 */
export function parseGallerySource(text: string, fileName = 'gallery-metadata.yaml'): { source?: GallerySource; problems: Problem[] } {
  const problems: Problem[] = [];
  let document: unknown;
  try {
    document = load(text, { filename: fileName });
  } catch (error) {
    return { problems: [{ message: `${fileName} is not valid YAML: ${(error as Error).message}` }] };
  }
  if (!isPlainObject(document)) return { problems: [{ message: `${fileName} must be a mapping with owner, sourceRepository and templates` }] };

  for (const key of unknownKeys(document, TOP_LEVEL_KEYS)) {
    problems.push({ message: `${fileName}: unknown top-level key "${key}" (allowed: ${TOP_LEVEL_KEYS.join(', ')})` });
  }
  const owner = document.owner;
  if (typeof owner !== 'string' || !GITHUB_OWNER_PATTERN.test(owner)) {
    problems.push({ message: `${fileName}: "owner" must be the GitHub user or organisation that hosts the gallery repositories` });
  }
  const sourceRepository = document.sourceRepository;
  if (typeof sourceRepository !== 'string' || !GITHUB_REPOSITORY_PATTERN.test(sourceRepository)) {
    problems.push({ message: `${fileName}: "sourceRepository" must be the name of this repository on GitHub (used for documentation links)` });
  }
  const sourceBranch = document.sourceBranch ?? 'main';
  if (typeof sourceBranch !== 'string' || sourceBranch === '') problems.push({ message: `${fileName}: "sourceBranch" must be a branch name` });

  const templatesValue = document.templates ?? {};
  if (!isPlainObject(templatesValue)) {
    problems.push({ message: `${fileName}: "templates" must be a mapping of template id → gallery data` });
    return { problems };
  }

  const templates: GalleryTemplateEntry[] = [];
  const repositoryOwners = new Map<string, string>();
  const shaOwners = new Map<string, string>();
  for (const [id, raw] of Object.entries(templatesValue)) {
    const report = (message: string) => problems.push({ template: id, message });
    if (!TEMPLATE_ID_PATTERN.test(id)) report(`template id "${id}" must be lower-case letters, digits and hyphens (the name of templates/<id>.tpl)`);
    if (!isPlainObject(raw)) {
      report('entry must be a mapping with repository and versions');
      continue;
    }
    for (const key of unknownKeys(raw, TEMPLATE_KEYS)) report(`unknown key "${key}" (allowed: ${TEMPLATE_KEYS.join(', ')})`);

    const repository = raw.repository;
    if (typeof repository !== 'string' || !GITHUB_REPOSITORY_PATTERN.test(repository)) {
      report('"repository" must be the gallery repository name, e.g. "' + id + '-gtm-template"');
      continue;
    }
    const previousOwner = repositoryOwners.get(repository.toLowerCase());
    if (previousOwner) report(`repository "${repository}" is also used by template "${previousOwner}"; the gallery needs one repository per template`);
    repositoryOwners.set(repository.toLowerCase(), id);

    const ownerName = typeof owner === 'string' ? owner : 'OWNER';
    const homepage = raw.homepage ?? `https://github.com/${ownerName}/${repository}`;
    const documentation =
      raw.documentation ??
      `https://github.com/${ownerName}/${String(sourceRepository)}/blob/${String(sourceBranch)}/docs/reference/${id}.md`;
    if (!isHttpsUrl(homepage)) report(`"homepage" must be an https URL, got ${JSON.stringify(homepage)}`);
    if (!isHttpsUrl(documentation)) report(`"documentation" must be an https URL, got ${JSON.stringify(documentation)}`);

    const versions: GalleryVersion[] = [];
    if (!Array.isArray(raw.versions) || raw.versions.length === 0) {
      report('"versions" must list at least one version (newest first), e.g. `- version: "1.0.0"` with `changeNotes:`');
    } else {
      const seenLabels = new Set<string>();
      let newerPublished: string | undefined;
      let newerSemver: { label: string; parts: number[] } | undefined;
      raw.versions.forEach((rawVersion: unknown, index: number) => {
        const where = `versions[${index}]`;
        if (!isPlainObject(rawVersion)) {
          report(`${where} must be a mapping with version, changeNotes and (once published) sha`);
          return;
        }
        for (const key of unknownKeys(rawVersion, VERSION_KEYS)) report(`${where}: unknown key "${key}" (allowed: ${VERSION_KEYS.join(', ')})`);
        const label = rawVersion.version;
        if (typeof label !== 'string' || label.trim() === '') {
          report(`${where}: "version" must be a string label such as "1.0.0" (quote labels YAML would read as numbers)`);
          return;
        }
        if (seenLabels.has(label)) report(`${where}: version "${label}" is listed twice`);
        seenLabels.add(label);
        const parts = semverParts(label);
        if (parts && newerSemver && compareParts(parts, newerSemver.parts) >= 0) {
          report(`${where}: versions must be newest first, but "${label}" comes after "${newerSemver.label}"`);
        }
        if (parts) newerSemver = { label, parts };

        const changeNotes = rawVersion.changeNotes;
        if (typeof changeNotes !== 'string' || changeNotes.trim() === '') report(`${where} (${label}): "changeNotes" must be a non-empty text`);

        let sha: string | undefined;
        const rawSha = rawVersion.sha;
        if (rawSha !== undefined && rawSha !== null && rawSha !== '') {
          if (typeof rawSha !== 'string') {
            report(`${where} (${label}): sha ${JSON.stringify(rawSha)} was read as a ${typeof rawSha}; quote it`);
          } else if (!SHA_PATTERN.test(rawSha)) {
            report(`${where} (${label}): sha "${rawSha}" is not a full 40-character lower-case hex commit sha`);
          } else {
            sha = rawSha;
            const previous = shaOwners.get(sha);
            if (previous) report(`${where} (${label}): sha ${sha} is already used by ${previous}`);
            shaOwners.set(sha, `${id} ${label}`);
          }
          newerPublished = newerPublished ?? label;
        } else if (newerPublished) {
          report(`${where} (${label}) has no sha but the newer version "${newerPublished}" does; versions are published in order, newest first`);
        }
        versions.push({ version: label, ...(sha ? { sha } : {}), changeNotes: typeof changeNotes === 'string' ? changeNotes : '' });
      });
    }
    templates.push({ id, repository, homepage: String(homepage), documentation: String(documentation), versions });
  }

  if (problems.length > 0 && (typeof owner !== 'string' || typeof sourceRepository !== 'string')) return { problems };
  return {
    source: { owner: owner as string, sourceRepository: sourceRepository as string, sourceBranch: String(sourceBranch), templates },
    problems,
  };
}

/** Versions that have a gallery commit, newest first. */
export function publishedVersions(entry: GalleryTemplateEntry): Array<GalleryVersion & { sha: string }> {
  return entry.versions.filter((version): version is GalleryVersion & { sha: string } => typeof version.sha === 'string');
}

/** A YAML scalar for a sha: plain, unless YAML would read it as a number (e.g. all digits, `123e45`). */
export function yamlSha(sha: string): string {
  const parsed = (load(`sha: ${sha}`) as { sha: unknown }).sha;
  return parsed === sha ? sha : JSON.stringify(sha);
}

/** A YAML block scalar (`|-`) for multi-line text, a double-quoted scalar otherwise. */
function yamlText(text: string, indent: string): string {
  const trimmed = text.replace(/\s+$/, '');
  const lines = trimmed.split('\n');
  const blockSafe = lines.length > 1 && !lines.some((line) => /\s$/.test(line)) && !/^\s/.test(lines[0]);
  if (!blockSafe) return JSON.stringify(trimmed);
  return '|-\n' + lines.map((line) => (line === '' ? '' : indent + line)).join('\n');
}

/**
 * The gallery repository's `metadata.yaml`: homepage, documentation, and the published versions
 * newest first under `# Latest version`. Before the first publication there is no `versions` key
 * at all (no placeholder sha): the gallery only reads the file once the repository is submitted.
 */
export function renderGalleryMetadataYaml(entry: GalleryTemplateEntry): string {
  const lines = [`homepage: ${JSON.stringify(entry.homepage)}`, `documentation: ${JSON.stringify(entry.documentation)}`];
  const published = publishedVersions(entry);
  if (published.length > 0) {
    lines.push('versions:');
    published.forEach((version, index) => {
      if (index === 0) lines.push('  # Latest version');
      if (index === 1) lines.push('  # Older versions');
      lines.push(`  - sha: ${yamlSha(version.sha)}`);
      lines.push(`    changeNotes: ${yamlText(version.changeNotes, '      ')}`);
    });
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// record-sha: edit the source text in place

interface ScalarNode {
  kind: 'scalar';
  event: ScalarEvent;
  value: string;
}
interface MapNode {
  kind: 'map';
  start: number;
  entries: Array<{ key: YamlNode; value: YamlNode }>;
}
interface SeqNode {
  kind: 'seq';
  start: number;
  items: YamlNode[];
}
type YamlNode = ScalarNode | MapNode | SeqNode | { kind: 'alias' };

/** A node tree with source offsets, built from js-yaml's event stream. */
function buildNodeTree(text: string): YamlNode {
  const events: Event[] = parseEvents(text, {});
  let index = 0;
  const readNode = (): YamlNode => {
    const event = events[index++];
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return { kind: 'scalar', event, value: getScalarValue(text, event) };
      case EVENT_ID.ALIAS:
        return { kind: 'alias' };
      case EVENT_ID.MAPPING: {
        const node: MapNode = { kind: 'map', start: event.start, entries: [] };
        while (events[index].type !== EVENT_ID.POP) node.entries.push({ key: readNode(), value: readNode() });
        index++;
        return node;
      }
      case EVENT_ID.SEQUENCE: {
        const node: SeqNode = { kind: 'seq', start: event.start, items: [] };
        while (events[index].type !== EVENT_ID.POP) node.items.push(readNode());
        index++;
        return node;
      }
      default:
        throw new Error(`unexpected YAML event ${event.type}`);
    }
  };
  if (events[index]?.type !== EVENT_ID.DOCUMENT) throw new Error('empty YAML document');
  index++;
  return readNode();
}

function mapValue(node: YamlNode | undefined, key: string): YamlNode | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return node.entries.find((entry) => entry.key.kind === 'scalar' && entry.key.value === key)?.value;
}

function mapEntry(node: YamlNode | undefined, key: string): { key: YamlNode; value: YamlNode } | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return node.entries.find((entry) => entry.key.kind === 'scalar' && entry.key.value === key);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

export class RecordShaError extends Error {}

/** JSON with object keys sorted, to compare documents regardless of key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner,
  );
}

/**
 * Record `sha` on the newest unpublished version of `templateId`. Edits the text in place (comments
 * and layout kept); the result is re-parsed and compared with the intended data, and when the
 * in-place edit cannot be verified a canonical rewrite is returned instead (`preservedLayout: false`).
 */
export function recordSha(text: string, templateId: string, sha: string): { text: string; version: string; preservedLayout: boolean } {
  if (!SHA_PATTERN.test(sha)) {
    throw new RecordShaError(`"${sha}" is not a full commit sha: give the 40-character lower-case hex sha of the gallery repository commit (git rev-parse HEAD)`);
  }
  const { source, problems } = parseGallerySource(text);
  if (!source) throw new RecordShaError(problems.map((problem) => problem.message).join('\n'));
  const entry = source.templates.find((candidate) => candidate.id === templateId);
  if (!entry) {
    throw new RecordShaError(`no template "${templateId}" in gallery-metadata.yaml (known: ${source.templates.map((t) => t.id).join(', ') || 'none'})`);
  }
  for (const other of source.templates) {
    const clash = other.versions.find((version) => version.sha === sha);
    if (clash) throw new RecordShaError(`sha ${sha} is already recorded for ${other.id} ${clash.version}`);
  }
  // The newest unpublished version is the last unpublished one before the first published one.
  let targetIndex = -1;
  for (let i = 0; i < entry.versions.length && !entry.versions[i].sha; i++) targetIndex = i;
  if (targetIndex < 0) {
    throw new RecordShaError(
      `${templateId}: every version already has a sha (newest: ${entry.versions[0]?.version}); add a new version entry with changeNotes at the top of its versions first`,
    );
  }
  const version = entry.versions[targetIndex].version;

  const expected = load(text) as { templates: Record<string, { versions: Array<Record<string, unknown>> }> };
  expected.templates[templateId].versions[targetIndex].sha = sha;

  let edited: string | undefined;
  try {
    const tree = buildNodeTree(text);
    const versionsNode = mapValue(mapValue(mapValue(tree, 'templates'), templateId), 'versions');
    const versionNode = versionsNode?.kind === 'seq' ? versionsNode.items[targetIndex] : undefined;
    if (versionNode?.kind === 'map') {
      const existing = mapEntry(versionNode, 'sha');
      if (existing && existing.key.kind === 'scalar') {
        // `sha:` present with an empty value: replace the rest of that line.
        const keyStart = existing.key.event.valueStart;
        const lineEnd = text.indexOf('\n', keyStart);
        const end = lineEnd < 0 ? text.length : lineEnd;
        edited = text.slice(0, keyStart) + `sha: ${yamlSha(sha)}` + text.slice(end);
      } else {
        const indent = ' '.repeat(columnOf(text, versionNode.start));
        edited = text.slice(0, versionNode.start) + `sha: ${yamlSha(sha)}\n${indent}` + text.slice(versionNode.start);
      }
    }
  } catch {
    edited = undefined;
  }
  if (edited !== undefined) {
    try {
      if (sortedJson(load(edited)) === sortedJson(expected)) return { text: edited, version, preservedLayout: true };
    } catch {
      // fall through to the canonical rewrite
    }
  }
  const updated: GallerySource = {
    ...source,
    templates: source.templates.map((candidate) =>
      candidate.id !== templateId
        ? candidate
        : { ...candidate, versions: candidate.versions.map((v, i) => (i === targetIndex ? { version: v.version, sha, changeNotes: v.changeNotes } : v)) },
    ),
  };
  return { text: renderGallerySource(updated, load(text) as Record<string, unknown>), version, preservedLayout: false };
}

/**
 * Canonical form of gallery-metadata.yaml (used only when an in-place edit is impossible).
 * `raw` is the originally parsed document, so homepage/documentation are written only when they
 * were given explicitly.
 */
export function renderGallerySource(source: GallerySource, raw: Record<string, unknown> = {}): string {
  const rawTemplates = (isPlainObject(raw.templates) ? raw.templates : {}) as Record<string, Record<string, unknown>>;
  const lines = [
    '# Gallery data for every template in templates/ (see docs/releasing.md).',
    `owner: ${JSON.stringify(source.owner)}`,
    `sourceRepository: ${JSON.stringify(source.sourceRepository)}`,
    `sourceBranch: ${JSON.stringify(source.sourceBranch)}`,
    'templates:',
  ];
  for (const entry of source.templates) {
    const rawEntry = rawTemplates[entry.id] ?? {};
    lines.push(`  ${entry.id}:`, `    repository: ${JSON.stringify(entry.repository)}`);
    if (rawEntry.homepage !== undefined) lines.push(`    homepage: ${JSON.stringify(entry.homepage)}`);
    if (rawEntry.documentation !== undefined) lines.push(`    documentation: ${JSON.stringify(entry.documentation)}`);
    lines.push('    versions:');
    for (const version of entry.versions) {
      lines.push(`      - version: ${JSON.stringify(version.version)}`);
      if (version.sha) lines.push(`        sha: ${yamlSha(version.sha)}`);
      lines.push(`        changeNotes: ${yamlText(version.changeNotes, '          ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
