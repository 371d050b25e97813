// Event sources (src/core/event-source.ts through mapEvent): for each source, the request the tag
// builds is checked against the fields-by-source table of docs/contracts/tiktok-events-api.md (the
// same checker the docs test runs on the page's examples), then the rules of each source one by one.
import { mapEvent, MappingConfig, toTikTokEvent } from '../../src/core/map-event';
import { buildEventsApiBody } from '../../src/core/payload';
import { eventFromServerData } from '../../src/core/server-input';
import {
  EventSource, GA4_TO_TIKTOK_APP, TIKTOK_APP_EVENTS, normalizeDeviceId, normalizeEventSource, resolveDestinations,
} from '../../src/core/event-source';
import { normalizePixelId } from '../../src/core/payload';
import { contractRules, problems } from '../docs/event-source-rules';
import { sha256HexNode, tk } from './node-toolkit';

const NOW = 1763900000000;
const IDFA = 'e621e1f8-c36c-495a-93fc-0c247a3e6e5f';
const IDFV = '6D92078A-8246-4BA4-AE5B-76104861E7DC';
const GAID = '38400000-8CF0-11BD-B23E-10B96E40000D';
const ZERO = '00000000-0000-0000-0000-000000000000';
const SOURCE_IDS: Record<EventSource, string> = { web: 'C9Q2MJ3C77U4P674RPG0', app: '7312345678901234567', offline: '7300000000000000001', crm: '7300000000000000002' };

/** Everything a rich event can carry: web, app, CRM and store keys at once. */
const RICH = {
  event_name: 'purchase', transaction_id: '88120', value: 59.9, currency: 'EUR', items: [{ item_id: 'SKU-1', price: 29.95, quantity: 2 }],
  user_data: { email: 'jane@example.com', phone_number: '+4915112345678', address: { first_name: 'Jane', last_name: 'Doe', postal_code: '10115', city: 'Berlin', country: 'DE' } },
  user_id: 'cust-7', ip_override: '203.0.113.4', user_agent: 'ExampleShop/5.2.0 (iPhone; iOS 17.4)', language: 'en-us',
  page_location: 'https://shop.example/thanks?ttclid=E.C.P.abc', page_referrer: 'https://shop.example/checkout', _ttp: '01K0T8BYGJH63785W68YS5NN1R_.tt.1',
  client_hints: { platform: 'iOS', mobile: true }, limited_data_use: true,
  'x-ga-platform': 'ios', 'x-ga-resettable_device_id': IDFA, 'x-ga-vendor_device_id': IDFV, app_id: '343200656', app_name: 'Example Shop', app_version: '5.2.0',
  lead_id: '7400000000000000001', lead_event_source: 'HubSpot', shop_id: 'store-7',
};

function mapped(eventData: Record<string, unknown>, source: EventSource, config: Partial<MappingConfig> = {}) {
  return mapEvent(eventFromServerData(eventData, {}, tk), { eventNames: {}, consent: { mode: 'minimize' }, ...config, source: { source, ...(config.source ?? {}) } }, {
    readTtclidCookies: () => ['E.C.P.cookie'], readTtpCookies: () => ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'],
  }, NOW, tk);
}

function body(eventData: Record<string, unknown>, source: EventSource, config: Partial<MappingConfig> = {}) {
  const result = mapped(eventData, source, config);
  expect({ skip: result.skip, reason: result.reason }).toEqual({ skip: false, reason: expect.any(String) });
  return JSON.parse(JSON.stringify(buildEventsApiBody({ eventSource: source, eventSourceId: SOURCE_IDS[source], event: toTikTokEvent(result, sha256HexNode) })));
}

describe('the request of each source obeys the contract\'s fields-by-source table', () => {
  const rules = contractRules();

  test.each(['web', 'app', 'offline', 'crm'] as EventSource[])('%s: a rich event gives a request with every required field and no field of another source', (source) => {
    const request = body(RICH, source);
    expect(request.event_source).toBe(source);
    expect(request.event_source_id).toBe(SOURCE_IDS[source]);
    expect(problems({ source, body: request }, rules)).toEqual([]);
  });

  test('the check is not vacuous: the web request sent as an app event breaks the table', () => {
    const web = body(RICH, 'web');
    expect(problems({ source: 'app', body: { ...web, event_source: 'app' } }, rules).length).toBeGreaterThan(3);
  });
});

