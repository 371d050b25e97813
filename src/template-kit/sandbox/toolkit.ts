// The CoreToolkit every template passes to src/core, built once from the sandbox APIs that server
// and web templates share. (Sandbox code: it imports sandbox APIs, so the project's Node-side type
// check skips this folder; the build type-checks it in the context of each template using it.)
import decodeUriComponent from 'decodeUriComponent';
import getType from 'getType';
import JSON from 'JSON';
import makeNumber from 'makeNumber';
import makeString from 'makeString';
import Math from 'Math';
import Object from 'Object';

import { CoreToolkit, PlainObject, ValueType } from '../../core/toolkit';

/**
 * The type of a value where it is known without the getType API: `typeof` answers for null and the
 * primitives (the same names getType gives); every array has a numeric length, so an object without
 * one is an object; and an array has the array methods. Data (event data, fields, parsed JSON)
 * holds no functions, so an object with a numeric length key has none. undefined: ask getType (an
 * object with a numeric length key; an array, wherever reading a method without calling it gave
 * anything else than a function). A sandbox API call copies its argument out of the sandbox: for a
 * string, a number, an object or an array whose type is known that copy is wasted.
 */
export function typeWithoutCall(value: unknown): ValueType | undefined {
  if (value === null) return 'null';
  const type = typeof value;
  if (type !== 'object') return type as ValueType;
  const candidate = value as { length?: unknown; join?: unknown; slice?: unknown };
  if (typeof candidate.length !== 'number') return 'object';
  if (typeof candidate.join === 'function' && typeof candidate.slice === 'function') return 'array';
  return undefined;
}

/** getType for core, which asks about every value it reads: the API only where typeWithoutCall cannot tell. */
export function typeOf(value: unknown): ValueType {
  const known = typeWithoutCall(value);
  return known !== undefined ? known : (getType(value) as ValueType);
}

// Declared as `toolkit` and exported as `tk`: the bundle keeps top-level names and renames nested
// names that collide with one, so a top-level `tk` would turn every core `tk` parameter into `tk2`.
const toolkit: CoreToolkit = {
  getType: typeOf,
  makeNumber: makeNumber,
  makeString: makeString,
  decodeUriComponent: decodeUriComponent,
  // Quantities and most prices are whole numbers already: no API call for those.
  round: (n: number) => (n % 1 === 0 ? n : Math.round(n)),
  floor: (n: number) => (n % 1 === 0 ? n : Math.floor(n)),
  jsonParse: (text: string) => JSON.parse(text),
  jsonStringify: (value: unknown) => JSON.stringify(value),
  keys: (value: object) => Object.keys(value as PlainObject),
};

export { toolkit as tk };
