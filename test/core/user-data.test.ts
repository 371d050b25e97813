import {
  buildTikTokUser, buildTikTokUserSync, normalizeCountry, normalizeCountryCode, normalizeEmail, normalizeExternalId,
  normalizeGeo, normalizeIp, normalizeLocale, normalizeName, normalizePhone, normalizeZip, planUserData,
  stripPersonalData, valuesToHash,
} from '../../src/core/user-data';
import { UserDataFields, UserDataOptions } from '../../src/core/user-data';
import { CoreToolkit, WHITESPACE } from '../../src/core/toolkit';
import { eventFromServerData } from '../../src/core/server-input';

/** planUserData on event data, read by the server input adapter. */
function planUserDataOf(eventData: unknown, fields: UserDataFields, options: UserDataOptions, tk: CoreToolkit) {
  return planUserData(eventFromServerData(eventData, {}, tk).user, fields, options, tk);
}
import { nodeToolkit, sha256HexNode, tk } from './node-toolkit';
import fc from 'fast-check';
import { phoneToken } from '../generators/pii';

// TikTok's own documented examples (docs/contracts/tiktok-events-api.md, match keys), verified hashes.
const EMAIL_HASH = '848a771458438fc2ec420560d769fb9b9b86851ee338ec56517baabd79d3bb4f';
const PHONE_HASH = '9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd';
const EXTERNAL_ID_HASH = '80fba0ae1c48e3978e43e4efc365e14e12ea0c830ba8ba5b9a2dafc7e3f2ab8b';

describe("TikTok's documented hash examples", () => {
  test('email " ALICE_abc@gmail.com "', () => {
    expect(buildTikTokUserSync(planUserDataOf({}, { email: ' ALICE_abc@gmail.com ' }, {}, tk), tk).email).toBe(EMAIL_HASH);
  });
  test('phone "(+1)2133734253"', () => {
    expect(buildTikTokUserSync(planUserDataOf({}, { phone: '(+1)2133734253' }, {}, tk), tk).phone).toBe(PHONE_HASH);
  });
  test('external_id "user_123" (case kept, not lower-cased)', () => {
    expect(buildTikTokUserSync(planUserDataOf({}, { external_id: 'user_123' }, {}, tk), tk).external_id).toBe(EXTERNAL_ID_HASH);
    expect(normalizeExternalId(' User_123 ')).toBe('User_123');
  });
});

