// Input shapes through the built templates in the emulator: the Pixel tag on real data-layer pushes
// (GTM's recursive merge, gtag-style eventModel, TikTok's tt_* keys) and the Events API tag on the
// same purchase in other server shapes (nested ecommerce). Both sides must meet on the same
// event_id and value.
import * as path from 'path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { ServerEnvironment, WebEnvironment } from '../../src/sandbox/environment';

const ROOT = path.resolve(__dirname, '../..');
const pixel = loadTemplate(path.join(ROOT, 'templates/tiktok-pixel.tpl'));
const server = loadTemplate(path.join(ROOT, 'templates/tiktok-events-api.tpl'));
const PIXEL_ID = 'C9Q2MJ3C77U4P674RPG0';
const NOW = 1763900000000;

/** Runs the Pixel tag for the last push; returns its ttq.track/page calls. */
async function runPixel(pushes: Record<string, unknown>[], fields: Record<string, unknown> = {}): Promise<unknown[][]> {
  const window: Record<string, unknown> = {};
  const env: WebEnvironment = {
    context: 'WEB', url: 'https://shop.example.com/', window, now: () => NOW, random: () => 0.5,
    dataLayer: ([{ event: 'gtm.js', 'gtm.uniqueEventId': 1 }] as Record<string, unknown>[]).concat(pushes.map((p, i) => ({ ...p, 'gtm.uniqueEventId': i + 2 }))),
    templateStorage: new Map(),
  };
  const result = await runTemplate(pixel, { pixelIds: PIXEL_ID, consentMode: 'none', ...fields }, env);
  expect(result.outcome).toBe('success');
  return (window.ttq as unknown[]).filter((e) => Array.isArray(e) && (e[0] === 'track' || e[0] === 'page' || e[0] === 'identify')) as unknown[][];
}

async function runServer(eventData: Record<string, unknown>): Promise<Record<string, unknown>> {
  const bodies: string[] = [];
  const env: ServerEnvironment = {
    context: 'SERVER', eventData, now: () => NOW, request: { headers: { host: 'sgtm.shop.example.com' } },
    http: (request) => { bodies.push(request.body ?? ''); return { statusCode: 200, headers: {}, body: '{"code":0}' }; },
  };
  const result = await runTemplate(server, { pixelId: PIXEL_ID, accessToken: 'tok_input_shapes_1', consentMode: 'ignore', logType: 'never' }, env);
  expect(result.outcome).toBe('success');
  return JSON.parse(bodies[0]).data[0];
}

const order = { transaction_id: 'T-1001', value: 25, currency: 'EUR', items: [{ item_id: 'A', price: 10, quantity: 2 }] };

test('the templates load', () => {
  expect(pixel.problems).toEqual([]);
  expect(server.problems).toEqual([]);
});

test('a view_item pushed after a purchase without clearing ecommerce goes out without the order', async () => {
  const calls = await runPixel([{ event: 'purchase', ecommerce: order }, { event: 'view_item', ecommerce: { currency: 'EUR', items: [{ item_id: 'B', price: 5 }] } }]);
  expect(calls).toHaveLength(1);
  const [, name, params, options] = calls[0] as [string, string, Record<string, unknown>, Record<string, unknown>];
  expect(name).toBe('ViewContent');
  expect(params.order_id).toBeUndefined();
  expect(params.value).toBe(5);
  expect(options.event_id).toBeUndefined();
});

test('a gtag-style purchase (parameters under eventModel) sends value, contents and the same event_id as the server', async () => {
  // What GTM makes of gtag('event', 'purchase', {...}): the event, with its parameters as eventModel.
  const calls = await runPixel([{ event: 'purchase', eventModel: order }]);
  const [, name, params, options] = calls[0] as [string, string, Record<string, unknown>, Record<string, unknown>];
  expect(name).toBe('Purchase');
  expect(params).toMatchObject({ value: 25, currency: 'EUR', order_id: 'T-1001', content_ids: ['A'] });
  expect(options.event_id).toBe('T-1001_Purchase');
  const sent = await runServer({ event_name: 'purchase', ...order });
  expect(sent.event_id).toBe(options.event_id);
  expect((sent.properties as Record<string, unknown>).value).toBe(params.value);
});

test('a server event with nested ecommerce meets the web purchase: same event_id, the order total', async () => {
  const calls = await runPixel([{ event: 'purchase', ecommerce: { ...order, value: 25 } }]);
  const options = calls[0][3] as Record<string, unknown>;
  const sent = await runServer({ event_name: 'purchase', ecommerce: order });
  expect(sent.event_id).toBe('T-1001_Purchase');
  expect(sent.event_id).toBe(options.event_id);
  expect(sent.properties).toMatchObject({ value: 25, currency: 'EUR', order_id: 'T-1001' });
});

test('TikTok\'s data-layer keys (tt_contents, tt_content_type, tt_external_id) are read', async () => {
  const calls = await runPixel(
    [{ event: 'add_to_cart', tt_contents: [{ content_id: 'C-1', quantity: 2, price: 3 }], tt_content_type: 'product_group', tt_external_id: 'cust-1' }],
    { advancedMatching: true },
  );
  const identify = calls.find((c) => c[0] === 'identify') as unknown[];
  expect(identify[1]).toEqual({ external_id: expect.stringMatching(/^[a-f0-9]{64}$/) });
  const track = calls.find((c) => c[0] === 'track') as unknown[];
  expect(track[2]).toMatchObject({ content_ids: ['C-1'], content_type: 'product_group', value: 6 });
});
