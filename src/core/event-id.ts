// event_id: the dedup key TikTok matches between the Pixel and the Events API (with pixel id and
// event name). Always a string (a numeric id gets 40002); never random, so the browser and the
// server can compute the same id independently.

import { CoreToolkit, getPath, toText } from './toolkit';

/** Default event-data key carrying the id (the GA4 tag's `event_id` parameter). */
export const DEFAULT_EVENT_ID_KEY = 'event_id';

export type EventIdSource = 'field' | 'event_data' | 'transaction' | 'none';

export interface EventIdInput {
  /** A value configured in the tag (UI field / variable); wins when usable. */
  explicit?: unknown;
  /** The event data (server) or the dataLayer/event model (web). */
  eventData?: unknown;
  /** Event-data key (dot path allowed). Default DEFAULT_EVENT_ID_KEY. */
  key?: string;
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
 * Order: explicit value, then event data at `key`, then `<transaction_id>_<TikTok event name>` when
 * a transaction_id exists (stable across retries, browser and server). Numbers become strings;
 * objects, arrays, booleans and empty strings are ignored.
 */
export function resolveEventId(input: EventIdInput, tk: CoreToolkit): EventIdDecision {
  const explicit = toText(input.explicit, tk);
  if (explicit !== undefined) return { eventId: clip(explicit), source: 'field' };
  const key = input.key && input.key.trim().length > 0 ? input.key.trim() : DEFAULT_EVENT_ID_KEY;
  const fromData = toText(getPath(input.eventData, key, tk), tk);
  if (fromData !== undefined) return { eventId: clip(fromData), source: 'event_data' };
  if (input.useTransactionFallback !== false) {
    const transactionId = toText(getPath(input.eventData, 'transaction_id', tk), tk);
    const eventName = toText(input.tiktokEventName, tk);
    if (transactionId !== undefined && eventName !== undefined) {
      return { eventId: clip(transactionEventId(transactionId, eventName)), source: 'transaction' };
    }
  }
  return { source: 'none' };
}

/** The deterministic fallback id: `<transaction_id>_<TikTok event name>`. */
export function transactionEventId(transactionId: string, tiktokEventName: string): string {
  return transactionId + '_' + tiktokEventName;
}
