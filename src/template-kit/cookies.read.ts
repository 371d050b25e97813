// The one reader of the identity-cookie fields (cookies.fields.ts builds them).
import { CookieWrite, IdentityCookieInput, SameSite, TTCLID_COOKIE_MAX_AGE, TTP_COOKIE_MAX_AGE, planIdentityCookies } from '../core/cookies';
import { CoreToolkit, toText } from '../core/toolkit';
import { boundedInteger } from './settings.read';

export interface CookieFields {
  persistTtclid?: unknown;
  ttclidDays?: unknown;
  refreshTtp?: unknown;
  ttpDays?: unknown;
  generateTtp?: unknown;
  cookieDomain?: unknown;
  cookieSameSite?: unknown;
}

export interface CookieSettingsRead {
  persistTtclid: boolean;
  refreshTtp: boolean;
  /** _ttp generation opted in. */
  generateTtp: boolean;
  /** 'auto' or the typed domain (core's buildCookieOptions validates it). */
  domain: string;
  sameSite: SameSite;
  ttclidMaxAge: number;
  ttpMaxAge: number;
  /** Lifetimes that could not be used as given (the template logs them). */
  notes: string[];
}

/** Longest lifetime accepted, in days (about ten years). */
export const MAX_COOKIE_DAYS = 3650;

/** Whole days within [1, MAX_COOKIE_DAYS], else the default lifetime; in seconds (a note when clamped). */
function maxAgeSeconds(label: string, days: unknown, defaultSeconds: number, notes: string[], tk: CoreToolkit): number {
  const read = boundedInteger(label, days, defaultSeconds / 86400, 1, MAX_COOKIE_DAYS, tk);
  if (read.note !== undefined) notes.push(read.note);
  return read.value * 86400;
}

export function readCookieSettings(fields: CookieFields, tk: CoreToolkit): CookieSettingsRead {
  const domain = toText(fields.cookieDomain, tk);
  const sameSite = fields.cookieSameSite;
  const notes: string[] = [];
  const ttclidMaxAge = maxAgeSeconds('ttclid cookie lifetime (days)', fields.ttclidDays, TTCLID_COOKIE_MAX_AGE, notes, tk);
  const ttpMaxAge = maxAgeSeconds('_ttp cookie lifetime (days)', fields.ttpDays, TTP_COOKIE_MAX_AGE, notes, tk);
  return {
    persistTtclid: fields.persistTtclid !== false,
    refreshTtp: fields.refreshTtp !== false,
    generateTtp: fields.generateTtp === true,
    domain: domain !== undefined ? domain : 'auto',
    sameSite: sameSite === 'Strict' || sameSite === 'None' ? sameSite : 'Lax',
    ttclidMaxAge: ttclidMaxAge,
    ttpMaxAge: ttpMaxAge,
    notes: notes,
  };
}

/**
 * The identity cookies (ttclid, _ttp) to write, with these settings: the one place the Events API
 * tag and the Cookie Keeper turn their cookie fields into core's cookie plan, so both write alike.
 */
export function planIdentityCookiesWith(
  cookies: CookieSettingsRead,
  identity: { ttclid: IdentityCookieInput['ttclid']; ttp: IdentityCookieInput['ttp'] },
  allowWrite: boolean,
  notes: string[] | undefined,
  tk: CoreToolkit,
): CookieWrite[] {
  return planIdentityCookies({
    ttclid: identity.ttclid,
    ttp: identity.ttp,
    allowWrite: allowWrite,
    persistTtclid: cookies.persistTtclid,
    refreshTtp: cookies.refreshTtp,
    domain: cookies.domain,
    sameSite: cookies.sameSite,
    ttclidMaxAge: cookies.ttclidMaxAge,
    ttpMaxAge: cookies.ttpMaxAge,
    notes: notes,
  }, tk);
}
