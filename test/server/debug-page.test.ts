// What /_debug explains (docs/local-server.md, "The debug page"): the tags run as GTM Preview so
// they log; a tag that sends nothing says why; each request shows the mock's warnings and what
// TikTok's books did with it; consent forced from the page reaches the next events as the GA4
// client's x-ga-gcs / x-ga-gcd; an event can be replayed; the page refreshes only when the log
// changed. And everything it shows is still redacted. The page's script is tested in Chromium
// (test/e2e/debug-page.test.ts).

import request from 'supertest';
import { nodeToolkit } from '../../src/core-node/toolkit';
import { gcdSignal, gcsAdStorage } from '../../src/core/consent';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { withForcedConsent } from '../../src/server/consent-override';
import { PROJECT_TAG, PIXEL } from './helpers/tag-setups';
import { Script, TIKTOK_URL, scriptedEngine } from './helpers/scripted-engine';

jest.setTimeout(60_000);

const tk = nodeToolkit({ withSha256: false });

function projectServer(options: { preview?: boolean; fields?: Record<string, unknown> } = {}): LocalServer {
  const tag = { ...PROJECT_TAG.tag, fields: { ...PROJECT_TAG.tag.fields, ...options.fields }, trigger: '*' };
  const config = normalizeConfig({ tags: [tag] }, { baseDir: REPO_ROOT, env: {} });
  return createLocalServer({ config, env: {}, warn: () => undefined, preview: options.preview });
}

async function debugJson(local: LocalServer) {
  return (await request(local.server).get('/_debug.json').expect(200)).body as {
    preview: boolean;
    events: {
      id: number; eventName: string; notes: string[]; replayOf?: number; eventData: Record<string, unknown>;
      tags: { outcome: string; reason?: string; logs: string[]; requests: { warnings?: string[]; counting?: { outcome: string; event_id?: string; reason: string }[] }[] }[];
    }[];
  };
}

function postEvent(local: LocalServer, event: Record<string, unknown>) {
  return request(local.server).post('/events').set('Content-Type', 'application/json').send(event).expect(200);
}

describe('the tags run as GTM Preview unless --published', () => {
  test('Preview (default): the server tag writes its log records; published: it writes none and the page says where the reason went', async () => {
    const preview = projectServer();
    await preview.ready;
    expect(preview.preview).toBe(true);
    await postEvent(preview, { event_name: 'purchase', event_id: 'P-1', value: 5, currency: 'EUR', page_location: 'https://shop.example/t' });
    const previewTag = (await debugJson(preview)).events[0].tags[0];
    expect(previewTag.logs.map((line) => JSON.parse(line).Type)).toEqual(expect.arrayContaining(['Request', 'Response', 'Message']));

    const published = projectServer({ preview: false });
    await published.ready;
    await postEvent(published, { event_name: 'view_cart', page_location: 'https://shop.example/c' });
    const shown = await debugJson(published);
    expect(shown.preview).toBe(false);
    expect(shown.events[0].tags[0].logs).toEqual([]);
    expect(shown.events[0].tags[0].reason).toMatch(/wrote no log line.*published/);
    expect((await request(published.server).get('/_debug')).text).toContain('--published');
  });
});

describe('every skip shows its reason, every request the mock\'s warnings and TikTok\'s count', () => {
  let local: LocalServer;
  beforeAll(async () => {
    local = projectServer();
    await local.ready;
  });

  test('an event with no TikTok standard name: success, no request, and the tag\'s own reason', async () => {
    await postEvent(local, { event_name: 'view_cart', page_location: 'https://shop.example/c' });
    const tag = (await debugJson(local)).events[0].tags[0];
    expect(tag.outcome).toBe('success');
    expect(tag.requests).toEqual([]);
    expect(tag.reason).toMatch(/^not sent: "view_cart" has no TikTok standard event/);
    const page = (await request(local.server).get('/_debug')).text;
    expect(page).toContain('success</b>, no request');
    expect(page).toContain('Reason: not sent: &quot;view_cart&quot; has no TikTok standard event');
  });

  test('denied consent under "only with ad_storage consent": the reason says so', async () => {
    await postEvent(local, { event_name: 'purchase', event_id: 'P-2', 'x-ga-gcs': 'G100', page_location: 'https://shop.example/t' });
    expect((await debugJson(local)).events[0].tags[0].reason).toMatch(/ad_storage/);
  });

  test('the mock\'s warning for a missing event_id and the books\' "cannot be deduplicated"', async () => {
    await postEvent(local, { event_name: 'page_view', page_location: 'https://shop.example/' });
    const request0 = (await debugJson(local)).events[0].tags[0].requests[0];
    expect(request0.warnings).toEqual(['data.0.event_id missing (no pixel/server deduplication)']);
    expect(request0.counting).toEqual([{ event: 'Pageview', outcome: 'counted', reason: 'no event_id: cannot be deduplicated' }]);
    const page = (await request(local.server).get('/_debug')).text;
    expect(page).toContain('Mock warnings:');
    expect(page).toContain('data.0.event_id missing (no pixel/server deduplication)');
  });
});

