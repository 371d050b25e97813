import * as fc from 'fast-check';
import {
  clientAddress,
  decodeComponent,
  MAX_ISSUES_PER_EVENT,
  MAX_PARAMETER_DEPTH,
  parseGa4Request,
  parseItem,
  parseSecChUa,
  setNested,
  splitItemSegments,
} from '../../src/server/ga4';

// A purchase hit built from the parameters of docs/contracts/ga4-event-data.md, as gtag would send it
// to a server container.
const PURCHASE_QUERY = [
  'v=2', 'tid=G-ABC123', 'gtm=45je5240v9197824656za200', '_p=1738983725326', 'gcs=G111', 'gcd=13t3t3t3t5l1',
  'npa=0', 'dma=1', 'dma_cps=syphamo', 'cid=1489074949.1738980312', 'ecid=130917402', 'ul=en-us', 'sr=1920x1080',
  '_fplc=0', 'ur=DE-BE', 'uaa=arm', 'uab=64', 'uafvl=Chromium%3B132.0.6834.160%7CGoogle%2520Chrome%3B132.0.6834.160',
  'uamb=0', 'uam=', 'uap=macOS', 'uapv=15.3.0', 'uaw=0', 'are=1', 'frm=0', 'pscdl=noapi', 'ec_mode=c',
  'sst.tft=1738983725326', 'sst.navt=n', '_s=3', 'sid=1738981947', 'sct=4', 'seg=1',
  'dl=https%3A%2F%2Fshop.example.com%2Fthanks', 'dt=Thank%20you', 'en=purchase', '_c=1', '_et=4210', 'cu=EUR',
  'ep.transaction_id=T-1001', 'epn.value=59.9', 'epn.tax=9.56', 'epn.shipping=4.9', 'ep.coupon=SPRING',
  'pr1=idSKU-1~nmTee~brAcme~caApparel~c2Shirts~vagreen~pr24.95~qt2~k0size~v0M',
  'ep.user_data.email=jane%40example.com', 'ep.user_data.phone_number=%2B4915112345678',
  'ep.user_data.address.0.first_name=Jane', 'ep.user_data.address.0.postal_code=10115',
  'ep.user_data.address.0.country=DE', 'ep.user_data._tag_mode=CODE', 'tfd=8123', 'richsstsse',
].join('&');

