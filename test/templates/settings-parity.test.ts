// One settings object, both sides: the Countersign TikTok Settings variable of the web container and
// the one of the server container, filled in alike, are chosen in the Settings variable field of a
// freshly created Pixel tag and Events API tag (TikTok event names at "As in the settings variable",
// the choice GTM asks for; every other field at its default). For the same
// purchase both tags must then send the same event name and event_id, whatever the settings say;
// without the settings variable the same tags send something else (so the settings really decide).
import * as path from 'node:path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { ServerEnvironment, WebEnvironment } from '../../src/sandbox/environment';
import { fieldDefaults } from '../../src/tpl/parameters';
import { INHERIT } from '../../src/template-kit/shared-settings.read';
import type { TemplateParameter } from '../../src/tpl/definition';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';
import * as fs from 'node:fs';

const ROOT = path.resolve(__dirname, '../..');
const PIXEL_ID = 'C9Q2MJ3C77U4P674RPG0';
const NOW = 1763900000000;

const load = (id: string) => loadTemplate(path.join(ROOT, 'templates', id + '.tpl'));
const pixel = load('tiktok-pixel');
const server = load('tiktok-events-api');
const webSettings = load('tiktok-settings-web');
const serverSettings = load('tiktok-settings-server');

/** A new tag's or variable's data: every field at its default (what GTM gives a freshly created one). */
function defaultsOf(id: string): Record<string, unknown> {
  const parsed = parseTpl(fs.readFileSync(path.join(ROOT, 'templates', id + '.tpl'), 'utf8'), id + '.tpl');
  return fieldDefaults(parseJsonSection(parsed, findSection(parsed, 'TEMPLATE_PARAMETERS')!) as TemplateParameter[]);
}

interface Purchase {
  eventName: string;
  transactionId?: string;
}

interface Sent {
  event: string;
  event_id?: string;
}

async function settingsFrom(template: ReturnType<typeof load>, id: string, fields: Record<string, unknown>, env: WebEnvironment | ServerEnvironment): Promise<Record<string, unknown>> {
  const result = await runTemplate(template, { ...defaultsOf(id), ...fields }, env);
  expect(result.outcome).toBe('success');
  return result.returnValue as Record<string, unknown>;
}

async function webSends(purchase: Purchase, settings: Record<string, unknown> | undefined): Promise<Sent> {
  const push: Record<string, unknown> = { event: purchase.eventName, 'gtm.uniqueEventId': 7 };
  if (purchase.transactionId) push.ecommerce = { transaction_id: purchase.transactionId, value: 20, currency: 'EUR', items: [{ item_id: 'G-1', price: 10, quantity: 2 }] };
  const window: Record<string, unknown> = {};
  const env: WebEnvironment = { context: 'WEB', url: 'https://shop.example.com/thanks', window, dataLayer: [{ event: 'gtm.js', 'gtm.uniqueEventId': 1 }, push], now: () => NOW, random: () => 0.5, templateStorage: new Map() };
  const data: Record<string, unknown> = { ...defaultsOf('tiktok-pixel'), pixelIds: PIXEL_ID, nameSet: INHERIT };
  if (settings !== undefined) data.settingsVariable = settings;
  const result = await runTemplate(pixel, data, env);
  expect(result.outcome).toBe('success');
  const calls = (window.ttq as unknown[]).filter((entry): entry is unknown[] => Array.isArray(entry) && entry[0] === 'track');
  expect(calls).toHaveLength(1);
  const options = calls[0][3] as Record<string, unknown>;
  return { event: calls[0][1] as string, event_id: options.event_id as string | undefined };
}

