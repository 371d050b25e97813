// `npm run bench` — figures only, nothing asserted.
//   npm run bench                       all five groups
//   npm run bench -- --quick            a fast smoke run (small N)
//   npm run bench -- other.tpl ...      also run other templates on the same corpus, with our ratio to them
// 1. per-event cost of each shipped template in the emulator over a fixed, seeded corpus of GA4
//    events (median and p99, warm); extra .tpl paths given on the command line run on the same
//    corpus in the same process, interleaved event by event with ours (files outside the
//    repository are read in place, never copied); then one realistic purchase, repeated;
// 2. the local tagging server (its own process; this one is the load client): hits/s, p50/p99
//    latency and CPU per hit for N GA4 /g/collect hits over loopback with the embedded mock TikTok
//    API, beside a bare Node HTTP server answering 204 under the same load (the ceiling), in rounds;
// 3. build time of all templates (in memory, templates/ untouched) and each template's code size,
//    raw and without whitespace and comments, with our ratio to the extra templates of a context;
// 4. the emulator's own overhead per run (empty tag, trivial variable), in microseconds;
// 5. the cost of running in the isolated worker process (src/sandbox/isolation.ts) beside the
//    in-process figure: per run of a small tag, and per `gtm-tpl test` of the Events API tag's
//    scenarios (worker start included, and with a warm worker);
// 6. batch replays (bench/batch.ts): `gtm-tpl run --events -` from the compiled package in its own
//    process, 100,000 generated events (3,000 with --quick): events/s and the resident memory of
//    the CLI and of its worker along the way and at peak.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { loadTemplate, runTemplate, runTests } from '../src/sandbox';
import { IsolatedRunner } from '../src/sandbox/isolation';
import type { LoadedTemplate } from '../src/sandbox';
import type { RunResult } from '../src/sandbox/environment';
import { findSection, parseTpl } from '../src/tpl/format';
import { Ga4Case, sampleCorpus } from '../test/generators/ga4';
import { runServer, runWeb, shippedTemplatePaths, REPO_ROOT } from '../test/properties/harness';
import {
  LoadResult, ServerBench, ServerRound, benchLocalServer as serverBench, benchNoOpServer, benchServerRounds, benchTagOnHits, printServerRounds,
} from './local-server';
import { buildAll, buildTemplate, listTemplateIds } from '../build/build';
import { benchBatch, printBatch } from './batch';
import { benchFieldsFor } from './fields';

export const CORPUS_SEED = 20261123;

