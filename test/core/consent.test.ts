import { ConsentInput, consentSignalsFromEventData, decideConsent, gcdSignal, gcsAdStorage, readAdStorage, readAdUserData } from '../../src/core/consent';
import { tk } from './node-toolkit';

describe('x-ga-gcs', () => {
  test.each([['G111', 'granted'], ['G100', 'denied'], ['G101', 'denied'], ['G110', 'granted'], ['G1--', 'unknown'], ['', 'unknown'], [undefined, 'unknown'], ['X111', 'unknown']])('%p -> %p', (gcs, state) => {
    expect(gcsAdStorage(gcs)).toBe(state);
  });
});

describe('x-ga-gcd letters (bit rule: update = v % 4, default = floor(v/4) % 4)', () => {
  // Put the letter at position 6 (ad_user_data) of a 12-char gcd.
  test.each([
    ['l', 'unknown'], ['p', 'denied'], ['q', 'denied'], ['r', 'granted'], ['t', 'granted'], ['u', 'denied'],
    ['v', 'granted'], ['m', 'denied'], ['n', 'granted'], ['e', 'denied'], ['Z', 'granted'], ['R', 'unknown'], ['*', 'unknown'],
  ])('letter %p -> %p', (letter, state) => {
    expect(gcdSignal('13t3t3' + letter + '3t5l1', 6, tk)).toBe(state);
  });

  test('positions: 2 ad_storage, 6 ad_user_data, both lengths', () => {
    expect(gcdSignal('13p3t3v3t5l1', 2, tk)).toBe('denied');
    expect(gcdSignal('13p3t3v3t5l1', 6, tk)).toBe('granted');
    expect(gcdSignal('11l1l1l1l1', 2, tk)).toBe('unknown');
    expect(gcdSignal('13l3l3q3l1', 6, tk)).toBe('denied');
    expect(gcdSignal('13', 6, tk)).toBe('unknown');
  });
});

describe('signal source order', () => {
  const ev = { consent_state: { ad_storage: false, ad_user_data: true }, 'x-ga-gcs': 'G111', 'x-ga-gcd': '13q3t3q3t5l1' };
  test('explicit field wins', () => {
    expect(readAdStorage({ mode: 'minimize', adStorageField: 'granted', signals: consentSignalsFromEventData(ev, tk) }, tk)).toEqual({ state: 'granted', source: 'field' });
  });
  test('then consent_state', () => {
    expect(readAdStorage({ mode: 'minimize', signals: consentSignalsFromEventData(ev, tk) }, tk)).toEqual({ state: 'denied', source: 'consent_state' });
    expect(readAdUserData({ mode: 'minimize', signals: consentSignalsFromEventData(ev, tk) }, tk)).toEqual({ state: 'granted', source: 'consent_state' });
  });
  test('then x-ga-gcs for ad_storage, then x-ga-gcd', () => {
    expect(readAdStorage({ mode: 'minimize', signals: consentSignalsFromEventData({ 'x-ga-gcs': 'G101', 'x-ga-gcd': '13v3t3v3t5l1' }, tk) }, tk)).toEqual({ state: 'denied', source: 'x-ga-gcs' });
    expect(readAdStorage({ mode: 'minimize', signals: consentSignalsFromEventData({ 'x-ga-gcs': 'G1--', 'x-ga-gcd': '13q3t3v3t5l1' }, tk) }, tk)).toEqual({ state: 'denied', source: 'x-ga-gcd' });
  });
  test('ad_user_data never comes from x-ga-gcs', () => {
    expect(readAdUserData({ mode: 'minimize', signals: consentSignalsFromEventData({ 'x-ga-gcs': 'G100' }, tk) }, tk)).toEqual({ state: 'unknown', source: 'none' });
  });
  test('older x-ga-mp2-gcd key is read', () => {
    expect(readAdUserData({ mode: 'minimize', signals: consentSignalsFromEventData({ 'x-ga-mp2-gcd': '13l3l3q3l1' }, tk) }, tk)).toEqual({ state: 'denied', source: 'x-ga-gcd' });
  });
  test('consent_state strings', () => {
    expect(readAdStorage({ mode: 'minimize', signals: consentSignalsFromEventData({ consent_state: { ad_storage: 'denied' } }, tk) }, tk).state).toBe('denied');
  });
});

describe('decision table', () => {
  const G = { 'x-ga-gcd': '13v3t3v3t5l1' }; // ad_storage granted, ad_user_data granted
  const storageDenied = { 'x-ga-gcd': '13q3t3v3t5l1' };
  const userDataDenied = { 'x-ga-gcd': '13v3t3q3t5l1' };
  const bothDenied = { 'x-ga-gcd': '13q3t3q3t5l1' };
  const none = {};
  type Row = [string, ConsentInput['mode'], object, boolean, boolean, boolean];
  const rows: Row[] = [
    // mode, event, send, cookies, personal
    ['ignore / all denied', 'ignore', bothDenied, true, true, true],
    ['require / granted', 'require_ad_storage', G, true, true, true],
    ['require / storage denied', 'require_ad_storage', storageDenied, false, false, false],
    ['require / user data denied', 'require_ad_storage', userDataDenied, true, true, false],
    ['require / no signal', 'require_ad_storage', none, true, true, true],
    ['minimize / granted', 'minimize', G, true, true, true],
    ['minimize / storage denied', 'minimize', storageDenied, true, false, true],
    ['minimize / user data denied', 'minimize', userDataDenied, true, true, false],
    ['minimize / both denied', 'minimize', bothDenied, true, false, false],
  ];
  test.each(rows)('%s', (_label, mode, eventData, send, cookies, personal) => {
    const d = decideConsent({ mode, signals: consentSignalsFromEventData(eventData, tk) }, tk);
    expect([d.send, d.readCookies, d.writeCookies, d.sendPersonalData]).toEqual([send, cookies, cookies, personal]);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  test('unknownAs denied', () => {
    const d = decideConsent({ mode: 'require_ad_storage', signals: consentSignalsFromEventData({}, tk), unknownAs: 'denied' }, tk);
    expect(d.send).toBe(false);
    expect(d.reason).toContain('not set (treated as denied)');
  });

  test('reason names the source', () => {
    const d = decideConsent({ mode: 'require_ad_storage', signals: consentSignalsFromEventData({ 'x-ga-gcs': 'G100' }, tk) }, tk);
    expect(d.reason).toBe('not sent: ad_storage denied (from x-ga-gcs), ad_user_data not set (treated as granted); mode requires ad_storage');
  });

  test('garbage event data never throws', () => {
    for (const ev of [undefined, null, 'x', 1, [], { consent_state: 'x', 'x-ga-gcs': 5, 'x-ga-gcd': {} }]) {
      expect(() => decideConsent({ mode: 'minimize', signals: consentSignalsFromEventData(ev, tk) }, tk)).not.toThrow();
    }
  });
});
