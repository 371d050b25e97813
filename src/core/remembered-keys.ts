// Match keys remembered across events, server side (docs/contracts/tiktok-events-api.md#remembered-match-keys).
// A buyer types an email at checkout; the later events of the visit (and of the next visits) carry
// none. With the option on, the tag keeps the event's hashed match keys in a first-party cookie and
// fills them into later events that lack them.
//
// Rules, stricter than the published integrations the contract describes:
// - only SHA-256 hex digests are stored (email, phone, external_id, first_name, last_name,
//   zip_code); city, state and country, which TikTok takes unhashed, are left out;
// - the cookie is read and written only while ad_storage AND ad_user_data are granted (a signal set
//   nowhere counts as the tag's consent settings say), whatever the tag's consent mode;
// - when either is denied the cookie is expired at once (a Set-Cookie with Max-Age=0, RFC 6265
//   section 5.2.2) without being read;
// - what is read back is only ever used as a 64-hex digest: a cookie edited by hand cannot put a
//   plain value into a request.

import { ConsentSettings, ConsentSignal, ConsentSignals, readAdStorage, readAdUserData } from './consent';
import { CookieWrite, SameSite, buildCookieOptions, firstCookieValue } from './cookies';
import { CoreToolkit, isSha256Hex } from './toolkit';
import { HASHED_KEYS, HashedKey, MULTI_VALUE_KEYS, MatchValue, UserDataPlan } from './user-data';

export const REMEMBERED_KEYS_COOKIE = 'tt_match_keys';
/** What the published tags use (90 days); the tag's field can change it. */
export const REMEMBERED_KEYS_DEFAULT_DAYS = 90;
/** At most this many digests per multi-value key (email, phone, external_id): 12 x 67 characters at most. */
export const MAX_REMEMBERED_VALUES = 2;
/** The value written when the cookie is expired (any value: Max-Age=0 removes it). */
export const EXPIRED_VALUE = 'deleted';

/** Short codes of the keys in the cookie value: `em.<hex>~ph.<hex>` (cookie-octets only). */
const CODES: { key: HashedKey; code: string }[] = [
  { key: 'email', code: 'em' }, { key: 'phone', code: 'ph' }, { key: 'external_id', code: 'ex' },
  { key: 'first_name', code: 'fn' }, { key: 'last_name', code: 'ln' }, { key: 'zip_code', code: 'zp' },
];

/** Hashed match keys by TikTok key, each a list of lower-case SHA-256 hex digests. */
export interface RememberedKeys {
  [key: string]: string[];
}

function capFor(key: HashedKey): number {
  return MULTI_VALUE_KEYS.indexOf(key) !== -1 ? MAX_REMEMBERED_VALUES : 1;
}

/** The cookie value for `keys`: digests only (anything else is dropped), capped per key. */
export function encodeRememberedKeys(keys: RememberedKeys): string {
  const parts: string[] = [];
  CODES.forEach((entry) => {
    const values = keys.hasOwnProperty(entry.key) ? keys[entry.key] : [];
    let kept = 0;
    values.forEach((value) => {
      if (kept < capFor(entry.key) && isSha256Hex(value)) {
        parts.push(entry.code + '.' + value.toLowerCase());
        kept++;
      }
    });
  });
  return parts.join('~');
}

/** The keys in a cookie value (getCookieValues result); anything that is not a known code and a digest is ignored. */
export function decodeRememberedKeys(cookieValues: unknown, tk: CoreToolkit): RememberedKeys {
  const keys: RememberedKeys = {};
  const text = firstCookieValue(cookieValues, tk);
  if (text === undefined) return keys;
  text.split('~').forEach((part) => {
    const dot = part.indexOf('.');
    if (dot === -1) return;
    const code = part.substring(0, dot);
    const value = part.substring(dot + 1);
    if (!isSha256Hex(value)) return;
    CODES.forEach((entry) => {
      if (entry.code !== code) return;
      const list = keys.hasOwnProperty(entry.key) ? keys[entry.key] : [];
      const digest = value.toLowerCase();
      if (list.length < capFor(entry.key) && list.indexOf(digest) === -1) list.push(digest);
      keys[entry.key] = list;
    });
  });
  return keys;
}

export interface RememberedKeysGate {
  allowed: boolean;
  reason: string;
}

function granted(signal: ConsentSignal, unknownGranted: boolean): boolean {
  return signal.state === 'granted' || (signal.state === 'unknown' && unknownGranted);
}

/**
 * Whether the cookie may be read and written: ad_storage (it is a cookie) and ad_user_data (it
 * holds personal data) both granted. Read from the tag's override fields and the event's signals
 * even when the tag's consent mode is "ignore": the option itself is consent-gated.
 */
