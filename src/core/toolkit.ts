// The injected toolkit and small value helpers shared by every core module.
//
// Everything under src/core is compiled INTO sandboxed templates (server tag, server variables, web
// Pixel tag). The sandbox has no Number()/String()/JSON/Math/Array.isArray globals and no imports,
// so every capability that needs a sandbox API arrives through this interface. Each template builds
// one from its own `require(...)` calls; jest builds one from Node (test/core/node-toolkit.ts).

/** The result vocabulary of the sandbox `getType` API. */
export type ValueType = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'function';

/** Sandbox capabilities that core needs. All functions must be pure and must never throw. */
export interface CoreToolkit {
  /** Sandbox `getType`: distinguishes 'array' from 'object'. */
  getType(value: unknown): ValueType;
  /** Sandbox `makeNumber` (NaN for non-numeric input is fine: callers validate first). */
  makeNumber(value: unknown): number;
  /** Sandbox `makeString`. */
  makeString(value: unknown): string;
  /** Sandbox `decodeUriComponent`: undefined on malformed input. */
  decodeUriComponent(value: string): string | undefined;
  /** Math.round / Math.floor from `require('Math')`. */
  round(value: number): number;
  floor(value: number): number;
  /** JSON.parse from `require('JSON')`: undefined on bad input, never throws. */
  jsonParse(text: string): unknown;
  /** JSON.stringify from `require('JSON')`. */
  jsonStringify(value: unknown): string | undefined;
  /** Object.keys from `require('Object')`. */
  keys(value: object): string[];
  /** Synchronous SHA-256 as lower-case hex (server: sha256Sync). Absent on the web, where hashing is async. */
  sha256Hex?(value: string): string;
}

/** A plain JSON-like object. */
export interface PlainObject {
  [key: string]: unknown;
}

export function isPlainObject(value: unknown, tk: CoreToolkit): value is PlainObject {
  return tk.getType(value) === 'object';
}

export function isArray(value: unknown, tk: CoreToolkit): value is unknown[] {
  return tk.getType(value) === 'array';
}

// The value readers below tell primitives apart with `typeof`, not tk.getType: getType is a sandbox
// API, an API call copies its argument out of the sandbox, and an object or list handed to them
// (junk in an item field, a nested value) would be copied only to be refused. For primitives the
// two give the same names.

/** True for a real, finite number (NaN and +-Infinity excluded; the sandbox has no isFinite). */
export function isFiniteNumber(value: unknown, _tk?: CoreToolkit): value is number {
  // NaN !== NaN; Infinity - Infinity is NaN.
  return typeof value === 'number' && value === value && value - value === 0;
}

/**
 * Whether a string is a plain decimal number: optional sign, digits with an optional single '.',
 * optional exponent. No thousands separators, no currency symbols, no commas (TikTok rejects them).
 * match() is one of the sandbox's String methods
 * (https://developers.google.com/tag-platform/tag-manager/templates/sandboxed-javascript), and a
 * string pattern given to it is a regular expression there as in JavaScript: TikTok's published
 * Pixel template recognises hashes with `val.match("^[A-Fa-f0-9]{64}$")`
 * (https://github.com/tiktok/gtm-template-pixel).
 */
export function isNumericString(text: string): boolean {
  return text.match('^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$') !== null;
}

/**
 * A finite number from a number or a numeric string; undefined for anything else (booleans, '', '10,50').
 * (The server toolkit's makeNumber reads short digit strings without the API.)
 */
export function toNumber(value: unknown, tk: CoreToolkit): number | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const n = text !== undefined && isNumericString(text) ? tk.makeNumber(text) : value;
  return isFiniteNumber(n) ? n : undefined;
}

/**
 * A trimmed non-empty string from a string or a finite number (numbers are common for ids:
 * GA4 item_id, order numbers, user ids). Booleans, objects, arrays, null -> undefined.
 */
export function toText(value: unknown, tk: CoreToolkit): string | undefined {
  // typeof first: most values read are strings or absent, and a call costs more than the test.
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && isFiniteNumber(value) ? tk.makeString(value) : '';
  return text.length > 0 ? text : undefined;
}

