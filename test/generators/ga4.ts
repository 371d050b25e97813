// GA4 event data as it really reaches a server container (and the dataLayer pushes that produce it
// on the page): every GA4 e-commerce event, items with strings/numbers/nulls/nested junk, user_data
// in all its shapes (object/array/"0"-keyed address, lists, pre-hashed values, wrong types),
// Consent Mode strings valid and invalid, cookies present/absent/duplicated/hostile, unicode and very
// long strings. Reference: docs/contracts/ga4-event-data.md.
import fc from 'fast-check';
import { createHash } from 'crypto';
import { PiiToken, piiTokenOf } from './pii';

/** The clock of every generated case (event times are generated around it). */
export const NOW_MS = 1763900000000;
export const NOW_S = Math.floor(NOW_MS / 1000);

export const GA4_ECOMMERCE_EVENTS = [
  'add_payment_info', 'add_shipping_info', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'purchase', 'refund',
  'remove_from_cart', 'select_item', 'select_promotion', 'view_cart', 'view_item', 'view_item_list', 'view_promotion',
];
export const GA4_OTHER_EVENTS = [
  'page_view', 'search', 'view_search_results', 'generate_lead', 'sign_up', 'login', 'file_download', 'contact', 'subscribe',
  'start_trial', 'schedule', 'submit_application', 'application_approval', 'customize_product', 'find_location',
  'user_engagement', 'scroll', 'session_start', 'first_visit', 'form_submit', 'click', 'video_start',
];
/** Names a site sends when it already speaks TikTok (current, legacy, wrong case). */
export const TIKTOK_STYLE_NAMES = ['Purchase', 'CompletePayment', 'ViewContent', 'AddToCart', 'SubmitForm', 'PlaceAnOrder', 'ClickButton', 'Pageview', 'purchase ', 'PURCHASE', 'addtocart'];

// ------------------------------------------------------------------------------------ primitives

/** Strings that break naive code: unicode, control and header-breaking characters, lone surrogates. */
export const hostileString = fc.constantFrom(
  '', ' ', '\u0000', '\r\n', 'a;b', 'a=b; Domain=evil.example', '"quoted"', '\\', '\u2028\u2029', '\ud800', '\udfff',
  '💥🔥', 'ﾃｽﾄ', 'e\u0301', '%E0%A4%A', '%0d%0aSet-Cookie:%20x=1', '<script>alert(1)</script>', 'null', 'undefined', 'NaN',
  '0', '-1', '1e309', '__proto__', 'constructor', 'toString', '{{var}}', '${x}', 'E.C.P.', '.', '..', '/', '?',
);

export const longString = fc.oneof(
  fc.string({ minLength: 300, maxLength: 1200 }),
  fc.constantFrom(1000, 4000, 12000).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'grapheme', minLength: 50, maxLength: 300 }),
);

export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: longString },
);

