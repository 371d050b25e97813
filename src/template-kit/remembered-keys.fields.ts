// The "Remembered match keys" group of the Events API tag (Node side; remembered-keys.read.ts reads
// it), and the cookie permissions it needs (src/core/remembered-keys.ts).
import { REMEMBERED_KEYS_COOKIE, REMEMBERED_KEYS_DEFAULT_DAYS } from '../core/remembered-keys';
import type { PermValue, PermissionSpec, TemplateParameter } from '../tpl/definition';

export function rememberedKeysGroup(): TemplateParameter {
  return {
    type: 'GROUP',
    name: 'rememberedKeysGroup',
    displayName: 'Remembered match keys',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'CHECKBOX',
        name: 'rememberMatchKeys',
        checkboxText: 'Remember the hashed match keys for later events of the visitor',
        defaultValue: false,
        help: 'Keeps the event\'s hashed email, phone, external ID, names and zip in a first-party cookie (<code>' + REMEMBERED_KEYS_COOKIE + '</code>, HttpOnly) and adds them to later web events that lack them, so the events after a checkout still match. Only SHA-256 codes are stored, never a plain value (city, state and country are left out). Read and written only while ad_storage and ad_user_data are both granted; when either is denied the cookie is deleted at once.',
        subParams: [
          {
            type: 'TEXT',
            name: 'rememberedKeysDays',
            displayName: 'Keep them for (days)',
            defaultValue: String(REMEMBERED_KEYS_DEFAULT_DAYS),
            enablingConditions: [{ paramName: 'rememberMatchKeys', paramValue: true, type: 'EQUALS' }],
            valueValidators: [{ type: 'POSITIVE_NUMBER' }],
            help: 'Counted from the last event that brought match keys. The cookie domain and SameSite are those of the click ID and browser ID cookies.',
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
