// Match keys -> TikTok `user` (docs/contracts/tiktok-events-api.md).
//
// Two steps so the web tag (async sha256 only) and the server tag (sha256Sync) share every rule:
//   1. planUserData(): collect and NORMALIZE values; no hashing. Values already 64-hex are marked
//      `hashed` (and lower-cased). The plan never leaves the template as is.
//   2. buildTikTokUser(plan, hashLookup): hash what still needs hashing through `hashLookup` (server:
//      toolkit.sha256Hex; web: a map filled asynchronously from valuesToHash(plan)). A value whose hash
//      is unavailable is DROPPED, never sent raw.
//
// Normalization: email trim + lower-case (no Gmail dot removal: TikTok's own example keeps the
// address as typed); phone to E.164 (+ and digits; 00 -> +; national numbers only with a configured
// default country calling code, never guessed); external_id trim, case kept (TikTok's example);
// first/last name lower-case without whitespace; zip lower-case without spaces. city/state lower-case
// without whitespace or punctuation and country as ISO-2 lower-case are sent unhashed. ip, user_agent,
// locale, ttp, ttclid are never hashed.

import { MatchInput, UserInput } from './event-model';
import {
  CoreToolkit, WHITESPACE, isSha256Hex, removeChars, removeWhitespace, toList, toText,
} from './toolkit';

export type HashedKey = 'email' | 'phone' | 'external_id' | 'first_name' | 'last_name' | 'zip_code';
export const HASHED_KEYS: HashedKey[] = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code'];
/** The `user` keys built from match keys and request details (ttp and ttclid are the identifiers'). */
export const TIKTOK_USER_KEYS: string[] = [
  'email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code', 'city', 'state', 'country', 'ip', 'user_agent', 'locale',
];
/** Keys TikTok takes as one or more values (the rest take one). */
export const MULTI_VALUE_KEYS: HashedKey[] = ['email', 'phone', 'external_id'];
/** At most this many values per multi-value key. */
export const MAX_VALUES_PER_KEY = 10;

export interface MatchValue {
  /** Normalized plain text (hashed === false) or a lower-case SHA-256 hex digest (hashed === true). */
  value: string;
  hashed: boolean;
}

export interface UserDataPlan {
  email: MatchValue[];
  phone: MatchValue[];
  external_id: MatchValue[];
  first_name: MatchValue[];
  last_name: MatchValue[];
  zip_code: MatchValue[];
  city?: string;
  state?: string;
  country?: string;
  ip?: string;
  user_agent?: string;
  locale?: string;
  ttp?: string;
  ttclid?: string;
  /** Notes for logs (never contain the values). */
  warnings: string[];
}

/** Tag-field values (UI or variables). Each may be a string, number, or an array of them. */
export interface UserDataFields {
  email?: unknown;
  phone?: unknown;
  external_id?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  zip_code?: unknown;
  city?: unknown;
  state?: unknown;
  country?: unknown;
  ip?: unknown;
  user_agent?: unknown;
  locale?: unknown;
}

export interface UserDataOptions {
  /** E.g. '49' or '+49': national numbers (leading 0 or no prefix) get this country code. Empty -> such numbers are dropped. */
  defaultCountryCode?: string;
  /** Use event data `user_id` as external_id when no external id is given. Default true. */
  userIdAsExternalId?: boolean;
}

export function emptyPlan(): UserDataPlan {
  return { email: [], phone: [], external_id: [], first_name: [], last_name: [], zip_code: [], warnings: [] };
}

/** Email: trim + lower-case; must look like local@domain.tld with no whitespace. */
export function normalizeEmail(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  // One @ with text before it; the domain's last dot has text on both sides; none of WHITESPACE's
  // characters anywhere (in the classes of the same pattern: one match, no second pass).
  return text.match('^[^@ \t\n\r\u000b\f\u00a0]+@[^@ \t\n\r\u000b\f\u00a0]+\\.[^@. \t\n\r\u000b\f\u00a0]+$') !== null ? text : undefined;
}

/** Digits of a country calling code ('+49', '0049', '49' -> '49'); undefined if not 1-3 digits. */
export function normalizeCountryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = removeChars(value.trim(), ' +()-');
  if (text.substring(0, 2) === '00') text = text.substring(2);
  return text.match('^[1-9]\\d{0,2}$') !== null ? text : undefined;
}

const PHONE_DECORATION = ' \t-.()/\u00a0';

