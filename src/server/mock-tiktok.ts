// A mock of TikTok's Events API 2.0 (`POST /open_api/v1.3/event/track/`) that checks every request
// against the contract in docs/contracts/tiktok-events-api.md and answers the way TikTok does:
// business errors come back with HTTP 200 and a `code` in the body, gateway failures as
// HTTP 5xx with an HTML page. Used embedded in the local tagging server and standalone
// (`ts-node src/server/mock-tiktok.ts`, port MOCK_PORT or 9090). `validateTrackRequest` is
// exported on its own so fuzz tests can reuse the rules.

import * as http from 'http';
import { randomBytes } from 'crypto';
import { TikTokBooks } from './tiktok-books';
import { BoundedLog, MAX_JSON_DEPTH, nestingDepth } from './bounds';
import { checkControlRequest, discardRest, readBody } from './request-guard';
import { hideSecretHeaders } from './secrets';

export const TRACK_PATH = '/open_api/v1.3/event/track/';
export const MOCK_CONTROL_PREFIX = '/_mock/tiktok';

/** The 2025 web standard events plus the pixel's Pageview (docs/contracts/tiktok-events-api.md, event names). */
export const CURRENT_EVENT_NAMES = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration', 'Contact',
  'CustomizeProduct', 'Download', 'FindLocation', 'InitiateCheckout', 'Lead', 'Purchase', 'Schedule', 'Search',
  'StartTrial', 'SubmitApplication', 'Subscribe', 'ViewContent', 'Pageview',
] as const;

/** The "classic 14" names TikTok listed until 2025; still sent by its own 2024 templates (§2.2). */
export const LEGACY_EVENT_NAMES = [
  'ViewContent', 'ClickButton', 'Search', 'AddToWishlist', 'AddToCart', 'InitiateCheckout', 'AddPaymentInfo',
  'CompletePayment', 'PlaceAnOrder', 'Contact', 'Download', 'SubmitForm', 'CompleteRegistration', 'Subscribe',
] as const;

/** The 62 ISO 4217 codes TikTok's SDK and reference list (§1.5). */
export const SUPPORTED_CURRENCIES = new Set(
  ('AED ARS AUD BDT BHD BIF BOB BRL CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GTQ HKD HNL HUF IDR ILS INR ' +
    'ISK JPY KES KHR KRW KWD KZT MAD MOP MXN MYR NGN NIO NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RUB SAR SEK SGD ' +
    'THB TRY TWD UAH USD VES VND ZAR').split(' '),
);

const STANDARD_NAMES = new Set<string>([...CURRENT_EVENT_NAMES, ...LEGACY_EVENT_NAMES]);
const STANDARD_BY_LOWER = new Map([...STANDARD_NAMES].map((name) => [name.toLowerCase(), name]));
/** user.* keys TikTok wants as SHA-256 (email/phone/external_id [DOC]; names and zip [IMPL]). */
const HASHED_USER_KEYS = ['email', 'phone', 'phone_number', 'external_id', 'first_name', 'last_name', 'zip_code'];
const SHA256_HEX = /^[0-9a-f]{64}$/;
const EVENT_SOURCES = new Set(['web', 'app', 'offline', 'crm']);
export const MAX_EVENTS_PER_REQUEST = 1000;
/** An event_time older than this is accepted with a warning (TikTok publishes no age limit; §3 suggests warning at 7 days). */
export const OLD_EVENT_WARNING_SECONDS = 7 * 24 * 3600;

export interface ValidationOptions {
  /** Seconds since the epoch; default Date.now()/1000. */
  nowSeconds?: number;
  /**
   * When set, an event_time more than this many seconds before now is refused (40002), for tests
   * that want a strict window. Default: no limit, because TikTok publishes none (docs/contracts/tiktok-events-api.md, limits):
   * an event older than OLD_EVENT_WARNING_SECONDS is accepted with a warning.
   */
  maxAgeSeconds?: number;
  /** Allowed clock skew into the future, in seconds. */
  maxFutureSeconds?: number;
  /** When set, only these Access-Token values are valid (40105 otherwise). */
  validTokens?: string[];
}

