// `npm run bench` — figures only, nothing asserted.
//   npm run bench                       all four groups
//   npm run bench -- --quick            a fast smoke run (small N)
//   npm run bench -- other.tpl ...      also run other templates on the same corpus, with the ratio to ours
// 1. per-event cost of each shipped template in the emulator over a fixed, seeded corpus of GA4
//    events (median and p99, warm); extra .tpl paths given on the command line run on the same
//    corpus in the same process (files outside the repository are read in place, never copied);
// 2. the local tagging server (its own process; this one is the load client): hits/s, p50/p99
//    latency and CPU per hit for N GA4 /g/collect hits over loopback with the embedded mock TikTok
//    API, beside a bare Node HTTP server answering 204 under the same load (the ceiling), in rounds;
// 3. build time of all templates (in memory, templates/ untouched) and each template's code size;
// 4. the emulator's own overhead per run (empty tag, trivial variable), in microseconds;
// 5. the cost of running in the isolated worker process (src/sandbox/isolation.ts) beside the
//    in-process figure: per run of a small tag, and per `gtm-tpl test` of the Events API tag's
//    scenarios (worker start included, and with a warm worker).
import * as http from 'http';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadTemplate, runTemplate, runTests } from '../src/sandbox';
import { IsolatedRunner } from '../src/sandbox/isolation';
import type { LoadedTemplate } from '../src/sandbox';
import { findSection, parseTpl } from '../src/tpl/format';
import { ACCESS_TOKEN, VALID_PIXEL_ID, defaultsOf, flattenParameters } from '../test/generators/fields';
import { Ga4Case, sampleCorpus } from '../test/generators/ga4';
import { runServer, runWeb, shippedTemplatePaths, REPO_ROOT } from '../test/properties/harness';
import {
  LoadResult, ServerBench, ServerRound, benchLocalServer as serverBench, benchNoOpServer, benchServerRounds, benchTagOnHits, printServerRounds,
} from './local-server';
import { buildAll, buildTemplate, listTemplateIds } from '../build/build';

export const CORPUS_SEED = 20261123;

