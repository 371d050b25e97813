// TikTok Event ID variable: the event_id the TikTok Pixel tag and the GA4 event tag share.
//
// - A purchase (an order event: TikTok's Purchase / CompletePayment / PlaceAnOrder, the events both
//   TikTok tags give a transaction-based id, src/core/event-id.ts) that carries a transaction_id
//   gets `<transaction_id>_<TikTok event>`, the id both TikTok tags compute on their own from the
//   order: the same on the browser and the server, and the same again when the thank-you page is
//   reloaded or reopened, so TikTok keeps one purchase per order (it drops a second copy with the
//   same id for 48 hours). Only purchases: a transaction_id that GTM's recursive merge leaves in the
//   data layer after a purchase must not make later events share an id.
// - Every other event gets `<page-load id>_<GTM event id>`: stable within one GTM event (GTM evaluates
//   a variable anew for every tag, so the value is derived, not drawn: the page-load id is drawn once
//   per page and kept in templateStorage, gtm.uniqueEventId is the same for every tag firing on that
//   dataLayer event) and unique across events, pages and visitors.
// Without a GTM event id (not a GTM event) the variable is undefined, so no tag sends a made-up id.

import copyFromDataLayer from 'copyFromDataLayer';
import generateRandom from 'generateRandom';
import getTimestampMillis from 'getTimestampMillis';
import getType from 'getType';
import makeString from 'makeString';
import templateStorage from 'templateStorage';

import { ORDER_EVENTS_TIKTOK, transactionEventId } from '../../core/event-id';
import { resolveEventName } from '../../core/event-names';
import { tk } from '../../template-kit/sandbox/toolkit';
import { applySharedSettings } from '../../template-kit/shared-settings.read';

const PAGE_LOAD_ID_KEY = 'pageLoadId';

function pageLoadId(): string {
  const stored = templateStorage.getItem(PAGE_LOAD_ID_KEY);
  if (getType(stored) === 'string' && stored.length > 0) return stored;
  const created = makeString(getTimestampMillis()) + '.' + makeString(generateRandom(100000000, 999999999));
  templateStorage.setItem(PAGE_LOAD_ID_KEY, created);
  return created;
}

/** A non-empty string or number as text; anything else undefined. */
function text(value: unknown): string | undefined {
  const type = getType(value);
  if (type === 'number') return makeString(value);
  if (type !== 'string') return undefined;
  const trimmed = (value as string).trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * `<transaction_id>_<TikTok event>` for a purchase with a transaction_id: from the dataLayer's
 * `ecommerce` object, or from the parameters of a gtag('event', 'purchase', …) call (eventModel).
 */
function purchaseEventId(): string | undefined {
  // The name set of the Settings variable unless this variable's own field is set.
  const fields = applySharedSettings({ settingsVariable: data.settingsVariable, nameSet: data.nameSet }, ['nameSet'], tk).fields;
  const nameSet = fields.nameSet === 'legacy' ? ('legacy' as const) : ('current' as const);
  const tiktokEvent = resolveEventName(copyFromDataLayer('event'), { nameSet: nameSet }).name;
  if (tiktokEvent === undefined || ORDER_EVENTS_TIKTOK.indexOf(tiktokEvent) === -1) return undefined;
  let transactionId = text(copyFromDataLayer('ecommerce.transaction_id'));
  if (transactionId === undefined) transactionId = text(copyFromDataLayer('eventModel.transaction_id'));
  return transactionId !== undefined ? transactionEventId(transactionId, tiktokEvent) : undefined;
}

export function main(): string | undefined {
  const gtmEventId = copyFromDataLayer('gtm.uniqueEventId');
  const type = getType(gtmEventId);
  if (type !== 'number' && !(type === 'string' && gtmEventId.length > 0)) return undefined;
  if (data.purchaseTransactionId !== false) {
    const fromOrder = purchaseEventId();
    if (fromOrder !== undefined) return fromOrder;
  }
  return pageLoadId() + '_' + makeString(gtmEventId);
}
