// The one reader of the event-ID fields (event-id.fields.ts builds them).
import { CoreToolkit, toText } from '../core/toolkit';

export interface EventIdFields {
  eventId?: unknown;
  eventIdKey?: unknown;
  transactionEventId?: unknown;
}

export interface EventIdSettings {
  /** The configured ID (a field or variable); wins when usable. */
  explicit: unknown;
  /** Event-data key holding the ID (server tag only); undefined = the default key. */
  key?: string;
  useTransactionFallback: boolean;
}

export function readEventIdSettings(fields: EventIdFields, tk: CoreToolkit): EventIdSettings {
  return {
    explicit: fields.eventId,
    key: toText(fields.eventIdKey, tk),
    useTransactionFallback: fields.transactionEventId !== false,
  };
}