async function serverSends(purchase: Purchase, settings: Record<string, unknown> | undefined): Promise<Sent> {
  const bodies: string[] = [];
  const eventData: Record<string, unknown> = { event_name: purchase.eventName, page_location: 'https://shop.example.com/thanks' };
  if (purchase.transactionId) Object.assign(eventData, { transaction_id: purchase.transactionId, value: 20, currency: 'EUR', items: [{ item_id: 'G-1', price: 10, quantity: 2 }] });
  const env: ServerEnvironment = {
    context: 'SERVER', eventData, now: () => NOW, request: { headers: { host: 'sgtm.shop.example.com' } },
    http: (request) => {
      bodies.push(request.body ?? '');
      return { statusCode: 200, headers: {}, body: '{"code":0,"message":"OK"}' };
    },
  };
  const data: Record<string, unknown> = { ...defaultsOf('tiktok-events-api'), pixelId: PIXEL_ID, accessToken: 'tok_parity_settings', nameSet: INHERIT, logType: 'never' };
  if (settings !== undefined) data.settingsVariable = settings;
  const result = await runTemplate(server, data, env);
  expect(result.outcome).toBe('success');
  expect(bodies).toHaveLength(1);
  const sent = JSON.parse(bodies[0]).data[0];
  return { event: sent.event, event_id: sent.event_id };
}

/** The same choices in both settings variables (consent off on both sides: the emulated page has no banner). */
const cases: { label: string; settings: Record<string, unknown>; purchase: Purchase; expected: Sent; withoutSettings: Sent }[] = [
  {
    label: 'legacy names, order-number event ID',
    settings: { nameSet: 'legacy' },
    purchase: { eventName: 'purchase', transactionId: 'T-1' },
    expected: { event: 'CompletePayment', event_id: 'T-1_CompletePayment' },
    withoutSettings: { event: 'Purchase', event_id: 'T-1_Purchase' },
  },
  {
    // An override to an order event: the order number makes the event ID on both sides.
    label: 'an override row',
    settings: { eventNameOverrides: [{ from: 'order_placed', to: 'PlaceAnOrder' }] },
    purchase: { eventName: 'order_placed', transactionId: 'T-2' },
    expected: { event: 'PlaceAnOrder', event_id: 'T-2_PlaceAnOrder' },
    withoutSettings: { event: '(not sent)' },
  },
  {
    label: 'no order-number event ID',
    settings: { transactionEventId: false },
    purchase: { eventName: 'purchase', transactionId: 'T-3' },
    expected: { event: 'Purchase' },
    withoutSettings: { event: 'Purchase', event_id: 'T-3_Purchase' },
  },
  {
    label: 'events TikTok has no name for sent as custom events',
    settings: { unmappedPolicy: 'custom' },
    purchase: { eventName: 'view_cart', transactionId: 'T-4' },
    // Not an order event: its transaction_id is left aside on both sides (no order-number event ID).
    expected: { event: 'view_cart' },
    withoutSettings: { event: '(not sent)' },
  },
  {
    label: 'legacy names for a lead',
    settings: { nameSet: 'legacy' },
    purchase: { eventName: 'generate_lead', transactionId: 'T-5' },
    expected: { event: 'SubmitForm' },
    withoutSettings: { event: 'Lead' },
  },
];

describe('one settings object makes both tags send the same event', () => {
  test('the templates load', () => {
    for (const template of [pixel, server, webSettings, serverSettings]) expect(template.problems).toEqual([]);
  });

  test.each(cases)('$label', async ({ settings, purchase, expected, withoutSettings }) => {
    // The event names have no default in the settings variables (GTM asks): Current unless the case chooses.
    const webObject = await settingsFrom(webSettings, 'tiktok-settings-web', { nameSet: 'current', ...settings, consentMode: 'none' }, { context: 'WEB' });
    const serverObject = await settingsFrom(serverSettings, 'tiktok-settings-server', { nameSet: 'current', ...settings, consentMode: 'ignore' }, { context: 'SERVER' });
    const web = await webSends(purchase, webObject);
    const sent = await serverSends(purchase, serverObject);
    expect(web).toEqual(expected);
    expect(sent).toEqual(expected);
    // Not vacuous: the same tags without the settings variable send something else.
    if (withoutSettings.event !== '(not sent)') expect(await serverSends(purchase, undefined)).toEqual(withoutSettings);
  });
});