describe('parseGa4Request: the reference purchase hit', () => {
  const result = parseGa4Request({
    queryString: PURCHASE_QUERY,
    headers: { 'User-Agent': 'Mozilla/5.0 Test', 'X-Forwarded-For': '198.51.100.9' },
    remoteAddress: '::ffff:203.0.113.7',
    now: 1738983733512,
  });
  const event = result.events[0];

  test('one event, no issues, rich response requested', () => {
    expect(result.events).toHaveLength(1);
    expect(result.issues).toEqual([]);
    expect(result.richResponse).toBe(true);
  });

  test('core keys', () => {
    expect(event).toMatchObject({
      event_name: 'purchase',
      client_id: '1489074949.1738980312',
      page_location: 'https://shop.example.com/thanks',
      page_title: 'Thank you',
      language: 'en-us',
      screen_resolution: '1920x1080',
      currency: 'EUR',
      engagement_time_msec: 4210,
      ga_session_id: '1738981947',
      ga_session_number: 4,
      'x-ga-protocol_version': '2',
      'x-ga-measurement_id': 'G-ABC123',
      'x-ga-page_id': 1738983725326,
      'x-ga-request_count': 3,
      'x-ga-tfd': 8123,
      'x-ga-mp2-seg': '1',
      'x-ga-ur': 'DE-BE',
    });
  });

  test('consent and privacy keys', () => {
    expect(event).toMatchObject({
      'x-ga-gcs': 'G111',
      'x-ga-gcd': '13t3t3t3t5l1',
      'x-ga-npa': '0',
      'x-ga-dma': '1',
      'x-ga-dma_cps': 'syphamo',
      'x-ga-ecid': '130917402',
      'x-ga-are': '1',
      'x-ga-pscdl': 'noapi',
      'x-ga-mp2-frm': '0',
    });
  });

  test('ep.* as strings, epn.* as numbers', () => {
    expect(event.transaction_id).toBe('T-1001');
    expect(event.coupon).toBe('SPRING');
    expect(event.value).toBe(59.9);
    expect(event.tax).toBe(9.56);
    expect(event.shipping).toBe(4.9);
  });

  test('items decoded into GA4 item keys', () => {
    expect(event.items).toEqual([
      {
        item_id: 'SKU-1',
        item_name: 'Tee',
        item_brand: 'Acme',
        item_category: 'Apparel',
        item_category2: 'Shirts',
        item_variant: 'green',
        price: 24.95,
        quantity: 2,
        size: 'M',
      },
    ]);
  });

  test('user_data nested with an address array', () => {
    expect(event.user_data).toEqual({
      email: 'jane@example.com',
      phone_number: '+4915112345678',
      address: [{ first_name: 'Jane', postal_code: '10115', country: 'DE' }],
      _tag_mode: 'CODE',
    });
  });

  test('system properties, sst properties and client hints', () => {
    expect(event['x-ga-system_properties']).toEqual({ c: '1' });
    expect(event['x-sst-system_properties']).toEqual({ tft: '1738983725326', navt: 'n', request_start_time_ms: 1738983733512 });
    expect(event.client_hints).toEqual({
      architecture: 'arm',
      bitness: '64',
      full_version_list: [
        { brand: 'Chromium', version: '132.0.6834.160' },
        { brand: 'Google Chrome', version: '132.0.6834.160' },
      ],
      mobile: false,
      model: '',
      platform: 'macOS',
      platform_version: '15.3.0',
      wow64: false,
      brands: [],
    });
  });

  test('consumed params do not reach event data', () => {
    for (const key of ['x-ga-mp2-_fplc', 'x-ga-mp2-ec_mode', 'x-ga-mp2-richsstsse', 'fplc']) expect(event).not.toHaveProperty([key]);
    expect(event['x-ga-system_properties']).not.toHaveProperty('fplc');
  });

  test('ip_override from the socket (X-Forwarded-For untrusted) and user_agent from the header', () => {
    expect(event.ip_override).toBe('203.0.113.7');
    expect(event.user_agent).toBe('Mozilla/5.0 Test');
  });
});

describe('parseGa4Request: batches', () => {
  test('each body line is merged over the shared query params; the line wins', () => {
    const result = parseGa4Request({
      queryString: 'v=2&tid=G-1&cid=1.2&dl=https%3A%2F%2Fa.example%2F&en=shared_default',
      body: 'en=page_view&_et=10\r\nen=scroll&epn.percent_scrolled=90\n\nen=click&dl=https%3A%2F%2Fb.example%2F',
    });
    expect(result.events.map((e) => e.event_name)).toEqual(['page_view', 'scroll', 'click']);
    expect(result.events.map((e) => e.page_location)).toEqual(['https://a.example/', 'https://a.example/', 'https://b.example/']);
    expect(result.events.every((e) => e.client_id === '1.2')).toBe(true);
    expect(result.events[1].percent_scrolled).toBe(90);
    expect(result.events[0]).not.toHaveProperty('percent_scrolled');
  });

  test('a line without en is skipped and reported; the others are kept', () => {
    const result = parseGa4Request({ queryString: 'v=2&cid=1.2', body: 'en=first\nep.foo=bar\nen=third' });
    expect(result.events.map((e) => e.event_name)).toEqual(['first', 'third']);
    expect(result.issues.join('\n')).toMatch(/event 2 has no event name/);
  });

  test('a hit without en yields no event', () => {
    const result = parseGa4Request({ queryString: 'v=2&tid=G-1&cid=1.2' });
    expect(result.events).toEqual([]);
    expect(result.issues).toContain('hit has no event name (en); skipped');
  });

  test('a batch beyond maxEvents is cut and reported', () => {
    const body = Array.from({ length: 7 }, (_, i) => `en=e${i}`).join('\n');
    const result = parseGa4Request({ queryString: 'v=2', body, maxEvents: 5 });
    expect(result.events).toHaveLength(5);
    expect(result.issues.join()).toMatch(/7 events/);
  });
});

