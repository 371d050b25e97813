// src/core/server-identity.ts in Node: the deterministic _ttp derivation, client-id parsing and the
// forwarded cookie map reader used by the TikTok server variables and the Cookie Keeper tag.
import { generateTtp } from '../../src/core/identity';
import { mapEvent } from '../../src/core/map-event';
import { clientIdSeconds, cookieFromMap, deriveTtpGenerator, resolveServerIdentity } from '../../src/core/server-identity';
import { nodeToolkit } from '../core/node-toolkit';

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
    const gen = deriveTtpGenerator(eventData, index, tk);
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
    expect(deriveTtpGenerator({ client_id: '1.1738980312' }, 1, nodeToolkit({ withSha256: false }))).toBeUndefined();
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

describe('resolveServerIdentity follows mapEvent', () => {
  const events: Record<string, unknown>[] = [
    { page_location: 'https://a.example/?ttclid=E.C.P.url', page_referrer: 'https://a.example/?ttclid=E.C.P.ref' },
    { page_location: 'https://a.example/', page_referrer: 'https://a.example/?ttclid=E.C.P.ref', _ttp: 'ev' },
    { page_location: 'https://a.example/', page_referrer: 'https://b.example/?ttclid=E.C.P.ref', common_cookie: { ttclid: 'E.C.P.cc', _ttp: 'cc' } },
    { page_location: 'https://a.example/?ttclid=E.C.P.url', 'x-ga-gcs': 'G100', ttp: 'ev2' },
    { page_location: 'ftp://a.example/?ttclid=E.C.P.url', consent_state: { ad_storage: 'granted' } },
  ];
  const cookies = [{}, { ttclid: ['E.C.P.c'], _ttp: ['', 'ct'] }];
  for (const [i, eventData] of events.entries()) {
    for (const [j, jar] of cookies.entries()) {
      for (const mode of ['minimize', 'require_ad_storage', 'ignore'] as const) {
        test('event ' + i + ', cookies ' + j + ', ' + mode, () => {
          const jarMap = jar as { ttclid?: string[]; _ttp?: string[] };
          const mapped = mapEvent(eventData, { eventNames: {}, consent: { mode } }, { ttclidCookies: jarMap.ttclid, ttpCookies: jarMap._ttp }, 0, tk);
          const ours = resolveServerIdentity({ eventData, consent: { mode }, readTtclidCookies: () => jarMap.ttclid, readTtpCookies: () => jarMap._ttp }, tk);
          expect(ours.ttclid).toEqual(mapped.ttclid);
          expect(ours.ttp).toEqual(mapped.ttp);
          expect(ours.consent).toEqual(mapped.consent);
        });
      }
    }
  }
});
