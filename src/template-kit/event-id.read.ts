// The one reader of the event-ID fields (event-id.fields.ts builds them).

export interface EventIdFields {
  eventId?: unknown;
  transactionEventId?: unknown;
}

export interface EventIdSettings {
  /** The configured ID (a field or variable); wins when usable. */
  explicit: unknown;
  useTransactionFallback: boolean;
}

export function readEventIdSettings(fields: EventIdFields): EventIdSettings {
  return {
    explicit: fields.eventId,
    useTransactionFallback: fields.transactionEventId !== false && fields.transactionEventId !== 'false',
  };
}
