import * as fc from 'fast-check';
import * as http from 'http';
import request from 'supertest';
import { MockTikTok, TRACK_PATH, createMockTikTokServer, validateTrackRequest } from '../../src/server/mock-tiktok';

// The tests start local servers (supertest listens on an ephemeral port per request): an explicit
// timeout, not jest's 5 s default, which a busy machine exceeds.
jest.setTimeout(30_000);

const NOW = 1763900000;
const HASH = 'a'.repeat(64);

function validBody(overrides: Record<string, unknown> = {}, eventOverrides: Record<string, unknown> = {}) {
  return {
    event_source: 'web',
    event_source_id: 'C9Q2MJ3C77U4P674RPG0',
    data: [
      {
        event: 'Purchase',
        event_time: NOW - 10,
        event_id: 'ord_1042',
        user: { email: [HASH], phone: HASH, external_id: [HASH], ttclid: 'E.C.P.abc', ip: '203.0.113.4', user_agent: 'UA' },
        page: { url: 'https://shop.example/thanks', referrer: '' },
        properties: { currency: 'EUR', value: 59.9, content_type: 'product', contents: [{ content_id: 'SKU-1', quantity: 2, price: 29.95 }] },
        ...eventOverrides,
      },
    ],
    ...overrides,
  };
}

const TOKEN = { 'Access-Token': 'mock-token' };
const check = (body: unknown, headers: Record<string, string> = TOKEN) => validateTrackRequest(headers, JSON.stringify(body), { nowSeconds: NOW });

