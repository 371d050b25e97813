// Parity of the TikTok server variables with the TikTok Events API tag: for the same event (event
// data, cookies, consent signals) and the same field settings, each variable must return exactly what
// the tag puts into its request (user.ttclid, user.ttp, and the rest of user), and the TikTok Cookie
// Keeper tag must write the same Set-Cookie headers. All run through the emulator with the real
// sandbox APIs and permissions enforced, so a permission the variables lack, or
// a core step they skip, shows up here.
import fc from 'fast-check';
import * as path from 'path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { RunResult, ServerEnvironment } from '../../src/sandbox/environment';

const ROOT = path.join(__dirname, '../..');
const tag = loadTemplate(path.join(ROOT, 'templates/tiktok-events-api.tpl'));
const clickId = loadTemplate(path.join(ROOT, 'templates/tiktok-click-id.tpl'));
const browserId = loadTemplate(path.join(ROOT, 'templates/tiktok-browser-id.tpl'));
const userData = loadTemplate(path.join(ROOT, 'templates/tiktok-user-data.tpl'));
const keeper = loadTemplate(path.join(ROOT, 'templates/tiktok-cookie-keeper.tpl'));

const NOW = 1763900000000;
const TAG_FIELDS = { pixelId: 'C9Q2MJ3C77U4P674RPG0', accessToken: 'tok_secret_1234567890', logType: 'never' };

type EventData = Record<string, unknown>;
type Cookies = Record<string, string | string[]>;
type Fields = Record<string, unknown>;

function environment(eventData: EventData, cookies: Cookies): ServerEnvironment {
  return {
    context: 'SERVER',
    eventData,
    cookies,
    now: () => NOW,
    random: () => 0.5,
    http: () => ({ statusCode: 200, headers: {}, body: '{"code":0,"message":"OK"}' }),
    request: { headers: { host: 'sgtm.shop.example.com' } },
  };
}

async function value(result: Promise<RunResult>): Promise<unknown> {
  const r = await result;
  if (r.outcome !== 'success') throw new Error('variable run ' + r.outcome + ': ' + (r.message ?? ''));
  return r.returnValue;
}

interface Observed {
  /** The tag's user object, or undefined when the tag sent nothing. */
  tagUser?: Record<string, unknown>;
  ttclid: unknown;
  ttp: unknown;
  user: unknown;
  /** Set-Cookie headers of the tag and of the Cookie Keeper tag. */
  tagCookies: string[];
  keeperCookies: string[];
}

async function observe(eventData: EventData, cookies: Cookies, fields: Fields): Promise<Observed> {
  const tagRun = await runTemplate(tag, { ...TAG_FIELDS, ...fields }, environment(eventData, cookies));
  expect(tagRun.outcome).toBe('success');
  const request = tagRun.record.requests[0];
  const tagUser = request ? JSON.parse(request.request.body || '{}').data[0].user : undefined;
  const keeperRun = await runTemplate(keeper, fields, environment(eventData, cookies));
  expect(keeperRun.outcome).toBe('success');
  return {
    tagUser,
    tagCookies: tagRun.record.cookiesSet.map((c) => c.header),
    keeperCookies: keeperRun.record.cookiesSet.map((c) => c.header),
    ttclid: await value(runTemplate(clickId, fields, environment(eventData, cookies))),
    ttp: await value(runTemplate(browserId, fields, environment(eventData, cookies))),
    user: await value(runTemplate(userData, fields, environment(eventData, cookies))),
  };
}

