// Group 6 of `npm run bench`: batch replays as a user runs them. The gtm-tpl package is built
// (packages/gtm-tpl, compiled JavaScript), then `gtm-tpl run <tag> --events -` runs in a process
// of its own with N generated GA4-like events piped to its standard input; this process writes
// the events (waiting when the pipe is full) and reads the results. Printed: events/s, and the
// resident memory of the CLI process and of its isolated worker, read from /proc (Linux): sampled
// every tenth of the events, and the peak (VmHWM) at the end, to show that memory stays flat.
//   npx ts-node --transpile-only bench/batch.ts [events] [template.tpl]
//   npx ts-node --transpile-only bench/batch.ts --heap [events] [template.tpl]
// With --heap it measures the heap instead: the batch loop runs in this process (the CLI's
// runEvents, with its own isolated worker) and the heap after full garbage collections, here and
// in the worker, is printed every 10,000 events (resident memory is not the heap: V8 keeps pages).
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as readline from 'readline';
import * as v8 from 'v8';
import * as vm from 'vm';
import { parseRunArgs, runEvents, type CliIo } from '../src/cli/gtm-tpl';
import { loadTemplate } from '../src/sandbox';
import { IsolatedRunner } from '../src/sandbox/isolation';
import { REPO_ROOT } from '../test/properties/harness';
import { benchFieldsFor } from './fields';

const PACKAGE_DIR = path.join(REPO_ROOT, 'packages', 'gtm-tpl');

export interface MemorySample {
  events: number;
  cliRssMb?: number;
  workerRssMb?: number;
}

export interface BatchBench {
  template: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** The CLI's own count of events/s (from its --summary line). */
  reportedEventsPerSecond?: number;
  byOutcome: Record<string, number>;
  requests: number;
  samples: MemorySample[];
  cliPeakRssMb?: number;
  workerPeakRssMb?: number;
  buildMs: number;
}

const NAMES = ['page_view', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase', 'generate_lead'];

/** One replayed event: a GA4 event as the server container sees it, with its request's cookies and headers. */
export function replayEvent(i: number): Record<string, unknown> {
  const name = NAMES[i % NAMES.length];
  const items = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ item_id: `SKU-${(i + k) % 500}`, item_name: `Product ${(i + k) % 500}`, price: 10 + ((i + k) % 90), quantity: 1 + (k % 2) }));
  const value = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const clickId = i % 10 === 0 ? `E.C.P.replay${i}` : undefined;
  const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
  return {
    event: {
      event_name: name,
      client_id: `${100000 + (i % 20000)}.${1760000000 + i}`,
      page_location: `https://shop.example/products/${i % 100}${clickId ? `?ttclid=${clickId}` : ''}`,
      page_title: `Product ${i % 100}`,
      event_id: `ev-${i}`,
      ...(name === 'page_view' || name === 'generate_lead' ? {} : { currency: 'EUR', value, items }),
      ...(name === 'purchase' ? { transaction_id: `T-${i}` } : {}),
      user_data: { email_address: `shopper${i % 5000}@example.com`, phone_number: `+3361${String(i % 10000000).padStart(8, '0')}` },
      ip_override: `203.0.113.${i % 250}`,
      user_agent: ua,
    },
    cookies: { _ttp: `replay-${i % 20000}.tt.1`, ...(clickId ? { ttclid: clickId } : {}) },
    headers: { 'user-agent': ua },
  };
}

