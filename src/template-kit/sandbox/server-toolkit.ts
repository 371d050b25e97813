// The server templates' CoreToolkit: the shared one (toolkit.ts) plus synchronous SHA-256, which
// only the server sandbox has (sha256Sync), and a getType that remembers what it asked the API.
import sha256Sync from 'sha256Sync';

import { CoreToolkit, ValueType } from '../../core/toolkit';
import { tk as shared, typeOf, typeWithoutCall } from './toolkit';

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
  const objectType = typeOf(value);
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(objectType);
  return objectType;
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
