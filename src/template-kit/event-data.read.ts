// Which event-data keys the server templates that read only some keys read, from the server input
// adapter's key lists (src/core/server-input.ts)
// (sandbox side and Node side: the permission builders use the same lists and the same
// topLevelKeys, so read_event_data covers exactly what is read). The lists built with concat are
// marked pure: a template that does not use one does not build it on every run.
import { TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, TTP_SEED_EVENT_KEYS } from '../core/identity';
import { PAGE_EVENT_KEYS, PAGE_LOCATION_KEY, USER_EVENT_KEYS } from '../core/server-input';

/** What ttclid resolution reads: the page URL and referrer, then the forwarded identifiers. */
export const CLICK_ID_KEYS: string[] = /* @__PURE__ */ PAGE_EVENT_KEYS.concat(TTCLID_EVENT_KEYS);
/** What _ttp resolution reads. */
export const BROWSER_ID_KEYS: string[] = TTP_EVENT_KEYS;
/** What a generated _ttp is derived from: the GA client id, and the page for the domain index. */
export const TTP_GENERATION_KEYS: string[] = /* @__PURE__ */ TTP_SEED_EVENT_KEYS.concat([PAGE_LOCATION_KEY]);
/** What the user plan reads (match keys, IP, user agent, language). */
export const USER_KEYS: string[] = USER_EVENT_KEYS;

/** The distinct top-level keys of dot paths (`common_cookie.ttclid` -> `common_cookie`), in order. */
export function topLevelKeys(paths: string[]): string[] {
  const keys: string[] = [];
  paths.forEach((path) => {
    const dot = path.indexOf('.');
    const key = dot === -1 ? path : path.substring(0, dot);
    if (key.length > 0 && keys.indexOf(key) === -1) keys.push(key);
  });
  return keys;
}