describe('an event no tag fires for says which trigger left it out', () => {
  test('excluded, not in the list, disabled', async () => {
    const engine = scriptedEngine({ 'noop.tpl': () => undefined });
    const config = normalizeConfig(
      {
        tags: [
          { name: 'Events API', template: 'noop.tpl', trigger: { events: ['*'], exclude: ['scroll'] } },
          { name: 'Purchases only', template: 'noop.tpl', trigger: { events: ['purchase'] } },
          { name: 'Switched off', template: 'noop.tpl', trigger: '*', enabled: false },
        ],
      },
      { baseDir: '/virtual', env: {} },
    );
    const local = createLocalServer({ config, engine, env: {}, warn: () => undefined });
    await postEvent(local, { event_name: 'scroll' });
    const shown = (await request(local.server).get('/_debug.json')).body.events[0];
    expect(shown.tags).toEqual([]);
    expect(shown.notFired).toEqual([
      'Events API: its trigger excludes "scroll"',
      'Purchases only: its trigger fires on purchase, not on "scroll"',
      'Switched off: the tag is disabled (enabled: false)',
    ]);
    expect((await request(local.server).get('/_debug')).text).toContain('Purchases only: its trigger fires on purchase, not on &quot;scroll&quot;');
  });
});

describe('consent forced from the debug page', () => {
  test('written as the GA4 client\'s gcs/gcd: what the tags decode is the forced state, the page\'s defaults are kept', () => {
    const sent = { event_name: 'purchase', 'x-ga-gcs': 'G111', 'x-ga-gcd': '13t3t3t3t5l1' };
    const forced = withForcedConsent(sent, { ad_storage: 'denied', ad_user_data: 'denied' });
    expect(forced['x-ga-gcs']).toBe('G101');
    expect(gcsAdStorage(forced['x-ga-gcs'])).toBe('denied');
    expect(gcdSignal(forced['x-ga-gcd'], 2, tk)).toBe('denied');
    expect(gcdSignal(forced['x-ga-gcd'], 4, tk)).toBe('granted');
    expect(gcdSignal(forced['x-ga-gcd'], 6, tk)).toBe('denied');
    expect(gcdSignal(forced['x-ga-gcd'], 8, tk)).toBe('granted');
    // Default granted ('t'), update denied: 'u', as gtag writes it.
    expect(forced['x-ga-gcd']).toBe('13u3t3u3t5l1');
    expect(sent['x-ga-gcs']).toBe('G111');
    // No signal in the hit: the forced ones are updates over "not set".
    const bare = withForcedConsent({ event_name: 'x' }, { ad_personalization: 'granted' });
    expect(bare).toMatchObject({ 'x-ga-gcs': 'G1--', 'x-ga-gcd': '13l3l3l3n5l1' });
    expect(gcdSignal(bare['x-ga-gcd'], 8, tk)).toBe('granted');
    // A client's consent_state (read before gcs/gcd) is changed too.
    expect(withForcedConsent({ consent_state: { ad_storage: true, analytics_storage: true } }, { ad_storage: 'denied' }).consent_state)
      .toEqual({ ad_storage: 'denied', analytics_storage: true });
  });

  test('the next GA4 hit is decided with the forced state; "as sent" again restores the hit\'s own', async () => {
    const local = projectServer();
    await local.ready;
    const hit = '/g/collect?v=2&tid=G-1&cid=1.2&en=purchase&ep.event_id=C-1&cu=EUR&epn.value=3&gcs=G111&dl=https%3A%2F%2Fshop.example%2Ft';
    const answer = await request(local.server).post('/_debug/consent').set('Content-Type', 'application/json').send({ ad_storage: 'denied' }).expect(200);
    expect(answer.body).toEqual({ forced: { ad_storage: 'denied' }, description: 'ad_storage denied' });
    expect((await request(local.server).get('/_debug/consent').expect(200)).body.description).toBe('ad_storage denied');
    await request(local.server).get(hit).expect(204);
    let entry = (await debugJson(local)).events[0];
    expect(entry.eventData['x-ga-gcs']).toBe('G101');
    expect(entry.notes).toEqual(['consent set on the debug page: ad_storage denied']);
    expect(entry.tags[0].requests).toEqual([]);
    expect(entry.tags[0].reason).toMatch(/ad_storage/);
    expect(local.mock.log).toHaveLength(0);

    await request(local.server).post('/_debug/consent').set('Content-Type', 'application/json').send({ ad_storage: null }).expect(200);
    await request(local.server).get(hit.replace('C-1', 'C-2')).expect(204);
    entry = (await debugJson(local)).events[0];
    expect(entry.eventData['x-ga-gcs']).toBe('G111');
    expect(entry.notes).toEqual([]);
    expect(local.mock.accepted()).toHaveLength(1);
  });

  test('bad changes are refused with a reason; the control endpoint rules hold', async () => {
    const local = projectServer();
    const post = (body: unknown, type = 'application/json') => request(local.server).post('/_debug/consent').set('Content-Type', type).send(JSON.stringify(body));
    expect((await post({ marketing: 'denied' }).expect(400)).body.error).toMatch(/unknown consent signal "marketing"/);
    expect((await post({ ad_storage: 'no' }).expect(400)).body.error).toMatch(/granted.*denied.*null/);
    await post(['ad_storage']).expect(400);
    await post({ ad_storage: 'denied' }, 'text/plain').expect(415);
    await request(local.server).post('/_debug/consent').set('Content-Type', 'application/json').set('Origin', 'https://evil.example').send('{"ad_storage":"denied"}').expect(403);
    await request(local.server).post('/_debug/consent').set('Host', 'evil.example').set('Content-Type', 'application/json').send('{"ad_storage":"denied"}').expect(403);
    expect(local.forcedConsent).toEqual({});
  });
});

