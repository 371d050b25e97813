import {
  DEFAULT_PARTNER_NAME, EVENTS_API_URL, buildEventsApiBody, buildPage, buildTikTokEvent, normalizePixelId,
  resolveEventTime, resolveLimitedDataUse, toUnixSeconds,
} from '../../src/core/payload';
import { classifyResponse, isRetryableCode, shouldRetry } from '../../src/core/response';
import fc from 'fast-check';
import { parsePixelIds } from '../../src/core/pixel-id';
import { tk } from './node-toolkit';
import { eventFromServerData } from '../../src/core/server-input';

const NOW_MS = 1763900000123;

describe('event time', () => {
  test.each([
    [1763890000, 1763890000], [1763890000123, 1763890000], [1763890000123456, 1763890000], ['1763890000', 1763890000],
    [1763890000.9, 1763890000], [12345, undefined], ['soon', undefined], [-1, undefined], [null, undefined],
  ])('toUnixSeconds(%p) = %p', (v, s) => expect(toUnixSeconds(v, tk)).toBe(s));

  test('explicit, then event data, then now', () => {
    expect(resolveEventTime(1763800000, [1763700000], NOW_MS, tk)).toEqual({ eventTime: 1763800000, source: 'field' });
    expect(resolveEventTime(undefined, [1763700000000000], NOW_MS, tk)).toEqual({ eventTime: 1763700000, source: 'event_data' });
    expect(resolveEventTime(undefined, [], NOW_MS, tk)).toEqual({ eventTime: 1763900000, source: 'now' });
  });

  test('future or garbage times fall back to now with a warning', () => {
    expect(resolveEventTime(undefined, [1763900000 + 3600], NOW_MS, tk)).toEqual({ eventTime: 1763900000, source: 'now', warning: 'event time in the future replaced by now' });
    expect(resolveEventTime('garbage', [], NOW_MS, tk).source).toBe('now');
    expect(resolveEventTime(undefined, [1763900000 + 60], NOW_MS, tk).eventTime).toBe(1763900060);
  });

  test('events older than 7 days are kept with a warning', () => {
    const old = 1763900000 - 8 * 86400;
    expect(resolveEventTime(undefined, [old], NOW_MS, tk)).toEqual({ eventTime: old, source: 'event_data', warning: 'event time is more than 7 days old' });
    expect(resolveEventTime(undefined, [1763900000 - 86400], NOW_MS, tk).warning).toBeUndefined();
  });
});

describe('page, pixel id, LDU', () => {
  test('page from event data, overrides win, only http(s)', () => {
    expect(buildPage({ url: 'https://s.example/a?b=1', referrer: 'javascript:alert(1)' }, {}, tk)).toEqual({ url: 'https://s.example/a?b=1' });
    expect(buildPage({ url: 'https://s.example/' }, { url: 'http://o.example/', referrer: 'https://r.example/' }, tk)).toEqual({ url: 'http://o.example/', referrer: 'https://r.example/' });
    expect(buildPage({ url: 'garbage', referrer: 42 }, {}, tk)).toEqual({});
  });
  test.each([['C9Q2MJ3C77U4P674RPG0', 'C9Q2MJ3C77U4P674RPG0'], [' C9Q2MJ3C77U4P674RPG0 ', 'C9Q2MJ3C77U4P674RPG0'], ['c9q2mj3c77u4p674rpg0', 'C9Q2MJ3C77U4P674RPG0'], ['short', undefined], ['C9Q2MJ3C77U4P674RPG!', undefined], [undefined, undefined]])('pixel id %p', (v, o) => {
    expect(normalizePixelId(v, tk)).toBe(o);
  });
  test('the server tag and the Pixel tag read a typed Pixel ID alike (one rule, src/core/pixel-id.ts)', () => {
    const typed = fc.tuple(fc.constantFrom('C9Q2MJ3C77U4P674RPG0', 'D17TA5JC77UDOT6CA5FG', 'ABC', 'C9Q2-MJ3C', '1234567890123456789'), fc.array(fc.boolean(), { maxLength: 20 }), fc.constantFrom('', ' ', '\t'))
      .map(([id, lower, pad]) => pad + id.split('').map((ch, i) => (lower[i] ? ch.toLowerCase() : ch)).join('') + pad);
    fc.assert(fc.property(typed, (text) => {
      const pixel = parsePixelIds(text);
      expect(normalizePixelId(text, tk)).toBe(pixel.ids[0]);
      if (pixel.ids[0] !== undefined) expect(pixel.ids[0]).toBe(pixel.ids[0].toUpperCase());
    }));
  });
  test('limited_data_use from checkbox or event key', () => {
    const flag = (eventData: unknown, key?: string) => eventFromServerData(eventData, { limitedDataUseKey: key }, tk).limitedDataUse;
    expect(resolveLimitedDataUse(true, flag({}))).toBe(true);
    expect(resolveLimitedDataUse(false, flag({ limited_data_use: 'true' }, ''))).toBe(true);
    expect(resolveLimitedDataUse(false, flag({ ldu: 1 }, 'ldu'))).toBe(true);
    expect(resolveLimitedDataUse(false, flag({ limited_data_use: 'no' }))).toBe(false);
  });
});

