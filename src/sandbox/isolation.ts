// Defence in depth for templates we did not write: the emulator runs them in a worker process of
// its own. Node documents that `vm` is not a security mechanism, so a hole in the realm boundary
// (src/sandbox/realm.ts) must still find a process that can do little:
// - an empty environment (no secret of the parent to read);
// - Node's permission model: no file system write, no child process, no worker, and no file
//   system read at all except the emulator's own code when it is loaded from compiled files;
// - no code generation from strings in the worker's own context either
//   (`--disallow-code-generation-from-strings`: a leaked host `Function` cannot compile);
// - a heap cap (`--max-old-space-size`), so a heap bomb ends the worker, not the caller;
// - a wall-clock kill: a run that does not answer within its time limit plus a grace period
//   (a built-in V8 cannot interrupt, such as indexOf over an array of length 2^32 - 1) ends as
//   a `timeout`, the worker is stopped and the next run gets a fresh one.
// One worker serves many runs (the scenarios of a file, the files of a command, a server's
// events): it is started on first use and reused until it is stopped or closed.
//
// The worker entry is ./isolation-worker (a plain module path next to this file). From compiled
// JavaScript the worker loads it directly; from TypeScript sources (ts-node, jest) the parent
// bundles it with esbuild and hands the code over the IPC channel, so the worker needs neither
// ts-node nor any file read permission.

import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Environment, HttpOutcome, OutgoingHttpRequest, RunResult } from './environment';
import { emptyRecord } from './environment';
import { ISOLATION_CHANNEL as CHANNEL, STATEFUL_ENVIRONMENT_KEYS, transferEnvironment, transferable, type ParentMessage, type WorkerMessage } from './isolation-protocol';
import { DEFAULT_TIMEOUT_MS } from './runtime';
import type { ScenarioResult } from './test-runner';
import { loadTemplate, type LoadedTemplate, type LoadOptions, type TemplateScenario } from './template';

export interface IsolationOptions {
  /** V8 old-space limit of the worker, in MB (default 256). */
  heapMb?: number;
  /** How long past a run's own time limit the parent waits before it stops the worker (default 2000 ms). */
  graceMs?: number;
}

/** A template loaded for isolated runs: the parent's copy (scenarios, problems) and its source. */
export interface IsolatedTemplate {
  readonly template: LoadedTemplate;
  readonly text: string;
  readonly loadOptions: LoadOptions;
  /** Identifies the source in a worker (file name, options, text). */
  readonly key: string;
}

export const DEFAULT_HEAP_MB = 256;
export const DEFAULT_GRACE_MS = 2000;
/** Time allowed for a worker to start and load its code. */
const START_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------- worker spawn
/** The directory of the package this module belongs to (nearest package.json above it). */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return __dirname;
    dir = parent;
  }
}

/** Directories of the runtime dependencies the worker's compiled code loads. */
function dependencyDirs(): string[] {
  const dirs: string[] = [];
  for (const name of ['acorn', 'acorn-walk', 'js-yaml']) {
    try {
      dirs.push(path.dirname(require.resolve(`${name}/package.json`)));
    } catch {
      // Not installed: the worker's load reports it.
    }
  }
  return dirs;
}

const runningFromSources = path.extname(__filename) === '.ts';

/** The worker's code: a module path (compiled JavaScript) or bundled source (TypeScript sources). */
interface WorkerBoot {
  module?: string;
  source?: string;
  filename: string;
}

let bundledWorker: WorkerBoot | undefined;

function workerBoot(): WorkerBoot {
  const entry = path.join(__dirname, `isolation-worker${path.extname(__filename)}`);
  if (!runningFromSources) return { module: entry, filename: entry };
  if (!bundledWorker) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    const built = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      external: ['esbuild'],
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      write: false,
      logLevel: 'silent',
    });
    bundledWorker = { source: built.outputFiles[0].text, filename: entry.replace(/\.ts$/, '.bundle.js') };
  }
  return bundledWorker;
}

/**
 * The worker's bootstrap (run with `node -e`): the first message on the channel carries the
 * worker's code. It runs before any template and is the only code not loaded from the package.
 */