/** Any JSON-shaped value (what event data is made of), shallow. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(anyString, { maxLength: 3 }) },
);

const numberish = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: 0, max: 9999, noNaN: true }).map((n) => Math.round(n * 100) / 100),
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n / 100)),
  fc.constantFrom('10,50', '1.234,56', ' 7 ', '', '-3', '0', 'abc', '1e3'),
  fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, 1e21, -0),
);

const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'eur', 'usd ', 'XXX', 'BTC', '€', '', 'Euro'];
export const currency = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CURRENCIES) }, { weight: 1, arbitrary: junk });

// ------------------------------------------------------------------------------------------ items

const ITEM_KEYS = [
  'item_id', 'item_name', 'affiliation', 'coupon', 'discount', 'index', 'item_brand', 'item_category', 'item_category2',
  'item_category3', 'item_category4', 'item_category5', 'item_list_id', 'item_list_name', 'item_variant', 'location_id',
  'price', 'quantity', 'promotion_id', 'promotion_name', 'creative_name', 'creative_slot', 'id', 'content_id', 'size',
];

export const realisticItem = fc.record(
  {
    item_id: fc.oneof(fc.constantFrom('SKU-1', 'SKU_2', 'A', '12345'), fc.integer({ min: 0, max: 99999 }), anyString),
    item_name: fc.oneof(fc.constantFrom('Tee', 'Shoes 👟', 'Café crème'), anyString),
    item_brand: fc.constantFrom('Acme', 'Ünïcode'),
    item_category: fc.constantFrom('Apparel', 'Shoes'),
    item_variant: fc.constantFrom('green', 'XL'),
    price: numberish,
    quantity: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.constantFrom('2', '1.5', '', 'many', 0)),
    discount: numberish,
    index: fc.integer({ min: 0, max: 50 }),
    coupon: anyString,
  },
  { requiredKeys: [] },
);

const junkItem = fc.oneof(
  fc.dictionary(fc.constantFrom(...ITEM_KEYS), junk, { maxKeys: 6 }),
  junk,
  fc.constant(null),
);

const itemList = fc.array(fc.oneof({ weight: 4, arbitrary: realisticItem }, { weight: 1, arbitrary: junkItem }), { maxLength: 6 });

/** Items as arrays, "0"-keyed objects, JSON strings, one huge list, or junk. */
export const items: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: itemList },
  { weight: 1, arbitrary: itemList.map((list) => Object.fromEntries(list.map((item, i) => [String(i), item]))) },
  { weight: 1, arbitrary: itemList.map((list) => JSON.stringify(list)) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 150 }, (_, i) => ({ item_id: 'bulk-' + i, price: i, quantity: 1 }))) },
  { weight: 1, arbitrary: junk },
);

// -------------------------------------------------------------------------------------- user data

export interface UserDataCase {
  value: unknown;
  pii: PiiToken[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function piiValue(kind: keyof typeof piiTokenOf): fc.Arbitrary<UserDataCase> {
  return piiTokenOf[kind].map((token) => ({ value: token.raw, pii: [token] }));
}

/** One, several (list) or no values of a kind, or a wrong type. */
function piiField(kind: keyof typeof piiTokenOf): fc.Arbitrary<UserDataCase> {
  return fc.oneof(
    { weight: 6, arbitrary: piiValue(kind) },
    {
      weight: 2,
      arbitrary: fc.array(piiTokenOf[kind], { minLength: 1, maxLength: 12 }).map((tokens) => ({ value: tokens.map((t) => t.raw), pii: tokens })),
    },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant(''), fc.integer({ min: 0, max: 99 }), fc.constant({})).map((value) => ({ value, pii: [] })) },
  );
}

/** A pre-hashed value (hex, upper-case hex, base64) or a raw value wrongly put into a sha256_ key. */
function hashedField(kind: keyof typeof piiTokenOf): fc.Arbitrary<UserDataCase> {
  return fc.oneof(
    piiTokenOf[kind].map((t) => ({ value: sha256(String(t.raw).trim().toLowerCase()), pii: [] })),
    piiTokenOf[kind].map((t) => ({ value: sha256(String(t.raw)).toUpperCase(), pii: [] })),
    piiTokenOf[kind].map((t) => ({ value: createHash('sha256').update(String(t.raw)).digest('base64url'), pii: [] })),
    piiTokenOf[kind].map((t) => ({ value: t.raw, pii: [t] })),
  );
}

