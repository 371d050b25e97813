// The server templates' CoreToolkit: the shared one (toolkit.ts) plus synchronous SHA-256, which
// only the server sandbox has (sha256Sync), a getType that remembers what it asked the API, and a
// makeNumber that reads short digit strings itself.
import getType from 'getType';
import makeNumber from 'makeNumber';
import sha256Sync from 'sha256Sync';

import { CoreToolkit, ValueType } from '../../core/toolkit';
import { tk as shared } from './toolkit';

/**
 * The type of a value where it is known without the getType API: `typeof` answers for null and the
 * primitives (the same names getType gives); every array has a numeric length, so an object without
 * one is an object; and an array has the array methods. Data (event data, fields, parsed JSON)
 * holds no functions, so an object with a numeric length key has none. undefined: ask getType (an
 * object with a numeric length key; an array, wherever reading a method without calling it gave
 * anything else than a function). A sandbox API call copies its argument out of the sandbox: for a
 * string, a number, an object or an array whose type is known that copy is wasted. (The same
 * checks as the web toolkit's typeOf, with undefined where that one calls getType.)
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

// Where the type needs the getType API (an object with a numeric length key; arrays wherever their
// methods cannot be read: see typeWithoutCall), the answer for the last 32 objects is remembered:
// the server adapters and the mapping ask about the same objects again and again, each getType call
// copies its argument out of the sandbox, and an object never turns into an array or back.
const typedObjects: unknown[] = [];
const objectTypes: ValueType[] = [];
const REMEMBERED_OBJECTS = 32;

function rememberedTypeOf(value: unknown): ValueType {
  const known = typeWithoutCall(value);
  if (known !== undefined) return known;
  const remembered = typedObjects.indexOf(value);
  if (remembered !== -1) return objectTypes[remembered];
  const objectType = getType(value) as ValueType;
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(objectType);
  return objectType;
}

const DIGITS = '0123456789';

/**
 * makeNumber, with a string of one to nine digits added up here (exact: below 2^53): field values
 * arrive as text ("2", "30"), and the API call copies its argument out of the sandbox.
 */
function numberOf(value: unknown): number {
  if (typeof value === 'string' && value.length > 0 && value.length < 10) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = DIGITS.indexOf(value.charAt(i));
      if (digit === -1) return makeNumber(value);
      n = n * 10 + digit;
    }
    return n;
  }
  return makeNumber(value);
}

export const tk: CoreToolkit = {
  getType: rememberedTypeOf,
  makeNumber: numberOf,
  makeString: shared.makeString,
  decodeUriComponent: shared.decodeUriComponent,
  round: shared.round,
  floor: shared.floor,
  jsonParse: shared.jsonParse,
  jsonStringify: shared.jsonStringify,
  keys: shared.keys,
  sha256Hex: (text: string) => sha256Sync(text, { outputEncoding: 'hex' }),
};
