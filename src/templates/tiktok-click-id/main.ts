// TikTok Click ID variable: the ttclid the TikTok Events API tag would send for this event.
// Same core steps as the tag (src/core/server-identity.ts -> identity.ts), reading only the event-data
// keys and the cookie those steps need. Never throws; undefined when there is no usable click id.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { TTCLID_COOKIE_NAME } from '../../core/cookies';
import { CONSENT_EVENT_KEYS, resolveServerIdentity } from '../../core/server-identity';
import { readConsentSettings } from '../../template-kit/consent.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { CLICK_ID_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';

export function main(): string | undefined {
  const eventData = readEventDataKeys(CLICK_ID_KEYS.concat(CONSENT_EVENT_KEYS));
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTCLID_COOKIE_NAME], tk);
  const identity = resolveServerIdentity({
    eventData: eventData,
    consent: readConsentSettings(data),
    readTtclidCookies: () => getCookieValues(TTCLID_COOKIE_NAME),
    ttclidExtra: forwarded[TTCLID_COOKIE_NAME],
  }, tk);
  if (!identity.consent.send) return undefined;
  return identity.ttclid.value;
}
