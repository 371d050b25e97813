// Defence in depth and time limits: templates that are not ours run in an isolated worker process
// (src/sandbox/isolation.ts). Checked here: what the worker's process is denied, the issue's
// repro through `gtm-tpl run` and `gtm-tpl test`, hangs that end within a short limit (regex,
// sparse arrays, callbacks, promise reactions) with the runner going on, the heap bomb and the
// 200,000-deep array ending as failed runs, and the local server's hook for foreign templates.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTemplate, runTemplate, runTests } from '../../src/sandbox';
import { IsolatedRunner, isolationFlags, sharedIsolatedRunner } from '../../src/sandbox/isolation';
import { isOurTemplate, sandboxEngine } from '../../src/server/engine';
import { scenarios, tplText } from '../sandbox/helpers';
import { CANARY_VARIABLE, TECHNIQUES, hostileTpl } from './hostile';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gtm-isolation-'));
const canary = `canary-${process.pid}-${Date.now()}`;
const canaryFile = path.join(workDir, 'escaped.txt');

afterAll(async () => {
  // The local server's engine uses the process-wide runner.
  await sharedIsolatedRunner().close();
  fs.rmSync(workDir, { recursive: true, force: true });
}, 30000);

function writeTpl(name: string, text: string): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, text);
  return file;
}

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/gtm-tpl.js'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, [CANARY_VARIABLE]: canary },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CATASTROPHIC_REGEX = "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match('^(a+)+$')";
const SPARSE_SEARCH = 'var a = []; a.length = 4294967295; a.indexOf(1);';

describe('the worker process', () => {
  test('has an empty environment and may not write files, read files, start processes or workers, or compile strings', () => {
    const outside = path.join(workDir, 'outside.txt');
    fs.writeFileSync(outside, 'host file');
    const probe = `
      const fs = require('fs');
      const out = {};
      const attempt = (name, fn) => { try { fn(); out[name] = 'allowed'; } catch (e) { out[name] = e.code || e.name; } };
      attempt('write', () => fs.writeFileSync(${JSON.stringify(path.join(workDir, 'written.txt'))}, 'x'));
      attempt('read', () => fs.readFileSync(${JSON.stringify(outside)}, 'utf8'));
      attempt('childProcess', () => require('child_process').execFileSync(process.execPath, ['-e', '1']));
      attempt('worker', () => new (require('worker_threads').Worker)('1', { eval: true }));
      attempt('compileString', () => Function('return 1')());
      out.env = Object.keys(process.env);
      process.stdout.write(JSON.stringify(out));`;
    const result = spawnSync(process.execPath, [...isolationFlags(), '-e', probe], { env: {}, encoding: 'utf8' });
    const out = JSON.parse(result.stdout);
    expect(out).toEqual({
      write: 'ERR_ACCESS_DENIED',
      read: 'ERR_ACCESS_DENIED',
      childProcess: 'ERR_ACCESS_DENIED',
      worker: 'ERR_ACCESS_DENIED',
      compileString: 'EvalError',
      env: [],
    });
    expect(fs.existsSync(path.join(workDir, 'written.txt'))).toBe(false);
  }, 30_000);
});

