// Remembered match keys, property-based (fast-check with the personal-data generators of
// test/generators/pii.ts): visits of 1-4 generated GA4 events, the cookies the tag sets carried to
// the next event as a browser would.
//
// Server tag (tt_match_keys cookie), on every event:
// - no raw email, phone, name, zip or external ID of any event of the visit, nor of a hand-edited
//   cookie, in a request, a cookie or a log line; the cookie holds only `xx.<64 hex>` entries;
// - ad_storage or ad_user_data denied: the cookie is not read (no getCookieValues call for it), the
//   request is exactly what it would be without the cookie, and the cookie is expired (Max-Age=0):
//   denial clears it;
// - both granted: an event whose own request has no email gets the remembered email digests.
// Pixel tag (templateStorage, page lifetime), on every event of a page:
// - templateStorage holds only SHA-256 digests, and no raw value appears in storage, window calls
//   or logs;
// - consent denied: the remembered keys are neither read nor written (no templateStorage call for
//   them) and are gone after the event.
//
// Case counts: PROPERTY_RUNS (env) or 300 visits per template; seed PROPERTY_SEED or a fixed one.
import fc from 'fast-check';
import * as path from 'path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { RunResult, WebEnvironment } from '../../src/sandbox/environment';
import { ACCESS_TOKEN, VALID_PIXEL_ID } from '../generators/fields';
import { ConsentState, Ga4Case, NOW_MS, ga4Case, toDataLayerPush } from '../generators/ga4';
import { PiiToken, emailToken, findLeak, phoneToken } from '../generators/pii';
import { checkNoPii, checkTagCompletion, checkValidRequests } from './checks';
import { REPO_ROOT, runServer, seededRandom } from './harness';
import { sha256HexNode } from '../core/node-toolkit';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const COOKIE = 'tt_match_keys';
const STORED_VALUE = /^[a-z]{2}\.[0-9a-f]{64}(~[a-z]{2}\.[0-9a-f]{64})*$/;
const HEX64 = /^[0-9a-f]{64}$/;

const serverTag = loadTemplate(path.join(REPO_ROOT, 'templates', 'tiktok-events-api.tpl'));
const pixelTag = loadTemplate(path.join(REPO_ROOT, 'templates', 'tiktok-pixel.tpl'));

function fail(message: string): never {
  throw new Error(message);
}

function isDenied(state: ConsentState, unknownAs: string): boolean {
  return state === 'denied' || (state === 'unset' && unknownAs === 'denied');
}

/** The signal the tag reads: the override field when it says granted or denied, else the event's. */
function effective(field: string | undefined, fromEvent: ConsentState): ConsentState {
  return field === 'granted' || field === 'denied' ? field : fromEvent;
}

function requestUsers(result: RunResult): Record<string, unknown>[] {
  return result.record.requests.map((r) => JSON.parse(r.request.body ?? '{}')?.data?.[0]?.user ?? {});
}

function cookieWrites(result: RunResult) {
  return result.record.cookiesSet.filter((c) => c.name === COOKIE);
}