describe('web (the default)', () => {
  test('an unknown or missing source is web, and web events are unchanged: page, cookies, names, device, limited_data_use', () => {
    expect(normalizeEventSource(undefined)).toBe('web');
    expect(normalizeEventSource('WEB ')).toBe('web');
    expect(normalizeEventSource('crm')).toBe('crm');
    const e = body(RICH, 'web').data[0];
    expect(e.page).toEqual({ url: RICH.page_location, referrer: RICH.page_referrer });
    expect(e.user).toMatchObject({ ttclid: 'E.C.P.abc', ttp: RICH._ttp, first_name: sha256HexNode('jane'), city: 'berlin' });
    expect(e.device).toEqual({ platform: 'iOS', mobile: true });
    expect(e.limited_data_use).toBe(true);
    expect(e.app).toBeUndefined();
    expect(e.lead).toBeUndefined();
    expect(e.user.idfa).toBeUndefined();
  });
});

describe('app', () => {
  test('app{app_id, app_name, app_version} and device ids from the GA4 app client keys (iOS); no page, cookies, names or external_id', () => {
    const e = body(RICH, 'app').data[0];
    expect(e.app).toEqual({ app_id: '343200656', app_name: 'Example Shop', app_version: '5.2.0' });
    expect(e.user).toEqual({
      email: sha256HexNode('jane@example.com'), phone: sha256HexNode('+4915112345678'), ip: '203.0.113.4', user_agent: RICH.user_agent, locale: 'en-US',
      idfa: IDFA.toUpperCase(), idfv: IDFV, att_status: 'AUTHORIZED',
    });
    expect(e.limited_data_use).toBe(true);
    for (const key of ['page', 'device', 'lead']) expect(e).not.toHaveProperty(key);
  });

  test('Android: the advertising id is the GAID (lower-case), att_status NOT_APPLICABLE, no IDFV', () => {
    const e = body({ ...RICH, 'x-ga-platform': 'Android', 'x-ga-resettable_device_id': GAID, app_id: 'com.example.shop' }, 'app').data[0];
    expect(e.user).toMatchObject({ gaid: GAID.toLowerCase(), att_status: 'NOT_APPLICABLE' });
    expect(e.user.idfa).toBeUndefined();
    expect(e.user.idfv).toBeUndefined();
    expect(e.app.app_id).toBe('com.example.shop');
  });

  test('all-zero advertising ids are left out; an iOS event without one has no derived att_status', () => {
    const result = mapped({ ...RICH, 'x-ga-resettable_device_id': ZERO }, 'app');
    const e = toTikTokEvent(result, sha256HexNode);
    expect(e.user).not.toHaveProperty('idfa');
    expect(e.user).not.toHaveProperty('att_status');
    expect(result.warnings.join()).toMatch(/all-zero/);
    expect(normalizeDeviceId(ZERO, 'lower', tk)).toEqual({ zero: true });
    expect(normalizeDeviceId('not an id', 'upper', tk)).toEqual({ zero: false });
    expect(normalizeDeviceId(' ' + 'A'.repeat(64) + ' ', 'upper', tk)).toEqual({ value: 'a'.repeat(64), zero: false });
  });

  test('top-level idfa/idfv/gaid/att_status keys win over the app client keys; att_status is upper-cased and must be TikTok\'s', () => {
    const e = body({ ...RICH, idfa: '11111111-2222-3333-4444-555555555555', att_status: 'denied' }, 'app').data[0];
    expect(e.user).toMatchObject({ idfa: '11111111-2222-3333-4444-555555555555', att_status: 'DENIED' });
    expect(body({ ...RICH, att_status: 'maybe' }, 'app').data[0].user.att_status).toBe('AUTHORIZED');
  });

  test('device ids need ad_storage and ad_user_data; att_status is not personal and stays', () => {
    for (const gcd of ['13q3t3t3t5l1', '13t3t3q3t5l1']) { // ad_storage denied; ad_user_data denied
      const e = body({ ...RICH, 'x-ga-gcd': gcd }, 'app').data[0];
      expect({ gcd, idfa: e.user.idfa, idfv: e.user.idfv, att: e.user.att_status }).toEqual({ gcd, idfa: undefined, idfv: undefined, att: 'AUTHORIZED' });
    }
  });

  test('app_id: the field wins; an iOS bundle ID in the event is not an App Store number, so the event is not sent without the field', () => {
    expect(body(RICH, 'app', { source: { source: 'app', appId: ' 999 ' } }).data[0].app.app_id).toBe('999');
    const bundle = mapped({ ...RICH, app_id: 'com.example.shop' }, 'app');
    expect(bundle).toMatchObject({ skip: true, missingRequired: true });
    expect(bundle.reason).toMatch(/app\.app_id/);
    expect(bundle.warnings.join()).toMatch(/App Store number/);
    expect(mapped({ event_name: 'purchase' }, 'app')).toMatchObject({ skip: true, missingRequired: true });
  });

  test('GA4 app events get TikTok app events; web names with an app event are translated; the user\'s rows still win', () => {
    const name = (event_name: string, config: Partial<MappingConfig> = {}) => mapped({ ...RICH, event_name }, 'app', config).eventName.name;
    expect(name('first_open')).toBe('InstallApp');
    expect(name('sign_up')).toBe('Registration');
    expect(name('begin_checkout')).toBe('Checkout');
    expect(name('purchase')).toBe('Purchase');
    expect(name('sign_up', { eventNames: { overrides: [{ from: 'sign_up', to: 'CompleteRegistration' }] } })).toBe('CompleteRegistration');
    for (const target of Object.values(GA4_TO_TIKTOK_APP)) expect(TIKTOK_APP_EVENTS).toContain(target);
    expect(mapped({ ...RICH, event_name: 'sign_up' }, 'web').eventName.name).toBe('CompleteRegistration');
  });

  test('Pageview is a web event: not sent for other sources, and that is a decision (no failure)', () => {
    for (const source of ['app', 'offline', 'crm'] as EventSource[]) {
      const result = mapped({ ...RICH, event_name: 'page_view' }, source);
      expect({ source, skip: result.skip, missing: result.missingRequired }).toEqual({ source, skip: true, missing: false });
      expect(result.reason).toMatch(/Pageview is a web event/);
    }
  });
});

