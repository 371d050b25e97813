// TikTok Cookie Keeper: writes the ttclid / _ttp cookies the TikTok Events API tag would write, for
// containers that read TikTok identity through the server variables without running that tag.
// Resolution (src/core/server-identity.ts) and the write plan (planIdentityCookies) are the tag's.

import computeEffectiveTldPlusOne from 'computeEffectiveTldPlusOne';
import encodeUriComponent from 'encodeUriComponent';
import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';
import Math from 'Math';
import setCookie from 'setCookie';

import { SameSite, TTCLID_COOKIE_MAX_AGE, TTP_COOKIE_MAX_AGE, planIdentityCookies } from '../../core/cookies';
import { TtpGenerator, hostnameOf, ttpDomainIndex } from '../../core/identity';
import { cookieFromMap, deriveTtpGenerator, resolveServerIdentity } from '../../core/server-identity';
import { PlainObject, toNumber, toText } from '../../core/toolkit';
import { consentSettings, put, tk } from '../tiktok-server-shared/sandbox';

function readEventData(): PlainObject {
  const eventData: PlainObject = {};
  put(eventData, 'page_location', getEventData('page_location'));
  put(eventData, 'page_referrer', getEventData('page_referrer'));
  put(eventData, 'ttclid', getEventData('ttclid'));
  put(eventData, '_ttp', getEventData('_ttp'));
  put(eventData, 'ttp', getEventData('ttp'));
  put(eventData, 'common_cookie', getEventData('common_cookie'));
  put(eventData, 'consent_state', getEventData('consent_state'));
  put(eventData, 'x-ga-gcs', getEventData('x-ga-gcs'));
  put(eventData, 'x-ga-gcd', getEventData('x-ga-gcd'));
  put(eventData, 'x-ga-mp2-gcd', getEventData('x-ga-mp2-gcd'));
  if (data.generateTtp === true) {
    put(eventData, 'client_id', getEventData('client_id'));
    put(eventData, 'x-ga-js_client_id', getEventData('x-ga-js_client_id'));
  }
  return eventData;
}

/** Whole days within [1, 3650], else the default (the Events API tag's rule). */
function days(value: unknown, fallback: number): number {
  const n = toNumber(value, tk);
  if (n === undefined) return fallback;
  const i = Math.floor(n);
  if (i < 1) return 1;
  if (i > 3650) return 3650;
  return i;
}

function cookieDomain(): string {
  const d = toText(data.cookieDomain, tk);
  return d !== undefined ? d : 'auto';
}

function sameSite(): SameSite {
  const v = data.cookieSameSite;
  return v === 'Strict' || v === 'None' ? v : 'Lax';
}

export function main(): void {
  const eventData = readEventData();
  const cookieMap = data.readCookieMap === true ? getEventData('cookies') : undefined;
  let generator: TtpGenerator | undefined;
  if (data.generateTtp === true && data.refreshTtp !== false) {
    const domain = cookieDomain();
    const host = hostnameOf(eventData.page_location);
    const base = domain !== 'auto' ? domain : host !== undefined ? computeEffectiveTldPlusOne(host) : '';
    generator = deriveTtpGenerator(eventData, ttpDomainIndex(base), tk);
  }
  const identity = resolveServerIdentity({
    eventData: eventData,
    consent: consentSettings(),
    readTtclidCookies: () => getCookieValues('ttclid'),
    readTtpCookies: () => getCookieValues('_ttp'),
    ttclidExtra: cookieMap !== undefined ? [cookieFromMap(cookieMap, 'ttclid', tk)] : [],
    ttpExtra: cookieMap !== undefined ? [cookieFromMap(cookieMap, '_ttp', tk)] : [],
    generateTtp: generator,
  }, tk);
  const writes = planIdentityCookies({
    ttclid: identity.ttclid,
    ttp: identity.ttp,
    allowWrite: identity.consent.writeCookies,
    persistTtclid: data.persistTtclid !== false,
    refreshTtp: data.refreshTtp !== false,
    domain: cookieDomain(),
    sameSite: sameSite(),
    ttclidMaxAge: days(data.ttclidDays, TTCLID_COOKIE_MAX_AGE / 86400) * 86400,
    ttpMaxAge: days(data.ttpDays, TTP_COOKIE_MAX_AGE / 86400) * 86400,
  }, tk);
  writes.forEach((w) => {
    // setCookie URI-encodes the value and throws on text that cannot be encoded (a lone UTF-16
    // surrogate passes sanitizeCookieValue); such a value is no TikTok id: skip it, never throw.
    if (encodeUriComponent(w.value) === undefined) return;
    setCookie(w.name, w.value, {
      domain: w.options.domain,
      path: w.options.path,
      'max-age': w.options['max-age'],
      secure: w.options.secure,
      samesite: w.options.samesite,
      httpOnly: w.options.httpOnly,
    });
  });
  data.gtmOnSuccess();
}
