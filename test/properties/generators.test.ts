// The generators and the leak search themselves: a leak check that cannot find a leak, or a
// generator that never produces the shapes it claims to, would make every property vacuous.
import fc from 'fast-check';
import { createHash } from 'crypto';
import { ga4Case, sampleCorpus, consent, NOW_MS } from '../generators/ga4';
import { emailToken, findLeak, phoneToken, zipToken, externalIdToken, firstNameToken } from '../generators/pii';
import { fieldsFor, flattenParameters } from '../generators/fields';
import { loadShipped } from './harness';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('leak search', () => {
  test('finds raw, trimmed and normalized forms of every kind, and not their SHA-256', () => {
    const samples = fc.sample(fc.tuple(emailToken, phoneToken, zipToken, externalIdToken, firstNameToken), { numRuns: 200, seed: 1 });
    for (const tokens of samples) {
      for (const token of tokens) {
        const raw = String(token.raw);
        expect(findLeak([token], [{ where: 'body', text: JSON.stringify({ user: { v: raw } }) }])).toBeDefined();
        const normalized = raw.trim().toLowerCase();
        expect(findLeak([token], [{ where: 'log', text: 'value ' + normalized + ' end' }])).toBeDefined();
        expect(findLeak([token], [{ where: 'body', text: JSON.stringify({ email: sha(normalized), t: NOW_MS }) }])).toBeUndefined();
      }
    }
  });

  test('finds a phone number sent as E.164 digits and a zip inside a URL', () => {
    const [phone] = fc.sample(phoneToken, { numRuns: 1, seed: 3 });
    expect(findLeak([phone], [{ where: 'url', text: 'https://x/?p=%2B' + phone.digitRuns[0] }])).toBeDefined();
    const [zip] = fc.sample(zipToken.filter((t) => typeof t.raw === 'string' && /^9\d{4}$/.test(t.raw)), { numRuns: 1, seed: 3 });
    expect(findLeak([zip], [{ where: 'url', text: 'https://x/?zip=' + zip.raw }])).toBeDefined();
    expect(findLeak([zip], [{ where: 'body', text: '{"event_time":1' + zip.raw + '1}' }])).toBeUndefined();
  });
});

describe('GA4 generator', () => {
  const cases = sampleCorpus(2000, 7);

  test('the seeded corpus is reproducible', () => {
    expect(JSON.stringify(sampleCorpus(50, 7))).toBe(JSON.stringify(cases.slice(0, 50)));
  });

  test('produces the shapes the properties rely on', () => {
    const count = (predicate: (c: (typeof cases)[number]) => boolean) => cases.filter(predicate).length;
    expect(count((c) => c.eventData.event_name === 'purchase')).toBeGreaterThan(20);
    expect(count((c) => Array.isArray(c.eventData.items))).toBeGreaterThan(500);
    expect(count((c) => c.pii.length > 0)).toBeGreaterThan(1000);
    expect(count((c) => Array.isArray((c.eventData.user_data as { address?: unknown } | undefined)?.address))).toBeGreaterThan(50);
    expect(count((c) => Array.isArray((c.eventData.user_data as { email?: unknown } | undefined)?.email))).toBeGreaterThan(20);
    expect(count((c) => typeof (c.eventData.user_data as { sha256_email_address?: unknown } | undefined)?.sha256_email_address === 'string')).toBeGreaterThan(50);
    expect(count((c) => c.consent.adStorage === 'denied')).toBeGreaterThan(200);
    expect(count((c) => c.consent.adStorage === 'unknown')).toBeGreaterThan(100);
    expect(count((c) => Array.isArray(c.cookies._ttp))).toBeGreaterThan(50);
    expect(count((c) => typeof c.eventData.page_location === 'string' && c.eventData.page_location.includes('ttclid='))).toBeGreaterThan(200);
  });

  test('consent cases that claim a state encode it consistently', () => {
    for (const c of fc.sample(consent, { numRuns: 500, seed: 2 })) {
      if (c.adStorage === 'denied' && typeof c.keys['x-ga-gcs'] === 'string') expect((c.keys['x-ga-gcs'] as string)[2]).toBe('0');
      if (c.adStorage === 'granted' && typeof c.keys['x-ga-gcs'] === 'string') expect((c.keys['x-ga-gcs'] as string)[2]).toBe('1');
      const gcd = (c.keys['x-ga-gcd'] ?? c.keys['x-ga-mp2-gcd']) as string | undefined;
      if (gcd && c.adStorage !== 'unknown') {
        const v = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_'.indexOf(gcd[2]);
        const effective = (v & 3) >= 2 ? v & 3 : (v >> 2) & 3;
        expect(effective === 3 ? 'granted' : effective === 2 ? 'denied' : 'unset').toBe(c.adStorage);
      }
    }
  });
});

describe('field generator', () => {
  test('covers every parameter of every shipped template with values of its kind', () => {
    for (const { id, template } of loadShipped(() => true)) {
      const flat = flattenParameters(template.parameters);
      const seen = new Set<string>();
      for (const f of fc.sample(fieldsFor(template.parameters), { numRuns: 300, seed: 5 })) {
        for (const key of Object.keys(f.data)) seen.add(key);
        for (const p of flat) {
          const value = f.data[p.name!];
          if (p.type === 'SELECT' && value !== undefined && typeof value !== 'string') throw new Error(`${id}.${p.name}: ${String(value)}`);
        }
      }
      for (const p of flat) expect([id, p.name, seen.has(p.name!)]).toEqual([id, p.name, true]);
    }
  });
});

test('ga4Case is usable as an arbitrary (shrinks to a small event)', () => {
  const result = fc.check(fc.property(ga4Case, (c) => !('user_data' in c.eventData)), { seed: 1, numRuns: 200 });
  expect(result.failed).toBe(true);
  expect(JSON.stringify(result.counterexample).length).toBeLessThan(2000);
});
