import { MAX_EVENT_ID_LENGTH, resolveEventId } from '../../src/core/event-id';
import { tk } from './node-toolkit';

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
    expect(resolveEventId(input, tk)).toEqual({ eventId: id, source });
  });

  test.each([
    ['nothing', {}],
    ['object id', { eventData: { event_id: { a: 1 } } }],
    ['boolean id', { eventData: { event_id: true } }],
    ['transaction without event name', { eventData: { transaction_id: 'T' } }],
    ['transaction fallback disabled', { eventData: { transaction_id: 'T' }, tiktokEventName: 'Purchase', useTransactionFallback: false }],
    ['garbage event data', { eventData: 'garbage' }],
  ])('no id: %s', (_label, input) => {
    expect(resolveEventId(input, tk)).toEqual({ source: 'none' });
  });

  test('deterministic (never random)', () => {
    const input = { eventData: { transaction_id: 'T-9' }, tiktokEventName: 'Purchase' };
    expect(resolveEventId(input, tk)).toEqual(resolveEventId(input, tk));
  });

  test('very long ids are clipped', () => {
    expect(resolveEventId({ explicit: 'x'.repeat(1000) }, tk).eventId).toHaveLength(MAX_EVENT_ID_LENGTH);
  });
});
