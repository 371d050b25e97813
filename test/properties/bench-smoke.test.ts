// Smoke test of the bench functions (bench/bench.ts) with tiny N: they run and return figures of
// the right shape. Timings are never asserted here; `npm run bench` prints them.
import {
  benchBuild, benchEmulatorOverhead, benchLocalServer, benchRealisticPurchase, benchTemplateCost, codeSizeOfFile, codeSizes, collectQuery, compactCodeBytes, cpuMs, stats,
} from '../../bench/bench';
import { sampleCorpus } from '../generators/ga4';
import { shippedTemplatePaths } from './harness';

const finite = (n: number) => Number.isFinite(n) && n >= 0;

test('stats: median and p99 of known samples', () => {
  const s = stats([5, 1, 3, 2, 4]);
  expect([s.n, s.medianMs, s.p99Ms, s.meanMs]).toEqual([5, 3, 5, 3]);
});

test('cpuMs: runs the function once and gives a CPU time in ms', async () => {
  let calls = 0;
  const used = await cpuMs(async () => {
    calls++;
  });
  expect(calls).toBe(1);
  expect(finite(used)).toBe(true);
});

test('group 1: per-event cost for every shipped template, and an extra template with its ratio', async () => {
  const shipped = shippedTemplatePaths();
  const serverTag = shipped.find((f) => f.endsWith('tiktok-events-api.tpl'))!;
  const results = await benchTemplateCost({ corpusSize: 5, ours: shipped, extra: [serverTag] });
  expect(results.filter((r) => !r.external).map((r) => r.template).sort()).toEqual(shipped.map((f) => f.split('/').pop()!.replace('.tpl', '')).sort());
  for (const r of results) {
    expect(r.stats.n).toBe(5);
    expect(finite(r.stats.medianMs) && finite(r.stats.p99Ms)).toBe(true);
    // Every tag calls at least one API per event (its completion callback); a variable may call
    // none (the settings variables only copy their own fields into an object).
    expect(r.apiCallsPerEvent).toBeGreaterThanOrEqual(r.type === 'TAG' ? 1 : 0);
    expect(r.apiArgBytesPerEvent).toBeGreaterThanOrEqual(0);
  }
  const extra = results.find((r) => r.external)!;
  expect(extra.ours).toBe('tiktok-events-api');
  expect(finite(extra.oursMedianRatio!) && finite(extra.oursP99Ratio!)).toBe(true);
}, 60_000);

test('group 1: the realistic purchase runs on our server tag and on an extra server tag', async () => {
  const shipped = shippedTemplatePaths();
  const serverTag = shipped.find((f) => f.endsWith('tiktok-events-api.tpl'))!;
  const results = await benchRealisticPurchase({ runs: 3, ours: shipped, extra: [serverTag] });
  expect(results.map((r) => [r.template, r.external])).toEqual([['tiktok-events-api', false], ['tiktok-events-api', true]]);
  for (const r of results) expect(r.stats.n === 3 && finite(r.stats.medianMs)).toBe(true);
}, 60_000);

test('group 2: the local server answers every hit and the mock accepts the requests', async () => {
  const result = await benchLocalServer({ hits: 6, concurrency: 2 });
  expect(result.latency.n).toBe(6);
  expect(Object.values(result.statusCounts).reduce((a, b) => a + b, 0)).toBe(6);
  expect(result.statusCounts.error).toBeUndefined();
  expect(result.acceptedByMock).toBeGreaterThan(0);
  expect(finite(result.eventsPerSecond)).toBe(true);
}, 60_000);

test('group 2: hits are GA4 /g/collect query strings', () => {
  const query = new URLSearchParams(collectQuery(sampleCorpus(1, 1)[0], 0));
  expect(query.get('v')).toBe('2');
  expect(query.get('en')).toBeTruthy();
  expect(query.get('dl')).toMatch(/^https?:/);
});

test('group 3: builds a template in memory and measures its code section', async () => {
  const result = await benchBuild({ only: ['tiktok-event-id'] });
  expect(result.perTemplate.map((t) => t.id)).toEqual(['tiktok-event-id']);
  expect(result.perTemplate[0].codeBytes).toBeGreaterThan(100);
  expect(result.perTemplate[0].tplBytes).toBeGreaterThan(result.perTemplate[0].codeBytes);
  expect(result.perTemplate[0].compactBytes).toBeGreaterThan(0);
  expect(result.perTemplate[0].compactBytes).toBeLessThan(result.perTemplate[0].codeBytes);
}, 120_000);

test('group 3: compact size drops comments and layout, keeps names', () => {
  const code = 'const logToConsole = require(\'logToConsole\');\n// a comment\nfunction greet(name) {\n  return   "hi " + name;\n}\nlogToConsole(greet(data.who));\n';
  expect(compactCodeBytes(code)).toBe(Buffer.byteLength('const logToConsole=require("logToConsole");function greet(name){return"hi "+name}logToConsole(greet(data.who))'));
  const size = codeSizeOfFile(shippedTemplatePaths().find((f) => f.endsWith('tiktok-event-id.tpl'))!);
  expect(size.context).toBe('WEB');
  expect(size.compactBytes).toBeGreaterThan(0);
  expect(size.compactBytes).toBeLessThan(size.codeBytes);
  // Minified shortens local names too; gzip then compresses what repeats.
  expect(size.minifiedBytes).toBeLessThan(size.compactBytes);
  expect(size.gzipBytes).toBeLessThan(size.minifiedBytes);
});

test('group 3: minified size shortens local names, gzip compresses repeats', () => {
  const sizes = codeSizes('function greet(personName) {\n  return "hi " + personName + personName;\n}\ndata.gtmOnSuccess(greet(data.who));\n');
  expect(sizes.compactBytes).toBe(Buffer.byteLength('function greet(personName){return"hi "+personName+personName}data.gtmOnSuccess(greet(data.who))'));
  // Template code runs as a function body, so its functions and their parameters get one-letter names.
  expect(sizes.minifiedBytes).toBe(Buffer.byteLength('function t(n){return"hi "+n+n}data.gtmOnSuccess(t(data.who))'));
  const repeated = codeSizes('data.gtmOnSuccess("' + 'abc'.repeat(2000) + '");');
  expect(repeated.gzipBytes).toBeLessThan(200);
});

test('group 4: emulator overhead fixtures run', async () => {
  const result = await benchEmulatorOverhead({ runs: 20 });
  expect(result.map((r) => r.fixture)).toEqual(['empty server tag', 'trivial server variable', 'empty web tag']);
  for (const r of result) expect(finite(r.medianUs) && finite(r.p99Us) && r.runs === 20).toBe(true);
});
