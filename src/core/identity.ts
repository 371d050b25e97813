// TikTok browser identifiers (docs/contracts/tiktok-pixel.md): ttclid (the ad click id, starts "E.C.P.") and
// _ttp (the Pixel's anonymous browser id). Different things: never write one into the other.
// Both are sent raw (never hashed) as user.ttclid / user.ttp.

import { firstCookieValue, sanitizeCookieValue } from './cookies';
import { CoreToolkit, PlainObject, getPath, isPlainObject, toList, toText } from './toolkit';

export type TtclidSource = 'url' | 'referrer' | 'cookie' | 'event_data' | 'none';
export type TtpSource = 'cookie' | 'event_data' | 'generated' | 'none';

/** Event-data keys that may carry forwarded identifiers (plain keys, and a data tag's common_cookie). */
export const TTCLID_EVENT_KEYS = ['ttclid', 'common_cookie.ttclid'];
export const TTP_EVENT_KEYS = ['_ttp', 'ttp', 'common_cookie._ttp'];
/** Event-data keys a generated _ttp is derived from, in order (the GA client id; with FPID on, the cookie's id). */
export const TTP_SEED_EVENT_KEYS = ['client_id', 'x-ga-js_client_id'];

/**
 * The raw value of query parameter `name` in `url` (first occurrence), URL-decoded; undefined if
 * absent or empty. Malformed percent-encoding keeps the raw text ('+' is not a space here:
 * ttclids never contain spaces, and a '+' must survive).
 */
export function getQueryParameter(url: unknown, name: string, tk: CoreToolkit): string | undefined {
  if (typeof url !== 'string') return undefined;
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  let query = url.substring(q + 1);
  const hash = query.indexOf('#');
  if (hash !== -1) query = query.substring(0, hash);
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.substring(0, eq);
    if (key === name) {
      const raw = eq === -1 ? '' : pair.substring(eq + 1);
      if (raw.length === 0) continue;
      // Text without a percent sign decodes to itself: no API call for it.
      const decoded = raw.indexOf('%') === -1 ? raw : tk.decodeUriComponent(raw);
      const value = decoded !== undefined ? decoded : raw;
      const trimmed = value.trim();
      if (trimmed.length > 0) return trimmed;
    }
  }
  return undefined;
}

/** Lower-case host name of an absolute http(s) URL, without port or credentials; undefined otherwise. */
export function hostnameOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const text = url.trim();
  const scheme = text.indexOf('://');
  if (scheme === -1) return undefined;
  const protocol = text.substring(0, scheme).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return undefined;
  let rest = text.substring(scheme + 3);
  const ends = ['/', '?', '#'];
  ends.forEach((ch) => {
    const at = rest.indexOf(ch);
    if (at !== -1) rest = rest.substring(0, at);
  });
  const at = rest.lastIndexOf('@');
  if (at !== -1) rest = rest.substring(at + 1);
  if (rest.charAt(0) === '[') {
    const close = rest.indexOf(']');
    return close === -1 ? undefined : rest.substring(0, close + 1).toLowerCase();
  }
  const colon = rest.indexOf(':');
  if (colon !== -1) rest = rest.substring(0, colon);
  return rest.length > 0 ? rest.toLowerCase() : undefined;
}

export interface TtclidInput {
  pageLocation?: unknown;
  pageReferrer?: unknown;
  /** getCookieValues('ttclid') result. */
  cookieValues?: unknown;
  /** Candidate values from event data / tag fields, in priority order. */
  fallbackValues?: unknown[];
  /** From the consent decision: false -> neither the cookie nor event-data values are used (URL only). */
  readCookies: boolean;
}

export interface IdentifierResult<S> {
  value?: string;
  source: S;
}

/** A usable identifier: a cookie-safe token (no whitespace, separators or control characters). */
function cleanIdentifier(value: unknown, tk: CoreToolkit): string | undefined {
  return sanitizeCookieValue(value, tk);
}

