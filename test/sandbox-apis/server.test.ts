import { createHmac } from 'node:crypto';
import { fireEventCallbacks, isRequestClaimed } from '../../src/sandbox/apis';
import type { OutgoingHttpRequest, ServerEnvironment } from '../../src/sandbox/environment';
import { api, makeHost, PermissionSpec } from './helpers';

const host = (permissions: PermissionSpec, env: ServerEnvironment = {}, extra = {}) => makeHost('SERVER', env, permissions, extra);

describe('event data', () => {
  const env: ServerEnvironment = { eventData: { event_name: 'purchase', user_data: { email_address: 'h', items: [{ id: 'a' }, { id: 'b' }] } } };

  test('getAllEventData returns a copy; getEventData reads dot paths with indices', () => {
    const h = host({ read_event_data: { eventDataAccess: 'any' } }, env);
    const all = api(h, 'getAllEventData')();
    expect(all).toEqual(env.eventData);
    (all as Record<string, unknown>).event_name = 'changed';
    expect(env.eventData!.event_name).toBe('purchase');
    expect(api(h, 'getEventData')('user_data.items.1.id')).toBe('b');
    expect(api(h, 'getEventData')('user_data.missing.x')).toBeUndefined();
  });

  test('specific key patterns allow matching keys and refuse others and getAllEventData', () => {
    const h = host({ read_event_data: { eventDataAccess: 'specific', keyPatterns: ['user_data.*'] } }, env);
    expect(api(h, 'getEventData')('user_data.email_address')).toBe('h');
    expect(() => api(h, 'getEventData')('event_name')).toThrow(/read_event_data.*event_name/);
    expect(() => api(h, 'getAllEventData')()).toThrow(/read_event_data/);
  });
});

describe('request', () => {
  const env: ServerEnvironment = {
    request: {
      method: 'post',
      path: '/tiktok/events',
      headers: { 'User-Agent': 'UA', 'x-multi': ['a', 'b'], 'X-Forwarded-For': '203.0.113.9, 10.0.0.1', host: 'sgtm.shop.example.co.uk' },
      queryString: 'ttclid=E.C.P%20x&a=1&a=2',
      body: '{"x":1}',
    },
  };
  const any = { read_request: { requestAccess: 'any' } };

  test('headers are case-insensitive and repeated ones joined', () => {
    const h = host(any, env);
    expect(api(h, 'getRequestHeader')('user-agent')).toBe('UA');
    expect(api(h, 'getRequestHeader')('X-Multi')).toBe('a, b');
    // Absent: undefined in production, '' on GTM's test page (which has no real request).
    expect(api(h, 'getRequestHeader')('absent')).toBe('');
    expect(api(host(any, env, { testMode: false }), 'getRequestHeader')('absent')).toBeUndefined();
  });

  test('method, path, body, query parameters, query string, remote address', () => {
    const h = host(any, env);
    expect(api(h, 'getRequestMethod')()).toBe('POST');
    expect(api(h, 'getRequestPath')()).toBe('/tiktok/events');
    expect(api(h, 'getRequestBody')()).toBe('{"x":1}');
    expect(api(h, 'getRequestQueryParameter')('ttclid')).toBe('E.C.P x');
    expect(api(h, 'getRequestQueryParameter')('a')).toBe('1');
    expect(api(h, 'getRequestQueryParameters')()).toEqual({ ttclid: 'E.C.P x', a: ['1', '2'] });
    expect(api(h, 'getRequestQueryString')()).toBe('ttclid=E.C.P%20x&a=1&a=2');
    expect(api(h, 'getRemoteAddress')()).toBe('203.0.113.9');
    expect(api(host(any, { request: { remoteAddress: '198.51.100.1', headers: { 'x-forwarded-for': '1.1.1.1' } } }), 'getRemoteAddress')()).toBe('198.51.100.1');
    expect(api(host(any, { request: { query: { q: ['x', 'y'] } } }), 'getRequestQueryString')()).toBe('q=x&q=y');
  });

  test('read_request flags refuse before reading', () => {
    const h = host({ read_request: { requestAccess: 'specific', headersAllowed: true, headerAccess: 'specific', headerWhitelist: [{ headerName: 'user-agent' }] } }, env);
    expect(api(h, 'getRequestHeader')('User-Agent')).toBe('UA');
    expect(() => api(h, 'getRequestHeader')('x-multi')).toThrow(/read_request.*x-multi/);
    expect(() => api(h, 'getRequestBody')()).toThrow(/read_request.*body/);
    expect(() => api(h, 'getRemoteAddress')()).toThrow(/remote address/);
    expect(() => api(h, 'getRequestQueryParameters')()).toThrow(/query/);
  });

  test('Measurement Protocol detection and extraction', () => {
    const mp2 = host(any, { request: { method: 'POST', path: '/mp/collect', queryString: 'measurement_id=G-1', body: JSON.stringify({ client_id: 'c1', events: [{ name: 'purchase', params: { value: 3 } }] }) } });
    expect(api(mp2, 'isRequestMpv2')()).toBe(true);
    expect(api(mp2, 'isRequestMpv1')()).toBe(false);
    expect(api(mp2, 'extractEventsFromMpv2')()).toEqual([
      { value: 3, event_name: 'purchase', client_id: 'c1', 'x-ga-measurement_id': 'G-1', 'x-ga-protocol_version': '2' },
    ]);
    const mp1 = host(any, { request: { method: 'GET', path: '/collect', queryString: 'v=1&tid=UA-1&cid=9&t=pageview&dl=https%3A%2F%2Fx.com%2F' } });
    expect(api(mp1, 'isRequestMpv1')()).toBe(true);
    expect(api(mp1, 'extractEventsFromMpv1')()).toEqual([
      { event_name: 'page_view', client_id: '9', page_location: 'https://x.com/', 'x-ga-protocol_version': '1', 'x-ga-measurement_id': 'UA-1' },
    ]);
    const bad = host(any, { request: { method: 'POST', path: '/mp/collect', body: 'nope' } });
    expect(() => api(bad, 'extractEventsFromMpv2')()).toThrow(/not JSON/);
  });
});

