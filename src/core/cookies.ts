// First-party identity cookies written by the server tag (ttclid, _ttp).

import { CoreToolkit, toText } from './toolkit';

/** 30 days: the common ttclid lifetime (the click window itself is set in TikTok's Attribution Manager). */
export const TTCLID_COOKIE_MAX_AGE = 2592000;
/** About 13 months (396 days), TikTok's stated `_ttp` lifetime. */
export const TTP_COOKIE_MAX_AGE = 34214400;
export const TTCLID_COOKIE_NAME = 'ttclid';
export const TTP_COOKIE_NAME = '_ttp';
/** Longest cookie value we write (real ttclids are a few hundred characters). */
export const MAX_COOKIE_VALUE_LENGTH = 2048;

/**
 * RFC 6265 section 4.1.1 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E, i.e. printable
 * US-ASCII without space, `"`, `,`, `;` and `\`. Anything else (controls, DEL, non-ASCII, a lone
 * UTF-16 surrogate) is refused: setCookie URI-encodes the value and throws on a lone surrogate, and a
 * browser may drop or mangle such a cookie. Spelled out for reading; the check is the same ranges as
 * one string pattern (match(), see isNumericString in toolkit.ts), not a loop over the characters.
 */
export const COOKIE_OCTETS = '!#$%&\'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const COOKIE_OCTETS_PATTERN = '^[!#-+\\--:<-\\[\\]-~]+$';

/** True when every character of `text` is a cookie-octet (and there is at least one). */
export function isCookieOctets(text: string): boolean {
  return text.match(COOKIE_OCTETS_PATTERN) !== null;
}

/**
 * A cookie value safe to put in a Set-Cookie header: trimmed, non-empty, at most
 * MAX_COOKIE_VALUE_LENGTH, and made only of RFC 6265 cookie-octets. Unsafe values are rejected
 * (undefined), not repaired: a repaired id would no longer match what TikTok issued.
 */
export function sanitizeCookieValue(value: unknown, tk: CoreToolkit): string | undefined {
  const text = toText(value, tk);
  if (text === undefined || text.length > MAX_COOKIE_VALUE_LENGTH) return undefined;
  return isCookieOctets(text) ? text : undefined;
}

/** First usable value from a getCookieValues() result (or any list / single value). */
export function firstCookieValue(values: unknown, tk: CoreToolkit): string | undefined {
  const type = tk.getType(values);
  const list: unknown[] = type === 'array' ? (values as unknown[]) : [values];
  for (let i = 0; i < list.length; i++) {
    const clean = sanitizeCookieValue(list[i], tk);
    if (clean !== undefined) return clean;
  }
  return undefined;
}

export type SameSite = 'Lax' | 'Strict' | 'None';

export interface CookieSettings {
  /** 'auto' (default: the sGTM host's registrable domain) or an explicit domain. */
  domain?: string;
  maxAgeSeconds: number;
  /** Default 'Lax' (first-party; None is only needed for cross-site embedding). */
  sameSite?: SameSite;
}

/** The options object for the server `setCookie` API. */
export interface CookieOptions {
  domain: string;
  path: string;
  'max-age': number;
  secure: boolean;
  samesite: SameSite;
  httpOnly: boolean;
}

/**
 * setCookie options: path '/', Secure, not HttpOnly (the Pixel JS must be able to read `_ttp`),
 * SameSite Lax unless told otherwise, domain 'auto' unless a valid domain is given.
 */
export function buildCookieOptions(settings: CookieSettings, tk: CoreToolkit): CookieOptions {
  const domainText = toText(settings.domain, tk);
  const domain = domainText !== undefined && isCookieDomain(domainText) ? domainText.toLowerCase() : 'auto';
  const sameSite: SameSite = settings.sameSite === 'Strict' || settings.sameSite === 'None' ? settings.sameSite : 'Lax';
  const maxAge = settings.maxAgeSeconds > 0 ? tk.floor(settings.maxAgeSeconds) : TTCLID_COOKIE_MAX_AGE;
  return { domain: domain, path: '/', 'max-age': maxAge, secure: true, samesite: sameSite, httpOnly: false };
}

const DOMAIN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-';

/** 'auto' or a plausible host name (letters, digits, dots, dashes; optional leading dot). */
export function isCookieDomain(text: string): boolean {
  if (text === 'auto') return true;
  const body = text.charAt(0) === '.' ? text.substring(1) : text;
  if (body.length === 0 || body.length > 253 || body.indexOf('..') !== -1) return false;
  if (body.charAt(0) === '-' || body.charAt(body.length - 1) === '.' || body.charAt(body.length - 1) === '-') return false;
  for (let i = 0; i < body.length; i++) if (DOMAIN_CHARS.indexOf(body.charAt(i)) === -1) return false;
  return true;
}

/** One cookie the tag should write. */
export interface CookieWrite {
  name: string;
  value: string;
  options: CookieOptions;
}

export interface IdentityCookieInput {
  ttclid?: { value?: string; source: string };
  ttp?: { value?: string; source: string };
  /** From the consent decision: false -> no cookie writes at all. */
  allowWrite: boolean;
  /** Write ttclid when it came from the page URL (or a same-host referrer). Default true. */
  persistTtclid?: boolean;
  /** Re-set `_ttp` (sliding 13 months, out of reach of browser caps on JS cookies). Default true. */
  refreshTtp?: boolean;
  domain?: string;
  sameSite?: SameSite;
  ttclidMaxAge?: number;
  ttpMaxAge?: number;
  /**
   * When given, one line per write left out because its value is not a valid cookie value (cookie
   * name and reason only, never the value), for the template's log.
   */
  notes?: string[];
}

/**
 * Which identity cookies to write. ttclid: only when it arrived in the URL / referrer (a cookie we
 * already hold is not re-extended, so the window starts at the click). _ttp: whenever we have one
 * (cookie, event data, or generated), to refresh its lifetime.
 */
export function planIdentityCookies(input: IdentityCookieInput, tk: CoreToolkit): CookieWrite[] {
  const writes: CookieWrite[] = [];
  if (!input.allowWrite) return writes;
  const ttclid = input.ttclid;
  if (input.persistTtclid !== false && ttclid && ttclid.value !== undefined && (ttclid.source === 'url' || ttclid.source === 'referrer')) {
    const value = sanitizeCookieValue(ttclid.value, tk);
    if (value !== undefined) {
      writes.push({
        name: TTCLID_COOKIE_NAME,
        value: value,
        options: buildCookieOptions({ domain: input.domain, sameSite: input.sameSite, maxAgeSeconds: input.ttclidMaxAge || TTCLID_COOKIE_MAX_AGE }, tk),
      });
    } else {
      noteRejected(input.notes, TTCLID_COOKIE_NAME);
    }
  }
  const ttp = input.ttp;
  if (input.refreshTtp !== false && ttp && ttp.value !== undefined && ttp.source !== 'none') {
    const value = sanitizeCookieValue(ttp.value, tk);
    if (value !== undefined) {
      writes.push({
        name: TTP_COOKIE_NAME,
        value: value,
        options: buildCookieOptions({ domain: input.domain, sameSite: input.sameSite, maxAgeSeconds: input.ttpMaxAge || TTP_COOKIE_MAX_AGE }, tk),
      });
    } else {
      noteRejected(input.notes, TTP_COOKIE_NAME);
    }
  }
  return writes;
}

/** The log line for a write left out (the value itself is never repeated: it may be anything). */
export function rejectedCookieNote(name: string): string {
  return name + ' cookie not written: the value is not a valid cookie value (RFC 6265 cookie-octets, at most ' + MAX_COOKIE_VALUE_LENGTH + ' characters)';
}

function noteRejected(notes: string[] | undefined, name: string): void {
  if (notes) notes.push(rejectedCookieNote(name));
}