function combine(entries: [string, UserDataCase | undefined][]): UserDataCase {
  const value: Record<string, unknown> = {};
  const pii: PiiToken[] = [];
  for (const [key, entry] of entries) {
    if (!entry) continue;
    value[key] = entry.value;
    pii.push(...entry.pii);
  }
  return { value, pii };
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const address = fc
  .record({
    first_name: maybe(piiField('first_name')),
    last_name: maybe(piiField('last_name')),
    postal_code: maybe(piiField('zip')),
    sha256_first_name: maybe(hashedField('first_name')),
    sha256_last_name: maybe(hashedField('last_name')),
    street: maybe(fc.constant<UserDataCase>({ value: 'Main St 1', pii: [] })),
    city: maybe(fc.constantFrom('Berlin', 'New York', 'São Paulo', '東京').map((value) => ({ value, pii: [] }))),
    region: maybe(fc.constantFrom('BE', 'NY', 'ca').map((value) => ({ value, pii: [] }))),
    country: maybe(fc.constantFrom('DE', 'us', 'United States', 'GBR', '').map((value) => ({ value, pii: [] }))),
  })
  .map((parts) => combine(Object.entries(parts)));

/** The address as an object (documented), an array (GA4 web tag), a "0"-keyed object, or junk. */
const addressShape: fc.Arbitrary<UserDataCase> = fc.oneof(
  address,
  fc.array(address, { minLength: 1, maxLength: 3 }).map((list) => ({ value: list.map((a) => a.value), pii: list.flatMap((a) => a.pii) })),
  address.map((a) => ({ value: { 0: a.value }, pii: a.pii })),
  junk.map((value) => ({ value, pii: [] })),
);

/** user_data in the GA4 web tag's shape (email, phone_number, address[]) and the documented one. */
export const userData: fc.Arbitrary<UserDataCase> = fc
  .record({
    email: maybe(piiField('email')),
    email_address: maybe(piiField('email')),
    phone_number: maybe(piiField('phone')),
    phone: maybe(piiField('phone')),
    sha256_email_address: maybe(hashedField('email')),
    sha256_phone_number: maybe(hashedField('phone')),
    address: maybe(addressShape),
    _tag_mode: maybe(fc.constantFrom('CODE', 'MANUAL', 'AUTO').map((value) => ({ value, pii: [] }))),
  })
  .map((parts) => combine(Object.entries(parts)));

// ---------------------------------------------------------------------------------------- consent

export type ConsentState = 'granted' | 'denied' | 'unset' | 'unknown';

const GCD_SIGNAL: Record<Exclude<ConsentState, 'unknown'>, string[]> = {
  // base64url digit v: default = (v >> 2) & 3, update = v & 3; 3 granted, 2 denied (docs/contracts/ga4-event-data.md)
  granted: ['t', 'v', 'r', 'n', 'Z'],
  denied: ['p', 'q', 'u', 'm'],
  unset: ['l', 'R'],
};
const GCS_SIGNAL = { granted: '1', denied: '0', unset: '-' };

export interface ConsentCase {
  /** Keys to merge into event data. */
  keys: Record<string, unknown>;
  /** What ad_storage is, by the protocol, when every source present agrees; 'unknown' otherwise. */
  adStorage: ConsentState;
  adUserData: ConsentState;
}

const definiteState = fc.constantFrom<Exclude<ConsentState, 'unknown'>>('granted', 'denied', 'unset');

function gcd(ad: Exclude<ConsentState, 'unknown'>, userData: Exclude<ConsentState, 'unknown'>, long: boolean, pick: number): string {
  const sig = (state: Exclude<ConsentState, 'unknown'>) => GCD_SIGNAL[state][pick % GCD_SIGNAL[state].length];
  const core = '13' + sig(ad) + '3' + 't' + '3' + sig(userData) + '3' + 't';
  return long ? core + '5l1' : core + '1';
}

/** Consistent signals (a known state), or invalid/contradictory strings (state unknown). */
export const consent: fc.Arbitrary<ConsentCase> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ keys: {}, adStorage: 'unset' as ConsentState, adUserData: 'unset' as ConsentState }) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        ad: definiteState,
        userData: definiteState,
        useGcs: fc.boolean(),
        useGcd: fc.boolean(),
        gcdKey: fc.constantFrom('x-ga-gcd', 'x-ga-mp2-gcd'),
        useState: fc.boolean(),
        long: fc.boolean(),
        pick: fc.nat(10),
        analytics: fc.constantFrom('0', '1', '-'),
      })
      .map(({ ad, userData, useGcs, useGcd, gcdKey, useState, long, pick, analytics }) => {
        const keys: Record<string, unknown> = {};
        // gcs carries ad_storage only: with it alone, ad_user_data stays unset.
        if (useGcs) keys['x-ga-gcs'] = 'G1' + GCS_SIGNAL[ad] + analytics;
        if (useGcd) keys[gcdKey] = gcd(ad, userData, long, pick);
        if (useState) {
          const state: Record<string, string> = {};
          if (ad !== 'unset') state.ad_storage = ad;
          if (userData !== 'unset') state.ad_user_data = userData;
          keys.consent_state = state;
        }
        const adUserData = useGcd || useState ? userData : 'unset';
        return { keys, adStorage: useGcs || useGcd || useState ? ad : 'unset', adUserData };
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        'x-ga-gcs': maybe(fc.oneof(fc.constantFrom('G1', 'G', 'G1x1', 'g100', 'G10', '', 'G1001'), junk)),
        'x-ga-gcd': maybe(fc.oneof(fc.constantFrom('13', '1', '11l1l1l1', '13!3!3!3!5', '13\u00e93t3t3t5l1'), fc.string({ maxLength: 14 }), junk)),
        consent_state: maybe(fc.oneof(fc.record({ ad_storage: junk, ad_user_data: junk }, { requiredKeys: [] }), junk)),
      }, { requiredKeys: [] })
      .map((keys) => ({ keys: keys as Record<string, unknown>, adStorage: 'unknown' as ConsentState, adUserData: 'unknown' as ConsentState })),
  },
);