describe('validateTrackRequest', () => {
  test('the known-good payload is accepted', () => {
    const result = check(validBody());
    expect(result).toMatchObject({ ok: true, code: 0, message: 'OK', httpStatus: 200 });
    expect(result.warnings).toEqual([]);
  });

  test('token missing or empty → 40104; not in the allow list → 40105', () => {
    expect(check(validBody(), {}).code).toBe(40104);
    expect(check(validBody(), { 'access-token': ' ' }).code).toBe(40104);
    expect(validateTrackRequest(TOKEN, JSON.stringify(validBody()), { nowSeconds: NOW, validTokens: ['other'] }).code).toBe(40105);
  });

  test('business errors use HTTP 200', () => {
    expect(check(validBody({ event_source: 'nope' }))).toMatchObject({ ok: false, httpStatus: 200, code: 40002 });
  });

  test.each([
    ['event_source', { event_source: undefined }, /event_source/],
    ['event_source_id', { event_source_id: '' }, /event_source_id/],
    ['empty data', { data: [] }, /data/],
  ])('top-level field errors name the field: %s', (_name, overrides, pattern) => {
    const result = check(validBody(overrides));
    expect(result.code).toBe(40002);
    expect(result.message).toMatch(pattern);
  });

  test('more than 1000 events → 40061', () => {
    const event = validBody().data[0];
    expect(check(validBody({ data: Array.from({ length: 1001 }, () => event) })).code).toBe(40061);
    expect(check(validBody({ data: Array.from({ length: 1000 }, () => event) })).ok).toBe(true);
  });

  test.each([
    ['event_time in ms', { event_time: NOW * 1000 }, /milliseconds/],
    ['event_time not an integer', { event_time: NOW + 0.5 }, /integer/],
    ['event_time as string', { event_time: String(NOW) }, /integer/],
    ['event_time in the future', { event_time: NOW + 3600 }, /future/],
    ['numeric event_id', { event_id: 273196 }, /event_id: not a valid string/],
    ['raw email', { user: { email: 'jane@example.com' } }, /data\.0\.user\.email/],
    ['upper-case hash', { user: { phone: 'A'.repeat(64) } }, /data\.0\.user\.phone/],
    ['raw external_id in an array', { user: { external_id: [HASH, 'user_123'] } }, /data\.0\.user\.external_id\.1/],
    ['unsupported currency', { properties: { currency: 'XYZ', value: 1 } }, /currency/],
    ['string value', { properties: { currency: 'EUR', value: '59.90' } }, /value/],
    ['numeric content_id', { properties: { contents: [{ content_id: 123 }] } }, /contents\.0\.content_id/],
    ['string price', { properties: { contents: [{ content_id: 'A', price: '9.99' }] } }, /contents\.0\.price/],
    ['case variant of a standard name', { event: 'PageView' }, /case/],
    ['missing event', { event: '' }, /event/],
  ])('event errors → 40002 naming the field: %s', (_name, eventOverrides, pattern) => {
    const result = check(validBody({}, eventOverrides));
    expect(result.code).toBe(40002);
    expect(result.message).toMatch(pattern);
  });

  test('an event_time older than 7 days is accepted with a warning: TikTok publishes no age limit', () => {
    const old = check(validBody({}, { event_time: NOW - 400 * 86400 }));
    expect(old).toMatchObject({ ok: true, code: 0 });
    expect(old.warnings.join()).toMatch(/data\.0\.event_time: \d+ is 400 days old/);
    const week = check(validBody({}, { event_time: NOW - 7 * 86400 + 60 }));
    expect(week.ok).toBe(true);
    expect(week.warnings).toEqual([]);
  });

  test('maxAgeSeconds, when set, refuses older events (the strict window some tests want)', () => {
    const strict = (eventTime: number) => validateTrackRequest(TOKEN, JSON.stringify(validBody({}, { event_time: eventTime })), { nowSeconds: NOW, maxAgeSeconds: 7 * 86400 });
    expect(strict(NOW - 8 * 86400)).toMatchObject({ ok: false, code: 40002, message: expect.stringMatching(/data\.0\.event_time: .*older than the allowed window/) });
    expect(strict(NOW - 6 * 86400).ok).toBe(true);
  });

  test('future times beyond the allowed skew are still refused', () => {
    expect(check(validBody({}, { event_time: NOW + 301 })).code).toBe(40002);
    expect(check(validBody({}, { event_time: NOW + 300 })).ok).toBe(true);
    expect(validateTrackRequest(TOKEN, JSON.stringify(validBody({}, { event_time: NOW + 30 })), { nowSeconds: NOW, maxFutureSeconds: 10 }).code).toBe(40002);
  });

  test('legacy and custom names are accepted with a warning', () => {
    const legacy = check(validBody({}, { event: 'CompletePayment' }));
    expect(legacy.ok).toBe(true);
    expect(legacy.warnings.join()).toMatch(/pre-2025/);
    const custom = check(validBody({}, { event: 'MyCustomThing' }));
    expect(custom.ok).toBe(true);
    expect(custom.warnings.join()).toMatch(/custom event/);
    expect(check(validBody({}, { event: 'Pageview' })).warnings).toEqual([]);
  });

  test('offline accepts standard names only; crm any name (TikTok\'s reference says both; stage names are mapped in Events Manager)', () => {
    const offline = { event_source: 'offline', event_source_id: '7300000000000000001' };
    const crm = { event_source: 'crm', event_source_id: '7300000000000000002' };
    const lead = { lead: { lead_id: '7400000000000000001' }, page: undefined };
    expect(check(validBody(offline, { event: 'MyCustom', page: undefined })).ok).toBe(false);
    expect(check(validBody(offline, { event: 'Purchase', page: undefined })).ok).toBe(true);
    expect(check(validBody(crm, { event: 'Purchase', ...lead })).ok).toBe(true);
    expect(check(validBody(crm, { event: 'LeadQualified', ...lead })).ok).toBe(true);
  });

  describe('each source\'s required fields (docs/contracts/tiktok-events-api.md, fields by source)', () => {
    const app = (event: Record<string, unknown>) => validBody({ event_source: 'app', event_source_id: '7312345678901234567' }, { page: undefined, user: { idfa: 'E621E1F8-C36C-495A-93FC-0C247A3E6E5F', att_status: 'AUTHORIZED' }, ...event });
    test('app events need app.app_id; att_status is one of TikTok\'s values', () => {
      expect(check(app({ app: { app_id: '343200656', app_version: '5.2' } }))).toMatchObject({ ok: true, warnings: [] });
      expect(check(app({})).message).toMatch(/app/);
      expect(check(app({ app: { app_name: 'Shop' } })).message).toMatch(/app\.app_id/);
      expect(check(app({ app: { app_id: '1' }, user: { att_status: 'YES' } })).message).toMatch(/att_status/);
    });
    test('CRM events need lead.lead_id', () => {
      const crm = (event: Record<string, unknown>) => validBody({ event_source: 'crm', event_source_id: '7300000000000000002' }, { page: undefined, user: { email: HASH }, event: 'QualifiedLead', ...event });
      expect(check(crm({ lead: { lead_id: '7400000000000000001', lead_event_source: 'HubSpot' } }))).toMatchObject({ ok: true, warnings: [expect.stringMatching(/custom event/)] });
      expect(check(crm({})).message).toMatch(/lead/);
      expect(check(crm({ lead: { lead_event_source: 'HubSpot' } })).message).toMatch(/lead\.lead_id/);
    });
    test('offline events need an email or a phone', () => {
      const offline = (user: Record<string, unknown>) => validBody({ event_source: 'offline', event_source_id: '7300000000000000001' }, { page: undefined, limited_data_use: undefined, user });
      expect(check(offline({ phone: HASH }))).toMatchObject({ ok: true, warnings: [] });
      expect(check(offline({ external_id: HASH })).message).toMatch(/email or a phone/);
    });
    test('a field the table gives to other sources only is a warning', () => {
      const offline = check(validBody({ event_source: 'offline', event_source_id: '7300000000000000001' }));
      expect(offline.ok).toBe(true);
      expect(offline.warnings).toEqual(expect.arrayContaining([
        'data.0.page is not a field of offline events', 'data.0.user.ttclid is not a match key of offline events', 'data.0.user.ip is not a match key of offline events',
      ]));
    });
  });

  test('invalid JSON → 40000', () => {
    expect(validateTrackRequest(TOKEN, '{not json', { nowSeconds: NOW }).code).toBe(40000);
  });
});

