// /_debug in headless Chromium (test/e2e/chromium.ts says which, and when the suite is skipped),
// with the project's server tag (consent "only with ad_storage consent"): a skipped event shows its
// reason, a mock warning and the tag's log show, auto-refresh picks up a new event, Clear empties
// the log, a consent choice changes what the next event sends, Replay sends an event again and
// TikTok's books count it once. Events come from outside the page, as a site would send them.

import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { PIXEL, PROJECT_TAG } from '../server/helpers/tag-setups';
import { launchChromium, listenOnLocalhost, reportMissingChromium, waitFor, withChromium } from './chromium';

reportMissingChromium();

type TrackBody = { data: { event: string; event_id?: string; user: Record<string, unknown> }[] };

(withChromium ? describe : describe.skip)('the debug page in headless Chromium', () => {
  let local: LocalServer;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    const config = normalizeConfig({ tags: [{ ...PROJECT_TAG.tag, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
    local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    base = await listenOnLocalhost(local);
    browser = await launchChromium();
  }, 60000);

  beforeEach(async () => {
    local.debug.clear();
    local.mock.reset();
    page = await browser.newPage();
    await page.goto(`${base}/_debug`);
  }, 30000);

  afterEach(async () => {
    await page?.close();
  }, 30000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => local?.server.close(resolve));
  }, 30000);

  const sendEvent = (event: Record<string, unknown>) => request(local.server).post('/events').set('Content-Type', 'application/json').send(event).expect(200);
  const sendHit = (query: string) => request(local.server).get(`/g/collect?v=2&tid=G-1&cid=1.2&dl=https%3A%2F%2Fshop.example%2Ft&${query}`).expect(204);
  /** The row of the newest entry, once the page's auto-refresh shows `id`. */
  const row = async (id: number) => {
    const locator = page.locator(`#entries tr[data-id="${id}"]`);
    await locator.waitFor({ timeout: 10000 });
    return locator;
  };
  const newestId = () => local.debug.list()[0].id;
  const sentEvents = () => local.mock.accepted().map((entry) => (entry.body as TrackBody).data[0]);

  test('auto-refresh shows a new event; a skipped event shows its reason; mock warnings and the tag\'s log show; Clear empties it', async () => {
    expect(await page.textContent('#entries')).toContain('No events yet.');
    const version = await page.getAttribute('#entries', 'data-version');

    await sendEvent({ event_name: 'view_cart', page_location: 'https://shop.example/cart' });
    const skipped = await row(newestId());
    expect(await page.getAttribute('#entries', 'data-version')).not.toBe(version);
    expect(await skipped.locator('.tag').textContent()).toContain('success, no request');
    expect(await skipped.locator('.reason').textContent()).toMatch(/^Reason: not sent: "view_cart" has no TikTok standard event/);

    await sendEvent({ event_name: 'page_view', page_location: 'https://shop.example/' });
    const warned = await row(newestId());
    expect(await warned.locator('.warnings').textContent()).toContain('data.0.event_id missing (no pixel/server deduplication)');
    expect(await warned.locator('.counting').textContent()).toContain('no event_id: cannot be deduplicated');
    const logTypes = await warned.locator('.logs .logtype').allTextContents();
    expect(logTypes).toEqual(expect.arrayContaining(['Request', 'Response', 'Message']));
    expect(await warned.locator('.logs').textContent()).toMatch(/sent: /);

    await page.click('#clear');
    await page.locator('#entries', { hasText: 'No events yet.' }).waitFor({ timeout: 10000 });
    expect(local.debug.list()).toEqual([]);
    await page.locator('#status', { hasText: 'cleared' }).waitFor({ timeout: 10000 });
  }, 60000);

  test('a consent choice changes what the next event sends; "as sent" restores it', async () => {
    const purchase = (id: string) => `en=purchase&ep.event_id=${id}&cu=EUR&epn.value=5&gcs=G111&gcd=13v3v3v3v5l1&ep.user_data.email=jane.qzvx%40example.com`;
    await sendHit(purchase('K-1'));
    expect(sentEvents()[0].user.email).toBeDefined();

    await page.selectOption('select[data-signal="ad_user_data"]', 'denied');
    await waitFor('ad_user_data forced', () => (local.forcedConsent.ad_user_data === 'denied' ? true : undefined));
    await sendHit(purchase('K-2'));
    const withoutEmail = await waitFor('K-2 at the mock', () => sentEvents().find((event) => event.event_id === 'K-2'));
    expect(withoutEmail.user.email).toBeUndefined();
    const entry = await row(newestId());
    expect(await entry.locator('.notes').textContent()).toContain('consent set on the debug page: ad_user_data denied');

    await page.selectOption('select[data-signal="ad_storage"]', 'denied');
    await waitFor('ad_storage forced', () => (local.forcedConsent.ad_storage === 'denied' ? true : undefined));
    const before = local.mock.log.length;
    await sendHit(purchase('K-3'));
    const blocked = await row(newestId());
    expect(await blocked.locator('.reason').textContent()).toMatch(/ad_storage/);
    expect(local.mock.log.length).toBe(before);

    await page.selectOption('select[data-signal="ad_storage"]', '');
    await page.selectOption('select[data-signal="ad_user_data"]', '');
    await waitFor('consent as sent', () => (Object.keys(local.forcedConsent).length === 0 ? true : undefined));
    await sendHit(purchase('K-4'));
    expect((await waitFor('K-4 at the mock', () => sentEvents().find((event) => event.event_id === 'K-4'))).user.email).toBeDefined();
  }, 60000);

  test('Replay sends the event again; with an event_id, TikTok\'s books count it once', async () => {
    await sendEvent({ event_name: 'purchase', event_id: 'R-7', value: 12, currency: 'EUR', page_location: 'https://shop.example/thanks' });
    const originalId = newestId();
    const original = await row(originalId);
    await original.locator('button.replay').click();
    const replayed = await row(originalId + 1);
    expect(await replayed.textContent()).toContain(`replay of #${originalId}`);
    expect(await replayed.locator('.counting').textContent()).toMatch(/deduplicated Purchase \(event_id R-7\): duplicate of the Events API copy/);
    await page.locator('#status', { hasText: `#${originalId} replayed as #${originalId + 1}` }).waitFor({ timeout: 10000 });
    expect(sentEvents().map((event) => event.event_id)).toEqual(['R-7', 'R-7']);
    const books = (await request(local.server).get('/_mock/tiktok/books').expect(200)).body as { pixels: { pixel: string; counted: unknown[]; copies: { outcome: string }[] }[] };
    expect(books.pixels).toHaveLength(1);
    expect(books.pixels[0].pixel).toBe(PIXEL);
    expect(books.pixels[0].counted).toHaveLength(1);
    expect(books.pixels[0].copies.map((copy) => copy.outcome)).toEqual(['counted', 'deduplicated']);
  }, 60000);
});
