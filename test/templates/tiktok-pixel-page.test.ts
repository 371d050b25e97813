// The TikTok Pixel tag on a simulated page, with the emulator's real web APIs (no mocks, permissions
// enforced): the ttq stub it builds must behave like TikTok's base code towards a library that
// loads later, consent listeners must drive the pixel, and hashes must equal the server tag's.

import fc from 'fast-check';
import * as path from 'path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { RunResult, ServerEnvironment, WebEnvironment } from '../../src/sandbox/environment';
import { updateWebConsent } from '../../src/sandbox/apis/web';
import { sha256HexNode } from '../core/node-toolkit';

const ROOT = path.resolve(__dirname, '../..');
const pixel = loadTemplate(path.join(ROOT, 'templates/tiktok-pixel.tpl'));
const eventIdVariable = loadTemplate(path.join(ROOT, 'templates/tiktok-event-id.tpl'));
const server = loadTemplate(path.join(ROOT, 'templates/tiktok-events-api.tpl'));

const P1 = 'C1AAAAAAAAAAAAAAAAAA';
const P2 = 'D2BBBBBBBBBBBBBBBBBB';
const SCRIPT = (id: string) => 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=' + id + '&lib=ttq';

const baseData = {
  pixelIds: P1, eventMode: 'mapped', nameSet: 'current', unmappedPolicy: 'skip', transactionEventId: true,
  ecommerceSource: 'dataLayer', contentType: 'product', limitedDataUse: 'off', consentMode: 'none', debugLogging: true,
};

/** A page: one window, dataLayer, templateStorage and consent state shared by every firing. */
function page(overrides: Partial<WebEnvironment> = {}): WebEnvironment {
  return {
    context: 'WEB', url: 'https://shop.example.com/', window: {}, dataLayer: [], templateStorage: new Map(),
    consent: {}, containerVersion: { debugMode: true, previewMode: true }, ...overrides,
  };
}

function fire(env: WebEnvironment, push: Record<string, unknown>, data: Record<string, unknown> = {}): Promise<RunResult> {
  env.dataLayer!.push(push);
  return runTemplate(pixel, { ...baseData, ...data }, env);
}

/** The entries the tag queued on window.ttq (the stub pushes [method, ...args]). */
function queued(env: WebEnvironment): unknown[][] {
  return (env.window!.ttq as unknown[]).filter((e) => Array.isArray(e)) as unknown[][];
}

/**
 * A stand-in for events.js: like the real library it takes over window.ttq, replays what the stub
 * queued, and receives later calls directly.
 */
function fakeLibrary(received: unknown[][]): WebEnvironment['scripts'] {
  return () => ({
    outcome: 'load',
    onLoad: (win) => {
      const stub = win.ttq as unknown[];
      const library: Record<string, unknown> = {};
      for (const method of ['page', 'track', 'identify', 'holdConsent', 'grantConsent', 'revokeConsent']) {
        library[method] = (...args: unknown[]) => received.push([method, ...args]);
      }
      library.load = (...args: unknown[]) => received.push(['load', ...args]);
      for (const entry of stub) if (Array.isArray(entry)) received.push(entry);
      win.ttq = library;
    },
  });
}