/** Resident memory of a process, in MB, from /proc (undefined off Linux or once it has exited). */
function procMemoryMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The isolated worker: the CLI's child process. */
function childOf(pid: number): number | undefined {
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length > 0 ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

export async function benchBatch(options: { events: number; template?: string }): Promise<BatchBench> {
  const templateFile = options.template ?? path.join(REPO_ROOT, 'templates', 'tiktok-events-api.tpl');
  const started = performance.now();
  const build = spawnSync(process.execPath, [path.join(PACKAGE_DIR, 'scripts', 'build.js')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the gtm-tpl package did not build');
  const buildMs = performance.now() - started;

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gtm-tpl-bench-'));
  try {
    const dataFile = path.join(workDir, 'data.json');
    fs.writeFileSync(dataFile, JSON.stringify(benchFieldsFor(loadTemplate(templateFile))('')));
    const child = spawn(
      process.execPath,
      [path.join(PACKAGE_DIR, 'bin', 'gtm-tpl.js'), 'run', templateFile, '--data', dataFile, '--events', '-', '--summary', '--respond', '200:{"code":0,"message":"OK"}'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const pid = child.pid as number;
    let workerPid: number | undefined;
    const samples: MemorySample[] = [];
    const every = Math.max(1, Math.floor(options.events / 10));
    let results = 0;
    let summary: { byOutcome: Record<string, number>; requests: number; eventsPerSecond: number } | undefined;
    let cliPeakRssMb: number | undefined;
    let workerPeakRssMb: number | undefined;
    const readPeaks = () => {
      workerPid ??= childOf(pid);
      cliPeakRssMb = procMemoryMb(pid, 'VmHWM') ?? cliPeakRssMb;
      workerPeakRssMb = procMemoryMb(workerPid, 'VmHWM') ?? workerPeakRssMb;
    };
    const t0 = performance.now();
    const reading = (async () => {
      for await (const line of readline.createInterface({ input: child.stdout! })) {
        if (line.startsWith('{"summary"')) {
          summary = JSON.parse(line).summary;
          readPeaks();
          continue;
        }
        results++;
        if (results % every === 0) {
          workerPid ??= childOf(pid);
          samples.push({ events: results, cliRssMb: procMemoryMb(pid, 'VmRSS'), workerRssMb: procMemoryMb(workerPid, 'VmRSS') });
          readPeaks();
        }
      }
    })();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < options.events; i++) {
      if (!child.stdin!.write(`${JSON.stringify(replayEvent(i))}\n`)) await new Promise((resolve) => child.stdin!.once('drain', resolve));
    }
    child.stdin!.end();
    await reading;
    const seconds = (performance.now() - t0) / 1000;
    await exited;
    if (!summary) throw new Error('gtm-tpl run --events printed no summary');
    return {
      template: path.relative(REPO_ROOT, templateFile),
      events: results,
      seconds,
      eventsPerSecond: results / seconds,
      reportedEventsPerSecond: summary.eventsPerSecond,
      byOutcome: summary.byOutcome,
      requests: summary.requests,
      samples,
      cliPeakRssMb,
      workerPeakRssMb,
      buildMs,
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export interface HeapMark {
  events: number;
  hereMb: number;
  workerMb: number;
}

/** --heap: heap after full collections, in this process (the batch loop) and in the worker, every `every` events. */
export async function benchBatchHeap(options: { events: number; template?: string; every?: number; onMark?: (mark: HeapMark) => void }): Promise<HeapMark[]> {
  const templateFile = options.template ?? path.join(REPO_ROOT, 'templates', 'tiktok-events-api.tpl');
  const every = options.every ?? 10_000;
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gtm-tpl-bench-'));
  const runner = new IsolatedRunner();
  const marks: HeapMark[] = [];
  try {
    const dataFile = path.join(workDir, 'data.json');
    fs.writeFileSync(dataFile, JSON.stringify(benchFieldsFor(loadTemplate(templateFile))('')));
    const mark = async (events: number) => {
      for (let i = 0; i < 8; i++) gc();
      const worker = await runner.workerMemory({ collectGarbage: true });
      const entry = { events, hereMb: process.memoryUsage().heapUsed / 1048576, workerMb: (worker?.heapUsed ?? NaN) / 1048576 };
      marks.push(entry);
      options.onMark?.(entry);
    };
    // The loop pulls a line only once the previous one has run and been written: no run is in
    // flight at a mark.
    async function* events(): AsyncGenerator<string> {
      for (let i = 0; i < options.events; i++) {
        if (i > 0 && i % every === 0) await mark(i);
        yield `${JSON.stringify(replayEvent(i))}\n`;
      }
      await mark(options.events);
    }
    const io: CliIo = { out: () => undefined, err: () => undefined };
    const args = parseRunArgs([templateFile, '--data', dataFile, '--events', '-', '--respond', '200:{"code":0,"message":"OK"}']);
    await runEvents(runner, runner.load(templateFile, { deferProblems: true }), args, io, events());
    return marks;
  } finally {
    await runner.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const mb = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);

export function printBatch(result: BatchBench): void {
  console.log(`   ${result.events.toLocaleString('en')} events through ${result.template}: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s (the CLI's own count: ${result.reportedEventsPerSecond?.toLocaleString('en')}); package build ${(result.buildMs / 1000).toFixed(1)} s first`);
  console.log(`   outcomes: ${Object.entries(result.byOutcome).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}; requests: ${result.requests.toLocaleString('en')}`);
  console.log(`   resident memory (CLI process / its isolated worker), by events done:`);
  for (const s of result.samples) console.log(`     ${s.events.toLocaleString('en').padStart(9)}  ${mb(s.cliRssMb).padStart(7)} / ${mb(s.workerRssMb)}`);
  console.log(`   peak RSS: CLI ${mb(result.cliPeakRssMb)}, worker ${mb(result.workerPeakRssMb)}`);
}

if (require.main === module && process.argv.includes('--heap')) {
  const [events, template] = process.argv.slice(2).filter((arg) => arg !== '--heap');
  console.log('heap after full garbage collections (MB): events, the batch loop here, the isolated worker');
  benchBatchHeap({ events: Number(events ?? 100_000), template, onMark: (m) => console.log(`${String(m.events).padStart(9)} ${m.hereMb.toFixed(2).padStart(9)} ${m.workerMb.toFixed(2).padStart(9)}`) }).catch(
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  const [events, template] = process.argv.slice(2);
  benchBatch({ events: Number(events ?? 100_000), template })
    .then((result) => {
      console.log('6. Batch replay: gtm-tpl run --events (compiled package, own process, events piped to stdin)');
      printBatch(result);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
