// The `npm start` entry point as a real process: it must print the URL, the mock's location and a
// sample curl, and then serve hits. (The build step of `npm start` is not part of this test.)

import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { REPO_ROOT } from '../../src/server/app';

let child: ChildProcess | undefined;

afterEach(async () => {
  const running = child;
  child = undefined;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
}, 30000);

function startMain(args: string[], env: NodeJS.ProcessEnv): Promise<{ output: () => string; base: string }> {
  let output = '';
  child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(REPO_ROOT, 'src/server/main.ts'), ...args], {
    cwd: REPO_ROOT,
    // rootDir: ts-node under TypeScript 6 needs it for files below src/ (see docs/local-server.md).
    env: { ...process.env, TS_NODE_COMPILER_OPTIONS: '{"rootDir":"."}', TIKTOK_LIVE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        resolve({ output: () => output, base: match[1].replace('localhost', '127.0.0.1') });
      }
    }, 50);
    child!.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`main.ts exited with ${code}:\n${output}`));
    });
  });
}

/** Resolves once `condition` holds, or after `limitMs` (the assertions that follow then say what is missing). */
function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (condition() || Date.now() - started > limitMs) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

test('prints URL, mock location and a sample curl, then serves GA4 hits', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'main-'));
  const config = path.join(dir, 'container.yaml');
  fs.writeFileSync(
    config,
    [
      'tags:',
      '  - name: Fixture',
      `    template: ${path.join(REPO_ROOT, 'test/fixtures/server/tiktok-test-tag.tpl')}`,
      '    trigger: [purchase]',
      '    fields:',
      '      pixelId: C9Q2MJ3C77U4P674RPG0',
      '      accessToken: ${TIKTOK_ACCESS_TOKEN:-mock-token}',
    ].join('\n'),
  );
  const { output, base } = await startMain(['--port', '0', '--host', '127.0.0.1'], { CONTAINER_CONFIG: config });
  // The banner reaches the pipe in several chunks (a busy machine splits it): wait for its last line.
  await until(() => /curl -i /.test(output()));
  expect(output()).toContain(`config: ${config}`);
  expect(output()).toMatch(/embedded mock: http:\/\/localhost:\d+\/open_api\/v1\.3\/event\/track\//);
  expect(output()).toMatch(/curl -i 'http:\/\/localhost:\d+\/g\/collect\?v=2/);

  const hit = await request(base).get(`/g/collect?v=2&en=purchase&gcs=G111&dl=${encodeURIComponent('https://shop.example/?ttclid=E.C.P.main')}`);
  expect(hit.status).toBe(204);
  expect(String(hit.headers['set-cookie'])).toMatch(/^ttclid=E\.C\.P\.main;/);
  const accepted = await request(base).get('/_mock/tiktok/events').expect(200);
  expect(accepted.body.count).toBe(1);
}, 60000);

test('an unreadable config stops the process with a clear message', async () => {
  await expect(startMain(['--port', '0', '--config', '/nonexistent/container.yaml'], {})).rejects.toThrow(/config error: cannot read container config/);
}, 60000);