/**
 * An international number written with its national trunk prefix in brackets after the country
 * code, `+49 (0) 151 …`, `+44 (0)20 …`, `0033 (0)6 …`: brackets mark digits that are not always
 * dialled, and callers from abroad never dial the trunk `0`, so the international (E.164) number
 * leaves it out (ITU-T E.123, https://www.itu.int/rec/T-REC-E.123). Only a `(0)` right after a
 * 1-3 digit country code is dropped (Italy keeps its leading 0 abroad, but never writes it in
 * brackets); other text is returned unchanged.
 */
export function dropTrunkPrefix(text: string): string {
  const compact = removeChars(text, ' \t-.\u00a0');
  if (compact.match('^(\\+|00)\\d{1,3}\\(0\\)') === null) return text;
  const bracket = compact.indexOf('(0)');
  return compact.substring(0, bracket) + compact.substring(bracket + 3);
}

/**
 * Phone to E.164 ("+" + 8..15 digits, first digit not 0). Accepts spaces, dashes, dots, brackets
 * and slashes; a "+" anywhere before the first digit (TikTok's "(+1)2133734253"); a "00"
 * international prefix; a trunk prefix written "(0)" after the country code (dropTrunkPrefix);
 * and national numbers when `defaultCountryCode` is set (a single leading
 * trunk 0 is dropped). Letters (extensions) or any other character -> undefined. Without a "+"/"00"
 * and without a default country code -> undefined (never guessed).
 */
export function normalizePhone(value: string, defaultCountryCode?: string): string | undefined {
  const text = removeChars(dropTrunkPrefix(value.trim()), PHONE_DECORATION);
  if (text.match('^\\+?\\d+$') === null) return undefined;
  let international = text.charAt(0) === '+';
  let digits = international ? text.substring(1) : text;
  if (!international && digits.substring(0, 2) === '00') {
    international = true;
    digits = digits.substring(2);
  }
  if (!international) {
    const cc = normalizeCountryCode(defaultCountryCode);
    if (cc === undefined) return undefined;
    if (digits.charAt(0) === '0') digits = digits.substring(1);
    digits = cc + digits;
  }
  if (digits.length < 8 || digits.length > 15 || digits.charAt(0) === '0') return undefined;
  return '+' + digits;
}

function nonEmpty(text: string): string | undefined {
  return text.length > 0 ? text : undefined;
}

/** external_id: trimmed, case kept. */
export function normalizeExternalId(value: string): string | undefined {
  return nonEmpty(value.trim());
}

/** first_name / last_name: lower-case, whitespace removed. */
export function normalizeName(value: string): string | undefined {
  return nonEmpty(removeWhitespace(value.trim().toLowerCase()));
}

/** zip_code: the names' rule, lower-case, whitespace removed ("SW1A 1AA" -> "sw1a1aa"). */
export const normalizeZip = normalizeName;

const GEO_PUNCTUATION = WHITESPACE + '.,;:\'"`!?()[]{}<>/\\|-_&*#@^~+=%$';

/** city / state: lower-case, whitespace and ASCII punctuation removed (letters of any script kept). */
export function normalizeGeo(value: string): string | undefined {
  return nonEmpty(removeChars(value.trim().toLowerCase(), GEO_PUNCTUATION));
}

/** country: ISO 3166-1 alpha-2, lower-case; anything else -> undefined. */
export function normalizeCountry(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  return text.match('^[a-z]{2}$') !== null ? text : undefined;
}

/** BCP 47-ish locale: 'en-us' / 'en_US' -> 'en-US'; 'EN' -> 'en'. */
export function normalizeLocale(value: string): string | undefined {
  const text = value.trim();
  if (text.length === 0 || text.length > 35 || removeWhitespace(text) !== text) return undefined;
  const parts = text.split('_').join('-').split('-');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.length === 0) return undefined;
    if (i === 0) out.push(part.toLowerCase());
    else if (part.length === 2) out.push(part.toUpperCase());
    else if (part.length === 4) out.push(part.charAt(0).toUpperCase() + part.substring(1).toLowerCase());
    else out.push(part.toLowerCase());
  }
  return out.join('-');
}

type Normalizer = (value: string) => string | undefined;

/**
 * Add values (string, number, or arrays / index-keyed objects of them) to `target`. 64-hex values
 * are taken as already hashed (lower-cased); others are normalized. Returns how many were rejected.
 */
