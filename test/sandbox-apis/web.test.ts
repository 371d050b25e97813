import { updateWebConsent } from '../../src/sandbox/apis';
import type { WebEnvironment } from '../../src/sandbox/environment';
import { api, makeHost, PermissionSpec } from './helpers';

const host = (permissions: PermissionSpec, env: WebEnvironment = {}) => makeHost('WEB', env, permissions);
const globals = (...keys: [string, string][]) => ({
  access_globals: {
    keys: keys.map(([key, modes]) => ({ key, read: modes.includes('r'), write: modes.includes('w'), execute: modes.includes('x') })),
  },
});

describe('window access', () => {
  test('callInWindow calls with this = parent and returns a copy; needs execute', () => {
    const received: unknown[] = [];
    const result = { ok: true };
    const ttq = {
      track(this: unknown, ...args: unknown[]) {
        received.push(this === ttq, ...args);
        return result;
      },
    };
    const env: WebEnvironment = { window: { ttq } };
    const h = host(globals(['ttq.track', 'x'], ['ttq.missing', 'x']), env);
    const returned = api(h, 'callInWindow')('ttq.track', 'Purchase', { value: 1 });
    expect(received).toEqual([true, 'Purchase', { value: 1 }]);
    expect(returned).toEqual(result);
    expect(returned).not.toBe(result);
    expect(api(h, 'callInWindow')('ttq.missing')).toBeUndefined();
    expect(h.record.windowAccess[0]).toEqual({ api: 'callInWindow', path: 'ttq.track', args: ['Purchase', { value: 1 }] });
    expect(() => api(host(globals(['ttq.track', 'r']), env), 'callInWindow')('ttq.track')).toThrow(/access_globals.*execute/);
    expect(() => api(h, 'callInWindow')('ttq.page')).toThrow(/access_globals.*ttq\.page/);
  });

  test('copyFromWindow deep-copies; needs read', () => {
    const env: WebEnvironment = { window: { config: { a: [1, { b: 2 }] } } };
    const h = host(globals(['config', 'r']), env);
    const copy = api(h, 'copyFromWindow')('config') as { a: unknown[] };
    expect(copy).toEqual({ a: [1, { b: 2 }] });
    copy.a.push(3);
    expect((env.window!.config as { a: unknown[] }).a).toHaveLength(2);
    expect(() => api(host(globals(['config', 'w']), env), 'copyFromWindow')('config')).toThrow(/access_globals/);
  });

  test('setInWindow respects overrideExisting; needs write', () => {
    const env: WebEnvironment = { window: { existing: 1 } };
    const h = host(globals(['existing', 'w'], ['fresh.deep', 'w']), env);
    expect(api(h, 'setInWindow')('existing', 2)).toBe(false);
    expect(env.window!.existing).toBe(1);
    expect(api(h, 'setInWindow')('existing', 2, true)).toBe(true);
    expect(env.window!.existing).toBe(2);
    expect(api(h, 'setInWindow')('fresh.deep', 'v')).toBe(true);
    expect(env.window!.fresh).toEqual({ deep: 'v' });
    expect(() => api(host(globals(['existing', 'r']), env), 'setInWindow')('existing', 3, true)).toThrow(/access_globals/);
  });

  test('createQueue creates the array, pushes through it and records dataLayer pushes', () => {
    const env: WebEnvironment = {};
    const h = host(globals(['dataLayer', 'rw']), env);
    const push = api(h, 'createQueue')('dataLayer');
    push({ event: 'x' });
    expect(env.window!.dataLayer).toEqual([{ event: 'x' }]);
    expect(env.dataLayer).toBe(env.window!.dataLayer);
    expect(h.record.dataLayerPushes).toEqual([{ event: 'x' }]);
    expect(() => api(host(globals(['dataLayer', 'w']), env), 'createQueue')('dataLayer')).toThrow(/read access/);
  });

  test('createArgumentsQueue installs a function pushing its arguments; needs readwrite on both', () => {
    const env: WebEnvironment = {};
    const h = host(globals(['gtag', 'rw'], ['dataLayer', 'rw']), env);
    const gtag = api(h, 'createArgumentsQueue')('gtag', 'dataLayer');
    expect(env.window!.gtag).toBe(gtag);
    gtag('config', 'G-1');
    const pushed = (env.window!.dataLayer as unknown[])[0];
    expect(Array.from(pushed as ArrayLike<unknown>)).toEqual(['config', 'G-1']);
    expect(Object.prototype.toString.call(pushed)).toBe('[object Arguments]');
    expect(() => api(host(globals(['gtag', 'rw']), {}), 'createArgumentsQueue')('gtag', 'dataLayer')).toThrow(/dataLayer/);
  });

  test('aliasInWindow needs write on the target and read on the source', () => {
    const env: WebEnvironment = { window: { source: { f: 1 } } };
    const h = host(globals(['target', 'w'], ['source', 'r']), env);
    expect(api(h, 'aliasInWindow')('target', 'source')).toBe(true);
    expect(env.window!.target).toBe(env.window!.source);
    expect(() => api(host(globals(['target', 'w']), env), 'aliasInWindow')('target', 'source')).toThrow(/source/);
  });
});