describe('body', () => {
  const event = buildTikTokEvent({ event: 'Purchase', eventTime: 1763900000, eventId: 'ord_1', user: { ip: '1.2.3.4' }, page: {}, properties: { value: 1 } });
  test('shape', () => {
    expect(EVENTS_API_URL).toBe('https://business-api.tiktok.com/open_api/v1.3/event/track/');
    expect(buildEventsApiBody({ eventSourceId: 'PIX', event, testEventCode: ' TEST123 ' })).toEqual({
      event_source: 'web', event_source_id: 'PIX', partner_name: DEFAULT_PARTNER_NAME, test_event_code: 'TEST123',
      data: [{ event: 'Purchase', event_time: 1763900000, event_id: 'ord_1', user: { ip: '1.2.3.4' }, properties: { value: 1 }, limited_data_use: false }],
    });
  });
  test('no event_id key when absent; partner name can be omitted; empty test code omitted', () => {
    const e = buildTikTokEvent({ event: 'X', eventTime: 1, user: {}, page: {}, properties: {}, limitedDataUse: true });
    expect('event_id' in e).toBe(false);
    expect(e.limited_data_use).toBe(true);
    const body = buildEventsApiBody({ eventSourceId: 'P', event: e, partnerName: '', testEventCode: '  ' });
    expect(Object.keys(body).sort()).toEqual(['data', 'event_source', 'event_source_id']);
  });
});

describe('classifyResponse', () => {
  const ok = JSON.stringify({ code: 0, message: 'OK', request_id: 'R1' });
  test.each([
    ['2xx + code 0', { statusCode: 200, body: ok }, 'success'],
    ['parsed body object', { statusCode: 200, body: { code: 0 } }, 'success'],
    ['20001 partial OK', { statusCode: 200, body: '{"code":20001}' }, 'success'],
    ['40002 with HTTP 200 is a failure', { statusCode: 200, body: '{"code":40002,"message":"Invalid value for event_id: not a valid string.","request_id":"202303141300390EF6F5D96D1798201C51"}' }, 'fail'],
    ['40001 permission', { statusCode: 200, body: '{"code":40001}' }, 'fail'],
    ['40105 invalid token', { statusCode: 200, body: '{"code":40105}' }, 'fail'],
    ['40100 throttled', { statusCode: 200, body: '{"code":40100,"message":"Too many requests. Please retry in some time."}' }, 'retry'],
    ['51012 internal', { statusCode: 200, body: '{"code":51012}' }, 'retry'],
    ['60001 maintenance', { statusCode: 200, body: '{"code":60001}' }, 'retry'],
    ['502 HTML', { statusCode: 502, body: '<html>bad gateway</html>' }, 'retry'],
    ['429', { statusCode: 429, body: '' }, 'retry'],
    ['400 JSON', { statusCode: 400, body: '{"code":40000}' }, 'fail'],
    ['200 not JSON', { statusCode: 200, body: 'hello' }, 'fail'],
    ['timeout', { error: 'timed_out' }, 'retry'],
    ['network', { error: 'failed' }, 'retry'],
    ['no status', {}, 'retry'],
  ])('%s -> %s', (_l, result, outcome) => {
    expect(classifyResponse(result, tk).outcome).toBe(outcome);
  });

  test('failure carries code, message, request_id and a reason', () => {
    const c = classifyResponse({ statusCode: 200, body: '{"code":40002,"message":"bad","request_id":"REQ"}' }, tk);
    expect(c).toMatchObject({ outcome: 'fail', statusCode: 200, code: 40002, message: 'bad', requestId: 'REQ' });
    expect(c.reason).toBe('TikTok error: HTTP 200, code 40002, "bad", request_id REQ');
  });

  test('retryable codes and bounded retries', () => {
    expect([40100, 40132, 61000, 40700, 50000, 50002, 51000, 52999, 60001].every(isRetryableCode)).toBe(true);
    expect([0, 40000, 40001, 40002, 40102, 40105, 41000, 53000].some(isRetryableCode)).toBe(false);
    const retry = classifyResponse({ error: 'failed' }, tk);
    expect([1, 2, 3].map((n) => shouldRetry(retry, n, 2))).toEqual([true, true, false]);
    expect(shouldRetry(classifyResponse({ statusCode: 200, body: ok }, tk), 1, 2)).toBe(false);
  });

  test('without an event_id only throttling is retried (no duplicate risk)', () => {
    expect(shouldRetry(classifyResponse({ error: 'timed_out' }, tk), 1, 2, false)).toBe(false);
    expect(shouldRetry(classifyResponse({ statusCode: 502, body: '' }, tk), 1, 2, false)).toBe(false);
    expect(shouldRetry(classifyResponse({ statusCode: 200, body: '{"code":40100}' }, tk), 1, 2, false)).toBe(true);
    expect(shouldRetry(classifyResponse({ statusCode: 429, body: '' }, tk), 1, 2, false)).toBe(true);
    expect(shouldRetry(classifyResponse({ statusCode: 502, body: '' }, tk), 1, 2, true)).toBe(true);
  });
});

describe('device from client hints', () => {
  const { buildDevice } = jest.requireActual('../../src/core/payload');
  test('GA4 client_hints -> device', () => {
    expect(buildDevice({
      architecture: 'arm', bitness: '64', full_version_list: [{ brand: 'Chromium', version: '132.0.6834.160' }, { brand: '', version: '1' }],
      mobile: false, model: '', platform: '"macOS"', platform_version: '15.3.0', wow64: false, brands: [],
    }, tk)).toEqual({ architecture: 'arm', bitness: '64', browser_version_list: [{ brand: 'Chromium', version: '132.0.6834.160' }], mobile: false, platform: 'macOS', platform_version: '15.3.0' });
  });
  test('nothing usable -> undefined, and buildTikTokEvent never sends an empty device', () => {
    expect(buildDevice({ model: '', brands: [] }, tk)).toBeUndefined();
    expect(buildDevice('x', tk)).toBeUndefined();
    const e = buildTikTokEvent({ event: 'X', eventTime: 1, user: {}, page: {}, properties: {}, device: {} });
    expect('device' in e).toBe(false);
  });
});