describe('cookies', () => {
  test('getCookieValues reads env.cookies or the Cookie header, decoded unless noDecode', () => {
    const fromHeader = host({ get_cookies: { cookieAccess: 'any' } }, { request: { headers: { cookie: 'a=1; _ttp=x%20y; _ttp=z' } } });
    expect(api(fromHeader, 'getCookieValues')('_ttp')).toEqual(['x y', 'z']);
    expect(api(fromHeader, 'getCookieValues')('_ttp', true)).toEqual(['x%20y', 'z']);
    expect(api(fromHeader, 'getCookieValues')('none')).toEqual([]);
    const fromEnv = host({ get_cookies: { cookieAccess: 'any' } }, { cookies: { ttclid: 'E.C.P' }, request: { headers: { cookie: 'ttclid=other' } } });
    expect(api(fromEnv, 'getCookieValues')('ttclid')).toEqual(['E.C.P']);
  });

  test('getCookieValues refused for a cookie not granted', () => {
    const h = host({ get_cookies: { cookieAccess: 'specific', cookieNames: ['_ttp'] } }, { cookies: { _fbp: '1' } });
    expect(() => api(h, 'getCookieValues')('_fbp')).toThrow(/get_cookies.*_fbp/);
  });

  test('setCookie records the exact Set-Cookie header; domain auto = eTLD+1 of Host; max-age wins', () => {
    const h = host(
      { set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] } },
      { request: { headers: { Host: 'sgtm.shop.example.co.uk' } } },
    );
    api(h, 'setCookie')('ttclid', 'E.C.P x', { domain: 'auto', path: '/', 'max-age': 2592000, expires: 'Wed, 21 Oct 2026 07:28:00 GMT', secure: true, httpOnly: true, samesite: 'lax' });
    api(h, 'setCookie')('raw', 'a b', { path: '/', expires: 'Wed, 21 Oct 2026 07:28:00 GMT', samesite: 'NONE' }, true);
    expect(h.record.cookiesSet.map((cookie) => cookie.header)).toEqual([
      'ttclid=E.C.P%20x; Domain=example.co.uk; Path=/; Max-Age=2592000; Secure; HttpOnly; SameSite=Lax',
      'raw=a b; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; SameSite=None',
    ]);
    expect(h.record.cookiesSet[0]).toMatchObject({ name: 'ttclid', value: 'E.C.P x', encoded: true });
    expect(h.record.cookiesSet[1].encoded).toBe(false);
  });

  test('setCookie domain auto uses fallbackDomain when the host has no registrable domain', () => {
    const h = host({ set_cookies: { allowedCookies: [{ name: 'c', domain: '*', path: '*', secure: 'any', session: 'any' }] } }, { request: { headers: { host: 'localhost:8080' } } });
    api(h, 'setCookie')('c', 'v', { domain: 'auto', fallbackDomain: 'example.com' });
    api(h, 'setCookie')('c', 'v', { domain: 'auto' });
    expect(h.record.cookiesSet.map((cookie) => cookie.header)).toEqual(['c=v; Domain=example.com', 'c=v']);
  });

  test('setCookie refused records nothing', () => {
    const h = host({ set_cookies: { allowedCookies: [{ name: 'ttclid', domain: '*', path: '*', secure: 'any', session: 'any' }] } });
    expect(() => api(h, 'setCookie')('_fbp', 'x')).toThrow(/set_cookies.*_fbp/);
    expect(h.record.cookiesSet).toEqual([]);
  });
});

