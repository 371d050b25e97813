// @ts-nocheck -- sandbox code (checked by the build's sandbox type check, skipped by Node's tsc).
// Shared by the TikTok server variables and the Cookie Keeper tag: the CoreToolkit built from sandbox
// APIs exactly as the Events API tag builds it, and the consent settings read from the same field
// names, so src/core computes the same values in every template.

import decodeUriComponent from 'decodeUriComponent';
import getType from 'getType';
import JSON from 'JSON';
import makeNumber from 'makeNumber';
import makeString from 'makeString';
import Math from 'Math';
import Object from 'Object';
import sha256Sync from 'sha256Sync';

import { ConsentInput } from '../../core/consent';
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
  sha256Hex: (text: string) => sha256Sync(text, { outputEncoding: 'hex' }),
};

/**
 * The consent settings of the template's fields (same names and defaults as the Events API tag).
 * ad_user_data is left to the caller: only the user-data variable has that field.
 */
export function consentSettings(): ConsentInput {
  const mode = data.consentMode;
  return {
    mode: mode === 'ignore' || mode === 'require_ad_storage' ? mode : 'minimize',
    adStorageField: data.adStorageConsent,
    unknownAs: data.consentUnknownAs === 'denied' ? 'denied' : 'granted',
  };
}

/** Adds `value` under `key` unless it is undefined (so absent keys stay absent, as in getAllEventData). */
export function put(target: PlainObject, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
