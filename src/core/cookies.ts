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

/** Characters that must never appear in a cookie value (RFC 6265 cookie-octet excludes them). */
const FORBIDDEN_COOKIE_CHARS = ' ",;\\\t\r\n\u000b\f\u0000\u007f';

/**
 * A cookie value safe to put in a Set-Cookie header: trimmed, non-empty, at most
 * MAX_COOKIE_VALUE_LENGTH, and free of separators, quotes, backslashes, whitespace and control
 * characters. Unsafe values are rejected (undefined), not repaired: a repaired id would no longer
 * match what TikTok issued.
 */
export function sanitizeCookieValue(value: unknown, tk: CoreToolkit): string | undefined {
  const text = toText(value, tk);
  if (text === undefined || text.length > MAX_COOKIE_VALUE_LENGTH) return undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (FORBIDDEN_COOKIE_CHARS.indexOf(ch) !== -1) return undefined;
    // Other C0 control characters.
    if (ch < ' ') return undefined;
  }
  return text;
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
    }
  }
  return writes;
}
