// A real browser against the local tagging server: headless Chromium (Debian package, never a
// downloaded build) opens the demo page, which sends GA4 v2 hits to /g/collect and calls a local
// fake of the TikTok Pixel. Checks that the browser keeps the server-set ttclid cookie, that a later
// page view without ttclid still sends it, and that event_id matches between Pixel and server.
// Without a Chromium the suite is skipped and says how to enable it (install Debian's `chromium`
// or point CHROMIUM_PATH at an executable); with REQUIRE_BROWSER=1 (set by .ci/run, which installs
// Chromium) a missing browser is a failure instead. SKIP_BROWSER_TESTS=1 skips it on purpose.

import * as fs from 'fs';
import type { AddressInfo } from 'net';
import { chromium, Browser, BrowserContext } from 'playwright-core';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { FIXTURE_TAG, PROJECT_TAG } from '../server/helpers/tag-setups';

/** Where a Debian or Ubuntu package puts Chromium; CHROMIUM_PATH overrides (and is then the only candidate). */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const browserRequired = process.env.REQUIRE_BROWSER === '1';
/** An explicit skip; REQUIRE_BROWSER=1 (CI) overrides it. */
const skipRequested = process.env.SKIP_BROWSER_TESTS === '1' && !browserRequired;
const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CHROMIUM_CANDIDATES;
const CHROMIUM = candidates.find((file) => fs.existsSync(file));
const HOW_TO_ENABLE = `install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable`;

type TrackBody = { data: { event: string; event_id?: string; user: Record<string, unknown> }[] };
type PixelCall = { method: string; args: unknown[]; page: string };

async function waitFor<T>(what: string, probe: () => T | undefined, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

if (!CHROMIUM && !skipRequested) {
  const reason = `no Chromium found (looked for ${candidates.join(', ')}): ${HOW_TO_ENABLE}`;
  if (browserRequired) {
    test('Chromium is installed for the browser test (REQUIRE_BROWSER=1)', () => {
      throw new Error(`REQUIRE_BROWSER=1 but ${reason}.`);
    });
  } else {
    console.info(`Browser suite skipped: ${reason}. Set REQUIRE_BROWSER=1 to make a missing browser fail.`);
    test.skip(`browser suite skipped: ${reason}`, () => undefined);
  }
}

(CHROMIUM && !skipRequested ? describe.each : describe.skip.each)([FIXTURE_TAG, PROJECT_TAG])('demo page in headless Chromium with $label', ({ tag: TAG, sameSite }) => {
  let local: LocalServer;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  beforeAll(async () => {
    const config = normalizeConfig({ tags: [{ ...TAG, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
    local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    expect([...local.loadErrors.values()]).toEqual([]);
    await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
    // `localhost`, not 127.0.0.1: Chromium keeps Secure cookies only on https or http://localhost.
    base = `http://localhost:${(local.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    context = await browser.newContext();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => local?.server.close(resolve));
  });

  test('ttclid cookie kept by the browser, reused on a later page, event_id shared by Pixel and server', async () => {
    const page = await context.newPage();

    // 1. Landing page from an ad click.
    await page.goto(`${base}/demo.html?ttclid=E.C.P.test`);
    const landing = await page.evaluate(() => (window as unknown as { demo: { ready: Promise<{ eventId: string; status: number }> } }).demo.ready);
    expect(landing.status).toBe(200);

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

    const landingPayload = await waitFor('the landing page view at the mock', () =>
      local.mock.accepted().map((e) => (e.body as TrackBody).data[0]).find((e) => e.event_id === landing.eventId),
    );
    expect(landingPayload.user.ttclid).toBe('E.C.P.test');

    // 2. A purchase: Pixel and server must carry the same event_id.
    const purchase = await page.evaluate(() => (window as unknown as { demo: { purchase(): Promise<{ eventId: string; status: number }> } }).demo.purchase());
    const serverEvent = await waitFor('the purchase at the mock', () =>
      local.mock.accepted().map((e) => (e.body as TrackBody).data[0]).find((e) => e.event === 'Purchase'),
    );
    expect(serverEvent.event_id).toBe(purchase.eventId);
    const pixelPurchase = await waitFor('the Pixel purchase call', () =>
      (local.pixelCalls as PixelCall[]).find((call) => call.method === 'track' && call.args[0] === 'Purchase'),
    );
    expect((pixelPurchase.args[2] as { event_id: string }).event_id).toBe(serverEvent.event_id);
    expect(serverEvent.user.ttclid).toBe('E.C.P.test');
    expect(JSON.stringify(local.mock.log)).not.toContain('jane.doe@example.com');
    // The fake Pixel hashes identify() data in the browser, as the real one does.
    const identify = await waitFor('the Pixel identify call', () => (local.pixelCalls as PixelCall[]).find((call) => call.method === 'identify'));
    expect((identify.args[0] as { email: string }).email).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(local.pixelCalls)).not.toContain('jane.doe@example.com');
    // Browser and server hash the same normalized email to the same value (match keys agree).
    expect(([] as unknown[]).concat(serverEvent.user.email)[0]).toBe((identify.args[0] as { email: string }).email);

    // 3. A later page view without ttclid in the URL: the cookie still provides it.
    await page.goto(`${base}/demo.html`);
    const later = await page.evaluate(() => (window as unknown as { demo: { ready: Promise<{ eventId: string; status: number }> } }).demo.ready);
    const laterPayload = await waitFor('the later page view at the mock', () =>
      local.mock.accepted().map((e) => (e.body as TrackBody).data[0]).find((e) => e.event_id === later.eventId),
    );
    expect(laterPayload.event).toBe('Pageview');
    expect(laterPayload.user.ttclid).toBe('E.C.P.test');
    const pixelPageView = (local.pixelCalls as PixelCall[]).find((call) => call.method === 'track' && (call.args[2] as { event_id?: string })?.event_id === later.eventId);
    expect(pixelPageView).toBeDefined();
  }, 60000);

  test('denied consent: the page still loads, no Events API request is made', async () => {
    const page = await context.newPage();
    const before = local.mock.log.length;
    await page.goto(`${base}/demo.html?consent=denied`);
    const hit = await page.evaluate(() => (window as unknown as { demo: { ready: Promise<{ eventId: string; status: number }> } }).demo.ready);
    expect(hit.status).toBe(200);
    const entry = await waitFor('the debug entry of the denied hit', () => local.debug.list().find((e) => (e.eventData as { event_id?: string }).event_id === hit.eventId));
    expect(entry.tags[0].requests).toEqual([]);
    expect(local.mock.log.length).toBe(before);
  }, 60000);
});