export interface Stats {
  n: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { n: sorted.length, medianMs: at(0.5), p99Ms: at(0.99), meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

/** Field values for any template: its defaults, plus credentials for fields named like them. */
export function benchFields(template: LoadedTemplate, eventName: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = { ...defaultsOf(template.parameters) };
  for (const p of flattenParameters(template.parameters)) {
    const name = p.name ?? '';
    if (/^pixel_?(id|code)s?$/i.test(name)) data[name] = VALID_PIXEL_ID;
    else if (/access_?token/i.test(name)) data[name] = ACCESS_TOKEN;
    // A field defaulting to a variable reference gets what that variable would give.
    if (data[name] === '{{Event Name}}') data[name] = typeof eventName === 'string' ? eventName : '';
  }
  if ('logType' in data) data.logType = 'never';
  return data;
}

async function runOnce(template: LoadedTemplate, ga4: Ga4Case): Promise<void> {
  const data = benchFields(template, ga4.eventData.event_name);
  if (template.context === 'SERVER') await runServer(template, data, ga4);
  else await runWeb(template, data, ga4);
}

export interface TemplateCost {
  template: string;
  type: string;
  context: string;
  external: boolean;
  stats: Stats;
  /** Median relative to our template of the same type and context (extra templates only). */
  ratioToOurs?: number;
  ours?: string;
}

/** Group 1: per-event cost over the seeded corpus, warm (one untimed pass first). */
export async function benchTemplateCost(options: { corpusSize: number; extra?: string[]; ours?: string[] }): Promise<TemplateCost[]> {
  const corpus = sampleCorpus(options.corpusSize, CORPUS_SEED);
  const ours = (options.ours ?? shippedTemplatePaths()).map((file) => ({ file, external: false }));
  const extra = (options.extra ?? []).map((file) => ({ file: path.resolve(file), external: true }));
  const out: TemplateCost[] = [];
  for (const { file, external } of [...ours, ...extra]) {
    const template = loadTemplate(file);
    for (const ga4 of corpus) await runOnce(template, ga4);
    const samples: number[] = [];
    for (const ga4 of corpus) {
      const start = performance.now();
      await runOnce(template, ga4);
      samples.push(performance.now() - start);
    }
    out.push({ template: path.basename(file, '.tpl'), type: template.type, context: template.context, external, stats: stats(samples) });
  }
  for (const entry of out.filter((e) => e.external)) {
    const mine = out.find((e) => !e.external && e.type === entry.type && e.context === entry.context && (e.template === 'tiktok-events-api' || e.template === 'tiktok-pixel' || e.type === 'MACRO'));
    if (mine) {
      entry.ours = mine.template;
      entry.ratioToOurs = entry.stats.medianMs / mine.stats.medianMs;
    }
  }
  return out;
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

export interface BuildBench {
  totalMs: number;
  perTemplate: { id: string; codeBytes: number; tplBytes: number }[];
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
    const parsed = parseTpl(b.text, b.fileName);
    const code = findSection(parsed, 'SANDBOXED_JS_FOR_SERVER') ?? findSection(parsed, 'SANDBOXED_JS_FOR_WEB_TEMPLATE');
    return { id: b.id, codeBytes: Buffer.byteLength(code?.content ?? ''), tplBytes: Buffer.byteLength(b.text) };
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
  const n = quick ? { corpus: 100, hits: 200, concurrency: 8, overhead: 500, rounds: 1 } : { corpus: 1000, hits: 4000, concurrency: 16, overhead: 5000, rounds: 3 };
  const args = [quick ? '--quick' : '', ...extra].filter(Boolean).join(' ');
  console.log(`npm run bench${args ? ' -- ' + args : ''}  (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);

  console.log(`1. Per-event cost in the emulator, warm, corpus of ${n.corpus} GA4 events (seed ${CORPUS_SEED})`);
  console.log('   template                                   type   context    median ms    p99 ms   vs ours');
  for (const r of await benchTemplateCost({ corpusSize: n.corpus, extra })) {
    const ratio = r.ratioToOurs !== undefined ? `${fmt(r.ratioToOurs)}× ${r.ours}` : r.external ? '(no template of ours to compare)' : '';
    console.log(`   ${(r.external ? '[extra] ' : '') + r.template}`.padEnd(46) + `${r.type.padEnd(7)}${r.context.padEnd(9)}${fmt(r.stats.medianMs, 3).padStart(10)}${fmt(r.stats.p99Ms, 3).padStart(10)}   ${ratio}`);
  }

  console.log(`\n2. Local tagging server: ${n.hits} GA4 /g/collect hits over loopback, concurrency ${n.concurrency}, Events API tag + embedded mock TikTok API`);
  const serverRounds = await benchServerWithCeiling({ hits: n.hits, concurrency: n.concurrency, rounds: n.rounds });
  printServerRounds(serverRounds, await benchServerBreakdown({ hits: n.hits, concurrency: n.concurrency }));

  console.log('\n3. Build (in memory, templates/ untouched)');
  const build = await benchBuild();
  console.log(`   all ${build.perTemplate.length} templates: ${fmt(build.totalMs, 0)} ms`);
  console.log('   template                          code section bytes    .tpl bytes');
  for (const t of build.perTemplate) console.log(`   ${t.id.padEnd(34)}${String(t.codeBytes).padStart(18)}${String(t.tplBytes).padStart(14)}`);

  console.log(`\n4. Emulator overhead per run, warm (${n.overhead} runs each)`);
  for (const o of await benchEmulatorOverhead({ runs: n.overhead })) console.log(`   ${o.fixture.padEnd(26)} median ${fmt(o.medianUs, 0)} µs, p99 ${fmt(o.p99Us, 0)} µs`);

  const isolation = await benchIsolation({ runs: quick ? 200 : 2000 });
  console.log(`\n5. Isolated worker process vs in-process (src/sandbox/isolation.ts), warm unless said`);
  console.log(`   per run of an empty server tag (${isolation.runs} runs): in-process median ${fmt(isolation.inProcessRunUs.medianMs, 0)} µs, isolated ${fmt(isolation.isolatedRunUs.medianMs, 0)} µs (${fmt(isolation.isolatedRunUs.medianMs / isolation.inProcessRunUs.medianMs, 1)}×); p99 ${fmt(isolation.inProcessRunUs.p99Ms, 0)} / ${fmt(isolation.isolatedRunUs.p99Ms, 0)} µs`);
  console.log(`   worker start (spawn, code, template, first run): ${fmt(isolation.workerStartMs, 0)} ms`);
  console.log(`   gtm-tpl test of ${isolation.template} (${isolation.scenarios} scenarios): in-process ${fmt(isolation.inProcessTestMs, 0)} ms; isolated ${fmt(isolation.isolatedColdTestMs, 0)} ms with a new worker (${fmt(isolation.isolatedColdTestMs / isolation.inProcessTestMs, 1)}×), ${fmt(isolation.isolatedWarmTestMs, 0)} ms with a warm one (${fmt(isolation.isolatedWarmTestMs / isolation.inProcessTestMs, 1)}×)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
