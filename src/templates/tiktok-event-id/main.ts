// TikTok Event ID variable: "<page-load id>_<GTM event id>".
//
// - Stable within one GTM event: GTM evaluates a variable anew for every tag, so the value must be
//   derived, not drawn: the page-load id is drawn once per page (templateStorage lives as long as the
//   page) and gtm.uniqueEventId is the same for every tag firing on that dataLayer event.
// - Unique across events: gtm.uniqueEventId grows with every dataLayer event on the page, and the
//   page-load id (time + random) separates pages and visitors.
// Without a GTM event id (not a GTM event) the variable is undefined, so no tag sends a made-up id
// and both Pixel and server fall back to the same <transaction_id>_<event> rule.

import copyFromDataLayer from 'copyFromDataLayer';
import generateRandom from 'generateRandom';
import getTimestampMillis from 'getTimestampMillis';
import getType from 'getType';
import makeString from 'makeString';
import templateStorage from 'templateStorage';

const PAGE_LOAD_ID_KEY = 'pageLoadId';

function pageLoadId(): string {
  const stored = templateStorage.getItem(PAGE_LOAD_ID_KEY);
  if (getType(stored) === 'string' && stored.length > 0) return stored;
  const created = makeString(getTimestampMillis()) + '.' + makeString(generateRandom(100000000, 999999999));
  templateStorage.setItem(PAGE_LOAD_ID_KEY, created);
  return created;
}

export function main(): string | undefined {
  const gtmEventId = copyFromDataLayer('gtm.uniqueEventId');
  const type = getType(gtmEventId);
  if (type !== 'number' && !(type === 'string' && gtmEventId.length > 0)) return undefined;
  return pageLoadId() + '_' + makeString(gtmEventId);
}
