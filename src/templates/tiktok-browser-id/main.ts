// TikTok Browser ID variable: the _ttp the TikTok Events API tag would send for this event.
// Same core steps as the tag (src/core/server-identity.ts -> identity.ts). A created _ttp is derived
// from the GA client id (deriveTtpGenerator), so a tag and this variable agree within a request and
// across requests; GTM re-evaluates variables per tag, so a random draw could not.

import computeEffectiveTldPlusOne from 'computeEffectiveTldPlusOne';
import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { hostnameOf, ttpDomainIndex } from '../../core/identity';
import { cookieFromMap, deriveTtpGenerator, resolveServerIdentity } from '../../core/server-identity';
import { PlainObject, toText } from '../../core/toolkit';
import { consentSettings, put, tk } from '../tiktok-server-shared/sandbox';

/** The event-data keys the tag's _ttp and consent steps read (+ generation inputs), and nothing else. */
function readEventData(): PlainObject {
  const eventData: PlainObject = {};
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
    put(eventData, 'page_location', getEventData('page_location'));
  }
  return eventData;
}

/** `_.tt.<n>`: from the cookie domain field, else the page's registrable domain (as the tag does). */
function domainIndex(eventData: PlainObject): number {
  const field = toText(data.cookieDomain, tk);
  const domain = field !== undefined ? field : 'auto';
  const host = hostnameOf(eventData.page_location);
  const base = domain !== 'auto' ? domain : host !== undefined ? computeEffectiveTldPlusOne(host) : '';
  return ttpDomainIndex(base);
}

export function main(): string | undefined {
  const eventData = readEventData();
  const extra = data.readCookieMap === true ? [cookieFromMap(getEventData('cookies'), '_ttp', tk)] : [];
  const identity = resolveServerIdentity({
    eventData: eventData,
    consent: consentSettings(),
    readTtpCookies: () => getCookieValues('_ttp'),
    ttpExtra: extra,
    generateTtp: data.generateTtp === true ? deriveTtpGenerator(eventData, domainIndex(eventData), tk) : undefined,
  }, tk);
  if (!identity.consent.send) return undefined;
  return identity.ttp.value;
}
