import { defineTemplate } from '../../tpl/definition';
import { TTCLID_COOKIE_NAME, TTP_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
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
      'Keeps TikTok\'s ad click ID and browser ID as cookies set by your server, exactly as the Countersign TikTok Events API tag does, for containers that use the Countersign server variables without that tag. Respects consent to advertising cookies.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'keeperLabel',
      displayName:
        'Not needed next to the Countersign TikTok Events API tag, which sets the same cookies: TikTok\'s click ID (ttclid, from the page address after a TikTok ad click) and browser ID (_ttp). Set by the server for your site\'s own domain, so they last longer in Safari.',
    },
    persistTtclidParameter(),
    refreshTtpParameter([]),
    settingsVariableParameter(),
    ...consentParameters(false, 'Advertising cookies denied: no cookie is read or set.', 'No cookie is read or set, as when advertising cookies are denied.'),
    {
      type: 'GROUP',
      name: 'moreGroup',
      displayName: 'More cookie settings',
      groupStyle: 'ZIPPY_CLOSED',
      subParams: [
        generateTtpParameter(
          'Off by default. Makes a browser ID (_ttp) when the visitor has none, the same one the Countersign TikTok Browser ID variable makes (from the Google Analytics client ID). TikTok does not say whether its script adopts an ID made this way.',
          { enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }] },
        ),
        forwardedCookieParameter([TTCLID_COOKIE_NAME, TTP_COOKIE_NAME]),
        cookieDomainParameter(),
        cookieSameSiteParameter(),
      ],
    },
  ],
  permissions: identityPermissions([TTCLID_COOKIE_NAME, TTP_COOKIE_NAME], CLICK_ID_KEYS.concat(BROWSER_ID_KEYS, TTP_GENERATION_KEYS)).concat([
    SET_IDENTITY_COOKIES_PERMISSION,
    // A cookie lifetime from a variable outside 1-3650 days is clamped, with a line in Preview.
    { publicId: 'logging', params: { environments: 'debug' } },
  ]),
  notes: 'Server tag. Resolves ttclid/_ttp with src/core/identity.ts (resolveIdentity) and plans the writes with planIdentityCookies from src/core/cookies.ts, like the TikTok Events API tag.',
});
