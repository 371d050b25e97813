// APIs available in both server and web templates that need no permission (plus queryPermission,
// logToConsole and getContainerVersion, which are shared too).

import { createHash } from 'node:crypto';
import { containerVersion, isDebugRun, isFunction, logToConsoleApi } from './common';
import { isArgumentsObject, isRegExp, rawArguments } from './raw';
import type { ApiHost, ApiTable } from './types';
import { effectiveTldPlusOne, parseUrl } from './url';

/** computeEffectiveTldPlusOne (server only): input returned unchanged when null/undefined. */
export function computeEffectiveTldPlusOne(input: unknown): unknown {
  if (input === undefined || input === null) return input;
  return effectiveTldPlusOne(String(input));
}

/** GTM's eight types; an Arguments object (GTM has no such type) is a list: 'array'. */
export function getType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value) || isArgumentsObject(value)) return 'array';
  const type = typeof value;
  if (type === 'object' || type === 'function' || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined') {
    return type;
  }
  return 'object';
}

const toNumber = (value: unknown): number => Number(value);

/**
 * makeString: GTM's String() coercion (arrays join with ',', objects '[object Object]'). Total: it
 * never runs a method of the value. Sandbox objects are plain data in GTM, so a key named
 * `toString` or `valueOf` (e.g. from a JSON variable: `{"toString": 0}`) is an ordinary key there;
 * String() on the host copy would call it, or throw "Cannot convert object to primitive value"
 * when it is not callable. Arrays join their elements the same way (null/undefined/holes as '',
 * an array containing itself as '', as Array.prototype.join does).
 */
export function makeString(value: unknown): string {
  return stringOf(value, []);
}

function stringOf(value: unknown, arraysInProgress: unknown[]): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return Function.prototype.toString.call(value);
  if (typeof value !== 'object') return String(value);
  if (!Array.isArray(value)) return '[object Object]';
  if (arraysInProgress.indexOf(value) !== -1) return '';
  arraysInProgress.push(value);
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const element: unknown = value[i];
    parts.push(element === null || element === undefined ? '' : stringOf(element, arraysInProgress));
  }
  arraysInProgress.pop();
  return parts.join(',');
}

export function makeNumber(value: unknown): number {
  return Number(value);
}

/** makeInteger truncates toward zero after number coercion ('3.9' -> 3, -3.9 -> -3). */
export function makeInteger(value: unknown): number {
  return Math.trunc(Number(value));
}

/**
 * makeTableMap(rows, keyColumn, valueColumn): `{row[key]: row[value]}`; without a value column
 * each entry is the row minus its key column. null when rows is not an array of objects.
 */
export function makeTableMap(rows: unknown, keyColumn: unknown, valueColumn?: unknown): Record<string, unknown> | null {
  if (!Array.isArray(rows) || typeof keyColumn !== 'string') return null;
  const map: Record<string, unknown> = {};
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) return null;
    const record = row as Record<string, unknown>;
    if (!(keyColumn in record)) continue;
    const key = String(record[keyColumn]);
    if (typeof valueColumn === 'string') {
      map[key] = record[valueColumn];
    } else {
      const rest = { ...record };
      delete rest[keyColumn];
      map[key] = rest;
    }
  }
  return map;
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

export function toBase64(input: unknown, options?: unknown): string {
  const urlEncoding = typeof options === 'object' && options !== null && (options as { urlEncoding?: unknown }).urlEncoding === true;
  return Buffer.from(String(input), 'utf8').toString(urlEncoding ? 'base64url' : 'base64');
}

/** fromBase64: accepts standard and URL-safe alphabets, padding optional; undefined when invalid. */
export function fromBase64(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const normalized = input.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized)) return undefined;
  const unpadded = normalized.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  return Buffer.from(unpadded, 'base64').toString('utf8');
}

export function sha256Digest(input: unknown, options: unknown): string {
  const encoding = typeof options === 'object' && options !== null ? (options as { outputEncoding?: unknown }).outputEncoding : undefined;
  const hash = createHash('sha256').update(String(input), 'utf8');
  return encoding === 'hex' ? hash.digest('hex') : hash.digest('base64');
}

/**
 * createRegex: GTM compiles with RE2, which rejects look-around and back-references; those give
 * null here as an invalid pattern does. Only the flags `g` and `i` exist; other flags give null.
 */
