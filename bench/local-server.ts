// Group 2 of `npm run bench`: the local tagging server's throughput. The server runs in a child
// process (bench/local-server-process.ts) and this process is the load client, so the figure
// includes the client's CPU on the same machine, as the target says. In the same run, the same
// client loads a bare Node HTTP server answering 204 (the ceiling), so the ratio to it can be
// compared between machines and between busy and idle moments; rounds alternate the two.
import { ChildProcess, fork } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import { performance } from 'perf_hooks';

export interface Stats {
  n: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

export function latencyStats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { n: sorted.length, medianMs: at(0.5), p99Ms: at(0.99), meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

export interface LoadResult {
  hits: number;
  concurrency: number;
  seconds: number;
  eventsPerSecond: number;
  latency: Stats;
  statusCounts: Record<string, number>;
  /** CPU time of the server process per hit (user + system). */
  serverCpuMsPerHit: number;
  /** CPU time of the load client (this process) per hit. */
  clientCpuMsPerHit: number;
  /** Emulator realms built in the server process during the measured hits (a warm server builds none). */
  realmsBuilt?: number;
}

export interface ServerBench extends LoadResult {
  /** Track requests the mock received, accepted, and refused (with the first refusal's message). */
  requestsToMock: number;
  acceptedByMock: number;
  refusedByMock: number;
  firstRefusal?: string;
}

interface ChildStats {
  cpuMs: number;
  /** The emulator's realm counters in the server process (realms built so far, realms pooled). */
  realms?: { created: number; pooled: number };
  requestsToMock: number;
  acceptedByMock: number;
  refusedByMock: number;
  firstRefusal?: string;
}

/** A server child process: 'tagging' (the local tagging server) or 'bare' (204 for everything). */
export class ServerProcess {
  private constructor(private readonly child: ChildProcess, readonly port: number) {}

  static start(mode: 'tagging' | 'no-op' | 'bare'): Promise<ServerProcess> {
    // BENCH_CPU_PROF=<dir>: the server processes profile the measured hits (V8 CPU profiler) into <dir>.
    const env = process.env.BENCH_CPU_PROF ? { ...process.env, BENCH_CPU_PROF: path.resolve(process.env.BENCH_CPU_PROF) } : process.env;
    const child = fork(path.join(__dirname, 'local-server-process.ts'), [mode], {
      env,
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (message: { type: string; port: number }) => resolve(new ServerProcess(child, message.port)));
      child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
    });
  }

  private ask<T>(type: string, answered: boolean): Promise<T | undefined> {
    return new Promise((resolve) => {
      if (!answered) {
        this.child.send({ type });
        resolve(undefined);
        return;
      }
      this.child.once('message', (message: T) => resolve(message));
      this.child.send({ type });
    });
  }

  /** Starts a measurement; answers the realm counters at that moment. */
  async reset(): Promise<ChildStats['realms']> {
    return (await this.ask<{ realms?: ChildStats['realms'] }>('reset', true))?.realms;
  }

  async stats(): Promise<ChildStats> {
    return (await this.ask<ChildStats>('stats', true))!;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'exit' });
    });
  }
}

/** Sends `hits` POST /g/collect hits (query strings from `queries`, in turn) with `concurrency` in flight. */
async function load(server: ServerProcess, queries: string[], options: { hits: number; concurrency: number; warmup: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const statusCounts: Record<string, number> = {};
  const latencies: number[] = [];
  const hit = (i: number) =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const request = http.request(
        { host: '127.0.0.1', port: server.port, path: '/g/collect?' + queries[i % queries.length], method: 'POST', agent, headers: { 'user-agent': 'bench', 'content-length': '0' } },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - start);
            statusCounts[String(response.statusCode)] = (statusCounts[String(response.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      request.on('error', () => {
        statusCounts.error = (statusCounts.error ?? 0) + 1;
        resolve();
      });
      request.end();
    });
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < count) await hit(next++);
      }),
    );
  };
  // Warm-up (not counted): JIT, realm pool, keep-alive sockets.
  await run(options.warmup);
  latencies.length = 0;
  for (const key of Object.keys(statusCounts)) delete statusCounts[key];
  const realmsBefore = (await server.reset())?.created;
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  await run(options.hits);
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientCpu);
  const serverStats = await server.stats();
  agent.destroy();
  return {
    hits: options.hits,
    concurrency: options.concurrency,
    seconds,
    eventsPerSecond: options.hits / seconds,
    latency: latencyStats(latencies),
    statusCounts,
    serverCpuMsPerHit: serverStats.cpuMs / options.hits,
    clientCpuMsPerHit: (client.user + client.system) / 1000 / options.hits,
    realmsBuilt: serverStats.realms && realmsBefore !== undefined ? serverStats.realms.created - realmsBefore : undefined,
  };
}

