// A real browser against the local tagging server's demo page: headless Chromium (test/e2e/chromium.ts
// says which, and when the suite is skipped). The page's dataLayer pushes run through our TikTok
// Pixel tag and TikTok Event ID variable in the server's web emulator, with the server tag's Pixel
// ID; the browser posts the Pixel's events to the mock's books and sends GA4 hits to /g/collect.
// Checks that the browser keeps the server-set ttclid cookie and a later page without ttclid still
// sends it, that the Pixel and server copies of an event reach the same pixel with the same
// event_id (and the same email hash), and that buy + reload shows one counted purchase.

import type { BrowserContext, Browser, Page } from 'playwright-core';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import type { PixelPayload } from '../../src/journeys/pixel-library';
import { FIXTURE_TAG, PIXEL, PROJECT_TAG } from '../server/helpers/tag-setups';
import { launchChromium, listenOnLocalhost, reportMissingChromium, waitFor, withChromium } from './chromium';

type TrackBody = { event_source_id: string; data: { event: string; event_id?: string; user: Record<string, unknown> }[] };
interface CountRow { orderId: string | null; eventId: string | null; counted: number; pixel: number; eventsApi: number; merged: number; duplicates: number }
interface DemoReady {
  pageView: { eventId?: string; status: number };
  purchase?: { eventId?: string; orderId: string; status: number };
  counts: CountRow[];
}

reportMissingChromium();

/** What the demo page reports once its pushes, Pixel events and GA4 hits are done. */
function ready(page: Page): Promise<DemoReady> {
  return page.evaluate(() => (window as unknown as { demo: { ready: Promise<DemoReady> } }).demo.ready);
}

