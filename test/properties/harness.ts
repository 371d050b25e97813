// Runs any shipped template (templates/*.tpl) on a generated case in the emulator, with the real
// sandbox APIs and permission checks, and collects what the properties look at. Shared by the
// property tests, the security tests and the bench.
import * as fs from 'fs';
import * as path from 'path';
import { loadTemplate, runTemplate } from '../../src/sandbox';
import type { LoadedTemplate } from '../../src/sandbox';
import type { HttpOutcome, OutgoingHttpRequest, RunResult, ServerEnvironment, WebEnvironment } from '../../src/sandbox/environment';
import { TRACK_PATH, ValidationResult, validateTrackRequest } from '../../src/server/mock-tiktok';
import { Ga4Case, NOW_MS, toDataLayerPush, toWebConsent } from '../generators/ga4';
import { collectTexts } from '../generators/pii';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');

/** Every shipped template, by file name (new files are picked up automatically). */
export function shippedTemplatePaths(): string[] {
  if (!fs.existsSync(TEMPLATES_DIR)) return [];
  return fs.readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.tpl')).sort().map((name) => path.join(TEMPLATES_DIR, name));
}

export interface ShippedTemplate {
  id: string;
  file: string;
  template: LoadedTemplate;
}

export function loadShipped(filter: (t: LoadedTemplate) => boolean): ShippedTemplate[] {
  return shippedTemplatePaths()
    .map((file) => ({ id: path.basename(file, '.tpl'), file, template: loadTemplate(file) }))
    .filter((entry) => filter(entry.template));
}

/** A seeded integer source, so generateRandom and ULIDs repeat from run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** What the (mock) API answers a request with; `validator` is TikTok's contract. */
export type ScriptedAnswer = 'api' | 'http500' | 'http429' | 'code40100' | 'code40105' | 'failed' | 'timed_out';

export interface ServerRun {
  result: RunResult;
  validations: { request: OutgoingHttpRequest; validation?: ValidationResult }[];
}

function isTrackRequest(url: string): boolean {
  try {
    return new URL(url).pathname === TRACK_PATH;
  } catch {
    return false;
  }
}

function scripted(answer: ScriptedAnswer, validation: ValidationResult | undefined): HttpOutcome {
  switch (answer) {
    case 'http500':
      return { statusCode: 500, headers: { 'content-type': 'text/html' }, body: '<html>500 Internal Server Error</html>' };
    case 'http429':
      return { statusCode: 429, body: '' };
    case 'code40100':
      return { statusCode: 200, body: JSON.stringify({ code: 40100, message: 'Too many requests', request_id: 'R', data: {} }) };
    case 'code40105':
      return { statusCode: 200, body: JSON.stringify({ code: 40105, message: 'Access token is invalid.', request_id: 'R', data: {} }) };
    case 'failed':
      return { error: 'failed' };
    case 'timed_out':
      return { error: 'timed_out' };
    default:
      if (!validation) return { statusCode: 200, headers: {}, body: '' };
      return {
        statusCode: validation.httpStatus,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: validation.code, message: validation.message, request_id: '20261123000000ABCDEF0123456789ABCDEF', data: {} }),
      };
  }
}

export interface ServerRunOptions {
  answers?: ScriptedAnswer[];
  seed?: number;
  timeoutMs?: number;
}

/** A server template on one GA4 event: fixed clock, seeded random, mock TikTok API behind HTTP. */
export async function runServer(template: LoadedTemplate, data: Record<string, unknown>, ga4: Ga4Case, options: ServerRunOptions = {}): Promise<ServerRun> {
  const validations: ServerRun['validations'] = [];
  let index = 0;
  const env: ServerEnvironment = {
    context: 'SERVER',
    eventData: structuredClone(ga4.eventData),
    cookies: structuredClone(ga4.cookies),
    request: { method: 'POST', path: '/g/collect', headers: { ...ga4.headers }, queryString: 'v=2', body: '', remoteAddress: '203.0.113.9' },
    clientName: 'GA4',
    containerVersion: { containerId: 'GTM-PROP', debugMode: true, previewMode: true, environmentName: 'test', environmentMode: false, version: '1' },
    now: () => NOW_MS,
    random: seededRandom(options.seed ?? 1),
    projectId: 'prop-project',
    bigQuery: new Map(),
    templateDataStorage: new Map(),
    http: (request) => {
      const validation = isTrackRequest(request.url) ? validateTrackRequest(request.headers, request.body ?? '', { nowSeconds: Math.floor(NOW_MS / 1000) }) : undefined;
      validations.push({ request, validation });
      const answer = options.answers?.[index++] ?? 'api';
      return scripted(answer, validation);
    },
  };
  const result = await runTemplate(template, structuredClone(data), env, { timeoutMs: options.timeoutMs ?? 5000 });
  return { result, validations };
}