/** The tag's user object without the two identifiers that have their own variables. */
function personalPart(user: Record<string, unknown>): Record<string, unknown> | undefined {
  const rest: Record<string, unknown> = { ...user };
  delete rest.ttp;
  delete rest.ttclid;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function expectParity(o: Observed): void {
  expect(o.keeperCookies).toEqual(o.tagCookies);
  if (o.tagUser === undefined) {
    // The tag sent nothing (only with ad_storage consent, denied): the variables give nothing either.
    expect([o.ttclid, o.ttp, o.user]).toEqual([undefined, undefined, undefined]);
    return;
  }
  expect(o.ttclid).toBe(o.tagUser.ttclid);
  expect(o.ttp).toBe(o.tagUser.ttp);
  expect(o.user).toEqual(personalPart(o.tagUser));
}

// ----------------------------------------------------------------------------------- corpus

const BASE: EventData = {
  event_name: 'purchase', currency: 'EUR', value: 59.9, transaction_id: 'T-1001',
  items: [{ item_id: 'SKU-1', price: 24.95, quantity: 2 }],
  page_location: 'https://shop.example.com/thanks', client_id: '1489074949.1738980312',
  user_agent: 'Mozilla/5.0 test', ip_override: '203.0.113.7', language: 'de-de',
};

const EVENTS: { name: string; data: EventData }[] = [
  { name: 'plain page view', data: { ...BASE, event_name: 'page_view' } },
  { name: 'ttclid in the URL, encoded', data: { ...BASE, page_location: 'https://shop.example.com/l?ttclid=E.C.P.Ab%2Bc%3D_-x&utm=1' } },
  { name: 'ttclid in a same-host referrer', data: { ...BASE, page_referrer: 'https://shop.example.com/l?ttclid=E.C.P.ref' } },
  { name: 'ttclid in a cross-site referrer', data: { ...BASE, page_referrer: 'https://evil.example.net/?ttclid=E.C.P.foreign' } },
  { name: 'ttclid and _ttp in event data', data: { ...BASE, ttclid: 'E.C.P.ev', _ttp: 'ev-ttp_.tt.1' } },
  { name: 'forwarded common_cookie', data: { ...BASE, common_cookie: { ttclid: 'E.C.P.common', _ttp: 'common-ttp' } } },
  { name: 'unsafe URL ttclid, ttp key', data: { ...BASE, page_location: 'https://shop.example.com/?ttclid=E.C.P.a%3Bb', ttp: 'ttp-key' } },
  { name: 'malformed percent-encoding', data: { ...BASE, page_location: 'https://shop.example.com/?ttclid=E.C.P.%E0%A4%A' } },
  { name: 'non-http page URL', data: { ...BASE, page_location: 'android-app://x/?ttclid=E.C.P.app', page_referrer: 12 } },
  {
    name: 'GA4 client user_data', data: {
      ...BASE, user_id: 'cust-7',
      user_data: { email: ' Jane@Example.com ', phone_number: '+49 151 1234 5678', address: [{ first_name: 'Jane', last_name: 'Doe', postal_code: 'SW1A 1AA', city: 'London', region: 'Greater London', country: 'GB' }] },
    },
  },
  {
    name: 'documented user_data, hashed and multiple values', data: {
      ...BASE, user_id: 42,
      user_data: { email_address: ['a@x.org', 'A@x.org ', 'b@x.org'], sha256_phone_number: 'A'.repeat(64), address: { '0': { sha256_first_name: 'b'.repeat(64), postal_code: 10115, country: 'de' } } },
    },
  },
  { name: 'top-level email and national phone', data: { ...BASE, email: 'Top@Level.com', phone: '0151 12345678', external_id: 'ext-1' } },
  { name: 'garbage user data', data: { ...BASE, user_data: { email: 'nope', phone_number: 'call me', address: 'x' }, user_id: { a: 1 }, ip_override: 'bad ip', language: ['en'] } },
  { name: 'consent_state denies ad_user_data', data: { ...BASE, user_data: { email: 'jane@example.com' }, consent_state: { ad_storage: true, ad_user_data: false } } },
];

const CONSENT: { name: string; data: EventData }[] = [
  { name: 'no signal', data: {} },
  { name: 'all granted', data: { 'x-ga-gcs': 'G111', 'x-ga-gcd': '13t3t3t3t5l1' } },
  { name: 'ad_storage denied', data: { 'x-ga-gcs': 'G100', 'x-ga-gcd': '13p3p3t3t5l1' } },
  { name: 'ad_user_data denied', data: { 'x-ga-gcs': 'G111', 'x-ga-gcd': '13t3t3p3t5l1' } },
];

const COOKIES: { name: string; cookies: Cookies }[] = [
  { name: 'none', cookies: {} },
  { name: 'both', cookies: { ttclid: 'E.C.P.cookie', _ttp: '01K0T8BYGJH63785W68YS5NN1R_.tt.1' } },
  { name: 'several _ttp, first empty', cookies: { _ttp: ['', '2qiE7JPwDkC2MaI1iZOU36KXmpz.tt.1', 'later'] } },
  { name: 'unsafe cookie values', cookies: { ttclid: 'E.C.P. spaced', _ttp: ['a"b', 'good_.tt.1'] } },
];

const SETTINGS: { name: string; fields: Fields }[] = [
  { name: 'defaults', fields: {} },
  { name: 'ignore consent', fields: { consentMode: 'ignore' } },
  { name: 'only with ad_storage', fields: { consentMode: 'require_ad_storage' } },
  { name: 'unknown as denied', fields: { consentUnknownAs: 'denied' } },
  { name: 'overrides granted', fields: { adStorageConsent: 'granted', adUserDataConsent: true } },
  { name: 'cookie settings', fields: { ttclidDays: '7', ttpDays: 90, cookieDomain: 'example.com', cookieSameSite: 'Strict' } },
  { name: 'cookies off', fields: { persistTtclid: false, refreshTtp: false } },
  {
    name: 'user fields', fields: {
      userEmail: 'Field@Example.com', userPhone: '+1 (213) 373-4253', userExternalId: 'CRM-1', userIdAsExternalId: false,
      defaultCountryCode: '49', userCountry: 'FR', userIp: '198.51.100.1', userAgent: 'UA field', userLocale: 'fr_fr',
    },
  },
];

describe('server variables return what the Events API tag sends', () => {
  for (const event of EVENTS) {
    describe(event.name, () => {
      for (const consent of CONSENT) {
        test.each(SETTINGS.flatMap((s) => COOKIES.map((c) => [s.name + ', cookies: ' + c.name, s, c] as const)))(
          consent.name + ', %s',
          async (_label, settings, cookies) => {
            expectParity(await observe({ ...event.data, ...consent.data }, cookies.cookies, settings.fields));
          },
        );
      }
    });
  }
});

describe('the corpus exercises every source (the parity checks above are not vacuous)', () => {
  test('ttclid from URL, referrer, cookie and event data; _ttp from cookie and event data; hashed user keys', async () => {
    const url = await observe(EVENTS[1].data, {}, {});
    expect(url.ttclid).toBe('E.C.P.Ab+c=_-x');
    expect((await observe(EVENTS[2].data, {}, {})).ttclid).toBe('E.C.P.ref');
    expect((await observe(EVENTS[3].data, {}, {})).ttclid).toBeUndefined();
    const cookie = await observe(BASE, COOKIES[1].cookies, {});
    expect([cookie.ttclid, cookie.ttp]).toEqual(['E.C.P.cookie', '01K0T8BYGJH63785W68YS5NN1R_.tt.1']);
    const event = await observe(EVENTS[4].data, {}, {});
    expect([event.ttclid, event.ttp]).toEqual(['E.C.P.ev', 'ev-ttp_.tt.1']);
    const user = (await observe(EVENTS[9].data, {}, {})).user as Record<string, unknown>;
    expect(user.email).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(user).sort()).toEqual(
      ['city', 'country', 'email', 'external_id', 'first_name', 'ip', 'last_name', 'locale', 'phone', 'state', 'user_agent', 'zip_code'],
    );
    expect(url.tagCookies.length).toBe(1);
    expect(cookie.keeperCookies.length).toBe(1);
    const denied = await observe({ ...BASE, ...CONSENT[2].data }, COOKIES[1].cookies, { consentMode: 'require_ad_storage' });
    expect(denied.tagUser).toBeUndefined();
  });
});