/**
 * ttclid, in this order: `ttclid` query parameter of page_location; of page_referrer, only when the
 * referrer has the same host as page_location (a click landing then navigating in-site); the
 * `ttclid` cookie; then fallback values (event data). The URL wins over an older cookie because a new
 * click means a new attribution.
 */
export function resolveTtclid(input: TtclidInput, tk: CoreToolkit): IdentifierResult<TtclidSource> {
  const fromUrl = cleanIdentifier(getQueryParameter(input.pageLocation, 'ttclid', tk), tk);
  if (fromUrl !== undefined) return { value: fromUrl, source: 'url' };
  const pageHost = hostnameOf(input.pageLocation);
  const referrerHost = hostnameOf(input.pageReferrer);
  if (pageHost !== undefined && referrerHost === pageHost) {
    const fromReferrer = cleanIdentifier(getQueryParameter(input.pageReferrer, 'ttclid', tk), tk);
    if (fromReferrer !== undefined) return { value: fromReferrer, source: 'referrer' };
  }
  // Without ad_storage consent only the click id visible in the URL is used: cookies are not read,
  // and event-data values are usually forwarded cookies.
  if (!input.readCookies) return { source: 'none' };
  const fromCookie = firstCookieValue(input.cookieValues, tk);
  if (fromCookie !== undefined) return { value: fromCookie, source: 'cookie' };
  const fallbacks = input.fallbackValues || [];
  for (let i = 0; i < fallbacks.length; i++) {
    const value = cleanIdentifier(fallbacks[i], tk);
    if (value !== undefined) return { value: value, source: 'event_data' };
  }
  return { source: 'none' };
}

/**
 * Values of `keys` in event data, in order (for TtclidInput.fallbackValues / TtpInput.fallbackValues).
 * The keys are fixed names of this code, none of them a member of Object.prototype: a key without
 * a dot is read directly, as the input adapters read their other keys. getPath also makes sure a
 * value it finds is an own key (for keys a user types), by walking every key of the event data,
 * once for each key that has a value.
 */
export function eventDataValues(eventData: unknown, keys: string[], tk: CoreToolkit): unknown[] {
  const data = isPlainObject(eventData, tk) ? eventData : undefined;
  return keys.map((k) => (data !== undefined && k.indexOf('.') === -1 ? data[k] : getPath(eventData, k, tk)));
}

export interface TtpGenerator {
  /** Milliseconds since the epoch (getTimestampMillis). */
  nowMs: number;
  /** Inclusive random integer (generateRandom). */
  randomInt(min: number, max: number): number;
  /** The `<n>` of `_.tt.<n>`: labels of the cookie domain minus one (example.com -> 1). Default 1. */
  domainIndex?: number;
}

export interface TtpInput {
  /** getCookieValues('_ttp') result. */
  cookieValues?: unknown;
  fallbackValues?: unknown[];
  /** From the consent decision: false -> no cookie read, no event-data value, no generation (_ttp is a cookie id). */
  readCookies: boolean;
  /** Only when the user enabled generation; absent -> never fabricated. */
  generate?: TtpGenerator;
}

/** _ttp: cookie, then event data (forwarded cookie), then (opt-in) a generated value. Sent raw, suffix kept. */
export function resolveTtp(input: TtpInput, tk: CoreToolkit): IdentifierResult<TtpSource> {
  if (!input.readCookies) return { source: 'none' };
  const fromCookie = firstCookieValue(input.cookieValues, tk);
  if (fromCookie !== undefined) return { value: fromCookie, source: 'cookie' };
  const fallbacks = input.fallbackValues || [];
  for (let i = 0; i < fallbacks.length; i++) {
    const value = cleanIdentifier(fallbacks[i], tk);
    if (value !== undefined) return { value: value, source: 'event_data' };
  }
  if (input.generate) return { value: generateTtp(input.generate, tk), source: 'generated' };
  return { source: 'none' };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A `_ttp` in the Pixel's current shape (docs/contracts/tiktok-pixel.md): a 26-character ULID (10 characters of
 * millisecond time, 16 random, Crockford base32) + `_.tt.<n>`. Whether the Pixel adopts a
 * server-made value is unconfirmed, hence opt-in only.
 */