describe('replay', () => {
  test('runs the kept event again with its cookies: the mock gets a second copy, TikTok\'s books drop it as a duplicate', async () => {
    const local = projectServer();
    await local.ready;
    await request(local.server)
      .post('/events').set('Content-Type', 'application/json').set('Cookie', '_ttp=Ab3dEf6hIj9kLm2nOp5qRs8tUv.tt.1')
      .send({ event_name: 'purchase', event_id: 'R-1', value: 9, currency: 'EUR', page_location: 'https://shop.example/t' }).expect(200);
    const first = (await debugJson(local)).events[0];
    const answer = await request(local.server).post('/_debug/replay').set('Content-Type', 'application/json').send({ id: first.id }).expect(200);
    expect(answer.body).toMatchObject({ id: first.id + 1, replayOf: first.id });
    const replayed = (await debugJson(local)).events[0];
    expect(replayed).toMatchObject({ id: first.id + 1, replayOf: first.id, eventName: 'purchase' });
    expect(replayed.tags[0].requests[0].counting).toEqual([
      { event: 'Purchase', event_id: 'R-1', outcome: 'deduplicated', reason: expect.stringMatching(/^duplicate of the Events API copy received/) },
    ]);
    const sent = local.mock.accepted().map((entry) => (entry.body as { data: { event_id: string; user: { ttp?: string } }[] }).data[0]);
    expect(sent.map((event) => event.event_id)).toEqual(['R-1', 'R-1']);
    expect(sent[1].user.ttp).toBe('Ab3dEf6hIj9kLm2nOp5qRs8tUv.tt.1');
    const books = (await request(local.server).get('/_mock/tiktok/books').expect(200)).body as { pixels: { counted: unknown[]; copies: { outcome: string }[] }[] };
    expect(books.pixels[0].counted).toHaveLength(1);
    expect(books.pixels[0].copies.map((copy) => copy.outcome)).toEqual(['counted', 'deduplicated']);
  });

  test('an unknown or cleared entry: 404; not a number: 400; not JSON: 415', async () => {
    const local = projectServer();
    await local.ready;
    await postEvent(local, { event_name: 'view_cart' });
    const replay = (body: string, type = 'application/json') => request(local.server).post('/_debug/replay').set('Content-Type', type).send(body);
    await replay('{"id":"1"}').expect(400);
    await replay('{"id":1}', 'text/plain').expect(415);
    await replay('{"id":99}').expect(404);
    await request(local.server).delete('/_debug.json').set('Content-Type', 'application/json').expect(200);
    expect((await replay('{"id":1}').expect(404)).body.error).toMatch(/no event #1/);
  });
});

describe('auto-refresh asks with the version it shows', () => {
  test('204 while nothing changed; the page again after a new event and after a clear', async () => {
    const local = projectServer();
    await local.ready;
    const version = () => Number(/id="entries" data-version="(\d+)"/.exec(page)![1]);
    let page = (await request(local.server).get('/_debug').expect(200)).text;
    await request(local.server).get(`/_debug?since=${version()}`).expect(204);
    await postEvent(local, { event_name: 'view_cart' });
    page = (await request(local.server).get(`/_debug?since=${version()}`).expect(200)).text;
    expect(page).toContain('view_cart');
    await request(local.server).get(`/_debug?since=${version()}`).expect(204);
    await request(local.server).delete('/_debug.json').set('Content-Type', 'application/json').expect(200);
    page = (await request(local.server).get(`/_debug?since=${version()}`).expect(200)).text;
    expect(page).toContain('No events yet.');
    // A page elsewhere cannot poll it either.
    await request(local.server).get('/_debug?since=0').set('Host', 'evil.example').expect(403);
  });
});

describe('what the new parts of the page show is redacted', () => {
  /** A template that logs the event's personal data in a JSON record and in text, then sends nothing. */
  const chattyTag: Script = (_data, env, result) => {
    const event = env.eventData ?? {};
    result.record.logs.push({ args: [], text: JSON.stringify({ Type: 'Message', Message: 'looking at the buyer', buyer: { first_name: event.first_name, zip: event.zip } }) });
    result.record.logs.push({ args: [], text: JSON.stringify({ Type: 'Message', Message: `not sent: nothing for ${String(event.email)}` }) });
  };
  /** Sends one request whose answer and body carry nothing personal (the mock's notes are shown). */
  const sendingTag: Script = async (data, env, result) => {
    const outgoing = {
      url: TIKTOK_URL, method: 'POST', timeout: 5000,
      headers: { 'Access-Token': String(data.accessToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data: [{ event: 'Purchase', event_time: Math.floor(Date.now() / 1000), event_id: `${String(env.eventData?.email)}` }] }),
    };
    result.record.requests.push({ request: outgoing, outcome: await env.http!(outgoing) });
  };

  test('a JSON log record: personal keys redacted key by key (text redaction alone missed a first name); reasons, notes and replays too', async () => {
    const engine = scriptedEngine({ 'chatty.tpl': chattyTag, 'send.tpl': sendingTag });
    const config = normalizeConfig(
      { tags: [{ name: 'Chatty', template: 'chatty.tpl', trigger: '*' }, { name: 'Sender', template: 'send.tpl', trigger: '*', fields: { pixelId: PIXEL, accessToken: 'tok-Qz8xK2vW7p' } }] },
      { baseDir: '/virtual', env: {} },
    );
    const local = createLocalServer({ config, engine, env: {}, warn: () => undefined });
    await local.ready;
    await request(local.server).post('/_debug/consent').set('Content-Type', 'application/json').send({ ad_user_data: 'denied' }).expect(200);
    await postEvent(local, { event_name: 'purchase', first_name: 'Qzvxina', zip: '40213', email: 'bob.qzvx@example.org' });
    await request(local.server).post('/_debug/replay').set('Content-Type', 'application/json').send({ id: 1 }).expect(200);
    const shown = (await request(local.server).get('/_debug.json')).text + (await request(local.server).get('/_debug')).text;
    for (const secret of ['Qzvxina', '40213', 'bob.qzvx', 'tok-Qz8xK2vW7p']) expect({ secret, shown: shown.includes(secret) }).toEqual({ secret, shown: false });
    const entry = (await debugJson(local)).events[0];
    expect(entry.replayOf).toBe(1);
    expect(entry.tags[0].reason).toBe('not sent: nothing for [redacted email]');
    expect(JSON.parse(entry.tags[0].logs[0]).buyer).toEqual({ first_name: '[redacted: 7 chars]', zip: '[redacted: 5 chars]' });
    // The mock's notes name the event_id it saw: redacted like the rest.
    expect(entry.tags[1].requests[0].counting?.[0].event_id).toBe('[redacted email]');
    expect(entry.notes).toEqual(['consent set on the debug page: ad_user_data denied']);
  });
});
