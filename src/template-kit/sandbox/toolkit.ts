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

import { CoreToolkit, PlainObject } from '../../core/toolkit';

export const tk: CoreToolkit = {
  getType: getType,
  makeNumber: makeNumber,
  makeString: makeString,
  decodeUriComponent: decodeUriComponent,
  round: (n: number) => Math.round(n),
  floor: (n: number) => Math.floor(n),
  jsonParse: (text: string) => JSON.parse(text),
  jsonStringify: (value: unknown) => JSON.stringify(value),
  keys: (value: object) => Object.keys(value as PlainObject),
};
