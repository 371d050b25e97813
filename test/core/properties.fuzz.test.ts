// Property-based checks of the core contracts that every template relies on.
import fc from 'fast-check';
import { sanitizeCookieValue } from '../../src/core/cookies';
import { buildProperties } from '../../src/core/contents';
import { resolveEventId } from '../../src/core/event-id';
import { consentSignalsFromEventData, decideConsent } from '../../src/core/consent';
import { buildTikTokUserSync, normalizeEmail, normalizePhone, planUserData } from '../../src/core/user-data';
import { eventFromServerData } from '../../src/core/server-input';
import { tk } from './node-toolkit';

const anyValue = fc.oneof(
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 4 }),
);
const RUNS = { numRuns: 300, seed: 424242 };

test('normalizePhone returns E.164 or nothing', () => {
  fc.assert(fc.property(fc.string(), fc.option(fc.string({ maxLength: 4 }), { nil: undefined }), (raw, cc) => {
    const out = normalizePhone(raw, cc);
    if (out !== undefined) expect(out).toMatch(/^\+[1-9][0-9]{7,14}$/);
  }), RUNS);
  fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[1-9][0-9]{6,10}$/), (cc, national) => {
    expect(normalizePhone('+' + cc + ' ' + national)).toBe('+' + cc + national);
  }), RUNS);
});

test('normalizeEmail output is lower-case, trimmed, without whitespace', () => {
  fc.assert(fc.property(fc.string(), (raw) => {
    const out = normalizeEmail(raw);
    if (out !== undefined) {
      expect(out).toBe(out.toLowerCase());
      expect(out).not.toMatch(/\s/);
      expect(out.split('@')).toHaveLength(2);
    }
  }), RUNS);
  fc.assert(fc.property(fc.emailAddress(), (email) => {
    expect(normalizeEmail('  ' + email.toUpperCase() + ' ')).toBe(email.toUpperCase().toLowerCase());
  }), RUNS);
});

test('user objects only ever carry 64-hex values for hashed keys, never the raw input', () => {
  fc.assert(fc.property(anyValue, anyValue, anyValue, fc.emailAddress(), (a, b, c, email) => {
    const user = buildTikTokUserSync(planUserData(eventFromServerData({ user_data: { email: [email, a], phone_number: b, address: c }, user_id: a }, {}, tk).user, {}, {}, tk), tk);
    for (const key of ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code'] as const) {
      for (const v of ([] as unknown[]).concat(user[key] ?? [])) expect(v).toMatch(/^[a-f0-9]{64}$/);
    }
    expect(JSON.stringify(user)).not.toContain(email);
  }), RUNS);
});

test('sanitizeCookieValue never lets separators or control characters through', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => {
    const out = sanitizeCookieValue(raw, tk);
    if (out !== undefined) expect(out).not.toMatch(/[\s;,"\\\u0000-\u001f\u007f]/);
  }), RUNS);
});

test('buildProperties: typed output for any input', () => {
  fc.assert(fc.property(fc.record({ items: fc.oneof(anyValue, fc.array(fc.record({ item_id: anyValue, price: anyValue, quantity: anyValue }), { maxLength: 5 })), value: anyValue, currency: anyValue, transaction_id: anyValue }), (ev) => {
    const { properties } = buildProperties(eventFromServerData(ev, {}, tk).commerce, {}, tk);
    for (const c of properties.contents ?? []) {
      if (c.content_id !== undefined) expect(typeof c.content_id).toBe('string');
      expect(Number.isInteger(c.quantity) && c.quantity >= 1).toBe(true);
      if (c.price !== undefined) expect(Number.isFinite(c.price)).toBe(true);
    }
    if (properties.value !== undefined) expect(Number.isFinite(properties.value)).toBe(true);
    if (properties.order_id !== undefined) expect(typeof properties.order_id).toBe('string');
  }), RUNS);
});

test('event ids are strings or absent, and deterministic', () => {
  fc.assert(fc.property(anyValue, anyValue, (id, tx) => {
    const input = { eventData: { event_id: id, transaction_id: tx }, tiktokEventName: 'Purchase' };
    const a = resolveEventId(input, tk);
    if (a.eventId !== undefined) expect(typeof a.eventId).toBe('string');
    expect(resolveEventId(input, tk)).toEqual(a);
  }), RUNS);
});

test('consent never throws and a skipped send never allows cookies or personal data', () => {
  fc.assert(fc.property(fc.constantFrom('ignore', 'require_ad_storage', 'minimize' as const), anyValue, anyValue, anyValue, (mode, gcs, gcd, cs) => {
    const d = decideConsent({ mode: mode as 'ignore', signals: consentSignalsFromEventData({ 'x-ga-gcs': gcs, 'x-ga-gcd': gcd, consent_state: cs }, tk) }, tk);
    if (!d.send) expect([d.readCookies, d.writeCookies, d.sendPersonalData]).toEqual([false, false, false]);
    expect(d.readCookies).toBe(d.writeCookies);
  }), RUNS);
});
