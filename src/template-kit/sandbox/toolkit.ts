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
 * getType for core, which asks about every value it reads, with the API only where `typeof` and
 * two property reads cannot tell: `typeof` answers for null and the primitives (the same names
 * getType gives); every array has a numeric length, so an object without one is an object; and an
 * array has the array methods (data holds no functions, so an object with a numeric length key
 * has none). A sandbox API call copies its argument out of the sandbox: for a string, a number, an
 * object or an array whose type is known that copy is wasted. (The server toolkit makes the same
 * checks in typeWithoutCall and also remembers the objects it asked about: server-toolkit.ts; a
 * change to one rule is a change to both. Two copies because the web bundle ships to every
 * visitor and is smaller without the server's split into two functions.)
 */
export function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  const type = typeof value;
  const list = value as { length?: unknown; join?: unknown; slice?: unknown };
  if (type !== 'object' || typeof list.length !== 'number') return type as ValueType;
  return typeof list.join === 'function' && typeof list.slice === 'function' ? 'array' : (getType(value) as ValueType);
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
