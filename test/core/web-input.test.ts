// The web input adapter (src/core/web-input.ts) on data layers merged the way GTM merges them (the
// emulator's data model, src/sandbox/apis/web.ts): e-commerce pushes, gtag-style events (parameters
// under eventModel), user_data, TikTok's tt_* keys, and stale order fields left by the recursive merge.
import { mapConversion } from '../../src/core/conversion';
import { getPath } from '../../src/core/toolkit';
import { WebInputOptions, eventFromDataLayer, mapDataLayerEvent } from '../../src/core/web-input';
import { dataLayerModel } from '../../src/sandbox/apis/web';
import { sha256HexNode, tk } from './node-toolkit';

/** copyFromDataLayer over a list of pushes: version 1 = the latest push of the key, else the merged model. */
function reader(pushes: Record<string, unknown>[]) {
  return (key: string, version?: number) => (version === 1 ? dataLayerModel(pushes, 1)[key] : getPath(dataLayerModel(pushes, 2), key, tk));
}

function convert(pushes: Record<string, unknown>[], options: WebInputOptions = { readUserData: false }) {
  return mapDataLayerEvent(reader(pushes), options, { eventNames: {} }, tk);
}

const purchase = { event: 'purchase', ecommerce: { transaction_id: '1042', value: 25, currency: 'EUR', items: [{ item_id: 'A', price: 12.5, quantity: 2 }] } };

describe('dataLayer.push e-commerce', () => {
  test('the push\'s ecommerce becomes the properties and the transaction event_id', () => {
    const c = convert([{ event: 'gtm.js' }, purchase]);
    expect(c.eventName.name).toBe('Purchase');
    expect(c.properties).toMatchObject({ value: 25, currency: 'EUR', order_id: '1042', content_ids: ['A'] });
    expect(c.eventId).toEqual({ eventId: '1042_Purchase', source: 'transaction' });
  });

  test('a view_item pushed after a purchase without ecommerce: null does not inherit the order', () => {
    const pushes = [purchase, { event: 'view_item', ecommerce: { currency: 'EUR', items: [{ item_id: 'B', price: 5 }] } }];
    // What the merged model (version 2) holds: the purchase's order fields under the view_item's items.
    expect(getPath(dataLayerModel(pushes, 2), 'ecommerce.transaction_id', tk)).toBe('1042');
    const c = convert(pushes);
    expect(c.eventName.name).toBe('ViewContent');
    expect(c.properties.order_id).toBeUndefined();
    expect(c.properties.value).toBe(5);
    expect(c.eventId).toEqual({ source: 'none' });
  });

  test('a page view reads no e-commerce (a GA4 page view sends none)', () => {
    const c = convert([purchase, { event: 'gtm.historyChange' }]);
    expect(c.eventName.name).toBe('Pageview');
    expect(c.properties).toEqual({});
    expect(c.eventId.source).toBe('none');
  });
});

describe('gtag-style events (parameters under eventModel)', () => {
  const gtagPurchase = {
    event: 'purchase',
    eventModel: { transaction_id: 'T-1001', value: 25, currency: 'EUR', event_id: 'E-77', items: [{ item_id: 'A', price: 10, quantity: 2 }], user_data: { email: 'a@x.com' } },
  };

  test('value, currency, contents, order_id and the gtag event_id are read', () => {
    const c = convert([gtagPurchase], { readUserData: true });
    expect(c.properties).toMatchObject({ value: 25, currency: 'EUR', order_id: 'T-1001', content_ids: ['A'], num_items: 2 });
    expect(c.eventId).toEqual({ eventId: 'E-77', source: 'event_data' });
    expect(c.userPlan.email).toEqual([{ value: 'a@x.com', hashed: false }]);
  });

  test('without an event_id parameter both sides fall back to <transaction_id>_<event>', () => {
    const c = convert([{ event: 'purchase', eventModel: { transaction_id: 'T-1001', value: 25 } }]);
    expect(c.eventId.eventId).toBe('T-1001_Purchase');
  });

  test('the ecommerce of the push wins over an eventModel; the two are never mixed', () => {
    const c = convert([gtagPurchase, { event: 'view_item', ecommerce: { items: [{ item_id: 'B', price: 5 }] } }]);
    expect(c.properties.order_id).toBeUndefined();
    expect(c.properties.content_ids).toEqual(['B']);
  });
});

describe('user_data and TikTok\'s data-layer keys', () => {
  test('user_data only when advanced matching reads the data layer', () => {
    const pushes = [{ event: 'sign_up', user_data: { email: 'A@X.com', phone_number: '+4915112345678' } }];
    expect(convert(pushes).userPlan.email).toEqual([]);
    expect(convert(pushes, { readUserData: true }).userPlan.email).toEqual([{ value: 'a@x.com', hashed: false }]);
  });

  test('tt_contents, tt_content_type and tt_external_id (data layer or eventModel)', () => {
    const c = convert([{ event: 'add_to_cart', tt_contents: [{ content_id: 'C-1', quantity: 2, price: 3 }], tt_content_type: 'product_group', tt_external_id: 'cust-1' }], { readUserData: true });
    expect(c.properties).toMatchObject({ content_ids: ['C-1'], num_items: 2, content_type: 'product_group', value: 6 });
    expect(c.userPlan.external_id).toEqual([{ value: 'cust-1', hashed: false }]);
    const viaEventModel = convert([{ event: 'add_to_cart', eventModel: { tt_contents: '[{"content_id":"C-2"}]', tt_external_id: sha256HexNode('x') } }], { readUserData: true });
    expect(viaEventModel.properties.content_ids).toEqual(['C-2']);
    expect(viaEventModel.userPlan.external_id).toEqual([{ value: sha256HexNode('x'), hashed: true }]);
  });

  test('commerce fields (variables) replace the data layer', () => {
    const c = mapConversion(eventFromDataLayer('purchase', reader([purchase]), { readUserData: false, commerceFields: { value: '9.5', currency: 'usd', transactionId: 77, searchTerm: ' q ' } }, tk), { eventNames: {} }, tk);
    expect(c.properties).toEqual({ value: 9.5, currency: 'USD', order_id: '77', search_string: 'q', query: 'q' });
  });
});

describe('reads only what the event needs', () => {
  /** The reader above, recording the keys asked for. */
  function recording(pushes: Record<string, unknown>[]) {
    const keys: string[] = [];
    const read = reader(pushes);
    return { keys, read: (key: string, version?: number) => { keys.push(key); return read(key, version); } };
  }

  test('a skipped event reads only the event name', () => {
    const { keys, read } = recording([{ event: 'view_cart', ecommerce: { items: [{ item_id: 'A' }] }, user_data: { email: 'a@x.com' } }]);
    const c = mapDataLayerEvent(read, { readUserData: true }, { eventNames: {} }, tk);
    expect(c.eventName.skip).toBe(true);
    expect(keys).toEqual(['event']);
  });

  test('a page view reads no e-commerce; a mapped event reads it', () => {
    const pageview = recording([purchase, { event: 'gtm.load' }]);
    mapDataLayerEvent(pageview.read, { readUserData: false }, { eventNames: {} }, tk);
    expect(pageview.keys).toEqual(['event', 'eventModel']);
    const sale = recording([purchase]);
    mapDataLayerEvent(sale.read, { readUserData: true }, { eventNames: {} }, tk);
    expect(sale.keys).toEqual(['event', 'eventModel', 'ecommerce', 'search_term', 'tt_contents', 'tt_content_type', 'user_data', 'tt_external_id']);
  });
});