describe('injectScript, sendPixel, injectHiddenIframe', () => {
  const pixelUrl = 'https://analytics.tiktok.com/i18n/pixel/events.js';
  const perms = { inject_script: { urls: ['https://analytics.tiktok.com/*'] } };

  test('load runs onLoad then onSuccess asynchronously', async () => {
    const env: WebEnvironment = {
      scripts: () => ({ outcome: 'load', onLoad: (win) => { win.ttq = { loaded: true }; } }),
    };
    const h = host(perms, env);
    const events: string[] = [];
    api(h, 'injectScript')(pixelUrl, () => events.push(`success:${JSON.stringify(env.window!.ttq)}`), () => events.push('failure'));
    expect(events).toEqual([]);
    await h.flush();
    expect(events).toEqual(['success:{"loaded":true}']);
    expect(h.record.scriptsInjected).toEqual([{ url: pixelUrl, outcome: 'load' }]);
  });

  test('fail calls onFailure; refused URL throws before injecting', async () => {
    const h = host(perms, { scripts: () => ({ outcome: 'fail' }) });
    const events: string[] = [];
    api(h, 'injectScript')(pixelUrl, () => events.push('success'), () => events.push('failure'));
    await h.flush();
    expect(events).toEqual(['failure']);
    expect(() => api(h, 'injectScript')('https://evil.com/x.js')).toThrow(/inject_script/);
    expect(h.record.scriptsInjected).toHaveLength(1);
  });

  test('cacheToken injects once and tells every caller', async () => {
    const h = host(perms);
    const events: string[] = [];
    api(h, 'injectScript')(pixelUrl, () => events.push('first'), undefined, 'tt');
    api(h, 'injectScript')(pixelUrl, () => events.push('second'), undefined, 'tt');
    await h.flush();
    api(h, 'injectScript')(pixelUrl, () => events.push('third'), undefined, 'tt');
    await h.flush();
    expect(events).toEqual(['first', 'second', 'third']);
    expect(h.record.scriptsInjected).toHaveLength(1);
    api(h, 'injectScript')(pixelUrl);
    expect(h.record.scriptsInjected).toHaveLength(2);
  });

  test('cacheToken dedupes across runs on the same page (same window object)', async () => {
    const window = {};
    const first = host(perms, { window });
    const second = host(perms, { window });
    api(first, 'injectScript')(pixelUrl, undefined, undefined, 'tt');
    await first.flush();
    const events: string[] = [];
    api(second, 'injectScript')(pixelUrl, () => events.push('cached'), undefined, 'tt');
    await second.flush();
    expect(events).toEqual(['cached']);
    expect(second.record.scriptsInjected).toEqual([]);
  });

  test('sendPixel records and calls onSuccess; refused otherwise', async () => {
    const h = host({ send_pixel: { allowedUrls: 'specific', urls: ['https://px.example.com/*'] }, inject_hidden_iframe: { urls: ['https://frame.example.com/*'] } });
    const events: string[] = [];
    api(h, 'sendPixel')('https://px.example.com/p?e=1', () => events.push('pixel'));
    api(h, 'injectHiddenIframe')('https://frame.example.com/f', () => events.push('iframe'));
    await h.flush();
    expect(events).toEqual(['pixel', 'iframe']);
    expect(h.record.pixelsSent).toEqual(['https://px.example.com/p?e=1']);
    expect(() => api(h, 'sendPixel')('https://other.com/p')).toThrow(/send_pixel/);
    expect(() => api(h, 'injectHiddenIframe')('https://other.com/f')).toThrow(/inject_hidden_iframe/);
  });
});