describe('MockTikTok over HTTP (standalone server)', () => {
  let server: http.Server;
  let mock: MockTikTok;
  beforeEach(() => {
    ({ server, mock } = createMockTikTokServer());
  });

  test('accepts a valid request, answers like TikTok and logs it', async () => {
    const body = validBody({}, { event_time: Math.floor(Date.now() / 1000) });
    const response = await request(server).post(TRACK_PATH).set('Access-Token', 'mock-token').send(body).expect(200);
    expect(response.body).toMatchObject({ code: 0, message: 'OK', data: {} });
    expect(response.body.request_id).toMatch(/^\d{14}[0-9A-F]{20}$/);
    const listed = await request(server).get('/_mock/tiktok/events').expect(200);
    expect(listed.body.count).toBe(1);
    expect(listed.body.requests[0].body).toEqual(body);
    expect(listed.body.requests[0].headers['access-token']).not.toBe('mock-token');
  });

  test('an event older than 7 days is accepted (code 0) and its warning is in the log', async () => {
    const body = validBody({}, { event_time: Math.floor(Date.now() / 1000) - 30 * 86400 });
    const response = await request(server).post(TRACK_PATH).set('Access-Token', 'mock-token').send(body).expect(200);
    expect(response.body.code).toBe(0);
    const listed = await request(server).get('/_mock/tiktok/events').expect(200);
    expect(listed.body.count).toBe(1);
    expect(listed.body.requests[0].warnings.join()).toMatch(/event_time: \d+ is (29|30) days old/);
  });

  test('with maxAgeSeconds the same event is refused with 40002', async () => {
    ({ server, mock } = createMockTikTokServer({ maxAgeSeconds: 7 * 86400 }));
    const body = validBody({}, { event_time: Math.floor(Date.now() / 1000) - 30 * 86400 });
    const response = await request(server).post(TRACK_PATH).set('Access-Token', 'mock-token').send(body).expect(200);
    expect(response.body.code).toBe(40002);
    expect(mock.accepted()).toEqual([]);
  });

  test('a rejected request is answered with HTTP 200 and the code, and not listed as accepted', async () => {
    const response = await request(server).post(TRACK_PATH).send(validBody()).expect(200);
    expect(response.body.code).toBe(40104);
    expect((await request(server).get('/_mock/tiktok/events')).body.count).toBe(0);
    expect((await request(server).get('/_mock/tiktok/requests')).body.count).toBe(1);
  });

  test('failure injection: the next N requests fail, then requests pass again', async () => {
    await request(server).post('/_mock/tiktok/fail').send({ count: 2, status: 503 }).expect(200);
    const body = validBody({}, { event_time: Math.floor(Date.now() / 1000) });
    const first = await request(server).post(TRACK_PATH).set('Access-Token', 't').send(body);
    const second = await request(server).post(TRACK_PATH).set('Access-Token', 't').send(body);
    const third = await request(server).post(TRACK_PATH).set('Access-Token', 't').send(body);
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.text).toMatch(/<html>/);
    expect(third.body.code).toBe(0);

    await request(server).post('/_mock/tiktok/fail').send({ count: 1, code: 40100, message: 'Too many requests.' });
    const throttled = await request(server).post(TRACK_PATH).set('Access-Token', 't').send(body).expect(200);
    expect(throttled.body).toMatchObject({ code: 40100, message: 'Too many requests.' });
  });

  test('reset clears the log and pending failures', async () => {
    mock.failNext({ count: 5, status: 500 });
    await request(server).post(TRACK_PATH).set('Access-Token', 't').send(validBody());
    await request(server).post('/_mock/tiktok/reset').expect(415);
    await request(server).post('/_mock/tiktok/reset').set('Content-Type', 'application/json').expect(200);
    expect(mock.log).toEqual([]);
    const response = await request(server).post(TRACK_PATH).set('Access-Token', 't').send(validBody({}, { event_time: Math.floor(Date.now() / 1000) }));
    expect(response.status).toBe(200);
    expect(response.body.code).toBe(0);
  });

  test('a body over the limit → 413 before it is read; control endpoints only for this server', async () => {
    ({ server, mock } = createMockTikTokServer({ maxBodyBytes: 1000 }));
    const big = await request(server).post(TRACK_PATH).set('Access-Token', 't').set('Content-Type', 'application/json').send('x'.repeat(5000));
    expect(big.status).toBe(413);
    expect(mock.log).toEqual([]);
    await request(server).post('/_mock/tiktok/fail').set('Content-Type', 'text/plain').send('{"count":1}').expect(415);
    await request(server).post('/_mock/tiktok/fail').set('Origin', 'https://evil.example').send({ count: 1 }).expect(403);
    await request(server).get('/_mock/tiktok/requests').set('Host', 'rebind.example').expect(403);
    await request(server).get('/_mock/tiktok/requests').expect(200);
  });

  test('unknown paths → 404; bad fail plan → 400', async () => {
    await request(server).get('/elsewhere').expect(404);
    await request(server).post('/_mock/tiktok/fail').set('Content-Type', 'application/json').send('{oops').expect(400);
    await request(server).post('/_mock/tiktok/fail').send({ status: 42 }).expect(400);
  });
});

describe('validateTrackRequest never throws (property-based)', () => {
  test('arbitrary JSON bodies get a code, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateTrackRequest(TOKEN, JSON.stringify(value), { nowSeconds: NOW });
        expect(typeof result.code).toBe('number');
        expect(result.ok).toBe(result.code === 0);
      }),
      { numRuns: 300 },
    );
  });

  test('mutated valid payloads: accepted only when still valid', () => {
    fc.assert(
      fc.property(fc.constantFrom('event', 'event_time', 'event_id', 'user', 'properties', 'page'), fc.jsonValue(), (key, value) => {
        const result = check(validBody({}, { [key]: value }));
        expect(typeof result.code).toBe('number');
        if (key === 'event_time' && !(typeof value === 'number' && Number.isInteger(value))) expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
