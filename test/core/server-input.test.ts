// The server input adapters (src/core/server-input.ts): each input shape read into the event model,
// and what the mapping then sends for it.
import { mapEvent, toTikTokEvent } from '../../src/core/map-event';
import { SERVER_ADAPTERS, eventFromServerData } from '../../src/core/server-input';
import { sha256HexNode, tk } from './node-toolkit';

const NOW = 1763900000000;

function sent(eventData: Record<string, unknown>) {
  const mapped = mapEvent(eventFromServerData(eventData, {}, tk), { eventNames: {} }, {}, NOW, tk);
  return toTikTokEvent(mapped, sha256HexNode);
}

describe('GA4 client event data', () => {
  const ga4 = {
    event_name: 'purchase', transaction_id: 'T-1', value: 59.9, currency: 'EUR', items: [{ item_id: 'A', price: 29.95, quantity: 2 }],
    event_id: 'E-1', user_data: { email: 'a@x.com', address: [{ city: 'Berlin' }] }, user_id: 'U-1', page_location: 'https://s.example/?ttclid=E.C.P.u',
    page_referrer: 'https://r.example/', 'x-ga-gcs': 'G111', client_id: '1.1738980312', _ttp: 'T', client_hints: { mobile: true },
    event_time: 1763890000, limited_data_use: true, ip_override: '1.2.3.4', user_agent: 'UA', language: 'de',
  };

  test('every part of the model is read', () => {
    const event = eventFromServerData(ga4, {}, tk);
    expect(event.name).toBe('purchase');
    expect(event.commerce).toMatchObject({ transactionId: 'T-1', value: 59.9, currency: 'EUR', items: ga4.items });
    expect(event.eventIdCandidates[0]).toBe('E-1');
    expect(event.user.userData.email).toContain('a@x.com');
    expect(event.user.userData.city).toContain('Berlin');
    expect(event.user.userId).toBe('U-1');
    expect(event.consent.gcs).toBe('G111');
    expect(event.page).toEqual({ url: ga4.page_location, referrer: ga4.page_referrer });
    expect(event.identifiers.ttp[0]).toBe('T');
    expect(event.identifiers.gaClientId[0]).toBe('1.1738980312');
    expect(event.eventTime[0]).toBe(1763890000);
    expect(event.clientHints).toEqual({ mobile: true });
    expect(event.limitedDataUse).toBe(true);
    expect([event.user.ip[0], event.user.userAgent[0], event.user.language[0]]).toEqual(['1.2.3.4', 'UA', 'de']);
  });

  test('the event ID and Limited Data Use keys are the tag\'s (dot paths allowed)', () => {
    const event = eventFromServerData({ meta: { eid: 'M-1' }, flags: { ldu: 1 } }, { eventIdKey: 'meta.eid', limitedDataUseKey: 'flags.ldu' }, tk);
    expect(event.eventIdCandidates[0]).toBe('M-1');
    expect(event.limitedDataUse).toBe(1);
  });

  test('garbage event data gives an empty model, never an exception', () => {
    for (const garbage of [undefined, null, 'x', 42, [], { items: { a: 1 }, user_data: 'x', ecommerce: 7 }]) {
      expect(() => sent(garbage as Record<string, unknown>)).not.toThrow();
    }
  });
});

describe('nested ecommerce (Data Client, custom clients)', () => {
  const nested = {
    event_name: 'purchase',
    ecommerce: { transaction_id: 'T-1001', value: 25, currency: 'EUR', items: [{ item_id: 'A', price: 10, quantity: 2 }] },
  };

  test('value, currency, order_id and the transaction event_id come through; the order total wins over the item sum', () => {
    const event = sent(nested);
    expect(event.properties).toMatchObject({ value: 25, currency: 'EUR', order_id: 'T-1001', content_ids: ['A'], num_items: 2 });
    expect(event.event_id).toBe('T-1001_Purchase');
  });

  test('the event\'s own keys win over the nested object, field by field', () => {
    const event = sent({ ...nested, value: 30, transaction_id: 'T-own' });
    expect(event.properties).toMatchObject({ value: 30, order_id: 'T-own', currency: 'EUR' });
    expect(sent({ ...nested, items: [{ item_id: 'B', price: 1 }] }).properties.content_ids).toEqual(['B']);
  });
});

