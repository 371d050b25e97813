// The "Remembered customer details" group of the Events API tag (Node side; remembered-keys.read.ts reads
// it), and the cookie permissions it needs (src/core/remembered-keys.ts).
import { REMEMBERED_KEYS_COOKIE, REMEMBERED_KEYS_DEFAULT_DAYS } from '../core/remembered-keys';
import type { PermValue, PermissionSpec, TemplateParameter } from '../tpl/definition';
import { MAX_COOKIE_DAYS } from './cookies.read';
import { glossaryLink } from './help.fields';
import { wholeNumberValidators } from './validators.fields';

export function rememberedKeysGroup(): TemplateParameter {
  return {
    type: 'GROUP',
    name: 'rememberedKeysGroup',
    displayName: 'Remembered customer details',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'CHECKBOX',
        name: 'rememberMatchKeys',
        checkboxText: 'Remember the scrambled customer details for the visitor\'s later events',
        defaultValue: false,
        help: 'Keeps the event\'s email, phone, customer ID, names and zip, scrambled (SHA-256), in your site\'s own cookie <code>' + REMEMBERED_KEYS_COOKIE + '</code> (which page scripts cannot read), and adds them to later web events that lack them, so the events after a checkout still match. Never a plain value (city, state and country are left out). Only while consent to advertising cookies (ad_storage) and to personal data (ad_user_data) are both granted; when either is denied the cookie is deleted at once.',
        subParams: [
          {
            type: 'TEXT',
            name: 'rememberedKeysDays',
            displayName: 'Keep them for (days)',
            defaultValue: String(REMEMBERED_KEYS_DEFAULT_DAYS),
            enablingConditions: [{ paramName: 'rememberMatchKeys', paramValue: true, type: 'EQUALS' }],
            valueValidators: wholeNumberValidators(1, MAX_COOKIE_DAYS),
            help: '1 to ' + MAX_COOKIE_DAYS + ', counted from the last event that brought customer details. The cookie gets the domain and ' + glossaryLink('samesite', 'SameSite') + ' setting of the ad click and browser ID cookies.',
          },
        ],
      },
    ],
  };
}

/** set_cookies entry for the remembered-keys cookie (the tag writes it with path /, Secure, a lifetime). */
export const REMEMBERED_KEYS_SET_COOKIE: PermValue = { name: REMEMBERED_KEYS_COOKIE, domain: '*', path: '/', secure: 'secure', session: 'non_session' };

/** The tag's set_cookies permission: `identityCookies` plus the remembered-keys cookie. */
export function withRememberedKeysCookie(identityCookies: PermissionSpec): PermissionSpec {
  const allowed = (identityCookies.params || {}).allowedCookies;
  const cookies: PermValue[] = Array.isArray(allowed) ? allowed : [];
  return { publicId: 'set_cookies', params: { allowedCookies: cookies.concat([REMEMBERED_KEYS_SET_COOKIE]) } };
}
