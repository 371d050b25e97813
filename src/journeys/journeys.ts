// The shopper journeys. Each is a short script: the containers (Arrange), what the shopper does
// (Act), what really happened (Assert: TikTok must count each real conversion once, with its value).

import { gtagArguments, type Browser } from './browser';
import type { Journey, RealConversion } from './run';
import { TIKTOK_PIXEL_TEMPLATE_FILE, externalTemplate, guideSetup, SHOP_PIXEL } from './setups';
import { customEvent } from './web-container';

const DAY = 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------
// The shop's catalogue and its dataLayer pushes (GA4 e-commerce, Google's recommended shape)

interface Item {
  item_id: string;
  item_name: string;
  price: number;
  quantity: number;
}

interface Order {
  transaction_id: string;
  value: number;
  currency: string;
  shipping: number;
  items: Item[];
}

const TEE: Item = { item_id: 'SKU-TEE', item_name: 'Tee', price: 20, quantity: 1 };
const MUG: Item = { item_id: 'SKU-MUG', item_name: 'Mug', price: 12.5, quantity: 2 };
/** Order totals include shipping: the value is not the item sum. */
const ORDER_1: Order = { transaction_id: 'T-1001', value: 25, currency: 'EUR', shipping: 5, items: [TEE] };
const ORDER_2: Order = { transaction_id: 'T-1002', value: 30, currency: 'EUR', shipping: 5, items: [MUG] };

const CLEAR = { ecommerce: null };
const viewItem = (item: Item) => ({ event: 'view_item', ecommerce: { currency: 'EUR', value: item.price * item.quantity, items: [item] } });
const addToCart = (item: Item) => ({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: item.price * item.quantity, items: [item] } });
const beginCheckout = (order: Order) => ({ event: 'begin_checkout', ecommerce: { currency: order.currency, value: order.value, items: order.items } });
const purchase = (order: Order) => ({ event: 'purchase', ecommerce: { ...order } });
const purchased = (order: Order): RealConversion => ({ event: 'Purchase', value: order.value, currency: order.currency, orderId: order.transaction_id });

/** The usual path from a product page to the thank-you page, each push after clearing `ecommerce`. */
async function buy(browser: Browser, order: Order): Promise<void> {
  const item = order.items[0];
  await browser.open(`/product/${item.item_id.toLowerCase()}`, [CLEAR, viewItem(item)]);
  await browser.push(CLEAR);
  await browser.push(addToCart(item));
  await browser.open('/checkout', [CLEAR, beginCheckout(order)]);
  await browser.open('/thanks', [CLEAR, purchase(order)]);
}

/** Clicks a TikTok ad, views a product, leaves; comes back directly `days` later and buys. */
async function returnsAndBuys(browser: Browser, clickId: string, days: number): Promise<void> {
  await browser.open(`/?ttclid=${clickId}`);
  await browser.open('/product/sku-tee', [CLEAR, viewItem(TEE)]);
  browser.wait(days * DAY);
  await browser.open('/');
  await buy(browser, ORDER_1);
}

