// TikTok Click ID variable: the ttclid the TikTok Events API tag would send for this event: the
// same consent decision and the same identity pipeline (src/core/identity.ts resolveIdentity),
// reading only the event-data keys and the cookie those steps need. Never throws; undefined when
// there is no usable click id.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';

import { CONSENT_EVENT_KEYS, decideEventConsent } from '../../core/consent';
import { TTCLID_COOKIE_NAME } from '../../core/cookies';
import { resolveIdentity } from '../../core/identity';
import { buildPage } from '../../core/payload';
import { eventFromServerData } from '../../core/server-input';
import { readConsentSettings } from '../../template-kit/consent.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { CLICK_ID_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';

export function main(): string | undefined {
  const event = eventFromServerData(readEventDataKeys(CLICK_ID_KEYS.concat(CONSENT_EVENT_KEYS)), {}, tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  if (!consent.send) return undefined;
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTCLID_COOKIE_NAME], tk);
  const page = buildPage(event.page, {}, tk);
  return resolveIdentity({
    readCookies: consent.readCookies, pageUrl: page.url, pageReferrer: page.referrer,
    ttclidCandidates: event.identifiers.ttclid.concat(forwarded[TTCLID_COOKIE_NAME]),
    readTtclidCookies: () => getCookieValues(TTCLID_COOKIE_NAME),
  }, tk).ttclid.value;
}
