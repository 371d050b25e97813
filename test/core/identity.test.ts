import {
  TTCLID_COOKIE_MAX_AGE, TTP_COOKIE_MAX_AGE, buildCookieOptions, firstCookieValue, isCookieDomain, planIdentityCookies,
  sanitizeCookieValue,
} from '../../src/core/cookies';
import {
  TTCLID_EVENT_KEYS, eventDataValues, generateTtp, getQueryParameter, hostnameOf, resolveTtclid, resolveTtp,
  ttpDomainIndex,
} from '../../src/core/identity';
import { tk } from './node-toolkit';

const CLICK = 'E.C.P.CsQBQ3fsJHedzWpv-un_CeFXyx6BDFj9KK';

describe('URL helpers', () => {
  test.each([
    ['https://a.example/?ttclid=' + CLICK, CLICK],
    ['https://a.example/p?x=1&ttclid=E.C.P.a%2Bb%3D#frag', 'E.C.P.a+b='],
    ['https://a.example/p?ttclid=&ttclid=second', 'second'],
    ['https://a.example/p?ttclid=%E0%A4%A', '%E0%A4%A'],
    ['https://a.example/p?xttclid=1', undefined],
    ['https://a.example/p#ttclid=1', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('getQueryParameter(%p)', (url, expected) => {
    expect(getQueryParameter(url, 'ttclid', tk)).toBe(expected);
  });

  test.each([
    ['https://Shop.Example.com:8443/x?y', 'shop.example.com'],
    ['http://user:pw@a.b/', 'a.b'],
    ['https://[::1]:80/', '[::1]'],
    ['ftp://a.b/', undefined],
    ['/relative', undefined],
    ['', undefined],
  ])('hostnameOf(%p)', (url, host) => {
    expect(hostnameOf(url)).toBe(host);
  });
});

describe('resolveTtclid', () => {
  const base = { readCookies: true };
  test('URL first', () => {
    expect(resolveTtclid({ ...base, pageLocation: 'https://s.example/?ttclid=' + CLICK, cookieValues: ['old'] }, tk)).toEqual({ value: CLICK, source: 'url' });
  });
  test('same-host referrer second', () => {
    expect(resolveTtclid({ ...base, pageLocation: 'https://s.example/cart', pageReferrer: 'https://S.example/land?ttclid=R1', cookieValues: ['old'] }, tk)).toEqual({ value: 'R1', source: 'referrer' });
  });
  test('foreign referrer ignored', () => {
    expect(resolveTtclid({ ...base, pageLocation: 'https://s.example/cart', pageReferrer: 'https://other.example/?ttclid=R1' }, tk)).toEqual({ source: 'none' });
  });
  test('cookie third, event data last', () => {
    expect(resolveTtclid({ ...base, cookieValues: ['', 'C1'], fallbackValues: ['E1'] }, tk)).toEqual({ value: 'C1', source: 'cookie' });
    expect(resolveTtclid({ ...base, cookieValues: [], fallbackValues: [undefined, 'E1'] }, tk)).toEqual({ value: 'E1', source: 'event_data' });
  });
  test('without ad_storage consent only the URL counts', () => {
    const input = { readCookies: false, cookieValues: ['C1'], fallbackValues: ['E1'] };
    expect(resolveTtclid(input, tk)).toEqual({ source: 'none' });
    expect(resolveTtclid({ ...input, pageLocation: 'https://s.example/?ttclid=U' }, tk)).toEqual({ value: 'U', source: 'url' });
  });
  test('header-breaking values are rejected', () => {
    expect(resolveTtclid({ ...base, pageLocation: 'https://s.example/?ttclid=a%3Bb', cookieValues: ['ok'] }, tk)).toEqual({ value: 'ok', source: 'cookie' });
    expect(resolveTtclid({ ...base, fallbackValues: ['x\r\nSet-Cookie: y'] }, tk)).toEqual({ source: 'none' });
  });
  test('event data keys include the forwarded common_cookie', () => {
    expect(eventDataValues({ common_cookie: { ttclid: 'F' } }, TTCLID_EVENT_KEYS, tk)).toEqual([undefined, 'F']);
  });
});

describe('resolveTtp and generation', () => {
  const TTP = '01K0T8BYGJH63785W68YS5NN1R_.tt.1';
  test('cookie raw with suffix, then event data', () => {
    expect(resolveTtp({ readCookies: true, cookieValues: [TTP] }, tk)).toEqual({ value: TTP, source: 'cookie' });
    expect(resolveTtp({ readCookies: true, cookieValues: [], fallbackValues: [TTP] }, tk)).toEqual({ value: TTP, source: 'event_data' });
  });
  test('never fabricated unless generation is on', () => {
    expect(resolveTtp({ readCookies: true }, tk)).toEqual({ source: 'none' });
  });
  test('no consent -> nothing, not even generated', () => {
    expect(resolveTtp({ readCookies: false, cookieValues: [TTP], generate: { nowMs: 1, randomInt: () => 0 } }, tk)).toEqual({ source: 'none' });
  });
  test('generated value has the ULID + _.tt.<n> shape and encodes the time', () => {
    const nowMs = 1753142400000; // 2025-07-22
    const r = resolveTtp({ readCookies: true, generate: { nowMs, randomInt: () => 31, domainIndex: 2 } }, tk);
    expect(r.source).toBe('generated');
    expect(r.value).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}_\.tt\.2$/);
    expect(r.value!.slice(10, 26)).toBe('Z'.repeat(16));
    // Decode the 10 time characters back.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const decoded = r.value!.slice(0, 10).split('').reduce((acc, ch) => acc * 32 + alphabet.indexOf(ch), 0);
    expect(decoded).toBe(nowMs);
    expect(r.value!.startsWith('01K')).toBe(true);
  });
  test('generateTtp tolerates a broken random source', () => {
    expect(generateTtp({ nowMs: 0, randomInt: () => 99 }, tk)).toBe('0'.repeat(26) + '_.tt.1');
  });
  test.each([['example.com', 1], ['shop.example.com.au', 3], ['.example.com.au', 2], ['localhost', 1], [undefined, 1]])('ttpDomainIndex(%p) = %p', (d, n) => {
    expect(ttpDomainIndex(d)).toBe(n);
  });
});

describe('cookies', () => {
  test.each([
    ['abc', 'abc'], ['  E.C.P.x-_y  ', 'E.C.P.x-_y'], ['a;b', undefined], ['a b', undefined], ['a\r\nb', undefined],
    ['a,b', undefined], ['"q"', undefined], ['a\\b', undefined], ['a\u0001b', undefined], ['', undefined], [null, undefined],
    [{}, undefined], [123, '123'], ['x'.repeat(2049), undefined],
  ])('sanitizeCookieValue(%p)', (value, out) => {
    expect(sanitizeCookieValue(value, tk)).toBe(out);
  });

  test('firstCookieValue skips unusable entries', () => {
    expect(firstCookieValue(['', 'a;b', 'good'], tk)).toBe('good');
    expect(firstCookieValue(undefined, tk)).toBeUndefined();
  });

  test('cookie options: path /, Secure, Lax, not HttpOnly, domain auto', () => {
    expect(buildCookieOptions({ maxAgeSeconds: 100 }, tk)).toEqual({ domain: 'auto', path: '/', 'max-age': 100, secure: true, samesite: 'Lax', httpOnly: false });
    expect(buildCookieOptions({ maxAgeSeconds: 100, domain: 'Example.com', sameSite: 'None' }, tk)).toMatchObject({ domain: 'example.com', samesite: 'None' });
    expect(buildCookieOptions({ maxAgeSeconds: 100, domain: 'bad domain;' }, tk).domain).toBe('auto');
  });

  test.each([['auto', true], ['.example.com', true], ['a..b', false], ['-a.b', false], ['a.b;', false], ['', false]])('isCookieDomain(%p)', (d, ok) => {
    expect(isCookieDomain(d)).toBe(ok);
  });

  test('plan: ttclid only when it came from the URL; _ttp refreshed from any source', () => {
    const writes = planIdentityCookies({ allowWrite: true, ttclid: { value: 'U', source: 'url' }, ttp: { value: 'T', source: 'cookie' } }, tk);
    expect(writes.map((w) => [w.name, w.value, w.options['max-age']])).toEqual([['ttclid', 'U', TTCLID_COOKIE_MAX_AGE], ['_ttp', 'T', TTP_COOKIE_MAX_AGE]]);
    expect(planIdentityCookies({ allowWrite: true, ttclid: { value: 'C', source: 'cookie' } }, tk)).toEqual([]);
    expect(planIdentityCookies({ allowWrite: true, ttclid: { value: 'R', source: 'referrer' }, persistTtclid: false }, tk)).toEqual([]);
  });

  test('plan: no writes without consent, configurable lifetimes, refresh toggle', () => {
    expect(planIdentityCookies({ allowWrite: false, ttclid: { value: 'U', source: 'url' }, ttp: { value: 'T', source: 'cookie' } }, tk)).toEqual([]);
    const w = planIdentityCookies({ allowWrite: true, ttclid: { value: 'U', source: 'url' }, ttclidMaxAge: 60, ttp: { value: 'T', source: 'generated' }, ttpMaxAge: 120 }, tk);
    expect(w.map((x) => x.options['max-age'])).toEqual([60, 120]);
    expect(planIdentityCookies({ allowWrite: true, ttp: { value: 'T', source: 'cookie' }, refreshTtp: false }, tk)).toEqual([]);
  });
});
