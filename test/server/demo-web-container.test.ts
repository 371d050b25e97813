// The demo page's web container (POST /_demo/push, src/server/web-container.ts): our Pixel tag and
// Event ID variable in the web emulator, with the Pixel ID of the server's tag. The page in a real
// browser is tested in test/e2e/browser.test.ts; here, what one push gives back.

import request from 'supertest';
import { createLocalServer, LocalServer } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import type { PushResult } from '../../src/server/web-container';
import { PIXEL } from './helpers/tag-setups';
import { scriptedEngine } from './helpers/scripted-engine';

jest.setTimeout(60_000);

function server(fields: Record<string, unknown> = { pixelId: ` ${PIXEL.toLowerCase()} `, accessToken: 't' }): LocalServer {
  const engine = scriptedEngine({ 'noop.tpl': () => undefined });
  const config = normalizeConfig({ tags: [{ name: 'Server tag', template: 'noop.tpl', trigger: '*', fields }] }, { baseDir: '/virtual', env: {} });
  return createLocalServer({ config, engine, env: {}, warn: () => undefined });
}

async function push(local: LocalServer, page: string, message: unknown, options: { url?: string; cookie?: string } = {}): Promise<PushResult> {
  const call = request(local.server).post('/_demo/push').set('Content-Type', 'application/json');
  if (options.cookie) call.set('Cookie', options.cookie);
  const answer = await call.send({ page, url: options.url ?? 'http://localhost:8080/demo.html', referrer: '', title: 'Demo', push: message }).expect(200);
  return answer.body as PushResult;
}

const PURCHASE = {
  event: 'purchase',
  ecommerce: { transaction_id: 'T-77', value: 59.9, currency: 'EUR', items: [{ item_id: 'SKU-1', price: 29.95, quantity: 2 }] },
  user_data: { email: 'jane.doe@example.com' },
};

