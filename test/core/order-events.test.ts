// Only an order event takes its transaction_id: the `<transaction_id>_<event>` event_id and the
// order_id (src/core/event-id.ts, isOrderEvent). GTM's recursive data-layer merge leaves a
// purchase's transaction_id under `ecommerce` for later pushes, and the GA4 event tag sends the
// merged object, so the server sees a view_item with the order's transaction_id. Both sides map an
// event through mapConversion, so the browser (data layer) and the server (event data) must agree.
import { mapConversion } from '../../src/core/conversion';
import { isOrderEvent } from '../../src/core/event-id';
import { eventFromServerData } from '../../src/core/server-input';
import { getPath } from '../../src/core/toolkit';
import { mapDataLayerEvent } from '../../src/core/web-input';
import { dataLayerModel } from '../../src/sandbox/apis/web';
import { tk } from './node-toolkit';

const ORDER = { transaction_id: 'T-1001', value: 25, currency: 'EUR', items: [{ item_id: 'TEE', price: 20, quantity: 1 }] };
const VIEW = { value: 12.5, currency: 'EUR', items: [{ item_id: 'MUG', price: 12.5, quantity: 1 }] };

/** The server's copy: what the GA4 event tag sends is the merged ecommerce object, flattened into event data. */
function serverSide(eventName: string, ecommerce: Record<string, unknown>, names: { nameSet?: 'current' | 'legacy' } = {}) {
  return mapConversion(eventFromServerData({ event_name: eventName, ...ecommerce }, {}, tk), { eventNames: names }, tk);
}

/** The browser's copy: the Pixel tag reads the data layer GTM merged from these pushes. */
function webSide(pushes: Record<string, unknown>[], names: { nameSet?: 'current' | 'legacy' } = {}) {
  const read = (key: string, version?: number) => (version === 1 ? dataLayerModel(pushes, 1)[key] : getPath(dataLayerModel(pushes, 2), key, tk));
  return mapDataLayerEvent(read, { readUserData: false }, { eventNames: names }, tk);
}

describe('order events', () => {
  test.each([
    ['purchase', 'Purchase', true], ['refund', undefined, true], ['order_complete', 'Purchase', true], ['anything', 'CompletePayment', true],
    ['anything', 'PlaceAnOrder', true], ['view_item', 'ViewContent', false], ['begin_checkout', 'InitiateCheckout', false],
    ['add_payment_info', 'AddPaymentInfo', false], ['sign_up', 'CompleteRegistration', false], [undefined, undefined, false],
  ])('%p sent as %p is an order event: %p', (incoming, tiktok, expected) => {
    expect(isOrderEvent(incoming, tiktok)).toBe(expected);
  });

  test('a view_item carrying the order\'s transaction_id (the merged data layer) gets neither its id nor its order_id, with a log line', () => {
    const server = serverSide('view_item', { ...ORDER, ...VIEW });
    expect(server.eventName.name).toBe('ViewContent');
    expect(server.eventId).toEqual({ source: 'none' });
    expect(server.properties.order_id).toBeUndefined();
    expect(server.properties).toMatchObject({ value: 12.5, currency: 'EUR', content_ids: ['MUG'] });
    expect(server.warnings.join(' ')).toContain('transaction_id ignored');
  });

  test.each(['current', 'legacy'] as const)('browser and server agree (%s names): the purchase takes its transaction id, the view_item after it does not', (nameSet) => {
    const pushes = [{ event: 'purchase', ecommerce: ORDER }, { event: 'view_item', ecommerce: VIEW }];
    const merged = dataLayerModel(pushes, 2).ecommerce as Record<string, unknown>;
    expect(merged.transaction_id).toBe('T-1001');
    const purchaseName = nameSet === 'legacy' ? 'CompletePayment' : 'Purchase';
    const pairs = [
      { web: webSide(pushes.slice(0, 1), { nameSet }), server: serverSide('purchase', ORDER, { nameSet }), id: 'T-1001_' + purchaseName, orderId: 'T-1001' },
      { web: webSide(pushes, { nameSet }), server: serverSide('view_item', merged, { nameSet }), id: undefined, orderId: undefined },
    ];
    for (const pair of pairs) {
      expect(pair.server.eventName.name).toBe(pair.web.eventName.name);
      expect(pair.server.eventId.eventId).toBe(pair.id);
      expect(pair.web.eventId.eventId).toBe(pair.id);
      expect(pair.server.properties.order_id).toBe(pair.orderId);
      expect(pair.web.properties.order_id).toBe(pair.orderId);
      expect(pair.server.properties.value).toBe(pair.web.properties.value);
    }
  });

  test('a view_item that itself carries a transaction_id is treated alike on both sides', () => {
    const web = webSide([{ event: 'view_item', ecommerce: { ...VIEW, transaction_id: 'T-9' } }]);
    const server = serverSide('view_item', { ...VIEW, transaction_id: 'T-9' });
    expect(web.eventId).toEqual({ source: 'none' });
    expect(server.eventId).toEqual({ source: 'none' });
    expect(web.properties.order_id).toBeUndefined();
  });

  test('an explicit event id still wins on a non-order event', () => {
    const server = mapConversion(eventFromServerData({ event_name: 'view_item', event_id: 'page_7', ...ORDER }, {}, tk), { eventNames: {} }, tk);
    expect(server.eventId).toEqual({ eventId: 'page_7', source: 'event_data' });
  });
});
