// The local tagging server: plays the part of a server container. It parses GA4 hits like sGTM's
// GA4 client, runs the configured tags (compiled .tpl files) in the emulator with the request's
// cookies, headers and address, and answers with the status, Set-Cookie headers and body a server
// container would send. Outgoing requests are really sent; TikTok's host is served by the embedded
// mock (in-process) unless live mode is on.
//
// `server` is a plain Node HTTP server: bodies over `maxBodyBytes` are refused before they are
// read, and no framework sits between the socket and the router. The same router is registered as
// a functions-framework HTTP function (`handler`, `function.ts`) for the functions-framework CLI;
// there the framework reads and parses the body first (up to its own 1 GB limit).
//
// The debug page, /events and the mock's controls are for the developer on this machine only:
// request-guard.ts keeps web pages (cross-site requests, DNS rebinding) away from them.

import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as functions from '@google-cloud/functions-framework';
import type { HttpOutcome, IncomingRequest, OutgoingHttpRequest, RunResult, ServerEnvironment } from '../sandbox/environment';
import { MAX_JSON_DEPTH, nestingDepth } from './bounds';
import { ContainerConfig, TagConfig, loadConfigFile, tagMatches } from './config';
import { CONSENT_SIGNALS, ForcedConsent, applyConsentChange, describeForcedConsent, parseConsentChange, withForcedConsent } from './consent-override';
import { DebugEntry, DebugLog, RecordedEvent, RecordedTag, renderDebugPage } from './debug';
import { TemplateEngine, sandboxEngine } from './engine';
import { fieldDefaultsFromFile } from './field-defaults';
import { EventData, clientAddress, parseGa4Request } from './ga4';
import { MOCK_CONTROL_PREFIX, MockTikTok, MockTikTokOptions, TRACK_PATH, newRequestId } from './mock-tiktok';
import { checkControlRequest, discardRest, firstHeader, readBody } from './request-guard';
import { secretValuesOf, setOwn } from './secrets';
import { EmbeddedMockAnswer, TransportExchange, createTransport } from './transport';
import type { DemoWebContainer } from './web-container';
import { parsePushInput, serverPixelId } from './web-container-input';
import { parseJsonOrUndefined } from './json-text';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_CONFIG_PATH = path.join(REPO_ROOT, 'container.yaml');
const PUBLIC_DIR = path.join(__dirname, 'public');

export interface LocalServerOptions {
  /** A ready config; otherwise read from configPath / CONTAINER_CONFIG / container.yaml. */
  config?: ContainerConfig;
  configPath?: string;
  /** Send TikTok requests to the real API (default: TIKTOK_LIVE=1 in env). Tests never do. */
  live?: boolean;
  /** Where TikTok requests go in mock mode, over HTTP; default: this server's embedded mock, in-process. */
  mockBaseUrl?: string;
  mockOptions?: MockTikTokOptions;
  /** The emulator; default src/sandbox. */
  engine?: TemplateEngine;
  /** Events kept for /_debug. */
  debugCapacity?: number;
  /** Bytes of bodies and payloads kept for /_debug (default 16 MB). */
  debugMaxBytes?: number;
  /** Name the function is registered under with functions-framework (unique per server). */
  functionName?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Run the tags as GTM Preview (debug mode): getContainerVersion() says debugMode and previewMode,
   * so tags that log only in Preview write their logs (default true). False: as a published container.
   */
  preview?: boolean;
  /** Warnings (missing env vars, templates that failed to load); default console.warn. */
  warn?: (message: string) => void;
}

export interface TagRun {
  tag: string;
  template: string;
  outcome: RunResult['outcome'] | 'unavailable';
  message?: string;
  result?: RunResult;
  exchanges: TransportExchange[];
}

export interface EventRun {
  eventData: EventData;
  tags: TagRun[];
  /** The event's debug entry, redacted (computed when read). */
  readonly debug: DebugEntry;
}

