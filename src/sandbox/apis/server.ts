// Server-side GTM APIs (___SANDBOXED_JS_FOR_SERVER___). Host functions on host values; each
// asserts its permission before any effect.

import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HttpOutcome, HttpResponse, IncomingRequest, OutgoingHttpRequest, ServerEnvironment } from '../environment';
import { containerVersion, deepCopy, isFunction, isPlainObject, readPath, requireString } from './common';
import { decodeCookieValue, parseCookieString, recordCookieWrite } from './cookies';
import { computeEffectiveTldPlusOne, createRegex, sha256Digest, sharedApis, testRegex } from './shared';
import { eventKey, requestKey, stateOf } from './state';
import type { ApiHost, ApiTable } from './types';
import { effectiveTldPlusOne } from './url';

const serverEnv = (host: ApiHost): ServerEnvironment => host.env as ServerEnvironment;
const request = (host: ApiHost): IncomingRequest => serverEnv(host).request ?? {};

// ---------------------------------------------------------------- request

function headerValues(req: IncomingRequest, name: string): string[] | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  let found = false;
  for (const [key, value] of Object.entries(req.headers ?? {})) {
    if (key.toLowerCase() !== wanted) continue;
    found = true;
    if (Array.isArray(value)) values.push(...value.map(String));
    else values.push(String(value));
  }
  return found ? values : undefined;
}

/** The raw query string: request.queryString, else built from request.query. */
export function rawQueryString(req: IncomingRequest): string {
  if (req.queryString !== undefined) return req.queryString.replace(/^\?/, '');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

/** Decoded query parameters; repeated names become arrays. */
export function queryParameters(req: IncomingRequest): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString(req))) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

function remoteAddress(req: IncomingRequest): string | undefined {
  if (req.remoteAddress) return req.remoteAddress;
  const forwardedFor = headerValues(req, 'x-forwarded-for');
  if (forwardedFor && forwardedFor.length > 0) return forwardedFor.join(',').split(',')[0].trim();
  const forwarded = headerValues(req, 'forwarded');
  if (forwarded) {
    const match = /for="?\[?([^;,"\]]+)/i.exec(forwarded.join(','));
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The request's cookies by name, worked out once per run: the incoming request does not change
 * while a template runs (setCookie writes the response, not the request), so a template that reads
 * two cookies need not pay for the parse (or the copy of env.cookies) twice. Callers get copies.
 */
const cookiesOfRun = new WeakMap<ApiHost, Map<string, string[]>>();

function requestCookies(host: ApiHost): Map<string, string[]> {
  let cookies = cookiesOfRun.get(host);
  if (cookies === undefined) {
    cookies = parseRequestCookies(host);
    cookiesOfRun.set(host, cookies);
  }
  return cookies;
}

function parseRequestCookies(host: ApiHost): Map<string, string[]> {
  const env = serverEnv(host);
  if (env.cookies) {
    const map = new Map<string, string[]>();
    for (const [name, value] of Object.entries(env.cookies)) map.set(name, Array.isArray(value) ? value.map(String) : [String(value)]);
    return map;
  }
  const header = headerValues(request(host), 'cookie');
  return parseCookieString(header ? header.join('; ') : '');
}

// ---------------------------------------------------------------- HTTP

export const DEFAULT_HTTP_TIMEOUT = 15000;

const defaultTransport = (): HttpOutcome => ({ statusCode: 200, headers: {}, body: '' });

function isFailure(outcome: HttpOutcome): outcome is { error: 'failed' | 'timed_out' } {
  return typeof (outcome as { error?: unknown }).error === 'string';
}

/** Sends through env.http (default 200, empty body), enforcing the timeout, recording the outcome. */
function performRequest(host: ApiHost, outgoing: OutgoingHttpRequest): Promise<HttpOutcome> {
  const entry: { request: OutgoingHttpRequest; outcome?: HttpOutcome } = { request: outgoing };
  host.record.requests.push(entry);
  const transport = serverEnv(host).http ?? defaultTransport;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HttpOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ error: 'timed_out' }), outgoing.timeout);
    timer.unref?.();
  });
  const sent = Promise.resolve()
    .then(() => transport(outgoing))
    .then(
      (outcome): HttpOutcome => outcome ?? { error: 'failed' },
      (): HttpOutcome => ({ error: 'failed' }),
    );
  return Promise.race([sent, timeout]).then((outcome) => {
    if (timer) clearTimeout(timer);
    entry.outcome = outcome;
    return outcome;
  });
}

