// Web/server parity: the point of sending the same conversion from the browser (TikTok Pixel tag)
// and from the server (TikTok Events API tag) is that TikTok deduplicates the pair, and it does so
// only when pixel, event name and event_id are identical. This test fires both generated templates
// in the emulator on one corpus of GA4 e-commerce events and asserts that both sides send the same
// event name, event_id, value, currency and contents, under both event-name sets.
//
// The web side runs as on a page: the dataLayer holds the GA4 e-commerce push, the "TikTok Event
// ID" variable is evaluated for that GTM event and passed to the Pixel tag's Event ID field, and the
// tag's calls are read off the real window.ttq queue it builds. The server side gets what the GA4
// tag would send for the same push: a /g/collect hit (en, cu, epn.value, ep.transaction_id,
// ep.event_id = the same variable value, pr1..prN) parsed by this project's GA4 client code
// (src/server/ga4.ts) into sGTM event data.

import * as fs from 'fs';
import * as path from 'path';
import { TIKTOK_CURRENCIES } from '../../src/core/contents';
import { GA4_TO_TIKTOK, NameSet } from '../../src/core/event-names';
import { parseGa4Request } from '../../src/server/ga4';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { ServerEnvironment, WebEnvironment } from '../../src/sandbox/environment';

const ROOT = path.resolve(__dirname, '../..');
const PIXEL_TPL = path.join(ROOT, 'templates/tiktok-pixel.tpl');
const EVENT_ID_TPL = path.join(ROOT, 'templates/tiktok-event-id.tpl');
const SERVER_TPL = path.join(ROOT, 'templates/tiktok-events-api.tpl');
const PIXEL_ID = 'C9Q2MJ3C77U4P674RPG0';
const NOW = 1763900000000;

interface Ga4Item {
  item_id?: string | number;
  item_name?: string;
  item_category?: string;
  item_brand?: string;
  price?: string | number;
  quantity?: string | number;
}

interface Ga4Ecommerce {
  transaction_id?: string | number;
  value?: string | number;
  currency?: string;
  items?: Ga4Item[];
}

interface CorpusEvent {
  label: string;
  eventName: string;
  ecommerce?: Ga4Ecommerce;
  /** Whether the GA4 tag and the Pixel tag carry the TikTok Event ID variable. */
  withEventIdVariable: boolean;
  /** GA4 `search_term` (a top-level key of the push, an event parameter of the GA4 tag). */
  searchTerm?: string;
}

/** What a page would push for one GA4 event, in a few shapes seen in the wild. */
function variations(eventName: string, index: number): CorpusEvent[] {
  const full: Ga4Ecommerce = {
    transaction_id: 'T-' + (1000 + index),
    value: 59.9,
    currency: 'EUR',
    items: [
      { item_id: 12345, item_name: 'Shirt', item_category: 'Apparel', item_brand: 'Acme', price: '19.95', quantity: 2 },
      { item_id: 'SKU-2', item_name: 'Socks', price: 20, quantity: '1' },
    ],
  };
  const noValue: Ga4Ecommerce = { currency: 'usd', items: [{ item_id: 'A-1', price: 2.5, quantity: 3 }, { item_id: 'B-2', price: 1.25 }] };
  const oddTypes: Ga4Ecommerce = { value: '12.50', currency: 'XXX', transaction_id: 7700 + index, items: [{ item_id: 99, item_name: 'Mug' }] };
  const list: CorpusEvent[] = [
    { label: 'full e-commerce, event id variable', eventName, ecommerce: full, withEventIdVariable: true },
    { label: 'value from items, lower-case currency', eventName, ecommerce: noValue, withEventIdVariable: true },
    { label: 'string value, unsupported currency, numeric ids', eventName, ecommerce: oddTypes, withEventIdVariable: true },
    { label: 'no e-commerce data', eventName, withEventIdVariable: true },
    { label: 'transaction id, no event id variable', eventName, ecommerce: full, withEventIdVariable: false },
  ];
  if (eventName === 'search' || eventName === 'view_search_results') {
    list.forEach((e, i) => { if (i % 2 === 0) e.searchTerm = ' Red Shoes '; });
  }
  if (eventName !== 'page_view') return list;
  // A GA4 page_view (Google tag) sends no e-commerce data, and the Pixel tag reads none for it.
  return [
    { label: 'page view with event id variable', eventName, withEventIdVariable: true },
    { label: 'page view without event id', eventName, withEventIdVariable: false },
  ];
}