// ------------------------------------------------------------------------------- cookies and URLs

const ulid = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('')), minLength: 26, maxLength: 26 });
const validTtp = fc.tuple(ulid, fc.integer({ min: 0, max: 3 })).map(([id, n]) => id + '_.tt.' + n);
const validTtclid = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split('')), minLength: 8, maxLength: 40 }).map((s) => 'E.C.P.' + s);
/** Values that must never reach a Set-Cookie header unchanged. */
export const headerBreaking = fc.constantFrom('a;b', 'x; Domain=evil.example', 'x\r\nSet-Cookie: evil=1', 'x\ny', 'a,b', ' sp ace ', '"q"', 'back\\slash', 'tab\tx', '\u0000', 'ü', '%3B', 'x'.repeat(5000));

export const cookieValue = fc.oneof(
  { weight: 4, arbitrary: validTtp },
  { weight: 1, arbitrary: validTtclid },
  { weight: 2, arbitrary: headerBreaking },
  { weight: 1, arbitrary: anyString },
);

/** Incoming cookies: absent, present, duplicated (several values for one name), hostile. */
export const cookies: fc.Arbitrary<Record<string, string | string[]>> = fc
  .record({
    _ttp: maybe(fc.oneof(cookieValue, fc.array(cookieValue, { minLength: 2, maxLength: 3 }))),
    ttclid: maybe(fc.oneof(validTtclid, headerBreaking, fc.array(fc.oneof(validTtclid, headerBreaking), { minLength: 2, maxLength: 3 }))),
    _ga: maybe(fc.constant('GA1.1.1489074949.1738980312')),
    FPID: maybe(fc.constant('FPID2.2.abc.1738980312')),
  }, { requiredKeys: [] })
  .map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>);

/** ttclid in the page URL: valid, URL-encoded hostile characters, or absent. */
export const ttclidParam = fc.oneof(
  fc.constant(undefined),
  validTtclid,
  fc.constantFrom('E.C.P.abc%3Bdomain%3Devil', 'E.C.P.x%0D%0ASet-Cookie%3A%20a%3D1', 'E.C.P.%E0%A4%A', 'E.C.P.' + 'y'.repeat(3000), '%22quoted%22', 'E.C.P.a%2Cb', 'E.C.P.a%20b'),
);

