// Cookie values the server tags may write: only RFC 6265 cookie-octets reach setCookie.
import fc from 'fast-check';
import {
  COOKIE_OCTETS, MAX_COOKIE_VALUE_LENGTH, firstCookieValue, isCookieOctets, planIdentityCookies, rejectedCookieNote,
  sanitizeCookieValue,
} from '../../src/core/cookies';
import { resolveTtclid, resolveTtp } from '../../src/core/identity';
import { tk } from './node-toolkit';

/** RFC 6265 4.1.1: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
const RFC_RANGES: [number, number][] = [[0x21, 0x21], [0x23, 0x2b], [0x2d, 0x3a], [0x3c, 0x5b], [0x5d, 0x7e]];
const isRfcOctet = (code: number) => RFC_RANGES.some(([low, high]) => code >= low && code <= high);
const RFC_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

describe('cookie-octets', () => {
  test('COOKIE_OCTETS is exactly the RFC 6265 set, each character once', () => {
    const expected: string[] = [];
    for (let code = 0; code < 0x80; code++) if (isRfcOctet(code)) expected.push(String.fromCharCode(code));
    expect(COOKIE_OCTETS.split('')).toEqual(expected);
  });

  test('isCookieOctets accepts exactly the RFC 6265 set, for every UTF-16 code unit alone and inside a value', () => {
    const wrong: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (isCookieOctets(ch) !== isRfcOctet(code) || isCookieOctets('a' + ch + 'b') !== isRfcOctet(code)) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  test.each([
    ['\udfff'], ['\ud800'], ['a\udfffb'], ['ab\ud83d'], ['\u00e9t\u00e9'], ['x\u00a0y'], ['x\u007fy'], ['x\u2028y'], ['a\u0000b'],
    ['a b'], ['a;b'], ['a,b'], ['"q"'], ['a\\b'], ['a\tb'],
  ])('sanitizeCookieValue rejects %j', (raw) => {
    expect(sanitizeCookieValue(raw, tk)).toBeUndefined();
    expect(isCookieOctets(raw)).toBe(false);
  });

  test.each([
    ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'], ['E.C.P.Cs-Q_B+x/y='], ['%E0%A4%A'], [COOKIE_OCTETS],
  ])('sanitizeCookieValue keeps %j', (raw) => {
    expect(sanitizeCookieValue(raw, tk)).toBe(raw);
  });

  test('surrounding whitespace is trimmed, length is capped', () => {
    expect(sanitizeCookieValue('  abc \n', tk)).toBe('abc');
    expect(sanitizeCookieValue('x'.repeat(MAX_COOKIE_VALUE_LENGTH), tk)).toHaveLength(MAX_COOKIE_VALUE_LENGTH);
    expect(sanitizeCookieValue('x'.repeat(MAX_COOKIE_VALUE_LENGTH + 1), tk)).toBeUndefined();
    expect(isCookieOctets('')).toBe(false);
  });

  test('any accepted value is made of cookie-octets and can be URI-encoded (what setCookie does)', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (raw) => {
      const out = sanitizeCookieValue(raw, tk);
      if (out === undefined) return;
      expect(out).toMatch(RFC_VALUE);
      expect(() => encodeURIComponent(out)).not.toThrow();
    }), { numRuns: 500, seed: 6265 });
  });

  test('a lone surrogate in a cookie list is skipped, the next usable value is taken', () => {
    expect(firstCookieValue(['\udfff', 'good'], tk)).toBe('good');
  });

  test('identifiers holding a lone surrogate are not used (cookie, event data)', () => {
    expect(resolveTtp({ readCookies: true, cookieValues: ['\udfff'], fallbackValues: ['\ud800x'] }, tk)).toEqual({ source: 'none' });
    expect(resolveTtclid({ readCookies: true, pageLocation: 'https://a.example/', cookieValues: ['a\udfff'], fallbackValues: ['\udfff'] }, tk)).toEqual({ source: 'none' });
  });
});

describe('planIdentityCookies drops writes it cannot make safely', () => {
  test('an unsafe value gives no write and a note naming the cookie, never the value', () => {
    const notes: string[] = [];
    const writes = planIdentityCookies({
      allowWrite: true, notes,
      ttclid: { value: 'E.C.P.\udfff', source: 'url' },
      ttp: { value: 'caf\u00e9', source: 'event_data' },
    }, tk);
    expect(writes).toEqual([]);
    expect(notes).toEqual([rejectedCookieNote('ttclid'), rejectedCookieNote('_ttp')]);
    expect(notes.join('\n')).not.toContain('E.C.P.');
    expect(notes.join('\n')).not.toContain('caf');
  });

  test('safe values are written and leave no note; notes are optional', () => {
    const notes: string[] = [];
    const writes = planIdentityCookies({ allowWrite: true, notes, ttclid: { value: 'U', source: 'url' }, ttp: { value: 'T', source: 'cookie' } }, tk);
    expect(writes.map((w) => w.value)).toEqual(['U', 'T']);
    expect(notes).toEqual([]);
    expect(planIdentityCookies({ allowWrite: true, ttp: { value: '\udfff', source: 'cookie' } }, tk)).toEqual([]);
  });
});