export interface TikTokAnswer {
  code: number;
  message: string;
  request_id: string;
  data: Record<string, unknown>;
}

export interface ValidationResult {
  ok: boolean;
  /** 0 when ok, otherwise TikTok's error code (40002 for field errors, 40104 no token, ...). */
  code: number;
  message: string;
  /** HTTP status TikTok uses: 200 for business errors as for success (docs/contracts/tiktok-events-api.md). */
  httpStatus: number;
  /** Non-fatal deviations from the contract (legacy names, missing page/event_id, ...). */
  warnings: string[];
}

/** Validates one `/event/track/` request: headers (any case) and the raw JSON body. */
export function validateTrackRequest(
  headers: Record<string, string | string[] | undefined>,
  rawBody: string | unknown,
  options: ValidationOptions = {},
): ValidationResult {
  const warnings: string[] = [];
  const fail = (code: number, message: string): ValidationResult => ({ ok: false, code, message, httpStatus: 200, warnings });

  const token = findHeader(headers, 'access-token');
  if (token === undefined || token.trim() === '') return fail(40104, 'Access token is empty. Set the Access-Token header.');
  if (options.validTokens && !options.validTokens.includes(token)) return fail(40105, 'Access token is invalid.');

  let body: unknown = rawBody;
  if (typeof rawBody === 'string') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return fail(40000, 'Request body is not valid JSON.');
    }
  }
  if (!isPlainObject(body)) return fail(40002, 'Request body must be a JSON object.');

  const source = body.event_source;
  if (typeof source !== 'string' || !EVENT_SOURCES.has(source)) {
    return fail(40002, `event_source: must be one of web, app, offline, crm (got ${describe(source)}).`);
  }
  if (typeof body.event_source_id !== 'string' || body.event_source_id.trim() === '') {
    return fail(40002, 'event_source_id: Missing data for required field (a non-empty string, the pixel code).');
  }
  if ('test_event_code' in body && typeof body.test_event_code !== 'string') {
    return fail(40002, 'test_event_code: Not a valid string.');
  }
  if ('partner_name' in body && typeof body.partner_name !== 'string') {
    return fail(40063, 'partner_name: Not a valid string.');
  }
  const events = body.data;
  if (!Array.isArray(events) || events.length === 0) return fail(40002, 'data: Missing data for required field (1 to 1000 events).');
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    return fail(40061, `data: at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${events.length}).`);
  }

  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const maxAge = options.maxAgeSeconds;
  const maxFuture = options.maxFutureSeconds ?? 300;

  for (let i = 0; i < events.length; i++) {
    const error = validateEvent(events[i], `data.${i}`, source, now, maxAge, maxFuture, warnings);
    if (error) return fail(40002, error);
  }
  return { ok: true, code: 0, message: 'OK', httpStatus: 200, warnings };
}

