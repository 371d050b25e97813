import { defineTemplate } from '../../tpl/definition';
import { TTP_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { forwardedCookieParameter } from '../../template-kit/cookie-map.fields';
import { generateTtpParameter } from '../../template-kit/cookies.fields';
import { BROWSER_ID_KEYS, TTP_GENERATION_KEYS } from '../../template-kit/event-data.read';
import { identityPermissions } from '../../template-kit/permissions.fields';
import { COOKIE_DOMAIN_VALIDATOR } from '../../template-kit/validators.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.browserId,
    description:
      'The TikTok Pixel browser ID (_ttp) of the current event, found exactly as the Countersign TikTok Events API tag finds it: the _ttp cookie, then event data; optionally created when missing. Undefined when there is none.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'sourcesLabel',
      displayName:
        'Order: the _ttp cookie (first usable one when there are several); event data _ttp, ttp and common_cookie._ttp. Returned unchanged, suffix included (TikTok wants it raw). Undefined when absent.',
    },
    forwardedCookieParameter([TTP_COOKIE_NAME]),
    generateTtpParameter(
      'Off by default. Creates an ID in the Pixel\'s current format (ULID + _.tt.N), derived from the GA client_id (its first-visit time and a SHA-256 of it), so every tag and variable in the container, and every later request of the same browser, gets the same value. No client_id: nothing is created. Whether the TikTok Pixel adopts a server-made _ttp is not documented by TikTok.',
      {
        subParams: [
          {
            type: 'TEXT',
            name: 'cookieDomain',
            displayName: 'Cookie domain (for the _.tt.N suffix)',
            defaultValue: 'auto',
            enablingConditions: [{ paramName: 'generateTtp', paramValue: true, type: 'EQUALS' }],
            help: 'Use the same value as in your Countersign TikTok Events API tag. <code>auto</code>: the registrable domain of the page URL.',
            valueValidators: [COOKIE_DOMAIN_VALIDATOR],
          },
        ],
      },
    ),
    ...consentParameters(false, 'ad_storage denied: undefined (no cookie or event-data value is used and nothing is created).'),
  ],
  permissions: identityPermissions([TTP_COOKIE_NAME], BROWSER_ID_KEYS.concat(TTP_GENERATION_KEYS)),
  notes: 'Server variable. Resolves _ttp through src/core/identity.ts (resolveIdentity), the same steps as the TikTok Events API tag; a created _ttp is derived from the client id, never drawn at random.',
});