function buildRequest(api: string, url: unknown, options: unknown, body: unknown): OutgoingHttpRequest {
  const target = requireString(api, 'url', url);
  const opts = isPlainObject(options) ? options : {};
  const headers: Record<string, string> = {};
  if (isPlainObject(opts.headers)) {
    for (const [key, value] of Object.entries(opts.headers)) {
      if (value !== undefined && value !== null) headers[key] = String(value);
    }
  }
  // An authorization object from getGoogleAuth becomes a bearer token header, as GTM adds one.
  if (isPlainObject(opts.authorization) && !Object.keys(headers).some((key) => key.toLowerCase() === 'authorization')) {
    headers.Authorization = 'Bearer emulated-google-access-token';
  }
  const timeout = opts.timeout === undefined || opts.timeout === null ? DEFAULT_HTTP_TIMEOUT : Number(opts.timeout);
  const outgoing: OutgoingHttpRequest = {
    url: target,
    method: typeof opts.method === 'string' ? opts.method.toUpperCase() : 'GET',
    headers,
    timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_HTTP_TIMEOUT,
  };
  if (body !== undefined && body !== null) outgoing.body = String(body);
  return outgoing;
}

function responseOf(outcome: HttpResponse): { statusCode: number; headers: Record<string, string>; body: string } {
  return { statusCode: outcome.statusCode, headers: { ...(outcome.headers ?? {}) }, body: outcome.body ?? '' };
}

/**
 * sendHttpRequest(url, callback, options?, body?) or sendHttpRequest(url, options?, body?).
 * Promise form: resolves {statusCode, headers, body} for any HTTP status, rejects {reason} on a
 * transport failure/timeout. Callback form: callback(statusCode, headers, body); on a transport
 * failure GTM's behaviour is undocumented — we call the callback with statusCode 0, empty headers
 * and body, so the usual `statusCode >= 200 && statusCode < 300` check takes the failure branch
 * instead of the tag hanging until timeout.
 */
function httpApi(host: ApiHost, api: 'sendHttpRequest' | 'sendHttpGet') {
  return (url: unknown, second?: unknown, third?: unknown, fourth?: unknown): Promise<unknown> | undefined => {
    const callback = isFunction(second) ? second : undefined;
    const options = callback ? third : second;
    const body = api === 'sendHttpGet' ? undefined : callback ? fourth : third;
    const outgoing = buildRequest(api, url, options, body);
    if (api === 'sendHttpGet') outgoing.method = 'GET';
    host.permissions.assert('send_http', outgoing.url);
    const pending = performRequest(host, outgoing);
    if (callback) {
      const done = pending.then((outcome) => {
        if (isFailure(outcome)) callback(0, {}, '');
        else {
          const response = responseOf(outcome);
          callback(response.statusCode, response.headers, response.body);
        }
      });
      host.track(done);
      return undefined;
    }
    const result = pending.then((outcome) => {
      if (isFailure(outcome)) return Promise.reject({ reason: outcome.error });
      return responseOf(outcome);
    });
    host.track(result.catch(() => undefined));
    return result;
  };
}

// ---------------------------------------------------------------- cookies / response

/** setCookie domain 'auto': eTLD+1 of the request's Host header; fallbackDomain or none otherwise. */
function resolveCookieDomain(host: ApiHost, options: Record<string, unknown>): string | undefined {
  const domain = options.domain;
  if (domain === undefined || domain === null || domain === '') return undefined;
  if (String(domain).toLowerCase() !== 'auto') return String(domain);
  const hostHeader = headerValues(request(host), 'host')?.[0] ?? headerValues(request(host), 'x-forwarded-host')?.[0];
  const registrable = hostHeader ? effectiveTldPlusOne(hostHeader.split(',')[0].trim()) : '';
  if (registrable) return registrable;
  const fallback = options.fallbackDomain;
  return typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
}

const PIXEL_GIF_BASE64 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function setHeader(host: ApiHost, name: string, value: unknown): void {
  const key = name.toLowerCase();
  if (value === undefined || value === null) delete host.record.response.headers[key];
  else host.record.response.headers[key] = String(value);
}