describe('response', () => {
  test('status, headers (lower-cased, null clears), body, pixel, returnResponse', () => {
    const h = host({ access_response: { writeResponseAccess: 'any' }, return_response: {} });
    api(h, 'setResponseStatus')(204);
    api(h, 'setResponseHeader')('Content-Type', 'application/json');
    api(h, 'setResponseHeader')('X-Gone', 'x');
    api(h, 'setResponseHeader')('x-gone', null);
    api(h, 'setResponseBody')('{"ok":true}');
    expect(h.record.response).toEqual({ status: 204, headers: { 'content-type': 'application/json' }, body: '{"ok":true}', returned: false });
    api(h, 'setResponseBody')(Buffer.from('hi').toString('base64'), 'base64');
    expect(h.record.response.body).toBe('hi');
    api(h, 'setPixelResponse')();
    expect(h.record.response.status).toBe(200);
    expect(h.record.response.headers['content-type']).toBe('image/gif');
    expect(Buffer.from(h.record.response.body!, 'latin1').subarray(0, 6).toString('latin1')).toBe('GIF89a');
    api(h, 'returnResponse')();
    expect(h.record.response.returned).toBe(true);
  });

  test('access_response and return_response refusals', () => {
    const h = host({ access_response: { writeResponseAccess: 'specific', writeStatusAllowed: true } });
    api(h, 'setResponseStatus')(400);
    expect(() => api(h, 'setResponseBody')('x')).toThrow(/access_response/);
    expect(() => api(h, 'setResponseHeader')('x', 'y')).toThrow(/access_response/);
    expect(() => api(h, 'returnResponse')()).toThrow(/return_response/);
    expect(h.record.response.body).toBeUndefined();
  });

  test('claimRequest throws outside a client', () => {
    const env: ServerEnvironment = {};
    const client = host({}, env, { templateType: 'CLIENT' });
    api(client, 'claimRequest')();
    expect(isRequestClaimed(env)).toBe(true);
    expect(() => api(host({}, {}, { templateType: 'TAG' }), 'claimRequest')()).toThrow(/client/);
  });
});

