// The TikTok Events API tag run through the emulator with the real sandbox API implementations
// (permissions enforced): its own ___TESTS___ scenarios, a GA4 event-data corpus with invariants on
// every request, a parity check against src/core run in Node, and a garbage fuzz.
import fc from 'fast-check';
import * as path from 'path';
import { mapEvent, toTikTokEvent } from '../../src/core/map-event';
import { TIKTOK_CURRENCIES } from '../../src/core/contents';
import { TIKTOK_CURRENT_EVENTS } from '../../src/core/event-names';
import { buildEventsApiBody } from '../../src/core/payload';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { HttpOutcome, OutgoingHttpRequest, RunResult, ServerEnvironment } from '../../src/sandbox/environment';
import { registerTemplateTests } from '../../src/sandbox/jest';
import { sha256HexNode, tk } from '../core/node-toolkit';
import { eventFromServerData } from '../../src/core/server-input';
import { MockTikTok } from '../../src/server/mock-tiktok';
import { contractRules, problems } from '../docs/event-source-rules';

const TPL = path.join(__dirname, '../../templates/tiktok-events-api.tpl');
const PIXEL = 'C9Q2MJ3C77U4P674RPG0';
const TOKEN = 'tok_secret_1234567890';
const NOW = 1763900000000;
const URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';

registerTemplateTests('templates/tiktok-events-api.tpl');

const template = loadTemplate(TPL);
const baseData = { pixelId: PIXEL, accessToken: TOKEN, logType: 'always' };

function ok(): HttpOutcome {
  return { statusCode: 200, headers: {}, body: '{"code":0,"message":"OK","request_id":"R"}' };
}

async function run(eventData: Record<string, unknown>, extra: Partial<ServerEnvironment> = {}, data: Record<string, unknown> = {}): Promise<RunResult> {
  const env: ServerEnvironment = {
    context: 'SERVER',
    eventData,
    now: () => NOW,
    http: () => ok(),
    request: { headers: { 'trace-id': 'T1', host: 'sgtm.shop.example.com' } },
    ...extra,
  };
  return runTemplate(template, { ...baseData, ...data }, env);
}

function bodyOf(request: OutgoingHttpRequest): any {
  return JSON.parse(request.body || '{}');
}

// Raw PII used in the corpus: none of these may appear in a request body or a log line.
const RAW_PII = ['jane@example.com', 'Jane@Example.com', '+4915112345678', '151 1234', 'Doe', 'cust-7', 'alice@x.org', '2133734253'];