// ---------------------------------------------------------------- MP v1 / v2

const MPV1_PATHS = ['/collect', '/r/collect', '/j/collect', '/batch'];

function isMpv1(req: IncomingRequest): boolean {
  const path = req.path ?? '';
  if (!MPV1_PATHS.includes(path)) return false;
  const query = rawQueryString(req);
  const params = new URLSearchParams(query || ((req.body ?? '').split('\n')[0] ?? ''));
  return params.get('v') === '1';
}

function isMpv2(req: IncomingRequest): boolean {
  return (req.path ?? '') === '/mp/collect' && (req.method ?? 'GET').toUpperCase() === 'POST';
}

const MPV1_EVENT_NAMES: Record<string, string> = { pageview: 'page_view', screenview: 'screen_view', event: 'custom', transaction: 'purchase', timing: 'timing_complete', exception: 'exception' };

function extractMpv1(req: IncomingRequest): Record<string, unknown>[] {
  const lines = req.body && (req.method ?? '').toUpperCase() === 'POST' ? req.body.split('\n').filter(Boolean) : [rawQueryString(req)];
  return lines.map((line) => {
    const params = new URLSearchParams(line);
    if (params.get('v') !== '1' || !params.get('tid')) throw new Error('extractEventsFromMpv1: request is not a valid Measurement Protocol v1 hit');
    const hitType = params.get('t') ?? 'pageview';
    const event: Record<string, unknown> = {
      event_name: hitType === 'event' && params.get('ea') ? params.get('ea') : MPV1_EVENT_NAMES[hitType] ?? hitType,
      client_id: params.get('cid') ?? undefined,
      page_location: params.get('dl') ?? undefined,
      page_title: params.get('dt') ?? undefined,
      page_referrer: params.get('dr') ?? undefined,
      user_id: params.get('uid') ?? undefined,
      language: params.get('ul') ?? undefined,
      screen_resolution: params.get('sr') ?? undefined,
      'x-ga-protocol_version': '1',
      'x-ga-measurement_id': params.get('tid'),
    };
    for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
    return event;
  });
}

function extractMpv2(req: IncomingRequest): Record<string, unknown>[] {
  let payload: unknown;
  try {
    payload = JSON.parse(req.body ?? '');
  } catch {
    throw new Error('extractEventsFromMpv2: request body is not JSON');
  }
  if (!isPlainObject(payload) || !Array.isArray(payload.events)) throw new Error('extractEventsFromMpv2: body has no events array');
  const query = queryParameters(req);
  return payload.events.map((item) => {
    if (!isPlainObject(item) || typeof item.name !== 'string') throw new Error('extractEventsFromMpv2: event without a name');
    const event: Record<string, unknown> = { ...(isPlainObject(item.params) ? item.params : {}), event_name: item.name };
    if (payload && isPlainObject(payload)) {
      if (payload.client_id !== undefined) event.client_id = payload.client_id;
      if (payload.user_id !== undefined) event.user_id = payload.user_id;
    }
    if (typeof query.measurement_id === 'string') event['x-ga-measurement_id'] = query.measurement_id;
    event['x-ga-protocol_version'] = '2';
    return event;
  });
}

// ---------------------------------------------------------------- Firestore (in memory)

function firestoreStore(host: ApiHost): Map<string, Record<string, unknown>> {
  const env = serverEnv(host);
  env.firestore ??= new Map();
  return env.firestore;
}

const segments = (path: string) => path.split('/').filter(Boolean);

function compare(op: string, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case '==':
    case 'equals':
      return JSON.stringify(actual) === JSON.stringify(expected);
    case '!=':
      return JSON.stringify(actual) !== JSON.stringify(expected);
    case '<':
      return (actual as number) < (expected as number);
    case '<=':
      return (actual as number) <= (expected as number);
    case '>':
      return (actual as number) > (expected as number);
    case '>=':
      return (actual as number) >= (expected as number);
    case 'array-contains':
      return Array.isArray(actual) && actual.some((item) => JSON.stringify(item) === JSON.stringify(expected));
    case 'in':
      return Array.isArray(expected) && expected.some((item) => JSON.stringify(item) === JSON.stringify(actual));
    case 'not-in':
      return Array.isArray(expected) && !expected.some((item) => JSON.stringify(item) === JSON.stringify(actual));
    case 'array-contains-any':
      return Array.isArray(actual) && Array.isArray(expected) &&
        actual.some((item) => expected.some((wanted) => JSON.stringify(item) === JSON.stringify(wanted)));
    default:
      throw new Error(`Firestore.query: unsupported operator ${op}`);
  }
}

