import { defineTemplate } from '../../tpl/definition';
import { TTP_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
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
      'Gives TikTok\'s browser ID of the current event, found exactly as the Countersign TikTok Events API tag finds it, for other tags; optionally made when missing. Empty when there is none.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'sourcesLabel',
      displayName:
        'TikTok\'s browser ID (_ttp). Looked for in the _ttp cookie, then the event. Returned as it is (as TikTok wants it); empty when there is none.',
    },
    forwardedCookieParameter([TTP_COOKIE_NAME]),
    generateTtpParameter(
      'Off by default. For pages without TikTok\'s script: makes a browser ID (_ttp) in TikTok\'s format from the Google Analytics client ID, so that every tag and variable, and every later visit of the same browser, gets the same one. TikTok does not say whether its script adopts an ID made this way.',
      {
        subParams: [
          {
            type: 'TEXT',
            name: 'cookieDomain',
            displayName: 'Cookie domain (for the ID\'s ending)',
            defaultValue: 'auto',
            enablingConditions: [{ paramName: 'generateTtp', paramValue: true, type: 'EQUALS' }],
            help: 'The same as in your Countersign TikTok Events API tag. <code>auto</code>: your site\'s domain, from the page address.',
            valueValidators: [COOKIE_DOMAIN_VALIDATOR],
          },
        ],
      },
    ),
    settingsVariableParameter(),
    ...consentParameters(false, 'Advertising cookies denied: empty (no cookie or value of the event is used, and nothing is made).', 'Empty, as when advertising cookies are denied.'),
  ],
  permissions: identityPermissions([TTP_COOKIE_NAME], BROWSER_ID_KEYS.concat(TTP_GENERATION_KEYS)),
  notes: 'Server variable. Resolves _ttp through src/core/identity.ts (resolveIdentity), the same steps as the TikTok Events API tag; a created _ttp is derived from the client id, never drawn at random.',
});
