// The local tagging server: a functions-framework HTTP function that plays the part of a server
// container. It parses GA4 hits like sGTM's GA4 client, runs the configured tags (compiled .tpl
// files) in the emulator with the request's cookies, headers and address, and answers with the
// status, Set-Cookie headers and body a server container would send. Outgoing requests are really
// sent; TikTok's host is served by the embedded mock unless live mode is on.

import * as fs from 'fs';
import * as path from 'path';
import type * as http from 'http';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { IncomingRequest, RunResult, ServerEnvironment } from '../sandbox/environment';
import { ContainerConfig, TagConfig, loadConfigFile, tagMatches } from './config';
import { DebugEntry, DebugLog, DebugTagOutcome, renderDebugPage } from './debug';
import { TemplateEngine, sandboxEngine } from './engine';
import { fieldDefaultsFromFile } from './field-defaults';
import { EventData, clientAddress, parseGa4Request } from './ga4';
import { MOCK_CONTROL_PREFIX, MockTikTok, MockTikTokOptions, TRACK_PATH } from './mock-tiktok';
import { TransportExchange, createTransport } from './transport';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_CONFIG_PATH = path.join(REPO_ROOT, 'container.yaml');
const PUBLIC_DIR = path.join(__dirname, 'public');

export interface LocalServerOptions {
  /** A ready config; otherwise read from configPath / CONTAINER_CONFIG / container.yaml. */
  config?: ContainerConfig;
  configPath?: string;
  /** Send TikTok requests to the real API (default: TIKTOK_LIVE=1 in env). Tests never do. */
  live?: boolean;
  /** Where TikTok requests go in mock mode; default this server itself on 127.0.0.1. */
  mockBaseUrl?: string;
  mockOptions?: MockTikTokOptions;
  /** The emulator; default src/sandbox. */
  engine?: TemplateEngine;
  /** Events kept for /_debug. */
  debugCapacity?: number;
  /** Name the function is registered under with functions-framework (unique per server). */
  functionName?: string;
  env?: NodeJS.ProcessEnv;
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
  debug: DebugEntry;
}

export interface LocalServer {
  /** An http.Server, not yet listening: `server.listen(0, '127.0.0.1')` or hand it to supertest. */
  server: http.Server;
  /** The functions-framework function name (for getTestServer / --target). */
  functionName: string;
  handler: functions.HttpFunction;
  config: ContainerConfig;
  mock: MockTikTok;
  debug: DebugLog;
  /** ttq calls recorded by the fake Pixel script (/_fake/pixel/events.js). */
  pixelCalls: unknown[];
  live: boolean;
  /** Resolves when every template has been loaded (or has failed to load). */
  ready: Promise<void>;
  /** Template load errors by tag name. */
  loadErrors: Map<string, string>;
  /** Runs the tags for one event directly (what /events does, without HTTP). */
  processEvent(eventData: EventData, request?: IncomingRequest, source?: 'ga4' | 'events'): Promise<EventRun>;
}

let serverCounter = 0;

/** Resolves the config path: explicit option, then CONTAINER_CONFIG, then container.yaml. */
export function resolveConfigPath(options: { configPath?: string; env?: NodeJS.ProcessEnv }): string {
  const env = options.env ?? process.env;
  return path.resolve(options.configPath ?? env.CONTAINER_CONFIG ?? DEFAULT_CONFIG_PATH);
}

