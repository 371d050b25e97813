// docs/guide/server-only.md, followed literally: the server tag with the settings of the page's
// Field / Key table, on the local server, makes `_ttp` and keeps `ttclid` from the landing page, and
// a later purchase (and its reload) carries both with one event ID. Also: without the page's
// settings there is no `_ttp`, so the table is what makes the difference.

import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { GUIDE_DIR } from '../../build/guide-tables';
import { createLocalServer } from '../../src/server/app';
import { normalizeConfig } from '../../src/server/config';
import { inlineCode, tables } from './markdown';

const ROOT = path.join(__dirname, '..', '..');
const PAGE = fs.readFileSync(path.join(GUIDE_DIR, 'server-only.md'), 'utf8');
const HOST = 'sgtm.shop.example';
/** The `_ttp` shape the page describes: a 26-character ULID, then `_.tt.` and a number. */
const TTP_SHAPE = /^[0-9A-HJKMNP-TV-Z]{26}_\.tt\.\d+$/;

type TrackEvent = { event: string; event_id?: string; user: Record<string, unknown> };

/** Field values from the page's table for the TikTok Events API tag ("Set to" column). */
function pageSettings(): Record<string, unknown> {
  const table = tables(PAGE).find((t) => t.template === 'tiktok-events-api' && t.header.includes('Key'));
  if (!table) throw new Error('server-only.md has no Field / Key table for tiktok-events-api');
  const keyCol = table.header.indexOf('Key');
  const setCol = table.header.indexOf('Set to');
  const settings: Record<string, unknown> = {};
  for (const row of table.rows) {
    const key = inlineCode(row[keyCol])[0];
    const setTo = row[setCol].trim();
    if (/^ticked/.test(setTo)) settings[key] = true;
    else if (/^not ticked/.test(setTo)) settings[key] = false;
    else if (inlineCode(setTo).length > 0) settings[key] = inlineCode(setTo)[0];
  }
  return settings;
}

async function server(fields: Record<string, unknown>) {
  const config = normalizeConfig({
    tags: [{ name: 'TikTok Events API', template: 'templates/tiktok-events-api.tpl', trigger: '*', fields: { pixelId: 'C9Q2MJ3C77U4P674RPG0', accessToken: 'mock-token', ...fields } }],
  }, { baseDir: ROOT, env: {} });
  const local = createLocalServer({ config, env: {}, warn: () => undefined });
  await local.ready;
  const app = getTestServer(local.functionName);
  const lastEvent = (): TrackEvent => (local.mock.log[local.mock.log.length - 1].body as { data: TrackEvent[] }).data[0];
  const hit = (query: string, cookies: string[] = []) => {
    let req = request(app).get('/g/collect?v=2&tid=G-LOCAL&cid=1234567890.1700000000&gcs=G111&' + query).set('Host', HOST);
    if (cookies.length) req = req.set('Cookie', cookies.join('; '));
    return req;
  };
  return { hit, lastEvent };
}

function cookiePairs(setCookie: unknown): string[] {
  return ((setCookie as string[] | undefined) ?? []).map((c) => c.split(';')[0]);
}

const LANDING = 'en=page_view&dl=' + encodeURIComponent('https://www.shop.example/?ttclid=E.C.P.server-only-check');
const PURCHASE = 'en=purchase&dl=' + encodeURIComponent('https://www.shop.example/thanks') + '&cu=EUR&epn.value=10&ep.transaction_id=T-2001&pr1=idSKU-1~pr10~qt1';

describe('docs/guide/server-only.md on the local server', () => {
  test('the page asks for a created _ttp and the default cookie settings', () => {
    expect(pageSettings()).toEqual({ generateTtp: true, persistTtclid: true, ttclidDays: '30', refreshTtp: true, cookieDomain: 'auto' });
  });

  test('landing page stores ttclid and a created _ttp; a later purchase and its reload carry both with one event ID', async () => {
    const { hit, lastEvent } = await server(pageSettings());

    const landing = await hit(LANDING);
    const setCookies = (landing.headers['set-cookie'] as unknown as string[]) ?? [];
    expect(setCookies.find((c) => c.startsWith('ttclid='))).toMatch(/^ttclid=E\.C\.P\.server-only-check; Domain=shop\.example; Path=\/; Max-Age=2592000;/);
    const ttpCookie = setCookies.find((c) => c.startsWith('_ttp='));
    expect(ttpCookie).toMatch(/; Domain=shop\.example; Path=\/; Max-Age=34214400;/);
    const ttp = ttpCookie!.split(';')[0].slice('_ttp='.length);
    expect(ttp).toMatch(TTP_SHAPE);
    expect(lastEvent().user).toMatchObject({ ttclid: 'E.C.P.server-only-check', ttp });

    const cookies = cookiePairs(landing.headers['set-cookie']);
    await hit(PURCHASE, cookies);
    const purchase = lastEvent();
    expect(purchase).toMatchObject({ event: 'Purchase', event_id: 'T-2001_Purchase', user: { ttclid: 'E.C.P.server-only-check', ttp } });

    await hit(PURCHASE, cookies);
    expect(lastEvent()).toMatchObject({ event: 'Purchase', event_id: 'T-2001_Purchase' });
  }, 30000);

  test('the example _ttp value of the page has the shape the tag makes', () => {
    const examples = [...PAGE.matchAll(/`(0[0-9A-Z]{25}_\.tt\.\d+)`/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).toMatch(TTP_SHAPE);
  });

  test('without the page\'s settings (tag defaults) no _ttp is made', async () => {
    const { hit, lastEvent } = await server({});
    const landing = await hit(LANDING);
    expect(cookiePairs(landing.headers['set-cookie'])).toEqual(['ttclid=E.C.P.server-only-check']);
    expect(lastEvent().user.ttp).toBeUndefined();
  }, 30000);
});