describe('normalizers', () => {
  test.each([
    [' Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['john.smith@gmail.com', 'john.smith@gmail.com'],
    ['no-at-sign', undefined], ['a@b', undefined], ['@x.com', undefined], ['a@@b.com', undefined], ['a b@c.com', undefined], ['a@b.', undefined],
  ])('email %p -> %p', (input, out) => expect(normalizeEmail(input)).toBe(out));
  test('email: no whitespace character (the toolkit\'s WHITESPACE) anywhere inside', () => {
    for (const ch of WHITESPACE) {
      for (const email of ['a' + ch + 'b@cd.com', 'ab@c' + ch + 'd.com', 'ab@cd.c' + ch + 'om', 'ab' + ch + '@cd.com', 'ab@' + ch + 'cd.com']) {
        expect(normalizeEmail(email)).toBeUndefined();
      }
    }
    expect(normalizeEmail('ab@cd.com')).toBe('ab@cd.com');
  });

  test.each([
    ['+49 151 1234-5678', undefined, '+4915112345678'],
    ['0049 151 12345678', undefined, '+4915112345678'],
    ['(+1)2133734253', undefined, '+12133734253'],
    ['+49 (0) 151 12345678', undefined, '+4915112345678'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['+33 (0)6 12 34 56 78', undefined, '+33612345678'],
    ['0049 (0)151-12345678', undefined, '+4915112345678'],
    ['+49(0)15112345678', '49', '+4915112345678'],
    ['+49 151 (0) 12345678', undefined, '+49151012345678'],
    ['+1 (213) 373.4253', undefined, '+12133734253'],
    ['0151 12345678', '49', '+4915112345678'],
    ['0151 12345678', '+49', '+4915112345678'],
    ['151 12345678', '0049', '+4915112345678'],
    ['0151 12345678', undefined, undefined],
    ['2133734253', '', undefined],
    ['+1 213 373 4253 ext 12', undefined, undefined],
    ['+12', undefined, undefined],
    ['+1234567890123456', undefined, undefined],
    ['+0123456789', undefined, undefined],
    ['1+2345678901', undefined, undefined],
    ['', undefined, undefined],
  ])('phone %p (default cc %p) -> %p', (input, cc, out) => expect(normalizePhone(input, cc)).toBe(out));

  test('phones as people type them (PII generator): every international shape gives the E.164 number, a trunk (0) included', () => {
    fc.assert(fc.property(phoneToken, (token) => {
      const typed = String(token.raw).trim();
      const international = typed.charAt(0) === '+' || typed.substring(0, 2) === '00' || typed.substring(0, 2) === '(+';
      expect(normalizePhone(String(token.raw))).toBe(international ? '+' + token.digitRuns[0] : undefined);
    }), { numRuns: 500 });
  });

  test.each([['49', '49'], ['+1', '1'], ['0044', '44'], ['1234', undefined], ['0', undefined], ['x', undefined], [undefined, undefined]])('country code %p', (i, o) => {
    expect(normalizeCountryCode(i)).toBe(o);
  });

  test('names, zip, geo, country, locale, ip', () => {
    expect(normalizeName(' Mary Ann ')).toBe('maryann');
    expect(normalizeZip('SW1A 1AA')).toBe('sw1a1aa');
    expect(normalizeGeo(' New York ')).toBe('newyork');
    expect(normalizeGeo("St. John's")).toBe('stjohns');
    expect(normalizeGeo('München')).toBe('münchen');
    expect(normalizeCountry('DE')).toBe('de');
    expect(normalizeCountry('Germany')).toBeUndefined();
    expect(normalizeLocale('en-us')).toBe('en-US');
    expect(normalizeLocale('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(normalizeLocale('EN')).toBe('en');
    expect(normalizeLocale('en us')).toBeUndefined();
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('2804:14d:1a0::1')).toBe('2804:14d:1a0::1');
    expect(normalizeIp('not an ip')).toBeUndefined();
  });
});

describe('planUserData sources', () => {
  const ga4ClientShape = {
    user_id: 'U-1',
    ip_override: '203.0.113.7',
    user_agent: 'Mozilla/5.0',
    language: 'en-us',
    user_data: {
      email: 'Jane@Example.com',
      phone_number: '+4915112345678',
      address: [{ first_name: 'Jane', last_name: 'Doe', postal_code: '10115', city: 'Berlin', region: 'BE', country: 'DE' }],
      _tag_mode: 'CODE',
    },
  };
  const documentedShape = {
    user_data: {
      email_address: 'jane@example.com',
      phone_number: '+4915112345678',
      address: { first_name: 'Jane', last_name: 'Doe', postal_code: '10115', city: 'Berlin', region: 'BE', country: 'DE' },
    },
  };

  test('GA4-client shape and documented shape produce the same hashed user', () => {
    const a = buildTikTokUserSync(planUserDataOf(ga4ClientShape, {}, {}, tk), tk);
    const b = buildTikTokUserSync(planUserDataOf(documentedShape, {}, {}, tk), tk);
    expect(a.email).toBe(sha256HexNode('jane@example.com'));
    expect(a.phone).toBe(sha256HexNode('+4915112345678'));
    expect(a.first_name).toBe(sha256HexNode('jane'));
    expect(a.last_name).toBe(sha256HexNode('doe'));
    expect(a.zip_code).toBe(sha256HexNode('10115'));
    expect(a).toMatchObject({ city: 'berlin', state: 'be', country: 'de', ip: '203.0.113.7', user_agent: 'Mozilla/5.0', locale: 'en-US' });
    expect(a.external_id).toBe(sha256HexNode('U-1'));
    for (const key of ['email', 'phone', 'first_name', 'last_name', 'zip_code', 'city', 'state', 'country'] as const) {
      expect(b[key]).toEqual(a[key]);
    }
  });

  test('"0"-keyed address object is accepted', () => {
    const plan = planUserDataOf({ user_data: { address: { 0: { first_name: 'Ann' } } } }, {}, {}, tk);
    expect(plan.first_name).toEqual([{ value: 'ann', hashed: false }]);
  });

  test('pre-hashed sha256_* values pass through lower-cased, never re-hashed', () => {
    const upper = sha256HexNode('x@y.com').toUpperCase();
    const user = buildTikTokUserSync(planUserDataOf({ user_data: { sha256_email_address: upper, sha256_phone_number: [PHONE_HASH] } }, {}, {}, tk), tk);
    expect(user.email).toBe(upper.toLowerCase());
    expect(user.phone).toBe(PHONE_HASH);
  });

  test('plain text under a sha256_* key is hashed, not sent raw', () => {
    const user = buildTikTokUserSync(planUserDataOf({ user_data: { sha256_email_address: 'Plain@Example.com' } }, {}, {}, tk), tk);
    expect(user.email).toBe(sha256HexNode('plain@example.com'));
  });

  test('arrays: several emails -> array of hashes, deduplicated after normalization', () => {
    const user = buildTikTokUserSync(planUserDataOf({ user_data: { email: ['a@x.com', ' A@X.com', 'b@x.com'] } }, {}, {}, tk), tk);
    expect(user.email).toEqual([sha256HexNode('a@x.com'), sha256HexNode('b@x.com')]);
  });

  test('tag fields win over event data; numbers accepted', () => {
    const plan = planUserDataOf({ user_id: 'from-event', user_data: { phone_number: '+4915112345678' } }, { external_id: 987654, phone: '+1 213 373 4253' }, {}, tk);
    expect(plan.external_id).toEqual([{ value: '987654', hashed: false }]);
    expect(plan.phone).toEqual([{ value: '+12133734253', hashed: false }]);
  });

  test('user_id as external_id can be turned off', () => {
    expect(planUserDataOf({ user_id: 'u' }, {}, { userIdAsExternalId: false }, tk).external_id).toEqual([]);
  });

  test('default country code applies to national numbers from event data', () => {
    const plan = planUserDataOf({ user_data: { phone_number: '030 1234567' } }, {}, { defaultCountryCode: '49' }, tk);
    expect(plan.phone).toEqual([{ value: '+49301234567', hashed: false }]);
  });

  test('unusable values are dropped with a warning that carries no value', () => {
    const plan = planUserDataOf({ user_data: { email: 'not-an-email', phone_number: '12345' } }, {}, {}, tk);
    expect(plan.email).toEqual([]);
    expect(plan.phone).toEqual([]);
    expect(plan.warnings.join(' ')).toContain('email: 1 value(s)');
    expect(plan.warnings.join(' ')).not.toContain('not-an-email');
  });

  test.each([[undefined], [null], ['str'], [42], [[1, 2]], [{ user_data: 'x' }], [{ user_data: { email: { nested: 1 }, address: 'x', phone_number: [null, {}] } }]])('garbage %p never throws', (input) => {
    expect(() => buildTikTokUserSync(planUserDataOf(input, {}, {}, tk), tk)).not.toThrow();
  });

  test('ip from ip_override, else ip_address, else ip; field wins', () => {
    expect(planUserDataOf({ ip_address: '1.2.3.4', ip: '5.6.7.8' }, {}, {}, tk).ip).toBe('1.2.3.4');
    expect(planUserDataOf({ ip_override: '1.2.3.4' }, { ip: '9.9.9.9' }, {}, tk).ip).toBe('9.9.9.9');
  });
});

describe('hashing step', () => {
  const plan = planUserDataOf({ user_data: { email: 'a@x.com', phone_number: '+4915112345678' }, user_agent: 'UA' }, {}, {}, tk);

  test('valuesToHash lists normalized plain values once (for async hashing on the web)', () => {
    expect(valuesToHash(plan)).toEqual(['a@x.com', '+4915112345678']);
  });

  test('values without an available hash are dropped, never sent raw', () => {
    const user = buildTikTokUser(plan, () => undefined);
    expect(user).toEqual({ user_agent: 'UA' });
    const noSha = nodeToolkit({ withSha256: false });
    expect(buildTikTokUserSync(plan, noSha)).toEqual({ user_agent: 'UA' });
  });

  test('a lookup returning non-hex is ignored', () => {
    expect(buildTikTokUser(plan, (v) => v).email).toBeUndefined();
  });

  test('async-style lookup from a precomputed map matches the sync result', () => {
    const map = new Map(valuesToHash(plan).map((v) => [v, sha256HexNode(v)]));
    expect(buildTikTokUser(plan, (v) => map.get(v))).toEqual(buildTikTokUserSync(plan, tk));
  });

  test('stripPersonalData keeps only user_agent, locale, ttp, ttclid', () => {
    const full = planUserDataOf({ user_data: { email: 'a@x.com', address: { city: 'Berlin', country: 'DE' } }, ip_override: '1.2.3.4', user_agent: 'UA', language: 'de' }, {}, {}, tk);
    full.ttp = 'T';
    full.ttclid = 'C';
    expect(buildTikTokUserSync(stripPersonalData(full), tk)).toEqual({ user_agent: 'UA', locale: 'de', ttp: 'T', ttclid: 'C' });
  });
});
