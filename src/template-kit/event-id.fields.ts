// Event-ID fields of the Pixel tag and the Events API tag (Node side; event-id.read.ts reads them).
import type { TemplateParameter, TextParameter } from '../tpl/definition';

/** The wording of the eventId field, which differs between the browser and the server tag. */
export interface EventIdWording {
  displayName: string;
  valueHint?: string;
  help: string;
}

/**
 * eventId (explicit ID), optionally eventIdKey (the event-data key holding the ID: the server tag
 * reads incoming event data by key; the web tag has no such key), then transactionEventId.
 */
export function eventIdParameters(wording: EventIdWording, keyField?: { help: string }): TemplateParameter[] {
  const eventId: TextParameter = { type: 'TEXT', name: 'eventId', displayName: wording.displayName };
  if (wording.valueHint !== undefined) eventId.valueHint = wording.valueHint;
  eventId.help = wording.help;
  const fields: TemplateParameter[] = [eventId];
  if (keyField !== undefined) {
    fields.push({
      type: 'TEXT',
      name: 'eventIdKey',
      displayName: 'Event data key holding the event ID',
      defaultValue: 'event_id',
      help: keyField.help,
    });
  }
  fields.push(transactionEventIdParameter());
  return fields;
}

/** transactionEventId: without an event ID, use <transaction_id>_<TikTok event> (both tags compute the same). */
export function transactionEventIdParameter(): TemplateParameter {
  return {
    type: 'CHECKBOX',
    name: 'transactionEventId',
    checkboxText: 'Without an event ID, use transaction_id + event name',
    defaultValue: true,
  };
}