const ALL_GRANTED = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' } as const;
const ALL_DENIED = { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' } as const;

// ---------------------------------------------------------------------------------------------

export const JOURNEYS: Journey[] = [
  {
    name: 'ad click → view → cart → checkout → purchase',
    story: 'lands from a TikTok ad (ttclid), buys one order',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.ad-click-1');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
    identity: { clickId: true, browserId: true },
  },
  {
    name: 'thank-you page reloaded',
    story: 'buys, then reloads the thank-you page (the shop pushes the purchase again)',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.reload');
      await buy(browser, ORDER_1);
      await browser.reload();
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'back to the thank-you page',
    story: 'buys, opens the home page, then goes back to the thank-you page (history navigation)',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
      await browser.open('/');
      await browser.back();
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'two purchases in one visit',
    story: 'buys a tee, then a mug, in one visit',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
      await buy(browser, ORDER_2);
    },
    real: [purchased(ORDER_1), purchased(ORDER_2)],
  },
  {
    name: 'ecommerce not cleared',
    story: 'the shop never pushes ecommerce: null; after buying, two product views on the thank-you page (the GA4 tag sends the merged ecommerce, with the order\'s transaction_id)',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/');
      await browser.open('/thanks', [purchase(ORDER_1)]);
      await browser.push(viewItem(TEE));
      await browser.push(viewItem(MUG));
    },
    real: [purchased(ORDER_1), { event: 'ViewContent', value: 20, currency: 'EUR' }, { event: 'ViewContent', value: 25, currency: 'EUR' }],
  },
  {
    name: 'ecommerce not cleared, server only, no Event ID variable',
    story: 'as above with no TikTok JavaScript and no event_id on the GA4 tags: only the order\'s <transaction_id>_<event> ids',
    setup: (choice) => guideSetup(choice, { pixel: 'none', eventTagEventId: false }),
    script: async (browser) => {
      await browser.open('/');
      await browser.open('/thanks', [purchase(ORDER_1)]);
      await browser.push(viewItem(TEE));
      await browser.push(viewItem(MUG));
    },
    real: [purchased(ORDER_1), { event: 'ViewContent', value: 20, currency: 'EUR' }, { event: 'ViewContent', value: 25, currency: 'EUR' }],
  },
  {
    name: 'gtag-style purchase',
    story: "the shop reports with gtag('event', …) (parameters in eventModel); the Google tag sends them",
    setup: (choice) => guideSetup(choice, { ga4EventTag: false }),
    script: async (browser) => {
      await browser.open('/');
      await browser.open('/product/sku-tee', [gtagArguments('event', 'view_item', { currency: 'EUR', value: 20, items: [TEE] })]);
      await browser.open('/thanks', [gtagArguments('event', 'purchase', { ...ORDER_1 })]);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'single-page app, history page views',
    story: 'browses three views of a single-page app (history.pushState)',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/');
      await browser.navigateInApp('/product/sku-tee', [CLEAR, viewItem(TEE)]);
      await browser.navigateInApp('/product/sku-mug', [CLEAR, viewItem(MUG)]);
    },
    real: [{ event: 'Pageview' }, { event: 'Pageview' }, { event: 'Pageview' }],
  },
  {
    name: 'downloads and searches on one page',
    story: 'downloads two files (GA4 enhanced measurement) and searches twice (the shop pushes search) on one help page',
    setup: (choice) => guideSetup(choice, { events: customEvent(/^(view_item|add_to_cart|begin_checkout|purchase|generate_lead|search)$/) }),
    script: async (browser) => {
      await browser.open('/help');
      await browser.click('/files/size-guide.pdf');
      await browser.click('/files/care-guide.pdf');
      await browser.push({ event: 'search', search_term: 'tee' });
      await browser.push({ event: 'search', search_term: 'mug' });
    },
    real: [{ event: 'Download' }, { event: 'Download' }, { event: 'Search' }, { event: 'Search' }],
  },
  {
    name: 'consent denied, then granted mid-visit',
    story: 'arrives with everything denied, accepts the banner on the product page, buys',
    setup: (choice) => guideSetup(choice),
    browser: { consentDefaults: ALL_DENIED },
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.consent');
      await browser.open('/product/sku-tee', [CLEAR, viewItem(TEE)]);
      await browser.answerConsentBanner(ALL_GRANTED);
      await browser.push(CLEAR);
      await browser.push(addToCart(TEE));
      await browser.open('/checkout', [CLEAR, beginCheckout(ORDER_1)]);
      await browser.open('/thanks', [CLEAR, purchase(ORDER_1)]);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'ad blocker (server only)',
    story: "an ad blocker stops TikTok's Pixel script; only the server reports",
    setup: (choice) => guideSetup(choice),
    browser: { adBlocker: true },
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.blocked');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
    identity: { clickId: true },
  },
  {
    name: 'Safari, back 10 days later',
    story: 'clicks an ad on Safari, leaves, comes back directly 10 days later and buys',
    setup: (choice) => guideSetup(choice),
    browser: { browser: 'safari' },
    script: (browser) => returnsAndBuys(browser, 'E.C.P.safari', 10),
    real: [purchased(ORDER_1)],
    identity: { clickId: true, browserId: true },
  },
  {
    name: 'Safari, third-party server IP, back 10 days later',
    story: "as above, but the server container's IP is not the shop's: Safari caps its cookies at 7 days too",
    setup: (choice) => guideSetup(choice),
    browser: { browser: 'safari', serverIpSameSite: false },
    script: (browser) => returnsAndBuys(browser, 'E.C.P.safari-ip', 10),
    real: [purchased(ORDER_1)],
    identity: { clickId: false },
  },
  {
    name: 'lead form',
    story: 'sends the contact form with an email address (advanced matching on both sides)',
    setup: (choice) => guideSetup(choice, { advancedMatching: true }),
    script: async (browser) => {
      await browser.open('/contact?ttclid=E.C.P.lead');
      await browser.push({ event: 'generate_lead', form_id: 'contact', user_data: { email: 'Jane.Doe@Example.com' } });
    },
    real: [{ event: 'Lead' }],
    identity: { clickId: true, matchKeys: ['email'] },
  },
  {
    name: 'Pixel ID typed in lower case',
    story: 'the Pixel ID is typed in lower case in both tags',
    setup: (choice) => guideSetup(choice, { pixelSettings: { pixelId: SHOP_PIXEL.toLowerCase() }, serverSettings: { pixelId: SHOP_PIXEL.toLowerCase() } }),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'legacy names on the Pixel side (base code)',
    story: "TikTok's base code and a ttq.track('CompletePayment') Custom HTML tag beside our server tag",
    // The server tag's TikTok event names have no default: its help says TikTok's base code with
    // ttq.track('CompletePayment') needs Legacy, and so does the Event ID variable.
    setup: (choice) => guideSetup(choice, { pixel: 'baseCodeCustomHtml', serverSettings: { nameSet: 'legacy' } }),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: "legacy names on the Pixel side (TikTok's template)",
    story: "TikTok's own Pixel template kept beside our server tag",
    // As above: the server tag's help says TikTok's Pixel template needs Legacy names.
    setup: (choice) => guideSetup({ ...choice, pixelTag: externalTemplate(TIKTOK_PIXEL_TEMPLATE_FILE)! }, { serverSettings: { nameSet: 'legacy' } }),
    unavailable: () =>
      externalTemplate(TIKTOK_PIXEL_TEMPLATE_FILE)
        ? undefined
        : `needs TikTok's Pixel template: set GTM_EXTERNAL_TEMPLATES to a folder holding ${TIKTOK_PIXEL_TEMPLATE_FILE}`,
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'server event with nested ecommerce',
    story: 'a data tag sends the dataLayer event as event data (ecommerce nested); the Pixel uses transaction_id',
    setup: (choice) => guideSetup(choice, { dataTag: true, pixelSettings: { eventId: '' } }),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
  },
  {
    name: 'server only, back 30 days later',
    story: 'no TikTok JavaScript: _ttp made on the server, ttclid kept from the landing URL; buys 30 days later',
    setup: (choice) => guideSetup(choice, { pixel: 'none', serverSettings: { generateTtp: true } }),
    script: (browser) => returnsAndBuys(browser, 'E.C.P.server-only', 30),
    real: [purchased(ORDER_1)],
    identity: { browserId: true },
  },
  {
    name: 'email at checkout, back a week later',
    story: 'gives an email at checkout (advanced matching on both sides), buys; comes back a week later and buys again without typing it',
    setup: (choice) => guideSetup(choice, { advancedMatching: true }),
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.returning');
      await browser.open('/product/sku-tee', [CLEAR, viewItem(TEE)]);
      await browser.open('/checkout', [CLEAR, { ...beginCheckout(ORDER_1), user_data: { email: 'Jane.Doe@Example.com' } }]);
      await browser.open('/thanks', [CLEAR, purchase(ORDER_1)]);
      browser.wait(7 * DAY);
      await buy(browser, ORDER_2);
    },
    real: [purchased(ORDER_1), purchased(ORDER_2)],
  },
  {
    name: "the guide's recipe, followed literally",
    story: 'docs/guide/web-setup-and-dedup.md step by step; the shopper buys, reloads the thank-you page, downloads two files',
    setup: (choice) => guideSetup(choice),
    script: async (browser) => {
      await browser.open('/?ttclid=E.C.P.recipe');
      await buy(browser, ORDER_1);
      await browser.reload();
      await browser.open('/help');
      await browser.click('/files/size-guide.pdf');
      await browser.click('/files/care-guide.pdf');
    },
    real: [purchased(ORDER_1), { event: 'Download' }, { event: 'Download' }],
  },
];