(withChromium ? describe.each : describe.skip.each)([FIXTURE_TAG, PROJECT_TAG])('demo page in headless Chromium with $label', ({ tag: TAG, sameSite }) => {
  let local: LocalServer;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  /** Every event the page's Pixel sent to TikTok (the mock's books), as the browser posted it. */
  const pixelSent: PixelPayload[] = [];

  beforeAll(async () => {
    const config = normalizeConfig({ tags: [{ ...TAG, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
    local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    expect([...local.loadErrors.values()]).toEqual([]);
    base = await listenOnLocalhost(local);
    browser = await launchChromium();
    context = await browser.newContext();
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/_mock/tiktok/pixel') pixelSent.push(JSON.parse(request.postData() ?? '{}') as PixelPayload);
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => local?.server.close(resolve));
  }, 30000);

  const serverCopies = () => local.mock.accepted().map((entry) => entry.body as TrackBody);
  const serverCopy = (what: string, match: (event: TrackBody['data'][0]) => boolean) =>
    waitFor(what, () => serverCopies().map((body) => body.data[0]).find(match));

  test('ttclid cookie kept and reused; Pixel and server copies share pixel and event_id; buy + reload shows one counted purchase', async () => {
    const page = await context.newPage();

    // 1. Landing page from an ad click.
    await page.goto(`${base}/demo.html?ttclid=E.C.P.test`);
    const landing = await ready(page);
    expect(landing.pageView.status).toBe(200);
    expect(await page.textContent('#pixel')).toBe(PIXEL);

    const cookie = (await context.cookies(base)).find((c) => c.name === 'ttclid');
    expect(cookie).toBeDefined();
    expect(cookie!.value).toBe('E.C.P.test');
    expect(cookie!.httpOnly).toBe(false);
    expect(cookie!.secure).toBe(true);
    expect(cookie!.sameSite).toBe(sameSite);
    // Lifetime: 30 days from now (Max-Age=2592000), not a session cookie.
    const lifetime = cookie!.expires - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(2592000 - 600);
    expect(lifetime).toBeLessThanOrEqual(2592000 + 5);
    expect(await page.evaluate(() => document.cookie)).toContain('ttclid=E.C.P.test');

    // The page view: the Event ID variable's id on both copies, for the server's pixel.
    expect(landing.pageView.eventId).toMatch(/^\d+\.\d+_\d+$/);
    const landingServer = await serverCopy('the landing page view at the mock', (e) => e.event_id === landing.pageView.eventId);
    expect(landingServer.user.ttclid).toBe('E.C.P.test');
    const landingPixel = pixelSent.find((p) => p.event === 'Pageview' && p.event_id === landing.pageView.eventId);
    expect(landingPixel).toMatchObject({ pixel_code: PIXEL, user: { ttclid: 'E.C.P.test' } });
    expect(serverCopies().every((body) => body.event_source_id === PIXEL)).toBe(true);

    // 2. Buy: the thank-you page pushes the purchase.
    await Promise.all([page.waitForURL(/order=T-\d+/), page.click('#buy')]);
    const thanks = await ready(page);
    const orderId = thanks.purchase!.orderId;
    expect(thanks.purchase!.status).toBe(200);
    expect(thanks.purchase!.eventId).toBe(`${orderId}_Purchase`);
    const serverPurchase = await serverCopy('the purchase at the mock', (e) => e.event === 'Purchase');
    const pixelPurchase = pixelSent.find((p) => p.event === 'Purchase');
    expect(pixelPurchase).toMatchObject({ pixel_code: PIXEL, event_id: thanks.purchase!.eventId });
    expect(serverPurchase.event_id).toBe(pixelPurchase!.event_id);
    expect(serverPurchase.user.ttclid).toBe('E.C.P.test');
    // The Pixel tag hashed the email in the browser's emulator; browser and server agree on the hash.
    expect(pixelPurchase!.user.email).toMatch(/^[0-9a-f]{64}$/);
    expect(([] as unknown[]).concat(serverPurchase.user.email)[0]).toBe(pixelPurchase!.user.email);
    const books = JSON.stringify(local.mock.books.snapshot());
    expect(JSON.stringify(local.mock.log) + JSON.stringify(pixelSent) + books).not.toContain('jane.doe@example.com');
    expect(thanks.counts.find((row) => row.orderId === orderId)).toMatchObject({ counted: 1, pixel: 1, eventsApi: 1, merged: 1 });

    // 3. Reload the thank-you page: both copies arrive again, TikTok still counts one purchase (the
    // second Pixel copy is a duplicate; a server copy within 5 minutes of the first merges into it).
    await page.reload();
    const reloaded = await ready(page);
    expect(reloaded.purchase!.eventId).toBe(thanks.purchase!.eventId);
    expect(reloaded.counts.find((row) => row.orderId === orderId)).toEqual({
      orderId, eventId: thanks.purchase!.eventId, counted: 1, pixel: 2, eventsApi: 2, merged: 2, duplicates: 1, indexes: expect.any(Array),
    });
    expect(local.mock.books.conversions(PIXEL, 'Purchase').count).toBe(1);
    expect(await page.textContent(`#counts tr[data-order="${orderId}"] td.counted-1`)).toBe('1');
    expect(pixelSent.filter((p) => p.event === 'Purchase').map((p) => p.event_id)).toEqual([thanks.purchase!.eventId, thanks.purchase!.eventId]);

    // 4. A later page without ttclid in the URL: the cookie still provides it.
    await page.goto(`${base}/demo.html`);
    const later = await ready(page);
    const laterServer = await serverCopy('the later page view at the mock', (e) => e.event_id === later.pageView.eventId);
    expect(laterServer.event).toBe('Pageview');
    expect(laterServer.user.ttclid).toBe('E.C.P.test');
    expect(pixelSent.find((p) => p.event_id === later.pageView.eventId)).toMatchObject({ pixel_code: PIXEL, event: 'Pageview' });
  }, 60000);

  test('denied consent: the page still loads, the Pixel holds its events, no Events API request is made', async () => {
    const page = await context.newPage();
    const before = { server: local.mock.log.length, pixel: pixelSent.length };
    await page.goto(`${base}/demo.html?consent=denied`);
    const hit = await ready(page);
    expect(hit.pageView.status).toBe(200);
    const entry = await waitFor('the debug entry of the denied hit', () => local.debug.list().find((e) => (e.eventData as { event_id?: string }).event_id === hit.pageView.eventId));
    expect(entry.tags[0].requests).toEqual([]);
    expect(local.mock.log.length).toBe(before.server);
    expect(pixelSent.length).toBe(before.pixel);
    expect(await page.textContent('#log')).toContain('ad_storage denied: events held until consent is granted');
  }, 60000);
});
