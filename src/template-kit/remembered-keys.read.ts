// The one reader of the "Remembered customer details" group (remembered-keys.fields.ts builds it).
import { REMEMBERED_KEYS_DEFAULT_DAYS } from '../core/remembered-keys';
import { CoreToolkit } from '../core/toolkit';
import { MAX_COOKIE_DAYS } from './cookies.read';
import { boundedInteger } from './settings.read';

export interface RememberedKeysFields {
  rememberMatchKeys?: unknown;
  rememberedKeysDays?: unknown;
}

export interface RememberedKeysSettings {
  enabled: boolean;
  /** Whole days within [1, MAX_COOKIE_DAYS], in seconds. */
  maxAgeSeconds: number;
  /** Why the lifetime differs from the field's (a variable out of range); the tag logs it. */
  note?: string;
}

export function readRememberedKeysSettings(fields: RememberedKeysFields, tk: CoreToolkit): RememberedKeysSettings {
  const enabled = fields.rememberMatchKeys === true;
  if (!enabled) return { enabled: false, maxAgeSeconds: 0 };
  const days = boundedInteger('Remembered customer details lifetime (days)', fields.rememberedKeysDays, REMEMBERED_KEYS_DEFAULT_DAYS, 1, MAX_COOKIE_DAYS, tk);
  const read: RememberedKeysSettings = { enabled: true, maxAgeSeconds: days.value * 86400 };
  if (days.note !== undefined) read.note = days.note;
  return read;
}
