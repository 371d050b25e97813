// Remembered match keys (src/core/remembered-keys.ts): the cookie format, the consent gate in every
// consent mode, filling an event from the cookie and what is written back.
import { ConsentSettings } from '../../src/core/consent';
import {
  MAX_REMEMBERED_VALUES, REMEMBERED_KEYS_COOKIE, applyRememberedKeys, decodeRememberedKeys, encodeRememberedKeys, planRememberedKeysCookie,
  rememberedKeysGate, rememberedKeysOff,
} from '../../src/core/remembered-keys';
import { emptyPlan } from '../../src/core/user-data';
import { sha256HexNode, tk } from './node-toolkit';

const EMAIL = sha256HexNode('jane@example.com');
const PHONE = sha256HexNode('+4915112345678');
const OTHER = sha256HexNode('other@example.com');
const THIRD = sha256HexNode('third@example.com');
const hash = (normalized: string) => sha256HexNode(normalized);
const settings = { maxAgeSeconds: 90 * 86400 };

describe('the cookie value', () => {
  test('digests only, by short code, capped per key; decoding keeps known codes with 64-hex values', () => {
    const value = encodeRememberedKeys({ email: [EMAIL, OTHER, THIRD], phone: [PHONE.toUpperCase()], first_name: ['jane', EMAIL, OTHER], city: [EMAIL] });
    expect(value).toBe(`em.${EMAIL}~em.${OTHER}~ph.${PHONE}~fn.${EMAIL}`);
    expect(MAX_REMEMBERED_VALUES).toBe(2);
    expect(decodeRememberedKeys([value], tk)).toEqual({ email: [EMAIL, OTHER], phone: [PHONE], first_name: [EMAIL] });
    expect(decodeRememberedKeys(['em.jane@example.com~ph.' + PHONE + '~xx.' + EMAIL + '~' + EMAIL], tk)).toEqual({ phone: [PHONE] });
    expect(decodeRememberedKeys(undefined, tk)).toEqual({});
    expect(decodeRememberedKeys(['deleted'], tk)).toEqual({});
  });
});

describe('the consent gate: ad_storage and ad_user_data, in every consent mode', () => {
  const gate = (consent: ConsentSettings, gcd?: string) => rememberedKeysGate(consent, gcd === undefined ? {} : { gcd }, tk).allowed;
  test.each(['ignore', 'minimize', 'require_ad_storage'] as const)('%s', (mode) => {
    expect(gate({ mode }, '13t3t3t3t5l1')).toBe(true);
    expect(gate({ mode }, '13q3t3t3t5l1')).toBe(false); // ad_storage denied
    expect(gate({ mode }, '13t3t3q3t5l1')).toBe(false); // ad_user_data denied
    expect(gate({ mode })).toBe(true); // no signal: granted, as the tag's default says
    expect(gate({ mode, unknownAs: 'denied' })).toBe(false);
    expect(gate({ mode, adUserDataField: 'denied' }, '13t3t3t3t5l1')).toBe(false);
    expect(gate({ mode, adStorageField: 'granted', adUserDataField: 'granted' }, '13q3t3q3t5l1')).toBe(true);
  });
  test('the reason names the denied signal and its source', () => {
    expect(rememberedKeysGate({ mode: 'ignore' }, { gcd: '13t3t3q3t5l1' }, tk).reason).toBe('ad_user_data denied (from x-ga-gcd)');
  });
});

describe('filling and writing back', () => {
  const open = { allowed: true, reason: 'ok' };
  const closed = { allowed: false, reason: 'ad_storage denied' };

  test('the cookie is read only when the gate is open; keys the event lacks are filled, its own are kept', () => {
    let reads = 0;
    const read = () => { reads++; return [`em.${EMAIL}~ph.${PHONE}`]; };
    const plan = emptyPlan();
    plan.phone.push({ value: '+491700000000', hashed: false });
    const result = applyRememberedKeys(plan, open, read, tk);
    expect(reads).toBe(1);
    expect(result.filled).toEqual(['email']);
    expect(plan.email).toEqual([{ value: EMAIL, hashed: true }]);
    expect(plan.phone).toEqual([{ value: '+491700000000', hashed: false }]);
    const denied = emptyPlan();
    const none = applyRememberedKeys(denied, closed, read, tk);
    expect(reads).toBe(1);
    expect([none.filled, denied.email]).toEqual([[], []]);
  });

  test('own keys are written hashed over the stored ones, HttpOnly, for the lifetime; no own keys: nothing written', () => {
    const plan = emptyPlan();
    plan.email.push({ value: 'other@example.com', hashed: false });
    const result = applyRememberedKeys(plan, open, () => [`em.${EMAIL}~ph.${PHONE}`], tk);
    const write = planRememberedKeysCookie(result, hash, settings, tk);
    expect(write).toMatchObject({ name: REMEMBERED_KEYS_COOKIE, value: `em.${OTHER}~ph.${PHONE}` });
    expect(write?.options).toMatchObject({ 'max-age': 7776000, httpOnly: true, secure: true, path: '/' });
    const later = applyRememberedKeys(emptyPlan(), open, () => [`em.${OTHER}`], tk);
    expect(planRememberedKeysCookie(later, hash, settings, tk)).toBeUndefined();
  });

  test('a closed gate expires the cookie; the option off writes nothing; an unhashable value is never written', () => {
    const plan = emptyPlan();
    plan.email.push({ value: 'jane@example.com', hashed: false });
    const expired = planRememberedKeysCookie(applyRememberedKeys(plan, closed, () => [], tk), hash, settings, tk);
    expect(expired?.options['max-age']).toBe(0);
    expect(expired?.value).not.toContain('jane');
    expect(planRememberedKeysCookie(rememberedKeysOff(), hash, settings, tk)).toBeUndefined();
    const noHash = planRememberedKeysCookie(applyRememberedKeys(plan, open, () => [], tk), () => undefined, settings, tk);
    expect(noHash).toBeUndefined();
    const rawHash = planRememberedKeysCookie(applyRememberedKeys(plan, open, () => [], tk), (v) => v, settings, tk);
    expect(rawHash).toBeUndefined();
  });
});
