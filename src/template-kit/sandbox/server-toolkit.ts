// The server templates' CoreToolkit: the shared one (toolkit.ts) plus synchronous SHA-256, which
// only the server sandbox has (sha256Sync), and a getType that remembers objects.
import sha256Sync from 'sha256Sync';

import { CoreToolkit, ValueType } from '../../core/toolkit';
import { tk as shared, typeOf } from './toolkit';

// The server adapters and the mapping ask about the same objects again and again (the whole event
// data for each key they read, its items list for each item rule), and each getType call on an
// object copies it out of the sandbox. The type of the last 32 objects asked about is remembered: an
// object never turns into an array or back. (The web Pixel tag asks about few objects and does not
// carry this.)
const typedObjects: unknown[] = [];
const objectTypes: ValueType[] = [];
const REMEMBERED_OBJECTS = 32;

function rememberedTypeOf(value: unknown): ValueType {
  if (value === null || typeof value !== 'object') return typeOf(value);
  const known = typedObjects.indexOf(value);
  if (known !== -1) return objectTypes[known];
  const objectType = typeOf(value);
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(objectType);
  return objectType;
}

/**
 * `value` as it is, its type remembered as `type` without asking getType: for what a sandbox API
 * documents it returns (getAllEventData an object, getCookieValues an array), where a getType call
 * would only copy the whole value out of the sandbox again to learn what is already known.
 */
export function withKnownType<T>(value: T, type: 'object' | 'array'): T {
  if (value === null || typeof value !== 'object') return value;
  if (typedObjects.indexOf(value) !== -1) return value;
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(type);
  return value;
}

export const tk: CoreToolkit = {
  getType: rememberedTypeOf,
  makeNumber: shared.makeNumber,
  makeString: shared.makeString,
  decodeUriComponent: shared.decodeUriComponent,
  round: shared.round,
  floor: shared.floor,
  jsonParse: shared.jsonParse,
  jsonStringify: shared.jsonStringify,
  keys: shared.keys,
  sha256Hex: (text: string) => sha256Sync(text, { outputEncoding: 'hex' }),
};