describe('sendHttpRequest / sendHttpGet', () => {
  const sendHttp = { send_http: { allowedUrls: 'specific', urls: ['https://*.tiktok.com/*'] } };
  const url = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';

  test('callback form: (statusCode, headers, body); request recorded with defaults', async () => {
    const seen: OutgoingHttpRequest[] = [];
    const h = host(sendHttp, {
      http: (request) => {
        seen.push(request);
        return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"code":0}' };
      },
    });
    const results: unknown[] = [];
    const returned = api(h, 'sendHttpRequest')(url, (...args: unknown[]) => results.push(args), { method: 'post', headers: { 'Content-Type': 'application/json', 'Access-Token': 't' } }, '{"a":1}');
    expect(returned).toBeUndefined();
    await h.settle();
    expect(results).toEqual([[201, { 'content-type': 'application/json' }, '{"code":0}']]);
    expect(seen).toEqual([{ url, method: 'POST', headers: { 'Content-Type': 'application/json', 'Access-Token': 't' }, body: '{"a":1}', timeout: 15000 }]);
    expect(h.record.requests[0].outcome).toEqual({ statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"code":0}' });
  });

  test('promise form resolves {statusCode, headers, body}; default transport is 200 empty', async () => {
    const h = host(sendHttp);
    const response = await api(h, 'sendHttpRequest')(url, { method: 'POST', timeout: 500 }, 'body');
    expect(response).toEqual({ statusCode: 200, headers: {}, body: '' });
    expect(h.record.requests[0].request).toMatchObject({ method: 'POST', timeout: 500, body: 'body' });
  });

  test('promise form rejects {reason} on transport failure and timeout; callback form gets statusCode 0', async () => {
    const failing = host(sendHttp, { http: () => ({ error: 'failed' }) });
    await expect(api(failing, 'sendHttpRequest')(url)).rejects.toEqual({ reason: 'failed' });
    const throwing = host(sendHttp, { http: () => { throw new Error('ECONNREFUSED'); } });
    await expect(api(throwing, 'sendHttpRequest')(url)).rejects.toEqual({ reason: 'failed' });
    const slow = host(sendHttp, { http: () => new Promise(() => undefined) });
    await expect(api(slow, 'sendHttpRequest')(url, { timeout: 5 })).rejects.toEqual({ reason: 'timed_out' });
    expect(slow.record.requests[0].outcome).toEqual({ error: 'timed_out' });
    const codes: unknown[] = [];
    const callbackHost = host(sendHttp, { http: () => ({ error: 'failed' }) });
    api(callbackHost, 'sendHttpRequest')(url, (code: number) => codes.push(code));
    await callbackHost.settle();
    expect(codes).toEqual([0]);
  });

  test('refused URL throws before anything is sent', () => {
    const calls: unknown[] = [];
    const h = host(sendHttp, { http: (request) => { calls.push(request); return { statusCode: 200 }; } });
    expect(() => api(h, 'sendHttpRequest')('https://example.com/', () => undefined)).toThrow(/send_http.*example\.com/);
    expect(calls).toEqual([]);
    expect(h.record.requests).toEqual([]);
  });

  test('an authorization object from getGoogleAuth adds a bearer header', async () => {
    const h = host({ send_http: { allowedUrls: 'any' }, use_google_credentials: { allowedScopes: ['https://www.googleapis.com/auth/datastore'] } });
    const auth = api(h, 'getGoogleAuth')({ scopes: ['https://www.googleapis.com/auth/datastore'] });
    await api(h, 'sendHttpRequest')('https://firestore.googleapis.com/v1/x', { authorization: auth });
    expect(h.record.requests[0].request.headers.Authorization).toMatch(/^Bearer /);
  });

  test('sendHttpGet always uses GET', async () => {
    const h = host(sendHttp);
    await api(h, 'sendHttpGet')(url, { method: 'POST', headers: { a: 'b' } });
    expect(h.record.requests[0].request).toMatchObject({ method: 'GET', headers: { a: 'b' } });
  });
});

