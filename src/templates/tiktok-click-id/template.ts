import { defineTemplate } from '../../tpl/definition';
import { TTCLID_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
import { forwardedCookieParameter } from '../../template-kit/cookie-map.fields';
import { CLICK_ID_KEYS } from '../../template-kit/event-data.read';
import { identityPermissions } from '../../template-kit/permissions.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.clickId,
    description:
      'Gives the TikTok ad click ID of the current event, found exactly as the Countersign TikTok Events API tag finds it, for other tags (a warehouse, another ad platform). Empty when there is none.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'sourcesLabel',
      displayName:
        'TikTok\'s click ID (ttclid), added to the page address when someone clicks a TikTok ad. Looked for in the page address, then the previous page when it is on your site, the ttclid cookie, then the event. Returned as it is (as TikTok wants it); empty when there is none.',
    },
    forwardedCookieParameter([TTCLID_COOKIE_NAME]),
    settingsVariableParameter(),
    ...consentParameters(false, 'Advertising cookies denied: only a click ID of a TikTok ad in the page address (or the previous page of your site) is used; no cookie, nothing from the event.', 'Only an ad click ID in the page address is used, as when advertising cookies are denied.'),
  ],
  permissions: identityPermissions([TTCLID_COOKIE_NAME], CLICK_ID_KEYS),
  notes: 'Server variable. Resolves ttclid through src/core/identity.ts (resolveIdentity), the same steps as the TikTok Events API tag.',
});