describe('URL and referrer', () => {
  const env: WebEnvironment = {
    url: 'https://shop.example.com/products/item.html?ttclid=E.C.P&a=1&a=2#reviews',
    referrer: 'https://www.google.com/search?q=shoes',
  };

  test('getUrl components and legacy query form', () => {
    const h = host({ get_url: { urlParts: 'any', queriesAllowed: 'any' } }, env);
    const getUrl = api(h, 'getUrl');
    expect(getUrl()).toBe(env.url);
    expect(['protocol', 'host', 'port', 'path', 'query', 'extension', 'fragment'].map((part) => getUrl(part))).toEqual([
      'https', 'shop.example.com', '443', '/products/item.html', 'ttclid=E.C.P&a=1&a=2', 'html', 'reviews',
    ]);
    expect(getUrl('query', false, null, 'ttclid')).toBe('E.C.P');
  });

  test('getQueryParameters first value or all', () => {
    const h = host({ get_url: { urlParts: 'any', queriesAllowed: 'any' } }, env);
    expect(api(h, 'getQueryParameters')('a')).toBe('1');
    expect(api(h, 'getQueryParameters')('a', true)).toEqual(['1', '2']);
    expect(api(h, 'getQueryParameters')('missing')).toBeUndefined();
  });

  test('get_url per-component and query-key refusals', () => {
    const h = host({ get_url: { urlParts: 'specific', query: true, queriesAllowed: 'specific', queryKeys: ['ttclid'] } }, env);
    expect(api(h, 'getQueryParameters')('ttclid')).toBe('E.C.P');
    expect(() => api(h, 'getQueryParameters')('a')).toThrow(/get_url.*"a"/);
    expect(() => api(h, 'getUrl')('host')).toThrow(/get_url.*host/);
    expect(() => api(h, 'getUrl')()).toThrow(/get_url/);
  });

  test('getReferrerUrl and getReferrerQueryParameters', () => {
    const h = host({ get_referrer: { urlParts: 'any', queriesAllowed: 'any' } }, env);
    expect(api(h, 'getReferrerUrl')('host')).toBe('www.google.com');
    expect(api(h, 'getReferrerQueryParameters')('q')).toBe('shoes');
    expect(() => api(host({}, env), 'getReferrerUrl')()).toThrow(/get_referrer/);
  });
});

describe('web cookies', () => {
  test('getCookieValues decodes by default, not with decode=false', () => {
    const h = host({ get_cookies: { cookieAccess: 'specific', cookieNames: ['_ttp'] } }, { documentCookie: '_ttp=a%20b; other=1; _ttp=c' });
    expect(api(h, 'getCookieValues')('_ttp')).toEqual(['a b', 'c']);
    expect(api(h, 'getCookieValues')('_ttp', false)).toEqual(['a%20b', 'c']);
    expect(() => api(h, 'getCookieValues')('other')).toThrow(/get_cookies/);
  });

  test('setCookie writes the jar and records the assignment; auto domain = eTLD+1 of the page', () => {
    const env: WebEnvironment = { url: 'https://www.shop.example.co.uk/', documentCookie: 'a=1; _ttp=old' };
    const h = host({ set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] } }, env);
    api(h, 'setCookie')('_ttp', 'new value', { domain: 'auto', path: '/', 'max-age': 100, samesite: 'strict', secure: true });
    expect(env.documentCookie).toBe('a=1; _ttp=new%20value');
    expect(h.record.cookiesSet[0].header).toBe('_ttp=new%20value; Domain=example.co.uk; Path=/; Max-Age=100; Secure; SameSite=Strict');
    api(h, 'setCookie')('raw', 'x y', {}, false);
    expect(env.documentCookie).toBe('a=1; _ttp=new%20value; raw=x y');
    api(h, 'setCookie')('a', '', { 'max-age': 0 });
    expect(env.documentCookie).toBe('_ttp=new%20value; raw=x y');
  });

  test('setCookie refused leaves the jar unchanged', () => {
    const env: WebEnvironment = { documentCookie: 'a=1' };
    const h = host({ set_cookies: { allowedCookies: [{ name: '_ttp', domain: '*', path: '*', secure: 'any', session: 'any' }] } }, env);
    expect(() => api(h, 'setCookie')('a', '2')).toThrow(/set_cookies/);
    expect(env.documentCookie).toBe('a=1');
  });
});