function firestoreApi(host: ApiHost) {
  const projectOf = (options: unknown) =>
    (isPlainObject(options) && typeof options.projectId === 'string' ? options.projectId : serverEnv(host).projectId) ?? '';
  const transactions = new Map<string, string[]>();
  const write = (path: unknown, input: unknown, options?: unknown): Promise<string> => {
    const docPath = requireString('Firestore.write', 'path', path);
    host.permissions.assert('access_firestore', 'write', docPath, { projectId: projectOf(options), databaseId: isPlainObject(options) ? options.databaseId : undefined });
    if (!isPlainObject(input)) return Promise.reject({ reason: 'invalid input: a plain object is required' });
    const store = firestoreStore(host);
    let fullPath = segments(docPath).join('/');
    if (segments(docPath).length % 2 === 1) fullPath = `${fullPath}/${randomBytes(10).toString('hex')}`;
    const merge = isPlainObject(options) && options.merge === true;
    store.set(fullPath, merge ? { ...(store.get(fullPath) ?? {}), ...deepCopy(input) } : deepCopy(input));
    const id = fullPath.split('/').pop() ?? fullPath;
    if (isPlainObject(options) && typeof options.transaction === 'string') transactions.get(options.transaction)?.push(id);
    return Promise.resolve(id);
  };
  return {
    read(path: unknown, options?: unknown): Promise<unknown> {
      const docPath = requireString('Firestore.read', 'path', path);
      host.permissions.assert('access_firestore', 'read', docPath, { projectId: projectOf(options), databaseId: isPlainObject(options) ? options.databaseId : undefined });
      const document = firestoreStore(host).get(segments(docPath).join('/'));
      if (!document) return Promise.reject({ reason: 'not_found' });
      return Promise.resolve({ id: segments(docPath).pop(), data: deepCopy(document) });
    },
    write,
    query(collection: unknown, conditions: unknown, options?: unknown): Promise<unknown> {
      const collectionPath = segments(requireString('Firestore.query', 'collection', collection)).join('/');
      host.permissions.assert('access_firestore', 'read', collectionPath, { projectId: projectOf(options), databaseId: isPlainObject(options) ? options.databaseId : undefined });
      const limit = isPlainObject(options) && options.limit !== undefined ? Number(options.limit) : 5;
      const filters = Array.isArray(conditions) ? conditions : [];
      const results: { id: string; data: unknown }[] = [];
      try {
        for (const [path, data] of firestoreStore(host)) {
          const parts = segments(path);
          if (parts.slice(0, -1).join('/') !== collectionPath) continue;
          if (filters.every((filter) => Array.isArray(filter) && compare(String(filter[1]), readPath(data, String(filter[0])), filter[2]))) {
            results.push({ id: parts[parts.length - 1], data: deepCopy(data) });
          }
          if (results.length >= limit) break;
        }
      } catch (error) {
        return Promise.reject({ reason: error instanceof Error ? error.message : String(error) });
      }
      return Promise.resolve(results);
    },
    runTransaction(fn: unknown, options?: unknown): Promise<unknown> {
      if (!isFunction(fn)) return Promise.reject({ reason: 'runTransaction needs a function' });
      void options;
      const transactionId = `transaction-${randomBytes(6).toString('hex')}`;
      transactions.set(transactionId, []);
      return Promise.resolve(fn(transactionId)).then(() => {
        const ids = transactions.get(transactionId) ?? [];
        transactions.delete(transactionId);
        return ids;
      });
    },
  };
}

// ---------------------------------------------------------------- hmacSha256

/** Keys: env.privateKeys (an extension for tests) or the JSON file named by SGTM_CREDENTIALS. */
function privateKey(host: ApiHost, keyId: string): string | undefined {
  const fromEnv = (host.env as { privateKeys?: Record<string, string> }).privateKeys;
  if (fromEnv && typeof fromEnv[keyId] === 'string') return fromEnv[keyId];
  const file = process.env.SGTM_CREDENTIALS;
  if (!file) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Record<string, string> } & Record<string, unknown>;
    const keys = parsed.keys ?? parsed;
    const key = (keys as Record<string, unknown>)[keyId];
    return typeof key === 'string' ? Buffer.from(key, 'base64').toString('binary') : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- table

