// The local server against hostile input and hostile web pages: one block per hardening rule
// (docs/local-server.md, "Hardening"). Each test failed on the server before the rule existed.

import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import fc from 'fast-check';
import request from 'supertest';
import { main as gtmTpl } from '../../src/cli/gtm-tpl';
import type { ServerEnvironment } from '../../src/sandbox/environment';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { MAX_JSON_DEPTH } from '../../src/server/bounds';
import { normalizeConfig } from '../../src/server/config';
import { DebugLog } from '../../src/server/debug';
import { MockTikTok, TRACK_PATH } from '../../src/server/mock-tiktok';
import { collectTexts, emailToken, findLeak, phoneToken, piiTokenOf, PiiToken } from '../generators/pii';
import { FIXTURE_TAG, PIXEL } from './helpers/tag-setups';
import { Script, TIKTOK_URL, scriptedEngine } from './helpers/scripted-engine';

jest.setTimeout(60_000);

/** Random letters and digits: no 4-character piece of it occurs in ordinary output by chance. */
const TOKEN = 'Qz8xK2vW7pL4mN9rJ6tY';

/** Records the event data each run saw, and sends one request to TikTok with the token. */
function recordingTag(seen: Record<string, unknown>[]): Script {
  return async (data, env, result) => {
    seen.push(env.eventData ?? {});
    const outgoing = {
      url: `${TIKTOK_URL}?access_token=${String(data.accessToken)}`,
      method: 'POST',
      headers: { 'Access-Token': String(data.accessToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data: [{ event: 'Purchase', event_time: Math.floor(Date.now() / 1000) }] }),
      timeout: 5000,
    };
    result.record.requests.push({ request: outgoing, outcome: await env.http!(outgoing) });
    // A careless template might log its own token: it must not show up anywhere all the same.
    result.record.logs.push({ args: [], text: `sending with token ${String(data.accessToken)}` });
  };
}

function makeServer(extra: Record<string, unknown> = {}): LocalServer & { seen: Record<string, unknown>[] } {
  const seen: Record<string, unknown>[] = [];
  const engine = scriptedEngine({ 'record.tpl': recordingTag(seen) });
  const config = normalizeConfig(
    { tags: [{ name: 'Recorder', template: 'record.tpl', trigger: '*', fields: { pixelId: PIXEL, accessToken: TOKEN } }], ...extra },
    { baseDir: '/virtual', env: {} },
  );
  return Object.assign(createLocalServer({ config, engine, env: {}, warn: () => undefined }), { seen });
}

async function listen(local: LocalServer): Promise<number> {
  await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
  return (local.server.address() as net.AddressInfo).port;
}

function close(local: LocalServer): Promise<void> {
  local.server.closeAllConnections();
  return new Promise((resolve) => local.server.close(() => resolve()));
}

function depthOf(value: unknown): number {
  let depth = 0;
  let level: unknown[] = [value];
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const node of level) if (node && typeof node === 'object') next.push(...Object.values(node));
    if (next.length === 0 && level.every((node) => !node || typeof node !== 'object')) break;
    depth++;
    level = next;
  }
  return depth;
}