const corpus: CorpusEvent[] = [];
Object.keys(GA4_TO_TIKTOK).forEach((eventName, index) => corpus.push(...variations(eventName, index)));

/** What both sides sent, in comparable form. */
interface Sent {
  event: string;
  event_id?: string;
  value?: unknown;
  currency?: unknown;
  contents?: unknown;
  content_ids?: unknown;
  num_items?: unknown;
  order_id?: unknown;
  content_type?: unknown;
  search_string?: unknown;
}

function pick(event: string, eventId: unknown, properties: Record<string, unknown>): Sent {
  const sent: Sent = { event };
  if (eventId !== undefined) sent.event_id = eventId as string;
  for (const key of ['value', 'currency', 'contents', 'content_ids', 'content_type', 'num_items', 'order_id', 'search_string'] as const) {
    if (properties[key] !== undefined) sent[key] = properties[key];
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------
// Web side

const pixelTemplate = loadTemplate(PIXEL_TPL);
const eventIdTemplate = loadTemplate(EVENT_ID_TPL);

interface WebOutcome {
  sent: Sent;
  /** The Event ID variable's value for this GTM event (what the GA4 tag sends as event_id). */
  eventIdVariable?: string;
}

async function runWeb(event: CorpusEvent, nameSet: NameSet, gtmEventId: number, settings: Record<string, unknown> = {}): Promise<WebOutcome> {
  const push: Record<string, unknown> = { event: event.eventName, 'gtm.uniqueEventId': gtmEventId };
  if (event.ecommerce) push.ecommerce = JSON.parse(JSON.stringify(event.ecommerce));
  if (event.searchTerm !== undefined) push.search_term = event.searchTerm;
  const window: Record<string, unknown> = {};
  const env: WebEnvironment = {
    context: 'WEB',
    url: 'https://shop.example.com/product',
    window,
    dataLayer: [{ event: 'gtm.js', 'gtm.uniqueEventId': 1 }, push],
    now: () => NOW,
    random: () => 0.4242,
  };

  let eventIdVariable: string | undefined;
  if (event.withEventIdVariable) {
    const variable = await runTemplate(eventIdTemplate, {}, { ...env, templateStorage: new Map() });
    expect(variable.outcome).toBe('success');
    expect(typeof variable.returnValue).toBe('string');
    eventIdVariable = variable.returnValue as string;
  }

  const data: Record<string, unknown> = {
    pixelIds: PIXEL_ID, eventMode: 'mapped', nameSet, unmappedPolicy: 'skip', transactionEventId: true,
    ecommerceSource: 'dataLayer', contentType: 'product', limitedDataUse: 'off', consentMode: 'none',
  };
  if (eventIdVariable !== undefined) data.eventId = eventIdVariable;
  Object.assign(data, settings);
  const result = await runTemplate(pixelTemplate, data, { ...env, templateStorage: new Map() });
  expect(result.outcome).toBe('success');

  // The calls the tag queued on the page's ttq (the real stub, no mocks): [method, ...args].
  const queue = (window.ttq as unknown[]).filter((entry) => Array.isArray(entry)) as unknown[][];
  const calls = queue.filter((entry) => entry[0] === 'track' || entry[0] === 'page');
  expect(calls).toHaveLength(1);
  const call = calls[0];
  if (call[0] === 'page') {
    const options = (call[2] ?? {}) as Record<string, unknown>;
    return { sent: pick('Pageview', options.event_id, (call[1] ?? {}) as Record<string, unknown>), eventIdVariable };
  }
  const options = call[3] as Record<string, unknown>;
  expect(options.pixel_code).toBe(PIXEL_ID);
  return { sent: pick(call[1] as string, options.event_id, call[2] as Record<string, unknown>), eventIdVariable };
}

// ---------------------------------------------------------------------------------------------
// Server side: the GA4 hit the Google tag would send for the same push, parsed by our GA4 client.

function encodeItem(item: Ga4Item): string {
  const parts: string[] = [];
  const add = (code: string, value: unknown) => {
    if (value !== undefined) parts.push(code + String(value).replace(/~/g, '~~'));
  };
  add('id', item.item_id);
  add('nm', item.item_name);
  add('br', item.item_brand);
  add('ca', item.item_category);
  add('pr', item.price);
  add('qt', item.quantity);
  return parts.join('~');
}

function ga4Hit(event: CorpusEvent, eventIdVariable: string | undefined): Record<string, unknown> {
  const params: [string, string][] = [
    ['v', '2'], ['tid', 'G-PARITY1'], ['cid', '123456789.1763900000'], ['en', event.eventName],
    ['dl', 'https://shop.example.com/product'],
  ];
  const ecommerce = event.ecommerce;
  if (ecommerce) {
    if (ecommerce.currency !== undefined) params.push(['cu', ecommerce.currency]);
    // gtag sends numbers as epn.*, text as ep.*.
    if (typeof ecommerce.value === 'number') params.push(['epn.value', String(ecommerce.value)]);
    else if (ecommerce.value !== undefined) params.push(['ep.value', ecommerce.value]);
    if (ecommerce.transaction_id !== undefined) params.push(['ep.transaction_id', String(ecommerce.transaction_id)]);
    (ecommerce.items ?? []).forEach((item, i) => params.push(['pr' + (i + 1), encodeItem(item)]));
  }
  if (event.searchTerm !== undefined) params.push(['ep.search_term', event.searchTerm]);
  if (eventIdVariable !== undefined) params.push(['ep.event_id', eventIdVariable]);
  const queryString = params.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
  const parsed = parseGa4Request({ queryString, headers: { 'user-agent': 'Mozilla/5.0 parity' }, remoteAddress: '203.0.113.9', now: NOW });
  expect(parsed.issues).toEqual([]);
  expect(parsed.events).toHaveLength(1);
  return parsed.events[0];
}

const serverAvailable = fs.existsSync(SERVER_TPL);
const serverTemplate = serverAvailable ? loadTemplate(SERVER_TPL) : undefined;

async function runServer(eventData: Record<string, unknown>, nameSet: NameSet, settings: Record<string, unknown> = {}): Promise<Sent> {
  const bodies: string[] = [];
  const env: ServerEnvironment = {
    context: 'SERVER',
    eventData,
    now: () => NOW,
    request: { headers: { host: 'sgtm.shop.example.com' } },
    http: (request) => {
      bodies.push(request.body ?? '');
      return { statusCode: 200, headers: {}, body: '{"code":0,"message":"OK","request_id":"R"}' };
    },
  };
  const data = { pixelId: PIXEL_ID, accessToken: 'tok_parity', eventMode: 'mapped', nameSet, unmappedPolicy: 'skip', consentMode: 'ignore', logType: 'never', ...settings };
  const result = await runTemplate(serverTemplate!, data, env);
  expect(result.outcome).toBe('success');
  expect(bodies).toHaveLength(1);
  const sent = JSON.parse(bodies[0]).data[0];
  return pick(sent.event, sent.event_id, sent.properties ?? {});
}

// ---------------------------------------------------------------------------------------------

describe('web Pixel tag and server Events API tag send the same event', () => {
  test('the templates load', () => {
    expect(pixelTemplate.problems).toEqual([]);
    expect(eventIdTemplate.problems).toEqual([]);
    expect(serverTemplate?.problems ?? []).toEqual([]);
  });

  for (const nameSet of ['current', 'legacy'] as NameSet[]) {
    describe(nameSet + ' names', () => {
      // The server half needs templates/tiktok-events-api.tpl; without it only the web half runs.
      const serverTest = serverAvailable ? test : test.skip;

      test.each(corpus.map((event, i) => ({ ...event, gtmEventId: 10 + i })))('$eventName: $label', async (event) => {
        const web = await runWeb(event, nameSet, event.gtmEventId);
        // The web half on its own: the expected TikTok name for the set, always a string event_id.
        const expectedName = nameSet === 'legacy' && GA4_TO_TIKTOK[event.eventName] === 'Purchase'
          ? 'CompletePayment'
          : nameSet === 'legacy' && GA4_TO_TIKTOK[event.eventName] === 'Lead'
            ? 'SubmitForm'
            : GA4_TO_TIKTOK[event.eventName];
        expect(web.sent.event).toBe(expectedName);
        if (event.withEventIdVariable) expect(web.sent.event_id).toBe(web.eventIdVariable);
        else if (event.ecommerce?.transaction_id !== undefined && event.eventName === 'purchase') expect(web.sent.event_id).toBe(String(event.ecommerce.transaction_id) + '_' + expectedName);
        else if (event.ecommerce?.transaction_id !== undefined) expect(web.sent.event_id).toBeUndefined();
      });

      serverTest.each(corpus.map((event, i) => ({ ...event, gtmEventId: 10 + i })))('server matches web: $eventName: $label', async (event) => {
        const web = await runWeb(event, nameSet, event.gtmEventId);
        const server = await runServer(ga4Hit(event, web.eventIdVariable), nameSet);
        expect(server).toEqual(web.sent);
        // Not vacuous: the compared fields are really there when the push had them.
        if (event.searchTerm !== undefined) expect(server.search_string).toBe('Red Shoes');
        if (event.ecommerce?.items) {
          expect(server.contents).toHaveLength(event.ecommerce.items.length);
          // A currency TikTok does not support makes the value unusable: neither side sends it.
          const supported = TIKTOK_CURRENCIES.includes(String(event.ecommerce.currency).toUpperCase());
          expect(server.value).toEqual(supported ? expect.any(Number) : undefined);
        }
        // Dedup needs an id on both sides whenever the browser has one.
        if (web.sent.event_id !== undefined) expect(typeof server.event_id).toBe('string');
      });
    });
  }

  // The same event-name settings in both tags (the field names are shared on purpose).
  const settingsCases: { label: string; eventName: string; settings: Record<string, unknown> }[] = [
    { label: 'fixed event', eventName: 'purchase', settings: { eventMode: 'fixed', fixedEvent: 'PlaceAnOrder' } },
    { label: 'TikTok name in the dataLayer, translated to the set', eventName: 'CompletePayment', settings: {} },
    { label: 'unmapped event sent as custom', eventName: 'view_cart', settings: { unmappedPolicy: 'custom' } },
    { label: 'override table', eventName: 'view_cart', settings: { eventNameOverrides: [{ from: 'view_cart', to: 'ViewContent' }] } },
    { label: 'product_group content type and extra properties', eventName: 'add_to_cart', settings: { contentType: 'product_group', extraProperties: [{ name: 'value', value: '12.345' }, { name: 'currency', value: 'usd' }] } },
    // Table cells that hold a variable's value: only strings and numbers are text, anything else is
    // an absent cell, on both sides (the override probe: an object target must not become "[object Object]").
    { label: 'override row whose target cell holds an object', eventName: 'purchase', settings: { eventNameOverrides: [{ from: 'purchase', to: { name: 'Lead' } }] } },
    { label: 'override rows with list, null and number cells', eventName: 'view_cart', settings: { eventNameOverrides: [{ from: ['view_cart'], to: 'Lead' }, { from: 'view_cart', to: null }, { from: 'view_cart', to: 7 }] } },
    { label: 'override table that is not a list', eventName: 'purchase', settings: { eventNameOverrides: 'purchase=Lead' } },
    { label: 'override table with rows that are not objects', eventName: 'view_cart', settings: { eventNameOverrides: [null, 'view_cart', ['view_cart', 'Lead'], { from: 'view_cart', to: 'AddToWishlist' }] } },
    { label: 'extra properties with object, number and list cells', eventName: 'add_to_cart', settings: { extraProperties: [{ name: { k: 'value' }, value: 99 }, { name: 42, value: 'answer' }, { name: 'value', value: 31.5 }, { name: 'content_ids', value: ['X-1', 'X-2'] }, { name: 'shop_id', value: 12 }] } },
    // Every field type the two tags share: TEXT (explicit event ID), CHECKBOX (transaction ID
    // fallback off), SELECT (fixed event typed by a variable in the wrong letter case), RADIO (mode).
    { label: 'explicit event ID text field', eventName: 'purchase', settings: { eventId: 'E-42' } },
    { label: 'numeric event ID from a variable', eventName: 'purchase', settings: { eventId: 4242 } },
    { label: 'transaction ID fallback off', eventName: 'purchase', settings: { transactionEventIdOff: true } },
    { label: 'fixed event from a variable in lower case', eventName: 'view_item', settings: { eventMode: 'fixed', fixedEvent: 'completepayment' } },
    { label: 'mode fixed without a fixed event', eventName: 'purchase', settings: { eventMode: 'fixed', fixedEvent: '' } },
  ];
  const serverSettingsTest = serverAvailable ? test : test.skip;
  serverSettingsTest.each(settingsCases.flatMap((c) => (['current', 'legacy'] as NameSet[]).map((nameSet) => ({ ...c, nameSet }))))(
    'same settings, same event: $label ($nameSet)',
    async ({ eventName, settings, nameSet }) => {
      const fields: Record<string, unknown> = { ...settings };
      let withVariable = true;
      if (fields.transactionEventIdOff === true) {
        delete fields.transactionEventIdOff;
        fields.transactionEventId = false;
        withVariable = false;
      }
      const event: CorpusEvent = {
        label: 'settings', eventName, withEventIdVariable: withVariable && fields.eventId === undefined,
        ecommerce: { transaction_id: 'T-77', value: 20, currency: 'EUR', items: [{ item_id: 'G-1', price: 10, quantity: 2 }] },
      };
      const web = await runWeb(event, nameSet, 500, fields);
      const server = await runServer(ga4Hit(event, web.eventIdVariable), nameSet, fields);
      expect(server).toEqual(web.sent);
      return web.sent;
    },
  );

  serverSettingsTest('the override probe: an object in the target cell sends Purchase from both sides', async () => {
    const event: CorpusEvent = { label: 'probe', eventName: 'purchase', withEventIdVariable: true, ecommerce: { transaction_id: 'T-9', value: 5, currency: 'EUR' } };
    const settings = { eventNameOverrides: [{ from: 'purchase', to: { event: 'Lead' } }] };
    const web = await runWeb(event, 'current', 600, settings);
    const server = await runServer(ga4Hit(event, web.eventIdVariable), 'current', settings);
    expect(web.sent.event).toBe('Purchase');
    expect(server.event).toBe('Purchase');
  });

  serverSettingsTest('non-text cells really are ignored (the compared values are not vacuous)', async () => {
    const event: CorpusEvent = { label: 'cells', eventName: 'add_to_cart', withEventIdVariable: true, ecommerce: { value: 20, currency: 'EUR', items: [{ item_id: 'G-1', price: 10, quantity: 2 }] } };
    const settings = { extraProperties: [{ name: { k: 'value' }, value: 99 }, { name: 'value', value: 31.5 }], eventNameOverrides: [{ from: 'add_to_cart', to: 7 }] };
    const web = await runWeb(event, 'current', 601, settings);
    const server = await runServer(ga4Hit(event, web.eventIdVariable), 'current', settings);
    expect(web.sent).toEqual(server);
    expect(web.sent.value).toBe(31.5);
    // A number is text: the override row with target 7 applies on both sides.
    expect(web.sent.event).toBe('7');
  });

  test('the corpus covers every mapped GA4 event with e-commerce variations', () => {
    const names = new Set(corpus.map((e) => e.eventName));
    expect([...names].sort()).toEqual(Object.keys(GA4_TO_TIKTOK).sort());
    expect(corpus.filter((e) => e.ecommerce?.items).length).toBeGreaterThan(40);
    expect(corpus.filter((e) => !e.withEventIdVariable && e.ecommerce?.transaction_id !== undefined).length).toBeGreaterThan(15);
  });
});