const BOOTSTRAP = `process.once('message', function (boot) {
  var Module = require('module');
  if (boot.module) { require(boot.module); return; }
  var worker = new Module(boot.filename, null);
  worker.filename = boot.filename;
  worker.paths = [];
  worker._compile(boot.source, boot.filename);
});`;

/** Node flags of the worker process (exported for the tests that check what they deny). */
export function isolationFlags(options: IsolationOptions = {}): string[] {
  const major = Number(process.versions.node.split('.')[0]);
  const flags = [major >= 23 ? '--permission' : '--experimental-permission'];
  if (!runningFromSources) {
    for (const dir of [packageRoot(), ...dependencyDirs()]) flags.push(`--allow-fs-read=${path.join(dir, '*')}`);
  }
  flags.push(`--max-old-space-size=${Math.max(16, Math.floor(options.heapMb ?? DEFAULT_HEAP_MB))}`);
  flags.push('--disallow-code-generation-from-strings');
  flags.push('--no-warnings');
  return flags;
}

// ---------------------------------------------------------------------------------- the runner
interface Pending {
  resolve(message: WorkerMessage & { kind: 'result' | 'failed' }): void;
  reject(reason: WorkerStopped): void;
  timer: NodeJS.Timeout;
  /** The parent's http function for this run, if it has one. */
  http?: (request: OutgoingHttpRequest) => HttpOutcome | Promise<HttpOutcome>;
}

/** The worker stopped before answering: why, as the outcome of the run it was serving. */
class WorkerStopped extends Error {
  constructor(readonly outcome: 'timeout' | 'exception', message: string) {
    super(message);
  }
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  loaded: Set<string>;
  stderr: string;
  /** Set when the parent stopped it (time limit): the reason pending runs get. */
  stopReason?: WorkerStopped;
  exited: boolean;
}