describe('TikTok Pixel tag on a simulated page', () => {
  test('templates load without problems', () => {
    expect(pixel.problems).toEqual([]);
    expect(eventIdVariable.problems).toEqual([]);
  });

  test('queues like the base code; the library that loads later gets the calls in order, then direct calls', async () => {
    const received: unknown[][] = [];
    const env = page({ scripts: fakeLibrary(received) });
    const first = await fire(env, { event: 'purchase', ecommerce: { transaction_id: 'T-9', value: 10, currency: 'EUR', items: [{ item_id: 'A', price: 10 }] } });
    expect(first.outcome).toBe('success');
    expect(first.record.scriptsInjected).toEqual([{ url: SCRIPT(P1), outcome: 'load' }]);
    expect(env.window!.TiktokAnalyticsObject).toBe('ttq');
    expect(received).toEqual([
      ['track', 'Purchase', expect.objectContaining({ value: 10, currency: 'EUR', order_id: 'T-9' }), { pixel_code: P1, event_id: 'T-9_Purchase' }],
    ]);

    // Second firing: the library is in place, no second script, the call goes straight to it.
    // (GTM merges e-commerce pushes: Google's recipe clears the previous one first.)
    env.dataLayer!.push({ ecommerce: null });
    const second = await fire(env, { event: 'add_to_cart', ecommerce: { items: [{ item_id: 'B', price: 2 }] } });
    expect(second.outcome).toBe('success');
    expect(second.record.scriptsInjected).toEqual([]);
    expect(received[1]).toEqual(['track', 'AddToCart', expect.objectContaining({ content_ids: ['B'], value: 2 }), { pixel_code: P1 }]);
  });

  test('two tags with different pixels on one page: one script per pixel, however often they fire', async () => {
    const env = page();
    const scripts: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const pixelIds of [P2 + ',' + P1, P1]) {
        const result = await fire(env, { event: 'view_item' }, { pixelIds });
        expect(result.outcome).toBe('success');
        scripts.push(...result.record.scriptsInjected.map((s) => s.url));
      }
    }
    expect(scripts).toEqual([SCRIPT(P2), SCRIPT(P1)]);
    expect(Object.keys(env.window!.ttq as object)).toEqual(expect.arrayContaining(['_i', '_t', '_o', 'load', 'instance']));
    expect(Object.keys((env.window!.ttq as Record<string, unknown>)._i as object)).toEqual([P2, P1]);
  });

  test('a pixel first seen after the library loaded is handed to the library\'s ttq.load', async () => {
    const received: unknown[][] = [];
    const env = page({ scripts: fakeLibrary(received) });
    await fire(env, { event: 'view_item' }, { pixelIds: P1 });
    const later = await fire(env, { event: 'view_item' }, { pixelIds: P1 + ',' + P2 });
    expect(later.outcome).toBe('success');
    expect(later.record.scriptsInjected).toEqual([]);
    expect(received.filter((call) => call[0] === 'load')).toEqual([['load', P2, {}]]);
    expect(received.filter((call) => call[0] === 'track').map((call) => (call[3] as Record<string, unknown>).pixel_code)).toEqual([P1, P1, P2]);
  });

  test('a blocked script fails the tag, on every firing', async () => {
    const env = page({ scripts: () => ({ outcome: 'fail' }) });
    const first = await fire(env, { event: 'purchase' });
    expect(first.outcome).toBe('failure');
    const again = await fire(env, { event: 'purchase' });
    expect(again.outcome).toBe('failure');
    expect(first.record.logs.map((l) => l.text).join('\n')).toContain('failed to load');
  });

  test('base code already on the page: its load is used, nothing injected twice', async () => {
    const loads: unknown[][] = [];
    // What TikTok's base code leaves on the page after `ttq.load(P1)`: a queue array with methods.
    const stub = Object.assign([] as unknown[], {
      _i: { [P1]: [] as unknown[] },
      load: (...args: unknown[]) => loads.push(args),
      track: () => undefined,
    });
    const env = page({ window: { ttq: stub, TiktokAnalyticsObject: 'ttq' } });
    const result = await fire(env, { event: 'view_item' }, { pixelIds: P1 + ',' + P2 });
    expect(result.outcome).toBe('success');
    expect(result.record.scriptsInjected).toEqual([]);
    expect(loads).toEqual([[P2, {}]]);
  });

  test('Google Consent Mode: held while ad_storage is denied, granted when the CMP updates', async () => {
    const env = page({ consent: { ad_storage: 'denied' } });
    const result = await fire(env, { event: 'generate_lead' }, { consentMode: 'googleConsentMode' });
    expect(result.outcome).toBe('success');
    expect(queued(env).map((e) => e[0])).toEqual(['holdConsent', 'track']);
    updateWebConsent(env, undefined, { ad_storage: 'granted' });
    expect(queued(env).map((e) => e[0])).toEqual(['holdConsent', 'track', 'grantConsent']);
    updateWebConsent(env, undefined, { ad_storage: 'denied' });
    expect(queued(env).map((e) => e[0])).toEqual(['holdConsent', 'track', 'grantConsent', 'revokeConsent']);
  });

  test('no personal data in plain text anywhere: window, logs', async () => {
    const env = page();
    const result = await fire(env, { event: 'sign_up', user_data: { email_address: 'Jane.Doe@Example.com', phone_number: '+49 151 1234 5678' } },
      { advancedMatching: true, userDataFromDataLayer: true, userExternalId: 'cust-7' });
    expect(result.outcome).toBe('success');
    const everything = JSON.stringify(env.window!.ttq) + JSON.stringify(result.record.logs);
    for (const raw of ['Jane', 'jane.doe@example.com', '151', 'cust-7']) expect(everything).not.toContain(raw);
    expect(queued(env)[0]).toEqual(['identify', {
      email: sha256HexNode('jane.doe@example.com'), phone_number: sha256HexNode('+4915112345678'), external_id: sha256HexNode('cust-7'),
    }]);
  });

  test('the Event ID variable: one value per GTM event, shared by the tags of that event', async () => {
    const env = page({ dataLayer: [{ event: 'gtm.js', 'gtm.uniqueEventId': 1 }] });
    const a = await runTemplate(eventIdVariable, {}, env);
    const b = await runTemplate(eventIdVariable, {}, env);
    env.dataLayer!.push({ event: 'purchase', 'gtm.uniqueEventId': 2 });
    const c = await runTemplate(eventIdVariable, {}, env);
    expect(a.returnValue).toEqual(expect.stringMatching(/^\d+\.\d+_1$/));
    expect(b.returnValue).toBe(a.returnValue);
    expect(c.returnValue).not.toBe(a.returnValue);
    expect(String(c.returnValue).split('_')[0]).toBe(String(a.returnValue).split('_')[0]);
    const otherPage = await runTemplate(eventIdVariable, {}, page({ dataLayer: [{ 'gtm.uniqueEventId': 1 }], random: () => 0.5 }));
    expect(otherPage.returnValue).not.toBe(a.returnValue);
  });
});