describe('generated _ttp', () => {
  test('the same value on every evaluation, in the Pixel format, from the client id', async () => {
    const fields = { generateTtp: true };
    const first = await value(runTemplate(browserId, fields, environment(BASE, {})));
    const again = await value(runTemplate(browserId, fields, { ...environment(BASE, {}), now: () => NOW + 5000, random: () => 0.9 }));
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}_\.tt\.1$/);
    expect(again).toBe(first);
  });
  test('the Cookie Keeper stores exactly the value the variable returns', async () => {
    for (const cookieDomain of ['auto', 'shop.example.co.uk']) {
      for (const eventData of [BASE, { ...BASE, page_location: 'https://www.shop.example.com.au/' }, { ...BASE, client_id: 'no-time' }]) {
        const fields = { generateTtp: true, cookieDomain };
        const variable = await value(runTemplate(browserId, fields, environment(eventData, {})));
        const kept = (await runTemplate(keeper, fields, environment(eventData, {}))).record.cookiesSet.filter((c) => c.name === '_ttp');
        expect(kept.map((c) => c.value)).toEqual(variable === undefined ? [] : [variable]);
      }
    }
  });
  test('the Events API tag sends (and stores) the same generated _ttp as the variable', async () => {
    let generatedSeen = 0;
    for (const cookieDomain of ['auto', 'shop.example.co.uk']) {
      for (const eventData of [BASE, { ...BASE, page_location: 'https://www.shop.example.com.au/' }, { ...BASE, client_id: 'no-time' }]) {
        const fields = { generateTtp: true, cookieDomain };
        const variable = await value(runTemplate(browserId, fields, environment(eventData, {})));
        // A later event and another random source: a drawn value would differ, a derived one cannot.
        const tagRun = await runTemplate(tag, { ...TAG_FIELDS, ...fields }, { ...environment(eventData, {}), now: () => NOW + 60000, random: () => 0.1 });
        expect(tagRun.outcome).toBe('success');
        const sent = JSON.parse(tagRun.record.requests[0].request.body || '{}').data[0].user.ttp;
        expect(sent).toBe(variable);
        const stored = tagRun.record.cookiesSet.filter((c) => c.name === '_ttp').map((c) => c.value);
        expect(stored).toEqual(variable === undefined ? [] : [variable]);
        if (variable !== undefined) generatedSeen++;
      }
    }
    expect(generatedSeen).toBe(4);
  });
});

