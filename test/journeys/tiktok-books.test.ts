// TikTok's counting rules (src/server/tiktok-books.ts), one rule per test, and the mock's hook: the
// embedded mock books what it accepted and what the Pixel sent.

import { IncomingEvent, TikTokBooks, conversionKind, eventsFromEventsApiBody, pixelEventFromPayload } from '../../src/server/tiktok-books';
import { MockTikTok, TRACK_PATH } from '../../src/server/mock-tiktok';

const PIXEL = 'C9Q2MJ3C77U4P674RPG0';
const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

function copy(overrides: Partial<IncomingEvent> = {}): IncomingEvent {
  return {
    channel: 'pixel', pixel: PIXEL, event: 'Purchase', eventId: 'T-1001_Purchase', receivedAtMs: T0,
    value: 59.9, currency: 'EUR', clickId: false, browserId: true, matchKeys: [], ...overrides,
  };
}

describe('deduplication by pixel, event name and event_id', () => {
  test('a Pixel copy and an Events API copy with the same id within 5 minutes: merged, counted once, match keys joined', () => {
    const books = new TikTokBooks();
    expect(books.record(copy()).outcome).toBe('counted');
    const second = books.record(copy({ channel: 'events_api', receivedAtMs: T0 + 2 * MINUTE, clickId: true, matchKeys: ['email'] }));
    expect(second.outcome).toBe('merged');
    expect(books.counted(PIXEL)).toHaveLength(1);
    expect(books.counted(PIXEL)[0]).toMatchObject({ channel: 'pixel', clickId: true, browserId: true, matchKeys: ['email'], mergedFrom: ['events_api'] });
    expect(books.conversions(PIXEL, 'Purchase')).toEqual({ kind: 'Purchase', count: 1, value: { EUR: 59.9 }, withoutValue: 0 });
  });

  test('a merge fills in parameters the first copy lacks (value, currency, order id), never overwrites them', () => {
    const books = new TikTokBooks();
    books.record(copy({ value: undefined, currency: undefined }));
    books.record(copy({ channel: 'events_api', receivedAtMs: T0 + MINUTE, value: 25, currency: 'EUR', orderId: 'T-1001' }));
    expect(books.counted(PIXEL)[0]).toMatchObject({ value: 25, currency: 'EUR', orderId: 'T-1001' });
    const kept = new TikTokBooks();
    kept.record(copy({ value: 10 }));
    kept.record(copy({ channel: 'events_api', receivedAtMs: T0 + MINUTE, value: 99 }));
    expect(kept.counted(PIXEL)[0].value).toBe(10);
  });

  test('across sides after 5 minutes and within 48 hours: the later copy is dropped (first kept, not enriched)', () => {
    const books = new TikTokBooks();
    books.record(copy({ channel: 'events_api' }));
    const later = books.record(copy({ receivedAtMs: T0 + 47 * HOUR, matchKeys: ['phone'] }));
    expect(later.outcome).toBe('deduplicated');
    expect(books.counted(PIXEL)).toEqual([expect.objectContaining({ channel: 'events_api', matchKeys: [], duplicatesDropped: 1 })]);
  });

  test('across sides after 48 hours: counted again', () => {
    const books = new TikTokBooks();
    books.record(copy());
    const after = books.record(copy({ channel: 'events_api', receivedAtMs: T0 + 48 * HOUR + 1 }));
    expect(after.outcome).toBe('counted');
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(2);
    expect(books.conversions(PIXEL, 'Purchase').value).toEqual({ EUR: 119.8 });
  });

  test('the window runs from the first copy, not from the latest duplicate', () => {
    const books = new TikTokBooks();
    books.record(copy());
    expect(books.record(copy({ receivedAtMs: T0 + 30 * HOUR })).outcome).toBe('deduplicated');
    expect(books.record(copy({ receivedAtMs: T0 + 49 * HOUR })).outcome).toBe('counted');
  });

  test('within one side: a second Pixel copy or a retried Events API copy is dropped, even within 5 minutes', () => {
    const books = new TikTokBooks();
    books.record(copy());
    expect(books.record(copy({ receivedAtMs: T0 + 1000 })).outcome).toBe('deduplicated');
    books.record(copy({ channel: 'events_api', eventId: 'E-2', receivedAtMs: T0 }));
    expect(books.record(copy({ channel: 'events_api', eventId: 'E-2', receivedAtMs: T0 + 1000 })).outcome).toBe('deduplicated');
    expect(books.counted(PIXEL).map((event) => event.eventId)).toEqual(['T-1001_Purchase', 'E-2']);
  });

  test('same id, different event name: two events (names are compared exactly, legacy and current alike)', () => {
    const books = new TikTokBooks();
    books.record(copy({ event: 'CompletePayment' }));
    expect(books.record(copy({ channel: 'events_api', event: 'Purchase' })).outcome).toBe('counted');
    expect(books.record(copy({ channel: 'events_api', event: 'purchase', eventId: 'T-1001_Purchase' })).outcome).toBe('counted');
    // CompletePayment and Purchase are the same kind of conversion: counted twice as purchases.
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(2);
  });

  test('missing or empty event_id: every copy counts', () => {
    const books = new TikTokBooks();
    books.record(copy({ eventId: undefined }));
    books.record(copy({ channel: 'events_api', eventId: undefined }));
    const empty = books.record(copy({ channel: 'events_api', eventId: '' }));
    expect(empty).toMatchObject({ outcome: 'counted', reason: expect.stringContaining('no event_id') });
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(3);
  });

  test('one id sent without event_id on one side only: the _ttp fallback is not relied on', () => {
    const books = new TikTokBooks();
    books.record(copy({ browserId: true }));
    books.record(copy({ channel: 'events_api', eventId: undefined, browserId: true }));
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(2);
  });

  test('different ids, same order: two events', () => {
    const books = new TikTokBooks();
    books.record(copy({ eventId: '1763.42_17' }));
    books.record(copy({ channel: 'events_api', eventId: '1763.42_9' }));
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(2);
  });

  test('pixel codes: each pixel has its own books; a code differing only in case reaches the same book but not the same key', () => {
    const books = new TikTokBooks();
    books.record(copy());
    books.record(copy({ pixel: 'D17TA5JC77UDOT6CA5FG' }));
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(1);
    expect(books.record(copy({ channel: 'events_api', pixel: PIXEL.toLowerCase() })).outcome).toBe('counted');
    expect(books.conversions(PIXEL, 'Purchase').count).toBe(2);
  });

  test('test events are shown, not counted', () => {
    const books = new TikTokBooks();
    expect(books.record(copy({ test: true })).outcome).toBe('test');
    expect(books.counted(PIXEL)).toEqual([]);
  });

  test('values without currency and conversions without value are reported apart', () => {
    const books = new TikTokBooks();
    books.record(copy({ eventId: 'a', currency: undefined }));
    books.record(copy({ eventId: 'b', value: undefined }));
    expect(books.conversions(PIXEL, 'Purchase')).toEqual({ kind: 'Purchase', count: 2, value: { '': 59.9 }, withoutValue: 1 });
    expect(conversionKind('SubmitForm')).toBe('Lead');
    expect(conversionKind('purchase')).toBe('purchase');
    expect(conversionKind('ViewContent')).toBe('ViewContent');
  });
});

