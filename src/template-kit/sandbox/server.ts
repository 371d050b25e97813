// Server-only sandbox helpers shared by the server templates.
import computeEffectiveTldPlusOne from 'computeEffectiveTldPlusOne';
import encodeUriComponent from 'encodeUriComponent';
import getEventData from 'getEventData';
import setCookie from 'setCookie';

import { CookieWrite } from '../../core/cookies';
import { hostnameOf, ttpDomainIndex } from '../../core/identity';
import { PlainObject } from '../../core/toolkit';
import { topLevelKeys } from '../event-data.read';

/**
 * The event data a template needs, read key by key: the top-level keys of `paths` (core's key
 * lists), each present only when the event has it (as in getAllEventData). Templates that read
 * only some keys get a read_event_data permission for exactly these keys (permissions.fields.ts).
 */
export function readEventDataKeys(paths: string[]): PlainObject {
  const eventData: PlainObject = {};
  topLevelKeys(paths).forEach((key) => {
    const value = getEventData(key);
    if (value !== undefined) eventData[key] = value;
  });
  return eventData;
}

/**
 * The `<n>` of a generated `_.tt.<n>`: from the cookie domain setting, else (auto) from the
 * registrable domain of the page URL, as the Pixel counts the labels of the domain it sets _ttp on.
 */
export function ttpDomainIndexFor(cookieDomain: string, pageLocation: unknown): number {
  const host = hostnameOf(pageLocation);
  const base = cookieDomain !== 'auto' ? cookieDomain : host !== undefined ? computeEffectiveTldPlusOne(host) : '';
  return ttpDomainIndex(base);
}

/**
 * Writes planned cookies on the response. setCookie URI-encodes the value and throws on text that
 * cannot be encoded (a lone UTF-16 surrogate); such a value is no TikTok id: skipped, never thrown.
 */
export function setPlannedCookies(writes: CookieWrite[]): void {
  writes.forEach((w) => {
    if (encodeUriComponent(w.value) === undefined) return;
    setCookie(w.name, w.value, {
      domain: w.options.domain,
      path: w.options.path,
      'max-age': w.options['max-age'],
      secure: w.options.secure,
      samesite: w.options.samesite,
      httpOnly: w.options.httpOnly,
    });
  });
}