describe('server tag: the tt_match_keys cookie', () => {
  const visit = fc.record({
    events: fc.array(ga4Case, { minLength: 1, maxLength: 4 }),
    consentMode: fc.constantFrom('minimize', 'require_ad_storage', 'ignore'),
    unknownAs: fc.constantFrom('granted', 'denied'),
    adStorageConsent: fc.constantFrom(undefined, undefined, '', 'granted', 'granted', 'denied'),
    adUserDataConsent: fc.constantFrom(undefined, undefined, '', 'granted', 'granted', 'denied'),
    days: fc.constantFrom('90', '30', '1', '', 'x'),
    // Mostly without: an email in the field is on every event, so nothing would need filling in.
    userEmail: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: emailToken }),
    // The cookie of an earlier visit, or one edited by hand (a raw email where a digest belongs).
    earlier: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constant('earlier visit' as const) },
      { weight: 1, arbitrary: fc.tuple(emailToken, phoneToken) },
    ),
  });

  test(`${RUNS} visits: hashes only, nothing read or kept without consent, denial clears`, async () => {
    let denials = 0;
    let fills = 0;
    await fc.assert(
      fc.asyncProperty(visit, async (v) => {
        const data: Record<string, unknown> = {
          pixelId: VALID_PIXEL_ID, accessToken: ACCESS_TOKEN, logType: 'always', rememberMatchKeys: true, rememberedKeysDays: v.days,
          consentMode: v.consentMode, consentUnknownAs: v.unknownAs, adStorageConsent: v.adStorageConsent, adUserDataConsent: v.adUserDataConsent,
        };
        const tokens: PiiToken[] = [];
        if (v.userEmail) {
          data.userEmail = v.userEmail.raw;
          tokens.push(v.userEmail);
        }
        let jar: string | undefined;
        if (v.earlier === 'earlier visit') {
          jar = 'em.' + sha256HexNode('earlier.visitor@example.org') + '~zp.' + sha256HexNode('10115');
        } else if (v.earlier) {
          const [email, phone] = v.earlier;
          tokens.push(email, phone);
          jar = 'em.' + String(email.raw).trim() + '~ph.' + String(phone.raw).replace(/\s/g, '');
        }
        for (const [index, ga4] of v.events.entries()) {
          tokens.push(...ga4.pii);
          const withJar: Ga4Case = { ...ga4, cookies: jar === undefined ? ga4.cookies : { ...ga4.cookies, [COOKIE]: jar } };
          const { result, validations } = await runServer(serverTag, data, withJar, { seed: index + 1 });
          const where = `event ${index + 1} of ${v.events.length}`;
          checkTagCompletion(result);
          checkValidRequests(validations);
          checkNoPii(result, tokens, false);
          const writes = cookieWrites(result);
          if (writes.length > 1) fail(`${where}: ${writes.length} writes of ${COOKIE}`);
          for (const write of writes) {
            const maxAge = Number(write.options['max-age']);
            if (maxAge > 0 && !STORED_VALUE.test(write.value)) fail(`${where}: ${COOKIE} written with ${JSON.stringify(write.value)}`);
            if (write.options.httpOnly !== true) fail(`${where}: ${COOKIE} is not HttpOnly`);
          }

          const adStorage = effective(v.adStorageConsent, ga4.consent.adStorage);
          const adUserData = effective(v.adUserDataConsent, ga4.consent.adUserData);
          // GTM's health checks end the tag before anything is read or written: no visitor there.
          const healthCheck = String(ga4.eventData.page_location ?? '').startsWith('https://gtm-msr.appspot.com/');
          if (adStorage !== 'unknown' && adUserData !== 'unknown' && !healthCheck) {
            const denied = isDenied(adStorage, v.unknownAs) || isDenied(adUserData, v.unknownAs);
            const read = result.record.apiCalls.some((call) => call.name === 'getCookieValues' && call.args[0] === COOKIE);
            const without = jar === undefined ? result : (await runServer(serverTag, data, ga4, { seed: index + 1 })).result;
            if (denied) {
              denials++;
              if (read) fail(`${where}: consent denied but ${COOKIE} was read`);
              if (writes.length !== 1 || Number(writes[0].options['max-age']) !== 0) fail(`${where}: consent denied but ${COOKIE} was not expired: ${JSON.stringify(writes.map((w) => w.header))}`);
              const bodies = (r: RunResult) => JSON.stringify(r.record.requests.map((q) => q.request.body));
              if (bodies(result) !== bodies(without)) fail(`${where}: consent denied but the request differs from the same event without the cookie`);
            } else if (jar !== undefined) {
              const remembered = jar.split('~').filter((entry) => entry.startsWith('em.')).map((entry) => entry.slice(3)).filter((digest) => HEX64.test(digest));
              const [withUser] = requestUsers(result);
              const [withoutUser] = requestUsers(without);
              if (remembered.length > 0 && withUser && withoutUser && withoutUser.email === undefined) {
                fills++;
                const sent = ([] as unknown[]).concat(withUser.email ?? []);
                if (JSON.stringify(sent) !== JSON.stringify(remembered)) fail(`${where}: remembered email ${JSON.stringify(remembered)} not filled in (sent ${JSON.stringify(sent)})`);
              }
            }
          }
          // The browser keeps what the tag set: a value with a lifetime, or nothing after Max-Age=0.
          for (const write of writes) jar = Number(write.options['max-age']) > 0 ? write.value : undefined;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`remembered keys (server): ${RUNS} visits; events with consent denied: ${denials}; remembered emails filled in: ${fills}`);
    expect(denials).toBeGreaterThan(RUNS / 10);
    expect(fills).toBeGreaterThan(RUNS / 60);
  }, 600_000);
});

describe('Pixel tag: identify keys remembered for the page', () => {
  const page = fc.record({
    events: fc.array(fc.record({ ga4: ga4Case, adStorage: fc.constantFrom('granted', 'denied', undefined), adUserData: fc.constantFrom('granted', 'denied', undefined) }), { minLength: 1, maxLength: 4 }),
    consentMode: fc.constantFrom('googleConsentMode', 'manual', 'none'),
    consentValue: fc.constantFrom('granted', 'denied', true, undefined),
    userEmail: fc.option(emailToken, { nil: undefined, freq: 3 }),
  });

  test(`${RUNS} pages: digests only in templateStorage, nothing read or kept without consent`, async () => {
    let denials = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(page, async (p) => {
        const data: Record<string, unknown> = {
          pixelIds: VALID_PIXEL_ID, eventMode: 'mapped', advancedMatching: true, rememberIdentify: true, userDataFromDataLayer: true,
          consentMode: p.consentMode, consentValue: p.consentValue, debugLogging: true,
        };
        const tokens: PiiToken[] = [];
        if (p.userEmail) {
          data.userEmail = p.userEmail.raw;
          tokens.push(p.userEmail);
        }
        // One page: the window and the template's storage live across the events.
        const window: Record<string, unknown> = {};
        const storage = new Map<string, unknown>();
        for (const [index, event] of p.events.entries()) {
          tokens.push(...event.ga4.pii);
          const consent: Record<string, 'granted' | 'denied'> = {};
          if (event.adStorage) consent.ad_storage = event.adStorage;
          if (event.adUserData) consent.ad_user_data = event.adUserData;
          const had = storage.has('identify');
          const env: WebEnvironment = {
            context: 'WEB', url: 'https://shop.example.com/', referrer: '', title: 'Shop', window,
            dataLayer: [{ 'gtm.start': NOW_MS, event: 'gtm.js' }, structuredClone(toDataLayerPush(event.ga4))],
            consent, scripts: () => ({ outcome: 'load' }), localStorage: new Map(), templateStorage: storage,
            containerVersion: { containerId: 'GTM-PROP', debugMode: true, previewMode: true, environmentName: 'test', environmentMode: false, version: '1' },
            now: () => NOW_MS, random: seededRandom(index + 1), gtmEventId: index + 7,
          };
          const result = await runTemplate(pixelTag, structuredClone(data), env, { timeoutMs: 5000 });
          const where = `event ${index + 1} of ${p.events.length}`;
          checkTagCompletion(result);
          checkNoPii(result, tokens, false);
          const stored = [...storage.entries()].map(([key, value]) => ({ where: 'templateStorage ' + key, text: JSON.stringify(value) ?? '' }));
          const leak = findLeak(tokens, stored);
          if (leak) fail(`${where}: raw ${leak.token.kind} in ${leak.where}`);
          const remembered = storage.get('identify') as Record<string, unknown> | undefined;
          if (remembered !== undefined) {
            for (const [key, value] of Object.entries(remembered)) if (typeof value !== 'string' || !HEX64.test(value)) fail(`${where}: templateStorage identify.${key} = ${JSON.stringify(value)}`);
          }

          const granted = p.consentMode === 'googleConsentMode'
            ? event.adStorage !== 'denied' && event.adUserData !== 'denied'
            : p.consentMode !== 'manual' || p.consentValue === 'granted' || p.consentValue === true;
          const touched = result.record.apiCalls.filter((call) => /^templateStorage\.(getItem|setItem)$/.test(call.name) && call.args[0] === 'identify');
          if (!granted) {
            denials++;
            if (touched.length > 0) fail(`${where}: consent denied but ${touched[0].name}('identify') was called`);
            if (storage.has('identify')) fail(`${where}: consent denied but the remembered keys are still stored`);
          } else if (had) {
            const identify = result.record.windowAccess.filter((w) => w.path === 'ttq.identify');
            if (identify.length > 0) reused++;
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`remembered keys (Pixel): ${RUNS} pages; events with consent denied: ${denials}; events identified with remembered keys available: ${reused}`);
    expect(denials).toBeGreaterThan(RUNS / 10);
    expect(reused).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
