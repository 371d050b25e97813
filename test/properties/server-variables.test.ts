// Property-based tests for every server-side variable (MACRO) in templates/*.tpl: each runs on
// generated GA4 events, cookies and field values. Properties: it finishes (no exception, no
// timeout); no raw email/phone/name/zip/external id in its value, logs or requests; ad_storage
// denied → no cookie read (getCookieValues) and none written; ad_user_data denied → no hashed
// personal data in its value; the same input gives the same value (clock and random fixed).
// PROPERTY_RUNS (env) overrides the 2,000 cases per template; PROPERTY_SEED the seed.
import fc from 'fast-check';
import { defaultsOf, fieldsFor } from '../generators/fields';
import { ga4Case } from '../generators/ga4';
import { loadShipped, runServer, fingerprint, describeRun } from './harness';
import { applyChecks, checkConsent, checkCookiesSanitized, checkNoPii, checkVariableCompletion, expectedConsent } from './checks';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
const templates = loadShipped((t) => t.context === 'SERVER' && t.type === 'MACRO');

test('server variables are found', () => {
  expect(templates.length).toBeGreaterThan(0);
});

describe.each(templates.map((t) => [t.id, t] as const))('%s (server variable)', (id, shipped) => {
  const template = shipped.template;
  const defaults = defaultsOf(template.parameters);
  const arbitrary = fc.record({
    ga4: ga4Case,
    fields: fieldsFor(template.parameters),
    withDefaults: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  });

  test(`${RUNS} generated GA4 events keep every property`, async () => {
    const started = Date.now();
    const known = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ ga4, fields, withDefaults, seed }) => {
        const data = withDefaults ? { ...defaults, ...fields.data } : fields.data;
        const { result } = await runServer(template, data, ga4, { seed });
        const hit = applyChecks(id, { data, result }, [
          () => checkVariableCompletion(result),
          () => checkNoPii(result, [...ga4.pii, ...fields.pii], true),
          () => checkConsent(result, expectedConsent(ga4, data)),
          () => checkCookiesSanitized(result),
        ], () => `${describeRun(result)}; value ${JSON.stringify(result.returnValue)?.slice(0, 300)}`);
        for (const bug of hit) known.set(bug.id, (known.get(bug.id) ?? 0) + 1);
        const again = await runServer(template, data, ga4, { seed });
        expect(fingerprint(again.result)).toBe(fingerprint(result));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`${id}: ${RUNS} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; known bugs hit: ${JSON.stringify(Object.fromEntries(known))}`);
  }, 600_000);
});