describe('Measurement Protocol keys', () => {
  test('x-ga-mp2-* parameters fill an event without e-commerce keys', () => {
    const event = sent({ event_name: 'purchase', 'x-ga-mp2-transaction_id': 'T-9', 'x-ga-mp2-value': '12.5', 'x-ga-mp2-currency': 'usd', 'x-ga-mp2-event_id': 'E-9' });
    expect(event.properties).toMatchObject({ value: 12.5, currency: 'USD', order_id: 'T-9' });
    expect(event.event_id).toBe('E-9');
  });

  test('a Universal Analytics MP value (x-ga-mp1-ev, then x-ga-mp1-tr) is the last value source', () => {
    expect(sent({ event_name: 'purchase', 'x-ga-mp1-tr': '40' }).properties.value).toBe(40);
    expect(sent({ event_name: 'purchase', 'x-ga-mp1-ev': 7, 'x-ga-mp1-tr': '40' }).properties.value).toBe(7);
    expect(sent({ event_name: 'purchase', value: 3, 'x-ga-mp1-tr': '40' }).properties.value).toBe(3);
  });

  test('the GA4 client\'s own keys win over x-ga-mp2-*', () => {
    expect(sent({ event_name: 'purchase', transaction_id: 'T-own', 'x-ga-mp2-transaction_id': 'T-mp' }).properties.order_id).toBe('T-own');
  });

  test('customer keys sent as bare hit parameters (x-ga-mp2-email, -phone_number, -first_name...) become match keys, after every other shape', () => {
    const user = sent({
      event_name: 'purchase', 'x-ga-mp2-email': 'Mp@X.com', 'x-ga-mp2-phone_number': '+49 151 12345678', 'x-ga-mp2-external_id': 'cust-9',
      'x-ga-mp2-first_name': 'Ann', 'x-ga-mp2-last_name': 'Lee', 'x-ga-mp2-postal_code': '10115', 'x-ga-mp2-city': 'Köln', 'x-ga-mp2-region': 'NRW', 'x-ga-mp2-country': 'DE',
    }).user;
    expect(user).toMatchObject({
      email: sha256HexNode('mp@x.com'), phone: sha256HexNode('+4915112345678'), external_id: sha256HexNode('cust-9'), first_name: sha256HexNode('ann'),
      last_name: sha256HexNode('lee'), zip_code: sha256HexNode('10115'), city: 'köln', state: 'nrw', country: 'de',
    });
    const both = sent({ event_name: 'purchase', first_name: 'Top', 'x-ga-mp2-first_name': 'Mp', city: 'Top', 'x-ga-mp2-city': 'Mp' }).user;
    expect([both.first_name, both.city]).toEqual([sha256HexNode('top'), 'top']);
  });
});

describe('top-level user keys (other templates and clients)', () => {
  test('first_name, last_name, zip, city, state, country, email, phone become match keys', () => {
    const user = sent({ event_name: 'purchase', email: 'A@X.com', phone: '+49 151 12345678', first_name: 'Ann', last_name: 'Lee', zip: 'SW1A 1AA', city: 'Bad Homburg', state: 'HE', country: 'DE' }).user;
    expect(user).toMatchObject({
      email: sha256HexNode('a@x.com'), phone: sha256HexNode('+4915112345678'), first_name: sha256HexNode('ann'),
      last_name: sha256HexNode('lee'), zip_code: sha256HexNode('sw1a1aa'), city: 'badhomburg', state: 'he', country: 'de',
    });
  });

  test('the spellings other templates send: email_address, firstName, lastName, zip_code, postal_code, region', () => {
    const user = sent({ event_name: 'purchase', email_address: 'B@Y.org', firstName: 'Ann', lastName: 'Lee', postal_code: '10115', region: 'Hessen' }).user;
    expect(user).toMatchObject({
      email: sha256HexNode('b@y.org'), first_name: sha256HexNode('ann'), last_name: sha256HexNode('lee'), zip_code: sha256HexNode('10115'), state: 'hessen',
    });
    expect(sent({ event_name: 'purchase', zip_code: 'SW1A 1AA' }).user.zip_code).toBe(sha256HexNode('sw1a1aa'));
    // The GA4 spelling comes first when both are there.
    expect(sent({ event_name: 'purchase', first_name: 'Own', firstName: 'Other' }).user.first_name).toBe(sha256HexNode('own'));
    expect(sent({ event_name: 'purchase', email: 'own@x.co', email_address: 'other@x.co' }).user.email).toEqual([sha256HexNode('own@x.co'), sha256HexNode('other@x.co')]);
  });

  test('GA4 user_data wins over top-level keys', () => {
    const user = sent({ event_name: 'purchase', first_name: 'Top', city: 'Top', user_data: { address: { first_name: 'Nested', city: 'Nested' } } }).user;
    expect(user.first_name).toBe(sha256HexNode('nested'));
    expect(user.city).toBe('nested');
  });
});