// ------------------------------------------------------------------------------------------------
describe('request bodies over the limit are refused before they are read', () => {
  let local: ReturnType<typeof makeServer>;
  let port: number;
  beforeEach(async () => {
    local = makeServer();
    port = await listen(local);
  });
  afterEach(() => close(local));

  /** Streams `total` bytes of a JSON body (chunked, no Content-Length), counting what was produced. */
  function streamUpload(total: number): Promise<{ status?: number; producedAtAnswer: number; error?: string }> {
    return new Promise((resolve) => {
      let produced = 0;
      let settled = false;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const body = new Readable({
        read() {
          if (produced === 0) {
            produced += 30;
            this.push('{"event_name":"purchase","x":"');
          } else if (produced >= total) {
            this.push('"}');
            this.push(null);
          } else {
            produced += chunk.length;
            this.push(chunk);
          }
        },
      });
      const settle = (outcome: { status?: number; error?: string }) => {
        if (settled) return;
        settled = true;
        resolve({ ...outcome, producedAtAnswer: produced });
        body.destroy();
        upload.destroy();
      };
      const upload = http.request({ host: '127.0.0.1', port, path: '/events', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        settle({ status: response.statusCode });
      });
      upload.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code }));
      body.pipe(upload);
    });
  }

  test('a streamed 150 MB JSON body gets 413 after about the limit, and a concurrent hit is answered meanwhile', async () => {
    const total = 150 * 1024 * 1024;
    const upload = streamUpload(total);
    const hit = await request(`http://127.0.0.1:${port}`).get('/g/collect?v=2&en=page_view&cid=1.2').expect(204);
    expect(hit.status).toBe(204);
    const result = await upload;
    expect(result.status).toBe(413);
    // Refused at the limit (256 KB), not after reading the whole upload (socket buffers allow some slack).
    expect(result.producedAtAnswer).toBeLessThan(16 * 1024 * 1024);
    expect(local.seen.filter((event) => event.event_name === 'purchase')).toHaveLength(0);
    // The server still serves.
    await request(`http://127.0.0.1:${port}`).get('/g/collect?v=2&en=purchase').expect(204);
  });

  test('a declared Content-Length over the limit gets 413 without the body being sent', async () => {
    const answer = await new Promise<{ status?: number; wrote: number }>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${150 * 1024 * 1024}\r\n\r\n{"event_name":`);
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        const status = /^HTTP\/1\.1 (\d{3})/.exec(data);
        if (status) {
          socket.destroy();
          resolve({ status: Number(status[1]), wrote: socket.bytesWritten });
        }
      });
      socket.on('error', () => resolve({ wrote: socket.bytesWritten }));
    });
    expect(answer.status).toBe(413);
    expect(answer.wrote).toBeLessThan(1024);
  });
});

describe('logs keep a bounded number of bytes', () => {
  test('the mock log drops the oldest requests past its byte budget', () => {
    const mock = new MockTikTok({ maxLogBytes: 200_000 });
    const body = JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data: [{ event: 'Purchase', event_time: 1, pad: 'x'.repeat(20_000) }] });
    for (let i = 0; i < 100; i++) mock.handle({ method: 'POST', path: TRACK_PATH, headers: { 'access-token': 't' }, body });
    expect(mock.log.length).toBeGreaterThan(1);
    expect(mock.log.length).toBeLessThan(12);
    expect(JSON.stringify(mock.log).length).toBeLessThan(260_000);
  });

  test('the mock log has a byte budget by default (16 MB), not only an entry count', () => {
    const mock = new MockTikTok();
    const body = JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data: [{ event: 'Purchase', event_time: 1, pad: 'x'.repeat(200_000) }] });
    for (let i = 0; i < 200; i++) mock.handle({ method: 'POST', path: TRACK_PATH, headers: { 'access-token': 't' }, body });
    expect(JSON.stringify(mock.log).length).toBeLessThan(17 * 1024 * 1024);
    expect(mock.log.length).toBeLessThan(200);
  });

  test('the fake Pixel log keeps at most 4 MB of calls', async () => {
    const local = makeServer();
    const call = JSON.stringify({ method: 'track', args: ['Purchase', { pad: 'y'.repeat(100_000) }] });
    for (let i = 0; i < 60; i++) await request(local.server).post('/_fake/pixel/calls').set('Content-Type', 'application/json').send(call).expect(204);
    expect(local.pixelCalls.length).toBeLessThan(60);
    expect(JSON.stringify(local.pixelCalls).length).toBeLessThanOrEqual(4 * 1024 * 1024 + 200_000);
  });
});

// ------------------------------------------------------------------------------------------------
describe('parse issues are per event and capped', () => {
  test('a 250 KB body of bad percent-escapes gives a debug page of a normal size', async () => {
    const local = makeServer();
    const line = (n: number) => `en=e${n}&` + Array.from({ length: 280 }, (_, i) => `ep.p${i}=%E0%A4`).join('&');
    const lines: string[] = [];
    while (lines.join('\n').length < 245 * 1024) lines.push(line(lines.length));
    const body = lines.join('\n');
    await request(local.server).post('/g/collect?v=2').set('Content-Type', 'text/plain').send(body).expect(204);
    const page = await request(local.server).get('/_debug').expect(200);
    const json = await request(local.server).get('/_debug.json').expect(200);
    expect(page.text.length).toBeLessThan(3 * 1024 * 1024);
    expect(json.text.length).toBeLessThan(3 * 1024 * 1024);
    const [entry] = json.body.events;
    expect(entry.issues.length).toBeLessThanOrEqual(21);
    expect(entry.issues.join('\n')).toMatch(/more issue\(s\) not listed/);
  });
});

// ------------------------------------------------------------------------------------------------
describe('over-deep input is rejected or flattened, never dropped after a 204', () => {
  const deepName = Array.from({ length: 2500 }, () => 'a').join('.');

  test('a 2,500-level ep.a.a.a… name: 204, the tag runs, the value is kept flattened and the issue shown', async () => {
    const local = makeServer();
    await request(local.server).get(`/g/collect?v=2&en=purchase&ep.${deepName}=deep`).expect(204);
    expect(local.seen).toHaveLength(1);
    expect(depthOf(local.seen[0])).toBeLessThanOrEqual(16);
    expect(JSON.stringify(local.seen[0])).toContain('"deep"');
    const [entry] = (await request(local.server).get('/_debug.json')).body.events;
    expect(entry.issues.join()).toMatch(/nests 2500 levels/);
  });

  test('the same hit through the real emulator: the tag runs and sends', async () => {
    const config = normalizeConfig({ tags: [{ ...FIXTURE_TAG.tag, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
    const local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    await request(local.server).get(`/g/collect?v=2&en=purchase&gcs=G111&ep.${deepName}=deep`).expect(204);
    expect(local.debug.list()[0].tags[0]).toMatchObject({ outcome: 'success' });
    expect(local.mock.accepted()).toHaveLength(1);
  });

  test('POST /events with JSON nested 2,500 levels: 400 with a clear message, no tag run', async () => {
    const local = makeServer();
    const deep = '{"event_name":"purchase","x":' + '{"a":'.repeat(2500) + '1' + '}'.repeat(2500) + '}';
    const response = await request(local.server).post('/events').set('Content-Type', 'application/json').send(deep).expect(400);
    expect(response.body.error).toMatch(new RegExp(`nests deeper than ${MAX_JSON_DEPTH} levels`));
    expect(local.seen).toHaveLength(0);
    // A batch keeps its usable events and names the one refused.
    const batch = `[{"event_name":"purchase"},{"event_name":"x","y":${'['.repeat(40)}${']'.repeat(40)}}]`;
    const partial = await request(local.server).post('/events').set('Content-Type', 'application/json').send(batch).expect(200);
    expect(partial.body.issues).toEqual([`item 1: nests deeper than ${MAX_JSON_DEPTH} levels; not processed`]);
    expect(local.seen).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------
describe('inherited names are plain keys', () => {
  test('a hit named toString, constructor, hasOwnProperty, __proto__: plain keys, nothing from Object.prototype', async () => {
    const local = makeServer();
    await request(local.server)
      .get('/g/collect?v=2&en=purchase&constructor=c&toString=t&hasOwnProperty=h&__proto__=p&ep.valueOf.x=1&ep.toString=s')
      .expect(204);
    const [seen] = local.seen;
    expect(seen['x-ga-mp2-constructor']).toBe('c');
    expect(seen['x-ga-mp2-toString']).toBe('t');
    expect(seen['x-ga-mp2-hasOwnProperty']).toBe('h');
    expect(seen.valueOf).toEqual({ x: '1' });
    expect(seen.toString).toBe('s');
    expect(Object.keys(seen).filter((key) => key.includes('native code'))).toEqual([]);
  });

  test('JSON event data with own __proto__ / constructor keys keeps them as data and pollutes nothing', async () => {
    const local = makeServer();
    await request(local.server)
      .post('/events')
      .set('Content-Type', 'application/json')
      .send('{"event_name":"purchase","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}')
      .expect(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const entry = (await request(local.server).get('/_debug.json')).body.events[0];
    const eventData = JSON.parse(JSON.stringify(entry.eventData));
    expect(Object.prototype.hasOwnProperty.call(eventData, '__proto__')).toBe(true);
    expect(eventData.constructor).toEqual({ prototype: { polluted: 2 } });
  });
});

// ------------------------------------------------------------------------------------------------
describe('the cookie domain never comes from X-Forwarded-Host unless it is trusted', () => {
  async function hitWithoutHost(trustForwardedHost: boolean): Promise<string> {
    const config = normalizeConfig({ tags: [{ ...FIXTURE_TAG.tag, trigger: '*' }], client: { trustForwardedHost } }, { baseDir: REPO_ROOT, env: {} });
    const local = createLocalServer({ config, env: {}, warn: () => undefined });
    await local.ready;
    const port = await listen(local);
    try {
      // HTTP/1.0 needs no Host header; the forwarded one names a domain the client chose.
      const target = `/g/collect?v=2&en=purchase&gcs=G111&dl=${encodeURIComponent('https://shop.example/?ttclid=E.C.P.fwd')}`;
      return await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.0\r\nX-Forwarded-Host: attacker.example\r\n\r\n`));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    } finally {
      await close(local);
    }
  }

  test('untrusted (default): the cookie gets no domain from the header', async () => {
    const response = await hitWithoutHost(false);
    expect(response).toMatch(/^HTTP\/1\.1 204/);
    expect(response).toMatch(/Set-Cookie: ttclid=E\.C\.P\.fwd/i);
    expect(response).not.toMatch(/attacker\.example/i);
  });

  test('trusted (client.trustForwardedHost): the proxy\'s header is used', async () => {
    expect(await hitWithoutHost(true)).toMatch(/Set-Cookie: ttclid=E\.C\.P\.fwd;[^\r\n]*Domain=attacker\.example/i);
  });
});