describe('templateDataStorage, messages, event callbacks, container data', () => {
  test('templateDataStorage stores copies; null when absent; needs access_template_storage', () => {
    const storage = new Map<string, unknown>();
    const h = host({ access_template_storage: {} }, { templateDataStorage: storage });
    const store = api<Record<string, (...a: unknown[]) => unknown>>(h, 'templateDataStorage');
    expect(store.getItemCopy('k')).toBeNull();
    const value = { token: 'abc' };
    store.setItemCopy('k', value);
    value.token = 'changed';
    expect(store.getItemCopy('k')).toEqual({ token: 'abc' });
    expect(storage.get('k')).toEqual({ token: 'abc' });
    store.removeItem('k');
    expect(store.getItemCopy('k')).toBeNull();
    store.setItemCopy('a', 1);
    store.clear();
    expect(storage.size).toBe(0);
    const denied = api<Record<string, (...a: unknown[]) => unknown>>(host({}), 'templateDataStorage');
    expect(() => denied.getItemCopy('k')).toThrow(/access_template_storage/);
  });

  test('message listeners receive sendMessage synchronously; use_message enforced', () => {
    const env: ServerEnvironment = {};
    const h = host({ use_message: { allowedActions: 'any' } }, env);
    const received: unknown[] = [];
    expect(api(h, 'hasMessageListener')('set_cookie')).toBe(false);
    api(h, 'addMessageListener')('set_cookie', (type: string, message: unknown) => received.push([type, message]));
    expect(api(h, 'hasMessageListener')('set_cookie')).toBe(true);
    api(h, 'sendMessage')('set_cookie', { name: 'a' });
    expect(received).toEqual([['set_cookie', { name: 'a' }]]);
    const limited = host({ use_message: { allowedActions: 'specific', messageTypes: [{ type: 'x', action: 'listen' }] } });
    expect(() => api(limited, 'sendMessage')('x', {})).toThrow(/use_message/);
  });

  test('runs of one event share messages even when each run gets a copy of the environment', () => {
    const eventData = { event_name: 'x' };
    const first = host({ use_message: { allowedActions: 'any' } }, { eventData });
    const second = host({ use_message: { allowedActions: 'any' } }, { eventData });
    const received: unknown[] = [];
    api(first, 'addMessageListener')('m', (_type: string, message: unknown) => received.push(message));
    api(second, 'sendMessage')('m', { v: 1 });
    expect(received).toEqual([{ v: 1 }]);
    const otherEvent = host({ use_message: { allowedActions: 'any' } }, { eventData: { event_name: 'y' } });
    expect(api(otherEvent, 'hasMessageListener')('m')).toBe(false);
  });

  test('addEventCallback callbacks run when the host fires them', () => {
    const env: ServerEnvironment = {};
    const h = host({ read_event_metadata: {} }, env);
    const calls: unknown[] = [];
    api(h, 'addEventCallback')((containerId: string, eventData: unknown) => calls.push([containerId, eventData]));
    fireEventCallbacks(h, 'GTM-X', { tags: [{ id: '1', status: 'success' }] });
    expect(calls).toEqual([['GTM-X', { tags: [{ id: '1', status: 'success' }] }]]);
    expect(() => api(host({}), 'addEventCallback')(() => undefined)).toThrow(/read_event_metadata/);
  });

  test('getClientName and runContainer', async () => {
    const h = host({ read_container_data: {}, run_container: {} }, { clientName: 'TikTok Client' });
    expect(api(h, 'getClientName')()).toBe('TikTok Client');
    const order: string[] = [];
    api(h, 'runContainer')({ event_name: 'x' }, (bind: (f: unknown) => unknown) => order.push(typeof bind), () => order.push('start'));
    await h.flush();
    expect(order).toEqual(['start', 'function']);
    expect(() => api(host({}), 'runContainer')({})).toThrow(/run_container/);
  });
});