export function generateTtp(gen: TtpGenerator, tk: CoreToolkit): string {
  let time = tk.floor(gen.nowMs > 0 ? gen.nowMs : 0);
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    const digit = time % 32;
    timePart = CROCKFORD.charAt(digit) + timePart;
    time = tk.floor(time / 32);
  }
  let randomPart = '';
  for (let i = 0; i < 16; i++) {
    const r = gen.randomInt(0, 31);
    const digit = r >= 0 && r <= 31 ? tk.floor(r) : 0;
    randomPart += CROCKFORD.charAt(digit);
  }
  const index = gen.domainIndex !== undefined && gen.domainIndex >= 0 ? tk.floor(gen.domainIndex) : 1;
  return timePart + randomPart + '_.tt.' + index;
}

/** `_.tt.<n>` index for a cookie domain: labels minus one ('example.com' -> 1, 'shop.example.com.au' -> 3). */
export function ttpDomainIndex(domain: unknown): number {
  const text = toTextPlain(domain);
  if (text === undefined) return 1;
  const body = text.charAt(0) === '.' ? text.substring(1) : text;
  const labels = body.split('.').filter((l) => l.length > 0).length;
  return labels > 1 ? labels - 1 : 1;
}

function toTextPlain(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length > 0 ? text : undefined;
}

// ---------------------------------------------------------------------------------------------
// The one identity pipeline: the Events API tag (through mapEvent), the identifier variables and the
// Cookie Keeper tag all resolve ttclid and _ttp here, so every template gets the same value for one
// request.

export interface IdentityInput {
  /** From the run's consent decision: false -> cookies are not read (the readers are not called). */
  readCookies: boolean;
  /** The page URL and referrer (buildPage). */
  pageUrl?: string;
  pageReferrer?: string;
  /** Forwarded values in priority order: event-data keys, then extra candidates (a cookie map, a field). */
  ttclidCandidates?: unknown[];
  ttpCandidates?: unknown[];
  /**
   * getCookieValues('ttclid') / getCookieValues('_ttp'), called only when cookies may be read:
   * Consent Mode forbids reading ad_storage cookies, not only using them. Leave one out to resolve
   * only the other identifier.
   */
  readTtclidCookies?: () => unknown;
  readTtpCookies?: () => unknown;
  /** Present only when _ttp generation is enabled (deriveTtpGenerator). */
  generateTtp?: TtpGenerator;
}

export interface ResolvedIdentity {
  ttclid: IdentifierResult<TtclidSource>;
  ttp: IdentifierResult<TtpSource>;
}

/** ttclid (URL, same-host referrer, cookie, forwarded) and _ttp (cookie, forwarded, generated). */
export function resolveIdentity(input: IdentityInput, tk: CoreToolkit): ResolvedIdentity {
  const readTtclidCookies = input.readTtclidCookies;
  const readTtpCookies = input.readTtpCookies;
  const ttclid = resolveTtclid({
    pageLocation: input.pageUrl, pageReferrer: input.pageReferrer,
    cookieValues: input.readCookies && readTtclidCookies ? readTtclidCookies() : [],
    fallbackValues: input.ttclidCandidates || [],
    readCookies: input.readCookies,
  }, tk);
  const ttp = resolveTtp({
    cookieValues: input.readCookies && readTtpCookies ? readTtpCookies() : [],
    fallbackValues: input.ttpCandidates || [],
    readCookies: input.readCookies,
    generate: input.generateTtp,
  }, tk);
  return { ttclid: ttclid, ttp: ttp };
}