export function rememberedKeysGate(settings: ConsentSettings, signals: ConsentSignals, tk: CoreToolkit): RememberedKeysGate {
  const input = { mode: settings.mode, adStorageField: settings.adStorageField, adUserDataField: settings.adUserDataField, unknownAs: settings.unknownAs, signals: signals };
  const unknownGranted = settings.unknownAs !== 'denied';
  const storage = readAdStorage(input, tk);
  const userData = readAdUserData(input, tk);
  if (!granted(storage, unknownGranted)) return { allowed: false, reason: 'ad_storage ' + storage.state + (storage.source !== 'none' ? ' (from ' + storage.source + ')' : '') };
  if (!granted(userData, unknownGranted)) return { allowed: false, reason: 'ad_user_data ' + userData.state + (userData.source !== 'none' ? ' (from ' + userData.source + ')' : '') };
  return { allowed: true, reason: 'ad_storage and ad_user_data granted' };
}

export interface RememberedKeysResult {
  /** The option is on (and the event is a web event). */
  enabled: boolean;
  allowed: boolean;
  reason: string;
  /** The event's own hashed-key values, before filling (what the cookie is updated with). */
  own: { [key: string]: MatchValue[] };
  /** What the cookie held. */
  stored: RememberedKeys;
  /** Keys filled into the event from the cookie. */
  filled: HashedKey[];
}

export function rememberedKeysOff(): RememberedKeysResult {
  return { enabled: false, allowed: false, reason: 'off', own: {}, stored: {}, filled: [] };
}

/**
 * Reads the cookie (only when `gate.allowed`: `read` is not called otherwise) and fills each hashed
 * key the plan has no value for from it. Mutates `plan`.
 */
export function applyRememberedKeys(plan: UserDataPlan, gate: RememberedKeysGate, read: () => unknown, tk: CoreToolkit): RememberedKeysResult {
  const result: RememberedKeysResult = { enabled: true, allowed: gate.allowed, reason: gate.reason, own: {}, stored: {}, filled: [] };
  HASHED_KEYS.forEach((key) => {
    result.own[key] = plan[key].slice();
  });
  if (!gate.allowed) return result;
  result.stored = decodeRememberedKeys(read(), tk);
  HASHED_KEYS.forEach((key) => {
    const stored = result.stored.hasOwnProperty(key) ? result.stored[key] : [];
    if (plan[key].length > 0 || stored.length === 0) return;
    stored.forEach((digest) => plan[key].push({ value: digest, hashed: true }));
    result.filled.push(key);
  });
  return result;
}

export interface RememberedKeysCookieSettings {
  domain?: string;
  sameSite?: SameSite;
  maxAgeSeconds: number;
}

/**
 * The cookie write for this event: expired when the gate is closed; when the event brought keys of
 * its own, those (hashed through `hashLookup`) over the stored ones, for `maxAgeSeconds` from now;
 * nothing otherwise (a later event without keys does not extend the lifetime). HttpOnly: no script
 * on the page needs it.
 */
export function planRememberedKeysCookie(
  result: RememberedKeysResult, hashLookup: (normalized: string) => string | undefined, settings: RememberedKeysCookieSettings, tk: CoreToolkit,
): CookieWrite | undefined {
  if (!result.enabled) return undefined;
  const options = buildCookieOptions({ domain: settings.domain, sameSite: settings.sameSite, maxAgeSeconds: settings.maxAgeSeconds }, tk);
  options.httpOnly = true;
  if (!result.allowed) {
    options['max-age'] = 0;
    return { name: REMEMBERED_KEYS_COOKIE, value: EXPIRED_VALUE, options: options };
  }
  const merged: RememberedKeys = {};
  let ownKeys = 0;
  HASHED_KEYS.forEach((key) => {
    const digests: string[] = [];
    (result.own.hasOwnProperty(key) ? result.own[key] : []).forEach((entry) => {
      const digest = entry.hashed ? entry.value : hashLookup(entry.value);
      if (digest !== undefined && isSha256Hex(digest) && digests.indexOf(digest.toLowerCase()) === -1) digests.push(digest.toLowerCase());
    });
    if (digests.length > 0) ownKeys++;
    merged[key] = digests.length > 0 ? digests : result.stored.hasOwnProperty(key) ? result.stored[key] : [];
  });
  if (ownKeys === 0) return undefined;
  return { name: REMEMBERED_KEYS_COOKIE, value: encodeRememberedKeys(merged), options: options };
}
