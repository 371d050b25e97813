// The HttpTransport the local server gives the emulator. Requests for business-api.tiktok.com go
// to the mock unless live mode is on: to the server's own embedded mock in-process (the same
// method, path, headers and body bytes; the same answer bytes; no loopback socket and no second
// HTTP parse per event), or over HTTP to a mock at `mockBaseUrl`. Every other request is really
// sent with node's http/https. The emulator has already checked the template's send_http
// permission against the ORIGINAL URL before this runs, so rerouting never widens permissions.

import * as http from 'http';
import * as https from 'https';
import type { HttpOutcome, HttpTransport, OutgoingHttpRequest } from '../sandbox/environment';

export const TIKTOK_API_HOST = 'business-api.tiktok.com';
/** Responses larger than this are cut (a template never needs more of TikTok's answer). */
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface TransportExchange {
  request: OutgoingHttpRequest;
  /** Where the request actually went (differs from request.url when rerouted to the mock). */
  sentTo: string;
  outcome: HttpOutcome;
}

/** What `sentTo` says for a request answered by the embedded mock in-process. */
export const EMBEDDED_MOCK = 'embedded mock (in-process): ';

export interface TransportOptions {
  /** Send TikTok requests to the real API. */
  live: boolean;
  /** Base URL (scheme://host:port) of a mock reached over HTTP; resolved per request so the port may be dynamic. */
  mockBaseUrl: () => string | undefined;
  /** Answers TikTok requests in-process (path with query); used when there is no mockBaseUrl. */
  embeddedMock?: (request: OutgoingHttpRequest, path: string) => HttpOutcome;
  /** Wraps every wait for a real network exchange (the server's scheduler lets other runs compute meanwhile). */
  network?: <T>(wait: () => Promise<T>) => Promise<T>;
  /** Called after every exchange (for the debug log). */
  onExchange?: (exchange: TransportExchange) => void;
}

/** Where a request goes: the mock for the TikTok host (unless live), else the URL itself. */
export function routeUrl(url: string, options: Pick<TransportOptions, 'live' | 'mockBaseUrl'>): string {
  if (options.live) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.hostname.toLowerCase() !== TIKTOK_API_HOST) return url;
  const base = options.mockBaseUrl();
  if (!base) throw new Error('TikTok request in mock mode but the mock has no address yet');
  return base.replace(/\/$/, '') + parsed.pathname + parsed.search;
}

export function createTransport(options: TransportOptions): HttpTransport {
  return async (request) => {
    let sentTo = request.url;
    let outcome: HttpOutcome;
    try {
      const embedded = options.embeddedMock && !options.live && options.mockBaseUrl() === undefined ? tiktokPath(request.url) : undefined;
      if (embedded !== undefined) {
        sentTo = EMBEDDED_MOCK + embedded;
        outcome = options.embeddedMock!(request, embedded);
      } else {
        const target = routeUrl(request.url, options);
        sentTo = target;
        outcome = options.network ? await options.network(() => send(target, request)) : await send(target, request);
      }
    } catch {
      outcome = { error: 'failed' };
    }
    options.onExchange?.({ request, sentTo, outcome });
    return outcome;
  };
}

/** Path and query of a URL on TikTok's API host; undefined for any other URL. */
function tiktokPath(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.hostname.toLowerCase() === TIKTOK_API_HOST ? parsed.pathname + parsed.search : undefined;
}

/** Sends one request; resolves with the response or an HttpFailure (never rejects). */
export function send(url: string, request: OutgoingHttpRequest): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'failed' });
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) {
      resolve({ error: 'failed' });
      return;
    }
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    }
    const outgoing = client.request(
      target,
      { method: request.method || 'GET', headers, timeout: request.timeout > 0 ? request.timeout : 15000 },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on('end', () =>
          finish({
            statusCode: response.statusCode ?? 0,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', () => finish({ error: 'failed' }));
      },
    );
    outgoing.on('timeout', () => {
      finish({ error: 'timed_out' });
      outgoing.destroy();
    });
    outgoing.on('error', () => finish({ error: 'failed' }));
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
