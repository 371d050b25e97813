// Property-based tests for every web template (TAG and MACRO) in templates/*.tpl, on a fresh
// simulated page per case whose dataLayer holds the GA4 event's push (e-commerce, user_data), with
// consent state, cookies and script loading generated.
// Tags: no exception and exactly one of gtmOnSuccess/gtmOnFailure; no raw email/phone/name/zip/
// external id in any window call (ttq.*), injected script URL, pixel, log, dataLayer push or cookie;
// ad_storage denied with Google Consent Mode → ttq.holdConsent before any event reaches the pixel
// and no cookie read or written by the template; determinism (clock and random fixed).
// Variables: finish without exception, no raw PII in value or logs, determinism.
// PROPERTY_RUNS (env) overrides the 2,000 cases per template; PROPERTY_SEED the seed.
import fc from 'fast-check';
import type { RunResult } from '../../src/sandbox/environment';
import { defaultsOf, fieldsFor } from '../generators/fields';
import { ga4Case } from '../generators/ga4';
import { loadShipped, runWeb, fingerprint, describeRun } from './harness';
import { PropertyViolation, applyChecks, checkCookiesSanitized, checkNoPii, checkTagCompletion, checkVariableCompletion } from './checks';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
const templates = loadShipped((t) => t.context === 'WEB');
const EVENT_CALLS = ['ttq.track', 'ttq.page', 'ttq.identify'];

/** Google Consent Mode says ad_storage denied: the pixel is put on hold before it gets anything. */
function checkWebConsent(result: RunResult, data: Record<string, unknown>, adStorage: string | undefined): void {
  if (adStorage !== 'denied') return;
  const calls = result.record.apiCalls.filter((c) => c.name === 'getCookieValues' || c.name === 'setCookie');
  if (calls.length > 0) throw new PropertyViolation(`ad_storage denied but the template called ${calls[0].name}`);
  if (data.consentMode !== 'googleConsentMode') return;
  const paths = result.record.windowAccess.filter((w) => w.api === 'callInWindow').map((w) => w.path);
  const firstEvent = paths.findIndex((p) => EVENT_CALLS.includes(p));
  if (firstEvent === -1) return;
  const hold = paths.indexOf('ttq.holdConsent');
  if (hold === -1 || hold > firstEvent) throw new PropertyViolation(`ad_storage denied but ${paths[firstEvent]} reached the pixel before ttq.holdConsent`);
}

test('web templates are found', () => {
  expect(templates.length).toBeGreaterThan(0);
});

describe.each(templates.map((t) => [t.id, t] as const))('%s (web)', (id, shipped) => {
  const template = shipped.template;
  const defaults = defaultsOf(template.parameters);
  const isTag = template.type === 'TAG';
  const arbitrary = fc.record({
    ga4: ga4Case,
    fields: fieldsFor(template.parameters),
    withDefaults: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    scriptsFail: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  });

  test(`${RUNS} generated dataLayer events keep every property`, async () => {
    const started = Date.now();
    const known = new Map<string, number>();
    // How often the PII and consent properties had something to check.
    const applied = { identifyCalls: 0, heldWhileDenied: 0 };
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ ga4, fields, withDefaults, scriptsFail, seed }) => {
        const data = withDefaults ? { ...defaults, ...fields.data } : fields.data;
        const { result, env } = await runWeb(template, data, ga4, { seed, scriptsFail });
        const paths = result.record.windowAccess.map((w) => w.path);
        if (paths.includes('ttq.identify')) applied.identifyCalls++;
        if (env.consent?.ad_storage === 'denied' && paths.includes('ttq.holdConsent')) applied.heldWhileDenied++;
        const hit = applyChecks(id, { data, result }, [
          () => (isTag ? checkTagCompletion(result) : checkVariableCompletion(result)),
          () => checkNoPii(result, [...ga4.pii, ...fields.pii], true),
          () => checkWebConsent(result, data, env.consent?.ad_storage),
          () => checkCookiesSanitized(result),
        ], () => describeRun(result));
        for (const bug of hit) known.set(bug.id, (known.get(bug.id) ?? 0) + 1);
        const again = await runWeb(template, data, ga4, { seed, scriptsFail });
        expect(fingerprint(again.result)).toBe(fingerprint(result));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`${id}: ${RUNS} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; applied ${JSON.stringify(applied)}; known bugs hit: ${JSON.stringify(Object.fromEntries(known))}`);
    if (id === 'tiktok-pixel') {
      expect(applied.identifyCalls).toBeGreaterThan(RUNS / 50);
      expect(applied.heldWhileDenied).toBeGreaterThan(RUNS / 50);
    }
  }, 600_000);
});