describe('consent', () => {
  const consentPerms = {
    access_consent: {
      consentTypes: [
        { consentType: 'ad_storage', read: true, write: true },
        { consentType: 'analytics_storage', read: true, write: false },
      ],
    },
  };

  test('isConsentGranted: unset counts as granted', () => {
    const h = host(consentPerms, { consent: { analytics_storage: 'denied' } });
    expect(api(h, 'isConsentGranted')('ad_storage')).toBe(true);
    expect(api(h, 'isConsentGranted')('analytics_storage')).toBe(false);
    expect(() => api(h, 'isConsentGranted')('ad_user_data')).toThrow(/access_consent/);
  });

  test('listeners fire on changes made by updateConsentState and by the host helper', async () => {
    const env: WebEnvironment = { consent: { ad_storage: 'denied' } };
    const h = host(consentPerms, env);
    const events: unknown[] = [];
    api(h, 'addConsentListener')('ad_storage', (type: string, granted: boolean) => events.push([type, granted]));
    api(h, 'updateConsentState')({ ad_storage: 'granted' });
    await h.flush();
    expect(events).toEqual([['ad_storage', true]]);
    api(h, 'updateConsentState')({ ad_storage: 'granted' });
    await h.flush();
    expect(events).toHaveLength(1);
    updateWebConsent(env, undefined, { ad_storage: 'denied' });
    expect(events).toEqual([['ad_storage', true], ['ad_storage', false]]);
    const pushed = h.record.dataLayerPushes.map((item) => Array.from(item as ArrayLike<unknown>));
    expect(pushed).toEqual([['consent', 'update', { ad_storage: 'granted' }], ['consent', 'update', { ad_storage: 'granted' }]]);
    expect(env.window!.dataLayer).toBe(env.dataLayer);
  });

  test('listeners follow the consent object, so a CMP update on the original environment reaches a run on a copy', () => {
    const original: WebEnvironment = { consent: { ad_storage: 'denied' } };
    const runCopy: WebEnvironment = { ...original };
    const h = host(consentPerms, runCopy);
    const events: unknown[] = [];
    api(h, 'addConsentListener')('ad_storage', (_type: string, granted: boolean) => events.push(granted));
    updateWebConsent(original, undefined, { ad_storage: 'granted' });
    expect(events).toEqual([true]);
  });

  test('setDefaultConsentState only fills unset types; writing needs write access', () => {
    const env: WebEnvironment = { consent: { ad_storage: 'granted' } };
    const h = host(consentPerms, env);
    api(h, 'setDefaultConsentState')({ ad_storage: 'denied', wait_for_update: 500 });
    expect(env.consent!.ad_storage).toBe('granted');
    const fresh: WebEnvironment = {};
    api(host(consentPerms, fresh), 'setDefaultConsentState')({ ad_storage: 'denied' });
    expect(fresh.consent!.ad_storage).toBe('denied');
    expect(() => api(h, 'updateConsentState')({ analytics_storage: 'granted' })).toThrow(/access_consent.*write/);
  });
});

