// event_id: the dedup key TikTok matches between the Pixel and the Events API (with pixel id and
// event name). Always a string (a numeric id gets 40002); never random, so the browser and the
// server can compute the same id independently.

import { CoreToolkit, firstText, toText } from './toolkit';

export type EventIdSource = 'field' | 'event_data' | 'transaction' | 'none';

export interface EventIdInput {
  /** A value configured in the tag (UI field / variable); wins when usable. */
  explicit?: unknown;
  /** The event's own ID candidates (event model: an event-data key, gtag's event parameter). */
  candidates?: unknown[];
  /** The event's transaction ID, for the transaction-based fallback. */
  transactionId?: unknown;
  /** The resolved TikTok event name, for the transaction-based fallback. */
  tiktokEventName?: string;
  /** Whether `<transaction_id>_<event>` may be used when no id is given. Default true. */
  useTransactionFallback?: boolean;
}

export interface EventIdDecision {
  eventId?: string;
  source: EventIdSource;
}

/** Longest id we send; longer input is cut (TikTok documents no limit; this keeps logs and cookies sane). */
export const MAX_EVENT_ID_LENGTH = 256;

function clip(text: string): string {
  return text.length > MAX_EVENT_ID_LENGTH ? text.substring(0, MAX_EVENT_ID_LENGTH) : text;
}

/**
 * Order: explicit value, then the event's own ID, then `<transaction_id>_<TikTok event name>` when
 * a transaction_id exists (stable across retries, browser and server). Numbers become strings;
 * objects, arrays, booleans and empty strings are ignored.
 */
export function resolveEventId(input: EventIdInput, tk: CoreToolkit): EventIdDecision {
  const explicit = toText(input.explicit, tk);
  if (explicit !== undefined) return { eventId: clip(explicit), source: 'field' };
  const fromData = firstText(input.candidates || [], tk);
  if (fromData !== undefined) return { eventId: clip(fromData), source: 'event_data' };
  if (input.useTransactionFallback !== false) {
    const transactionId = toText(input.transactionId, tk);
    const eventName = toText(input.tiktokEventName, tk);
    if (transactionId !== undefined && eventName !== undefined) {
      return { eventId: clip(transactionEventId(transactionId, eventName)), source: 'transaction' };
    }
  }
  return { source: 'none' };
}

/**
 * Events that stand for an order and so may carry its transaction_id: GA4 documents
 * `transaction_id` as a parameter of `purchase` and `refund` only
 * (https://developers.google.com/analytics/devguides/collection/ga4/reference/events#purchase) and
 * deduplicates purchase events by it
 * (https://support.google.com/analytics/answer/12313109); TikTok's order events are Purchase, its
 * legacy name CompletePayment, and PlaceAnOrder. Any other event that arrives with a
 * transaction_id has usually inherited it: GTM merges data-layer pushes recursively, so a
 * `view_item` pushed after a purchase without `ecommerce: null` in between still shows the order's
 * transaction_id (and the GA4 tag sends it). Such an event gets neither the order's
 * `<transaction_id>_<event>` id nor its order_id, on either side.
 */
export const ORDER_EVENTS_GA4: string[] = ['purchase', 'refund'];
export const ORDER_EVENTS_TIKTOK: string[] = ['Purchase', 'CompletePayment', 'PlaceAnOrder'];

/** Whether an event (incoming name, TikTok name) is an order event (see ORDER_EVENTS_GA4). */
export function isOrderEvent(incomingName: unknown, tiktokEventName: string | undefined): boolean {
  // indexOf finds no undefined or non-string name in these lists of strings.
  return ORDER_EVENTS_TIKTOK.indexOf(tiktokEventName as string) !== -1 || ORDER_EVENTS_GA4.indexOf(incomingName as string) !== -1;
}

/** The deterministic fallback id: `<transaction_id>_<TikTok event name>`. */
export function transactionEventId(transactionId: string, tiktokEventName: string): string {
  return transactionId + '_' + tiktokEventName;
}