// ---------------------------------------------------------------------------------------------
// What the settings the guide advises against cost (`npm run journeys -- --costs`). Each runs the
// guide's containers with one setting changed and must show the problem the guide names.

export const COSTS: Journey[] = [
  {
    name: "event_id in the Google tag's configuration",
    story: 'the Google tag sends page_view with event_id in its configuration; the shopper downloads two files',
    setup: (choice) => guideSetup(choice, { eventIdInGoogleTag: true, googleTagPageView: true }),
    script: async (browser) => {
      await browser.open('/help');
      await browser.click('/files/size-guide.pdf');
      await browser.click('/files/care-guide.pdf');
    },
    real: [{ event: 'Download' }, { event: 'Download' }],
    cost: { setting: "event_id in the Google tag's configuration or shared event settings", shows: /Download: 2 real, 1 counted/ },
  },
  {
    name: "the Google tag's own page_view",
    story: 'the Google tag sends page_view (no event_id) instead of the GA4 page_view tag; two pages',
    setup: (choice) => guideSetup(choice, { googleTagPageView: true }),
    script: async (browser) => {
      await browser.open('/');
      await browser.open('/product/sku-tee');
    },
    real: [{ event: 'Pageview' }, { event: 'Pageview' }],
    cost: { setting: "the Google tag's automatic page_view", shows: /Pageview: 2 real, 4 counted/ },
  },
  {
    name: "the Pixel's automatic history page views",
    story: 'the Pixel tag without "Disable the pixel\'s automatic page views on history changes"; a single-page app',
    setup: (choice) => guideSetup(choice, { pixelHistoryObserver: true }),
    script: async (browser) => {
      await browser.open('/');
      await browser.navigateInApp('/product/sku-tee');
      await browser.navigateInApp('/product/sku-mug');
    },
    real: [{ event: 'Pageview' }, { event: 'Pageview' }, { event: 'Pageview' }],
    cost: { setting: "the Pixel's automatic page views on history changes", shows: /Pageview: 3 real, 5 counted/ },
  },
  {
    name: 'TikTok event names not those of the browser side',
    story: "TikTok's base code sends ttq.track('CompletePayment'); the server tag is set to Current names",
    setup: (choice) => guideSetup(choice, { pixel: 'baseCodeCustomHtml', serverSettings: { nameSet: 'current' } }),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
    },
    real: [purchased(ORDER_1)],
    cost: { setting: 'TikTok event names (Current / Legacy) not what the other side sends', shows: /Purchase: 1 real, 2 counted/ },
  },
  {
    name: "the Event ID variable's purchase option off",
    story: 'the TikTok Event ID variable gives purchases a per-page id; the thank-you page is reloaded',
    setup: (choice) => guideSetup(choice, { eventIdVariableFields: { purchaseTransactionId: false } }),
    script: async (browser) => {
      await browser.open('/');
      await buy(browser, ORDER_1);
      await browser.reload();
    },
    real: [purchased(ORDER_1)],
    cost: { setting: 'Purchases with a transaction_id use <transaction_id>_<TikTok event> (off)', shows: /Purchase: 1 real, 2 counted/ },
  },
  {
    name: 'no event_id on the GA4 event tag',
    story: 'the GA4 event tag without the event_id parameter; the shopper views a product',
    setup: (choice) => guideSetup(choice, { eventTagEventId: false }),
    script: async (browser) => {
      await browser.open('/product/sku-tee', [CLEAR, viewItem(TEE)]);
    },
    real: [{ event: 'ViewContent', value: 20, currency: 'EUR' }],
    cost: { setting: 'the GA4 event tags without event_id', shows: /ViewContent: 1 real, 2 counted/ },
  },
];
