// The server path (routing, GA4 client behaviour, response assembly, transport to the embedded
// mock, debug page, bad input) with a scripted engine standing in for the emulator, so these tests
// do not depend on any template. The emulator-backed pipeline is in pipeline.test.ts.

import request from 'supertest';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createLocalServer, LocalServer } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { createMockTikTokServer } from '../../src/server/mock-tiktok';
import { Script, TIKTOK_URL, scriptedEngine } from './helpers/scripted-engine';

// The tests start local servers (supertest listens on an ephemeral port per request): an explicit
// timeout, not jest's 5 s default, which a busy machine exceeds.
jest.setTimeout(30_000);


/** Posts one Events API event for the incoming event, the way a TikTok tag would. */
const postToTikTok: Script = async (data, env, result) => {
  const eventData = env.eventData ?? {};
  const body = JSON.stringify({
    event_source: 'web',
    event_source_id: data.pixelId,
    data: [{ event: 'Purchase', event_time: Math.floor(Date.now() / 1000), event_id: String(eventData.event_id ?? 'x') }],
  });
  const outgoing = { url: TIKTOK_URL, method: 'POST', headers: { 'Access-Token': String(data.accessToken), 'Content-Type': 'application/json' }, body, timeout: 5000 };
  const outcome = await env.http!(outgoing);
  result.record.requests.push({ request: outgoing, outcome });
  const cookieHeader = 'ttclid=E.C.P.x; Max-Age=2592000; Path=/; Secure; SameSite=None';
  result.record.cookiesSet.push({ name: 'ttclid', value: 'E.C.P.x', options: {}, encoded: false, header: cookieHeader });
  result.record.logs.push({ args: [], text: `<script>alert(1)</script> ${String(env.eventData?.event_name)}` });
  if (!('statusCode' in outcome) || outcome.statusCode !== 200 || JSON.parse(outcome.body ?? '{}').code !== 0) {
    result.outcome = 'failure';
    result.successCalls = 0;
    result.failureCalls = 1;
  }
};

const explodeOnBoom: Script = (_data, env) => {
  if (env.eventData?.event_name === 'boom') throw new Error('tag crashed');
};

function makeServer(extraConfig: Record<string, unknown> = {}): LocalServer & { engine: ReturnType<typeof scriptedEngine> } {
  const engine = scriptedEngine({ 'tiktok.tpl': postToTikTok, 'explode.tpl': explodeOnBoom });
  const config = normalizeConfig(
    {
      tags: [
        { name: 'TikTok', template: 'tiktok.tpl', trigger: { events: ['purchase', 'page_view', 'boom'] }, fields: { pixelId: 'PIXEL', accessToken: '${TEST_TOKEN:-mock-token}' } },
        { name: 'Exploder', template: 'explode.tpl', trigger: '*' },
      ],
      ...extraConfig,
    },
    { baseDir: '/virtual', env: {} },
  );
  const server = createLocalServer({ config, engine, env: {}, warn: () => undefined });
  return Object.assign(server, { engine });
}

