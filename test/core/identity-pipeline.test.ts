// The one identity pipeline (src/core/identity.ts resolveIdentity) in Node: cookie readers called
// only when consent allows, the deterministic _ttp derivation, client-id parsing and the forwarded
// cookie map reader used by the TikTok server variables and the Cookie Keeper tag.
import { TTP_SEED_EVENT_KEYS, clientIdSeconds, cookieFromMap, deriveTtpGenerator, eventDataValues, generateTtp, resolveIdentity } from '../../src/core/identity';
import { mapEvent } from '../../src/core/map-event';
import { eventFromServerData } from '../../src/core/server-input';
import { nodeToolkit } from './node-toolkit';

const tk = nodeToolkit({ withSha256: true });
const TTP_SHAPE = /^[0-9A-HJKMNP-TV-Z]{26}_\.tt\.\d+$/;

describe('clientIdSeconds', () => {
  test.each([
    ['1489074949.1738980312', 1738980312],
    ['cuPHQ5qyIqHl8QiSr3aZXrAR+jGYJKhuyWzJcFI39ds=.1703490225', 1703490225],
    ['GA1.1.1489074949.1738980312', 1738980312],
  ])('%s -> %d', (id, seconds) => expect(clientIdSeconds(id)).toBe(seconds));
  test.each(['', '1738980312', '.1738980312', '123.99', 'x.17389803a2', 'x.99999999999', 'x.0000000001'])('%s -> undefined', (id) => {
    expect(clientIdSeconds(id)).toBeUndefined();
  });
});

describe('deriveTtpGenerator', () => {
  const make = (eventData: unknown, index = 1) => {
    const gen = deriveTtpGenerator(eventDataValues(eventData, TTP_SEED_EVENT_KEYS, tk), index, tk);
    return gen ? generateTtp(gen, tk) : undefined;
  };

  test('the same client id gives the same _ttp; its time part is the first visit', () => {
    const a = make({ client_id: '1489074949.1738980312' });
    expect(a).toMatch(TTP_SHAPE);
    expect(make({ client_id: '1489074949.1738980312', page_location: 'https://x.example/' })).toBe(a);
    // ULID time part of 1738980312000 ms.
    expect(a!.substring(0, 10)).toBe(generateTtp({ nowMs: 1738980312000, randomInt: () => 0 }, tk).substring(0, 10));
  });

  test('different client ids give different random parts', () => {
    const values = new Set<string>();
    for (let i = 0; i < 200; i++) values.add(make({ client_id: 1000000000 + i + '.1738980312' })!.substring(10, 26));
    expect(values.size).toBe(200);
  });

  test('the domain index becomes the suffix', () => {
    expect(make({ client_id: '1.1738980312' }, 3)).toMatch(/_\.tt\.3$/);
  });

  test('falls back to x-ga-js_client_id; nothing without a usable id or without sha256', () => {
    expect(make({ client_id: 'fpid', 'x-ga-js_client_id': '1.1738980312' })).toBe(make({ client_id: '1.1738980312' }));
    expect(make({})).toBeUndefined();
    expect(make({ client_id: { a: 1 } })).toBeUndefined();
    expect(make('garbage')).toBeUndefined();
    expect(deriveTtpGenerator(['1.1738980312'], 1, nodeToolkit({ withSha256: false }))).toBeUndefined();
  });
});

describe('cookieFromMap', () => {
  test.each([
    [{ ttclid: 'E.C.P.a' }, 'E.C.P.a'],
    [{ ttclid: ['E.C.P.a', 'E.C.P.b'] }, 'E.C.P.a'],
    ['_ga=1; ttclid=E.C.P.a%2Bb ; x=2', 'E.C.P.a+b'],
    ['ttclid=E.C.P.%E0%A4%A', 'E.C.P.%E0%A4%A'],
    ['ttclid=; ttclid=E.C.P.second', 'E.C.P.second'],
    [['x=1', { ttclid: 'E.C.P.list' }], 'E.C.P.list'],
    ['xttclid=E.C.P.no', undefined],
    [42, undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j -> %j', (map, expected) => expect(cookieFromMap(map, 'ttclid', tk)).toBe(expected));
});

describe('resolveIdentity', () => {
  const reader = (values: unknown) => {
    const calls: number[] = [];
    return { calls, read: () => { calls.push(1); return values; } };
  };

  test('cookies are not read at all when cookies may not be read (ad_storage denied)', () => {
    const ttclid = reader(['E.C.P.cookie']);
    const ttp = reader(['cookie-ttp']);
    const denied = resolveIdentity({
      readCookies: false, pageUrl: 'https://a.example/?ttclid=E.C.P.url',
      ttclidCandidates: ['E.C.P.forwarded'], ttpCandidates: ['forwarded-ttp'],
      readTtclidCookies: ttclid.read, readTtpCookies: ttp.read,
    }, tk);
    expect(ttclid.calls).toHaveLength(0);
    expect(ttp.calls).toHaveLength(0);
    // The click id visible in the URL is still used; forwarded (cookie-derived) values are not.
    expect(denied).toEqual({ ttclid: { value: 'E.C.P.url', source: 'url' }, ttp: { source: 'none' } });
  });

  test('with cookies allowed each reader is called once, and the cookie beats forwarded values', () => {
    const ttclid = reader(['E.C.P.cookie']);
    const ttp = reader(['', 'cookie-ttp']);
    const granted = resolveIdentity({
      readCookies: true, pageUrl: 'https://a.example/', ttclidCandidates: ['E.C.P.forwarded'], ttpCandidates: ['forwarded-ttp'],
      readTtclidCookies: ttclid.read, readTtpCookies: ttp.read,
    }, tk);
    expect([ttclid.calls.length, ttp.calls.length]).toEqual([1, 1]);
    expect(granted).toEqual({ ttclid: { value: 'E.C.P.cookie', source: 'cookie' }, ttp: { value: 'cookie-ttp', source: 'cookie' } });
  });

  test('mapEvent decides consent once and calls no reader when ad_storage is denied', () => {
    const ttclid = reader(['E.C.P.cookie']);
    const ttp = reader(['cookie-ttp']);
    const mapped = mapEvent(
      eventFromServerData({ event_name: 'purchase', 'x-ga-gcs': 'G100', page_location: 'https://a.example/' }, {}, tk),
      { eventNames: {}, consent: { mode: 'minimize' } },
      { readTtclidCookies: ttclid.read, readTtpCookies: ttp.read }, 0, tk,
    );
    expect(mapped.consent.readCookies).toBe(false);
    expect([ttclid.calls.length, ttp.calls.length]).toEqual([0, 0]);
    const granted = mapEvent(
      eventFromServerData({ event_name: 'purchase', 'x-ga-gcs': 'G111', page_location: 'https://a.example/' }, {}, tk),
      { eventNames: {}, consent: { mode: 'minimize' } },
      { readTtclidCookies: ttclid.read, readTtpCookies: ttp.read }, 0, tk,
    );
    expect([ttclid.calls.length, ttp.calls.length]).toEqual([1, 1]);
    expect(granted.ttp).toEqual({ value: 'cookie-ttp', source: 'cookie' });
  });
});