describe("the issue's repro through the CLI", () => {
  const repro = TECHNIQUES.find((t) => t.id === 'issue-repro')!;
  const file = writeTpl('repro.tpl', hostileTpl(repro, canaryFile));

  function expectNoHostData(output: string): void {
    expect(output).not.toContain(canary);
    expect(output).not.toContain(REPO_ROOT);
    expect(output).not.toMatch(/ESCAPED|node:internal/);
    expect(fs.existsSync(canaryFile)).toBe(false);
  }

  test('gtm-tpl run prints a failed run and no host data', () => {
    const { code, stdout, stderr } = cli('run', file);
    const output = JSON.parse(stdout);
    expect(output.outcome).toBe('failure');
    expect(output.logs).toEqual([expect.stringMatching(/^probed [1-9]\d*$/)]);
    expectNoHostData(stdout + stderr);
    expect(code).toBe(1);
  }, 60_000);

  test('gtm-tpl test prints a failed scenario and no host data', () => {
    const { code, stdout, stderr } = cli('test', file);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^FAIL ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} › issue-repro — fail\\(\\): no escape after [1-9]\\d* probes`)),
      '0 passed, 1 failed',
    ]);
    expectNoHostData(stdout + stderr);
    expect(code).toBe(1);
  }, 60_000);
});

describe('time limits hold (short limits)', () => {
  const hangs = writeTpl(
    'hangs.tpl',
    tplText({
      type: 'TAG',
      code: 'data.gtmOnSuccess();',
      tests: scenarios([
        { name: 'regex', code: `${CATASTROPHIC_REGEX};` },
        { name: 'sparse array', code: SPARSE_SEARCH },
        { name: 'regex in a callLater callback', code: `require('callLater')(function () { ${CATASTROPHIC_REGEX}; });` },
        { name: 'sparse array in a callLater callback', code: `require('callLater')(function () { ${SPARSE_SEARCH} });` },
        { name: 'regex in a promise reaction', code: `require('Promise').create(function (r) { r(1); }).then(function () { ${CATASTROPHIC_REGEX}; });` },
        { name: 'regex after await', code: `(async function () { await null; ${CATASTROPHIC_REGEX}; })();` },
        { name: 'message getter that throws', code: "throw { get message() { throw 'boom'; } };" },
        { name: 'runs after them', code: 'assertThat(1).isEqualTo(1);' },
      ]),
    }),
  );
  const next = writeTpl('next.tpl', tplText({ type: 'MACRO', code: 'return 2;', tests: scenarios([{ name: 'next file runs', code: 'assertThat(runCode({})).isEqualTo(2);' }]) }));

  test('gtm-tpl test --timeout: each hang ends as a timeout, a throwing getter as an exception, and the runner goes on', () => {
    const { code, stdout } = cli('test', '--timeout', '800', hangs, next);
    const lines = stdout.trim().split('\n').map((line) => line.replace(`${hangs} › `, '').replace(`${next} › `, ''));
    expect(lines).toEqual([
      expect.stringMatching(/^FAIL regex — timeout: /),
      expect.stringMatching(/^FAIL sparse array — timeout: .*isolated worker was stopped/),
      expect.stringMatching(/^FAIL regex in a callLater callback — timeout: /),
      expect.stringMatching(/^FAIL sparse array in a callLater callback — timeout: /),
      expect.stringMatching(/^FAIL regex in a promise reaction — timeout: /),
      expect.stringMatching(/^FAIL regex after await — timeout: /),
      'FAIL message getter that throws — exception: uncaught value thrown: {}',
      'PASS runs after them',
      'PASS next file runs',
      '2 passed, 7 failed',
    ]);
    expect(code).toBe(1);
  }, 120_000);

  test('gtm-tpl run --timeout: a catastrophic regex and a sparse-array search end as timeouts', () => {
    for (const code of [`${CATASTROPHIC_REGEX}; data.gtmOnSuccess();`, `${SPARSE_SEARCH} data.gtmOnSuccess();`]) {
      const file = writeTpl('hang-run.tpl', tplText({ type: 'TAG', code }));
      const result = cli('run', '--timeout', '500', file);
      expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'timeout', message: expect.stringMatching(/time limit of \d+ ms/) });
      expect(result.code).toBe(1);
    }
  }, 120_000);

  test('in this process too (the watchdog), a regex in sync code, a callback or a promise reaction ends as a timeout', async () => {
    const cases = [
      `${CATASTROPHIC_REGEX}; data.gtmOnSuccess();`,
      `require('callLater')(function () { ${CATASTROPHIC_REGEX}; data.gtmOnSuccess(); });`,
      `require('Promise').create(function (r) { r(1); }).then(function () { ${CATASTROPHIC_REGEX}; data.gtmOnSuccess(); });`,
    ];
    for (const code of cases) {
      const template = loadTemplate(tplText({ type: 'TAG', code }), { fileName: 'hang.tpl' });
      const result = await runTemplate(template, {}, {}, { timeoutMs: 300, vmTimeout: true });
      expect(result).toMatchObject({ outcome: 'timeout', successCalls: 0 });
    }
  }, 60_000);

  test('in this process, a throw of an object whose message getter throws does not stop the runner', async () => {
    const template = loadTemplate(
      tplText({ type: 'MACRO', code: 'return 1;', tests: scenarios([{ name: 'getter', code: "throw { get message() { throw 'boom'; } };" }, { name: 'after', code: 'assertThat(runCode({})).isEqualTo(1);' }]) }),
      { fileName: 'getter.tpl' },
    );
    const results = await runTests(template);
    expect(results.map((r) => [r.name, r.passed, r.message])).toEqual([
      ['getter', false, 'exception: uncaught value thrown: {}'],
      ['after', true, undefined],
    ]);
  });
});

describe('memory and depth', () => {
  test('a heap bomb ends as a failed run, not a process abort', () => {
    const file = writeTpl('bomb.tpl', tplText({ type: 'TAG', code: 'let a = []; for (let i = 0; i < 100000000; i++) { a.push([i, i, i, i, i, i, i, i]); } data.gtmOnSuccess();' }));
    const { code, stdout } = cli('run', '--timeout', '30000', file);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'exception', message: expect.stringMatching(/more memory than its isolated worker allows/) });
    expect(code).toBe(1);
  }, 90_000);

  test('a 200,000-deep returned array gives a clear error (run and in this process)', async () => {
    const text = tplText({ type: 'MACRO', code: 'let a = []; for (let i = 0; i < 200000; i++) { a = [a]; } return a;' });
    const { stdout } = cli('run', writeTpl('deep.tpl', text));
    const expected = { outcome: 'exception', message: expect.stringMatching(/^value nested more than 1000 levels deep/) };
    expect(JSON.parse(stdout)).toMatchObject(expected);
    expect(await runTemplate(loadTemplate(text, { fileName: 'deep.tpl' }), {})).toMatchObject(expected);
  }, 60_000);
});

describe('worker reuse', () => {
  test('one worker serves the scenarios of several files; a stopped worker is replaced for the next scenario', async () => {
    const runner = new IsolatedRunner({ graceMs: 500 });
    try {
      const first = runner.load(tplText({ type: 'MACRO', code: 'return 1;', tests: scenarios([{ name: 'a', code: 'assertThat(runCode({})).isEqualTo(1);' }, { name: 'b', code: 'assertThat(runCode({})).isEqualTo(1);' }]) }), { fileName: 'first.tpl' });
      const second = runner.load(tplText({ type: 'MACRO', code: 'return 2;', tests: scenarios([{ name: 'hang', code: SPARSE_SEARCH }, { name: 'c', code: 'assertThat(runCode({})).isEqualTo(2);' }]) }), { fileName: 'second.tpl' });
      expect((await runner.runTests(first)).map((r) => r.passed)).toEqual([true, true]);
      expect(runner.workersStarted).toBe(1);
      const results = await runner.runTests(second, { timeoutMs: 300 });
      expect(results.map((r) => [r.name, r.passed])).toEqual([['hang', false], ['c', true]]);
      expect(results[0].message).toMatch(/^timeout: .*isolated worker was stopped/);
      expect(runner.workersStarted).toBe(2);
    } finally {
      await runner.close();
    }
  }, 60_000);
});

describe('the local server hook', () => {
  test('our templates run in this process; any other template runs in the isolated worker, with HTTP through the server', async () => {
    expect(isOurTemplate(path.join(REPO_ROOT, 'templates/tiktok-events-api.tpl'))).toBe(true);
    expect(isOurTemplate(path.join(REPO_ROOT, 'test/fixtures/server/tiktok-test-tag.tpl'))).toBe(false);
    expect(isOurTemplate(path.join(REPO_ROOT, 'templates/../test/fixtures/x.tpl'))).toBe(false);

    const engine = sandboxEngine();
    const ours = (await engine.load(path.join(REPO_ROOT, 'templates/tiktok-events-api.tpl'))) as { script?: unknown };
    expect(ours.script).toBeDefined();

    const foreign = await engine.load(path.join(REPO_ROOT, 'test/fixtures/sandbox/server-tag.tpl'));
    expect(foreign).toMatchObject({ key: expect.any(String), template: expect.objectContaining({ name: expect.any(String) }) });
    const sent: string[] = [];
    const storage = new Map<string, unknown>();
    const result = await engine.run(
      foreign,
      { eventName: 'CompletePayment' },
      {
        context: 'SERVER',
        eventData: {},
        templateDataStorage: storage,
        http: (request) => {
          sent.push(request.url);
          return { statusCode: 200, headers: {}, body: '{"code":0}' };
        },
      },
      { timeoutMs: 5000 },
    );
    expect(result.outcome).toBe('success');
    expect(sent).toEqual(['https://api.example.test/v1/event']);
    expect(result.record.requests).toHaveLength(1);
  }, 60_000);
});