describe('dataLayer, storage, page', () => {
  test('copyFromDataLayer(gtm.uniqueEventId) gives the environment\'s GTM event id unless the dataLayer has one', () => {
    const fromEnv = host({ read_data_layer: { allowedKeys: 'any' } }, { dataLayer: [{ event: 'purchase' }], gtmEventId: 42 });
    expect(api(fromEnv, 'copyFromDataLayer')('gtm.uniqueEventId')).toBe(42);
    const pushed = host({ read_data_layer: { allowedKeys: 'any' } }, { dataLayer: [{ event: 'purchase', 'gtm.uniqueEventId': 7 }], gtmEventId: 42 });
    expect(api(pushed, 'copyFromDataLayer')('gtm.uniqueEventId')).toBe(7);
    const neither = host({ read_data_layer: { allowedKeys: 'any' } }, { dataLayer: [] });
    expect(api(neither, 'copyFromDataLayer')('gtm.uniqueEventId')).toBeUndefined();
  });
  test('copyFromDataLayer merges pushes (v2) with dotted keys; v1 reads top-level keys', () => {
    const env: WebEnvironment = {
      dataLayer: [
        { event: 'gtm.js', ecommerce: { currency: 'EUR', items: [{ id: 1 }] } },
        { 'ecommerce.value': 10 },
        { ecommerce: { items: [{ id: 2 }] } },
        { user: { id: 'u' } },
      ],
    };
    const h = host({ read_data_layer: { allowedKeys: 'any' } }, env);
    expect(api(h, 'copyFromDataLayer')('ecommerce')).toEqual({ currency: 'EUR', value: 10, items: [{ id: 2 }] });
    expect(api(h, 'copyFromDataLayer')('ecommerce.value')).toBe(10);
    expect(api(h, 'copyFromDataLayer')('ecommerce', 1)).toEqual({ items: [{ id: 2 }] });
    expect(api(h, 'copyFromDataLayer')('missing')).toBeUndefined();
    // Arrays merge index by index (holes keep old elements); `_clear: true` replaces.
    const arrays = host({ read_data_layer: { allowedKeys: 'any' } }, {
      dataLayer: [{ list: [{ a: 1 }, 2, 3] }, { list: [{ b: 2 }] }, { box: { x: 1 } }, { box: { y: 2, _clear: true } }],
    });
    expect(api(arrays, 'copyFromDataLayer')('list')).toEqual([{ a: 1, b: 2 }, 2, 3]);
    expect(api(arrays, 'copyFromDataLayer')('box')).toEqual({ y: 2 });
    const limited = host({ read_data_layer: { allowedKeys: 'specific', keyPatterns: ['ecommerce.*'] } }, env);
    expect(api(limited, 'copyFromDataLayer')('ecommerce.currency')).toBe('EUR');
    expect(() => api(limited, 'copyFromDataLayer')('user.id')).toThrow(/read_data_layer/);
  });

  test('gtagSet pushes a set command that the data model sees', () => {
    const env: WebEnvironment = {};
    const h = host({ write_data_layer: { keyPatterns: ['url_passthrough'] }, read_data_layer: { allowedKeys: 'any' } }, env);
    api(h, 'gtagSet')({ url_passthrough: true });
    expect(Array.from(env.dataLayer![0] as ArrayLike<unknown>)).toEqual(['set', { url_passthrough: true }]);
    expect(api(h, 'copyFromDataLayer')('url_passthrough')).toBe(true);
    expect(() => api(h, 'gtagSet')({ ads_data_redaction: true })).toThrow(/write_data_layer/);
  });

  test('localStorage read/write per key', () => {
    const storage = new Map([['tt_id', 'abc']]);
    const h = host({ access_local_storage: { keys: [{ key: 'tt_id', read: true, write: true }, { key: 'ro', read: true, write: false }] } }, { localStorage: storage });
    const local = api<Record<string, (...a: unknown[]) => unknown>>(h, 'localStorage');
    expect(local.getItem('tt_id')).toBe('abc');
    expect(local.getItem('ro')).toBeNull();
    expect(local.setItem('tt_id', 5)).toBe(true);
    expect(storage.get('tt_id')).toBe('5');
    local.removeItem('tt_id');
    expect(storage.has('tt_id')).toBe(false);
    expect(() => local.setItem('ro', 'x')).toThrow(/access_local_storage/);
    expect(() => local.getItem('other')).toThrow(/access_local_storage/);
  });

  test('templateStorage keeps references for the page lifetime', () => {
    const storage = new Map<string, unknown>();
    const h = host({ access_template_storage: {} }, { templateStorage: storage });
    const store = api<Record<string, (...a: unknown[]) => unknown>>(h, 'templateStorage');
    store.setItem('loaded', true);
    expect(api<Record<string, (...a: unknown[]) => unknown>>(host({ access_template_storage: {} }, { templateStorage: storage }), 'templateStorage').getItem('loaded')).toBe(true);
    store.clear();
    expect(storage.size).toBe(0);
    expect(() => api<Record<string, (...a: unknown[]) => unknown>>(host({}), 'templateStorage').getItem('x')).toThrow(/access_template_storage/);
  });

  test('readTitle, readCharacterSet, readAnalyticsStorage', () => {
    const h = host({ read_title: {}, read_character_set: {} }, {
      title: 'Shop',
      characterSet: 'UTF-8',
      documentCookie: '_ga=GA1.1.123.456; _ga_ABC123=GS1.1.1700000000.7.1.1700000100.0.0.0',
    });
    expect(api(h, 'readTitle')()).toBe('Shop');
    expect(api(h, 'readCharacterSet')()).toBe('UTF-8');
    expect(api(h, 'readAnalyticsStorage')()).toEqual({
      client_id: '123.456',
      sessions: [{ measurement_id: 'G-ABC123', session_id: '1700000000', session_number: 7 }],
    });
    expect(() => api(host({}), 'readTitle')()).toThrow(/read_title/);
  });

  test('web sha256 calls onSuccess, takes onFailure as third argument', async () => {
    const h = host({});
    const digests: unknown[] = [];
    api(h, 'sha256')('abc', (digest: string) => digests.push(digest), () => digests.push('failed'), { outputEncoding: 'hex' });
    await h.flush();
    expect(digests).toEqual(['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad']);
  });
});
