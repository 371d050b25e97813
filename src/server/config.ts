// The container configuration of the local tagging server: which compiled templates run as tags,
// with which field values, on which events. Read from a YAML file (container.yaml at the repo root
// by default; CONTAINER_CONFIG or --config override). `${VAR}` and `${VAR:-default}` in string
// values are replaced from the environment, so secrets stay out of the file.

import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

export interface TagConfig {
  name: string;
  /** Absolute path of the .tpl file. */
  template: string;
  /** The template's field values (what the tag's `data` holds). */
  fields: Record<string, unknown>;
  /** Event names that fire the tag; `*` matches every event. */
  events: string[];
  /** Event names that never fire the tag (checked after `events`). */
  excludeEvents: string[];
  enabled: boolean;
}

export interface ContainerConfig {
  /** File the config came from (for messages); undefined when built in code. */
  source?: string;
  tags: TagConfig[];
  /** Read the client address from Forwarded / X-Forwarded-For. */
  trustForwardedFor: boolean;
  /**
   * Pass X-Forwarded-Host on to the templates (setCookie's domain 'auto' falls back to it when the
   * request has no Host). Off: the header is removed, so a client cannot choose a cookie domain.
   */
  trustForwardedHost: boolean;
  /**
   * Host names, besides localhost and IP addresses, under which the debug page, /events and the
   * mock's control endpoints answer (a name this server is reached by, e.g. behind a tunnel).
   */
  allowedHosts: string[];
  /** Per-tag run limit in milliseconds (a tag that never calls gtmOnSuccess/Failure). */
  tagTimeoutMs: number;
  /** Longest accepted request body in bytes; larger requests get a 413 before the body is read. */
  maxBodyBytes: number;
  /** Container info the templates see through getContainerVersion. */
  containerId: string;
}

export class ConfigError extends Error {}

export const DEFAULT_TAG_TIMEOUT_MS = 20000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** `${NAME}` / `${NAME:-default}`; an unset NAME without a default becomes '' and is reported. */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, missing?: Set<string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    missing?.add(name);
    return '';
  });
}

function substituteDeep(value: unknown, env: NodeJS.ProcessEnv, missing: Set<string>): unknown {
  if (typeof value === 'string') return substituteEnv(value, env, missing);
  if (Array.isArray(value)) return value.map((entry) => substituteDeep(entry, env, missing));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = substituteDeep(entry, env, missing);
    return out;
  }
  return value;
}

/**
 * Builds a ContainerConfig from an already-parsed YAML/JSON document. Relative template paths are
 * resolved against `baseDir` (the config file's folder).
 */
export function normalizeConfig(
  document: unknown,
  options: { baseDir: string; env?: NodeJS.ProcessEnv; source?: string; warnings?: string[] },
): ContainerConfig {
  const env = options.env ?? process.env;
  const missing = new Set<string>();
  const raw = substituteDeep(document ?? {}, env, missing);
  if (!isObject(raw)) throw new ConfigError(`${options.source ?? 'config'}: expected a mapping at the top level`);
  if (missing.size > 0) options.warnings?.push(`environment variables not set (used as empty): ${[...missing].join(', ')}`);

  const client = isObject(raw.client) ? raw.client : {};
  const trustForwardedFor = flag(env.TRUST_FORWARDED_FOR, client.trustForwardedFor);
  const trustForwardedHost = flag(env.TRUST_FORWARDED_HOST, client.trustForwardedHost);
  const allowedHosts = [
    ...(raw.allowedHosts === undefined ? [] : toStringList(raw.allowedHosts, `${options.source ?? 'config'}: allowedHosts`)),
    ...(env.ALLOWED_HOSTS ?? '').split(','),
  ].map((host) => host.trim()).filter((host) => host !== '');

  const rawTags = raw.tags ?? [];
  if (!Array.isArray(rawTags)) throw new ConfigError(`${options.source ?? 'config'}: "tags" must be a list`);
  const tags = rawTags.map((entry, index) => normalizeTag(entry, index, options.baseDir, options.source));
  const names = new Set<string>();
  for (const tag of tags) {
    if (names.has(tag.name)) throw new ConfigError(`duplicate tag name "${tag.name}"`);
    names.add(tag.name);
  }

  return {
    source: options.source,
    tags,
    trustForwardedFor,
    trustForwardedHost,
    allowedHosts,
    tagTimeoutMs: positiveNumber(raw.tagTimeoutMs, DEFAULT_TAG_TIMEOUT_MS),
    maxBodyBytes: positiveNumber(raw.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    containerId: typeof raw.containerId === 'string' ? raw.containerId : 'GTM-LOCAL',
  };
}

function normalizeTag(entry: unknown, index: number, baseDir: string, source?: string): TagConfig {
  const where = `${source ?? 'config'}: tags[${index}]`;
  if (!isObject(entry)) throw new ConfigError(`${where} must be a mapping`);
  if (typeof entry.template !== 'string' || entry.template === '') throw new ConfigError(`${where}: "template" (path of a .tpl) is required`);
  const fields = entry.fields ?? {};
  if (!isObject(fields)) throw new ConfigError(`${where}: "fields" must be a mapping`);
  const trigger = entry.trigger ?? { events: ['*'] };
  let events: string[];
  let excludeEvents: string[] = [];
  if (typeof trigger === 'string') events = [trigger];
  else if (Array.isArray(trigger)) events = trigger.map(String);
  else if (isObject(trigger)) {
    events = toStringList(trigger.events ?? ['*'], `${where}.trigger.events`);
    excludeEvents = toStringList(trigger.exclude ?? [], `${where}.trigger.exclude`);
  } else throw new ConfigError(`${where}: "trigger" must be "*", a list of event names or {events, exclude}`);
  return {
    name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : `tag ${index + 1}`,
    template: path.resolve(baseDir, entry.template),
    fields,
    events,
    excludeEvents,
    enabled: entry.enabled !== false,
  };
}

/** Reads and normalizes a YAML (or JSON) config file. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env, warnings?: string[]): ContainerConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read container config ${absolute}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = yaml.load(text, { filename: absolute });
  } catch (error) {
    throw new ConfigError(`invalid YAML in ${absolute}: ${(error as Error).message}`);
  }
  return normalizeConfig(document, { baseDir: path.dirname(absolute), env, source: absolute, warnings });
}

/** Does the tag fire for this event name? */
export function tagMatches(tag: TagConfig, eventName: string): boolean {
  if (!tag.enabled) return false;
  if (tag.excludeEvents.includes(eventName)) return false;
  return tag.events.includes('*') || tag.events.includes(eventName);
}

function toStringList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value as string[];
  throw new ConfigError(`${where} must be a string or a list of strings`);
}

/** An environment variable (1/true/yes) wins over the config value; both default to off. */
function flag(envValue: string | undefined, configValue: unknown): boolean {
  if (envValue !== undefined && envValue !== '') return /^(1|true|yes)$/i.test(envValue);
  return configValue === true;
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