const corpus: { name: string; eventData: Record<string, unknown>; expectEvent?: string }[] = [
  {
    name: 'purchase (GA4 client shape)', expectEvent: 'Purchase',
    eventData: {
      event_name: 'purchase', 'x-ga-gcs': 'G111', 'x-ga-gcd': '13t3t3t3t5l1', page_location: 'https://shop.example.com/thanks?ttclid=E.C.P.xyz',
      currency: 'EUR', value: 59.9, transaction_id: 'T-1001', items: [{ item_id: 'SKU-1', item_name: 'Tee', price: 24.95, quantity: 2 }],
      user_data: { email: 'Jane@Example.com', phone_number: '+49 151 1234 5678', address: [{ first_name: 'Jane', last_name: 'Doe', postal_code: '10115', country: 'DE' }] },
      user_id: 'cust-7', ip_override: '203.0.113.7', user_agent: 'UA', language: 'de-de',
    },
  },
  {
    name: 'purchase (documented shape, numeric ids)', expectEvent: 'Purchase',
    eventData: {
      event_name: 'purchase', currency: 'usd', transaction_id: 99, items: [{ item_id: 123, price: '5.5', quantity: '3' }, { item_id: 456, price: 1 }],
      user_data: { email_address: 'alice@x.org', phone_number: '(+1)2133734253', address: { first_name: 'Alice', city: 'New York', region: 'NY', country: 'US' } },
    },
  },
  { name: 'page_view', expectEvent: 'Pageview', eventData: { event_name: 'page_view', page_location: 'https://shop.example.com/', page_referrer: 'https://www.tiktok.com/' } },
  { name: 'add_to_cart', expectEvent: 'AddToCart', eventData: { event_name: 'add_to_cart', currency: 'GBP', value: 10, items: [{ item_id: 'A', price: 10 }] } },
  { name: 'view_item', expectEvent: 'ViewContent', eventData: { event_name: 'view_item', items: [{ item_id: 7 }] } },
  { name: 'begin_checkout', expectEvent: 'InitiateCheckout', eventData: { event_name: 'begin_checkout', items: [{ item_id: 'A', quantity: 0 }] } },
  { name: 'search', expectEvent: 'Search', eventData: { event_name: 'search', search_term: 'shoes' } },
  { name: 'generate_lead', expectEvent: 'Lead', eventData: { event_name: 'generate_lead', value: '25', currency: 'EUR', user_data: { email: ['jane@example.com', 'alice@x.org'] } } },
  { name: 'sign_up', expectEvent: 'CompleteRegistration', eventData: { event_name: 'sign_up', user_id: 42 } },
  { name: 'file_download', expectEvent: 'Download', eventData: { event_name: 'file_download' } },
  { name: 'find_location', expectEvent: 'FindLocation', eventData: { event_name: 'find_location' } },
  { name: 'submit_application', expectEvent: 'SubmitApplication', eventData: { event_name: 'submit_application' } },
  { name: 'TikTok name passed through', expectEvent: 'Purchase', eventData: { event_name: 'CompletePayment', event_id: 555 } },
  { name: 'unmapped', eventData: { event_name: 'view_cart' } },
  { name: 'no name', eventData: {} },
  { name: 'garbage types', expectEvent: 'Purchase', eventData: { event_name: 'purchase', items: { 0: null, 1: 'x' }, value: [], currency: 5, user_data: { email: 12, address: 'street' }, page_location: {}, event_time: 'yesterday' } },
  { name: 'denied consent', eventData: { event_name: 'purchase', 'x-ga-gcs': 'G100', 'x-ga-gcd': '13q3t3q3t5l1', user_data: { email: 'jane@example.com' } }, expectEvent: 'Purchase' },
  { name: 'gtm health check', eventData: { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com/render' } },
];

describe('GA4 corpus through the emulator (real APIs, permissions enforced)', () => {
  test.each(corpus)('$name', async ({ eventData, expectEvent }) => {
    const result = await run(eventData, { cookies: { _ttp: '01K0T8BYGJH63785W68YS5NN1R_.tt.1' } });
    expect(result.outcome === 'success' || result.outcome === 'failure').toBe(true);
    expect(result.successCalls + result.failureCalls).toBe(1);
    const requests = result.record.requests.map((r) => r.request);
    expect(requests.length).toBe(expectEvent ? 1 : 0);
    for (const request of requests) {
      expect(request.url).toBe(URL);
      expect(request.method).toBe('POST');
      expect(request.headers['Access-Token']).toBe(TOKEN);
      const body = bodyOf(request);
      expect(body.event_source).toBe('web');
      expect(body.event_source_id).toBe(PIXEL);
      expect(body.data).toHaveLength(1);
      const e = body.data[0];
      expect(e.event).toBe(expectEvent);
      expect(Number.isInteger(e.event_time)).toBe(true);
      if ('event_id' in e) expect(typeof e.event_id).toBe('string');
      expect(typeof e.limited_data_use).toBe('boolean');
      for (const key of ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code']) {
        const values = e.user[key] === undefined ? [] : [].concat(e.user[key]);
        for (const v of values) expect(v).toMatch(/^[a-f0-9]{64}$/);
      }
      for (const c of e.properties.contents || []) {
        if ('content_id' in c) expect(typeof c.content_id).toBe('string');
        expect(Number.isInteger(c.quantity) && c.quantity >= 1).toBe(true);
      }
      if ('currency' in e.properties) expect(TIKTOK_CURRENCIES).toContain(e.properties.currency);
      if ('value' in e.properties) expect(typeof e.properties.value).toBe('number');
      for (const pii of RAW_PII) expect(request.body).not.toContain(pii);
    }
    const logText = result.record.logs.map((l) => l.text).join('\n');
    expect(logText).not.toContain(TOKEN);
    for (const pii of RAW_PII) expect(logText).not.toContain(pii);
    for (const c of result.record.cookiesSet) {
      expect(['ttclid', '_ttp']).toContain(c.name);
      expect(c.header).toMatch(/Secure/i);
      expect(c.header).not.toMatch(/HttpOnly/i);
    }
  });

  test('the denied-consent event carries no personal data and sets no cookie', async () => {
    const result = await run(corpus.find((c) => c.name === 'denied consent')!.eventData, { cookies: { _ttp: 'TTP' } });
    const e = bodyOf(result.record.requests[0].request).data[0];
    expect(e.user.email).toBeUndefined();
    expect(e.user.ttp).toBeUndefined();
    expect(result.record.cookiesSet).toEqual([]);
  });

  test('ttclid from the URL becomes a Set-Cookie for 30 days, SameSite Lax', async () => {
    const result = await run(corpus[0].eventData);
    const cookie = result.record.cookiesSet.find((c) => c.name === 'ttclid');
    expect(cookie?.value).toBe('E.C.P.xyz');
    expect(cookie?.header).toMatch(/Max-Age=2592000/i);
    expect(cookie?.header).toMatch(/SameSite=Lax/i);
    expect(cookie?.header).toMatch(/Path=\//i);
  });
});

describe('template and src/core agree', () => {
  test.each(corpus.filter((c) => c.expectEvent && c.name !== 'gtm health check'))('$name', async ({ eventData }) => {
    const cookies = { _ttp: '01K0T8BYGJH63785W68YS5NN1R_.tt.1' };
    const result = await run(eventData, { cookies });
    const fromTemplate = bodyOf(result.record.requests[0].request);
    const mapped = mapEvent(eventFromServerData(eventData, { eventIdKey: 'event_id' }, tk), {
      eventNames: {},
      consent: { mode: 'minimize' },
    }, { readTtpCookies: () => [cookies._ttp], readTtclidCookies: () => [] }, NOW, tk);
    const fromCore = buildEventsApiBody({ eventSourceId: PIXEL, event: toTikTokEvent(mapped, sha256HexNode) });
    expect(fromTemplate).toEqual(JSON.parse(JSON.stringify(fromCore)));
  });
});

describe('delivery through the emulator', () => {
  test('retries 40100 then succeeds with the same body; 40105 fails at once', async () => {
    const answers: HttpOutcome[] = [{ statusCode: 200, body: '{"code":40100}' }, ok()];
    const retried = await run(corpus[0].eventData, { http: () => answers.shift()! });
    expect(retried.outcome).toBe('success');
    expect(retried.record.requests).toHaveLength(2);
    expect(retried.record.requests[0].request.body).toBe(retried.record.requests[1].request.body);
    const failed = await run(corpus[0].eventData, { http: () => ({ statusCode: 200, body: '{"code":40105,"message":"Invalid access token","request_id":"Q"}' }) });
    expect(failed.outcome).toBe('failure');
    expect(failed.record.requests).toHaveLength(1);
    expect(failed.record.logs.map((l) => l.text).join('\n')).toContain('request_id Q');
  });

  test('network failures exhaust the retries (1 + 2) and fail', async () => {
    const result = await run(corpus[0].eventData, { http: () => ({ error: 'failed' }) });
    expect(result.outcome).toBe('failure');
    expect(result.record.requests).toHaveLength(3);
  });

  test('debug logging is silent outside preview, always logging works in production', async () => {
    const debug = await run(corpus[2].eventData, { containerVersion: { debugMode: false, previewMode: false } }, { logType: 'debug' });
    expect(debug.record.logs).toHaveLength(0);
    const always = await run(corpus[2].eventData, { containerVersion: { debugMode: false, previewMode: false } }, { logType: 'always' });
    expect(always.record.logs.length).toBeGreaterThan(0);
  });
});

/** An HTTP transport that answers with the mock TikTok API (the contract's validation included). */
function throughMock(mock: MockTikTok) {
  return (request: OutgoingHttpRequest): HttpOutcome => {
    const answer = mock.handle({ method: request.method, path: new globalThis.URL(request.url).pathname, headers: request.headers, body: request.body ?? '' });
    return answer ? { statusCode: answer.status, headers: answer.headers, body: answer.body } : { statusCode: 404, body: '' };
  };
}

describe('every event source against the mock TikTok API', () => {
  const appEvent = {
    event_name: 'purchase', value: 29.9, currency: 'USD', transaction_id: 'A-1', items: [{ item_id: 'SKU-1', price: 29.9, quantity: 1 }],
    'x-ga-platform': 'ios', 'x-ga-resettable_device_id': 'e621e1f8-c36c-495a-93fc-0c247a3e6e5f', app_id: '343200656', app_version: '5.2.0',
    user_data: { email: 'jane@example.com', address: { first_name: 'Jane', city: 'Berlin' } }, ip_override: '203.0.113.4', user_agent: 'ExampleShop/5.2',
    page_location: 'https://shop.example.com/?ttclid=E.C.P.x', shop_id: 'store-7', lead_id: '7400000000000000001',
  };
  const cases = [
    { source: 'web', id: PIXEL },
    { source: 'app', id: '7312345678901234567' },
    { source: 'offline', id: '7300000000000000001' },
    { source: 'crm', id: '7300000000000000002' },
  ];

  test.each(cases)('$source: accepted without a warning, and the request obeys the contract\'s fields-by-source table', async ({ source, id }) => {
    const mock = new MockTikTok({ nowSeconds: NOW / 1000 });
    const result = await run(appEvent, { http: throughMock(mock) }, { eventSource: source, pixelId: id });
    expect(result.outcome).toBe('success');
    expect(mock.log).toHaveLength(1);
    const entry = mock.log[0];
    expect({ accepted: entry.accepted, warnings: entry.warnings }).toEqual({ accepted: true, warnings: [] });
    expect(problems({ source, body: entry.body as Record<string, unknown> }, contractRules())).toEqual([]);
  });
});

describe('two pixels against the mock TikTok API', () => {
  const SECOND = 'D2BBBBBBBBBBBBBBBBBB';
  const records = (result: RunResult) => result.record.logs.map((line) => JSON.parse(line.text));

  test('the mock refuses the token of one pixel: that pixel fails, the other is delivered, the tag reports failure and the log says which is which', async () => {
    const mock = new MockTikTok({ nowSeconds: NOW / 1000, validTokens: [TOKEN] });
    const result = await run(corpus[0].eventData, { http: throughMock(mock) }, { moreDestinations: [{ destinationId: SECOND, destinationToken: 'tok_without_rights_123' }] });
    expect(result.outcome).toBe('failure');
    expect([result.successCalls, result.failureCalls]).toEqual([0, 1]);
    expect(mock.log.map((entry) => [(entry.body as { event_source_id: string }).event_source_id, entry.accepted])).toEqual([[PIXEL, true], [SECOND, false]]);
    const bodies = mock.log.map((entry) => (entry.body as { data: unknown[] }).data);
    expect(bodies[1]).toEqual(bodies[0]);
    const messages = records(result).filter((r) => r.Type === 'Message');
    expect(messages.find((r) => r.EventSourceId === PIXEL && /^sent:/.test(r.Message))).toBeDefined();
    expect(messages.find((r) => r.EventSourceId === SECOND && /^failed: .*40105/.test(r.Message))).toBeDefined();
    expect(messages.map((r) => r.Message)).toContain(`sent to 1 of 2 destinations: sent ${PIXEL}; failed ${SECOND}`);
    expect(result.record.logs.map((l) => l.text).join('\n')).not.toContain('tok_without_rights_123');
  });

  test('the mock fails the first pixel\'s request with a server error: it is retried alone, both end delivered, the tag succeeds', async () => {
    const mock = new MockTikTok({ nowSeconds: NOW / 1000 });
    mock.failNext({ count: 1, status: 500 });
    const result = await run(corpus[0].eventData, { http: throughMock(mock) }, { moreDestinations: [{ destinationId: SECOND, destinationToken: '' }] });
    expect(result.outcome).toBe('success');
    expect(mock.log.map((entry) => [(entry.body as { event_source_id: string }).event_source_id, entry.accepted])).toEqual([[PIXEL, false], [SECOND, true], [PIXEL, true]]);
    expect(mock.accepted().map((entry) => (entry.body as { data: { event_id: string }[] }).data[0].event_id)).toEqual(['T-1001_Purchase', 'T-1001_Purchase']);
  });

  test('optimistic mode reports success at once; the failure is still logged for its pixel', async () => {
    const mock = new MockTikTok({ nowSeconds: NOW / 1000, validTokens: [TOKEN] });
    const result = await run(corpus[0].eventData, { http: throughMock(mock) }, { optimistic: true, moreDestinations: [{ destinationId: SECOND, destinationToken: 'tok_without_rights_123' }] });
    expect([result.outcome, result.successCalls, result.failureCalls]).toEqual(['success', 1, 0]);
    expect(records(result).find((r) => r.EventSourceId === SECOND && /^failed:/.test(r.Message ?? ''))).toBeDefined();
  });
});

describe('fuzz: arbitrary event data never breaks the tag', () => {
  test('exactly one of gtmOnSuccess/gtmOnFailure, no exception, no raw email', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));
    const eventArb = fc.record({
      event_name: fc.oneof(fc.constantFrom('purchase', 'page_view', 'add_to_cart', 'x'), value),
      items: fc.oneof(value, fc.array(fc.dictionary(fc.constantFrom('item_id', 'price', 'quantity', 'item_name'), value, { maxKeys: 4 }), { maxLength: 4 })),
      value: value,
      currency: value,
      event_id: value,
      transaction_id: value,
      user_data: fc.oneof(value, fc.record({ email: fc.oneof(value, fc.constant('fuzz.person@example.net')), phone_number: value, address: value })),
      page_location: fc.oneof(value, fc.constant('https://s.example/?ttclid=E.C.P.a')),
      'x-ga-gcd': value,
      'x-ga-gcs': value,
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(eventArb, async (eventData) => {
        const result = await run(eventData as Record<string, unknown>);
        expect(['success', 'failure']).toContain(result.outcome);
        expect(result.successCalls + result.failureCalls).toBe(1);
        for (const r of result.record.requests) {
          expect(r.request.body).not.toContain('fuzz.person@example.net');
          const e = bodyOf(r.request).data[0];
          expect(typeof e.event).toBe('string');
          if ('event_id' in e) expect(typeof e.event_id).toBe('string');
        }
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  test('identity values and table cells of any shape: the tag ends normally, cookies hold only cookie-octets', async () => {
    // Lone UTF-16 surrogates are valid JSON ("\udfff"), so a forwarded _ttp/ttclid can hold one;
    // setCookie throws on them. A table cell can be any value a variable returns, e.g. {toString: 0}.
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\udfff', 'E.C.P.\ud800', 'caf\u00e9', 'a b', '01K0T8BYGJH63785W68YS5NN1R_.tt.1'));
    const cell = fc.oneof(text, fc.integer(), fc.constant({ toString: 0 }), fc.constant({ toString: null, valueOf: 1 }), fc.array(text, { maxLength: 2 }), fc.constant(null));
    const cookieOctets = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ _ttp: text, ttclid: text, ttp: text, common_cookie: fc.record({ _ttp: text, ttclid: text }) }, { requiredKeys: [] }),
        fc.option(text, { nil: undefined }),
        fc.array(fc.record({ from: fc.oneof(cell, fc.constant('purchase')), to: cell }), { maxLength: 3 }),
        fc.array(fc.record({ name: cell, value: cell }), { maxLength: 3 }),
        fc.boolean(),
        async (identity, urlClick, eventNameOverrides, extraProperties, generateTtp) => {
          const eventData = {
            event_name: 'purchase', transaction_id: 'T-9', client_id: '1489074949.1738980312', ...identity,
            page_location: 'https://shop.example.com/' + (urlClick !== undefined ? '?ttclid=' + encodeURIComponent(urlClick.replace(/[\ud800-\udfff]/g, 'x')) : ''),
          };
          const result = await run(eventData, { cookies: { _ttp: [identity._ttp ?? ''] } }, { eventNameOverrides, extraProperties, generateTtp });
          expect([result.outcome, result.message]).toEqual(['success', undefined]);
          expect(result.successCalls + result.failureCalls).toBe(1);
          for (const c of result.record.cookiesSet) expect(c.value).toMatch(cookieOctets);
          for (const r of result.record.requests) expect(r.request.body).not.toContain('[object Object]');
        },
      ),
      { numRuns: 150, seed: 6265 },
    );
  });

  test('every mapped standard name is one TikTok lists', () => {
    expect(TIKTOK_CURRENT_EVENTS.length).toBe(18);
  });
});
