// Personal data never leaves in page.url / page.referrer (src/core/url-privacy.ts, hooked into
// buildPage): examples, then properties over the project's PII generators (test/generators/pii.ts)
// in every encoding a URL carries them in, and the other side: ttclid and ordinary parameters stay
// byte for byte.
import fc from 'fast-check';
import { buildPage } from '../../src/core/payload';
import { mapEvent } from '../../src/core/map-event';
import { eventFromServerData } from '../../src/core/server-input';
import {
  REDACTED_VALUE, containsEmail, containsPhone, isPersonalParameterName, looksLikePhone, redactPersonalData,
} from '../../src/core/url-privacy';
import { PiiToken, collectTexts, emailToken, findLeak, piiTokenOf, phoneToken } from '../generators/pii';
import { tk } from './node-toolkit';

const redact = (url: string) => redactPersonalData(url, tk);

describe('examples', () => {
  test('the confirmation page of the report', () => {
    const url = 'https://shop.example/confirm?email=jane.doe@example.com&phone=%2B15551234567&name=Jane+Doe&ttclid=E.C.P.abc&utm_source=tiktok';
    expect(redact(url)).toBe('https://shop.example/confirm?email=redacted&phone=redacted&name=redacted&ttclid=E.C.P.abc&utm_source=tiktok');
  });

  test('values that look like an email or a phone number, whatever the parameter is called', () => {
    expect(redact('https://a.example/?next=%2Fdone%3Fu%3Djane%2540example.com&q=shoes')).toBe('https://a.example/?next=redacted&q=shoes');
    expect(redact('https://a.example/?ref=(%2B49)%20151%20123%2045678&page=2')).toBe('https://a.example/?ref=redacted&page=2');
    expect(redact('https://a.example/?contact=tel:+4915112345678')).toBe('https://a.example/?contact=redacted');
    expect(redact('https://a.example/?c=0151-12345678')).toBe('https://a.example/?c=redacted');
  });

  test('names that mark personal data, in any spelling', () => {
    for (const name of ['email', 'E-Mail', 'user[email]', 'billing_phone', 'first_name', 'lastName', 'zip', 'postal_code', 'external_id', 'user_id', 'uid', 'customer-id', 'dob', 'password']) {
      expect([name, redact(`https://a.example/?${encodeURIComponent(name)}=x1&k=v`)]).toEqual([name, `https://a.example/?${encodeURIComponent(name)}=${REDACTED_VALUE}&k=v`]);
    }
    for (const name of ['utm_source', 'utm_campaign', 'product_name', 'campaign_name', 'hotel', 'sku', 'page', 'gclid', 'fbclid', 'q', 'lang']) {
      expect([name, isPersonalParameterName(name)]).toEqual([name, false]);
    }
  });

  test('path segments, fragments and credentials in the authority', () => {
    expect(redact('https://u:secret@a.example/users/jane%40example.com/orders?x=1')).toBe('https://a.example/users/redacted/orders?x=1');
    expect(redact('https://a.example/#/confirm?email=a.b%40c.de&step=2')).toBe('https://a.example/#/confirm?email=redacted&step=2');
    expect(redact('https://a.example/p#jane@example.com')).toBe('https://a.example/p#redacted');
    expect(redact('https://a.example/?jane@example.com')).toBe('https://a.example/?redacted');
  });

  test('ordinary URLs are unchanged', () => {
    for (const url of [
      'https://shop.example/thanks?ttclid=E.C.P.demo',
      'https://shop.example/p/caf%C3%A9?id=SKU-123&qty=2&price=59.90&date=2026-12-04&utm_source=tiktok#reviews',
      'https://shop.example/order/123e4567-e89b-12d3-a456-426614174000?page=12',
      'https://shop.example/?a=%&b=%E0%A4%A&c=+',
      'http://localhost:8080/a b?q=1',
    ]) expect(redact(url)).toBe(url);
  });

  test('ttclid is kept even when it would look personal', () => {
    expect(redact('https://a.example/?ttclid=4915112345678&x=4915112345678')).toBe('https://a.example/?ttclid=4915112345678&x=redacted');
  });

  test('detectors', () => {
    expect(containsEmail('mail jane@example.com now')).toBe(true);
    expect(containsEmail('@example.com')).toBe(false);
    expect(containsEmail('jane@localhost')).toBe(false);
    expect(containsEmail('jane@example.')).toBe(false);
    expect(looksLikePhone('+49 151 1234 5678')).toBe(true);
    expect(looksLikePhone('0049-151-12345678')).toBe(true);
    expect(looksLikePhone('12345678')).toBe(false); // 8 digits without + or 00: an id, a date
    expect(looksLikePhone('1234567890123456')).toBe(false); // 16 digits: longer than E.164
    expect(containsPhone('order A1234567890')).toBe(false); // glued to a letter: an id
    expect(containsPhone('call 1234567890 now')).toBe(true);
  });

  test('buildPage redacts page.url and page.referrer; mapEvent still finds the ttclid', () => {
    const eventData = {
      event_name: 'purchase',
      page_location: 'https://shop.example/confirm?email=jane.doe%40example.com&ttclid=E.C.P.keep&phone=%2B15551234567',
      page_referrer: 'https://shop.example/checkout?first_name=Jane&last_name=Doe',
    };
    const event = eventFromServerData(eventData, {}, tk);
    expect(buildPage(event.page, {}, tk)).toEqual({
      url: 'https://shop.example/confirm?email=redacted&ttclid=E.C.P.keep&phone=redacted',
      referrer: 'https://shop.example/checkout?first_name=redacted&last_name=redacted',
    });
    const mapped = mapEvent(event, { eventNames: {} }, {}, 1_760_000_000_000, tk);
    expect(mapped.page.url).not.toContain('jane');
    expect(mapped.ttclid.value).toBe('E.C.P.keep');
  });
});