/**
 * Creates the local tagging server. Registers an HTTP function with functions-framework and
 * returns its (not yet listening) server plus the pieces tests and the bench inspect.
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
  const debug = new DebugLog(options.debugCapacity ?? 50);
  const pixelCalls: unknown[] = [];
  const functionName = options.functionName ?? `localTaggingServer${++serverCounter}`;

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

  async function runTag(tag: TagConfig, eventData: EventData, request: IncomingRequest, mockBaseUrl: () => string | undefined): Promise<TagRun> {
    const base = { tag: tag.name, template: path.relative(REPO_ROOT, tag.template) };
    const loadError = loadErrors.get(tag.name);
    const template = templates.get(tag.name);
    if (loadError || template === undefined) {
      return { ...base, outcome: 'unavailable', message: loadError ?? 'template not loaded', exchanges: [] };
    }
    const exchanges: TransportExchange[] = [];
    const environment: ServerEnvironment = {
      context: 'SERVER',
      // Each tag gets its own copy: a tag must not see another tag's changes.
      eventData: structuredClone(eventData),
      request,
      clientName: 'GA4',
      containerVersion: {
        containerId: config.containerId,
        debugMode: false,
        environmentName: 'local',
        environmentMode: false,
        previewMode: false,
        version: 'local',
      },
      http: createTransport({ live, mockBaseUrl, onExchange: (exchange) => exchanges.push(exchange) }),
      templateDataStorage: storages.get(tag.name),
      now: () => Date.now(),
    };
    try {
      const result = await engine.run(template, structuredClone(tagData.get(tag.name) ?? tag.fields), environment, { timeoutMs: config.tagTimeoutMs });
      return { ...base, outcome: result.outcome, message: result.message, result, exchanges };
    } catch (error) {
      return { ...base, outcome: 'exception', message: `emulator error: ${(error as Error).message}`, exchanges };
    }
  }

  async function processEvent(
    eventData: EventData,
    request: IncomingRequest = {},
    source: 'ga4' | 'events' = 'events',
    issues: string[] = [],
    mockBaseUrl: () => string | undefined = () => options.mockBaseUrl,
  ): Promise<EventRun> {
    await ready;
    const eventName = typeof eventData.event_name === 'string' ? eventData.event_name : '';
    const matching = config.tags.filter((tag) => tagMatches(tag, eventName));
    const tags = await Promise.all(matching.map((tag) => runTag(tag, eventData, request, mockBaseUrl)));
    const cookies = unique(tags.flatMap((run) => run.result?.record.cookiesSet.map((cookie) => cookie.header) ?? []));
    const entry = debug.add({
      time: new Date().toISOString(),
      source,
      method: request.method ?? 'POST',
      path: request.path ?? '/events',
      remoteAddress: request.remoteAddress,
      eventName: eventName || undefined,
      eventData,
      issues,
      tags: tags.map(toDebugOutcome),
      cookiesSet: cookies,
    });
    return { eventData, tags, debug: entry };
  }

  const handler: functions.HttpFunction = async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      // A bug in the server must never take the process down; report it to the caller.
      warn(`request ${req.method} ${req.path} failed: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) res.status(500).type('text/plain').send('internal error in the local tagging server');
    }
  };

  async function route(req: functions.Request, res: functions.Response): Promise<void> {
    const method = req.method.toUpperCase();
    const urlPath = req.path;
    const rawBody = req.rawBody ? req.rawBody.toString('utf8') : '';
    const ownBase = () => options.mockBaseUrl ?? (req.socket.localPort ? `http://127.0.0.1:${req.socket.localPort}` : undefined);

    if (urlPath === TRACK_PATH || urlPath === TRACK_PATH.slice(0, -1) || urlPath.startsWith(MOCK_CONTROL_PREFIX)) {
      const answer = mock.handle({ method, path: urlPath, headers: req.headers, body: rawBody });
      if (answer) {
        res.status(answer.status).set(answer.headers).send(answer.body);
        return;
      }
    }
    if (urlPath === '/g/collect') {
      if (method === 'OPTIONS') return sendCorsPreflight(req, res);
      if (method !== 'GET' && method !== 'POST') {
        res.status(405).set('Allow', 'GET, POST').send('');
        return;
      }
      return handleCollect(req, res, method, rawBody, ownBase);
    }
    if (urlPath === '/events') {
      if (method !== 'POST') {
        res.status(405).set('Allow', 'POST').send('');
        return;
      }
      return handleEvents(req, res, rawBody, ownBase);
    }
    if (urlPath === '/_debug' && method === 'GET') {
      res.status(200).type('html').send(renderDebugPage(debug.list(), describeTarget(ownBase())));
      return;
    }
    if (urlPath === '/_debug.json') {
      if (method === 'DELETE') {
        debug.clear();
        res.status(200).json({ cleared: true });
        return;
      }
      res.status(200).json({ ...describeTarget(ownBase()), loadErrors: Object.fromEntries(loadErrors), events: debug.list() });
      return;
    }
    if (urlPath === '/_fake/pixel/events.js' && method === 'GET') return sendPublicFile(res, 'fake-pixel.js', 'application/javascript');
    if (urlPath === '/_fake/pixel/calls') {
      if (method === 'POST') {
        const call = parseJson(rawBody);
        if (call === undefined) {
          res.status(400).send('expected JSON');
          return;
        }
        pixelCalls.push(call);
        if (pixelCalls.length > 1000) pixelCalls.shift();
        res.status(204).send('');
      } else if (method === 'DELETE') {
        pixelCalls.length = 0;
        res.status(204).send('');
      } else {
        res.status(200).json({ count: pixelCalls.length, calls: pixelCalls });
      }
      return;
    }
    if ((urlPath === '/demo.html' || urlPath === '/demo') && method === 'GET') return sendPublicFile(res, 'demo.html', 'text/html; charset=utf-8');
    if (urlPath === '/' && method === 'GET') {
      res.status(200).type('html').send(
        '<!doctype html><title>Local tagging server</title><h1>Local tagging server</h1><ul>' +
          '<li><a href="/demo.html?ttclid=E.C.P.demo">Demo page</a></li><li><a href="/_debug">Debug page</a></li>' +
          '<li><a href="/_mock/tiktok/events">Mock TikTok: accepted requests</a></li></ul>',
      );
      return;
    }
    res.status(404).type('text/plain').send(`not found: ${method} ${urlPath}`);
  }

  function describeTarget(base: string | undefined) {
    return {
      mode: live ? 'live: real TikTok Events API' : 'mock',
      mockUrl: live ? `https://business-api.tiktok.com${TRACK_PATH}` : `${base ?? '(this server)'}${TRACK_PATH}`,
    };
  }

  function incomingRequest(req: functions.Request, method: string, rawBody: string): IncomingRequest {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      // An untrusted client could forge its address; templates only see the socket peer then.
      if (!config.trustForwardedFor && (name === 'x-forwarded-for' || name === 'forwarded')) continue;
      headers[name] = value;
    }
    const original = req.originalUrl ?? req.url;
    const q = original.indexOf('?');
    return {
      method,
      path: req.path,
      headers,
      queryString: q === -1 ? '' : original.slice(q + 1),
      body: rawBody,
      remoteAddress: clientAddress({ headers: req.headers, remoteAddress: req.socket.remoteAddress, trustForwardedFor: config.trustForwardedFor }),
    };
  }

  async function handleCollect(req: functions.Request, res: functions.Response, method: string, rawBody: string, ownBase: () => string | undefined) {
    setCorsHeaders(req, res);
    if (Buffer.byteLength(rawBody) > config.maxBodyBytes) {
      res.status(400).type('text/plain').send(`request body larger than ${config.maxBodyBytes} bytes`);
      return;
    }
    const request = incomingRequest(req, method, rawBody);
    const parsed = parseGa4Request({
      queryString: request.queryString ?? '',
      body: method === 'POST' ? rawBody : undefined,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      trustForwardedFor: config.trustForwardedFor,
    });
    if (parsed.events.length === 0) {
      res.status(400).type('text/plain').send(`no usable event in the hit: ${parsed.issues.join('; ')}`);
      return;
    }
    const runs: EventRun[] = [];
    for (const eventData of parsed.events) {
      // One event's failure never drops the others of the batch.
      try {
        runs.push(await processEvent(eventData, request, 'ga4', parsed.issues, ownBase));
      } catch (error) {
        warn(`event ${String(eventData.event_name)} failed: ${(error as Error).message}`);
      }
    }
    applyTagResponse(res, runs);
    if (parsed.richResponse) {
      // gtag asked for the streamed response; an empty stream tells it there is nothing to do.
      res.status(200).type('text/event-stream').send('');
    } else {
      res.status(204).send('');
    }
  }

  async function handleEvents(req: functions.Request, res: functions.Response, rawBody: string, ownBase: () => string | undefined) {
    if (Buffer.byteLength(rawBody) > config.maxBodyBytes) {
      res.status(400).json({ error: `request body larger than ${config.maxBodyBytes} bytes` });
      return;
    }
    const document = parseJson(rawBody);
    const list = Array.isArray(document) ? document : [document];
    const issues: string[] = [];
    const valid: EventData[] = [];
    list.forEach((entry, index) => {
      if (entry && typeof entry === 'object' && !Array.isArray(entry) && typeof (entry as EventData).event_name === 'string') valid.push(entry as EventData);
      else issues.push(`item ${index}: not an event-data object with a string event_name`);
    });
    if (valid.length === 0) {
      res.status(400).json({ error: 'expected a JSON event-data object (or array) with event_name', issues });
      return;
    }
    const request = incomingRequest(req, 'POST', rawBody);
    const runs: EventRun[] = [];
    for (const eventData of valid) {
      try {
        runs.push(await processEvent(eventData, request, 'events', issues, ownBase));
      } catch (error) {
        issues.push(`event ${String(eventData.event_name)} failed: ${(error as Error).message}`);
      }
    }
    applyTagResponse(res, runs);
    res.status(200).json({ issues, events: runs.map((run) => run.debug) });
  }

  /** Set-Cookie and other headers the tags set, as the container would return them. */
  function applyTagResponse(res: functions.Response, runs: EventRun[]) {
    const cookies = unique(runs.flatMap(rawCookies));
    for (const cookie of cookies) res.append('Set-Cookie', cookie);
    for (const run of runs) {
      for (const tag of run.tags) {
        for (const [name, value] of Object.entries(tag.result?.record.response.headers ?? {})) {
          if (name.toLowerCase() !== 'set-cookie') res.set(name, value);
        }
      }
    }
  }

  const server = registerAndServe(functionName, handler);
  return {
    server,
    functionName,
    handler,
    config,
    mock,
    debug,
    pixelCalls,
    live,
    ready,
    loadErrors,
    // Outside an HTTP request the mock is reached through the server's own listening address.
    processEvent: (eventData, request, source) => processEvent(eventData, request, source, [], () => options.mockBaseUrl ?? listeningBase(server)),
  };
}

