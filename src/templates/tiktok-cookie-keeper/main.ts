// TikTok Cookie Keeper: writes the ttclid / _ttp cookies the TikTok Events API tag would write, for
// containers that read TikTok identity through the server variables without running that tag.
// Resolution (src/core/identity.ts resolveIdentity) and the write plan (planIdentityCookies) are the tag's.

import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';
import logToConsole from 'logToConsole';

import { CONSENT_EVENT_KEYS, decideEventConsent } from '../../core/consent';
import { TTCLID_COOKIE_NAME, TTP_COOKIE_NAME } from '../../core/cookies';
import { deriveTtpGenerator, resolveIdentity } from '../../core/identity';
import { buildPage } from '../../core/payload';
import { eventFromServerData } from '../../core/server-input';
import { readConsentSettings } from '../../template-kit/consent.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { planIdentityCookiesWith, readCookieSettings } from '../../template-kit/cookies.read';
import { BROWSER_ID_KEYS, CLICK_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys, setPlannedCookies, ttpDomainIndexFor } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';

export function main(): void {
  const cookies = readCookieSettings(data, tk);
  // A lifetime from a variable outside the allowed days was clamped (GTM refuses such values on save).
  cookies.notes.forEach((note) => logToConsole('[TikTok Cookie Keeper] warning: ' + note));
  const generate = cookies.generateTtp && cookies.refreshTtp;
  const keys = CLICK_ID_KEYS.concat(BROWSER_ID_KEYS, CONSENT_EVENT_KEYS);
  const event = eventFromServerData(readEventDataKeys(generate ? keys.concat(TTP_GENERATION_KEYS) : keys), {}, tk);
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTCLID_COOKIE_NAME, TTP_COOKIE_NAME], tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  const page = buildPage(event.page, {}, tk);
  const identity = resolveIdentity({
    readCookies: consent.readCookies, pageUrl: page.url, pageReferrer: page.referrer,
    ttclidCandidates: event.identifiers.ttclid.concat(forwarded[TTCLID_COOKIE_NAME]),
    ttpCandidates: event.identifiers.ttp.concat(forwarded[TTP_COOKIE_NAME]),
    readTtclidCookies: () => getCookieValues(TTCLID_COOKIE_NAME),
    readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
    generateTtp: generate
      ? deriveTtpGenerator(event.identifiers.gaClientId, ttpDomainIndexFor(cookies.domain, event.page.url), tk)
      : undefined,
  }, tk);
  setPlannedCookies(planIdentityCookiesWith(cookies, identity, consent.writeCookies, undefined, tk));
  data.gtmOnSuccess();
}
