// Permissions shared by the server templates (Node side). The event-data keys come from the key
// lists the sandbox code reads (src/core), so a template's permissions follow its code.
import { CONSENT_EVENT_KEYS } from '../core/consent';
import type { PermissionSpec } from '../tpl/definition';
import { COOKIE_MAP_KEY } from './cookie-map.read';
import { topLevelKeys } from './event-data.read';

/** get_cookies for exactly `cookieNames`. */
export function getCookiesPermission(cookieNames: string[]): PermissionSpec {
  return { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: cookieNames } };
}

/** read_event_data for exactly the top-level keys of `keys` (a template reading only what it needs). */
export function readEventDataPermission(keys: string[]): PermissionSpec {
  return { publicId: 'read_event_data', params: { eventDataAccess: 'specific', keyPatterns: topLevelKeys(keys) } };
}

/** read_event_data for exactly `keys` (+ consent keys and the cookie map), get_cookies for `cookieNames`. */
export function identityPermissions(cookieNames: string[], keys: string[]): PermissionSpec[] {
  return [readEventDataPermission(keys.concat(CONSENT_EVENT_KEYS, [COOKIE_MAP_KEY])), getCookiesPermission(cookieNames)];
}

/**
 * set_cookies for the two cookies planIdentityCookies (src/core/cookies.ts) writes: path /, Secure,
 * persistent, any domain (the domain is a field).
 */
export const SET_IDENTITY_COOKIES_PERMISSION: PermissionSpec = {
  publicId: 'set_cookies',
  params: {
    allowedCookies: [
      { name: 'ttclid', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
      { name: '_ttp', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
    ],
  },
};