export interface Stats {
  n: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

/**
 * CPU time of this process (user + system, all threads: garbage collection included) spent in
 * `run`, in ms. Group 1 times runs this way rather than by the clock: on a shared machine the clock
 * also counts the time spent waiting for a core, which has nothing to do with the template.
 */
export async function cpuMs(run: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { n: sorted.length, medianMs: at(0.5), p99Ms: at(0.99), meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

async function runOnce(template: LoadedTemplate, fields: (eventName: unknown) => Record<string, unknown>, ga4: Ga4Case): Promise<RunResult> {
  const data = fields(ga4.eventData.event_name);
  if (template.context === 'SERVER') return (await runServer(template, data, ga4)).result;
  return (await runWeb(template, data, ga4)).result;
}

/** Sandbox API calls of a run and the JSON size of their arguments (what the emulator copies out of the sandbox). */
function apiTraffic(result: RunResult): { calls: number; argBytes: number } {
  let argBytes = 0;
  for (const call of result.record.apiCalls) {
    argBytes += (JSON.stringify(call.args ?? [], (_key, value) => (typeof value === 'function' ? 'f' : value)) ?? '').length;
  }
  return { calls: result.record.apiCalls.length, argBytes };
}

export interface TemplateCost {
  template: string;
  type: string;
  context: string;
  external: boolean;
  stats: Stats;
  /**
   * Sandbox API calls per event and the bytes of their arguments (JSON), from the untimed pass:
   * every call crosses the sandbox boundary and its arguments are copied, in GTM as in the emulator,
   * and unlike the timings these do not depend on the machine's load.
   */
  apiCallsPerEvent: number;
  apiArgBytesPerEvent: number;
  /** For an extra template: our template of the same type and context, and our median and p99 divided by its. */
  ours?: string;
  oursMedianRatio?: number;
  oursP99Ratio?: number;
}

/** Our template an extra one is compared with: the tag of its context, or a variable of ours. */
function ourCounterpart<T extends { template: string; type: string; context: string; external: boolean }>(entry: T, all: T[]): T | undefined {
  return all.find((e) => !e.external && e.type === entry.type && e.context === entry.context && (e.template === 'tiktok-events-api' || e.template === 'tiktok-pixel' || e.type === 'MACRO'));
}

/**
 * Group 1: per-event cost over the seeded corpus, warm (one untimed pass first). The templates take
 * turns event by event, in a rotating order, so a change in the machine's load during the run and
 * the position in the round affect all of them alike.
 */
export async function benchTemplateCost(options: { corpusSize: number; extra?: string[]; ours?: string[] }): Promise<TemplateCost[]> {
  const corpus = sampleCorpus(options.corpusSize, CORPUS_SEED);
  const ours = (options.ours ?? shippedTemplatePaths()).map((file) => ({ file, external: false }));
  const extra = (options.extra ?? []).map((file) => ({ file: path.resolve(file), external: true }));
  const runs = [...ours, ...extra].map(({ file, external }) => {
    const template = loadTemplate(file);
    return { file, external, template, fields: benchFieldsFor(template), samples: [] as number[], calls: 0, argBytes: 0 };
  });
  for (const run of runs) {
    for (const ga4 of corpus) {
      const traffic = apiTraffic(await runOnce(run.template, run.fields, ga4));
      run.calls += traffic.calls;
      run.argBytes += traffic.argBytes;
    }
  }
  for (let i = 0; i < corpus.length; i++) {
    // The first template to run an event pays for bringing it into the CPU caches (measurably: the
    // same template twice in a row gets 0.1 ms less the second time), so the order rotates.
    for (let k = 0; k < runs.length; k++) {
      const run = runs[(i + k) % runs.length];
      run.samples.push(await cpuMs(() => runOnce(run.template, run.fields, corpus[i])));
    }
  }
  const out: TemplateCost[] = runs.map((run) => ({
    template: path.basename(run.file, '.tpl'), type: run.template.type, context: run.template.context, external: run.external, stats: stats(run.samples),
    apiCallsPerEvent: run.calls / corpus.length, apiArgBytesPerEvent: run.argBytes / corpus.length,
  }));
  for (const entry of out.filter((e) => e.external)) {
    const mine = ourCounterpart(entry, out);
    if (mine) {
      entry.ours = mine.template;
      entry.oursMedianRatio = mine.stats.medianMs / entry.stats.medianMs;
      entry.oursP99Ratio = mine.stats.p99Ms / entry.stats.p99Ms;
    }
  }
  return out;
}

/**
 * One realistic purchase as the GA4 client gives it to a server container: two items, value and
 * currency, email and phone in user_data, a ttclid in the page URL, a _ttp cookie, consent granted.
 */
export function realisticPurchase(): Ga4Case {
  return {
    eventData: {
      event_name: 'purchase',
      transaction_id: 'T-100234',
      value: 59.9,
      currency: 'EUR',
      items: [
        { item_id: 'SKU-12345', item_name: 'Shirt', item_brand: 'Acme', item_category: 'Apparel', price: 19.95, quantity: 2 },
        { item_id: 'SKU-2', item_name: 'Socks', price: 20, quantity: 1 },
      ],
      user_data: { email_address: 'Jane.Doe@Example.com', phone_number: '+49 151 12345678' },
      page_location: 'https://shop.example.com/checkout/thanks?ttclid=E.C.P.CqgBJzc5NTI4MjE0NDk4MDg3MzY',
      page_referrer: 'https://shop.example.com/checkout',
      client_id: '1489074949.1738980312',
      ip_override: '203.0.113.9',
      user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)',
      language: 'de-de',
      'x-ga-gcs': 'G111',
    },
    pii: [],
    consent: { keys: { 'x-ga-gcs': 'G111' }, adStorage: 'granted', adUserData: 'granted' },
    cookies: { _ttp: '2oVcBdkP4z5WHmCgT1RhHYjVbXw' },
    headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', 'trace-id': 'trace-1', host: 'sgtm.shop.example.com' },
  };
}

export interface PurchaseCost {
  template: string;
  external: boolean;
  stats: Stats;
}

/** Group 1, second part: the realistic purchase on each server tag, warm, repeated (interleaved). */
export async function benchRealisticPurchase(options: { runs: number; extra?: string[]; ours?: string[] }): Promise<PurchaseCost[]> {
  const purchase = realisticPurchase();
  const files = [
    ...(options.ours ?? shippedTemplatePaths()).map((file) => ({ file, external: false })),
    ...(options.extra ?? []).map((file) => ({ file: path.resolve(file), external: true })),
  ];
  const runs = files
    .map(({ file, external }) => ({ file, external, template: loadTemplate(file) }))
    .filter((run) => run.template.type === 'TAG' && run.template.context === 'SERVER' && (run.external || path.basename(run.file) === 'tiktok-events-api.tpl'))
    .map((run) => ({ ...run, fields: benchFieldsFor(run.template), samples: [] as number[] }));
  for (const run of runs) for (let i = 0; i < Math.min(200, options.runs); i++) await runOnce(run.template, run.fields, purchase);
  for (let i = 0; i < options.runs; i++) {
    for (let k = 0; k < runs.length; k++) {
      const run = runs[(i + k) % runs.length];
      run.samples.push(await cpuMs(() => runOnce(run.template, run.fields, purchase)));
    }
  }
  return runs.map((run) => ({ template: path.basename(run.file, '.tpl'), external: run.external, stats: stats(run.samples) }));
}

/** A GA4 /g/collect query string for a corpus event (the parameters gtag sends: docs/contracts/ga4-event-data.md). */
export function collectQuery(ga4: Ga4Case, index: number): string {
  const e = ga4.eventData;
  const q = new URLSearchParams({ v: '2', tid: 'G-BENCH01', cid: '1489074949.1738980312', _p: String(1738983725326 + index), sid: '1738981947', sct: '4', _s: String(index + 1) });
  q.set('en', typeof e.event_name === 'string' && e.event_name.trim() !== '' ? e.event_name.slice(0, 40) : 'page_view');
  q.set('dl', typeof e.page_location === 'string' && /^https?:/.test(e.page_location) ? e.page_location.slice(0, 500) : 'https://shop.example.com/');
  if (typeof e.value === 'number' && Number.isFinite(e.value)) q.set('epn.value', String(e.value));
  if (typeof e.currency === 'string') q.set('cu', e.currency.slice(0, 10));
  if (typeof e.transaction_id === 'string') q.set('ep.transaction_id', e.transaction_id.slice(0, 60));
  if (typeof e['x-ga-gcs'] === 'string') q.set('gcs', (e['x-ga-gcs'] as string).slice(0, 10));
  if (typeof e['x-ga-gcd'] === 'string') q.set('gcd', (e['x-ga-gcd'] as string).slice(0, 14));
  q.set('pr1', 'idSKU-' + index + '~nmTee~pr24.95~qt2');
  q.set('ep.user_data.email', 'bench' + index + '@example.com');
  return q.toString();
}

export type { ServerBench, ServerRound } from './local-server';

/** The GA4 hits of group 2: one per corpus event (the corpus repeats past 1,000 hits). */
export function serverQueries(hits: number): string[] {
  const corpus = sampleCorpus(Math.min(hits, 1000), CORPUS_SEED);
  return corpus.map((ga4, i) => collectQuery(ga4, i));
}

/** Group 2: the local tagging server (child process) with the Events API tag and the embedded mock. */
export async function benchLocalServer(options: { hits: number; concurrency: number }): Promise<ServerBench> {
  return serverBench({ ...options, queries: serverQueries(options.hits), warmup: Math.min(500, options.hits) });
}

/** Group 2 in full: rounds of the bare 204 server (the ceiling) and ours, alternating. */
export async function benchServerWithCeiling(options: { hits: number; concurrency: number; rounds: number }): Promise<ServerRound[]> {
  return benchServerRounds({ ...options, queries: serverQueries(options.hits) });
}

/** Group 2's breakdown: the server with a no-op tag, and the tag alone on the same hits. */
export async function benchServerBreakdown(options: { hits: number; concurrency: number }): Promise<{ noOp: LoadResult; tagAloneCpuMsPerHit: number }> {
  const queries = serverQueries(options.hits);
  return { noOp: await benchNoOpServer({ ...options, queries }), tagAloneCpuMsPerHit: await benchTagOnHits({ hits: options.hits, queries }) };
}

export interface CodeSize {
  id: string;
  context: string;
  /** The code section as written into the .tpl. */
  codeBytes: number;
  /** The same after esbuild --minify-whitespace --minify-syntax (comments and layout removed, names kept). */
  compactBytes: number;
  /** Fully minified (esbuild --minify: local names shortened too): the logic without its names. */
  minifiedBytes: number;
  /**
   * The minified code gzip-compressed (level 9): about what a visitor downloads for it, since
   * gtm.js is served compressed. How GTM itself compiles template code into gtm.js is not
   * published, so this is an estimate beside the compact measure the targets use.
   */
  gzipBytes: number;
}

export interface BuildBench {
  totalMs: number;
  perTemplate: (CodeSize & { tplBytes: number })[];
}

/**
 * Bytes of template code without whitespace and comments: esbuild's --minify-whitespace and
 * --minify-syntax on the code as the body of a function (template code may `return`), less the
 * same wrapper around nothing. Names are kept: this is what a reader of the code pays for, less
 * layout.
 */
export function compactCodeBytes(code: string): number {
  const compact = (body: string) => Buffer.byteLength(esbuild.transformSync(`x=function(){${body}\n}`, { loader: 'js', minifyWhitespace: true, minifySyntax: true }).code);
  return compact(code) - compact('');
}

/** Every size of a code section: as written, compact (the targets' measure), minified, minified + gzip. */
export function codeSizes(code: string): Pick<CodeSize, 'codeBytes' | 'compactBytes' | 'minifiedBytes' | 'gzipBytes'> {
  // The wrapper's text is taken off: esbuild prints it back as `x=function(){` … `};`.
  const wrapped = esbuild.transformSync(`x=function(){${code}\n}`, { loader: 'js', minify: true }).code;
  const minified = wrapped.slice('x=function(){'.length, wrapped.lastIndexOf('}'));
  return {
    codeBytes: Buffer.byteLength(code),
    compactBytes: compactCodeBytes(code),
    minifiedBytes: Buffer.byteLength(minified),
    gzipBytes: gzipSync(minified, { level: 9 }).length,
  };
}

function codeSection(text: string, fileName: string): { context: string; code: string } {
  const parsed = parseTpl(text, fileName);
  const server = findSection(parsed, 'SANDBOXED_JS_FOR_SERVER');
  if (server) return { context: 'SERVER', code: server.content };
  return { context: 'WEB', code: findSection(parsed, 'SANDBOXED_JS_FOR_WEB_TEMPLATE')?.content ?? '' };
}

/** Code size of a .tpl file (extra templates given on the command line). */
export function codeSizeOfFile(file: string): CodeSize {
  const { context, code } = codeSection(fs.readFileSync(file, 'utf8'), file);
  return { id: path.basename(file, '.tpl'), context, ...codeSizes(code) };
}

/** Group 3: build every template in memory (templates/ untouched) and measure each code section. */
export async function benchBuild(options: { only?: string[] } = {}): Promise<BuildBench> {
  const sourceRoot = path.join(REPO_ROOT, 'src', 'templates');
  const start = performance.now();
  const built = options.only
    ? listTemplateIds(sourceRoot).filter((id) => options.only!.includes(id)).map((id) => buildTemplate(id, path.join(sourceRoot, id)))
    : buildAll({ sourceRoot });
  const totalMs = performance.now() - start;
  const perTemplate = built.map((b) => {
    const { context, code } = codeSection(b.text, b.fileName);
    return { id: b.id, context, ...codeSizes(code), tplBytes: Buffer.byteLength(b.text) };
  });
  return { totalMs, perTemplate };
}

function fixtureTpl(type: 'TAG' | 'MACRO', context: 'SERVER' | 'WEB', code: string): string {
  const info = { type, id: 'cvt_temp_public_id', version: 1, displayName: 'Bench fixture', containerContexts: [context] };
  const codeSection = context === 'SERVER' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE';
  const permissionSection = context === 'SERVER' ? 'SERVER_PERMISSIONS' : 'WEB_PERMISSIONS';
  return `___INFO___\n\n${JSON.stringify(info, null, 2)}\n\n\n___TEMPLATE_PARAMETERS___\n\n[]\n\n\n___${codeSection}___\n\n${code}\n\n\n___${permissionSection}___\n\n[]\n\n\n___TESTS___\n\nscenarios: []\n`;
}

export interface OverheadBench {
  fixture: string;
  runs: number;
  medianUs: number;
  p99Us: number;
}

/** Group 4: the emulator's own cost per run (nothing in the template to speak of), warm. */
export async function benchEmulatorOverhead(options: { runs: number }): Promise<OverheadBench[]> {
  const fixtures: [string, LoadedTemplate][] = [
    ['empty server tag', loadTemplate(fixtureTpl('TAG', 'SERVER', 'data.gtmOnSuccess();'), { fileName: 'empty-tag.tpl' })],
    ['trivial server variable', loadTemplate(fixtureTpl('MACRO', 'SERVER', 'return 1;'), { fileName: 'trivial-variable.tpl' })],
    ['empty web tag', loadTemplate(fixtureTpl('TAG', 'WEB', 'data.gtmOnSuccess();'), { fileName: 'empty-web-tag.tpl' })],
  ];
  const out: OverheadBench[] = [];
  for (const [name, template] of fixtures) {
    for (let i = 0; i < Math.min(200, options.runs); i++) await runTemplate(template, {}, { context: template.context } as never);
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      const result = await runTemplate(template, {}, { context: template.context } as never);
      samples.push(performance.now() - start);
      if (result.outcome !== 'success') throw new Error(`${name}: ${result.outcome} ${result.message ?? ''}`);
    }
    const s = stats(samples);
    out.push({ fixture: name, runs: options.runs, medianUs: s.medianMs * 1000, p99Us: s.p99Ms * 1000 });
  }
  return out;
}

export interface IsolationBench {
  runs: number;
  inProcessRunUs: Stats;
  isolatedRunUs: Stats;
  template: string;
  scenarios: number;
  /** One runTests of the template in this process (warm: compiled and pooled). */
  inProcessTestMs: number;
  /** The same through a new isolated runner: worker start, code load, template load, scenarios. */
  isolatedColdTestMs: number;
  /** Again with the worker already started and the template loaded. */
  isolatedWarmTestMs: number;
  workerStartMs: number;
}

/** Group 5: isolated worker vs in-process, per run and per test command of a ~40-scenario template. */
export async function benchIsolation(options: { runs: number; template?: string }): Promise<IsolationBench> {
  const file = options.template ?? path.join(REPO_ROOT, 'templates', 'tiktok-events-api.tpl');
  const fixture = fixtureTpl('TAG', 'SERVER', 'data.gtmOnSuccess();');
  const timeRuns = async (run: () => Promise<unknown>): Promise<Stats> => {
    for (let i = 0; i < Math.min(100, options.runs); i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      await run();
      samples.push((performance.now() - start) * 1000);
    }
    return stats(samples);
  };

  const local = loadTemplate(fixture, { fileName: 'empty-tag.tpl' });
  const inProcessRunUs = await timeRuns(() => runTemplate(local, {}, { context: 'SERVER' }));
  const runner = new IsolatedRunner();
  let workerStartMs = 0;
  let isolatedRunUs: Stats;
  try {
    const source = runner.load(fixture, { fileName: 'empty-tag.tpl' });
    const started = performance.now();
    await runner.runTemplate(source, {}, { context: 'SERVER' });
    workerStartMs = performance.now() - started;
    isolatedRunUs = await timeRuns(() => runner.runTemplate(source, {}, { context: 'SERVER' }));
  } finally {
    await runner.close();
  }

  const template = loadTemplate(file);
  await runTests(template);
  let start = performance.now();
  await runTests(template);
  const inProcessTestMs = performance.now() - start;
  const cold = new IsolatedRunner();
  let isolatedColdTestMs: number;
  let isolatedWarmTestMs: number;
  try {
    start = performance.now();
    const source = cold.load(file);
    await cold.runTests(source);
    isolatedColdTestMs = performance.now() - start;
    start = performance.now();
    await cold.runTests(source);
    isolatedWarmTestMs = performance.now() - start;
  } finally {
    await cold.close();
  }
  return {
    runs: options.runs,
    inProcessRunUs,
    isolatedRunUs,
    template: path.basename(file),
    scenarios: template.scenarios.length,
    inProcessTestMs,
    isolatedColdTestMs,
    isolatedWarmTestMs,
    workerStartMs,
  };
}

// ------------------------------------------------------------------------------------------- CLI

const fmt = (n: number, digits = 2) => n.toFixed(digits);

export async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const extra = argv.filter((a) => !a.startsWith('--'));
  const n = quick
    ? { corpus: 100, purchase: 200, hits: 200, concurrency: 8, overhead: 500, rounds: 1 }
    : { corpus: 1000, purchase: 2000, hits: 4000, concurrency: 16, overhead: 5000, rounds: 3 };
  const args = [quick ? '--quick' : '', ...extra].filter(Boolean).join(' ');
  console.log(`npm run bench${args ? ' -- ' + args : ''}  (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);

  console.log(`1. Per-event cost in the emulator, warm, corpus of ${n.corpus} GA4 events (seed ${CORPUS_SEED}); the templates take turns event by event, in rotating order`);
  console.log('   (ms: CPU time of the process per run; API calls and argument KB: sandbox API calls per event and the JSON size of their arguments)');
  console.log('   template                                   type   context    median ms    p99 ms  API calls  arg KB   ours ÷ this: median, p99');
  for (const r of await benchTemplateCost({ corpusSize: n.corpus, extra })) {
    const ratio = r.oursMedianRatio !== undefined ? `${r.ours} ${fmt(r.oursMedianRatio)}×, ${fmt(r.oursP99Ratio!)}×` : r.external ? '(no template of ours to compare)' : '';
    console.log(
      `   ${(r.external ? '[extra] ' : '') + r.template}`.padEnd(46) + `${r.type.padEnd(7)}${r.context.padEnd(9)}${fmt(r.stats.medianMs, 3).padStart(10)}${fmt(r.stats.p99Ms, 3).padStart(10)}` +
        `${fmt(r.apiCallsPerEvent, 1).padStart(11)}${fmt(r.apiArgBytesPerEvent / 1024, 1).padStart(8)}   ${ratio}`,
    );
  }
  console.log(`   Realistic purchase (2 items, value, currency, email and phone, ttclid in the URL, _ttp cookie, consent granted), ${n.purchase} warm runs each, CPU time:`);
  const purchases = await benchRealisticPurchase({ runs: n.purchase, extra });
  const ourPurchase = purchases.find((p) => !p.external);
  for (const p of purchases) {
    const ratio = p.external && ourPurchase ? `   ours ÷ this ${fmt(ourPurchase.stats.medianMs / p.stats.medianMs)}×` : '';
    console.log(`   ${(p.external ? '[extra] ' : '') + p.template}`.padEnd(46) + `median ${fmt(p.stats.medianMs, 3)} ms, p99 ${fmt(p.stats.p99Ms, 3)} ms${ratio}`);
  }

  console.log(`\n2. Local tagging server: ${n.hits} GA4 /g/collect hits over loopback, concurrency ${n.concurrency}, Events API tag + embedded mock TikTok API`);
  const serverRounds = await benchServerWithCeiling({ hits: n.hits, concurrency: n.concurrency, rounds: n.rounds });
  printServerRounds(serverRounds, await benchServerBreakdown({ hits: n.hits, concurrency: n.concurrency }));

  console.log('\n3. Build (in memory, templates/ untouched) and code size; compact = esbuild --minify-whitespace --minify-syntax (names kept: the targets\' measure);');
  console.log('   minified = esbuild --minify (names shortened); gzip = the minified code gzip -9 (about what a visitor downloads; GTM\'s own compiled form is not published)');
  const build = await benchBuild();
  console.log(`   all ${build.perTemplate.length} templates: ${fmt(build.totalMs, 0)} ms`);
  const sizeColumns = (t: CodeSize) => `${t.context.padEnd(7)}${String(t.codeBytes).padStart(11)}${String(t.compactBytes).padStart(10)}${String(t.minifiedBytes).padStart(10)}${String(t.gzipBytes).padStart(7)}`;
  console.log('   template                                   context   code   compact  minified   gzip    .tpl   ours ÷ this: compact, minified, gzip');
  for (const t of build.perTemplate) console.log(`   ${t.id}`.padEnd(46) + sizeColumns(t) + String(t.tplBytes).padStart(8));
  for (const file of extra) {
    const size = codeSizeOfFile(file);
    const mine = build.perTemplate.find((t) => t.context === size.context && (t.id === 'tiktok-events-api' || t.id === 'tiktok-pixel'));
    const ratio = mine
      ? `${mine.id} ${fmt(mine.compactBytes / size.compactBytes)}×, ${fmt(mine.minifiedBytes / size.minifiedBytes)}×, ${fmt(mine.gzipBytes / size.gzipBytes)}×`
      : '';
    console.log(`   [extra] ${size.id}`.padEnd(46) + sizeColumns(size) + ''.padStart(8) + `   ${ratio}`);
  }

  console.log(`\n4. Emulator overhead per run, warm (${n.overhead} runs each)`);
  for (const o of await benchEmulatorOverhead({ runs: n.overhead })) console.log(`   ${o.fixture.padEnd(26)} median ${fmt(o.medianUs, 0)} µs, p99 ${fmt(o.p99Us, 0)} µs`);

  const isolation = await benchIsolation({ runs: quick ? 200 : 2000 });
  console.log(`\n5. Isolated worker process vs in-process (src/sandbox/isolation.ts), warm unless said`);
  console.log(`   per run of an empty server tag (${isolation.runs} runs): in-process median ${fmt(isolation.inProcessRunUs.medianMs, 0)} µs, isolated ${fmt(isolation.isolatedRunUs.medianMs, 0)} µs (${fmt(isolation.isolatedRunUs.medianMs / isolation.inProcessRunUs.medianMs, 1)}×); p99 ${fmt(isolation.inProcessRunUs.p99Ms, 0)} / ${fmt(isolation.isolatedRunUs.p99Ms, 0)} µs`);
  console.log(`   worker start (spawn, code, template, first run): ${fmt(isolation.workerStartMs, 0)} ms`);
  console.log(`   gtm-tpl test of ${isolation.template} (${isolation.scenarios} scenarios): in-process ${fmt(isolation.inProcessTestMs, 0)} ms; isolated ${fmt(isolation.isolatedColdTestMs, 0)} ms with a new worker (${fmt(isolation.isolatedColdTestMs / isolation.inProcessTestMs, 1)}×), ${fmt(isolation.isolatedWarmTestMs, 0)} ms with a warm one (${fmt(isolation.isolatedWarmTestMs / isolation.inProcessTestMs, 1)}×)`);

  const batchEvents = quick ? 3_000 : 100_000;
  console.log(`\n6. Batch replay: gtm-tpl run --events - (compiled package, its own process), ${batchEvents.toLocaleString('en')} generated events piped in`);
  printBatch(await benchBatch({ events: batchEvents }));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