describe('parseGa4Request: malformed input', () => {
  test('bad percent-encoding keeps the usable part', () => {
    const result = parseGa4Request({ queryString: 'en=page_view&dt=Caf%C3%A9%E0%A4%A&dl=https%3A%2F%2Fx.example%2F' });
    expect(result.events).toHaveLength(1);
    expect(result.events[0].page_title).toBe('Café%E0%A4%A');
    expect(result.events[0].page_location).toBe('https://x.example/');
    expect(result.issues.join()).toMatch(/malformed percent-encoding/);
  });

  test('500 items are capped at 200, in index order', () => {
    const params = ['en=purchase'];
    for (let i = 500; i >= 1; i--) params.push(`pr${i}=idSKU-${i}~qt1`);
    const result = parseGa4Request({ queryString: params.join('&') });
    const items = result.events[0].items as { item_id: string }[];
    expect(items).toHaveLength(200);
    expect(items[0].item_id).toBe('SKU-1');
    expect(items[199].item_id).toBe('SKU-200');
    expect(result.issues.join()).toMatch(/500 items/);
  });

  test('non-numeric epn.* and typed keys are dropped and reported', () => {
    const result = parseGa4Request({ queryString: 'en=x&epn.value=abc&_et=&sct=3' });
    const event = result.events[0];
    expect(event).not.toHaveProperty('value');
    expect(event).not.toHaveProperty('engagement_time_msec');
    expect(event.ga_session_number).toBe(3);
    expect(result.issues.length).toBeGreaterThanOrEqual(2);
  });

  test('prototype-polluting names are ignored', () => {
    const result = parseGa4Request({ queryString: 'en=x&ep.__proto__.polluted=1&ep.a.constructor.prototype.b=2&up.__proto__=3' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.events[0]).not.toHaveProperty('a');
  });
});

describe('other mappings', () => {
  test('user properties, system properties, unknown params', () => {
    const [event] = parseGa4Request({
      queryString: 'en=x&up.plan=pro&upn.visits=4&_ss=1&_ee=1&_dbg=1&foo=bar&uid=U-9&dr=https%3A%2F%2Fref.example%2F&gcu=1&lps=1',
    }).events;
    expect(event['x-ga-mp2-user_properties']).toEqual({ plan: 'pro', visits: 4 });
    expect(event['x-ga-system_properties']).toEqual({ ss: '1', ee: true, dbg: '1' });
    expect(event['x-ga-mp2-foo']).toBe('bar');
    expect(event.user_id).toBe('U-9');
    expect(event.page_referrer).toBe('https://ref.example/');
    expect(event['x-ga-gcu']).toBe('1');
    expect(event['x-ga-lps']).toBe(true);
  });

  test('Sec-CH-UA headers fill client_hints when the hit has no ua* params', () => {
    const [event] = parseGa4Request({
      queryString: 'en=x',
      headers: { 'sec-ch-ua': '"Chromium";v="120", "Not_A Brand";v="8"', 'sec-ch-ua-mobile': '?0', 'sec-ch-ua-platform': '"macOS"' },
    }).events;
    expect(event.client_hints).toEqual({
      brands: [{ brand: 'Chromium', version: '120' }, { brand: 'Not_A Brand', version: '8' }],
      mobile: false,
      platform: '"macOS"',
    });
  });

  test('geo headers become event_location', () => {
    const [event] = parseGa4Request({ queryString: 'en=x', headers: { 'X-Gclb-Country': 'DE', 'X-Gclb-Region': 'BE' } }).events;
    expect(event.event_location).toEqual({ country: 'DE', region: 'BE' });
  });
});

describe('helpers', () => {
  test('decodeComponent: + is a space, %2B a plus', () => {
    expect(decodeComponent('a+b%2Bc')).toBe('a b+c');
  });

  test('splitItemSegments: ~~ is a literal tilde', () => {
    expect(splitItemSegments('idA~~B~nmX~~~~Y~')).toEqual(['idA~B', 'nmX~~Y']);
  });

  test('parseItem: ca2..ca5 accepted like c2..c5; unknown codes reported', () => {
    const issues: string[] = [];
    expect(parseItem('idX~caA~ca2B~c3C~ca5E~zzQ~lp3~ds1.5', issues)).toEqual({
      item_id: 'X',
      item_category: 'A',
      item_category2: 'B',
      item_category3: 'C',
      item_category5: 'E',
      index: 3,
      discount: 1.5,
    });
    expect(issues).toHaveLength(1);
  });

  test('setNested: numeric segments make arrays, big numbers stay keys', () => {
    const target: Record<string, unknown> = {};
    setNested(target, 'a.0.b', 'x');
    setNested(target, 'a.1.b', 'y');
    setNested(target, 'c.12345', 'z');
    expect(target).toEqual({ a: [{ b: 'x' }, { b: 'y' }], c: { 12345: 'z' } });
  });

  test('clientAddress honours Forwarded / X-Forwarded-For only when trusted', () => {
    const headers = { 'x-forwarded-for': '198.51.100.9, 10.0.0.1' };
    expect(clientAddress({ headers, remoteAddress: '10.0.0.1' })).toBe('10.0.0.1');
    expect(clientAddress({ headers, remoteAddress: '10.0.0.1', trustForwardedFor: true })).toBe('198.51.100.9');
    expect(clientAddress({ headers: { forwarded: 'for="[2001:db8::1]";proto=https' }, remoteAddress: '10.0.0.1', trustForwardedFor: true })).toBe('2001:db8::1');
    expect(clientAddress({ headers: { forwarded: 'for=192.0.2.60:4711' }, trustForwardedFor: true })).toBe('192.0.2.60');
  });

  test('parseSecChUa handles escaped quotes', () => {
    expect(parseSecChUa('"A\\"B";v="1"')).toEqual([{ brand: 'A\\"B', version: '1' }]);
  });
});

describe('never throws (property-based)', () => {
  const paramChars = fc.constantFrom('&', '=', '%', '~', '.', '+', '\n', '\r', 'e', 'n', 'p', 'r', '1', '0', '_', 'u', 's', 'd', 'E', 'A', 'C');
  const hitText = fc.oneof(
    fc.string(),
    fc.array(paramChars, { maxLength: 80 }).map((chars) => chars.join('')),
    fc.array(fc.tuple(fc.constantFrom('en', 'ep.user_data.address.0.city', 'epn.value', 'pr1', 'pr99', '_et', 'ep.a.b.3', 'up.x', 'sst.y', '_z', 'uafvl'), fc.string()), { maxLength: 8 })
      .map((pairs) => pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')),
  );

  test('parseGa4Request on arbitrary query strings and bodies', () => {
    fc.assert(
      fc.property(hitText, fc.option(hitText, { nil: undefined }), (queryString, body) => {
        const result = parseGa4Request({ queryString, body, headers: { 'sec-ch-ua': queryString }, remoteAddress: '127.0.0.1' });
        for (const event of result.events) {
          expect(typeof event.event_name).toBe('string');
          expect(() => JSON.stringify(event)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hostile hits', () => {
  test('inherited names are plain keys, never looked up on Object.prototype', () => {
    const names = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'];
    const query = ['en=purchase', ...names.map((name, i) => `${name}=${i}`), 'ep.toString=a', 'ep.user.hasOwnProperty.x=b', 'ep.valueOf.y=c',
      'up.toString=u', 'sst.constructor=s', '_valueOf=v', 'pr1=idA~k0toString~v0kept~k1constructor~v1also'].join('&');
    const result = parseGa4Request({ queryString: query });
    const [event] = result.events;
    // Top-level names the client does not know become x-ga-mp2-<name>, like any other.
    expect(event['x-ga-mp2-toString']).toBe('0');
    expect(event['x-ga-mp2-hasOwnProperty']).toBe('2');
    expect(event['x-ga-mp2-valueOf']).toBe('3');
    expect(Object.keys(event).filter((key) => key.includes('native code'))).toEqual([]);
    expect(event.toString).toBe('a');
    expect(event.user).toEqual({ hasOwnProperty: { x: 'b' } });
    expect(event.valueOf).toEqual({ y: 'c' });
    expect(event['x-ga-mp2-user_properties']).toEqual({ toString: 'u' });
    // `__proto__=4` is a `_<x>` system parameter like `_ss`: it becomes the plain key `_proto__`.
    expect(event['x-ga-system_properties']).toEqual({ _proto__: '4', valueOf: 'v' });
    expect((event.items as Record<string, unknown>[])[0].toString).toBe('kept');
    expect(result.issues.join()).not.toMatch(/replaces a plain value/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test('a 2,500-level ep.* name is kept, flattened past the depth limit, and reported', () => {
    const path = Array.from({ length: 2500 }, () => 'a').join('.');
    const result = parseGa4Request({ queryString: `en=purchase&ep.${path}=deep` });
    const [event] = result.events;
    let node: unknown = event;
    let depth = 0;
    while (node && typeof node === 'object' && 'a' in (node as object)) {
      node = (node as Record<string, unknown>).a;
      depth++;
    }
    expect(depth).toBe(MAX_PARAMETER_DEPTH - 1);
    const rest = Array.from({ length: 2500 - (MAX_PARAMETER_DEPTH - 1) }, () => 'a').join('.');
    expect((node as Record<string, unknown>)[rest]).toBe('deep');
    expect(result.eventIssues[0].join()).toMatch(/nests 2500 levels/);
  });

  test('issues are per event and capped: a 256 KB body of bad escapes gives a short list', () => {
    const badLine = (n: number) => `en=e${n}&` + Array.from({ length: 700 }, (_, i) => `ep.p${i}=%E0%A4`).join('&');
    const body = Array.from({ length: 50 }, (_, n) => badLine(n)).join('\n');
    expect(body.length).toBeGreaterThan(256 * 1024);
    const result = parseGa4Request({ queryString: 'v=2&dt=%ZZ', body });
    expect(result.events).toHaveLength(50);
    expect(result.eventIssues).toHaveLength(50);
    for (const issues of result.eventIssues) {
      expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES_PER_EVENT + 1);
      expect(issues.join('\n')).toMatch(/more issue\(s\) not listed/);
    }
    // The query's own issue is listed for every event; one event's issues are not copied to the others.
    expect(result.eventIssues[3][0]).toMatch(/%ZZ/);
    expect(JSON.stringify(result.issues).length).toBeLessThan(20_000);
    expect(JSON.stringify(result.eventIssues).length).toBeLessThan(200_000);
  });

  test('lenient percent-decoding keeps invalid escapes and decodes valid UTF-8 runs', () => {
    expect(decodeComponent('%E2%82%AC%FF%41%C3%A9%E0%A4%41%F0%9F%98%80%ED%A0%80%C0%AF')).toBe('€%FFAé%E0%A4A😀%ED%A0%80%C0%AF');
    // Agrees with decodeURIComponent wherever that succeeds.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'E', '0', 'A', 'F', '8', 'C', '3', '9', 'x', ' ', '+') }), (text) => {
        let expected: string | undefined;
        try {
          expected = decodeURIComponent(text.replace(/\+/g, ' '));
        } catch {
          expected = undefined;
        }
        const decoded = decodeComponent(text);
        if (expected !== undefined) expect(decoded).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
