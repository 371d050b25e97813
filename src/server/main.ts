// `npm start`: the local tagging server on PORT (default 8080).
//   --config <file>   container config (default: CONTAINER_CONFIG, else container.yaml)
//   --live            send TikTok requests to the real Events API (also TIKTOK_LIVE=1)
//   --port <n>        port (also PORT)
//   --host <h>        interface to listen on (also HOST; default 127.0.0.1, so the debug page and
//                     the mock's control endpoints are not reachable from the network). A host
//                     name given here is also accepted as a Host of this server (allowedHosts).

import * as net from 'net';
import { createLocalServer, resolveConfigPath } from './app';
import { ConfigError } from './config';
import { MOCK_CONTROL_PREFIX, TRACK_PATH } from './mock-tiktok';

interface CliOptions {
  configPath?: string;
  live?: boolean;
  port?: number;
  host?: string;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--config' || flag === '-c') options.configPath = value();
    else if (flag === '--live') options.live = true;
    else if (flag === '--port' || flag === '-p') options.port = Number(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm start -- [--config container.yaml] [--port 8080] [--host 127.0.0.1|0.0.0.0] [--live]');
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

async function main() {
  const cli = parseArgs(process.argv.slice(2));
  const port = cli.port ?? Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  const configPath = resolveConfigPath({ configPath: cli.configPath });
  const host = cli.host ?? process.env.HOST ?? '127.0.0.1';
  // Listening on a name (not an address) means requests will say that name in Host.
  const hostName = net.isIP(host) === 0 && host !== 'localhost' ? host : undefined;
  const env = hostName ? { ...process.env, ALLOWED_HOSTS: [process.env.ALLOWED_HOSTS, hostName].filter(Boolean).join(',') } : process.env;
  const local = createLocalServer({ configPath, live: cli.live, env });
  await local.ready;
  // A failing request must never stop the server; log and keep serving.
  process.on('unhandledRejection', (reason) => console.error('[local-server] unhandled rejection:', reason));
  local.server.listen(port, host, () => {
    const address = local.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const base = `http://localhost:${actualPort}`;
    console.log(`Local tagging server listening on ${base}  (config: ${configPath})`);
    console.log(`Tags: ${local.config.tags.map((tag) => `${tag.name} [${tag.events.join(', ')}]`).join('; ') || 'none'}`);
    for (const message of local.loadErrors.values()) console.log(`  NOT LOADED: ${message}`);
    if (local.live) console.log('TikTok requests go to the REAL Events API (live mode).');
    else {
      console.log(`TikTok requests go to the embedded mock: ${base}${TRACK_PATH}`);
      console.log(`  accepted requests: ${base}${MOCK_CONTROL_PREFIX}/events   inject failures: POST ${base}${MOCK_CONTROL_PREFIX}/fail (JSON)`);
    }
    console.log(`Debug page: ${base}/_debug    Demo page: ${base}/demo.html?ttclid=E.C.P.demo`);
    console.log('Try:');
    console.log(
      `  curl -i '${base}/g/collect?v=2&tid=G-LOCAL&cid=123.456&en=purchase&dl=https%3A%2F%2Fshop.example%2Fthanks%3Fttclid%3DE.C.P.demo` +
        `&cu=EUR&epn.value=59.9&ep.transaction_id=T-1&ep.event_id=T-1&pr1=idSKU-1~nmTee~pr29.95~qt2&gcs=G111&ep.user_data.email=jane%40example.com'`,
    );
  });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof ConfigError ? `config error: ${error.message}` : error);
    process.exit(1);
  });
}
