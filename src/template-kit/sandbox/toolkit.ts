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

// Core asks for the type of every value it reads, and a sandbox API call copies its argument out of
// the sandbox: asking getType about the whole event data or a 150-item list costs a deep copy each
// time. So `typeof` answers for everything but arrays and objects, and the type of the last few
// objects asked about is remembered (an object never turns into an array or back).
const typedObjects: unknown[] = [];
const objectTypes: ValueType[] = [];
const REMEMBERED_OBJECTS = 32;

function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  const type = typeof value;
  if (type !== 'object') return type as ValueType;
  const known = typedObjects.indexOf(value);
  if (known !== -1) return objectTypes[known];
  const objectType = getType(value) as ValueType;
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(objectType);
  return objectType;
}

export const tk: CoreToolkit = {
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