describe('offline', () => {
  test('email and phone only, the store in shop_id, order_id from the transaction; no page, cookies, names, device or limited_data_use', () => {
    const e = body(RICH, 'offline').data[0];
    expect(e.user).toEqual({ email: sha256HexNode('jane@example.com'), phone: sha256HexNode('+4915112345678') });
    expect(e.properties).toMatchObject({ shop_id: 'store-7', order_id: '88120', value: 59.9, currency: 'EUR' });
    expect(e.event_id).toBe('88120_Purchase');
    for (const key of ['page', 'device', 'limited_data_use', 'app', 'lead']) expect(e).not.toHaveProperty(key);
  });

  test('shop_id is for offline events only, and an extra property shop_id wins', () => {
    expect(body(RICH, 'web').data[0].properties.shop_id).toBeUndefined();
    expect(body(RICH, 'offline', { extraProperties: [{ name: 'shop_id', value: 'own' }] }).data[0].properties.shop_id).toBe('own');
  });

  test('without an email or phone the event is not sent: a failure when none was given, a consent decision when ad_user_data removed them', () => {
    const none = mapped({ event_name: 'purchase', user_id: 'cust-7' }, 'offline');
    expect(none).toMatchObject({ skip: true, missingRequired: true });
    expect(none.reason).toMatch(/email or a phone/);
    const denied = mapped({ ...RICH, 'x-ga-gcd': '13t3t3q3t5l1' }, 'offline');
    expect(denied).toMatchObject({ skip: true, missingRequired: false });
    expect(denied.reason).toMatch(/ad_user_data/);
  });

  test('standard event names only', () => {
    const custom = mapped({ ...RICH, event_name: 'store_visit' }, 'offline', { eventNames: { unmappedPolicy: 'custom' } });
    expect(custom).toMatchObject({ skip: true, missingRequired: false });
    expect(custom.reason).toMatch(/standard event names only/);
    expect(mapped({ ...RICH, event_name: 'contact' }, 'offline').skip).toBe(false);
  });
});

