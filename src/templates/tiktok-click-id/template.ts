import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND, consentParameters, forwardedCookieParameter, identityPermissions } from '../tiktok-server-shared/fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: 'TikTok Click ID (ttclid)',
    description:
      'The TikTok ad click ID of the current event, found exactly as the TikTok Events API tag finds it: page URL, same-site referrer, ttclid cookie, then event data. Undefined when there is none.',
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
    forwardedCookieParameter(['ttclid']),
    ...consentParameters(false, 'ad_storage denied: only a click ID in the page URL (or a same-site referrer) is used; no cookie and no event-data value.'),
  ],
  permissions: identityPermissions('ttclid', ['page_location', 'page_referrer', 'ttclid', 'common_cookie']),
  notes: 'Server variable. Resolves ttclid through src/core/server-identity.ts, the same steps as the TikTok Events API tag.',
});
