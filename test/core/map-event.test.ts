import { IdentitySources, MappingConfig, mapEvent, toTikTokEvent } from '../../src/core/map-event';
import { buildEventsApiBody } from '../../src/core/payload';
import { valuesToHash } from '../../src/core/user-data';
import { sha256HexNode, tk } from './node-toolkit';
import { CoreToolkit } from '../../src/core/toolkit';
import { eventFromServerData } from '../../src/core/server-input';

/** mapEvent on event data, read by the server input adapter (LDU key from the config, as the tag does). */
function mapEventOf(eventData: unknown, config: MappingConfig & { limitedDataUseKey?: string }, sources: IdentitySources, nowMs: number, tk: CoreToolkit) {
  return mapEvent(eventFromServerData(eventData, { limitedDataUseKey: config.limitedDataUseKey }, tk), config, sources, nowMs, tk);
}

const NOW_MS = 1763900000000;
const purchase = {
  event_name: 'purchase',
  'x-ga-gcs': 'G111',
  'x-ga-gcd': '13t3t3t3t5l1',
  client_id: '1489074949.1738980312',
  page_location: 'https://shop.example.com/thanks?ttclid=E.C.P.abc',
  page_referrer: 'https://shop.example.com/checkout',
  currency: 'EUR', value: 59.9, transaction_id: 'T-1001',
  items: [{ item_id: 'SKU-1', item_name: 'Tee', price: 24.95, quantity: 2 }],
  user_data: { email: 'Jane@Example.com', phone_number: '+49 151 1234 5678', address: [{ first_name: 'Jane', country: 'DE' }] },
  user_id: 'cust-7',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
  language: 'de-de',
};

