// Group 2 of `npm run bench` on its own (the local tagging server beside a bare 204 server):
//   npx ts-node --transpile-only bench/server.ts [--hits 4000] [--rounds 3] [--concurrency 16]
//   BENCH_CPU_PROF=<dir> npx ts-node --transpile-only bench/server.ts   (profiles of the measured hits)
import { benchServerBreakdown, benchServerWithCeiling } from './bench';
import { printServerRounds } from './local-server';

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const value = at === -1 ? fallback : Number(argv[at + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} expects a positive integer`);
    return value;
  };
  const hits = option('hits', 4000);
  const concurrency = option('concurrency', 16);
  const rounds = option('rounds', 3);
  console.log(`Local tagging server: ${hits} GA4 /g/collect hits over loopback, concurrency ${concurrency}, Events API tag + embedded mock TikTok API (node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z)`);
  const serverRounds = await benchServerWithCeiling({ hits, concurrency, rounds });
  printServerRounds(serverRounds, await benchServerBreakdown({ hits, concurrency }));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