export class IsolatedRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly options: Required<IsolationOptions>;
  /** Workers started so far (the bench and tests read it). */
  workersStarted = 0;

  constructor(options: IsolationOptions = {}) {
    this.options = { heapMb: options.heapMb ?? DEFAULT_HEAP_MB, graceMs: options.graceMs ?? DEFAULT_GRACE_MS };
  }

  /** Loads a template (path or .tpl text) here and remembers its source for the worker. */
  load(pathOrText: string, options: LoadOptions = {}): IsolatedTemplate {
    const isText = /___[A-Z0-9_]+___/.test(pathOrText) && (pathOrText.includes('\n') || !fs.existsSync(pathOrText));
    let text = pathOrText;
    const loadOptions: LoadOptions = { ...options };
    if (!isText) {
      loadOptions.fileName = options.fileName ?? pathOrText;
      // Read here; loading the text below reports an unreadable file as loadTemplate does.
      try {
        text = fs.readFileSync(pathOrText, 'utf8');
      } catch {
        loadTemplate(pathOrText, options);
      }
    }
    const template = loadTemplate(text, loadOptions);
    const key = `${loadOptions.fileName ?? ''}\u0000${loadOptions.deferProblems ? 1 : 0}${loadOptions.languageCheck === false ? 0 : 1}\u0000${text}`;
    return { template, text, loadOptions, key };
  }

  /** runTemplate in the worker (production semantics, watchdog on). */
  async runTemplate(
    source: IsolatedTemplate,
    data: Record<string, unknown>,
    env?: Environment,
    options: { timeoutMs?: number } = {},
  ): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const transferred = transferEnvironment(env);
    const http = env && typeof (env as { http?: unknown }).http === 'function' ? (env as { http: Pending['http'] }).http : undefined;
    let reply;
    try {
      reply = await this.request(source, timeoutMs, http, (id) => ({ channel: CHANNEL, kind: 'run', id, key: source.key, data: transferable(data), env: transferred, timeoutMs }));
    } catch (error) {
      if (!(error instanceof WorkerStopped)) throw error;
      return { outcome: error.outcome, message: error.message, record: emptyRecord(), successCalls: 0, failureCalls: 0 };
    }
    if (reply.kind === 'failed') return { outcome: 'exception', message: reply.message, record: emptyRecord(), successCalls: 0, failureCalls: 0 };
    if (env && reply.state) {
      // State that persists across runs (template storage, BigQuery, Firestore...) comes back.
      for (const key of STATEFUL_ENVIRONMENT_KEYS) {
        const target = (env as Record<string, unknown>)[key];
        const updated = reply.state[key];
        if (updated instanceof Map) {
          if (target instanceof Map) {
            target.clear();
            for (const [k, v] of updated) target.set(k, v);
          } else {
            (env as Record<string, unknown>)[key] = updated;
          }
        }
      }
    }
    return reply.result as RunResult;
  }

  /** One ___TESTS___ scenario in the worker. */
  async runScenario(source: IsolatedTemplate, scenario: TemplateScenario, options: { timeoutMs?: number } = {}): Promise<ScenarioResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = Date.now();
    try {
      const reply = await this.request(source, timeoutMs, undefined, (id) => ({ channel: CHANNEL, kind: 'scenario', id, key: source.key, scenario: scenario.name, timeoutMs }));
      if (reply.kind === 'failed') return { name: scenario.name, passed: false, message: `exception: ${reply.message}`, durationMs: Date.now() - started };
      return reply.result as ScenarioResult;
    } catch (error) {
      if (!(error instanceof WorkerStopped)) throw error;
      return { name: scenario.name, passed: false, message: `${error.outcome}: ${error.message}`, durationMs: Date.now() - started };
    }
  }

  /** Every scenario of a template (or the ones named in `only`), one after the other. */
  async runTests(source: IsolatedTemplate, options: { only?: string[]; timeoutMs?: number } = {}): Promise<ScenarioResult[]> {
    const results: ScenarioResult[] = [];
    for (const scenario of source.template.scenarios) {
      if (options.only && !options.only.includes(scenario.name)) continue;
      results.push(await this.runScenario(source, scenario, options));
    }
    return results;
  }

  /** Stops the worker (pending runs end as exceptions). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // Referenced again so that this process waits for the worker's exit.
    this.refWorker(worker);
    this.stop(worker, new WorkerStopped('exception', 'the isolated worker was closed'));
    if (!worker.exited) await new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  }

  // -------------------------------------------------------------------------------- internals
  private async request(
    source: IsolatedTemplate,
    timeoutMs: number,
    http: Pending['http'],
    message: (id: number) => ParentMessage,
  ): Promise<WorkerMessage & { kind: 'result' | 'failed' }> {
    const worker = await this.ensureWorker();
    if (!worker.loaded.has(source.key)) {
      worker.loaded.add(source.key);
      // The language check is a function of the text: when it passed here, the worker skips it.
      const options = source.template.problems.length === 0 ? { ...source.loadOptions, languageCheck: false } : source.loadOptions;
      this.send(worker, { channel: CHANNEL, kind: 'load', key: source.key, text: source.text, fileName: source.loadOptions.fileName ?? '<template>', options });
    }
    const id = this.nextId++;
    const limitMs = timeoutMs + this.options.graceMs;
    const answer = new Promise<WorkerMessage & { kind: 'result' | 'failed' }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new WorkerStopped('timeout', `the run did not end within its time limit of ${timeoutMs} ms (plus ${this.options.graceMs} ms): its isolated worker was stopped`));
        // Runs sharing the worker (concurrent events of a server) end with it.
        this.stop(worker, new WorkerStopped('exception', 'the isolated worker was stopped: another run on it exceeded its time limit'));
      }, limitMs);
      this.pending.set(id, { resolve, reject, timer, http });
    });
    this.refWorker(worker);
    this.send(worker, message(id));
    try {
      return await answer;
    } finally {
      const entry = this.pending.get(id);
      if (entry) clearTimeout(entry.timer);
      this.pending.delete(id);
      this.unrefWhenIdle(worker);
    }
  }

  private send(worker: Worker, message: ParentMessage): void {
    if (worker.exited || !worker.child.connected) return;
    try {
      worker.child.send(message);
    } catch {
      // The worker is going away; its exit handler settles what is pending.
    }
  }

  private ensureWorker(): Promise<Worker> {
    const current = this.worker;
    if (current && !current.exited && !current.stopReason) return current.ready.then(() => current);
    const boot = workerBoot();
    const child = spawn(process.execPath, [...isolationFlags(this.options), '-e', BOOTSTRAP], {
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    this.workersStarted++;
    const worker: Worker = { child, ready: Promise.resolve(), loaded: new Set(), stderr: '', exited: false };
    this.worker = worker;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      // Only the tail matters (why the worker died).
      worker.stderr = (worker.stderr + chunk).slice(-8192);
    });
    worker.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(worker, new WorkerStopped('exception', 'the isolated worker did not start'));
      }, START_TIMEOUT_MS);
      const onMessage = (message: WorkerMessage) => {
        if (!message || message.channel !== CHANNEL) return;
        if (message.kind === 'ready') {
          clearTimeout(timer);
          resolve();
          return;
        }
        this.onWorkerMessage(worker, message);
      };
      child.on('message', onMessage);
      child.on('error', () => undefined);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        worker.exited = true;
        if (this.worker === worker) this.worker = undefined;
        const reason = worker.stopReason ?? this.exitReason(worker, code, signal);
        reject(reason);
        for (const [id, entry] of this.pending) {
          clearTimeout(entry.timer);
          this.pending.delete(id);
          entry.reject(reason);
        }
      });
    });
    // A worker that never became ready rejects its runs (they end as exceptions).
    worker.ready.catch(() => undefined);
    try {
      child.send(boot);
    } catch {
      // The exit handler reports a worker that could not be started.
    }
    return worker.ready.then(() => worker);
  }

  private exitReason(worker: Worker, code: number | null, signal: NodeJS.Signals | null): WorkerStopped {
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(worker.stderr)) {
      return new WorkerStopped('exception', `the run used more memory than its isolated worker allows (${this.options.heapMb} MB heap): the worker was stopped`);
    }
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const detail = worker.stderr.trim().split('\n').filter(Boolean).pop();
    return new WorkerStopped('exception', `the isolated worker ended unexpectedly (${how})${detail ? `: ${detail.slice(0, 300)}` : ''}`);
  }

  private stop(worker: Worker, reason: WorkerStopped): void {
    if (worker.exited) return;
    worker.stopReason ??= reason;
    if (this.worker === worker) this.worker = undefined;
    worker.child.kill('SIGKILL');
  }

  private onWorkerMessage(worker: Worker, message: WorkerMessage): void {
    if (message.kind === 'result' || message.kind === 'failed') {
      this.pending.get(message.id)?.resolve(message);
      return;
    }
    if (message.kind === 'http') {
      const entry = this.pending.get(message.id);
      const answer = (reply: { outcome?: HttpOutcome; error?: string }) =>
        this.send(worker, { channel: CHANNEL, kind: 'http-result', callId: message.callId, ...reply });
      if (!entry?.http) {
        answer({ error: 'no HTTP transport for this run' });
        return;
      }
      Promise.resolve()
        .then(() => entry.http!(message.request))
        .then(
          (outcome) => answer({ outcome: transferable(outcome) as HttpOutcome }),
          (error) => answer({ error: error instanceof Error ? error.message : String(error) }),
        );
    }
  }

  /** While runs are pending the worker keeps this process alive; idle, it does not. */
  private refWorker(worker: Worker): void {
    worker.child.ref();
    (worker.child as unknown as { channel?: { ref(): void } }).channel?.ref();
    (worker.child.stderr as { ref?: () => void } | null)?.ref?.();
  }

  private unrefWhenIdle(worker: Worker): void {
    if (this.pending.size > 0 || worker.exited) return;
    worker.child.unref();
    (worker.child as unknown as { channel?: { unref(): void } }).channel?.unref();
    (worker.child.stderr as { unref?: () => void } | null)?.unref?.();
  }
}

let sharedRunner: IsolatedRunner | undefined;

/** One runner for the whole process (the CLI, the local server). */
export function sharedIsolatedRunner(): IsolatedRunner {
  sharedRunner ??= new IsolatedRunner();
  return sharedRunner;
}