/** The local tagging server (child process) under load. */
export async function benchLocalServer(options: { hits: number; concurrency: number; queries: string[]; warmup?: number }): Promise<ServerBench> {
  const server = await ServerProcess.start('tagging');
  try {
    const result = await load(server, options.queries, { hits: options.hits, concurrency: options.concurrency, warmup: options.warmup ?? Math.min(500, options.hits) });
    const mock = await server.stats();
    return { ...result, requestsToMock: mock.requestsToMock, acceptedByMock: mock.acceptedByMock, refusedByMock: mock.refusedByMock, firstRefusal: mock.firstRefusal };
  } finally {
    await server.stop();
  }
}

/** The local tagging server with a tag that does nothing (child process): the server's own cost. */
export async function benchNoOpServer(options: { hits: number; concurrency: number; queries: string[]; warmup?: number }): Promise<LoadResult> {
  const server = await ServerProcess.start('no-op');
  try {
    return await load(server, options.queries, { hits: options.hits, concurrency: options.concurrency, warmup: options.warmup ?? Math.min(500, options.hits) });
  } finally {
    await server.stop();
  }
}

/**
 * The Events API tag alone on the same hits, in this process: GA4 parsing done beforehand, then
 * the emulator runs the tag with the mock answering in-process (no HTTP, no server). CPU per hit.
 */
