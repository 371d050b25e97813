// The pieces of the simulated browser, each against the rule it models: Safari's cookie caps, the
// Google tag's parameter scopes and hits, TikTok's Pixel stand-in, GTM's event numbering.

import { CookieJar, SAFARI_CAP_MS } from '../../src/journeys/cookies';
import { GoogleTag, type GtagHost } from '../../src/journeys/gtag';
import { PixelLibrary, type PixelPayload } from '../../src/journeys/pixel-library';
import { parseGa4Request } from '../../src/server/ga4';
import { Browser, gtagArguments, type World } from '../../src/journeys/browser';
import { MockTikTok } from '../../src/server/mock-tiktok';
import { ServerContainer } from '../../src/journeys/server-container';
import { customEvent, type WebContainerConfig } from '../../src/journeys/web-container';
import { seededRandom } from '../../src/journeys/values';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY = 24 * 3600 * 1000;

describe('cookie jar', () => {
  test('Safari caps script cookies at 7 days; server cookies keep their lifetime', () => {
    const jar = new CookieJar({ browser: 'safari' });
    jar.setByScript('_ttp', 'script', T0, 396 * 24 * 3600);
    jar.applySetCookieHeader('ttclid=server; Domain=example.com; Path=/; Max-Age=2592000; Secure; SameSite=Lax', T0);
    expect(jar.value('_ttp', T0 + SAFARI_CAP_MS - 1)).toBe('script');
    expect(jar.value('_ttp', T0 + SAFARI_CAP_MS)).toBeUndefined();
    expect(jar.value('ttclid', T0 + 29 * DAY)).toBe('server');
    expect(jar.value('ttclid', T0 + 30 * DAY)).toBeUndefined();
  });

  test('Safari with the server container on a third-party IP: server cookies capped too', () => {
    const jar = new CookieJar({ browser: 'safari', serverIpSameSite: false });
    jar.applySetCookieHeader('ttclid=server; Max-Age=2592000', T0);
    expect(jar.value('ttclid', T0 + 8 * DAY)).toBeUndefined();
  });

  test('Chrome keeps both; HttpOnly cookies are not in document.cookie; Max-Age=0 deletes', () => {
    const jar = new CookieJar({ browser: 'chrome', serverIpSameSite: false });
    jar.setByScript('_ga', 'GA1.1.1.2', T0, 2 * 365 * 24 * 3600);
    jar.applySetCookieHeader('FPID=x; Max-Age=100000000; HttpOnly', T0);
    expect(jar.value('_ga', T0 + 300 * DAY)).toBe('GA1.1.1.2');
    expect(jar.documentCookie(T0)).toBe('_ga=GA1.1.1.2');
    expect(jar.cookieHeader(T0)).toBe('_ga=GA1.1.1.2; FPID=x');
    jar.applySetCookieHeader('_ga=; Max-Age=0', T0);
    expect(jar.value('_ga', T0)).toBeUndefined();
  });
});

function gtagHost(overrides: Partial<GtagHost> = {}): GtagHost & { sent: string[] } {
  const cookies = new Map<string, string>();
  const sent: string[] = [];
  return {
    url: () => 'https://shop.example.com/thanks?q=tee',
    referrer: () => '',
    title: () => 'Thanks',
    now: () => T0,
    random: seededRandom(1),
    consentDefaults: () => ({}),
    consentUpdates: () => ({}),
    readCookie: (name) => cookies.get(name),
    writeScriptCookie: (name, value) => void cookies.set(name, value),
    sendHit: async (_url, query) => void sent.push(query),
    sent,
    ...overrides,
  };
}