function listeningBase(server: http.Server): string | undefined {
  const address = server.address();
  return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : undefined;
}

/** The debug entry keeps redacted copies; the response needs the real cookie headers. */
function rawCookies(run: EventRun): string[] {
  return run.tags.flatMap((tag) => tag.result?.record.cookiesSet.map((cookie) => cookie.header) ?? []);
}

function registerAndServe(functionName: string, handler: functions.HttpFunction): http.Server {
  functions.http(functionName, handler);
  return getTestServer(functionName);
}

function toDebugOutcome(run: TagRun): DebugTagOutcome {
  return {
    tag: run.tag,
    template: run.template,
    outcome: run.outcome,
    message: run.message,
    requests: run.exchanges.map((exchange) => ({
      method: exchange.request.method,
      url: exchange.request.url,
      sentTo: exchange.sentTo,
      payload: parseJson(exchange.request.body ?? '') ?? exchange.request.body ?? '',
      status: 'statusCode' in exchange.outcome ? exchange.outcome.statusCode : undefined,
      error: 'error' in exchange.outcome ? exchange.outcome.error : undefined,
      answer: 'statusCode' in exchange.outcome ? (parseJson(exchange.outcome.body ?? '') ?? exchange.outcome.body) : undefined,
    })),
    cookiesSet: run.result?.record.cookiesSet.map((cookie) => cookie.header) ?? [],
    logs: run.result?.record.logs.map((line) => line.text) ?? [],
  };
}

function setCorsHeaders(req: functions.Request, res: functions.Response) {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    res.vary('Origin');
  }
}

function sendCorsPreflight(req: functions.Request, res: functions.Response) {
  setCorsHeaders(req, res);
  res.set('Access-Control-Allow-Methods', 'GET, POST');
  const requested = req.headers['access-control-request-headers'];
  if (typeof requested === 'string') res.set('Access-Control-Allow-Headers', requested);
  res.status(204).send('');
}

function sendPublicFile(res: functions.Response, name: string, type: string) {
  const file = path.join(PUBLIC_DIR, name);
  fs.readFile(file, (error, content) => {
    if (error) res.status(404).type('text/plain').send(`missing ${name}`);
    else res.status(200).set('Content-Type', type).set('Cache-Control', 'no-store').send(content);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
