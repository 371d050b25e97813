import { EventIdInput, MAX_EVENT_ID_LENGTH, resolveEventId } from '../../src/core/event-id';
import { eventFromServerData } from '../../src/core/server-input';
import { tk } from './node-toolkit';

/** The event ID inputs of event data as the server adapter reads them (key: the tag's event ID key). */
function fromEventData(input: { explicit?: unknown; eventData?: unknown; key?: string; tiktokEventName?: string; useTransactionFallback?: boolean }): EventIdInput {
  const event = eventFromServerData(input.eventData, { eventIdKey: input.key }, tk);
  return {
    explicit: input.explicit, candidates: event.eventIdCandidates, transactionId: event.commerce.transactionId,
    tiktokEventName: input.tiktokEventName, useTransactionFallback: input.useTransactionFallback,
  };
}

describe('resolveEventId', () => {
  test.each([
    ['explicit field wins', { explicit: 'abc', eventData: { event_id: 'ev' } }, 'abc', 'field'],
    ['explicit number becomes a string', { explicit: 273196 }, '273196', 'field'],
    ['event data event_id', { eventData: { event_id: 'ev-1' } }, 'ev-1', 'event_data'],
    ['numeric event data id becomes a string (TikTok 40002 otherwise)', { eventData: { event_id: 273196 } }, '273196', 'event_data'],
    ['configurable key with dot path', { eventData: { meta: { eid: 'm1' } }, key: 'meta.eid' }, 'm1', 'event_data'],
    ['transaction fallback', { eventData: { transaction_id: 'T-1' }, tiktokEventName: 'Purchase' }, 'T-1_Purchase', 'transaction'],
    ['numeric transaction id', { eventData: { transaction_id: 1042 }, tiktokEventName: 'Purchase' }, '1042_Purchase', 'transaction'],
    ['empty explicit falls through', { explicit: '  ', eventData: { event_id: 'x' } }, 'x', 'event_data'],
  ])('%s', (_label, input, id, source) => {
    expect(resolveEventId(fromEventData(input), tk)).toEqual({ eventId: id, source });
  });

  test.each([
    ['nothing', {}],
    ['object id', { eventData: { event_id: { a: 1 } } }],
    ['boolean id', { eventData: { event_id: true } }],
    ['transaction without event name', { eventData: { transaction_id: 'T' } }],
    ['transaction fallback disabled', { eventData: { transaction_id: 'T' }, tiktokEventName: 'Purchase', useTransactionFallback: false }],
    ['garbage event data', { eventData: 'garbage' }],
  ])('no id: %s', (_label, input) => {
    expect(resolveEventId(fromEventData(input), tk)).toEqual({ source: 'none' });
  });

  test('deterministic (never random)', () => {
    const input = { eventData: { transaction_id: 'T-9' }, tiktokEventName: 'Purchase' };
    expect(resolveEventId(fromEventData(input), tk)).toEqual(resolveEventId(fromEventData(input), tk));
  });

  test('very long ids are clipped', () => {
    expect(resolveEventId({ explicit: 'x'.repeat(1000) }, tk).eventId).toHaveLength(MAX_EVENT_ID_LENGTH);
  });
});
