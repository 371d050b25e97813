// The HttpTransport the local server gives the emulator: every outgoing request is really sent
// with node's http/https. Requests for business-api.tiktok.com go to the embedded mock on
// 127.0.0.1 unless live mode is on. The emulator has already checked the template's send_http
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

export interface TransportOptions {
  /** Send TikTok requests to the real API. */
  live: boolean;
  /** Base URL (scheme://host:port) of the mock; resolved per request so the port may be dynamic. */
  mockBaseUrl: () => string | undefined;
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
      sentTo = routeUrl(request.url, options);
      outcome = await send(sentTo, request);
    } catch {
      outcome = { error: 'failed' };
    }
    options.onExchange?.({ request, sentTo, outcome });
    return outcome;
  };
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
