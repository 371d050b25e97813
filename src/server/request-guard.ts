// What keeps the local server's own endpoints (debug log, mock controls, /events) out of reach of
// web pages the developer happens to visit, and what keeps one request from taking all its memory.
//
// - A page on another site can send simple cross-origin requests (GET, or POST with a text/plain,
//   form or multipart body) to http://localhost:8080 without any CORS permission. Control endpoints
//   therefore require `Content-Type: application/json`, which a browser only sends cross-origin
//   after a preflight this server never grants, and refuse any Origin other than the server's own.
// - DNS rebinding (a hostile name that first resolves to the attacker, then to 127.0.0.1) makes the
//   page same-origin with the attacker's name, but its requests still carry that name in `Host`.
//   Reads of the debug log and the mock's log therefore require a Host of the server itself:
//   `localhost` (or a `.localhost` name), an IP address (a rebinding attack needs a DNS name), or a
//   name listed in the config's `allowedHosts`. Vite's dev server makes the same check for the same
//   reason: https://vite.dev/config/server-options#server-allowedhosts and
//   https://github.com/vitejs/vite/security/advisories/GHSA-vg6x-rcgg-rjx6
// - Request bodies are counted while they arrive and refused past the configured limit, before they
//   are buffered or parsed.
// Simple requests: https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS#simple_requests

import type * as http from 'http';
import * as net from 'net';

export interface GuardAnswer {
  status: number;
  message: string;
}

export function firstHeader(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/json` or `application/<x>+json`, with or without parameters. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const type = value.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** The host name of a Host header or URL authority, lower-case, without port or brackets. */
export function hostName(authority: string): string {
  const text = authority.trim().toLowerCase();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    return close === -1 ? text : text.slice(1, close);
  }
  const colon = text.indexOf(':');
  return colon === -1 ? text : text.slice(0, colon);
}

/** localhost names, and IP literals (no DNS lookup is involved, so no rebinding either). */
function isSafeByItself(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (net.isIP(name) !== 0) return true;
  return false;
}

/** Is `hostHeader` this server: localhost, an IP address, or one of `allowedHosts` (names, any port)? */
export function isOwnHost(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (hostHeader === undefined || hostHeader.trim() === '') return false;
  const name = hostName(hostHeader);
  return isSafeByItself(name) || allowedHosts.some((allowed) => hostName(allowed) === name);
}

/** Same origin as the request: the Origin's host and port equal the Host header. */
export function isSameOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (hostHeader === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file: pages)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host.toLowerCase() === hostHeader.trim().toLowerCase();
}

/**
 * Checks a request to a control or debug endpoint. `changesState`: the endpoint changes the
 * server's state (then a JSON content type is required too). Returns undefined when allowed.
 */
export function checkControlRequest(
  request: { method: string; headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined> },
  options: { changesState: boolean; allowedHosts: readonly string[] },
): GuardAnswer | undefined {
  const host = firstHeader(request.headers, 'host');
  if (!isOwnHost(host, options.allowedHosts)) {
    return {
      status: 403,
      message:
        'this endpoint answers only requests addressed to the server itself (Host localhost or an IP address, ' +
        'or a name listed in allowedHosts of the container config)',
    };
  }
  const origin = firstHeader(request.headers, 'origin');
  if (origin !== undefined && !isSameOrigin(origin, host)) {
    return { status: 403, message: `requests from other origins are refused here (Origin ${origin.slice(0, 100)})` };
  }
  const fetchSite = firstHeader(request.headers, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return { status: 403, message: `requests from other sites are refused here (Sec-Fetch-Site ${fetchSite.slice(0, 40)})` };
  }
  if (options.changesState && !isJsonContentType(firstHeader(request.headers, 'content-type'))) {
    return { status: 415, message: `${request.method} here needs the header Content-Type: application/json` };
  }
  return undefined;
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body up to `maxBytes`. A declared Content-Length over the limit is refused before
 * anything is read; a body that grows past the limit while streaming is refused at that point.
 * The caller answers 413; `discardRest` then makes sure the connection does not keep feeding an
 * unwanted upload for long (the answer says `Connection: close`).
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ ok: false, reason: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

/** After a 413: drop the rest of the upload, and close the connection if the client keeps sending. */
export function discardRest(req: http.IncomingMessage, res: http.ServerResponse, allowance: number): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > allowance && res.writableFinished) req.socket.destroy();
  });
  req.resume();
}