describe('Google tag', () => {
  test('precedence: event parameters > the target\'s configuration > set', async () => {
    const host = gtagHost();
    const tag = new GoogleTag(host);
    tag.set({ event_id: 'from-set', currency: 'USD' });
    await tag.config('G-1', { server_container_url: 'https://sgtm.example', event_id: 'from-config', send_page_view: false });
    expect(tag.effectiveParams('G-1', {})).toMatchObject({ event_id: 'from-config', currency: 'USD' });
    expect(tag.effectiveParams('G-1', { event_id: 'own' }).event_id).toBe('own');
    expect(tag.effectiveParams('G-2', {}).event_id).toBe('from-set');
  });

  test('enhanced measurement switched off in the stream sends nothing on history changes or file clicks', async () => {
    const host = gtagHost();
    const tag = new GoogleTag(host);
    await tag.config('G-1', { server_container_url: 'https://sgtm.example', send_page_view: false }, { historyPageViews: false, fileDownloads: false, siteSearch: false });
    await tag.historyChange();
    await tag.linkClick('/files/a.pdf');
    expect(host.sent).toEqual([]);
  });

  test('the configuration is inherited by events without their own id, including enhanced measurement', async () => {
    const host = gtagHost();
    const tag = new GoogleTag(host);
    await tag.config('G-1', { server_container_url: 'https://sgtm.example', event_id: 'page-id' });
    await tag.linkClick('/files/a.pdf');
    await tag.linkClick('/about');
    const events = host.sent.map((query) => parseGa4Request({ queryString: query }).events[0]);
    expect(events.map((event) => [event.event_name, event.event_id])).toEqual([
      ['page_view', 'page-id'], ['view_search_results', 'page-id'], ['file_download', 'page-id'],
    ]);
    expect(events[1].search_term).toBe('tee');
  });

  test('a hit the local GA4 client reads back: items, value, currency, transaction id, consent strings', async () => {
    const host = gtagHost({ url: () => 'https://shop.example.com/thanks', consentDefaults: () => ({ ad_storage: 'denied' }), consentUpdates: () => ({ ad_storage: 'granted' }) });
    const tag = new GoogleTag(host);
    await tag.config('G-1', { server_container_url: 'https://sgtm.example', send_page_view: false });
    await tag.event('purchase', { transaction_id: 'T-1', value: 25, currency: 'EUR', items: [{ item_id: 'A~1', price: 20, quantity: 1 }], user_data: { email: 'a@b.c' } });
    const [event] = parseGa4Request({ queryString: host.sent[0] }).events;
    expect(event).toMatchObject({
      event_name: 'purchase', transaction_id: 'T-1', value: 25, currency: 'EUR', items: [{ item_id: 'A~1', price: 20, quantity: 1 }],
      user_data: { email: 'a@b.c' }, 'x-ga-gcs': 'G11-', 'x-ga-measurement_id': 'G-1', page_location: 'https://shop.example.com/thanks',
    });
    expect(event['x-ga-gcd']).toBe('13r3l3l3l5l1');
  });

  test('events before the Google tag fired wait for its configuration', async () => {
    const host = gtagHost({ url: () => 'https://shop.example.com/' });
    const tag = new GoogleTag(host);
    await tag.event('purchase', { value: 1 });
    expect(host.sent).toEqual([]);
    await tag.config('G-1', { server_container_url: 'https://sgtm.example', send_page_view: false });
    expect(host.sent).toHaveLength(1);
  });
});