export function createRegex(pattern: unknown, flags?: unknown): RegExp | null {
  if (typeof pattern !== 'string') return null;
  const flagText = flags === undefined || flags === null ? '' : String(flags);
  if (!/^[gi]*$/.test(flagText) || new Set(flagText).size !== flagText.length) return null;
  if (/\(\?<?[=!]/.test(pattern) || /\\[1-9]/.test(pattern)) return null;
  try {
    return new RegExp(pattern, flagText);
  } catch {
    return null;
  }
}

/** testRegex(regex, text): stateful for `g` regexes; works on a sandbox (other-realm) regex too. */
export const testRegex = rawArguments((regex: unknown, text: unknown): boolean => {
  if (!isRegExp(regex)) throw new Error('testRegex: first argument must be a regex from createRegex');
  return RegExp.prototype.test.call(regex, String(text));
});

export function generateRandom(host: ApiHost, min: unknown, max: unknown): number {
  const low = Math.ceil(Number(min));
  const high = Math.floor(Number(max));
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) throw new Error('generateRandom: min and max must be numbers with min <= max');
  const random = host.env.random ?? Math.random;
  return low + Math.floor(random() * (high - low + 1));
}

/** sha256(input, onSuccess, [onFailure,] options): async, the digest goes to onSuccess. */
export function sha256Api(host: ApiHost) {
  return (input: unknown, onSuccess: unknown, third?: unknown, fourth?: unknown): void => {
    const onFailure = isFunction(third) ? third : undefined;
    const options = isFunction(third) ? fourth : third;
    let digest: string;
    try {
      digest = sha256Digest(input, options);
    } catch (error) {
      if (onFailure) host.callLater(() => void onFailure(error instanceof Error ? error.message : String(error)));
      return;
    }
    if (isFunction(onSuccess)) host.callLater(() => void onSuccess(digest));
  };
}

export const sharedApis: ApiTable = {
  JSON: () => ({
    parse: (text: unknown) => safe(() => JSON.parse(String(text))),
    stringify: (value: unknown) => safe(() => JSON.stringify(value)),
  }),
  Math: () => ({
    abs: (x: unknown) => Math.abs(toNumber(x)),
    ceil: (x: unknown) => Math.ceil(toNumber(x)),
    floor: (x: unknown) => Math.floor(toNumber(x)),
    max: (...values: unknown[]) => Math.max(...values.map(toNumber)),
    min: (...values: unknown[]) => Math.min(...values.map(toNumber)),
    pow: (x: unknown, y: unknown) => Math.pow(toNumber(x), toNumber(y)),
    round: (x: unknown) => Math.round(toNumber(x)),
    sqrt: (x: unknown) => Math.sqrt(toNumber(x)),
  }),
  // freeze/delete act on the object they get: marked RAW_ARGUMENTS (see raw.ts).
  Object: () => ({
    keys: (value: unknown) => (typeof value === 'object' && value !== null ? Object.keys(value) : []),
    values: (value: unknown) => (typeof value === 'object' && value !== null ? Object.values(value) : []),
    entries: (value: unknown) => (typeof value === 'object' && value !== null ? Object.entries(value) : []),
    freeze: rawArguments((value: unknown) => (typeof value === 'object' && value !== null ? Object.freeze(value) : value)),
    delete: rawArguments((value: unknown, key: unknown) => {
      if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return false;
      return Reflect.deleteProperty(value, String(key));
    }),
  }),
  makeNumber: () => makeNumber,
  makeInteger: () => makeInteger,
  makeString: () => makeString,
  makeTableMap: () => makeTableMap,
  getType: () => getType,
  parseUrl: () => parseUrl,
  encodeUri: () => (value: unknown) => safe(() => encodeURI(String(value))),
  encodeUriComponent: () => (value: unknown) => safe(() => encodeURIComponent(String(value))),
  decodeUri: () => (value: unknown) => safe(() => decodeURI(String(value))),
  decodeUriComponent: () => (value: unknown) => safe(() => decodeURIComponent(String(value))),
  toBase64: () => toBase64,
  fromBase64: () => fromBase64,
  generateRandom: (host) => (min: unknown, max: unknown) => generateRandom(host, min, max),
  getTimestamp: (host) => () => host.now(),
  getTimestampMillis: (host) => () => host.now(),
  callLater: (host) => (fn: unknown) => {
    if (!isFunction(fn)) throw new Error('callLater: argument must be a function');
    host.callLater(() => void fn());
  },
  queryPermission: (host) => (permissionId: unknown, ...args: unknown[]) => {
    const id = String(permissionId);
    // logging depends on the run's mode; queryPermission('logging') takes no other argument.
    if (id === 'logging') return host.permissions.query(id, isDebugRun(host));
    return host.permissions.query(id, ...args);
  },
  logToConsole: (host) => logToConsoleApi(host),
  getContainerVersion: (host) => () => {
    host.permissions.assert('read_container_data');
    return containerVersion(host);
  },
  sha256: (host) => sha256Api(host),
};
