// TikTok Click ID variable: the ttclid the TikTok Events API tag would send for this event.
// Same core steps as the tag (src/core/server-identity.ts -> identity.ts), reading only the event-data
// keys and the cookie those steps need. Never throws; undefined when there is no usable click id.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { cookieFromMap, resolveServerIdentity } from '../../core/server-identity';
import { PlainObject } from '../../core/toolkit';
import { consentSettings, put, tk } from '../tiktok-server-shared/sandbox';

/** The event-data keys the tag's ttclid and consent steps read, and nothing else. */
function readEventData(): PlainObject {
  const eventData: PlainObject = {};
  put(eventData, 'page_location', getEventData('page_location'));
  put(eventData, 'page_referrer', getEventData('page_referrer'));
  put(eventData, 'ttclid', getEventData('ttclid'));
  put(eventData, 'common_cookie', getEventData('common_cookie'));
  put(eventData, 'consent_state', getEventData('consent_state'));
  put(eventData, 'x-ga-gcs', getEventData('x-ga-gcs'));
  put(eventData, 'x-ga-gcd', getEventData('x-ga-gcd'));
  put(eventData, 'x-ga-mp2-gcd', getEventData('x-ga-mp2-gcd'));
  return eventData;
}

export function main(): string | undefined {
  const consent = consentSettings();
  const eventData = readEventData();
  const extra = data.readCookieMap === true ? [cookieFromMap(getEventData('cookies'), 'ttclid', tk)] : [];
  const identity = resolveServerIdentity({
    eventData: eventData,
    consent: consent,
    readTtclidCookies: () => getCookieValues('ttclid'),
    ttclidExtra: extra,
  }, tk);
  if (!identity.consent.send) return undefined;
  return identity.ttclid.value;
}