export const pageLocation = fc
  .record({
    host: fc.constantFrom('shop.example.com', 'www.example.co.uk', 'xn--bcher-kva.example', 'localhost:8080', 'gtm-msr.appspot.com'),
    path: fc.constantFrom('/', '/thanks', '/p/caf%C3%A9', '/a b', ''),
    ttclid: ttclidParam,
    extra: fc.constantFrom('', '&utm_source=tiktok', '&a=%', '#frag'),
    scheme: fc.constantFrom('https://', 'https://', 'http://', 'javascript:', ''),
  })
  .map(({ host, path, ttclid, extra, scheme }) => scheme + host + path + (ttclid !== undefined ? '?ttclid=' + ttclid : '?q=1') + extra);

// ------------------------------------------------------------------------------------------ events

export interface Ga4Case {
  eventData: Record<string, unknown>;
  /** Raw personal data placed into the event (user_data, user_id, email...). */
  pii: PiiToken[];
  consent: ConsentCase;
  cookies: Record<string, string | string[]>;
  /** Headers of the incoming request (user agent, trace id, client hints). */
  headers: Record<string, string>;
}

export const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GA4_ECOMMERCE_EVENTS) },
  { weight: 5, arbitrary: fc.constantFrom(...GA4_OTHER_EVENTS) },
  { weight: 1, arbitrary: fc.constantFrom(...TIKTOK_STYLE_NAMES) },
  { weight: 1, arbitrary: anyString },
  { weight: 1, arbitrary: junk },
);

/** event_time as seconds, milliseconds or microseconds within the last 6 days, older than 7 days, or junk. */
export const eventTime = fc.oneof(
  fc.integer({ min: NOW_S - 6 * 86400, max: NOW_S }),
  fc.integer({ min: NOW_S - 90 * 86400, max: NOW_S - 7 * 86400 - 60 }),
  fc.integer({ min: NOW_S - 6 * 86400, max: NOW_S }).map((s) => s * 1000),
  fc.integer({ min: NOW_S - 6 * 86400, max: NOW_S }).map((s) => String(s * 1000000)),
  fc.constantFrom('yesterday', '', null, -1, 0, NOW_S + 3600 * 24 * 400),
);

const clientHints = fc.oneof(
  fc.constant({
    architecture: 'arm', bitness: '64', mobile: false, model: '', platform: 'macOS', platform_version: '15.3.0', wow64: false,
    full_version_list: [{ brand: 'Chromium', version: '132.0.6834.160' }, { brand: 'Google Chrome', version: '132.0.6834.160' }],
    brands: [{ brand: 'Chromium', version: '132' }],
  }),
  fc.constant({ brands: [], mobile: true, platform: '"Android"' }),
  junk,
);

const eventBody = fc.record(
  {
    value: numberish,
    currency: currency,
    transaction_id: fc.oneof(fc.constantFrom('T-1001', 'ORDER_42'), fc.integer({ min: 1, max: 1e9 }), anyString),
    event_id: fc.oneof(fc.constantFrom('evt-1', '1763900000000.123'), fc.integer(), anyString, junk),
    items: items,
    search_term: anyString,
    tax: numberish,
    shipping: numberish,
    coupon: anyString,
    page_referrer: fc.oneof(fc.constantFrom('https://www.tiktok.com/', 'https://shop.example.com/cart?ttclid=E.C.P.ref1'), anyString),
    page_title: anyString,
    language: fc.constantFrom('en-us', 'de', 'pt-BR', 'zz', ''),
    ip_override: fc.constantFrom('203.0.113.7', '2001:db8::1', '999.1.1.1', 'not an ip', ''),
    user_agent: fc.oneof(fc.constant('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'), anyString),
    client_id: fc.constant('1489074949.1738980312'),
    client_hints: clientHints,
    event_time: eventTime,
    limited_data_use: fc.oneof(fc.boolean(), fc.constantFrom('true', '1', 'no'), junk),
    _ttp: cookieValue,
    ttclid: fc.oneof(validTtclid, headerBreaking),
    test_event_code: fc.constantFrom('TEST12345', 'TEST_FROM_EVENT'),
    ecommerce: fc.record({ items: items, value: numberish, currency: currency }, { requiredKeys: [] }),
    'x-ga-measurement_id': fc.constant('G-ABC123'),
    'x-ga-protocol_version': fc.constant('2'),
    'x-ga-system_properties': fc.constant({ c: '1' }),
    'x-sst-system_properties': fc.constant({ uc: 'DE', request_start_time_ms: NOW_MS }),
    event_location: fc.constant({ country: 'DE', region: 'BE' }),
    extra_param: junk,
  },
  { requiredKeys: [] },
);