describe('payload readers', () => {
  test('Events API body: every event, identity flags and match key names, test code', () => {
    const hash = 'a'.repeat(64);
    const events = eventsFromEventsApiBody({
      event_source: 'web', event_source_id: PIXEL, test_event_code: 'TEST1',
      data: [
        { event: 'Purchase', event_id: 'x', user: { ttclid: 'E.C.P.1', ttp: 'abc', email: [hash], phone: hash, external_id: [] }, properties: { value: 10, currency: 'EUR', order_id: 'T-1' } },
        { event: 'Pageview' },
      ],
    }, T0);
    expect(events).toEqual([
      expect.objectContaining({ channel: 'events_api', event: 'Purchase', eventId: 'x', clickId: true, browserId: true, matchKeys: ['email', 'phone'], value: 10, currency: 'EUR', orderId: 'T-1', test: true }),
      expect.objectContaining({ event: 'Pageview', eventId: undefined, clickId: false, matchKeys: [] }),
    ]);
  });

  test('Pixel payload: pixel_code and event required; phone_number counts as phone', () => {
    expect(pixelEventFromPayload({ event: 'Purchase' }, T0)).toBeUndefined();
    expect(pixelEventFromPayload({ pixel_code: PIXEL, event: 'Lead', user: { phone_number: 'f'.repeat(64) } }, T0))
      .toMatchObject({ channel: 'pixel', event: 'Lead', matchKeys: ['phone'] });
  });
});

describe('the mock keeps the books', () => {
  const body = (eventId: string, testCode?: string) => JSON.stringify({
    event_source: 'web', event_source_id: PIXEL, ...(testCode ? { test_event_code: testCode } : {}),
    data: [{ event: 'Purchase', event_time: Math.floor(T0 / 1000), event_id: eventId, page: { url: 'https://shop.example/' }, properties: { value: 5, currency: 'EUR' } }],
  });
  const track = (mock: MockTikTok, payload: string) => mock.handle({ method: 'POST', path: TRACK_PATH, headers: { 'access-token': 't' }, body: payload });

  test('accepted requests and Pixel events are booked at the mock clock; refused and test requests are not counted', () => {
    let now = T0;
    const mock = new MockTikTok({ now: () => now });
    expect(track(mock, body('T-1_Purchase'))?.status).toBe(200);
    now += MINUTE;
    expect(mock.receivePixelEvent({ pixel_code: PIXEL, event: 'Purchase', event_id: 'T-1_Purchase', properties: { value: 5, currency: 'EUR' } })).toBe(true);
    track(mock, body('T-2_Purchase', 'TEST1'));
    track(mock, '{"event_source":"web"}');
    expect(mock.books.conversions(PIXEL, 'Purchase')).toMatchObject({ count: 1, value: { EUR: 5 } });
    expect(mock.books.counted(PIXEL)[0].mergedFrom).toEqual(['pixel']);

    const view = mock.handle({ method: 'GET', path: '/_mock/tiktok/books', headers: {}, body: '' });
    expect(JSON.parse(view!.body).pixels[0].copies.map((c: { outcome: string }) => c.outcome)).toEqual(['counted', 'merged', 'test']);
    mock.reset();
    expect(mock.books.pixels()).toEqual([]);
  });

  test('the Pixel control endpoint: JSON in, 400 for a body without pixel_code', () => {
    const mock = new MockTikTok({ now: () => T0 });
    const post = (text: string) => mock.handle({ method: 'POST', path: '/_mock/tiktok/pixel', headers: {}, body: text });
    expect(post(JSON.stringify({ pixel_code: PIXEL, event: 'Pageview' }))?.status).toBe(200);
    expect(post('{"event":"Pageview"}')?.status).toBe(400);
    expect(mock.books.counted(PIXEL)).toHaveLength(1);
  });
});
