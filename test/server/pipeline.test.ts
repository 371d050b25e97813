// End to end through the real emulator: GA4 hit → local server → template in the sandbox → real
// HTTP to the embedded mock Events API. Two tags are exercised: the hand-written fixture
// (test/fixtures/server/tiktok-test-tag.tpl, tests the server path on its own) and the project's
// server tag (templates/tiktok-events-api.tpl).

import { createHash } from 'crypto';
import request from 'supertest';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createLocalServer, LocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { FIXTURE_TAG, PROJECT_TAG, TagSetup } from './helpers/tag-setups';

// The tests start local servers (supertest listens on an ephemeral port per request): an explicit
// timeout, not jest's 5 s default, which a busy machine exceeds.
jest.setTimeout(30_000);

const EMAIL = 'Jane.Doe@Example.com';
const EMAIL_HASH = createHash('sha256').update('jane.doe@example.com').digest('hex');

function purchaseHit(extra = ''): string {
  return [
    'v=2', 'tid=G-TEST', 'cid=111.222', 'gcs=G111', 'gcd=13v3v3v3v5l1', 'en=purchase', 'cu=EUR', 'epn.value=59.9',
    `dl=${encodeURIComponent('https://shop.example/thanks?ttclid=E.C.P.test&utm_source=tiktok')}`,
    'ep.event_id=ORDER-1', 'ep.transaction_id=ORDER-1', 'pr1=idSKU-1~nmTee~pr29.95~qt2',
    `ep.user_data.email=${encodeURIComponent(EMAIL)}`, 'ep.user_data._tag_mode=CODE',
  ].join('&') + extra;
}

function serverFor(tag: TagSetup['tag']): LocalServer {
  const config = normalizeConfig({ tags: [{ ...tag, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
  return createLocalServer({ config, env: {}, warn: () => undefined });
}

type Track = { data: { event: string; event_id?: string; user: Record<string, unknown> }[] };

describe.each([FIXTURE_TAG, PROJECT_TAG])('pipeline through the emulator with $label', ({ tag: tagSetup, sameSite }) => {
  let local: LocalServer;
  beforeEach(async () => {
    local = serverFor(tagSetup);
    await local.ready;
    expect([...local.loadErrors.values()]).toEqual([]);
  });

  test('purchase with ttclid and email → one valid Events API request, ttclid cookie, no raw email', async () => {
    const response = await request(getTestServer(local.functionName)).get(`/g/collect?${purchaseHit()}`).set('User-Agent', 'JestBrowser/1.0').expect(204);
    // First the tag's own outcome: on failure the diff shows the emulator's message.
    expect({ outcome: local.debug.list()[0].tags[0].outcome, message: local.debug.list()[0].tags[0].message }).toEqual({ outcome: 'success', message: undefined });
    const cookies = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const ttclidCookies = cookies.filter((cookie) => cookie.startsWith('ttclid='));
    expect(ttclidCookies).toHaveLength(1);
    const [ttclidCookie] = ttclidCookies;
    expect(ttclidCookie).toMatch(/^ttclid=E\.C\.P\.test;/);
    expect(ttclidCookie).toMatch(/;\s*Max-Age=2592000(;|$)/i);
    expect(ttclidCookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(ttclidCookie).toMatch(/;\s*Secure(;|$)/i);
    expect(ttclidCookie).toMatch(new RegExp(`;\\s*SameSite=${sameSite}(;|$)`, 'i'));
    // The page's script must see it (the web tag reads it), so no HttpOnly.
    expect(ttclidCookie).not.toMatch(/HttpOnly/i);

    expect(local.mock.log).toHaveLength(1);
    const [entry] = local.mock.log;
    expect(entry.accepted).toBe(true);
    expect(entry.answer).toMatchObject({ code: 0 });
    const event = (entry.body as Track).data[0];
    expect(event).toMatchObject({ event: 'Purchase', event_id: 'ORDER-1', user: { email: EMAIL_HASH, ttclid: 'E.C.P.test', user_agent: 'JestBrowser/1.0' } });
    const everything = JSON.stringify(local.mock.log) + JSON.stringify(local.debug.list());
    expect(everything.toLowerCase()).not.toContain('jane.doe@example.com');
  });

  test('denied consent → no request', async () => {
    await request(local.server).get(`/g/collect?${purchaseHit().replace('gcs=G111', 'gcs=G100')}`).expect(204);
    expect(local.mock.log).toHaveLength(0);
    expect(local.debug.list()[0].tags[0].outcome).toBe('success');
  });

  test('mock 500 then 200 → the tag retries and succeeds', async () => {
    await request(local.server).post('/_mock/tiktok/fail').send({ count: 1, status: 500 }).expect(200);
    await request(local.server).get(`/g/collect?${purchaseHit()}`).expect(204);
    expect(local.mock.log.map((entry) => entry.status)).toEqual([500, 200]);
    expect(local.mock.log[1].accepted).toBe(true);
    const tag = local.debug.list()[0].tags[0];
    expect(tag.outcome).toBe('success');
    expect(tag.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  test('a later hit without ttclid in the URL still carries the ttclid from the cookie', async () => {
    const agent = request.agent(local.server);
    const first = await agent.get(`/g/collect?${purchaseHit()}`).expect(204);
    const cookie = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ttclid='))!.split(';')[0];
    await request(local.server).get('/g/collect?v=2&en=page_view&gcs=G111&dl=https%3A%2F%2Fshop.example%2F').set('Cookie', cookie).expect(204);
    expect((local.mock.log[1].body as Track).data[0]).toMatchObject({ event: 'Pageview', user: { ttclid: 'E.C.P.test' } });
  });
});