const topLevelPii = fc.record(
  {
    user_id: maybe(piiTokenOf.external_id.map((t) => ({ value: t.raw, pii: [t] }))),
    external_id: maybe(piiTokenOf.external_id.map((t) => ({ value: t.raw, pii: [t] }))),
    email: maybe(piiTokenOf.email.map((t) => ({ value: t.raw, pii: [t] }))),
    phone: maybe(piiTokenOf.phone.map((t) => ({ value: t.raw, pii: [t] }))),
  },
  { requiredKeys: [] },
);

/** One GA4 event with its incoming request context. */
export const ga4Case: fc.Arbitrary<Ga4Case> = fc
  .record({
    name: eventName,
    hasName: fc.oneof({ weight: 20, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    body: eventBody,
    location: maybe(pageLocation),
    user: fc.oneof({ weight: 4, arbitrary: userData }, { weight: 1, arbitrary: junk.map((value) => ({ value, pii: [] as PiiToken[] })) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    top: topLevelPii,
    consent,
    cookies,
    ua: fc.constantFrom('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', 'curl/8.0', ''),
  })
  .map(({ name, hasName, body, location, user, top, consent: consentCase, cookies: cookieJar, ua }) => {
    const eventData: Record<string, unknown> = { ...body, ...consentCase.keys };
    if (hasName) eventData.event_name = name;
    if (location !== undefined) eventData.page_location = location;
    const pii: PiiToken[] = [];
    if (user !== undefined) {
      eventData.user_data = user.value;
      pii.push(...user.pii);
    }
    for (const [key, entry] of Object.entries(top)) {
      if (!entry) continue;
      eventData[key] = entry.value;
      pii.push(...entry.pii);
    }
    const headers: Record<string, string> = { 'user-agent': ua, 'trace-id': 'trace-1', host: 'sgtm.shop.example.com' };
    return { eventData, pii, consent: consentCase, cookies: cookieJar, headers };
  });

/** The dataLayer push a GA4 event tag would have been fired by (web templates read these). */
export function toDataLayerPush(ga4: Ga4Case): Record<string, unknown> {
  const e = ga4.eventData;
  const push: Record<string, unknown> = { event: e.event_name };
  const ecommerce: Record<string, unknown> = {};
  for (const key of ['items', 'value', 'currency', 'transaction_id', 'tax', 'shipping', 'coupon']) if (key in e) ecommerce[key] = e[key];
  push.ecommerce = ecommerce;
  for (const key of ['user_data', 'search_term', 'event_id', 'user_id']) if (key in e) push[key] = e[key];
  return push;
}

/** Web consent state from a case: ad_storage / ad_user_data as the page's consent mode knows them. */
export function toWebConsent(ga4: Ga4Case): Record<string, 'granted' | 'denied'> {
  const out: Record<string, 'granted' | 'denied'> = {};
  if (ga4.consent.adStorage === 'granted' || ga4.consent.adStorage === 'denied') out.ad_storage = ga4.consent.adStorage;
  if (ga4.consent.adUserData === 'granted' || ga4.consent.adUserData === 'denied') out.ad_user_data = ga4.consent.adUserData;
  return out;
}

/** A seeded corpus (same seed → same events), for the bench and regression runs. */
export function sampleCorpus(count: number, seed: number): Ga4Case[] {
  return fc.sample(ga4Case, { numRuns: count, seed });
}