function validateEvent(
  event: unknown,
  at: string,
  source: string,
  now: number,
  maxAge: number | undefined,
  maxFuture: number,
  warnings: string[],
): string | undefined {
  if (!isPlainObject(event)) return `${at}: must be an object.`;

  const name = event.event;
  if (typeof name !== 'string' || name.trim() === '') return `${at}.event: Missing data for required field.`;
  const standard = STANDARD_NAMES.has(name);
  const caseVariant = STANDARD_BY_LOWER.get(name.toLowerCase());
  if (!standard && caseVariant) {
    // TikTok would file it as a custom event; it is almost always a typo, so the mock refuses it.
    return `${at}.event: "${name}" differs only in case from the standard event "${caseVariant}" (names are case-sensitive).`;
  }
  if (source === 'offline' && !standard) return `${at}.event: offline events must use a standard event name.`;
  if (source === 'crm' && standard) return `${at}.event: CRM events must use a custom event name.`;
  if ((LEGACY_EVENT_NAMES as readonly string[]).includes(name) && !(CURRENT_EVENT_NAMES as readonly string[]).includes(name)) {
    warnings.push(`${at}.event: "${name}" is a pre-2025 name (not on TikTok's current list)`);
  }
  if (!standard) warnings.push(`${at}.event: "${name}" is a custom event (reporting and audiences only)`);

  const time = event.event_time;
  if (typeof time !== 'number' || !Number.isInteger(time)) return `${at}.event_time: Not a valid integer (Unix time in seconds).`;
  if (time > now + maxFuture) {
    return time > 1e11
      ? `${at}.event_time: ${time} looks like milliseconds; send seconds.`
      : `${at}.event_time: ${time} is in the future.`;
  }
  if (maxAge !== undefined && time < now - maxAge) return `${at}.event_time: ${time} is older than the allowed window (${maxAge} s).`;
  if (time < now - OLD_EVENT_WARNING_SECONDS) {
    const days = Math.floor((now - time) / 86400);
    warnings.push(`${at}.event_time: ${time} is ${days} days old (accepted: TikTok publishes no age limit; send events in real time)`);
  }

  if ('event_id' in event) {
    if (typeof event.event_id !== 'string') return `Invalid value for event_id: not a valid string. (${at}.event_id)`;
    if (event.event_id === '') warnings.push(`${at}.event_id is empty (no deduplication)`);
  } else {
    warnings.push(`${at}.event_id missing (no pixel/server deduplication)`);
  }
  if ('limited_data_use' in event && typeof event.limited_data_use !== 'boolean') {
    return `${at}.limited_data_use: Not a valid boolean.`;
  }

  if ('user' in event) {
    const userError = validateUser(event.user, `${at}.user`, warnings);
    if (userError) return userError;
  }
  if ('page' in event) {
    const page = event.page;
    if (!isPlainObject(page)) return `${at}.page: must be an object.`;
    for (const key of ['url', 'referrer']) {
      if (key in page && typeof page[key] !== 'string') return `${at}.page.${key}: Not a valid string.`;
    }
    if (source === 'web' && typeof page.url !== 'string') warnings.push(`${at}.page.url missing (required for web events)`);
  } else if (source === 'web') {
    warnings.push(`${at}.page missing (required for web events)`);
  }
  if ('properties' in event) return validateProperties(event.properties, `${at}.properties`);
  return undefined;
}

function validateUser(user: unknown, at: string, warnings: string[]): string | undefined {
  if (!isPlainObject(user)) return `${at}: must be an object.`;
  for (const key of HASHED_USER_KEYS) {
    if (!(key in user)) continue;
    const values = Array.isArray(user[key]) ? (user[key] as unknown[]) : [user[key]];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const where = Array.isArray(user[key]) ? `${at}.${key}.${i}` : `${at}.${key}`;
      if (typeof value !== 'string') return `${where}: Not a valid string.`;
      if (!SHA256_HEX.test(value)) return `${where}: must be a SHA-256 hash (64 lower-case hex characters); raw or badly hashed value refused.`;
    }
  }
  if ('phone_number' in user) warnings.push(`${at}.phone_number: the Events API 2.0 key is "phone"`);
  for (const key of ['ttp', 'ttclid', 'ip', 'user_agent', 'locale', 'city', 'state', 'country']) {
    if (key in user && typeof user[key] !== 'string') return `${at}.${key}: Not a valid string.`;
  }
  if (typeof user.ttclid === 'string' && !user.ttclid.startsWith('E.C.P.')) warnings.push(`${at}.ttclid does not start with "E.C.P."`);
  if ((typeof user.ip === 'string') !== (typeof user.user_agent === 'string')) warnings.push(`${at}: send ip and user_agent together`);
  return undefined;
}

