// Small helpers used by the server and web API implementations.

import type { ContainerVersion } from '../environment';
import { isArgumentsObject } from './raw';
import type { ApiHost } from './types';

/**
 * Deep copy of plain data (arrays, plain objects); functions and other values are kept as is. An
 * Arguments object (page code's) becomes an array: sandbox code sees lists as arrays.
 */
export function deepCopy<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (Array.isArray(value) || isArgumentsObject(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of Array.from(value as ArrayLike<unknown>)) copy.push(deepCopy(item, seen));
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item, seen);
  return copy as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads a dot path (`a.b.0.c`); array components may be indices. undefined when missing. */
export function readPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object' && typeof current !== 'function') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) {
      // Functions and arrays expose inherited members GTM does not (e.g. `length` is fine).
      if (!(Array.isArray(current) && part === 'length')) return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export const CONTAINER_VERSION_DEFAULTS: ContainerVersion = {
  containerId: 'GTM-EMULATOR',
  debugMode: false,
  environmentName: '',
  environmentMode: false,
  previewMode: false,
  version: '0',
};

export function containerVersion(host: ApiHost): ContainerVersion {
  return { ...CONTAINER_VERSION_DEFAULTS, ...(host.env.containerVersion ?? {}) };
}

/**
 * Whether logging with environments 'debug' is on. A run with neither debugMode nor previewMode
 * set counts as debug in test mode (GTM's template tests run inside the editor's preview), and as
 * production otherwise.
 */
export function isDebugRun(host: ApiHost): boolean {
  const version = host.env.containerVersion ?? {};
  if (version.debugMode === true || version.previewMode === true) return true;
  return host.testMode && version.debugMode === undefined && version.previewMode === undefined;
}

/** How GTM prints logToConsole arguments: strings as is, other values as JSON, space-separated. */
export function logText(args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg === undefined) return 'undefined';
      if (typeof arg === 'function') return 'function';
      try {
        return JSON.stringify(arg) ?? String(arg);
      } catch {
        return String(arg);
      }
    })
    .join(' ');
}

/**
 * logToConsole never throws for lack of permission: "If permission is denied, logToConsole will not
 * throw an error, but will suppress the log message"
 * (https://developers.google.com/tag-platform/tag-manager/templates/permissions#logging). That
 * covers a template without the logging permission and one whose permission allows only debug
 * environments running in production.
 */
export function logToConsoleApi(host: ApiHost) {
  return (...args: unknown[]): void => {
    if (!host.permissions.query('logging', isDebugRun(host))) return;
    host.record.logs.push({ args, text: logText(args) });
  };
}

export function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

export function requireString(api: string, name: string, value: unknown): string {
  if (typeof value !== 'string') throw new Error(`${api}: argument "${name}" must be a string, got ${value === null ? 'null' : typeof value}`);
  return value;
}

/** Queue an optional callback through the runtime's callLater. */
export function later(host: ApiHost, callback: unknown, ...args: unknown[]): void {
  if (isFunction(callback)) host.callLater(() => void callback(...args));
}