export const serverOnlyApis: ApiTable = {
  // --- event data
  getAllEventData: (host) => () => {
    host.permissions.assert('read_event_data', undefined);
    return deepCopy(serverEnv(host).eventData ?? {});
  },
  getEventData: (host) => (keyPath: unknown) => {
    const key = requireString('getEventData', 'keyPath', keyPath);
    host.permissions.assert('read_event_data', key);
    return deepCopy(readPath(serverEnv(host).eventData ?? {}, key));
  },
  // --- request
  getRequestHeader: (host) => (name: unknown) => {
    const headerName = requireString('getRequestHeader', 'headerName', name);
    host.permissions.assert('read_request', 'header', headerName);
    const values = headerValues(request(host), headerName);
    // GTM's test page has no real request: unmocked header reads give '' there (stape's TikTok
    // suite asserts a logged `TraceId` from getRequestHeader('trace-id') is defined). In
    // production an absent header is undefined.
    if (values === undefined) return host.testMode ? '' : undefined;
    return values.join(', ');
  },
  getRequestMethod: (host) => () => {
    host.permissions.assert('read_request', 'method');
    return (request(host).method ?? 'GET').toUpperCase();
  },
  getRequestPath: (host) => () => {
    host.permissions.assert('read_request', 'path');
    return request(host).path ?? '/';
  },
  getRequestBody: (host) => () => {
    host.permissions.assert('read_request', 'body');
    return request(host).body;
  },
  getRequestQueryParameter: (host) => (name: unknown) => {
    const key = requireString('getRequestQueryParameter', 'name', name);
    host.permissions.assert('read_request', 'query_parameter', key);
    const value = queryParameters(request(host))[key];
    return Array.isArray(value) ? value[0] : value;
  },
  getRequestQueryParameters: (host) => () => {
    host.permissions.assert('read_request', 'query_parameter', undefined);
    return queryParameters(request(host));
  },
  getRequestQueryString: (host) => () => {
    host.permissions.assert('read_request', 'query_string');
    return rawQueryString(request(host));
  },
  getRemoteAddress: (host) => () => {
    host.permissions.assert('read_request', 'remote_address');
    return remoteAddress(request(host));
  },
  // Whether the MP detection/extraction APIs need read_request is undocumented: detection is
  // treated as free (it reveals one boolean), extraction needs the parts of the request it reads.
  isRequestMpv1: (host) => () => isMpv1(request(host)),
  isRequestMpv2: (host) => () => isMpv2(request(host)),
  extractEventsFromMpv1: (host) => () => {
    const req = request(host);
    if (req.body && (req.method ?? '').toUpperCase() === 'POST') host.permissions.assert('read_request', 'body');
    else host.permissions.assert('read_request', 'query_parameter', undefined);
    return extractMpv1(req);
  },
  extractEventsFromMpv2: (host) => () => {
    host.permissions.assert('read_request', 'body');
    return extractMpv2(request(host));
  },
  // --- cookies
  getCookieValues: (host) => (name: unknown, noDecode?: unknown) => {
    const cookieName = requireString('getCookieValues', 'name', name);
    host.permissions.assert('get_cookies', cookieName);
    const values = requestCookies(host).get(cookieName) ?? [];
    return noDecode === true ? [...values] : values.map(decodeCookieValue);
  },
  setCookie: (host) => (name: unknown, value: unknown, options?: unknown, noEncode?: unknown) => {
    recordCookieWrite(host, name, value, options, noEncode !== true, (opts) => resolveCookieDomain(host, opts));
  },
  // --- response
  setResponseStatus: (host) => (status: unknown) => {
    host.permissions.assert('access_response', 'status');
    host.record.response.status = Number(status);
  },
  setResponseHeader: (host) => (name: unknown, value: unknown) => {
    const headerName = requireString('setResponseHeader', 'name', name);
    host.permissions.assert('access_response', 'header', headerName);
    setHeader(host, headerName, value);
  },
  // Bodies with a non-utf8 encoding are stored decoded as a 'latin1' (binary) string.
  setResponseBody: (host) => (body: unknown, encoding?: unknown) => {
    host.permissions.assert('access_response', 'body');
    const text = body === undefined || body === null ? '' : String(body);
    const enc = typeof encoding === 'string' ? encoding.toLowerCase() : 'utf8';
    host.record.response.body = enc === 'utf8' || enc === 'utf-8' ? text : Buffer.from(text, enc as BufferEncoding).toString('latin1');
  },
  setPixelResponse: (host) => () => {
    host.permissions.assert('access_response', 'status');
    host.permissions.assert('access_response', 'body');
    for (const header of ['content-type', 'cache-control', 'pragma', 'expires']) host.permissions.assert('access_response', 'header', header);
    host.record.response.status = 200;
    setHeader(host, 'content-type', 'image/gif');
    setHeader(host, 'cache-control', 'no-store, no-cache, must-revalidate, proxy-revalidate');
    setHeader(host, 'pragma', 'no-cache');
    setHeader(host, 'expires', 'Fri, 01 Jan 1990 00:00:00 GMT');
    host.record.response.body = Buffer.from(PIXEL_GIF_BASE64, 'base64').toString('latin1');
  },
  returnResponse: (host) => () => {
    host.permissions.assert('return_response');
    host.record.response.returned = true;
  },
  claimRequest: (host) => () => {
    if (host.templateType !== undefined && host.templateType !== 'CLIENT') throw new Error('claimRequest can only be called from a client');
    if (host.record.response.returned) throw new Error('claimRequest cannot be called after the response was returned');
    stateOf(requestKey(host.env)).requestClaimed = true;
  },
  runContainer: (host) => (event: unknown, onComplete?: unknown, onStart?: unknown) => {
    host.permissions.assert('run_container');
    if (!isPlainObject(event)) throw new Error('runContainer: event must be an object');
    // Minimal: no other tags exist in the emulator. bindToEvent(fn) returns fn bound to the event.
    const bindToEvent = (fn: unknown) => fn;
    if (isFunction(onStart)) host.callLater(() => void onStart(bindToEvent));
    if (isFunction(onComplete)) host.callLater(() => void onComplete(bindToEvent));
  },
  // --- container, messaging
  getClientName: (host) => () => {
    host.permissions.assert('read_container_data');
    return serverEnv(host).clientName ?? '';
  },
  addEventCallback: (host) => (callback: unknown) => {
    host.permissions.assert('read_event_metadata');
    if (!isFunction(callback)) throw new Error('addEventCallback: argument must be a function');
    stateOf(eventKey(host.env)).eventCallbacks.push(callback);
  },
  addMessageListener: (host) => (type: unknown, listener: unknown) => {
    const messageType = requireString('addMessageListener', 'messageType', type);
    host.permissions.assert('use_message', 'listen', messageType);
    if (!isFunction(listener)) throw new Error('addMessageListener: listener must be a function');
    const listeners = stateOf(eventKey(host.env)).messageListeners;
    listeners.set(messageType, [...(listeners.get(messageType) ?? []), listener]);
  },
  hasMessageListener: (host) => (type: unknown) => {
    const messageType = requireString('hasMessageListener', 'messageType', type);
    host.permissions.assert('use_message', 'listen', messageType);
    return (stateOf(eventKey(host.env)).messageListeners.get(messageType)?.length ?? 0) > 0;
  },
  sendMessage: (host) => (type: unknown, message?: unknown) => {
    const messageType = requireString('sendMessage', 'messageType', type);
    host.permissions.assert('use_message', 'send', messageType);
    for (const listener of stateOf(eventKey(host.env)).messageListeners.get(messageType) ?? []) listener(messageType, deepCopy(message));
  },
  templateDataStorage: (host) => {
    const store = () => {
      const env = serverEnv(host);
      env.templateDataStorage ??= new Map();
      return env.templateDataStorage;
    };
    return {
      getItemCopy(key: unknown) {
        host.permissions.assert('access_template_storage');
        const value = store().get(String(key));
        return value === undefined ? null : deepCopy(value);
      },
      setItemCopy(key: unknown, value: unknown) {
        host.permissions.assert('access_template_storage');
        if (value === null || value === undefined) store().delete(String(key));
        else store().set(String(key), deepCopy(value));
      },
      removeItem(key: unknown) {
        host.permissions.assert('access_template_storage');
        store().delete(String(key));
      },
      clear() {
        host.permissions.assert('access_template_storage');
        store().clear();
      },
    };
  },
  // --- HTTP and Google
  sendHttpRequest: (host) => httpApi(host, 'sendHttpRequest'),
  sendHttpGet: (host) => httpApi(host, 'sendHttpGet'),
  getGoogleAuth: (host) => (options: unknown) => {
    const scopes = isPlainObject(options) && Array.isArray(options.scopes) ? options.scopes.map(String) : [];
    host.permissions.assert('use_google_credentials', scopes);
    return { type: 'google_auth', scopes };
  },
  sendPixelFromBrowser: (host) => (url: unknown) => {
    const target = requireString('sendPixelFromBrowser', 'url', url);
    host.permissions.assert('send_pixel_from_browser', target);
    host.record.pixelsSent.push(target);
    return true;
  },
  getGoogleScript: () => (script: unknown) =>
    Promise.reject({ reason: `getGoogleScript(${String(script)}) is not available offline` }),
  sendEventToGoogleAnalytics: (host) => (event: unknown) => {
    if (!isPlainObject(event)) return Promise.reject({ reason: 'event must be an object' });
    // Recorded as a request so tests can see it; nothing leaves the machine.
    host.record.requests.push({
      request: { url: 'https://region1.google-analytics.com/g/collect', method: 'POST', headers: {}, body: JSON.stringify(event), timeout: DEFAULT_HTTP_TIMEOUT },
      outcome: { statusCode: 200, headers: {}, body: '' },
    });
    return Promise.resolve({});
  },
  BigQuery: (host) => ({
    insert(connection: unknown, rows: unknown, options?: unknown): Promise<void> {
      void options;
      const info = isPlainObject(connection) ? connection : {};
      const table = {
        projectId: typeof info.projectId === 'string' ? info.projectId : serverEnv(host).projectId ?? '',
        datasetId: String(info.datasetId ?? ''),
        tableId: String(info.tableId ?? ''),
      };
      host.permissions.assert('access_bigquery', 'write', table);
      if (!Array.isArray(rows)) return Promise.reject({ reason: 'invalid', errors: [{ reason: 'rows must be an array' }] });
      const key = `${table.projectId}.${table.datasetId}.${table.tableId}`;
      const env = serverEnv(host);
      env.bigQuery ??= new Map();
      const copies = rows.map((row) => deepCopy(row));
      env.bigQuery.set(key, [...(env.bigQuery.get(key) ?? []), ...copies]);
      host.record.bigQueryInserts.push({ table: key, rows: copies });
      return Promise.resolve();
    },
  }),
  Firestore: (host) => firestoreApi(host),
  hmacSha256: (host) => (data: unknown, keyId: unknown, options?: unknown) => {
    const id = requireString('hmacSha256', 'keyId', keyId);
    host.permissions.assert('use_custom_private_keys', id);
    const key = privateKey(host, id);
    if (key === undefined) throw new Error(`hmacSha256: no private key "${id}" (set SGTM_CREDENTIALS)`);
    const encoding = isPlainObject(options) && typeof options.outputEncoding === 'string' ? options.outputEncoding : 'base64url';
    return createHmac('sha256', key).update(String(data)).digest(encoding as 'hex' | 'base64' | 'base64url');
  },
  // --- pure server-only utilities
  sha256Sync: () => (input: unknown, options?: unknown) => sha256Digest(input, options),
  computeEffectiveTldPlusOne: () => computeEffectiveTldPlusOne,
  createRegex: () => createRegex,
  testRegex: () => testRegex,
  Promise: () => ({
    create: (resolver: unknown) => {
      if (!isFunction(resolver)) throw new Error('Promise.create: resolver must be a function');
      return new Promise((resolve, reject) => void resolver(resolve, reject));
    },
    all: (list: unknown) => Promise.all(Array.isArray(list) ? list : []),
  }),
  getContainerVersion: (host) => () => {
    host.permissions.assert('read_container_data');
    return containerVersion(host);
  },
};

export const serverApis: ApiTable = { ...sharedApis, ...serverOnlyApis };