export interface LocalServer {
  /** An http.Server, not yet listening: `server.listen(0, '127.0.0.1')` or hand it to supertest. */
  server: http.Server;
  /** The same router behind functions-framework (body read and parsed by the framework). */
  /** The functions-framework function name (for getTestServer / --target). */
  functionName: string;
  handler: functions.HttpFunction;
  config: ContainerConfig;
  mock: MockTikTok;
  debug: DebugLog;
  live: boolean;
  /** Resolves when every template has been loaded (or has failed to load). */
  ready: Promise<void>;
  /** Template load errors by tag name. */
  loadErrors: Map<string, string>;
  /** The tags run as GTM Preview (debug mode). */
  preview: boolean;
  /** Consent signals forced from the debug page for the next events (see consent-override.ts). */
  forcedConsent: ForcedConsent;
  /** Runs the tags for one event directly (what /events does, without HTTP or a listening server). */
  processEvent(eventData: EventData, request?: IncomingRequest, source?: 'ga4' | 'events'): Promise<EventRun>;
}

let serverCounter = 0;

/**
 * Tag runs in progress at once. The emulator keeps up to 8 idle realms (V8 contexts) for reuse; a
 * run yields to the event loop while it drains, so with more runs in flight than that (16 open
 * connections) every extra run built a context and threw it away: about a third of the server's
 * CPU went to context creation and the garbage it left.
 */
export const MAX_CONCURRENT_RUNS = 8;

/** A FIFO counting semaphore. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  acquire(): Promise<void> | undefined {
    if (this.free > 0) {
      this.free--;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * Schedules tag runs: at most MAX_CONCURRENT_RUNS at once, and of those only one computing at a
 * time. A run gives its turn back while it waits for the network (a request the transport really
 * sends: live mode, other hosts, a mock elsewhere) and queues for it again when the answer is in.
 * With the embedded mock a run never waits for the network, so runs go one after the other: on
 * one thread, interleaving CPU-bound runs only costs extra event-loop turns and cache misses (the
 * bench measured 20% more CPU per hit with 8 runs interleaved than with one at a time).
 */
class RunScheduler {
  private readonly runs = new Slots(MAX_CONCURRENT_RUNS);
  private readonly turn = new Slots(1);

  async run<T>(work: (network: <R>(wait: () => Promise<R>) => Promise<R>) => Promise<T>): Promise<T> {
    await this.runs.acquire();
    try {
      await this.turn.acquire();
      try {
        return await work(async (wait) => {
          this.turn.release();
          try {
            return await wait();
          } finally {
            await this.turn.acquire();
          }
        });
      } finally {
        this.turn.release();
      }
    } finally {
      this.runs.release();
    }
  }
}

/** A request as the router sees it, whichever server received it. */
export interface LocalRequest {
  method: string;
  path: string;
  queryString: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remoteAddress?: string;
  /** The port the request came in on (to say where the mock is reachable). */
  localPort?: number;
}

export interface LocalResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/** Resolves the config path: explicit option, then CONTAINER_CONFIG, then container.yaml. */
export function resolveConfigPath(options: { configPath?: string; env?: NodeJS.ProcessEnv }): string {
  const env = options.env ?? process.env;
  return path.resolve(options.configPath ?? env.CONTAINER_CONFIG ?? DEFAULT_CONFIG_PATH);
}

/**
 * Creates the local tagging server: a plain Node HTTP server (not yet listening), the same router
 * registered as a functions-framework HTTP function, and the pieces tests and the bench inspect.
 */