describe('parity on random identifiers (property)', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9._+%=-]{1,40}$/);
  test('ttclid and _ttp agree for random URLs, referrers, cookies and event data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          url: fc.option(token, { nil: undefined }),
          sameHostReferrer: fc.boolean(),
          ref: fc.option(token, { nil: undefined }),
          cookieTtclid: fc.option(fc.array(fc.oneof(token, fc.constant(''), fc.constant('a b')), { maxLength: 3 }), { nil: undefined }),
          cookieTtp: fc.option(fc.array(fc.oneof(token, fc.constant(''), fc.constant('x;y')), { maxLength: 3 }), { nil: undefined }),
          eventTtclid: fc.option(fc.oneof(token, fc.integer(), fc.constant(null)), { nil: undefined }),
          eventTtp: fc.option(fc.oneof(token, fc.integer(), fc.constant({})), { nil: undefined }),
          gcs: fc.constantFrom(undefined, 'G111', 'G100', 'G1--'),
        }),
        async (c) => {
          const eventData: EventData = {
            ...BASE,
            page_location: 'https://shop.example.com/p' + (c.url !== undefined ? '?ttclid=' + c.url : ''),
            page_referrer: (c.sameHostReferrer ? 'https://shop.example.com/' : 'https://other.example.org/') + (c.ref !== undefined ? '?ttclid=' + c.ref : ''),
          };
          if (c.eventTtclid !== undefined) eventData.ttclid = c.eventTtclid;
          if (c.eventTtp !== undefined) eventData._ttp = c.eventTtp;
          if (c.gcs !== undefined) eventData['x-ga-gcs'] = c.gcs;
          const cookies: Cookies = {};
          if (c.cookieTtclid !== undefined) cookies.ttclid = c.cookieTtclid;
          if (c.cookieTtp !== undefined) cookies._ttp = c.cookieTtp;
          expectParity(await observe(eventData, cookies, {}));
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  });
});

describe('garbage never throws (property)', () => {
  const EVENT_KEYS = [
    'page_location', 'page_referrer', 'ttclid', '_ttp', 'ttp', 'common_cookie', 'client_id', 'x-ga-js_client_id', 'cookies',
    'consent_state', 'x-ga-gcs', 'x-ga-gcd', 'x-ga-mp2-gcd', 'user_data', 'email', 'phone', 'phone_number', 'external_id',
    'user_id', 'ip_override', 'ip_address', 'ip', 'user_agent', 'language',
  ];
  const FIELDS = [
    'consentMode', 'adStorageConsent', 'adUserDataConsent', 'consentUnknownAs', 'readCookieMap', 'generateTtp', 'cookieDomain',
    'outputKey', 'userEmail', 'userPhone', 'defaultCountryCode', 'userExternalId', 'userIdAsExternalId', 'userFirstName',
    'userLastName', 'userZip', 'userCity', 'userState', 'userCountry', 'userIp', 'userAgent', 'userLocale',
    'persistTtclid', 'ttclidDays', 'refreshTtp', 'ttpDays', 'cookieSameSite',
  ];
  // Values GTM can hand a template: JSON-like data plus objects whose toString is not callable.
  const value = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constant({ toString: 0 }),
    fc.constantFrom('https://shop.example.com/?ttclid=E.C.P.x', 'G100', '13p3t3p3t5l1', '1.1738980312', 'a=b; _ttp=c', true, false, 'denied'),
  );
  const record = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 10 });
  test('every template finishes successfully on random event data, cookies and fields', async () => {
    await fc.assert(
      fc.asyncProperty(record(EVENT_KEYS), record(FIELDS), fc.dictionary(fc.constantFrom('ttclid', '_ttp'), fc.array(fc.string(), { maxLength: 3 })),
        async (eventData, fields, cookies) => {
          for (const template of [clickId, browserId, userData, keeper]) {
            const result = await runTemplate(template, fields, environment(eventData, cookies));
            expect([template.info.displayName, result.outcome, result.message]).toEqual([template.info.displayName, 'success', undefined]);
            if (template === keeper) expect(result.successCalls).toBe(1);
          }
        }),
      { numRuns: 150, seed: 7 },
    );
  });
});
