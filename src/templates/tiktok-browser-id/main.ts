// TikTok Browser ID variable: the _ttp the TikTok Events API tag would send for this event: the
// same consent decision and the same identity pipeline (src/core/identity.ts resolveIdentity). A
// created _ttp is derived from the GA client id (deriveTtpGenerator), so a tag and this variable
// agree within a request and across requests; GTM re-evaluates variables per tag, so a random draw
// could not.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { CONSENT_EVENT_KEYS, decideEventConsent } from '../../core/consent';
import { TTP_COOKIE_NAME } from '../../core/cookies';
import { deriveTtpGenerator, resolveIdentity } from '../../core/identity';
import { eventFromServerData } from '../../core/server-input';
import { readConsentSettings } from '../../template-kit/consent.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { readCookieSettings } from '../../template-kit/cookies.read';
import { BROWSER_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys, ttpDomainIndexFor } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';

export function main(): string | undefined {
  const cookies = readCookieSettings(data, tk);
  // The generation inputs are read only when generation is on.
  const keys = BROWSER_ID_KEYS.concat(CONSENT_EVENT_KEYS);
  const event = eventFromServerData(readEventDataKeys(cookies.generateTtp ? keys.concat(TTP_GENERATION_KEYS) : keys), {}, tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  if (!consent.send) return undefined;
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTP_COOKIE_NAME], tk);
  return resolveIdentity({
    readCookies: consent.readCookies,
    ttpCandidates: event.identifiers.ttp.concat(forwarded[TTP_COOKIE_NAME]),
    readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
    generateTtp: cookies.generateTtp
      ? deriveTtpGenerator(event.identifiers.gaClientId, ttpDomainIndexFor(cookies.domain, event.page.url), tk)
      : undefined,
  }, tk).ttp.value;
}
