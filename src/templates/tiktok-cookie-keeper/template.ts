import { defineTemplate } from '../../tpl/definition';
import { CONSENT_KEYS, COOKIE_MAP_KEY, consentParameters, forwardedCookieParameter } from '../tiktok-server-shared/fields';

const DOMAIN_PATTERN = '\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\{\\{[^}]+\\}\\})\\s*';

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: 'TikTok Cookie Keeper',
    description:
      'Stores the TikTok click ID (ttclid) and browser ID (_ttp) as server-set first-party cookies, exactly as the TikTok Events API tag does, for containers that use the TikTok server variables without that tag. Honours ad_storage consent.',
    categories: ['ADVERTISING', 'ATTRIBUTION', 'UTILITY'],
    brand: { id: 'brand_dummy', displayName: 'tiktok-gtm-templates', thumbnail: '../../../assets/brand-thumbnail.png' },
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'LABEL',
      name: 'keeperLabel',
      displayName:
        'Not needed next to the TikTok Events API tag (it writes the same cookies). Cookies: path /, Secure, not HttpOnly (the TikTok Pixel reads _ttp). ttclid is written only when it arrives in the page URL or a same-site referrer, so its lifetime starts at the click.',
    },
    {
      type: 'CHECKBOX',
      name: 'persistTtclid',
      checkboxText: 'Store the click ID from the URL in a first-party ttclid cookie',
      defaultValue: true,
      subParams: [
        {
          type: 'TEXT', name: 'ttclidDays', displayName: 'ttclid cookie lifetime (days)', defaultValue: '30',
          enablingConditions: [{ paramName: 'persistTtclid', paramValue: true, type: 'EQUALS' }],
          valueValidators: [{ type: 'POSITIVE_NUMBER' }],
          help: 'Match it to your click-through attribution window (TikTok Attribution Manager).',
        },
      ],
    },
    {
      type: 'CHECKBOX',
      name: 'refreshTtp',
      checkboxText: 'Re-set the _ttp cookie from the server (extends its life where browsers cap script-set cookies)',
      defaultValue: true,
      subParams: [
        {
          type: 'TEXT', name: 'ttpDays', displayName: '_ttp cookie lifetime (days)', defaultValue: '396',
          enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }],
          valueValidators: [{ type: 'POSITIVE_NUMBER' }],
          help: 'TikTok states 13 months.',
        },
        {
          type: 'CHECKBOX',
          name: 'generateTtp',
          checkboxText: 'Create a _ttp when the visitor has none',
          defaultValue: false,
          enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }],
          help: 'Off by default. The same value the TikTok Browser ID variable creates (derived from the GA client_id). Whether the TikTok Pixel adopts a server-made _ttp is not documented by TikTok.',
        },
      ],
    },
    forwardedCookieParameter(['ttclid', '_ttp']),
    {
      type: 'TEXT',
      name: 'cookieDomain',
      displayName: 'Cookie domain',
      defaultValue: 'auto',
      help: '<code>auto</code> uses the domain of the server container URL. Or type a domain such as <code>example.com</code>.',
      valueValidators: [{ type: 'REGEX', args: [DOMAIN_PATTERN], errorMessage: 'auto or a domain like example.com' }],
    },
    {
      type: 'SELECT',
      name: 'cookieSameSite',
      displayName: 'Cookie SameSite',
      defaultValue: 'Lax',
      selectItems: [
        { value: 'Lax', displayValue: 'Lax (recommended)' },
        { value: 'Strict', displayValue: 'Strict' },
        { value: 'None', displayValue: 'None' },
      ],
    },
    ...consentParameters(false, 'ad_storage denied: no cookie is read or written.'),
  ],
  permissions: [
    {
      publicId: 'read_event_data',
      params: {
        eventDataAccess: 'specific',
        keyPatterns: ['page_location', 'page_referrer', 'ttclid', '_ttp', 'ttp', 'common_cookie', 'client_id', 'x-ga-js_client_id'].concat(CONSENT_KEYS, [COOKIE_MAP_KEY]),
      },
    },
    { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: ['ttclid', '_ttp'] } },
    {
      publicId: 'set_cookies',
      params: {
        allowedCookies: [
          { name: 'ttclid', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
          { name: '_ttp', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
        ],
      },
    },
  ],
  notes: 'Server tag. Resolves ttclid/_ttp with src/core/server-identity.ts and plans the writes with planIdentityCookies from src/core/cookies.ts, like the TikTok Events API tag.',
});