describe("TikTok's Pixel stand-in", () => {
  function library(url = 'https://shop.example.com/?ttclid=E.C.P.x') {
    const sent: PixelPayload[] = [];
    const cookies = new Map<string, string>();
    const window: Record<string, unknown> = {};
    const pixel = new PixelLibrary({
      window, url: () => url, now: () => T0, random: seededRandom(2), readCookie: (name) => cookies.get(name),
      writeScriptCookie: (name, value) => void cookies.set(name, value), send: (payload) => void sent.push(payload),
    });
    return { pixel, sent, cookies, window };
  }

  test('replays the stub queue, routes pixel_code, attaches _ttp, ttclid and hashed identify data', () => {
    const { pixel, sent, cookies, window } = library();
    const stub = Object.assign([['identify', { email: ' Jane@Example.com ' }], ['page']] as unknown[], { _i: { P1: [], P2: [] }, _o: {} });
    window.ttq = stub;
    pixel.onScriptLoad('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=P1&lib=ttq');
    (window.ttq as Record<string, (...args: unknown[]) => void>).track('Purchase', { value: 5 }, { event_id: 'e1', pixel_code: 'P2' });
    expect(sent.map((payload) => [payload.pixel_code, payload.event, payload.event_id])).toEqual([['P1', 'Pageview', undefined], ['P2', 'Pageview', undefined], ['P2', 'Purchase', 'e1']]);
    expect(sent[2].user).toEqual({
      email: '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d', // sha256('jane@example.com'): trimmed, lower-cased, hashed
      ttp: cookies.get('_ttp'), ttclid: 'E.C.P.x',
    });
    expect(JSON.stringify(sent)).not.toContain('Jane');
    expect(cookies.get('ttclid')).toBe('E.C.P.x');
  });

  test('holdConsent keeps events and writes no cookie until grantConsent; revokeConsent drops them', () => {
    const { pixel, sent, cookies, window } = library();
    window.ttq = Object.assign([['holdConsent'], ['page', {}, { event_id: 'p1' }]] as unknown[], { _i: { P1: [] } });
    pixel.onScriptLoad('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=P1&lib=ttq');
    expect(sent).toEqual([]);
    expect(cookies.size).toBe(0);
    const ttq = window.ttq as Record<string, (...args: unknown[]) => void>;
    ttq.grantConsent();
    expect(sent.map((payload) => payload.event_id)).toEqual(['p1']);
    ttq.revokeConsent();
    ttq.track('Lead');
    expect(sent).toHaveLength(1);
  });

  test('the history observer sends a Pageview without event_id, unless loaded with historyObserver: false', () => {
    const { pixel, sent, window } = library('https://shop.example.com/');
    window.ttq = Object.assign([] as unknown[], { _i: { P1: [], P2: [] }, _o: { P2: { historyObserver: false } } });
    pixel.onScriptLoad('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=P1&lib=ttq');
    pixel.onHistoryChange();
    expect(sent.map((payload) => [payload.pixel_code, payload.event, payload.event_id])).toEqual([['P1', 'Pageview', undefined]]);
  });
});

describe('GTM on the page', () => {
  function world(web: WebContainerConfig): World & { now: () => number } {
    let now = T0;
    const random = seededRandom(3);
    const mock = new MockTikTok({ now: () => now });
    return { now: () => now, advance: (ms) => void (now += ms), random, mock, web, server: new ServerContainer({ tags: [] }, mock, random) };
  }

  test('every message is numbered in order; gtag events are GTM events with eventModel; tags see the model as of their event', async () => {
    const seen: unknown[] = [];
    const web: WebContainerConfig = {
      variables: { value: { type: 'dataLayer', key: 'ecommerce.value' }, model: { type: 'dataLayer', key: 'eventModel.value' } },
      tags: [{
        type: 'customHtml', name: 'spy', trigger: customEvent(/^(purchase|view_item)$/), fields: { event: '{{Event}}', value: '{{value}}', model: '{{model}}' },
        run: (_page, fields) => void seen.push(fields),
      }],
    };
    const browser = new Browser(world(web));
    await browser.open('/', [{ event: 'view_item', ecommerce: { value: 5 } }, { event: 'purchase', ecommerce: { value: 25 } }, gtagArguments('event', 'purchase', { value: 7 })]);
    expect(seen).toEqual([
      { event: 'view_item', value: 5, model: undefined },
      { event: 'purchase', value: 25, model: undefined },
      { event: 'purchase', value: 25, model: 7 },
    ]);
    expect(browser.firings.map((firing) => firing.gtmEventId)).toEqual([4, 5, 6]);
  });
});
