// A child process of `npm run bench` (group 2): serves on 127.0.0.1 (a free port) either the local
// tagging server with the Events API tag and the embedded mock (`tagging`), the same server with a
// tag that does nothing (`no-op`: what the server itself costs), or a bare Node HTTP server that
// answers every request with 204 (`bare`, the ceiling of any server on this machine).
// The load comes from the parent process, so client and server each have a process, as with
// `npm start` and a browser. Talks to the parent over IPC:
//   child → parent  {type: 'ready', port}
//   parent → child  {type: 'reset'}  starts a measurement (CPU baseline, mock log cleared) → {type: 'reset', realms}
//   parent → child  {type: 'stats'}  → {type: 'stats', cpuMs, requestsToMock, acceptedByMock, refusedByMock, firstRefusal}
//   parent → child  {type: 'exit'}
// With BENCH_CPU_PROF=<dir>, the measured hits (from reset to stats) are profiled with V8's CPU
// profiler and written to <dir>/<mode>-<pid>-<n>.cpuprofile (open in Chrome DevTools).
import * as fs from 'fs';
import * as http from 'http';
import * as inspector from 'inspector';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..');
const PIXEL = 'C9Q2MJ3C77U4P674RPG0';

interface MockView {
  log: { accepted: boolean; answer: unknown }[];
  accepted(): unknown[];
  reset(): void;
}

async function start(mode: string): Promise<{ server: http.Server; mock?: MockView }> {
  if (mode === 'bare') {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(204);
        res.end();
      });
    });
    return { server };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLocalServer } = require(path.join(REPO_ROOT, 'src/server/app'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { normalizeConfig } = require(path.join(REPO_ROOT, 'src/server/config'));
  const config = normalizeConfig(
    {
      containerId: 'GTM-BENCH',
      tags: [{ name: 'TikTok Events API', template: 'templates/tiktok-events-api.tpl', trigger: { events: ['*'] }, fields: { pixelId: PIXEL, accessToken: 'bench-token', logType: 'never' } }],
    },
    { baseDir: REPO_ROOT, env: {} },
  );
  const noOpEngine = {
    load: async () => 'no-op',
    run: async () => ({ outcome: 'success', record: { cookiesSet: [], logs: [], requests: [], response: { headers: {} } }, successCalls: 1, failureCalls: 0 }),
  };
  const local = createLocalServer({ config, env: {}, live: false, warn: () => undefined, debugCapacity: 50, mockOptions: { maxLogEntries: 100_000 }, engine: mode === 'no-op' ? noOpEngine : undefined });
  await local.ready;
  return { server: local.server, mock: local.mock };
}

/** Profiles the measured phase only (start-up, TypeScript compilation and warm-up left out). */
class PhaseProfiler {
  private session?: inspector.Session;
  private count = 0;

  constructor(private readonly dir: string | undefined, private readonly mode: string) {}

  start(): void {
    if (!this.dir || this.session) return;
    this.session = new inspector.Session();
    this.session.connect();
    this.session.post('Profiler.enable');
    this.session.post('Profiler.start');
  }

  stop(): Promise<void> {
    const session = this.session;
    if (!session) return Promise.resolve();
    this.session = undefined;
    return new Promise((resolve) => {
      session.post('Profiler.stop', (error, result) => {
        if (!error) {
          fs.mkdirSync(this.dir!, { recursive: true });
          fs.writeFileSync(path.join(this.dir!, `${this.mode}-${process.pid}-${++this.count}.cpuprofile`), JSON.stringify(result.profile));
        }
        session.disconnect();
        resolve();
      });
    });
  }
}

/** The emulator's realm counters, when this version of it has them. */
function realmStats(): { created: number; pooled: number } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(REPO_ROOT, 'src/sandbox/runtime')).realmStats?.();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'tagging';
  const { server, mock } = await start(mode);
  const profiler = new PhaseProfiler(process.env.BENCH_CPU_PROF, mode);
  let baseline = process.cpuUsage();
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'reset') {
      mock?.reset();
      process.send!({ type: 'reset', realms: realmStats() });
      baseline = process.cpuUsage();
      profiler.start();
    } else if (message.type === 'stats') {
      const cpu = process.cpuUsage(baseline);
      await profiler.stop();
      const refused = mock ? mock.log.filter((entry) => !entry.accepted) : [];
      const realms = realmStats();
      process.send!({
        type: 'stats',
        cpuMs: (cpu.user + cpu.system) / 1000,
        requestsToMock: mock?.log.length ?? 0,
        acceptedByMock: mock?.accepted().length ?? 0,
        refusedByMock: refused.length,
        firstRefusal: refused.length > 0 ? JSON.stringify(refused[0].answer) : undefined,
        realms,
      });
    } else if (message.type === 'exit') {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
  server.listen(0, '127.0.0.1', () => process.send!({ type: 'ready', port: (server.address() as { port: number }).port }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
