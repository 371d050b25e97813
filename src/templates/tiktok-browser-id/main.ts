// TikTok Browser ID variable: the _ttp the TikTok Events API tag would send for this event.
// Same core steps as the tag (src/core/server-identity.ts -> identity.ts). A created _ttp is derived
// from the GA client id (deriveTtpGenerator), so a tag and this variable agree within a request and
// across requests; GTM re-evaluates variables per tag, so a random draw could not.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { TTP_COOKIE_NAME } from '../../core/cookies';
import { CONSENT_EVENT_KEYS, deriveTtpGenerator, resolveServerIdentity } from '../../core/server-identity';
import { readConsentSettings } from '../../template-kit/consent.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { readCookieSettings } from '../../template-kit/cookies.read';
import { BROWSER_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys, ttpDomainIndexFor } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';

export function main(): string | undefined {
  const cookies = readCookieSettings(data, tk);
  // The generation inputs are read only when generation is on.
  const keys = BROWSER_ID_KEYS.concat(CONSENT_EVENT_KEYS);
  const eventData = readEventDataKeys(cookies.generateTtp ? keys.concat(TTP_GENERATION_KEYS) : keys);
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTP_COOKIE_NAME], tk);
  const identity = resolveServerIdentity({
    eventData: eventData,
    consent: readConsentSettings(data),
    readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
    ttpExtra: forwarded[TTP_COOKIE_NAME],
    generateTtp: cookies.generateTtp ? deriveTtpGenerator(eventData, ttpDomainIndexFor(cookies.domain, eventData.page_location), tk) : undefined,
  }, tk);
  if (!identity.consent.send) return undefined;
  return identity.ttp.value;
}
