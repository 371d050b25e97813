import { defineTemplate } from '../../tpl/definition';
import { TTCLID_COOKIE_NAME, TTP_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { forwardedCookieParameter } from '../../template-kit/cookie-map.fields';
import {
  cookieDomainParameter, cookieSameSiteParameter, generateTtpParameter, persistTtclidParameter, refreshTtpParameter,
} from '../../template-kit/cookies.fields';
import { BROWSER_ID_KEYS, CLICK_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { SET_IDENTITY_COOKIES_PERMISSION, identityPermissions } from '../../template-kit/permissions.fields';

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: TEMPLATE_NAMES.cookieKeeper,
    description:
      'Stores the TikTok click ID (ttclid) and browser ID (_ttp) as server-set first-party cookies, exactly as the Countersign TikTok Events API tag does, for containers that use the TikTok server variables without that tag. Honours ad_storage consent.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'keeperLabel',
      displayName:
        'Not needed next to the Countersign TikTok Events API tag (it writes the same cookies). Cookies: path /, Secure, not HttpOnly (the TikTok Pixel reads _ttp). ttclid is written only when it arrives in the page URL or a same-site referrer, so its lifetime starts at the click.',
    },
    persistTtclidParameter(),
    refreshTtpParameter([
      generateTtpParameter(
        'Off by default. The same value the Countersign TikTok Browser ID variable creates (derived from the GA client_id). Whether the TikTok Pixel adopts a server-made _ttp is not documented by TikTok.',
        { enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }] },
      ),
    ]),
    forwardedCookieParameter([TTCLID_COOKIE_NAME, TTP_COOKIE_NAME]),
    cookieDomainParameter(),
    cookieSameSiteParameter(),
    ...consentParameters(false, 'ad_storage denied: no cookie is read or written.'),
  ],
  permissions: identityPermissions([TTCLID_COOKIE_NAME, TTP_COOKIE_NAME], CLICK_ID_KEYS.concat(BROWSER_ID_KEYS, TTP_GENERATION_KEYS)).concat([SET_IDENTITY_COOKIES_PERMISSION]),
  notes: 'Server tag. Resolves ttclid/_ttp with src/core/identity.ts (resolveIdentity) and plans the writes with planIdentityCookies from src/core/cookies.ts, like the TikTok Events API tag.',
});