describe('advanced matching hashes equal the server tag\'s', () => {
  const inputs = [
    { userEmail: '  Jane.Doe@Example.COM ', userPhone: '+49 (151) 1234-5678', userExternalId: ' cust-7 ' },
    { userEmail: 'alice@x.org', userPhone: '0151 12345678', defaultCountryCode: '49', userExternalId: 'ABC' },
    { userEmail: 'FB98D44AD7501A959F3F4F4A3F004FE2D9E581EA6207E218C4B02C08A4D75ADF', userPhone: '(+1)2133734253', userExternalId: 42 },
    { userEmail: 'not an email', userPhone: '12345', userExternalId: '' },
  ];

  test.each(inputs)('%o', async (fields) => {
    const env = page();
    await fire(env, { event: 'generate_lead' }, { advancedMatching: true, userDataFromDataLayer: false, ...fields });
    const identify = queued(env).find((e) => e[0] === 'identify');
    const web = (identify ? identify[1] : {}) as Record<string, unknown>;

    const bodies: string[] = [];
    const serverEnv: ServerEnvironment = {
      context: 'SERVER', eventData: { event_name: 'generate_lead' }, request: { headers: {} },
      http: (request) => {
        bodies.push(request.body ?? '');
        return { statusCode: 200, body: '{"code":0,"message":"OK"}' };
      },
    };
    const result = await runTemplate(server, { pixelId: P1, accessToken: 't', consentMode: 'ignore', logType: 'never', userIdAsExternalId: false, ...fields }, serverEnv);
    expect(result.outcome).toBe('success');
    const user = JSON.parse(bodies[0]).data[0].user;
    expect({ email: web.email, phone: web.phone_number, external_id: web.external_id }).toEqual({
      email: user.email, phone: user.phone, external_id: user.external_id,
    });
  });
});

describe('fuzz: arbitrary dataLayer content and field values never break the tag', () => {
  const RAW_EMAIL = 'fuzz.person@example.net';

  test('exactly one of gtmOnSuccess/gtmOnFailure, no exception, no raw email on the page', async () => {
    const value = fc.oneof(
      fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
    );
    const item = fc.dictionary(fc.constantFrom('item_id', 'price', 'quantity', 'item_name', 'currency'), value, { maxKeys: 5 });
    const pushArb = fc.record({
      event: fc.oneof(fc.constantFrom('purchase', 'page_view', 'gtm.js', 'add_to_cart', 'search', 'view_cart'), value),
      ecommerce: fc.oneof(value, fc.record({ items: fc.oneof(value, fc.array(item, { maxLength: 4 })), value, currency: value, transaction_id: value }, { requiredKeys: [] })),
      search_term: value,
      user_data: fc.oneof(value, fc.record({ email: fc.oneof(value, fc.constant(RAW_EMAIL)), phone_number: value, sha256_email_address: value }, { requiredKeys: [] })),
    }, { requiredKeys: [] });
    const fieldsArb = fc.record({
      pixelIds: fc.oneof(fc.constant(P1), fc.constant(P1 + ',' + P2), value),
      eventMode: fc.constantFrom('mapped', 'fixed'),
      fixedEvent: value,
      nameSet: fc.constantFrom('current', 'legacy', undefined),
      eventId: value,
      advancedMatching: fc.boolean(),
      userEmail: fc.oneof(value, fc.constant(RAW_EMAIL)),
      userPhone: value,
      userExternalId: value,
      consentMode: fc.constantFrom('googleConsentMode', 'manual', 'none'),
      consentValue: value,
      limitedDataUse: fc.constantFrom('off', 'pixel', 'event'),
      extraProperties: fc.oneof(value, fc.array(fc.record({ name: value, value }), { maxLength: 3 })),
      eventNameOverrides: fc.oneof(value, fc.array(fc.record({ from: value, to: value }), { maxLength: 2 })),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(pushArb, fieldsArb, fc.boolean(), async (push, fields, denied) => {
        const env = page({ consent: denied ? { ad_storage: 'denied' } : {} });
        const result = await fire(env, push as Record<string, unknown>, { ...fields, userDataFromDataLayer: true });
        expect(['success', 'failure']).toContain(result.outcome);
        expect(result.successCalls + result.failureCalls).toBe(1);
        // Everything the tag wrote to the page (the page's own dataLayer aside) and logged.
        const written = { ...env.window };
        delete written.dataLayer;
        const visible = JSON.stringify(written) + JSON.stringify(result.record.logs);
        expect(visible).not.toContain(RAW_EMAIL);
        for (const entry of env.window!.ttq ? queued(env) : []) {
          if (entry[0] === 'track') {
            expect(typeof entry[1]).toBe('string');
            const options = entry[3] as Record<string, unknown>;
            if (options.event_id !== undefined) expect(typeof options.event_id).toBe('string');
          }
        }
      }),
      { numRuns: 80, seed: 20261123 },
    );
  });
});