// ------------------------------------------------------------------------------------- properties

const NEUTRAL_NAMES = ['ref', 'q', 'next', 'utm_content', 'x', 'data', 'return_to'];
const PERSONAL_NAMES = ['email', 'Email', 'user[email]', 'billing_phone', 'phone_number', 'first_name', 'lastName', 'name', 'zip', 'postal_code',
  'external_id', 'user_id', 'uid', 'customer-id', 'address', 'street'];

/** How a value ends up in a query string: encoded properly, form-encoded, raw, or encoded twice. */
const encodings: fc.Arbitrary<(value: string) => string> = fc.constantFrom(
  (v: string) => encodeURIComponent(v),
  (v: string) => encodeURIComponent(v).replace(/%20/g, '+'),
  (v: string) => v.replace(/[&#=%]/g, encodeURIComponent).replace(/ /g, '%20'),
  (v: string) => encodeURIComponent(encodeURIComponent(v)),
);

const neutralParam = fc.tuple(fc.constantFrom('utm_source', 'utm_medium', 'id', 'page', 'sku', 'lang', 'q'), fc.constantFrom('tiktok', 'cpc', 'SKU-123', '2', 'en-US', 'red shoes', 'caf%C3%A9'))
  .map(([name, value]) => `${name}=${value}`);
const ttclid = fc.constantFrom('E.C.P.abc123', 'E.C.P.Cr8BxY-_Z9', 'E.C.P.a%2Bb');
const base = fc.constantFrom('https://shop.example.com/thanks', 'https://www.example.co.uk/', 'http://localhost:8080/p/caf%C3%A9');

function leakIn(url: string, tokens: PiiToken[]) {
  return findLeak(tokens, collectTexts([url]).map((text) => ({ where: 'page.url', text })));
}

function build(baseUrl: string, params: string[]): string {
  return params.length === 0 ? baseUrl : `${baseUrl}?${params.join('&')}`;
}

describe('properties over the PII generators', () => {
  test('an email or a phone number in any parameter, in any encoding, never survives', () => {
    fc.assert(
      fc.property(base, fc.oneof(emailToken, phoneToken), fc.constantFrom(...NEUTRAL_NAMES), encodings, fc.array(neutralParam, { maxLength: 3 }), fc.nat(3), ttclid,
        (baseUrl, token, name, encode, others, position, click) => {
          const params = [...others, `ttclid=${click}`];
          params.splice(Math.min(position, params.length), 0, `${name}=${encode(String(token.raw))}`);
          const url = build(baseUrl, params);
          const out = redact(url);
          expect({ url, out, leak: leakIn(out, [token]) }).toEqual({ url, out, leak: undefined });
          // The other parameters and the ttclid are untouched.
          for (const other of [...others, `ttclid=${click}`]) expect(out.split(/[?&]/)).toContain(other);
        }),
      { numRuns: 2000 },
    );
  });

  test('any kind of personal data under a parameter named like personal data never survives', () => {
    const anyToken = fc.constantFrom(...Object.keys(piiTokenOf)).chain((kind) => piiTokenOf[kind as keyof typeof piiTokenOf]);
    fc.assert(
      fc.property(base, anyToken, fc.constantFrom(...PERSONAL_NAMES), encodings, fc.array(neutralParam, { maxLength: 3 }), (baseUrl, token, name, encode, others) => {
        const url = build(baseUrl, [...others, `${encodeURIComponent(name)}=${encode(String(token.raw))}`]);
        const out = redact(url);
        expect({ url, out, leak: leakIn(out, [token]) }).toEqual({ url, out, leak: undefined });
      }),
      { numRuns: 2000 },
    );
  });

  test('personal data in the referrer and in a hash-routed page is removed the same way', () => {
    fc.assert(
      fc.property(fc.oneof(emailToken, phoneToken), fc.constantFrom(...NEUTRAL_NAMES, ...PERSONAL_NAMES), (token, name) => {
        const value = encodeURIComponent(String(token.raw));
        const page = buildPage({ url: `https://a.example/#/confirm?${name}=${value}`, referrer: `https://a.example/form?${name}=${value}&ttclid=E.C.P.z` }, {}, tk);
        expect(leakIn(`${page.url} ${page.referrer}`, [token])).toBeUndefined();
        expect(page.referrer).toContain('ttclid=E.C.P.z');
      }),
      { numRuns: 500 },
    );
  });

  test('URLs without personal data come out byte for byte; redaction is idempotent', () => {
    fc.assert(
      fc.property(base, fc.array(neutralParam, { maxLength: 5 }), fc.option(ttclid, { nil: undefined }), fc.constantFrom('', '#top', '#/cart'), (baseUrl, params, click, fragment) => {
        const url = build(baseUrl, click === undefined ? params : [...params, `ttclid=${click}`]) + fragment;
        expect(redact(url)).toBe(url);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