export async function benchTagOnHits(options: { hits: number; queries: string[] }): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const root = path.resolve(__dirname, '..');
  const { loadTemplate, runTemplate } = require(path.join(root, 'src/sandbox'));
  const { parseGa4Request } = require(path.join(root, 'src/server/ga4'));
  const { MockTikTok } = require(path.join(root, 'src/server/mock-tiktok'));
  const { fieldDefaultsFromFile } = require(path.join(root, 'src/server/field-defaults'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = path.join(root, 'templates/tiktok-events-api.tpl');
  const template = loadTemplate(file);
  const data = { ...fieldDefaultsFromFile(file), pixelId: 'C9Q2MJ3C77U4P674RPG0', accessToken: 'bench-token', logType: 'never' };
  const mock = new MockTikTok({ maxLogEntries: 100 });
  const storage = new Map();
  const events = options.queries.map((query) => parseGa4Request({ queryString: query, headers: { 'user-agent': 'bench' }, remoteAddress: '127.0.0.1' }).events[0]);
  const run = (i: number) =>
    runTemplate(template, data, {
      context: 'SERVER',
      eventData: events[i % events.length],
      request: { method: 'POST', path: '/g/collect', headers: { 'user-agent': 'bench' }, queryString: options.queries[i % events.length], body: '', remoteAddress: '127.0.0.1' },
      clientName: 'GA4',
      templateDataStorage: storage,
      now: Date.now,
      http: (request: { method: string; headers: Record<string, string>; body?: string }) => {
        const answer = mock.handle({ method: request.method, path: '/open_api/v1.3/event/track/', headers: request.headers, body: request.body ?? '' });
        return { statusCode: answer.status, headers: answer.headers, body: answer.body };
      },
    });
  for (let i = 0; i < Math.min(500, options.hits); i++) await run(i);
  const before = process.cpuUsage();
  for (let i = 0; i < options.hits; i++) await run(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / options.hits;
}

/** A bare Node HTTP server answering 204 (child process) under the same load: the ceiling. */
export async function benchBareServer(options: { hits: number; concurrency: number; queries: string[]; warmup?: number }): Promise<LoadResult> {
  const server = await ServerProcess.start('bare');
  try {
    return await load(server, options.queries, { hits: options.hits, concurrency: options.concurrency, warmup: options.warmup ?? Math.min(500, options.hits) });
  } finally {
    await server.stop();
  }
}

export interface ServerRound {
  bare: LoadResult;
  ours: ServerBench;
  /** ours.eventsPerSecond / bare.eventsPerSecond */
  ratio: number;
}

/** `rounds` times: the bare server, then ours, with the same client and hits. */
export async function benchServerRounds(options: { hits: number; concurrency: number; queries: string[]; rounds: number }): Promise<ServerRound[]> {
  const rounds: ServerRound[] = [];
  for (let i = 0; i < options.rounds; i++) {
    const bare = await benchBareServer(options);
    const ours = await benchLocalServer(options);
    rounds.push({ bare, ours, ratio: ours.eventsPerSecond / bare.eventsPerSecond });
  }
  return rounds;
}

/** The throughput target of the local server (at concurrency 16, bench client included). */
export const TARGET = { hitsPerSecond: 1500, p99Ms: 30 };

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Group 2's lines of `npm run bench`. */
export function printServerRounds(
  rounds: ServerRound[],
  breakdown?: { noOp: LoadResult; tagAloneCpuMsPerHit: number },
  log: (line: string) => void = console.log,
): void {
  log(`   server and load client in separate processes; beside ours a bare Node HTTP server answering 204 (the ceiling), ${rounds.length} round(s)`);
  log('   round  server          hits/s   p50 ms   p99 ms   server CPU ms/hit   client CPU ms/hit   ratio to bare');
  rounds.forEach((round, i) => {
    for (const [name, r] of [['bare 204', round.bare], ['ours', round.ours]] as const) {
      const ratio = name === 'ours' ? fmt(round.ratio, 3) : '';
      log(`   ${String(i + 1).padEnd(7)}${name.padEnd(12)}${fmt(r.eventsPerSecond, 0).padStart(10)}${fmt(r.latency.medianMs).padStart(9)}${fmt(r.latency.p99Ms).padStart(9)}${fmt(r.serverCpuMsPerHit, 3).padStart(20)}${fmt(r.clientCpuMsPerHit, 3).padStart(20)}${ratio.padStart(16)}`);
    }
  });
  const ours = rounds.map((r) => r.ours);
  const hitsPerSecond = median(ours.map((r) => r.eventsPerSecond));
  const p99 = median(ours.map((r) => r.latency.p99Ms));
  const concurrency = ours[0].concurrency;
  log(`   median of rounds: ours ${fmt(hitsPerSecond, 0)} hits/s, p99 ${fmt(p99)} ms, ${fmt(median(ours.map((r) => r.serverCpuMsPerHit)), 3)} ms server CPU per hit; bare ${fmt(median(rounds.map((r) => r.bare.eventsPerSecond)), 0)} hits/s; ratio to bare ${fmt(median(rounds.map((r) => r.ratio)), 3)}`);
  const met = hitsPerSecond >= TARGET.hitsPerSecond && p99 <= TARGET.p99Ms;
  log(`   target ≥ ${TARGET.hitsPerSecond} hits/s with p99 ≤ ${TARGET.p99Ms} ms at concurrency 16: ${concurrency === 16 ? (met ? 'met' : 'not met') : 'not measured (other concurrency)'}; statuses ${JSON.stringify(ours[0].statusCounts)}; realms built while measuring ${ours.map((r) => r.realmsBuilt ?? '?').join(', ')}`);
  if (breakdown) {
    const serverCpu = median(ours.map((r) => r.serverCpuMsPerHit));
    log(`   where the server's CPU goes: the Events API tag alone on the same hits (emulator, mock in-process, no HTTP) ${fmt(breakdown.tagAloneCpuMsPerHit, 3)} ms per hit;`);
    log(`     the server with a no-op tag ${fmt(breakdown.noOp.serverCpuMsPerHit, 3)} ms per hit (${fmt(breakdown.noOp.eventsPerSecond, 0)} hits/s); outside the tag: ${fmt(serverCpu - breakdown.tagAloneCpuMsPerHit, 3)} ms per hit`);
  }
  const last = ours[ours.length - 1];
  log(`   TikTok requests (last round): ${last.requestsToMock} (accepted ${last.acceptedByMock}, refused ${last.refusedByMock}${last.firstRefusal ? ', first refusal ' + last.firstRefusal : ''}); the other hits carry events the tag skips (unmapped names)`);
}