// ------------------------------------------------------------------------------------------------
describe('errors answer with a generic page', () => {
  const looksLikeStack = /\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d+|SyntaxError|Error:/;

  test('malformed JSON sent as JSON: 400 without a stack trace', async () => {
    const local = makeServer();
    const response = await request(local.server).post('/events').set('Content-Type', 'application/json').send('{bad').expect(400);
    expect(response.text).not.toMatch(looksLikeStack);
  });

  test('an exception inside the server: 500 with a generic text, the details only in the console', async () => {
    const warnings: string[] = [];
    const exploding = { includes: () => { throw new Error('validator exploded at /secret/path/file.ts:12'); } };
    const config = normalizeConfig({ tags: [] }, { baseDir: '/virtual', env: {} });
    const local = createLocalServer({ config, env: {}, engine: scriptedEngine({}), warn: (message) => warnings.push(message), mockOptions: { validTokens: exploding as unknown as string[] } });
    const response = await request(local.server).post(TRACK_PATH).set('Access-Token', 't').send({}).expect(500);
    expect(response.text).toBe('internal error in the local tagging server (details in its console)');
    expect(warnings.join()).toMatch(/validator exploded/);
    await request(local.server).get('/g/collect?v=2&en=x').expect(204);
  });

  test('a malformed HTTP request gets a bare 400', async () => {
    const local = makeServer();
    const port = await listen(local);
    try {
      const response = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('close', () => resolve(data));
      });
      expect(response).toMatch(/^HTTP\/1\.1 400/);
      expect(response).not.toMatch(looksLikeStack);
    } finally {
      await close(local);
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe('control endpoints: JSON content type, and this server as Host and Origin', () => {
  let local: ReturnType<typeof makeServer>;
  beforeEach(() => {
    local = makeServer();
  });

  test('a cross-site form or simple fetch (text/plain, form data) cannot drive them', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      await request(local.server).post('/_mock/tiktok/fail').set('Content-Type', type).send('{"count":5,"status":500}').expect(415);
      await request(local.server).post('/events').set('Content-Type', type).send('{"event_name":"purchase"}').expect(415);
      await request(local.server).post('/_mock/tiktok/reset').set('Content-Type', type).send('').expect(415);
      await request(local.server).delete('/_debug.json').set('Content-Type', type).expect(415);
    }
    await request(local.server).delete('/_mock/tiktok/events').expect(415);
    await request(local.server).post('/_fake/pixel/calls').set('Content-Type', 'text/plain').send('{"method":"track"}').expect(415);
    expect(local.seen).toHaveLength(0);
    // Nothing was planned: the next request is accepted.
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    expect(local.mock.log.map((entry) => entry.status)).toEqual([200]);
  });

  test('another origin is refused even with JSON (a CORS preflight would be needed, and is never granted)', async () => {
    const response = await request(local.server).post('/_mock/tiktok/fail').set('Origin', 'https://evil.example').send({ count: 1, status: 500 }).expect(403);
    expect(response.text).toMatch(/other origins/);
    await request(local.server).post('/events').set('Origin', 'http://localhost:3000').set('Host', 'localhost:8080').send({ event_name: 'x' }).expect(403);
    await request(local.server).post('/events').set('Sec-Fetch-Site', 'cross-site').send({ event_name: 'x' }).expect(403);
    expect(local.seen).toHaveLength(0);
  });

  test('DNS rebinding: a page whose name now points at 127.0.0.1 cannot read the debug log or the mock log', async () => {
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    for (const path of ['/_debug', '/_debug.json', '/_mock/tiktok/requests', '/_mock/tiktok/events', '/_fake/pixel/calls']) {
      const response = await request(local.server).get(path).set('Host', 'rebind.attacker.example:8080').expect(403);
      expect(response.text).not.toContain('purchase');
    }
    await request(local.server).post(TRACK_PATH).set('Host', 'rebind.attacker.example').set('Access-Token', 't').send({}).expect(403);
  });

  test('the server itself is allowed: localhost, IP addresses, names in allowedHosts; same-origin pages', async () => {
    await request(local.server).get('/_debug.json').set('Host', 'localhost:8080').expect(200);
    await request(local.server).get('/_debug.json').set('Host', '[::1]:8080').expect(200);
    await request(local.server).get('/_debug.json').set('Host', '192.168.1.20:8080').expect(200);
    await request(local.server).post('/_mock/tiktok/fail').set('Host', 'localhost:8080').set('Origin', 'http://localhost:8080').set('Sec-Fetch-Site', 'same-origin').send({ count: 1, status: 503 }).expect(200);
    const named = makeServer({ allowedHosts: ['tagging.dev.example'] });
    await request(named.server).get('/_debug.json').set('Host', 'tagging.dev.example').expect(200);
    await request(named.server).get('/_debug.json').set('Host', 'other.dev.example').expect(403);
  });

  test('the GA4 endpoint stays open to any page (that is what it is for)', async () => {
    await request(local.server).post('/g/collect?v=2&en=purchase').set('Origin', 'https://shop.example').set('Host', 'sgtm.shop.example').set('Content-Type', 'text/plain').send('').expect(204);
    expect(local.seen).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------
describe('the access token is never shown, not even partly', () => {
  /** Every 4-character piece of the token (so a prefix/suffix mask is caught too). */
  function tokenPieces(): string[] {
    const pieces: string[] = [];
    for (let i = 0; i + 4 <= TOKEN.length; i++) pieces.push(TOKEN.slice(i, i + 4));
    return pieces;
  }
  const leaks = (text: string) => tokenPieces().filter((piece) => text.includes(piece));

  test('not in the mock log, the debug page, /_debug.json, nor the /events answer', async () => {
    const local = makeServer();
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    const events = await request(local.server).post('/events').send({ event_name: 'purchase' }).expect(200);
    expect(local.mock.log[0].headers['access-token']).toBe('[hidden]');
    const texts = {
      mockRequests: (await request(local.server).get('/_mock/tiktok/requests')).text,
      mockEvents: (await request(local.server).get('/_mock/tiktok/events')).text,
      debugPage: (await request(local.server).get('/_debug')).text,
      debugJson: (await request(local.server).get('/_debug.json')).text,
      events: events.text,
    };
    for (const [where, text] of Object.entries(texts)) expect({ where, leaks: leaks(text) }).toEqual({ where, leaks: [] });
    // The token did reach the mock (the request was accepted), it is only never shown.
    expect(local.mock.accepted()).toHaveLength(2);
  });

  test('not in `gtm-tpl run` output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-'));
    const dataFile = path.join(dir, 'data.json');
    const eventFile = path.join(dir, 'event.json');
    fs.writeFileSync(dataFile, JSON.stringify({ pixelId: PIXEL, accessToken: TOKEN, logType: 'always' }));
    fs.writeFileSync(eventFile, JSON.stringify({ event_name: 'purchase', value: 10, currency: 'EUR', transaction_id: 'T-1' }));
    const out: string[] = [];
    await gtmTpl(['run', path.join(REPO_ROOT, 'templates/tiktok-events-api.tpl'), '--data', dataFile, '--event', eventFile, '--respond', '200:{"code":0,"message":"OK"}'], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    const text = out.join('\n');
    expect(text).toMatch(/"Access-Token": "\[hidden\]"/);
    expect(leaks(text)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
describe('the debug log redacts every key the tags treat as personal', () => {
  test('phone, external_id, user_id, names, encoded emails and personal URL parameters, wherever they are', async () => {
    const local = makeServer();
    const hit = [
      'v=2', 'en=purchase', 'uid=U-73920', 'ep.phone=%2B4915112345678', 'ep.external_id=cust-qzvx', 'epn.user_id=73921',
      'ep.note=write%20to%20jane.qzvx%2540example.com', 'ep.user_data.phone_number=%2B4915187654321', 'ep.customer.first_name=Qzvxina',
      `dl=${encodeURIComponent('https://shop.example/c?email=jane.qzvx%40example.com&tel=%2B4915100000001&ttclid=E.C.P.keep')}`,
    ].join('&');
    await request(local.server).get(`/g/collect?${hit}`).expect(204);
    await request(local.server).post('/events').send({ event_name: 'lead', email: 'Bob.Qzvx@Example.org', phone_number: '+44 20 7946 0958', user_id: 73922 }).expect(200);
    const shown = (await request(local.server).get('/_debug.json')).text + (await request(local.server).get('/_debug')).text;
    for (const secret of ['U-73920', '4915112345678', 'cust-qzvx', '73921', 'jane.qzvx', 'qzvx%40', '4915187654321', 'Qzvxina', '4915100000001', 'Bob.Qzvx', '7946 0958', '73922']) {
      expect({ secret, shown: shown.includes(secret) }).toEqual({ secret, shown: false });
    }
    // What is not personal stays readable.
    expect(shown).toContain('E.C.P.keep');
    expect(shown).toContain('purchase');
  });

  test('property: no generated personal data survives in a debug entry, whatever key or shape carries it', () => {
    const anyToken = fc.constantFrom(...Object.keys(piiTokenOf)).chain((kind) => piiTokenOf[kind as keyof typeof piiTokenOf]);
    const keyFor: Record<string, string[]> = {
      email: ['email', 'user_data.email_address', 'customer.email'],
      phone: ['phone', 'phone_number', 'user_data.phone_number'],
      first_name: ['first_name', 'user_data.address.first_name'],
      last_name: ['last_name', 'user_data.address.last_name'],
      zip: ['user_data.address.postal_code', 'zip'],
      external_id: ['external_id', 'user_id'],
    };
    fc.assert(
      fc.property(anyToken, fc.oneof(emailToken, phoneToken), fc.nat(2), (token, inUrl, which) => {
        const eventData: Record<string, unknown> = { event_name: 'purchase' };
        const keys = keyFor[token.kind];
        const dotted = keys[which % keys.length].split('.');
        let node = eventData;
        dotted.slice(0, -1).forEach((part) => (node = (node[part] ??= {}) as Record<string, unknown>));
        node[dotted[dotted.length - 1]] = token.raw;
        eventData.page_location = `https://shop.example/thanks?ref=${encodeURIComponent(String(inUrl.raw))}&ttclid=E.C.P.z`;
        const log = new DebugLog(5);
        log.add({ time: new Date().toISOString(), source: 'events', method: 'POST', path: '/events', eventData, issues: [], tags: [], cookiesSet: [] });
        const tokens: PiiToken[] = [token, inUrl];
        expect(findLeak(tokens, collectTexts(log.list()).map((text) => ({ where: 'debug', text })))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

// Used by the type checker only: the scripted engine hands the environment through unchanged.
export type { ServerEnvironment };