describe('the demo web container', () => {
  test('the Pixel tag runs with the server tag\'s Pixel ID; the page view and its {{TikTok Event ID}} agree', async () => {
    const local = server();
    const result = await push(local, 'page-1', { event: 'gtm.js' }, { url: 'http://localhost:8080/demo.html?ttclid=E.C.P.abc' });
    expect(result).toMatchObject({ gtmEventId: 1, event: 'gtm.js', pixelId: PIXEL });
    expect(result.eventId).toMatch(/^\d+\.\d+_1$/);
    expect(result.tags).toEqual([expect.objectContaining({ tag: 'TikTok Pixel', outcome: 'success' })]);
    expect(result.tags[0].logs.join('\n')).toContain(`Pageview sent to ${PIXEL} (event_id ${result.eventId})`);
    expect(result.pixelEvents).toEqual([
      expect.objectContaining({ pixel_code: PIXEL, event: 'Pageview', event_id: result.eventId, user: expect.objectContaining({ ttclid: 'E.C.P.abc' }) }),
    ]);
    // The Pixel library wrote _ttp (and kept the click id) as script cookies the page sets.
    const ttp = result.cookies.find((cookie) => cookie.name === '_ttp');
    expect(ttp?.value).toMatch(/_\.tt\.1$/);
    expect(result.pixelEvents[0].user.ttp).toBe(ttp?.value);
  });

  test('the browser\'s cookies are the page\'s: an existing _ttp is used, not replaced', async () => {
    const local = server();
    const result = await push(local, 'page-2', { event: 'gtm.js' }, { cookie: '_ttp=KeepMe0123456789ABCDEFGHJK_.tt.1; other=x' });
    expect(result.pixelEvents[0].user.ttp).toBe('KeepMe0123456789ABCDEFGHJK_.tt.1');
    expect(result.cookies.map((cookie) => cookie.name)).not.toContain('_ttp');
  });

  test('a purchase: the order\'s event_id, the same after a reload (a new page load); the email only hashed', async () => {
    const local = server();
    await push(local, 'thanks-1', { event: 'gtm.js' });
    const first = await push(local, 'thanks-1', PURCHASE);
    expect(first).toMatchObject({ gtmEventId: 2, event: 'purchase', eventId: 'T-77_Purchase' });
    expect(first.pixelEvents).toEqual([expect.objectContaining({ event: 'Purchase', event_id: 'T-77_Purchase', properties: expect.objectContaining({ value: 59.9, currency: 'EUR', order_id: 'T-77' }) })]);
    expect(first.pixelEvents[0].user.email).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(first)).not.toContain('jane.doe');
    await push(local, 'thanks-2', { event: 'gtm.js' });
    const reloaded = await push(local, 'thanks-2', PURCHASE);
    expect(reloaded.eventId).toBe('T-77_Purchase');
    expect(reloaded.pixelEvents[0].event_id).toBe('T-77_Purchase');
  });

  test('consent: denied by default, the Pixel holds its events; granted later, it sends them', async () => {
    const local = server();
    const denied = { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
    expect((await push(local, 'c-1', { gtag: ['consent', 'default', denied] })).event).toBeUndefined();
    const held = await push(local, 'c-1', { event: 'gtm.js' });
    expect(held.pixelEvents).toEqual([]);
    expect(held.tags[0].logs.join('\n')).toContain('ad_storage denied: events held until consent is granted');
    const granted = await push(local, 'c-1', { gtag: ['consent', 'update', { ad_storage: 'granted' }] });
    expect(granted.pixelEvents).toEqual([expect.objectContaining({ event: 'Pageview', event_id: held.eventId })]);
    expect(granted.logs.join('\n')).toContain('ad_storage granted');
  });

  test('at most 20 page loads are kept: the oldest is forgotten (it would start again at GTM event 1)', async () => {
    const local = server();
    await push(local, 'first', { event: 'gtm.js' });
    for (let i = 0; i < 20; i++) await push(local, `other-${i}`, { event: 'gtm.js' });
    expect((await push(local, 'first', { event: 'gtm.js' })).gtmEventId).toBe(1);
    expect((await push(local, 'other-19', { event: 'gtm.js' })).gtmEventId).toBe(2);
  });

  test('bad input gets a clear error; a server without a Pixel ID says why the demo cannot run', async () => {
    const local = server();
    const send = (body: unknown) => request(local.server).post('/_demo/push').set('Content-Type', 'application/json').send(JSON.stringify(body));
    const url = 'http://localhost:8080/demo.html';
    expect((await send({ page: 'a b', url, push: { event: 'x' } }).expect(400)).body.error).toMatch(/^page:/);
    expect((await send({ page: 'p', url: 'javascript:alert(1)', push: { event: 'x' } }).expect(400)).body.error).toMatch(/^url:/);
    expect((await send({ page: 'p', url, push: 'purchase' }).expect(400)).body.error).toMatch(/^push:/);
    expect((await send({ page: 'p', url, push: { gtag: 'consent' } }).expect(400)).body.error).toMatch(/^push\.gtag:/);
    let deep: unknown = { event: 'x' };
    for (let i = 0; i < 40; i++) deep = { nested: deep };
    expect((await send({ page: 'p', url, push: deep }).expect(400)).body.error).toMatch(/deeper than 32/);
    await send([]).expect(400);
    // GTM's data model merges pushes key by key and expands dotted keys: a prototype name would
    // reach Object.prototype of the server process.
    for (const push of ['{"__proto__.polluted":1}', '{"a":{"__proto__":{"polluted":1}}}', '{"gtag":["set",{"constructor.prototype.polluted":1}]}']) {
      const answer = await request(local.server).post('/_demo/push').set('Content-Type', 'application/json').send(`{"page":"p","url":"${url}","push":${push}}`).expect(400);
      expect(answer.body.error).toMatch(/prototype member/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await request(local.server).get('/_demo/push').expect(405);
    await request(local.server).post('/_demo/push').set('Content-Type', 'application/json').set('Origin', 'https://evil.example').send({ page: 'p', url, push: {} }).expect(403);

    const withoutPixel = server({ accessToken: 't' });
    expect((await request(withoutPixel.server).post('/_demo/push').set('Content-Type', 'application/json').send({ page: 'p', url, push: { event: 'gtm.js' } }).expect(409)).body.error)
      .toMatch(/pixelId/);
  });
});