const HEX = '0123456789abcdef';
/** Earliest plausible first-visit time (2005-01-01) and a bound far in the future, in seconds. */
const MIN_SECONDS = 1104537600;
const MAX_SECONDS = 4102444800;

/** Seconds of a GA client id `<random>.<unix seconds>` (also FPID-derived `<base64>=.<seconds>`). */
export function clientIdSeconds(clientId: string): number | undefined {
  const dot = clientId.lastIndexOf('.');
  if (dot < 1) return undefined;
  const tail = clientId.substring(dot + 1);
  if (tail.length < 9 || tail.length > 10) return undefined;
  let seconds = 0;
  for (let i = 0; i < tail.length; i++) {
    const digit = HEX.indexOf(tail.charAt(i));
    if (digit === -1 || digit > 9) return undefined;
    seconds = seconds * 10 + digit;
  }
  return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS ? seconds : undefined;
}

/**
 * A TtpGenerator whose "random" part is SHA-256('tiktok-ttp|' + client id) and whose time part is
 * the client id's first-visit time: the same generated _ttp for the same browser in every template
 * and request. Why derived: GTM evaluates a variable anew for every tag and templateDataStorage is
 * private to each template, so a random draw could never agree between the tag and a variable.
 * `clientIdCandidates`: GA client ids in priority order (TTP_SEED_EVENT_KEYS). Undefined (no
 * generation) without a GA-shaped client id or without sha256Hex.
 */
export function deriveTtpGenerator(clientIdCandidates: unknown[], domainIndex: number, tk: CoreToolkit): TtpGenerator | undefined {
  if (!tk.sha256Hex) return undefined;
  for (let k = 0; k < clientIdCandidates.length; k++) {
    const clientId = toText(clientIdCandidates[k], tk);
    if (clientId === undefined) continue;
    const seconds = clientIdSeconds(clientId);
    if (seconds === undefined) continue;
    const digest = tk.sha256Hex('tiktok-ttp|' + clientId);
    if (typeof digest !== 'string' || digest.length < 64) return undefined;
    const hex = digest.toLowerCase();
    let next = 0;
    return {
      nowMs: seconds * 1000,
      // One byte per call (16 calls use 16 of the 32 bytes); 256 is a multiple of 32, so `% 32` is unbiased.
      randomInt: (min: number, max: number) => {
        const at = (next % 32) * 2;
        next++;
        const byte = HEX.indexOf(hex.charAt(at)) * 16 + HEX.indexOf(hex.charAt(at + 1));
        const span = max - min + 1;
        return span > 0 ? min + (byte % span) : min;
      },
      domainIndex: domainIndex,
    };
  }
  return undefined;
}

/**
 * Cookie `name` from a forwarded cookie map: an object `{name: value}`, a Cookie header string
 * `a=1; name=value`, or a list of either (first hit wins). Undefined when absent; values are
 * returned as found (the caller sanitizes, as for real cookies), URL-decoded when they parse.
 */
export function cookieFromMap(map: unknown, name: string, tk: CoreToolkit): unknown {
  const list = tk.getType(map) === 'array' ? (map as unknown[]) : [map];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (isPlainObject(entry, tk)) {
      const value = (entry as PlainObject)[name];
      const values = toList(value, tk);
      for (let j = 0; j < values.length; j++) if (values[j] !== undefined && values[j] !== null) return values[j];
      continue;
    }
    if (typeof entry !== 'string') continue;
    const pairs = entry.split(';');
    for (let j = 0; j < pairs.length; j++) {
      const pair = pairs[j];
      const eq = pair.indexOf('=');
      if (eq === -1 || pair.substring(0, eq).trim() !== name) continue;
      const raw = pair.substring(eq + 1).trim();
      if (raw.length === 0) continue;
      const decoded = tk.decodeUriComponent(raw);
      return decoded !== undefined ? decoded : raw;
    }
  }
  return undefined;
}