describe('local server with a scripted engine', () => {
  let local: ReturnType<typeof makeServer>;
  beforeEach(() => {
    local = makeServer();
  });

  test('is registered with functions-framework (getTestServer works by name)', async () => {
    await request(getTestServer(local.functionName)).get('/').expect(200);
  });

  test('templates are loaded once, not per request', async () => {
    const agent = request(local.server);
    for (let i = 0; i < 3; i++) await agent.get('/g/collect?v=2&en=purchase&cid=1.1').expect(204);
    expect(local.engine.loads).toEqual(['/virtual/tiktok.tpl', '/virtual/explode.tpl']);
  });

  test('GET /g/collect: 204, Set-Cookie from the tag, request answered by the embedded mock', async () => {
    const response = await request(local.server).get('/g/collect?v=2&en=purchase&cid=1.1&ep.event_id=E-1').expect(204);
    expect(response.headers['set-cookie']).toEqual(['ttclid=E.C.P.x; Max-Age=2592000; Path=/; Secure; SameSite=None']);
    const accepted = local.mock.accepted();
    expect(accepted).toHaveLength(1);
    expect(accepted[0].body).toMatchObject({ event_source_id: 'PIXEL', data: [{ event_id: 'E-1' }] });
    const debug = await request(local.server).get('/_debug.json').expect(200);
    const tag = debug.body.events[0].tags.find((t: { tag: string }) => t.tag === 'TikTok');
    expect(tag.outcome).toBe('success');
    expect(tag.requests[0].url).toBe(TIKTOK_URL);
    expect(tag.requests[0].sentTo).toBe('embedded mock (in-process): /open_api/v1.3/event/track/');
    expect(tag.requests[0].answer.code).toBe(0);
  });

  test('the secret default from ${VAR:-default} reaches the tag', async () => {
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    expect(local.mock.accepted()[0].accepted).toBe(true);
    expect(local.mock.accepted()[0].headers['access-token']).toBe('[hidden]');
  });

  test('richsstsse → 200', async () => {
    await request(local.server).get('/g/collect?v=2&en=page_view&richsstsse').expect(200);
  });

  test('POST batch: one crashing event does not drop the others', async () => {
    const response = await request(local.server)
      .post('/g/collect?v=2&cid=1.1')
      .set('Content-Type', 'text/plain')
      .send('en=purchase&ep.event_id=A\r\nen=boom\r\nen=purchase&ep.event_id=B')
      .expect(204);
    expect(response.headers['set-cookie']).toHaveLength(1); // identical headers collapse
    expect(local.mock.accepted().map((entry) => (entry.body as { data: { event_id: string }[] }).data[0].event_id)).toEqual(['A', 'x', 'B']);
    const debug = (await request(local.server).get('/_debug.json')).body.events;
    const boom = debug.find((entry: { eventName: string }) => entry.eventName === 'boom');
    expect(boom.tags.find((t: { tag: string }) => t.tag === 'Exploder')).toMatchObject({ outcome: 'exception', message: expect.stringMatching(/tag crashed/) });
  });

  test('trigger filters tags: an unmatched event runs only the * tag', async () => {
    await request(local.server).get('/g/collect?v=2&en=scroll').expect(204);
    expect(local.mock.log).toHaveLength(0);
    const [entry] = (await request(local.server).get('/_debug.json')).body.events;
    expect(entry.tags.map((t: { tag: string }) => t.tag)).toEqual(['Exploder']);
  });

  test('mock 500 is passed to the tag (failure), and the mock recovers', async () => {
    await request(local.server).post('/_mock/tiktok/fail').send({ count: 1, status: 500 }).expect(200);
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    const [second, first] = (await request(local.server).get('/_debug.json')).body.events;
    expect(first.tags[0]).toMatchObject({ outcome: 'failure', requests: [{ status: 500 }] });
    expect(second.tags[0]).toMatchObject({ outcome: 'success', requests: [{ status: 200 }] });
  });

  test('POST /events takes event data directly (object or array)', async () => {
    const one = await request(local.server).post('/events').send({ event_name: 'purchase', event_id: 'J-1' }).expect(200);
    expect(one.body.events).toHaveLength(1);
    expect(one.headers['set-cookie']).toHaveLength(1);
    const many = await request(local.server).post('/events').send([{ event_name: 'purchase', event_id: 'J-2' }, 42, { event_name: 'scroll' }]).expect(200);
    expect(many.body.events).toHaveLength(2);
    expect(many.body.issues).toEqual(['item 1: not an event-data object with a string event_name']);
    await request(local.server).post('/events').send({ no: 'name' }).expect(400);
    await request(local.server).post('/events').set('Content-Type', 'application/json').send('not json').expect(400);
    await request(local.server).post('/events').set('Content-Type', 'text/plain').send('{"event_name":"purchase"}').expect(415);
    await request(local.server).get('/events').expect(405);
  });

  test('the debug page escapes HTML and redacts user data', async () => {
    await request(local.server)
      .get('/g/collect')
      .query('v=2&en=purchase&dt=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&ep.user_data.email=jane%40example.com&ep.note=mail%20bob%40example.org')
      .expect(204);
    const page = await request(local.server).get('/_debug').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).not.toMatch(/<img src=x/);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const json = await request(local.server).get('/_debug.json');
    const text = JSON.stringify(json.body);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('bob@example.org');
    expect(json.body.events[0].eventData.user_data.email).toBe('[redacted: 16 chars]');
  });
});

