// TikTok Cookie Keeper: writes the ttclid / _ttp cookies the TikTok Events API tag would write, for
// containers that read TikTok identity through the server variables without running that tag.
// Resolution (src/core/identity.ts resolveIdentity) and the write plan (planIdentityCookies) are the tag's.

import encodeUriComponent from 'encodeUriComponent';
import getCookieValues from 'getCookieValues';
import getEventData from 'getEventData';
import logToConsole from 'logToConsole';
import setCookie from 'setCookie';

import { CONSENT_EVENT_KEYS, decideEventConsent } from '../../core/consent';
import { TTCLID_COOKIE_NAME, TTP_COOKIE_NAME, planIdentityCookies } from '../../core/cookies';
import { deriveTtpGenerator, resolveIdentity } from '../../core/identity';
import { buildPage } from '../../core/payload';
import { eventFromServerData } from '../../core/server-input';
import { readConsentSettings } from '../../template-kit/consent.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { COOKIE_MAP_KEY, forwardedCookieCandidates } from '../../template-kit/cookie-map.read';
import { readCookieSettings } from '../../template-kit/cookies.read';
import { BROWSER_ID_KEYS, CLICK_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys, ttpDomainIndexFor } from '../../template-kit/sandbox/server';
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
  const writes = planIdentityCookies({
    ttclid: identity.ttclid,
    ttp: identity.ttp,
    allowWrite: consent.writeCookies,
    persistTtclid: cookies.persistTtclid,
    refreshTtp: cookies.refreshTtp,
    domain: cookies.domain,
    sameSite: cookies.sameSite,
    ttclidMaxAge: cookies.ttclidMaxAge,
    ttpMaxAge: cookies.ttpMaxAge,
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
