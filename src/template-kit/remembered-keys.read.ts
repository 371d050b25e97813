// The one reader of the "Remembered match keys" group (remembered-keys.fields.ts builds it).
import { REMEMBERED_KEYS_DEFAULT_DAYS } from '../core/remembered-keys';
import { CoreToolkit } from '../core/toolkit';
import { MAX_COOKIE_DAYS } from './cookies.read';
import { integerSetting } from './settings.read';

export interface RememberedKeysFields {
  rememberMatchKeys?: unknown;
  rememberedKeysDays?: unknown;
}

export interface RememberedKeysSettings {
  enabled: boolean;
  /** Whole days within [1, MAX_COOKIE_DAYS], in seconds. */
  maxAgeSeconds: number;
}

export function readRememberedKeysSettings(fields: RememberedKeysFields, tk: CoreToolkit): RememberedKeysSettings {
  const enabled = fields.rememberMatchKeys === true;
  return {
    enabled: enabled,
    maxAgeSeconds: enabled ? integerSetting(fields.rememberedKeysDays, REMEMBERED_KEYS_DEFAULT_DAYS, 1, MAX_COOKIE_DAYS, tk) * 86400 : 0,
  };
}