describe('TikTok\'s own templates\' keys', () => {
  test('tt_contents (JSON text) gives contents, tt_content_type the type, tt_external_id the external id', () => {
    const event = sent({
      event_name: 'purchase', value: 48.58, currency: 'USD',
      tt_contents: '[{"item_name":"T-Shirt","item_id":"12345","price":15.25,"quantity":1},{"item_name":"Pants","item_id":"67890","price":33.33,"quantity":2}]',
      tt_content_type: 'product_group', tt_external_id: 'cust-7',
    });
    expect(event.properties).toMatchObject({ content_ids: ['12345', '67890'], num_items: 3, content_type: 'product_group', value: 48.58 });
    expect(event.user.external_id).toBe(sha256HexNode('cust-7'));
  });

  test('GA4 items and content_type win; tt_external_id comes before user_id, after external_id', () => {
    const event = sent({ event_name: 'purchase', items: [{ item_id: 'G' }], tt_contents: [{ content_id: 'T' }], content_type: 'product', tt_content_type: 'product_group', tt_external_id: 'tt', user_id: 'u' });
    expect(event.properties).toMatchObject({ content_ids: ['G'], content_type: 'product' });
    // external_id takes several values (in order): tt_external_id, then the user id.
    expect(event.user.external_id).toEqual([sha256HexNode('tt'), sha256HexNode('u')]);
    expect(sent({ event_name: 'purchase', external_id: 'own', tt_external_id: 'tt' }).user.external_id).toEqual([sha256HexNode('own'), sha256HexNode('tt')]);
  });
});

describe('app and device keys', () => {
  test('kept in the model for the app event source', () => {
    const event = eventFromServerData({ app_id: 'com.shop', app_name: 'Shop', app_version: '2.1', idfa: 'I', idfv: 'V', gaid: 'G', att_status: 'AUTHORIZED' }, {}, tk);
    expect(event.app).toEqual({ appId: 'com.shop', appName: 'Shop', appVersion: '2.1', idfa: 'I', idfv: 'V', gaid: 'G', attStatus: 'AUTHORIZED', platform: undefined });
  });

  test('the GA4 app client\'s keys: x-ga-platform chooses what x-ga-resettable_device_id is (IDFA on iOS, GAID on Android); x-ga-vendor_device_id is the IDFV', () => {
    const ios = eventFromServerData({ 'x-ga-platform': 'IOS', 'x-ga-resettable_device_id': 'A-1', 'x-ga-vendor_device_id': 'V-1', app_version: '5.2' }, {}, tk).app;
    expect(ios).toMatchObject({ platform: 'IOS', idfa: 'A-1', idfv: 'V-1', appVersion: '5.2' });
    expect(ios.gaid).toBeUndefined();
    const android = eventFromServerData({ 'x-ga-platform': 'android', 'x-ga-resettable_device_id': 'G-1', 'x-ga-vendor_device_id': 'V-1' }, {}, tk).app;
    expect(android).toMatchObject({ platform: 'android', gaid: 'G-1' });
    expect([android.idfa, android.idfv]).toEqual([undefined, undefined]);
    // Without a platform the advertising id cannot be told apart: neither key is filled.
    const unknown = eventFromServerData({ 'x-ga-resettable_device_id': 'X' }, {}, tk).app;
    expect([unknown.idfa, unknown.gaid]).toEqual([undefined, undefined]);
    // A top-level key the app sent itself wins.
    expect(eventFromServerData({ 'x-ga-platform': 'ios', idfa: 'own', 'x-ga-resettable_device_id': 'A-1' }, {}, tk).app.idfa).toBe('own');
  });
});

describe('CRM and offline keys', () => {
  test('lead_id and lead_event_source at the top level, or in a lead object', () => {
    expect(eventFromServerData({ lead_id: 'L-1', lead_event_source: 'HubSpot' }, {}, tk).lead).toEqual({ leadId: 'L-1', leadEventSource: 'HubSpot' });
    expect(eventFromServerData({ lead: { lead_id: 7, lead_event_source: 'Salesforce' } }, {}, tk).lead).toEqual({ leadId: 7, leadEventSource: 'Salesforce' });
    expect(eventFromServerData({ lead_id: 'top', lead: { lead_id: 'nested' } }, {}, tk).lead.leadId).toBe('top');
    expect(eventFromServerData({ lead: 'x' }, {}, tk).lead).toEqual({ leadId: undefined, leadEventSource: undefined });
  });

  test('shop_id is the store of an offline event', () => {
    expect(eventFromServerData({ shop_id: 'store-7' }, {}, tk).commerce.shopId).toBe('store-7');
  });
});

test('an input shape is one adapter in the list', () => {
  expect(SERVER_ADAPTERS.map((adapter) => adapter.name)).toEqual([
    'ga4Client', 'nestedEcommerce', 'measurementProtocol', 'topLevelUserKeys', 'measurementProtocolUserKeys', 'tikTokKeys', 'appKeys', 'ga4AppStream',
    'leadKeys', 'storeKeys', 'requestPage',
  ]);
});

test("the request's Referer is the page URL only when the event names none", () => {
  expect(eventFromServerData({ event_name: 'purchase' }, { pageUrlFallback: 'https://s.example/p' }, tk).page.url).toBe('https://s.example/p');
  expect(eventFromServerData({ page_location: 'https://s.example/own' }, { pageUrlFallback: 'https://s.example/p' }, tk).page.url).toBe('https://s.example/own');
  expect(eventFromServerData({}, {}, tk).page.url).toBeUndefined();
});
