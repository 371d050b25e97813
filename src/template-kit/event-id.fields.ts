// Event-ID fields of the Pixel tag and the Events API tag (Node side; event-id.read.ts reads them).
import type { TemplateParameter, TextParameter } from '../tpl/definition';
import { inheriting } from './inherit.fields';

/** The wording of the eventId field, which differs between the browser and the server tag. */
export interface EventIdWording {
  displayName: string;
  valueHint?: string;
  help: string;
}

/**
 * eventId: the ID both sides send so that TikTok counts the event once. Empty: the event's own ID,
 * else the order-number rule. (On the server, an ID in another event-data key is read by putting an
 * Event Data variable here: one field instead of an ID field and a key field.)
 */
export function eventIdParameter(wording: EventIdWording): TemplateParameter {
  const eventId: TextParameter = { type: 'TEXT', name: 'eventId', displayName: wording.displayName };
  if (wording.valueHint !== undefined) eventId.valueHint = wording.valueHint;
  eventId.help = wording.help;
  return eventId;
}

const TRANSACTION_HELP = 'e.g. <code>T-1001_Purchase</code>: both Countersign tags make the same ID from one order, so TikTok counts it once.';

/**
 * transactionEventId: without an event ID, use <order number>_<TikTok event> (both tags compute the
 * same). A checkbox in the settings variable; in the tags a drop-down whose default takes the
 * settings variable's choice, with the values "true"/"false" (the reader also takes the booleans a
 * tag saved when this was a checkbox).
 */
export function transactionEventIdParameter(inherit: boolean): TemplateParameter {
  if (!inherit) {
    return {
      type: 'CHECKBOX',
      name: 'transactionEventId',
      checkboxText: 'Without an event ID, use the order number + event name',
      defaultValue: true,
      help: TRANSACTION_HELP,
    };
  }
  return inheriting({
    type: 'SELECT',
    name: 'transactionEventId',
    displayName: 'Without an event ID',
    selectItems: [
      { value: 'true', displayValue: 'Use the order number + event name' },
      { value: 'false', displayValue: 'Send no event ID' },
    ],
    help: TRANSACTION_HELP,
  }, 'the order number + event name');
}