describe('mapEvent + toTikTokEvent', () => {
  test('GA4 purchase -> complete TikTok event', () => {
    const mapped = mapEventOf(purchase, { eventNames: {} }, { readTtpCookies: () => ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'] }, NOW_MS, tk);
    expect(mapped.skip).toBe(false);
    const body = buildEventsApiBody({ eventSourceId: 'C9Q2MJ3C77U4P674RPG0', event: toTikTokEvent(mapped, sha256HexNode) });
    expect(body).toEqual({
      event_source: 'web', event_source_id: 'C9Q2MJ3C77U4P674RPG0', partner_name: 'GoogleTagManagerServer',
      data: [{
        event: 'Purchase', event_time: 1763900000, event_id: 'T-1001_Purchase',
        user: {
          email: sha256HexNode('jane@example.com'), phone: sha256HexNode('+4915112345678'), external_id: sha256HexNode('cust-7'),
          first_name: sha256HexNode('jane'), country: 'de', ttp: '01K0T8BYGJH63785W68YS5NN1R_.tt.1', ttclid: 'E.C.P.abc',
          ip: '203.0.113.7', user_agent: 'Mozilla/5.0', locale: 'de-DE',
        },
        page: { url: 'https://shop.example.com/thanks?ttclid=E.C.P.abc', referrer: 'https://shop.example.com/checkout' },
        properties: {
          contents: [{ content_id: 'SKU-1', content_name: 'Tee', price: 24.95, quantity: 2 }], content_ids: ['SKU-1'],
          num_items: 2, content_type: 'product', value: 59.9, currency: 'EUR', order_id: 'T-1001',
        },
        limited_data_use: false,
      }],
    });
    const raw = JSON.stringify(body);
    for (const pii of ['Jane', 'jane@', '151', 'cust-7']) expect(raw).not.toContain(pii);
  });

  test('browser and server agree: same name, id, properties and hash inputs from the same data', () => {
    const server = mapEventOf(purchase, { eventNames: { nameSet: 'legacy' } }, {}, NOW_MS, tk);
    const web = mapEventOf({ ...purchase, 'x-ga-gcs': undefined }, { eventNames: { nameSet: 'legacy' } }, {}, NOW_MS + 5000, tk);
    expect(web.eventName.name).toBe('CompletePayment');
    expect(web.eventName.name).toBe(server.eventName.name);
    expect(web.eventId).toEqual(server.eventId);
    expect(web.properties).toEqual(server.properties);
    expect(valuesToHash(web.userPlan)).toEqual(valuesToHash(server.userPlan));
  });

  test('consent: ad_storage denied in require mode -> skip with reason', () => {
    const m = mapEventOf({ ...purchase, 'x-ga-gcs': 'G100' }, { eventNames: {}, consent: { mode: 'require_ad_storage' } }, {}, NOW_MS, tk);
    expect(m.skip).toBe(true);
    expect(m.reason).toContain('ad_storage denied');
  });

  test('consent: minimize with ad_user_data denied -> no PII, cookies still used', () => {
    const m = mapEventOf({ ...purchase, 'x-ga-gcd': '13t3t3q3t5l1' }, { eventNames: {}, consent: { mode: 'minimize' } }, { readTtpCookies: () => ['T1'] }, NOW_MS, tk);
    const user = toTikTokEvent(m, sha256HexNode).user;
    expect(user).toEqual({ ttp: 'T1', ttclid: 'E.C.P.abc', user_agent: 'Mozilla/5.0', locale: 'de-DE' });
  });

  test('consent: minimize with ad_storage denied -> no cookie ids except the URL click id', () => {
    const m = mapEventOf({ ...purchase, 'x-ga-gcs': 'G100', page_location: 'https://shop.example.com/thanks' }, { eventNames: {}, consent: { mode: 'minimize' } }, { readTtpCookies: () => ['T1'], readTtclidCookies: () => ['C1'] }, NOW_MS, tk);
    expect(m.skip).toBe(false);
    expect(m.ttp).toEqual({ source: 'none' });
    expect(m.ttclid).toEqual({ source: 'none' });
    expect(m.consent.writeCookies).toBe(false);
  });

  test('client hints become device, left out when ad_user_data is denied', () => {
    const hints = { client_hints: { architecture: 'x86', mobile: false, platform: 'Windows' } };
    const granted = mapEventOf({ ...purchase, ...hints }, { eventNames: {} }, {}, NOW_MS, tk);
    expect(toTikTokEvent(granted, sha256HexNode).device).toEqual({ architecture: 'x86', mobile: false, platform: 'Windows' });
    const denied = mapEventOf({ ...purchase, ...hints, 'x-ga-gcd': '13t3t3q3t5l1' }, { eventNames: {}, consent: { mode: 'minimize' } }, {}, NOW_MS, tk);
    expect(toTikTokEvent(denied, sha256HexNode).device).toBeUndefined();
  });

  test('unmapped event skipped by default, custom on request', () => {
    expect(mapEventOf({ event_name: 'view_cart' }, { eventNames: {} }, {}, NOW_MS, tk)).toMatchObject({ skip: true });
    expect(mapEventOf({ event_name: 'view_cart' }, { eventNames: { unmappedPolicy: 'custom' } }, {}, NOW_MS, tk).eventName.name).toBe('view_cart');
  });

  test('names differing only in case from a standard name are sent in its spelling, event_id included', () => {
    const fixed = toTikTokEvent(mapEventOf({ ...purchase, event_name: 'page_view' }, { eventNames: { fixedEvent: 'purchase' } }, {}, NOW_MS, tk), sha256HexNode);
    expect(fixed).toMatchObject({ event: 'Purchase', event_id: 'T-1001_Purchase' });
    const incoming = mapEventOf({ event_name: 'addtocart' }, { eventNames: { unmappedPolicy: 'custom' } }, {}, NOW_MS, tk);
    expect(incoming.eventName.name).toBe('AddToCart');
  });

  test('extra properties and LDU from event data', () => {
    const m = mapEventOf({ event_name: 'generate_lead', ldu: 'true' }, {
      eventNames: {}, extraProperties: [{ name: 'value', value: '5' }, { name: 'currency', value: 'usd' }], limitedDataUseKey: 'ldu',
    }, {}, NOW_MS, tk);
    expect(m.properties).toEqual({ value: 5, currency: 'USD' });
    expect(m.limitedDataUse).toBe(true);
  });

  test.each([[undefined], [null], ['garbage'], [[1, 2]], [{ event_name: 'purchase', items: 'x', user_data: 7, value: {}, page_location: 5 }]])('garbage %p never throws', (ev) => {
    expect(() => toTikTokEvent(mapEventOf(ev, { eventNames: { fixedEvent: 'Purchase' } }, { readTtpCookies: () => 5 }, NOW_MS, tk), sha256HexNode)).not.toThrow();
  });
});
