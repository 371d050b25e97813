import { defineTemplate } from '../../tpl/definition';
import { TTCLID_COOKIE_NAME } from '../../core/cookies';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { forwardedCookieParameter } from '../../template-kit/cookie-map.fields';
import { CLICK_ID_KEYS } from '../../template-kit/event-data.read';
import { identityPermissions } from '../../template-kit/permissions.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.clickId,
    description:
      'The TikTok ad click ID of the current event, found exactly as the Countersign TikTok Events API tag finds it: page URL, same-site referrer, ttclid cookie, then event data. Undefined when there is none.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'sourcesLabel',
      displayName:
        'Order: the ttclid parameter of page_location; of page_referrer when it is on the same host; the ttclid cookie; event data ttclid and common_cookie.ttclid. URL-decoded, returned unhashed (TikTok wants it raw). Undefined when absent.',
    },
    forwardedCookieParameter([TTCLID_COOKIE_NAME]),
    ...consentParameters(false, 'ad_storage denied: only a click ID in the page URL (or a same-site referrer) is used; no cookie and no event-data value.'),
  ],
  permissions: identityPermissions([TTCLID_COOKIE_NAME], CLICK_ID_KEYS),
  notes: 'Server variable. Resolves ttclid through src/core/identity.ts (resolveIdentity), the same steps as the TikTok Events API tag.',
});