function addValues(target: MatchValue[], raw: unknown, normalize: Normalizer, tk: CoreToolkit): number {
  // Most candidate keys are absent: no list to build.
  if (raw === undefined) return 0;
  let rejected = 0;
  toList(raw, tk).forEach((item) => {
    const text = toText(item, tk);
    // A digest as it is (lower-cased); plain text, also under a "sha256_*" key, normalized to be
    // hashed by the tag rather than sent raw.
    const hashed = text !== undefined && isSha256Hex(text);
    const value = text === undefined ? undefined : hashed ? text.toLowerCase() : normalize(text);
    if (value === undefined) {
      // Nothing given (undefined, null, '') is not a rejected value.
      if (item !== undefined && item !== null && item !== '') rejected++;
    } else if (target.length < MAX_VALUES_PER_KEY && !target.some((e) => e.value === value && e.hashed === hashed)) {
      target.push({ value: value, hashed: hashed });
    }
  });
  return rejected;
}

/** The keys sent unhashed, normalized (city, state: normalizeGeo; country: normalizeCountry). */
const PLAIN_KEYS: ('city' | 'state' | 'country')[] = ['city', 'state', 'country'];

/** The normalizer of each hashed key but the phone (whose rule depends on the default country code). */
const NORMALIZERS: { [key: string]: Normalizer } = {
  email: normalizeEmail, external_id: normalizeExternalId, first_name: normalizeName, last_name: normalizeName, zip_code: normalizeZip,
};

function firstPlain(sources: unknown[], normalize: Normalizer, tk: CoreToolkit): string | undefined {
  for (let i = 0; i < sources.length; i++) {
    const list = toList(sources[i], tk);
    for (let j = 0; j < list.length; j++) {
      const text = toText(list[j], tk);
      const normalized = text !== undefined ? normalize(text) : undefined;
      if (normalized !== undefined) return normalized;
    }
  }
  return undefined;
}

/**
 * Collect and normalize match keys from the event model's user input: planMatchKeys, then the
 * request details (ip, user_agent, locale) with addRequestDetails.
 */
export function planUserData(user: UserInput, fields: UserDataFields, options: UserDataOptions, tk: CoreToolkit): UserDataPlan {
  return addRequestDetails(planMatchKeys(user, fields, options, tk), user, fields, tk);
}

/**
 * The match keys both sides send (the web Pixel tag needs no more: the Pixel reads ip, user agent
 * and language itself). Per hashed key: tag fields win when they yield a usable value; otherwise the
 * values of GA4 user_data; otherwise top-level event keys (and the user id as external_id when
 * `userIdAsExternalId` is not false). Single-value keys keep the first value. city/state/country:
 * fields, then user_data, then top-level keys.
 */
export function planMatchKeys(user: MatchInput, fields: UserDataFields, options: UserDataOptions, tk: CoreToolkit): UserDataPlan {
  const plan = emptyPlan();
  const fieldMap = fields as { [key: string]: unknown };
  HASHED_KEYS.forEach((key) => {
    const normalize = key === 'phone' ? (v: string) => normalizePhone(v, options.defaultCountryCode) : NORMALIZERS[key];
    const target = plan[key];
    let rejected = addValues(target, fieldMap[key], normalize, tk);
    if (target.length === 0) {
      user.userData[key].forEach((v) => { rejected += addValues(target, v, normalize, tk); });
    }
    if (target.length === 0) {
      const fromEvent = key === 'external_id' && options.userIdAsExternalId !== false
        ? user.eventKeys.external_id.concat([user.userId])
        : user.eventKeys[key];
      fromEvent.forEach((v) => { rejected += addValues(target, v, normalize, tk); });
    }
    if (MULTI_VALUE_KEYS.indexOf(key) === -1 && target.length > 1) target.splice(1, target.length - 1);
    if (rejected > 0) plan.warnings.push(key + ': ' + rejected + ' value(s) not usable: dropped');
  });

  const planMap = plan as unknown as { [key: string]: unknown };
  PLAIN_KEYS.forEach((key) => {
    const value = firstPlain([fieldMap[key]].concat(user.userData[key], user.eventKeys[key]), key === 'country' ? normalizeCountry : normalizeGeo, tk);
    if (value !== undefined) planMap[key] = value;
  });
  return plan;
}