export interface WebRunOptions {
  seed?: number;
  scriptsFail?: boolean;
  timeoutMs?: number;
}

/** A web template on a fresh page whose dataLayer holds the GA4 event's push. */
export async function runWeb(template: LoadedTemplate, data: Record<string, unknown>, ga4: Ga4Case, options: WebRunOptions = {}): Promise<{ result: RunResult; env: WebEnvironment }> {
  const location = typeof ga4.eventData.page_location === 'string' && /^https?:\/\/[^/\s]+/.test(ga4.eventData.page_location) ? ga4.eventData.page_location : 'https://shop.example.com/';
  let url = 'https://shop.example.com/';
  try {
    url = new URL(location).href;
  } catch {
    // keep the default page
  }
  const env: WebEnvironment = {
    context: 'WEB',
    url,
    referrer: 'https://www.tiktok.com/',
    title: 'Shop',
    window: {},
    dataLayer: [{ 'gtm.start': NOW_MS, event: 'gtm.js' }, structuredClone(toDataLayerPush(ga4))],
    documentCookie: Object.entries(ga4.cookies).map(([k, v]) => k + '=' + (Array.isArray(v) ? v[0] : v)).join('; '),
    consent: toWebConsent(ga4),
    scripts: () => ({ outcome: options.scriptsFail ? 'fail' : 'load' }),
    localStorage: new Map(),
    templateStorage: new Map(),
    containerVersion: { containerId: 'GTM-PROP', debugMode: true, previewMode: true, environmentName: 'test', environmentMode: false, version: '1' },
    now: () => NOW_MS,
    random: seededRandom(options.seed ?? 1),
    gtmEventId: 7,
  };
  const result = await runTemplate(template, structuredClone(data), env, { timeoutMs: options.timeoutMs ?? 5000 });
  return { result, env };
}

/** Every place a run can put data where someone else reads it, as labelled texts. */
export function outputTexts(result: RunResult): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, value: unknown) => {
    for (const text of collectTexts(value)) out.push({ where, text });
  };
  const r = result.record;
  for (const { request } of r.requests) {
    add('request url', request.url);
    add('request headers', request.headers);
    add('request body', request.body ?? '');
  }
  for (const cookie of r.cookiesSet) add('cookie ' + cookie.name, [cookie.name, cookie.value, cookie.header]);
  for (const line of r.logs) {
    add('log', line.text);
    add('log args', line.args);
  }
  add('window access', r.windowAccess.map((w) => [w.path, w.args]));
  add('injected script', r.scriptsInjected.map((s) => s.url));
  add('pixel', r.pixelsSent);
  add('dataLayer push', r.dataLayerPushes);
  add('BigQuery', r.bigQueryInserts);
  add('response', [r.response.headers, r.response.body ?? '']);
  return out;
}

/** What must repeat exactly when the same input runs again. */
export function fingerprint(result: RunResult): string {
  const r = result.record;
  return JSON.stringify({
    outcome: result.outcome,
    message: result.message,
    returnValue: result.returnValue,
    success: result.successCalls,
    failure: result.failureCalls,
    calls: r.apiCalls.map((c) => c.name),
    requests: r.requests.map((q) => [q.request.url, q.request.method, q.request.headers, q.request.body]),
    cookies: r.cookiesSet.map((c) => c.header),
    logs: r.logs.map((l) => l.text),
    window: r.windowAccess,
    scripts: r.scriptsInjected,
    pixels: r.pixelsSent,
    pushes: r.dataLayerPushes,
    bigQuery: r.bigQueryInserts,
    response: r.response,
  }, (_key, value) => (typeof value === 'function' ? '[function]' : value));
}

/** A short, shrink-friendly description of a failing case for the report. */
export function describeRun(result: RunResult): string {
  return `${result.outcome}${result.message ? ' (' + result.message.split('\n')[0] + ')' : ''}, success ${result.successCalls}, failure ${result.failureCalls}, ${result.record.requests.length} request(s)`;
}