export function createLocalServer(options: LocalServerOptions = {}): LocalServer {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((message: string) => console.warn(`[local-server] ${message}`));
  const warnings: string[] = [];
  const config = options.config ?? loadConfigFile(resolveConfigPath(options), env, warnings);
  warnings.forEach(warn);
  const live = options.live ?? /^(1|true|yes)$/i.test(env.TIKTOK_LIVE ?? '');
  const engine = options.engine ?? sandboxEngine();
  const mock = new MockTikTok(options.mockOptions);
  // Field values named like credentials (the access token) are cut out of everything shown.
  const debug = new DebugLog(options.debugCapacity ?? 50, { maxBytes: options.debugMaxBytes, secrets: secretValuesOf(config.tags.map((tag) => tag.fields)) });
  // The demo page's web container (our Pixel tag and Event ID variable), made on first use.
  const demoPixelId = serverPixelId(config.tags);
  let demoContainer: DemoWebContainer | undefined;
  const scheduler = new RunScheduler();
  const functionName = options.functionName ?? `localTaggingServer${++serverCounter}`;
  const preview = options.preview ?? true;
  // In Preview, sGTM reports debugMode and previewMode; our server tag logs only then (logType 'debug').
  const containerVersion = Object.freeze({
    containerId: config.containerId,
    debugMode: preview,
    environmentName: 'local',
    environmentMode: false,
    previewMode: preview,
    version: 'local',
  });
  const forcedConsent: ForcedConsent = {};

  // Templates are loaded once here and cached by path; requests never rebuild them.
  const templates = new Map<string, unknown>();
  const loadErrors = new Map<string, string>();
  const storages = new Map<string, Map<string, unknown>>();
  const tagData = new Map<string, Record<string, unknown>>();
  const ready = (async () => {
    const byPath = new Map<string, Promise<unknown>>();
    for (const tag of config.tags) {
      if (!byPath.has(tag.template)) byPath.set(tag.template, engine.load(tag.template));
      try {
        templates.set(tag.name, await byPath.get(tag.template));
        tagData.set(tag.name, { ...defaultsFor(tag.template), ...tag.fields });
      } catch (error) {
        const message = `tag "${tag.name}": cannot load ${tag.template}: ${(error as Error).message}`;
        loadErrors.set(tag.name, message);
        warn(message);
      }
      storages.set(tag.name, new Map());
    }
  })();

  function defaultsFor(file: string): Record<string, unknown> {
    try {
      return fieldDefaultsFromFile(file);
    } catch {
      // A scripted or in-memory engine may have no real file; the configured fields still apply.
      return {};
    }
  }

  /** The embedded mock, answering in-process: the same bytes in and out as over HTTP. */
  function embeddedMock(request: OutgoingHttpRequest, pathWithQuery: string): EmbeddedMockAnswer {
    const q = pathWithQuery.indexOf('?');
    const pathname = q === -1 ? pathWithQuery : pathWithQuery.slice(0, q);
    // Templates reach the Events API, never the mock's control endpoints.
    const answer = pathname.startsWith(MOCK_CONTROL_PREFIX)
      ? undefined
      : mock.handle({ method: (request.method || 'GET').toUpperCase(), path: pathname, headers: request.headers, body: request.body ?? '' });
    const response = answer ?? {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 40007, message: `No such endpoint: ${pathname}`, request_id: newRequestId(), data: {} }),
    };
    const outcome: HttpOutcome = { statusCode: response.status, headers: response.headers, body: response.body };
    const entry = answer?.entry;
    return entry ? { outcome, notes: { warnings: [...entry.warnings], counting: entry.counting.map((note) => ({ ...note })) } } : { outcome };
  }

  async function runTag(tag: TagConfig, eventData: EventData, request: IncomingRequest): Promise<TagRun> {
    const base = { tag: tag.name, template: path.relative(REPO_ROOT, tag.template) };
    const loadError = loadErrors.get(tag.name);
    const template = templates.get(tag.name);
    if (loadError || template === undefined) {
      return { ...base, outcome: 'unavailable', message: loadError ?? 'template not loaded', exchanges: [] };
    }
    const exchanges: TransportExchange[] = [];
    try {
      const result = await scheduler.run((network) => {
        // No copies here: the emulator copies event data and field values into the template's
        // realm, so a tag never sees another tag's changes (copying here too cost a deep clone per tag).
        const environment: ServerEnvironment = {
          context: 'SERVER',
          eventData,
          request,
          clientName: 'GA4',
          containerVersion,
          http: createTransport({ live, mockBaseUrl: () => options.mockBaseUrl, embeddedMock, network, onExchange: (exchange) => exchanges.push(exchange) }),
          templateDataStorage: storages.get(tag.name),
          now: Date.now,
        };
        return engine.run(template, tagData.get(tag.name) ?? tag.fields, environment, { timeoutMs: config.tagTimeoutMs });
      });
      return { ...base, outcome: result.outcome, message: result.message, result, exchanges };
    } catch (error) {
      return { ...base, outcome: 'exception', message: `emulator error: ${(error as Error).message}`, exchanges };
    }
  }

  async function processEvent(
    receivedData: EventData,
    request: IncomingRequest = {},
    source: 'ga4' | 'events' = 'events',
    issues: string[] = [],
    requestBytes = 0,
    replayOf?: number,
  ): Promise<EventRun> {
    await ready;
    const forced = describeForcedConsent(forcedConsent);
    const eventData = forced === undefined ? receivedData : withForcedConsent(receivedData, forcedConsent);
    const notes = forced === undefined ? [] : [`consent set on the debug page: ${forced}`];
    const eventName = typeof eventData.event_name === 'string' ? eventData.event_name : '';
    const tags: TagRun[] = [];
    const running: Promise<TagRun>[] = [];
    for (const tag of config.tags) if (tagMatches(tag, eventName)) running.push(runTag(tag, eventData, request));
    for (const run of running) tags.push(await run);
    // An event no tag fires for is a skip too: say which trigger left it out.
    const notFired = running.length === 0 ? config.tags.map((tag) => `${tag.name}: ${whyNotFired(tag, eventName)}`) : [];
    let bytes = requestBytes;
    const recordedTags = tags.map((run): RecordedTag => ({
      tag: run.tag,
      template: run.template,
      outcome: run.outcome,
      message: run.message,
      requests: run.exchanges.map((exchange) => {
        const answerBody = 'statusCode' in exchange.outcome ? exchange.outcome.body : undefined;
        bytes += (exchange.request.body?.length ?? 0) + (answerBody?.length ?? 0);
        return {
          method: exchange.request.method,
          url: exchange.request.url,
          sentTo: exchange.sentTo,
          body: exchange.request.body,
          status: 'statusCode' in exchange.outcome ? exchange.outcome.statusCode : undefined,
          error: 'error' in exchange.outcome ? exchange.outcome.error : undefined,
          answerBody,
          warnings: exchange.mockNotes?.warnings,
          counting: exchange.mockNotes?.counting,
        };
      }),
      cookiesSet: run.result?.record.cookiesSet.map((cookie) => cookie.header) ?? [],
      logs: run.result?.record.logs.map((line) => line.text) ?? [],
    }));
    const recorded: RecordedEvent = {
      time: Date.now(),
      source,
      method: request.method ?? 'POST',
      path: request.path ?? '/events',
      remoteAddress: request.remoteAddress,
      eventName: eventName || undefined,
      eventData,
      issues,
      notes,
      notFired,
      replayOf,
      tags: recordedTags,
      cookiesSet: unique(recordedTags.flatMap((tag) => tag.cookiesSet)),
    };
    // The event as received (before forced consent), so a replay gets the consent forced at its time.
    const id = debug.record(recorded, bytes, { eventData: receivedData, request, source });
    let view: DebugEntry | undefined;
    return {
      eventData,
      tags,
      get debug() {
        view ??= debug.get(id) ?? debug.render(id, recorded);
        return view;
      },
    };
  }

  /** The router: every request of either server ends here. */
  async function route(req: LocalRequest): Promise<LocalResponse> {
    const method = req.method;
    const urlPath = req.path;
    const guard = (changesState: boolean) => {
      const refused = checkControlRequest(req, { changesState, allowedHosts: config.allowedHosts });
      return refused ? text(refused.status, refused.message) : undefined;
    };

    if (urlPath === TRACK_PATH || urlPath === TRACK_PATH.slice(0, -1)) {
      const refused = guard(false);
      if (refused) return refused;
      return fromMock(mock.handle({ method, path: urlPath, headers: req.headers, body: req.body })!);
    }
    if (urlPath.startsWith(MOCK_CONTROL_PREFIX)) {
      const refused = guard(method !== 'GET' && method !== 'HEAD');
      if (refused) return refused;
      const answer = mock.handle({ method, path: urlPath, headers: req.headers, body: req.body });
      return answer ? fromMock(answer) : text(404, `not found: ${method} ${urlPath.slice(0, 200)}`);
    }
    switch (urlPath) {
      case '/g/collect':
        if (method === 'OPTIONS') return corsPreflight(req);
        if (method !== 'GET' && method !== 'POST') return { status: 405, headers: { allow: 'GET, POST' }, body: '' };
        return handleCollect(req);
      case '/events': {
        if (method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: '' };
        return guard(true) ?? handleEvents(req);
      }
      case '/_debug': {
        if (method !== 'GET') return { status: 405, headers: { allow: 'GET' }, body: '' };
        const refused = guard(false);
        if (refused) return refused;
        // The page's auto-refresh asks with the version it shows: nothing to send when unchanged.
        const since = new URLSearchParams(req.queryString).get('since');
        if (since !== null && since === String(debug.version)) return { status: 204, headers: { 'cache-control': 'no-store' }, body: '' };
        const info = { ...describeTarget(req), preview, forcedConsent, consentSignals: CONSENT_SIGNALS, version: debug.version };
        return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: renderDebugPage(debug.list(), info) };
      }
      case '/_debug/consent':
        if (method === 'GET') return guard(false) ?? json(200, consentAnswer());
        if (method !== 'POST') return { status: 405, headers: { allow: 'GET, POST' }, body: '' };
        return guard(true) ?? handleConsentChange(req);
      case '/_debug/replay':
        if (method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: '' };
        return guard(true) ?? handleReplay(req);
      case '/_debug.json':
        if (method === 'DELETE') {
          const refused = guard(true);
          if (refused) return refused;
          debug.clear();
          return json(200, { cleared: true });
        }
        if (method !== 'GET') return { status: 405, headers: { allow: 'GET, DELETE' }, body: '' };
        return guard(false) ?? json(200, { ...describeTarget(req), preview, forcedConsent, loadErrors: Object.fromEntries(loadErrors), events: debug.list() });
      case '/_demo/push':
        if (method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: '' };
        return guard(true) ?? handleDemoPush(req);
      case '/demo':
      case '/demo.html':
        return method === 'GET' ? publicFile('demo.html', 'text/html; charset=utf-8') : text(405, 'GET only');
      case '/':
        if (method !== 'GET') break;
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body:
            '<!doctype html><title>Local tagging server</title><h1>Local tagging server</h1><ul>' +
            '<li><a href="/demo.html?ttclid=E.C.P.demo">Demo page</a></li><li><a href="/_debug">Debug page</a></li>' +
            '<li><a href="/_mock/tiktok/events">Mock TikTok: accepted requests</a></li>' +
            '<li><a href="/_mock/tiktok/books">Mock TikTok: what TikTok counts</a></li></ul>',
        };
    }
    return text(404, `not found: ${method} ${urlPath.slice(0, 200)}`);
  }

  function consentAnswer() {
    return { forced: { ...forcedConsent }, description: describeForcedConsent(forcedConsent) ?? null };
  }

  function handleConsentChange(req: LocalRequest): LocalResponse {
    const parsed = parseConsentChange(parseJsonOrUndefined(req.body));
    if ('error' in parsed) return json(400, { error: parsed.error });
    applyConsentChange(forcedConsent, parsed.change);
    return json(200, consentAnswer());
  }

  /** Runs a kept event again, with its original event data and request (cookies included). */
  async function handleReplay(req: LocalRequest): Promise<LocalResponse> {
    const body = parseJsonOrUndefined(req.body) as { id?: unknown } | undefined;
    const id = body && typeof body === 'object' ? body.id : undefined;
    if (typeof id !== 'number' || !Number.isInteger(id)) return json(400, { error: 'expected {"id": <number of a debug entry>}' });
    const input = debug.replayInput(id);
    if (!input) return json(404, { error: `no event #${id} in the debug log (cleared, or dropped as the log filled up)` });
    const run = await processEvent(input.eventData, input.request, input.source, [], 0, id);
    return json(200, { id: run.debug.id, replayOf: id, event: run.debug });
  }

  function describeTarget(req: LocalRequest) {
    const base = req.localPort ? `http://127.0.0.1:${req.localPort}` : undefined;
    if (live) return { mode: 'live: real TikTok Events API', mockUrl: `https://business-api.tiktok.com${TRACK_PATH}` };
    if (options.mockBaseUrl) return { mode: 'mock over HTTP', mockUrl: `${options.mockBaseUrl.replace(/\/$/, '')}${TRACK_PATH}` };
    return { mode: 'mock (embedded, in-process)', mockUrl: `${base ?? '(this server)'}${TRACK_PATH}` };
  }

  function incomingRequest(req: LocalRequest): IncomingRequest {
    const headers: Record<string, string | string[]> = {};
    for (const name of Object.keys(req.headers)) {
      const value = req.headers[name];
      if (value === undefined) continue;
      // An untrusted client could forge its address, or the host a cookie domain is derived from;
      // templates only see the socket peer and the Host header then.
      if (!config.trustForwardedFor && (name === 'x-forwarded-for' || name === 'forwarded')) continue;
      if (!config.trustForwardedHost && name === 'x-forwarded-host') continue;
      setOwn(headers, name, value);
    }
    return {
      method: req.method,
      path: req.path,
      headers,
      queryString: req.queryString,
      body: req.body,
      remoteAddress: clientAddress({ headers: req.headers, remoteAddress: req.remoteAddress, trustForwardedFor: config.trustForwardedFor }),
    };
  }

  async function handleCollect(req: LocalRequest): Promise<LocalResponse> {
    const cors = corsHeaders(req);
    const request = incomingRequest(req);
    const parsed = parseGa4Request({
      queryString: req.queryString,
      body: req.method === 'POST' ? req.body : undefined,
      headers: req.headers,
      remoteAddress: req.remoteAddress,
      trustForwardedFor: config.trustForwardedFor,
    });
    if (parsed.events.length === 0) return text(400, `no usable event in the hit: ${parsed.issues.join('; ')}`, cors);
    const runs: EventRun[] = [];
    const bytes = req.body.length + req.queryString.length;
    for (let i = 0; i < parsed.events.length; i++) {
      const eventData = parsed.events[i];
      // One event's failure never drops the others of the batch.
      try {
        runs.push(await processEvent(eventData, request, 'ga4', parsed.eventIssues[i], bytes));
      } catch (error) {
        warn(`event ${String(eventData.event_name)} failed: ${(error as Error).message}`);
      }
    }
    const headers = { ...cors, ...tagResponseHeaders(runs) };
    // gtag asks for the streamed response; an empty stream tells it there is nothing to do.
    if (parsed.richResponse) return { status: 200, headers: { ...headers, 'content-type': 'text/event-stream' }, body: '' };
    return { status: 204, headers, body: '' };
  }

  async function handleEvents(req: LocalRequest): Promise<LocalResponse> {
    const document = parseJsonOrUndefined(req.body);
    if (document === undefined) return json(400, { error: 'expected a JSON event-data object (or array) with event_name', issues: ['the body is not JSON'] });
    const tooDeep = `nests deeper than ${MAX_JSON_DEPTH} levels`;
    if (!Array.isArray(document) && nestingDepth(document, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return json(400, { error: `the event data ${tooDeep}; event data never needs that`, issues: [] });
    }
    const list = Array.isArray(document) ? document : [document];
    const issues: string[] = [];
    const valid: EventData[] = [];
    list.forEach((entry, index) => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry) || typeof (entry as EventData).event_name !== 'string') {
        issues.push(`item ${index}: not an event-data object with a string event_name`);
      } else if (nestingDepth(entry, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        issues.push(`item ${index}: ${tooDeep}; not processed`);
      } else {
        valid.push(entry as EventData);
      }
    });
    if (valid.length === 0) return json(400, { error: 'expected a JSON event-data object (or array) with event_name', issues });
    const request = incomingRequest(req);
    const runs: EventRun[] = [];
    for (const eventData of valid) {
      try {
        runs.push(await processEvent(eventData, request, 'events', issues, req.body.length));
      } catch (error) {
        issues.push(`event ${String(eventData.event_name)} failed: ${(error as Error).message}`);
      }
    }
    const response = json(200, { issues, events: runs.map((run) => run.debug) });
    Object.assign(response.headers, tagResponseHeaders(runs));
    return response;
  }

  /** A dataLayer push of the demo page, run through the demo's web container (web-container.ts). */
  async function handleDemoPush(req: LocalRequest): Promise<LocalResponse> {
    if (demoPixelId === undefined) {
      return json(409, { error: 'no tag in the container config has a pixelId field: the demo\'s Pixel tag uses the Pixel ID of the server\'s Events API tag' });
    }
    const input = parsePushInput(parseJsonOrUndefined(req.body));
    if ('error' in input) return json(400, { error: input.error });
    if (!demoContainer) {
      // Loaded on first use: servers that never serve the demo do not load the web emulator.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DemoWebContainer: Container } = require('./web-container') as typeof import('./web-container');
      demoContainer = new Container(demoPixelId, path.join(REPO_ROOT, 'templates'));
    }
    return json(200, await demoContainer.push(input, firstHeader(req.headers, 'cookie')));
  }

  /** Set-Cookie and other headers the tags set, as the container would return them. */
  function tagResponseHeaders(runs: EventRun[]): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {};
    const cookies = unique(runs.flatMap((run) => run.tags.flatMap((tag) => tag.result?.record.cookiesSet.map((cookie) => cookie.header) ?? [])));
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    for (const run of runs) {
      for (const tag of run.tags) {
        for (const [name, value] of Object.entries(tag.result?.record.response.headers ?? {})) {
          const lower = name.toLowerCase();
          if (lower !== 'set-cookie') setOwn(headers, lower, value);
        }
      }
    }
    return headers;
  }

  /** The Node listener of `server`: reads the body within the limit, routes, answers. */
  async function listener(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const read = await readBody(req, config.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too-large') {
        writeResponse(res, text(413, `request body larger than ${config.maxBodyBytes} bytes (maxBodyBytes)`, { connection: 'close' }));
        discardRest(req, res, config.maxBodyBytes);
      }
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    await answer(res, {
      method: (req.method ?? 'GET').toUpperCase(),
      path: q === -1 ? url : url.slice(0, q),
      queryString: q === -1 ? '' : url.slice(q + 1),
      headers: req.headers,
      body: read.body.toString('utf8'),
      remoteAddress: req.socket.remoteAddress,
      localPort: req.socket.localPort,
    });
  }

  /** The functions-framework function: the framework has read the body already. */
  const handler: functions.HttpFunction = async (req, res) => {
    const rawBody = req.rawBody ?? Buffer.alloc(0);
    if (rawBody.length > config.maxBodyBytes) {
      writeResponse(res, text(413, `request body larger than ${config.maxBodyBytes} bytes (maxBodyBytes)`));
      return;
    }
    const original = req.originalUrl ?? req.url;
    const q = original.indexOf('?');
    await answer(res, {
      method: req.method.toUpperCase(),
      path: req.path,
      queryString: q === -1 ? '' : original.slice(q + 1),
      headers: req.headers,
      body: rawBody.toString('utf8'),
      remoteAddress: req.socket.remoteAddress,
      localPort: req.socket.localPort,
    });
  };

  async function answer(res: http.ServerResponse, req: LocalRequest): Promise<void> {
    let response: LocalResponse;
    try {
      response = await route(req);
    } catch (error) {
      // A bug in the server must never take the process down, nor show its insides to a client:
      // the details go to the console, the client gets a generic answer.
      warn(`request ${req.method} ${req.path.slice(0, 200)} failed: ${(error as Error)?.stack ?? String(error)}`);
      response = text(500, 'internal error in the local tagging server (details in its console)');
    }
    if (!res.headersSent) writeResponse(res, response);
  }

  functions.http(functionName, handler);
  const server = http.createServer((req, res) => {
    listener(req, res).catch((error) => {
      warn(`request failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) writeResponse(res, text(500, 'internal error in the local tagging server (details in its console)'));
    });
  });
  // No error page of Node's own either: a malformed request gets a bare 400.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return {
    server,
    functionName,
    handler,
    config,
    mock,
    debug,
    live,
    ready,
    loadErrors,
    preview,
    forcedConsent,
    processEvent: (eventData, request, source) => processEvent(eventData, request, source),
  };
}

/** Why a tag's trigger does not fire for an event (tagMatches said no). */
function whyNotFired(tag: TagConfig, eventName: string): string {
  if (!tag.enabled) return 'the tag is disabled (enabled: false)';
  const shown = eventName === '' ? 'an event without a name' : `"${eventName}"`;
  if (tag.excludeEvents.includes(eventName)) return `its trigger excludes ${shown}`;
  return `its trigger fires on ${tag.events.join(', ') || 'no event'}, not on ${shown}`;
}

function fromMock(answer: { status: number; headers: Record<string, string>; body: string }): LocalResponse {
  return { status: answer.status, headers: { ...answer.headers, 'cache-control': 'no-store' }, body: answer.body };
}

function text(status: number, message: string, extra: Record<string, string | string[]> = {}): LocalResponse {
  return { status, headers: { ...extra, 'content-type': 'text/plain; charset=utf-8' }, body: message };
}

function json(status: number, value: unknown): LocalResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(value) };
}

function writeResponse(res: http.ServerResponse, response: LocalResponse): void {
  const headers: Record<string, string | string[]> = { 'x-content-type-options': 'nosniff', ...response.headers };
  const body = response.status === 204 || response.status === 304 ? '' : response.body;
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

function corsHeaders(req: LocalRequest): Record<string, string> {
  const origin = firstHeader(req.headers, 'origin');
  if (origin === undefined || origin === '') return {};
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

function corsPreflight(req: LocalRequest): LocalResponse {
  const headers: Record<string, string> = { ...corsHeaders(req), 'access-control-allow-methods': 'GET, POST' };
  const requested = firstHeader(req.headers, 'access-control-request-headers');
  if (requested !== undefined) headers['access-control-allow-headers'] = requested;
  return { status: 204, headers, body: '' };
}

const publicFiles = new Map<string, Buffer | null>();

function publicFile(name: string, type: string): LocalResponse {
  if (!publicFiles.has(name)) {
    try {
      publicFiles.set(name, fs.readFileSync(path.join(PUBLIC_DIR, name)));
    } catch {
      publicFiles.set(name, null);
    }
  }
  const content = publicFiles.get(name);
  if (!content) return text(404, `missing ${name}`);
  return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body: content };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