/** The first usable text (toText) among candidates. */
export function firstText(candidates: unknown[], tk: CoreToolkit): string | undefined {
  for (let i = 0; i < candidates.length; i++) {
    const text = toText(candidates[i], tk);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Round half away from zero to 2 decimals (money). */
export function roundMoney(value: number, tk: CoreToolkit): number {
  const sign = value < 0 ? -1 : 1;
  return (sign * tk.round(sign * value * 100)) / 100;
}

/** Reads a dot path ("user_data.address.0.city") through objects and arrays; undefined if absent. */
export function getPath(root: unknown, path: string, tk: CoreToolkit): unknown {
  if (path.length === 0) return undefined;
  // The property is read before hasKey walks the object's keys: most keys asked for are absent, and
  // an absent key and one holding undefined give the same answer. hasKey then keeps out what is not
  // the object's own (toString, constructor...).
  const dot = path.indexOf('.');
  if (tk.getType(root) === 'object') {
    // Flat keys may contain dots themselves; an exact key wins over a path.
    const obj = root as PlainObject;
    const direct = obj[path];
    if (direct !== undefined) {
      if (hasKey(obj, path)) return direct;
    } else if (dot === -1 || obj[path.substring(0, dot)] === undefined) {
      // An exact key holding undefined and a path whose first part is absent both give undefined.
      return undefined;
    } else if (hasKey(obj, path)) {
      return undefined;
    }
  }
  const parts = path.split('.');
  let current: unknown = root;
  for (let i = 0; i < parts.length; i++) {
    const type = tk.getType(current);
    const key = parts[i];
    if (type === 'object') {
      const obj = current as PlainObject;
      const value = obj[key];
      if (value === undefined || !hasKey(obj, key)) return undefined;
      current = value;
    } else if (type === 'array') {
      const index = toNumber(key, tk);
      const arr = current as unknown[];
      if (index === undefined || tk.floor(index) !== index || index < 0 || index >= arr.length) return undefined;
      current = arr[index];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Own-key test that also works on objects without a prototype (hasOwnProperty may be missing on
 * input objects; never call methods on untrusted values). A for-in loop rather than `tk.keys`: an
 * API call copies its argument out of the sandbox, and this runs on the whole event data.
 */
export function hasKey(obj: PlainObject, key: string): boolean {
  for (const own in obj) if (own === key) return true;
  return false;
}

/** An array view: arrays as is, undefined/null as [], objects keyed "0","1"... as their values in key order, others as [value]. */
export function toList(value: unknown, tk: CoreToolkit): unknown[] {
  const type = tk.getType(value);
  if (type === 'array') return value as unknown[];
  if (type === 'undefined' || type === 'null') return [];
  if (type === 'object' && isIndexKeyedObject(value as PlainObject, tk)) {
    const obj = value as PlainObject;
    const keys = tk.keys(obj);
    keys.sort((a, b) => (tk.makeNumber(a) as number) - (tk.makeNumber(b) as number));
    return keys.map((k) => obj[k]);
  }
  return [value];
}

/** `{"0": ..., "1": ...}`: how some GA4 client versions deliver dotted array paths. */
function isIndexKeyedObject(obj: PlainObject, tk: CoreToolkit): boolean {
  const keys = tk.keys(obj);
  if (keys.length === 0) return false;
  return keys.every((k) => k.match('^\\d{1,3}$') !== null);
}

/** A SHA-256 hex digest (64 hex characters, either case). */
export function isSha256Hex(text: string): boolean {
  return text.length === 64 && text.match('^[0-9a-fA-F]{64}$') !== null;
}

/** Remove every character in `chars` from `text`. */
export function removeChars(text: string, chars: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (chars.indexOf(ch) === -1) out += ch;
  }
  return out;
}

/** ASCII whitespace and the control characters that must never reach a header or a hash input. */
export const WHITESPACE = ' \t\n\r\u000b\f\u00a0';

export function removeWhitespace(text: string): string {
  return removeChars(text, WHITESPACE);
}

/** Whether a value was set to something usable (non-empty string, finite number, boolean, object, array). */
export function isPresent(value: unknown, tk: CoreToolkit): boolean {
  const type = typeof value;
  if (type === 'undefined' || value === null) return false;
  if (type === 'string') return (value as string).trim().length > 0;
  if (type === 'number') return isFiniteNumber(value, tk);
  return true;
}

const TRUE_WORDS = ['true', '1', 'yes', 'granted'];
const FALSE_WORDS = ['false', '0', 'no', 'denied'];

/** Lenient boolean: true/'true'/'1'/1/'yes'/'granted' -> true; false/'false'/'0'/0/'no'/'denied' -> false; else undefined. */
export function toBoolean(value: unknown, _tk?: CoreToolkit): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value === 1 ? '1' : value === 0 ? '0' : '';
  if (TRUE_WORDS.indexOf(text) !== -1) return true;
  return FALSE_WORDS.indexOf(text) !== -1 ? false : undefined;
}
