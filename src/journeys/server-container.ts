// The server container of a journey, in-process: the local server's GA4 client
// (src/server/ga4.ts parseGa4Request) turns each hit into event data, the configured server tags run
// in the emulator with the browser's cookies, the journey's clock and outgoing HTTP answered by the
// mock TikTok (no sockets), and the cookies they set go back to the browser.

import { deepCopy } from '../sandbox/apis/common';
import type { LoadedTemplate } from '../sandbox';
import { runTemplate } from '../sandbox';
import type { HttpOutcome, OutgoingHttpRequest, RunResult, ServerEnvironment } from '../sandbox/environment';
import { EventData, parseGa4Request } from '../server/ga4';
import type { MockTikTok } from '../server/mock-tiktok';

export interface ServerTag {
  name: string;
  template: LoadedTemplate;
  /** Field values; a value `{{Event Name}}` or `{{Event Data: key}}` is read from the event. */
  fields: Record<string, unknown>;
  /** Event names that fire the tag (`*` = all). */
  events: string[];
  exclude?: string[];
}

export interface ServerContainerConfig {
  tags: ServerTag[];
}

export interface ServerRequestContext {
  cookieHeader: string;
  userAgent: string;
  ip: string;
  origin: string;
  now: number;
}

export interface ServerTagRun {
  tag: string;
  eventName: string;
  outcome: RunResult['outcome'];
  message?: string;
  logs: string[];
  requests: { url: string; body?: string; status?: number }[];
}

export class ServerContainer {
  /** Every tag run, in order (for reports). */
  readonly runs: ServerTagRun[] = [];
  private readonly storages = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly config: ServerContainerConfig,
    private readonly mock: MockTikTok,
    private readonly random: () => number,
    /** A line per request the tags sent to TikTok and per tag that did not succeed (journey traces). */
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** A GA4 hit (`/g/collect?…`): one event per hit line; returns the Set-Cookie headers. */
  async ga4Hit(queryString: string, context: ServerRequestContext): Promise<string[]> {
    const headers = this.headers(context);
    const parsed = parseGa4Request({ queryString, headers, remoteAddress: context.ip, now: context.now });
    const cookies: string[] = [];
    for (const eventData of parsed.events) cookies.push(...(await this.runEvent(eventData, { queryString, headers }, context)));
    return cookies;
  }

  /** Event data from another client (a data tag posting JSON): run as is. */
  async eventData(eventData: EventData, context: ServerRequestContext): Promise<string[]> {
    const headers = this.headers(context);
    return this.runEvent({ ip_override: context.ip, user_agent: context.userAgent, ...eventData }, { queryString: '', headers }, context);
  }

  private headers(context: ServerRequestContext): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': context.userAgent, origin: context.origin };
    if (context.cookieHeader !== '') headers.cookie = context.cookieHeader;
    return headers;
  }

  private async runEvent(eventData: EventData, request: { queryString: string; headers: Record<string, string> }, context: ServerRequestContext): Promise<string[]> {
    const eventName = typeof eventData.event_name === 'string' ? eventData.event_name : '';
    const cookies: string[] = [];
    for (const tag of this.config.tags) {
      if (!fires(tag, eventName)) continue;
      const requests: ServerTagRun['requests'] = [];
      const env: ServerEnvironment = {
        context: 'SERVER',
        eventData: deepCopy(eventData),
        request: { method: 'GET', path: '/g/collect', headers: request.headers, queryString: request.queryString, remoteAddress: context.ip },
        clientName: 'GA4',
        containerVersion: { containerId: 'GTM-SERVER', debugMode: false, environmentName: 'journeys', environmentMode: false, previewMode: false, version: '1' },
        http: (outgoing) => this.toTikTok(outgoing, requests),
        templateDataStorage: this.storage(tag.name),
        now: () => context.now,
        random: this.random,
      };
      const result = await runTemplate(tag.template, resolveFields(tag.fields, eventData), env);
      this.runs.push({
        tag: tag.name, eventName, outcome: result.outcome, message: result.message,
        logs: result.record.logs.map((line) => line.text), requests,
      });
      cookies.push(...result.record.cookiesSet.map((cookie) => cookie.header));
      for (const request of requests) {
        const sent = firstEvent(request.body);
        this.log(`${tag.name} → TikTok ${sent.event ?? '?'}${sent.event_id ? ` id=${sent.event_id}` : ' (no event_id)'} (HTTP ${request.status ?? '—'})`);
      }
      if (result.outcome !== 'success') this.log(`${tag.name} on ${eventName}: ${result.outcome}${result.message ? ` (${result.message})` : ''}`);
    }
    return cookies;
  }

  private toTikTok(request: OutgoingHttpRequest, requests: ServerTagRun['requests']): HttpOutcome {
    const url = new URL(request.url);
    const answer = this.mock.handle({ method: request.method, path: url.pathname, headers: request.headers, body: request.body ?? '' });
    const entry = { url: request.url, body: request.body, status: answer?.status };
    requests.push(entry);
    if (!answer) return { statusCode: 404, headers: {}, body: '' };
    return { statusCode: answer.status, headers: answer.headers, body: answer.body };
  }

  private storage(tag: string): Map<string, unknown> {
    let storage = this.storages.get(tag);
    if (!storage) this.storages.set(tag, (storage = new Map()));
    return storage;
  }
}

function fires(tag: ServerTag, eventName: string): boolean {
  if (tag.exclude?.includes(eventName)) return false;
  return tag.events.includes('*') || tag.events.includes(eventName);
}

/** Server-side variables in field values: `{{Event Name}}`, `{{Event Data: key}}`. */
function resolveFields(fields: Record<string, unknown>, eventData: EventData): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === '{{Event Name}}') resolved[key] = eventData.event_name;
    else if (typeof value === 'string' && /^\{\{Event Data: .+\}\}$/.test(value)) resolved[key] = eventData[value.slice(14, -2)];
    else resolved[key] = value;
  }
  return resolved;
}

/** The first event of an Events API request body (for traces). */
function firstEvent(body: string | undefined): { event?: string; event_id?: string } {
  try {
    const parsed = JSON.parse(body ?? '{}') as { data?: { event?: string; event_id?: string }[] };
    return parsed.data?.[0] ?? {};
  } catch {
    return {};
  }
}
