import { defineTemplate } from '../../tpl/definition';
import {
  SET_IDENTITY_COOKIES_PERMISSION, TEMPLATE_BRAND, consentParameters, cookieDomainParameter, cookieSameSiteParameter,
  forwardedCookieParameter, identityPermissions, persistTtclidParameter, refreshTtpParameter,
} from '../tiktok-server-shared/fields';

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: 'TikTok Cookie Keeper',
    description:
      'Stores the TikTok click ID (ttclid) and browser ID (_ttp) as server-set first-party cookies, exactly as the TikTok Events API tag does, for containers that use the TikTok server variables without that tag. Honours ad_storage consent.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'keeperLabel',
      displayName:
        'Not needed next to the TikTok Events API tag (it writes the same cookies). Cookies: path /, Secure, not HttpOnly (the TikTok Pixel reads _ttp). ttclid is written only when it arrives in the page URL or a same-site referrer, so its lifetime starts at the click.',
    },
    persistTtclidParameter(),
    refreshTtpParameter([
      {
        type: 'CHECKBOX',
        name: 'generateTtp',
        checkboxText: 'Create a _ttp when the visitor has none',
        defaultValue: false,
        enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }],
        help: 'Off by default. The same value the TikTok Browser ID variable creates (derived from the GA client_id). Whether the TikTok Pixel adopts a server-made _ttp is not documented by TikTok.',
      },
    ]),
    forwardedCookieParameter(['ttclid', '_ttp']),
    cookieDomainParameter(),
    cookieSameSiteParameter(),
    ...consentParameters(false, 'ad_storage denied: no cookie is read or written.'),
  ],
  permissions: identityPermissions(
    ['ttclid', '_ttp'],
    ['page_location', 'page_referrer', 'ttclid', '_ttp', 'ttp', 'common_cookie', 'client_id', 'x-ga-js_client_id'],
  ).concat([SET_IDENTITY_COOKIES_PERMISSION]),
  notes: 'Server tag. Resolves ttclid/_ttp with src/core/server-identity.ts and plans the writes with planIdentityCookies from src/core/cookies.ts, like the TikTok Events API tag.',
});