describe('bad input never crashes the server', () => {
  let local: ReturnType<typeof makeServer>;
  beforeEach(() => {
    local = makeServer();
  });

  test('hit without en → 400', async () => {
    const response = await request(local.server).get('/g/collect?v=2&tid=G-1').expect(400);
    expect(response.text).toMatch(/no event name/);
  });

  test('bad query encoding is processed with what is usable', async () => {
    await request(local.server).get('/g/collect?v=2&en=purchase&dt=%E0%A4%A&dl=%ZZ').expect(204);
    const [entry] = (await request(local.server).get('/_debug.json')).body.events;
    expect(entry.eventData.page_title).toBe('%E0%A4%A');
    expect(entry.issues.join()).toMatch(/malformed/);
  });

  test('a 1 MB body → 413, and the server keeps serving', async () => {
    const body = `en=purchase&ep.x=${'a'.repeat(1024 * 1024)}`;
    await request(local.server).post('/g/collect?v=2').set('Content-Type', 'text/plain').send(body).expect(413);
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
  });

  test('a hit with 500 items is processed (items capped at 200)', async () => {
    const items = Array.from({ length: 500 }, (_, i) => `pr${i + 1}=idSKU-${i + 1}~qt1~pr1`).join('&');
    await request(local.server).post('/g/collect?v=2').set('Content-Type', 'text/plain').send(`en=purchase&${items}`).expect(204);
    const [entry] = (await request(local.server).get('/_debug.json')).body.events;
    expect(entry.eventData.items).toHaveLength(200);
  });

  test('urlencoded content type still reads the raw body lines', async () => {
    await request(local.server).post('/g/collect?v=2').set('Content-Type', 'application/x-www-form-urlencoded').send('en=purchase&ep.event_id=U-1').expect(204);
    expect((local.mock.accepted()[0].body as { data: { event_id: string }[] }).data[0].event_id).toBe('U-1');
  });

  test('wrong methods and unknown paths', async () => {
    await request(local.server).put('/g/collect?en=x').expect(405);
    await request(local.server).get('/nope').expect(404);
  });

  test('CORS: the GA4 endpoint answers cross-origin hits with credentials', async () => {
    const response = await request(local.server).get('/g/collect?v=2&en=page_view').set('Origin', 'https://shop.example').expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    await request(local.server).options('/g/collect').set('Origin', 'https://shop.example').expect(204);
  });

  test('X-Forwarded-For is ignored unless trusted', async () => {
    await request(local.server).get('/g/collect?v=2&en=page_view').set('X-Forwarded-For', '198.51.100.7').expect(204);
    const untrusted = (await request(local.server).get('/_debug.json')).body.events[0];
    expect(untrusted.eventData.ip_override).not.toBe('198.51.100.7');

    const trusting = makeServer({ client: { trustForwardedFor: true } });
    await request(trusting.server).get('/g/collect?v=2&en=page_view').set('X-Forwarded-For', '198.51.100.7').expect(204);
    expect((await request(trusting.server).get('/_debug.json')).body.events[0].eventData.ip_override).toBe('198.51.100.7');
  });
});

describe('template load failures', () => {
  test('a tag whose template cannot load is reported as unavailable; the server still serves', async () => {
    const engine = scriptedEngine({});
    const config = normalizeConfig({ tags: [{ name: 'Missing', template: 'missing.tpl' }] }, { baseDir: '/virtual', env: {} });
    const warnings: string[] = [];
    const local = createLocalServer({ config, engine, env: {}, warn: (message) => warnings.push(message) });
    await request(local.server).get('/g/collect?v=2&en=purchase').expect(204);
    const debug = (await request(local.server).get('/_debug.json')).body;
    expect(debug.events[0].tags[0]).toMatchObject({ tag: 'Missing', outcome: 'unavailable' });
    expect(warnings.join()).toMatch(/missing\.tpl/);
  });
});

describe('processEvent without HTTP (bench use)', () => {
  test('reaches the embedded mock without the server listening', async () => {
    const local = makeServer();
    const run = await local.processEvent({ event_name: 'purchase', event_id: 'P-1' });
    expect(run.tags.find((tag) => tag.tag === 'TikTok')?.outcome).toBe('success');
    expect((local.mock.accepted()[0].body as { data: { event_id: string }[] }).data[0].event_id).toBe('P-1');
    expect(run.debug.tags.find((tag) => tag.tag === 'TikTok')?.requests[0].answer).toMatchObject({ code: 0 });
  });
});

describe('a mock elsewhere (mockBaseUrl): TikTok requests go over HTTP', () => {
  test('the standalone mock receives the request; the debug log says where it went', async () => {
    const standalone = createMockTikTokServer();
    await new Promise<void>((resolve) => standalone.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(standalone.server.address() as { port: number }).port}`;
    try {
      const engine = scriptedEngine({ 'tiktok.tpl': postToTikTok });
      const config = normalizeConfig({ tags: [{ name: 'TikTok', template: 'tiktok.tpl', fields: { pixelId: 'PIXEL', accessToken: 't' } }] }, { baseDir: '/virtual', env: {} });
      const local = createLocalServer({ config, engine, env: {}, warn: () => undefined, mockBaseUrl: base });
      await request(local.server).get('/g/collect?v=2&en=purchase&ep.event_id=H-1').expect(204);
      expect(local.mock.log).toHaveLength(0);
      expect((standalone.mock.accepted()[0].body as { data: { event_id: string }[] }).data[0].event_id).toBe('H-1');
      const [entry] = (await request(local.server).get('/_debug.json')).body.events;
      expect(entry.tags[0].requests[0].sentTo).toBe(`${base}/open_api/v1.3/event/track/`);
    } finally {
      standalone.server.closeAllConnections();
      await new Promise((resolve) => standalone.server.close(resolve));
    }
  });
});