/** ip, user_agent and locale of the request (server side): a field wins over the event's values. Mutates and returns `plan`. */
export function addRequestDetails(plan: UserDataPlan, user: UserInput, fields: UserDataFields, tk: CoreToolkit): UserDataPlan {
  const ip = firstPlain([fields.ip].concat(user.ip), normalizeIp, tk);
  if (ip !== undefined) plan.ip = ip;
  const userAgent = firstPlain([fields.user_agent].concat(user.userAgent), (v: string) => (v.length > 0 ? v : undefined), tk);
  if (userAgent !== undefined) plan.user_agent = userAgent;
  const locale = firstPlain([fields.locale].concat(user.language), normalizeLocale, tk);
  if (locale !== undefined) plan.locale = locale;
  return plan;
}

const IP_CHARS = '0123456789abcdefABCDEF.:';

/** IPv4 / IPv6 text (full or compressed); no validation beyond the character set and a separator. */
export function normalizeIp(value: string): string | undefined {
  const text = value.trim();
  if (text.length < 3 || text.length > 45) return undefined;
  if (text.indexOf('.') === -1 && text.indexOf(':') === -1) return undefined;
  for (let i = 0; i < text.length; i++) if (IP_CHARS.indexOf(text.charAt(i)) === -1) return undefined;
  return text;
}

/** Remove personal match keys (consent: ad_user_data denied). user_agent and locale stay. */
export function stripPersonalData(plan: UserDataPlan): UserDataPlan {
  const stripped = emptyPlan();
  stripped.warnings = plan.warnings.slice();
  if (plan.user_agent !== undefined) stripped.user_agent = plan.user_agent;
  if (plan.locale !== undefined) stripped.locale = plan.locale;
  if (plan.ttp !== undefined) stripped.ttp = plan.ttp;
  if (plan.ttclid !== undefined) stripped.ttclid = plan.ttclid;
  return stripped;
}

/** Plain (normalized) values that still need SHA-256, deduplicated: the web tag hashes these asynchronously. */
export function valuesToHash(plan: UserDataPlan): string[] {
  const out: string[] = [];
  HASHED_KEYS.forEach((key) => {
    plan[key].forEach((entry) => {
      if (!entry.hashed && out.indexOf(entry.value) === -1) out.push(entry.value);
    });
  });
  return out;
}

/** The TikTok `user` object. Multi-value keys: a string for one value, an array for several. */
export interface TikTokUser {
  email?: string | string[];
  phone?: string | string[];
  external_id?: string | string[];
  first_name?: string;
  last_name?: string;
  zip_code?: string;
  city?: string;
  state?: string;
  country?: string;
  ttp?: string;
  ttclid?: string;
  ip?: string;
  user_agent?: string;
  locale?: string;
}

/**
 * Hash and assemble. `hashLookup(normalized)` must return the lower-case hex SHA-256 of its input,
 * or undefined when unavailable, in which case that value is dropped (never sent in plain text).
 */
export function buildTikTokUser(plan: UserDataPlan, hashLookup: (normalized: string) => string | undefined): TikTokUser {
  const userMap: { [key: string]: unknown } = {};
  HASHED_KEYS.forEach((key) => {
    const hashes: string[] = [];
    plan[key].forEach((entry) => {
      const digest = entry.hashed ? entry.value : hashLookup(entry.value);
      if (typeof digest === 'string' && isSha256Hex(digest)) {
        const lower = digest.toLowerCase();
        if (hashes.indexOf(lower) === -1) hashes.push(lower);
      }
    });
    if (hashes.length === 0) return;
    if (MULTI_VALUE_KEYS.indexOf(key) !== -1 && hashes.length > 1) userMap[key] = hashes;
    else userMap[key] = hashes[0];
  });
  const planMap = plan as unknown as { [key: string]: unknown };
  ['city', 'state', 'country', 'ttp', 'ttclid', 'ip', 'user_agent', 'locale'].forEach((key) => {
    const value = planMap[key];
    if (typeof value === 'string' && value.length > 0) userMap[key] = value;
  });
  return userMap as TikTokUser;
}

/** Convenience for sync contexts (server): hash with toolkit.sha256Hex; without it, hashed keys are dropped. */
export function buildTikTokUserSync(plan: UserDataPlan, tk: CoreToolkit): TikTokUser {
  return buildTikTokUser(plan, (normalized: string) => (tk.sha256Hex ? tk.sha256Hex(normalized) : undefined));
}
