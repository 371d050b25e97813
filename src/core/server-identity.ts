// Server-side TikTok identity shared by the server variables (TikTok Click ID, TikTok Browser ID),
// the TikTok Cookie Keeper tag and (proposed) the Events API tag, so every template that resolves
// ttclid / _ttp for one request gets the same value.
//
// - resolveServerIdentity() runs the exact steps of mapEvent() for ttclid and _ttp (consent
//   decision -> page URL/referrer -> cookie -> event-data keys -> extra candidates -> generation).
// - deriveTtpGenerator() makes generated _ttp values deterministic: GTM evaluates a variable anew for
//   every tag, and templateDataStorage is private to each template, so a random draw could never give
//   the tag and a variable the same value. Deriving the value from the GA client id (whose suffix is
//   the first-visit time in seconds) gives the same _ttp in every template, every event and every
//   request of that browser, in the Pixel's current ULID + `_.tt.<n>` shape.
// - cookieFromMap() reads one cookie from a cookie map forwarded in event data (object, Cookie header
//   string, or a list of either).

import { ConsentDecision, ConsentInput, decideConsent } from './consent';
import {
  IdentifierResult, TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, TtclidSource, TtpGenerator, TtpSource, eventDataValues,
  resolveTtclid, resolveTtp,
} from './identity';
import { buildPage } from './payload';
import { CoreToolkit, PlainObject, getPath, isPlainObject, toList, toText } from './toolkit';

/** Event-data keys whose values decide consent (consent.ts reads exactly these). */
export const CONSENT_EVENT_KEYS = ['consent_state', 'x-ga-gcs', 'x-ga-gcd', 'x-ga-mp2-gcd'];
/** Event-data keys a generated _ttp is derived from, in order. */
export const TTP_SEED_EVENT_KEYS = ['client_id', 'x-ga-js_client_id'];

export interface ServerIdentityInput {
  /** Event data (the whole event, or the keys the template may read). */
  eventData: unknown;
  /** Consent settings as in the Events API tag (eventData is filled in here). */
  consent: ConsentInput;
  /**
   * getCookieValues('ttclid') / getCookieValues('_ttp'), called only when consent allows reading
   * cookies: Consent Mode forbids reading ad_storage cookies, not only using them (the Events API tag
   * reads them only then too). Leave one out to resolve only the other identifier.
   */
  readTtclidCookies?: () => unknown;
  readTtpCookies?: () => unknown;
  /** Candidates checked after the built-in event-data keys (e.g. a forwarded cookie map). */
  ttclidExtra?: unknown[];
  ttpExtra?: unknown[];
  /** Present only when _ttp generation is enabled. */
  generateTtp?: TtpGenerator;
}

export interface ServerIdentity {
  consent: ConsentDecision;
  ttclid: IdentifierResult<TtclidSource>;
  ttp: IdentifierResult<TtpSource>;
}

/** ttclid and _ttp for one event, exactly as mapEvent() resolves them for the Events API tag. */
export function resolveServerIdentity(input: ServerIdentityInput, tk: CoreToolkit): ServerIdentity {
  const consent = decideConsent({
    mode: input.consent.mode, adStorageField: input.consent.adStorageField, adUserDataField: input.consent.adUserDataField,
    unknownAs: input.consent.unknownAs, eventData: input.eventData,
  }, tk);
  const page = buildPage(input.eventData, {}, tk);
  const readTtclidCookies = input.readTtclidCookies;
  const readTtpCookies = input.readTtpCookies;
  const ttclidCookies = consent.readCookies && readTtclidCookies ? readTtclidCookies() : [];
  const ttpCookies = consent.readCookies && readTtpCookies ? readTtpCookies() : [];
  const ttclid = resolveTtclid({
    pageLocation: page.url, pageReferrer: page.referrer, cookieValues: ttclidCookies,
    fallbackValues: eventDataValues(input.eventData, TTCLID_EVENT_KEYS, tk).concat(input.ttclidExtra || []),
    readCookies: consent.readCookies,
  }, tk);
  const ttp = resolveTtp({
    cookieValues: ttpCookies,
    fallbackValues: eventDataValues(input.eventData, TTP_EVENT_KEYS, tk).concat(input.ttpExtra || []),
    readCookies: consent.readCookies,
    generate: input.generateTtp,
  }, tk);
  return { consent: consent, ttclid: ttclid, ttp: ttp };
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
 * and request. Undefined (no generation) without a GA-shaped client id or without sha256Hex.
 */
export function deriveTtpGenerator(eventData: unknown, domainIndex: number, tk: CoreToolkit): TtpGenerator | undefined {
  if (!tk.sha256Hex) return undefined;
  for (let k = 0; k < TTP_SEED_EVENT_KEYS.length; k++) {
    const clientId = toText(getPath(eventData, TTP_SEED_EVENT_KEYS[k], tk), tk);
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
