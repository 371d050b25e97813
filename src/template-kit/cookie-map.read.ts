// The one reader of the forwarded cookie map option (cookie-map.fields.ts builds it).
import { cookieFromMap } from '../core/identity';
import { CoreToolkit } from '../core/toolkit';

/** The event-data key of the optional forwarded cookie map. */
export const COOKIE_MAP_KEY = 'cookies';

export interface CookieMapFields {
  readCookieMap?: unknown;
}

/**
 * Candidates for each cookie of `names` from the forwarded map (checked after the built-in sources),
 * none when the option is off. `readMap` reads event data COOKIE_MAP_KEY; it is called only when the
 * option is on.
 */
export function forwardedCookieCandidates(fields: CookieMapFields, readMap: () => unknown, names: string[], tk: CoreToolkit): { [name: string]: unknown[] } {
  const candidates: { [name: string]: unknown[] } = {};
  const map = fields.readCookieMap === true ? readMap() : undefined;
  names.forEach((name) => {
    candidates[name] = map !== undefined ? [cookieFromMap(map, name, tk)] : [];
  });
  return candidates;
}