describe('crm', () => {
  test('lead{lead_id, lead_event_source} from the event; email, phone, external_id; no page, cookies, names or limited_data_use', () => {
    const e = body({ ...RICH, event_name: 'QualifiedLead' }, 'crm', { eventNames: { unmappedPolicy: 'custom' } }).data[0];
    expect(e.event).toBe('QualifiedLead');
    expect(e.lead).toEqual({ lead_id: '7400000000000000001', lead_event_source: 'HubSpot' });
    expect(Object.keys(e.user).sort()).toEqual(['email', 'external_id', 'phone']);
    for (const key of ['page', 'device', 'limited_data_use', 'app']) expect(e).not.toHaveProperty(key);
  });

  test('the fields win, a nested lead object works, and a CRM event without a lead ID is not sent (failure)', () => {
    expect(body(RICH, 'crm', { source: { source: 'crm', leadId: 'L-field', leadEventSource: 'Salesforce' } }).data[0].lead).toEqual({ lead_id: 'L-field', lead_event_source: 'Salesforce' });
    expect(body({ event_name: 'purchase', lead: { lead_id: 123, lead_event_source: 'HubSpot' } }, 'crm').data[0].lead).toEqual({ lead_id: '123', lead_event_source: 'HubSpot' });
    const missing = mapped({ event_name: 'purchase', user_data: { email: 'a@b.co' } }, 'crm');
    expect(missing).toMatchObject({ skip: true, missingRequired: true });
    expect(missing.reason).toMatch(/lead\.lead_id/);
  });
});

describe('other sources neither read nor write browser cookies', () => {
  test.each(['app', 'offline', 'crm'] as EventSource[])('%s: the cookie readers are never called (remembered keys included), no ttclid or _ttp', (source) => {
    let reads = 0;
    const result = mapEvent(eventFromServerData(RICH, {}, tk), { eventNames: {}, source: { source }, rememberedKeys: { enabled: true } }, {
      readTtclidCookies: () => { reads++; return []; }, readTtpCookies: () => { reads++; return []; }, readRememberedKeys: () => { reads++; return []; },
    }, NOW, tk);
    expect(reads).toBe(0);
    expect(result.rememberedKeys.enabled).toBe(false);
    expect(result.ttclid.source).toBe('none');
    expect(result.ttp.source).toBe('none');
  });
});

describe('several pixels or event sets: one destination per ID', () => {
  const valid = (value: unknown) => normalizePixelId(value, tk);
  const primary = { id: 'C9Q2MJ3C77U4P674RPG0', token: 'tok_main' };

  test('rows add destinations with their own token or the tag\'s; invalid and repeated IDs are left out with a note that names no token', () => {
    const plan = resolveDestinations(primary, [
      { id: ' D2BBBBBBBBBBBBBBBBBB ', token: 'tok_brand' },
      { id: 'E3CCCCCCCCCCCCCCCCCC', token: '' },
      { id: 'bad id', token: 'tok_secret_row' },
      { id: 'C9Q2MJ3C77U4P674RPG0', token: 'tok_secret_dup' },
      { id: 'F4DDDDDDDDDDDDDDDDDD', token: 'has a space' },
      { id: undefined, token: undefined },
    ], valid, tk);
    expect(plan.destinations).toEqual([
      primary,
      { id: 'D2BBBBBBBBBBBBBBBBBB', token: 'tok_brand' },
      { id: 'E3CCCCCCCCCCCCCCCCCC', token: 'tok_main' },
      { id: 'F4DDDDDDDDDDDDDDDDDD', token: undefined },
    ]);
    expect(plan.notes).toHaveLength(2);
    expect(plan.notes.join()).not.toMatch(/tok_/);
  });
});
