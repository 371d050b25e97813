// How the local server schedules tag runs (RunScheduler in src/server/app.ts): never more runs in
// flight than the emulator keeps realms for (so a burst of hits builds no realm to throw away), one
// computing at a time, and a run waiting for the real network lets the others go on.

import * as http from 'http';
import * as net from 'net';
import request from 'supertest';
import { createLocalServer, REPO_ROOT } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { realmStats } from '../../src/sandbox/runtime';
import { PROJECT_TAG } from './helpers/tag-setups';
import { Script, TIKTOK_URL, scriptedEngine } from './helpers/scripted-engine';

jest.setTimeout(60_000);

test('a burst of 40 concurrent hits through the real emulator builds no realm beyond the pool', async () => {
  const config = normalizeConfig({ tags: [{ ...PROJECT_TAG.tag, trigger: '*' }] }, { baseDir: REPO_ROOT, env: {} });
  const local = createLocalServer({ config, env: {}, warn: () => undefined });
  await local.ready;
  await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(local.server.address() as net.AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
  const hit = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/g/collect?v=2&en=purchase&gcs=G111&ep.transaction_id=T-${i}&epn.value=10&cu=EUR&pr1=idA~pr10~qt1`, { method: 'POST', agent, headers: { 'content-length': '0' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    // Warm: the pool holds realms from earlier runs (this file or others in the same worker).
    await Promise.all(Array.from({ length: 40 }, (_, i) => hit(i)));
    const before = realmStats().created;
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => hit(100 + i)));
    expect(statuses.every((status) => status === 204)).toBe(true);
    expect(realmStats().created - before).toBe(0);
    expect(local.mock.accepted()).toHaveLength(80);
  } finally {
    agent.destroy();
    local.server.closeAllConnections();
    await new Promise((resolve) => local.server.close(resolve));
  }
});

test('runs waiting for the network let the others run: three runs meet at a server that answers only when all three asked', async () => {
  // The "TikTok" host here is a barrier: it answers nobody until three requests are waiting. If a
  // run kept its turn while waiting, the second and third runs could never send theirs.
  const waiting: http.ServerResponse[] = [];
  const barrier = http.createServer((req, res) => {
    req.resume();
    waiting.push(res);
    if (waiting.length === 3) for (const answer of waiting.splice(0)) answer.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"message":"OK","data":{}}');
  });
  await new Promise<void>((resolve) => barrier.listen(0, '127.0.0.1', resolve));
  const mockBaseUrl = `http://127.0.0.1:${(barrier.address() as net.AddressInfo).port}`;
  const send: Script = async (data, env, result) => {
    const outgoing = { url: TIKTOK_URL, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', timeout: 30_000 };
    const outcome = await env.http!(outgoing);
    result.record.requests.push({ request: outgoing, outcome });
    if (!('statusCode' in outcome)) result.outcome = 'failure';
  };
  const config = normalizeConfig({ tags: [{ name: 'Sender', template: 'send.tpl', trigger: '*' }], tagTimeoutMs: 30_000 }, { baseDir: '/virtual', env: {} });
  const local = createLocalServer({ config, engine: scriptedEngine({ 'send.tpl': send }), env: {}, warn: () => undefined, mockBaseUrl });
  try {
    const hits = await Promise.all([1, 2, 3].map((i) => request(local.server).get(`/g/collect?v=2&en=e${i}`)));
    expect(hits.map((hit) => hit.status)).toEqual([204, 204, 204]);
    expect(local.debug.list().map((entry) => entry.tags[0].outcome)).toEqual(['success', 'success', 'success']);
  } finally {
    barrier.closeAllConnections();
    await new Promise((resolve) => barrier.close(resolve));
  }
});