describe('Google Cloud and pixels', () => {
  test('BigQuery.insert appends to the in-memory table and records the insert', async () => {
    const tables = new Map<string, unknown[]>();
    const h = host({ access_bigquery: { allowedTables: [{ projectId: 'p', datasetId: 'ds', tableId: 't', operation: 'write' }] } }, { bigQuery: tables, projectId: 'p' });
    const bigQuery = api<{ insert(...a: unknown[]): Promise<void> }>(h, 'BigQuery');
    await bigQuery.insert({ datasetId: 'ds', tableId: 't' }, [{ a: 1 }]);
    expect(tables.get('p.ds.t')).toEqual([{ a: 1 }]);
    expect(h.record.bigQueryInserts).toEqual([{ table: 'p.ds.t', rows: [{ a: 1 }] }]);
    expect(() => bigQuery.insert({ projectId: 'p', datasetId: 'ds', tableId: 'other' }, [])).toThrow(/access_bigquery/);
  });

  test('Firestore write/read/query/runTransaction in memory', async () => {
    const documents = new Map<string, Record<string, unknown>>();
    const h = host({ access_firestore: { allowedOptions: [{ projectId: '*', path: '**', operation: 'read_write' }] } }, { firestore: documents, projectId: 'p' });
    const firestore = api<Record<string, (...a: unknown[]) => Promise<unknown>>>(h, 'Firestore');
    await expect(firestore.write('users/u1', { age: 30, tags: ['a'] })).resolves.toBe('u1');
    await firestore.write('users/u2', { age: 20 });
    await firestore.write('users/u1', { name: 'x' }, { merge: true });
    await expect(firestore.read('users/u1')).resolves.toEqual({ id: 'u1', data: { age: 30, tags: ['a'], name: 'x' } });
    await expect(firestore.read('users/none')).rejects.toBeDefined();
    await expect(firestore.query('users', [['age', '>', 25]])).resolves.toEqual([{ id: 'u1', data: { age: 30, tags: ['a'], name: 'x' } }]);
    await expect(firestore.query('users', [['tags', 'array-contains', 'a']])).resolves.toHaveLength(1);
    const newId = await firestore.write('events', { x: 1 });
    expect(documents.has(`events/${newId}`)).toBe(true);
    const ids = await firestore.runTransaction((transaction: string) => firestore.write('users/u3', { a: 1 }, { transaction }));
    expect(ids).toEqual(['u3']);
    const readOnly = host({ access_firestore: { allowedOptions: [{ projectId: '*', path: 'users/*', operation: 'read' }] } }, { firestore: documents });
    expect(() => api<Record<string, (...a: unknown[]) => unknown>>(readOnly, 'Firestore').write('users/u9', {})).toThrow(/access_firestore/);
  });

  test('getGoogleAuth and sendPixelFromBrowser', () => {
    const h = host({
      use_google_credentials: { allowedScopes: ['https://www.googleapis.com/auth/datastore'] },
      send_pixel_from_browser: { allowedUrls: 'specific', urls: ['https://px.example.com/*'] },
    });
    expect(api(h, 'getGoogleAuth')({ scopes: ['https://www.googleapis.com/auth/datastore'] })).toMatchObject({ scopes: ['https://www.googleapis.com/auth/datastore'] });
    expect(() => api(h, 'getGoogleAuth')({ scopes: ['https://www.googleapis.com/auth/bigquery'] })).toThrow(/use_google_credentials/);
    expect(api(h, 'sendPixelFromBrowser')('https://px.example.com/p?x=1')).toBe(true);
    expect(h.record.pixelsSent).toEqual(['https://px.example.com/p?x=1']);
    expect(() => api(h, 'sendPixelFromBrowser')('https://other.com/p')).toThrow(/send_pixel_from_browser/);
  });

  test('hmacSha256 with a configured key; getGoogleScript rejects offline', async () => {
    const h = host({ use_custom_private_keys: {} }, { privateKeys: { k1: 'secret' } } as ServerEnvironment);
    expect(api(h, 'hmacSha256')('data', 'k1')).toBe(createHmac('sha256', 'secret').update('data').digest('base64url'));
    expect(api(h, 'hmacSha256')('data', 'k1', { outputEncoding: 'hex' })).toBe(createHmac('sha256', 'secret').update('data').digest('hex'));
    await expect(api(h, 'getGoogleScript')('ANALYTICS')).rejects.toHaveProperty('reason');
  });
});