function validateProperties(properties: unknown, at: string): string | undefined {
  if (!isPlainObject(properties)) return `${at}: must be an object.`;
  if ('currency' in properties) {
    const currency = properties.currency;
    if (typeof currency !== 'string' || !SUPPORTED_CURRENCIES.has(currency)) {
      return `${at}.currency: ${describe(currency)} is not a supported currency.`;
    }
  }
  if ('value' in properties && !isFiniteNumber(properties.value)) return `${at}.value: Not a valid number.`;
  if ('num_items' in properties && !Number.isInteger(properties.num_items)) return `${at}.num_items: Not a valid integer.`;
  for (const key of ['content_type', 'order_id', 'shop_id', 'query', 'search_string', 'description', 'content_id']) {
    if (key in properties && typeof properties[key] !== 'string') return `${at}.${key}: Not a valid string.`;
  }
  for (const key of ['price', 'quantity']) {
    if (key in properties && !isFiniteNumber(properties[key])) return `${at}.${key}: Not a valid number.`;
  }
  if ('content_ids' in properties) {
    const ids = properties.content_ids;
    if (!Array.isArray(ids)) return `${at}.content_ids: Not a valid list.`;
    const bad = ids.findIndex((id) => typeof id !== 'string');
    if (bad !== -1) return `${at}.content_ids.${bad}: Not a valid string.`;
  }
  if ('contents' in properties) {
    const contents = properties.contents;
    if (!Array.isArray(contents)) return `${at}.contents: Not a valid list.`;
    for (let i = 0; i < contents.length; i++) {
      const content = contents[i];
      const here = `${at}.contents.${i}`;
      if (!isPlainObject(content)) return `${here}: must be an object.`;
      if ('content_id' in content && typeof content.content_id !== 'string') return `${here}.content_id: Not a valid string`;
      if ('price' in content && !isFiniteNumber(content.price)) return `${here}.price: Not a valid number.`;
      if ('quantity' in content && !Number.isInteger(content.quantity)) return `${here}.quantity: Not a valid integer.`;
      for (const key of ['content_name', 'content_category', 'content_type', 'brand']) {
        if (key in content && typeof content[key] !== 'string') return `${here}.${key}: Not a valid string.`;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The mock service: state, failure injection, control endpoints

export interface MockRequestLogEntry {
  request_id: string;
  received_at: string;
  method: string;
  path: string;
  /** Headers as received, except credentials (the Access-Token), which are hidden entirely. */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
  /** What the mock answered. */
  status: number;
  answer: unknown;
  accepted: boolean;
  injected: boolean;
  warnings: string[];
}

export interface FailurePlan {
  remaining: number;
  status: number;
  code?: number;
  message?: string;
}

export interface MockTikTokOptions extends ValidationOptions {
  /** How many requests to keep in the log (oldest dropped first). Default 1000. */
  maxLogEntries?: number;
  /** The mock's clock in milliseconds (arrival times in the books; event_time checks). Default Date.now. */
  now?: () => number;
  /** How many bytes of request bodies to keep in the log (oldest dropped first). Default 16 MB. */
  maxLogBytes?: number;
  /** Largest request body the standalone server reads (larger: 413). Default 1 MB. */
  maxBodyBytes?: number;
  /** Host names besides localhost and IP addresses the standalone server's control endpoints answer. */
  allowedHosts?: string[];
}

export const DEFAULT_MOCK_LOG_BYTES = 16 * 1024 * 1024;
/** Bytes counted per log entry on top of its body (ids, headers, answer). */
const LOG_ENTRY_OVERHEAD = 512;

export interface MockHttpRequest {
  method: string;
  /** Path without query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface MockHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class MockTikTok {
  readonly log: MockRequestLogEntry[] = [];
  /** TikTok's counting of what reached it (src/server/tiktok-books.ts): accepted events and Pixel events. */
  readonly books = new TikTokBooks();
  private failures: FailurePlan[] = [];
  private readonly bounded: BoundedLog<MockRequestLogEntry>;

  constructor(readonly options: MockTikTokOptions = {}) {
    this.bounded = new BoundedLog(this.log, { maxEntries: options.maxLogEntries ?? 1000, maxBytes: options.maxLogBytes ?? DEFAULT_MOCK_LOG_BYTES });
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** An event the TikTok Pixel sent from a (simulated) browser; see pixelEventFromPayload. */
  receivePixelEvent(payload: unknown): boolean {
    return this.books.recordPixelPayload(payload, this.now()) !== undefined;
  }

  /** Requests the mock accepted (code 0), oldest first. */
  accepted(): MockRequestLogEntry[] {
    return this.log.filter((entry) => entry.accepted);
  }

  reset(): void {
    this.bounded.clear();
    this.failures = [];
    this.books.reset();
  }

  /** The next `count` track requests get `status` (and `code`, when given, in a JSON body). */
  failNext(plan: { count?: number; status?: number; code?: number; message?: string }): FailurePlan {
    const failure: FailurePlan = {
      remaining: Math.max(1, Math.floor(plan.count ?? 1)),
      status: plan.status ?? (plan.code === undefined ? 500 : 200),
      code: plan.code,
      message: plan.message,
    };
    this.failures.push(failure);
    return failure;
  }

  /** Handles a request for a track path or a control path; undefined for any other path. */
  handle(request: MockHttpRequest): MockHttpResponse | undefined {
    const path = request.path;
    if (path === TRACK_PATH || path === TRACK_PATH.slice(0, -1)) return this.handleTrack(request);
    if (!path.startsWith(MOCK_CONTROL_PREFIX)) return undefined;
    const action = path.slice(MOCK_CONTROL_PREFIX.length).replace(/\/$/, '');
    const method = request.method.toUpperCase();
    if (action === '/events' && method === 'GET') {
      const accepted = this.accepted();
      return json(200, { count: accepted.length, requests: accepted });
    }
    if (action === '/requests' && method === 'GET') return json(200, { count: this.log.length, requests: this.log });
    if (action === '/books' && method === 'GET') return json(200, { pixels: this.books.snapshot() });
    if (action === '/pixel' && method === 'POST') {
      const accepted = this.receivePixelEvent(parseMaybeJson(request.body));
      return json(accepted ? 200 : 400, accepted ? { recorded: true } : { error: 'body must be JSON: {pixel_code, event, event_id?, properties?, user?}' });
    }
    if ((action === '/reset' && method === 'POST') || (action === '/events' && method === 'DELETE')) {
      this.reset();
      return json(200, { reset: true });
    }
    if (action === '/fail' && method === 'POST') {
      let plan: Record<string, unknown> = {};
      try {
        plan = request.body.trim() === '' ? {} : JSON.parse(request.body);
      } catch {
        return json(400, { error: 'body must be JSON: {count, status, code, message}' });
      }
      const numberOrUndefined = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
      const status = numberOrUndefined(plan.status);
      if (status !== undefined && (status < 100 || status > 599)) return json(400, { error: 'status must be 100..599' });
      const failure = this.failNext({
        count: numberOrUndefined(plan.count),
        status,
        code: numberOrUndefined(plan.code),
        message: typeof plan.message === 'string' ? plan.message : undefined,
      });
      return json(200, { planned: failure });
    }
    return json(404, { error: `unknown mock control endpoint ${method} ${path}` });
  }

  private handleTrack(request: MockHttpRequest): MockHttpResponse {
    const requestId = newRequestId();
    let parsed: unknown = request.body;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      // Kept as text; the validator reports it.
    }
    // A body nested deeper than any TikTok payload is logged as (cut) text, so reading the log
    // never walks it.
    const logged = nestingDepth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH ? `${request.body.slice(0, 1000)}…` : parsed;
    const entry: MockRequestLogEntry = {
      request_id: requestId,
      received_at: new Date().toISOString(),
      method: request.method,
      path: request.path,
      headers: hideSecretHeaders(request.headers),
      body: logged,
      status: 200,
      answer: undefined,
      accepted: false,
      injected: false,
      warnings: [],
    };
    let response: MockHttpResponse;
    const failure = this.failures[0];
    if (request.method.toUpperCase() !== 'POST') {
      response = json(405, { code: 40000, message: 'Only POST is supported.', request_id: requestId, data: {} });
    } else if (failure) {
      failure.remaining--;
      if (failure.remaining <= 0) this.failures.shift();
      entry.injected = true;
      response = injectedFailure(failure, requestId);
    } else {
      // The body was parsed above; a JSON string is passed as text so the validator sees a non-object.
      const nowSeconds = this.options.nowSeconds ?? (this.options.now ? Math.floor(this.options.now() / 1000) : undefined);
      const result = validateTrackRequest(request.headers, parsed !== null && typeof parsed === 'object' ? parsed : request.body, { ...this.options, nowSeconds });
      entry.accepted = result.ok;
      if (result.ok) this.books.recordEventsApiBody(parsed, this.now());
      entry.warnings = result.warnings;
      const answer: TikTokAnswer = { code: result.code, message: result.message, request_id: requestId, data: {} };
      response = json(result.httpStatus, answer);
      entry.answer = answer;
    }
    entry.status = response.status;
    if (entry.answer === undefined) entry.answer = parseMaybeJson(response.body);
    this.bounded.push(entry, request.body.length + LOG_ENTRY_OVERHEAD);
    return response;
  }
}

function injectedFailure(failure: FailurePlan, requestId: string): MockHttpResponse {
  if (failure.code !== undefined) {
    return json(failure.status, {
      code: failure.code,
      message: failure.message ?? `Injected error ${failure.code}.`,
      request_id: requestId,
      data: {},
    });
  }
  // TikTok's gateway answers 5xx with an nginx HTML page, not JSON (docs/contracts/tiktok-events-api.md).
  const reason = http.STATUS_CODES[failure.status] ?? 'Error';
  return {
    status: failure.status,
    headers: { 'content-type': 'text/html' },
    body: `<html><head><title>${failure.status} ${reason}</title></head><body><center><h1>${failure.status} ${reason}</h1></center><hr><center>nginx</center></body></html>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Node adapters

/**
 * A plain Node request listener for the mock: reads the body itself (refusing bodies over
 * `maxBodyBytes` before reading them), and guards the control endpoints like the local server
 * does (request-guard.ts).
 */
export function mockRequestListener(mock: MockTikTok): http.RequestListener {
  const maxBodyBytes = mock.options.maxBodyBytes ?? 1024 * 1024;
  const allowedHosts = mock.options.allowedHosts ?? [];
  return async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const send = (response: MockHttpResponse, extra: Record<string, string> = {}) => {
      res.writeHead(response.status, { ...response.headers, ...extra });
      res.end(response.body);
    };
    const read = await readBody(req, maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too-large') {
        send(json(413, { code: 40000, message: `Request body larger than ${maxBodyBytes} bytes.`, request_id: newRequestId(), data: {} }), { connection: 'close' });
        discardRest(req, res, maxBodyBytes);
      }
      return;
    }
    const isControl = url.pathname.startsWith(MOCK_CONTROL_PREFIX);
    const refused = checkControlRequest({ method, headers: req.headers }, { changesState: isControl && method !== 'GET', allowedHosts });
    if (refused) {
      send(json(refused.status, { error: refused.message }));
      return;
    }
    const response = mock.handle({ method, path: url.pathname, headers: req.headers, body: read.body.toString('utf8') })
      ?? json(404, { code: 40007, message: `No such endpoint: ${url.pathname}`, request_id: newRequestId(), data: {} });
    send(response);
  };
}

/** A standalone mock server (not yet listening). */
export function createMockTikTokServer(options: MockTikTokOptions = {}): { server: http.Server; mock: MockTikTok } {
  const mock = new MockTikTok(options);
  return { server: http.createServer(mockRequestListener(mock)), mock };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Random bytes drawn in blocks: one randomBytes call per 400 request ids instead of one each. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** Like TikTok's ids: UTC yyyyMMddHHmmss then 20 upper-case hex characters. */
export function newRequestId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (randomOffset + 10 > randomPool.length) {
    randomPool = randomBytes(4000);
    randomOffset = 0;
  }
  randomOffset += 10;
  return stamp + randomPool.toString('hex', randomOffset - 10, randomOffset).toUpperCase();
}

function json(status: number, value: unknown): MockHttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function findHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

if (require.main === module) {
  const port = Number(process.env.MOCK_PORT ?? 9090);
  const { server } = createMockTikTokServer();
  server.listen(port, '127.0.0.1', () => {
    console.log(`Mock TikTok Events API on http://127.0.0.1:${port}${TRACK_PATH}`);
    console.log(`Accepted requests: GET http://127.0.0.1:${port}${MOCK_CONTROL_PREFIX}/events`);
  });
}
