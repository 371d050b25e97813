// The gtm-tpl package as a user gets it: `npm pack` of packages/gtm-tpl (which builds it), the
// tarball installed into a temporary folder outside this repository, then `npx gtm-tpl --help`,
// `lint`, `test`, `run` and `run --events` on fixture templates, the jest helper, and the type
// declarations compiled against by a TypeScript consumer.
//
// Offline: the temporary folder gets a lockfile naming the package's dependencies at the versions
// of this repository's lockfile, and `npm ci --offline` takes them from the npm cache that the
// repository's own `npm ci` filled. (`npm install <tarball> --offline` would not do: it needs the
// registry's metadata documents to resolve version ranges, and `npm ci` never fetches those.)
// Only the package's declared `dependencies` are installed, so a missing one fails the commands.
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_DIR = path.join(REPO_ROOT, 'packages', 'gtm-tpl');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'sandbox');
const LINT_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lint');

/** Building (TypeScript), packing and installing; generous because CI machines are shared. */
const SETUP_TIMEOUT_MS = 300_000;
/** One command: npx start, a worker start, a few runs. */
const COMMAND_TIMEOUT_MS = 120_000;

interface LockEntry {
  version: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
}

let workDir: string;
let appDir: string;
let tarball: string;
let packedFiles: string[] = [];

/** The environment of the commands: npm's own variables of a surrounding `npm test` removed, no NODE_PATH. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_PATH' || key === 'NODE_OPTIONS') continue;
    if (/^npm_/i.test(key) && !/^npm_config_(cache|userconfig|registry)$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function must(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The lockfile entries of the package's dependencies, with theirs, from this repository's lockfile. */
function dependencyClosure(dependencies: Record<string, string>): Record<string, LockEntry> {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries: Record<string, LockEntry> = {};
  const pending = Object.keys(dependencies);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const key = `node_modules/${name}`;
    if (entries[key]) continue;
    const entry = lock.packages[key];
    if (!entry) throw new Error(`${name} is not installed at the top level of this repository's lockfile: add it to the root devDependencies or extend this test`);
    entries[key] = { version: entry.version, integrity: entry.integrity, license: entry.license, dependencies: entry.dependencies, bin: entry.bin, engines: entry.engines };
    pending.push(...Object.keys(entry.dependencies ?? {}));
  }
  return entries;
}

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gtm-tpl-pack-'));
  // The temporary folder must not see this repository's node_modules through Node's lookup.
  if (!path.relative(REPO_ROOT, workDir).startsWith('..')) throw new Error(`temporary folder ${workDir} is inside the repository`);

  const packed = must(run('npm', ['pack', '--json', '--workspace', 'packages/gtm-tpl', '--pack-destination', workDir], REPO_ROOT), 'npm pack');
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(workDir, report[0].filename);
  packedFiles = report[0].files.map((file) => file.path);

  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as LockEntry & { name: string };
  appDir = path.join(workDir, 'app');
  fs.mkdirSync(path.join(appDir, 'fixtures'), { recursive: true });
  const spec = `file:../${path.basename(tarball)}`;
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'gtm-tpl-user', private: true, dependencies: { [manifest.name]: spec } }, null, 2));
  const lockfile = {
    name: 'gtm-tpl-user',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'gtm-tpl-user', dependencies: { [manifest.name]: spec } },
      [`node_modules/${manifest.name}`]: {
        version: manifest.version,
        resolved: spec,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...dependencyClosure(manifest.dependencies ?? {}),
    },
  };
  fs.writeFileSync(path.join(appDir, 'package-lock.json'), JSON.stringify(lockfile, null, 2));
  must(run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], appDir), 'npm ci --offline (the npm cache must hold the dependencies: run npm ci in the repository first)');

  for (const name of ['server-tag.tpl', 'variable.tpl', 'mixed-results.tpl', 'data.json', 'event.json']) {
    fs.copyFileSync(path.join(FIXTURES, name), path.join(appDir, 'fixtures', name));
  }
  for (const name of ['good-server-tag.tpl', 'bad-permissions-server.tpl']) {
    fs.copyFileSync(path.join(LINT_FIXTURES, name), path.join(appDir, 'fixtures', name));
  }
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const npx = (...args: string[]) => run('npx', ['--offline', 'gtm-tpl', ...args], appDir);

test('the tarball holds compiled JavaScript, type declarations and the licence, and no TypeScript source', () => {
  expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/gtm-tpl.js', 'dist/cli/gtm-tpl.js', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/api/jest.js', 'dist/api/jest.d.ts', 'dist/sandbox/isolation-worker.js', 'dist/sandbox/apis/index.js']));
  const unexpected = packedFiles.filter((file) => !/^(package\.json|README\.md|LICENSE|bin\/gtm-tpl\.js|dist\/.+\.(js|d\.ts))$/.test(file));
  expect(unexpected).toEqual([]);
});

test('installed dependencies come from the temporary folder, not from this repository', () => {
  const resolved = must(run(process.execPath, ['-e', "const p = require.resolve('gtm-tpl'); console.log(JSON.stringify([p, require.resolve('acorn', { paths: [p] }), require.resolve('js-yaml', { paths: [p] })]))"], appDir), 'resolve');
  for (const file of JSON.parse(resolved.stdout) as string[]) {
    expect(fs.realpathSync(file).startsWith(fs.realpathSync(appDir))).toBe(true);
  }
  expect(fs.existsSync(path.join(appDir, 'node_modules', 'ts-node'))).toBe(false);
  expect(fs.existsSync(path.join(appDir, 'node_modules', 'typescript'))).toBe(false);
}, COMMAND_TIMEOUT_MS);

test("the compiled package's worker may read only the package and its runtime dependencies", () => {
  const isolation = path.join(appDir, 'node_modules', 'gtm-tpl', 'dist', 'sandbox', 'isolation.js');
  const printed = must(run(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(isolation)}).isolationFlags()))`], appDir), 'isolation flags');
  const flags = JSON.parse(printed.stdout) as string[];
  const modules = fs.realpathSync(path.join(appDir, 'node_modules'));
  const reads = flags.filter((flag) => flag.startsWith('--allow-fs-read=')).map((flag) => flag.slice('--allow-fs-read='.length)).sort();
  expect(reads).toEqual(['acorn', 'acorn-walk', 'gtm-tpl', 'js-yaml'].map((name) => path.join(modules, name, '*')).sort());
  expect(flags.some((flag) => /^--(experimental-)?permission$/.test(flag))).toBe(true);
  expect(flags.filter((flag) => /^--allow-(fs-write|child-process|worker|addons|wasi)/.test(flag))).toEqual([]);
}, COMMAND_TIMEOUT_MS);

test('npx gtm-tpl --help', () => {
  const result = npx('--help');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^usage:\n {2}gtm-tpl lint/);
  expect(result.stdout).toContain('--events events.jsonl');
}, COMMAND_TIMEOUT_MS);

test('npx gtm-tpl lint', () => {
  const clean = npx('lint', 'fixtures/good-server-tag.tpl');
  expect(clean.stdout.trim()).toBe('0 error(s), 0 warning(s) in 1 file(s)');
  expect(clean.status).toBe(0);
  const refused = npx('lint', 'fixtures/bad-permissions-server.tpl');
  expect(refused.stdout).toMatch(/^fixtures\/bad-permissions-server\.tpl:\d+:\d+ error permissions\/not-allowed /m);
  expect(refused.stdout.trim().split('\n').pop()).toMatch(/^[1-9]\d* error\(s\), \d+ warning\(s\) in 1 file\(s\)$/);
  expect(refused.status).toBe(1);
}, COMMAND_TIMEOUT_MS);

test('npx gtm-tpl test: scenarios run in the isolated worker of the compiled package', () => {
  const result = npx('test', 'fixtures/server-tag.tpl', 'fixtures/mixed-results.tpl');
  expect(result.stdout.trim().split('\n')).toEqual([
    'PASS fixtures/server-tag.tpl › sends the event and succeeds',
    'PASS fixtures/server-tag.tpl › uses the configured event name',
    'PASS fixtures/mixed-results.tpl › passes',
    expect.stringMatching(/^FAIL fixtures\/mixed-results\.tpl › fails on purpose — assertApi\('gtmOnFailure'\)\.wasCalled\(\)/),
    '3 passed, 1 failed',
  ]);
  expect(result.status).toBe(1);
}, COMMAND_TIMEOUT_MS);

test('npx gtm-tpl run, once and once per line of an events file', () => {
  const single = npx('run', 'fixtures/server-tag.tpl', '--data', 'fixtures/data.json', '--event', 'fixtures/event.json', '--cookie', 'ttclid=E.C.P.abc', '--respond', '200:{"code":0}');
  expect(single.status).toBe(0);
  const output = JSON.parse(single.stdout);
  expect(output.outcome).toBe('success');
  expect(JSON.parse(output.requests[0].body)).toEqual({ event: 'CompletePayment', ttclid: 'E.C.P.abc' });

  const lines = [{ event_name: 'purchase' }, { event: { event_name: 'lead' }, cookies: { ttclid: 'E.C.P.line2' } }, 'not json'];
  fs.writeFileSync(path.join(appDir, 'events.jsonl'), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
  const batch = npx('run', 'fixtures/server-tag.tpl', '--data', 'fixtures/data.json', '--events', 'events.jsonl', '--summary');
  const results = batch.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(results.map((r) => [r.line, r.outcome])).toEqual([[1, 'success'], [2, 'success'], [3, 'invalid-input'], [undefined, undefined]]);
  expect(JSON.parse(results[1].requests[0].body)).toEqual({ event: 'CompletePayment', ttclid: 'E.C.P.line2' });
  expect(results[3].summary).toMatchObject({ events: 3, succeeded: 2, failed: 1, requests: 2, byOutcome: { success: 2, 'invalid-input': 1 } });
  expect(batch.status).toBe(1);
}, COMMAND_TIMEOUT_MS);

test('the jest helper registers each scenario and runs it from the compiled package', () => {
  // jest's globals stood in for by a few lines: the helper only calls describe, test and afterAll.
  const script = [
    "const registered = []; const after = [];",
    "global.describe = (name, body) => body();",
    "global.test = (name, body) => registered.push({ name, body });",
    "global.test.todo = () => {};",
    "global.afterAll = (fn) => after.push(fn);",
    "const { registerTemplateTests } = require('gtm-tpl/jest');",
    "registerTemplateTests('fixtures/mixed-results.tpl');",
    "(async () => {",
    "  for (const t of registered) {",
    "    try { await t.body(); console.log('passed ' + t.name); } catch (error) { console.log('failed ' + t.name); }",
    "  }",
    "  for (const fn of after) await fn();",
    "})();",
  ].join('\n');
  const result = must(run(process.execPath, ['-e', script], appDir), 'jest helper');
  expect(result.stdout.trim().split('\n')).toEqual(['passed passes', 'failed fails on purpose']);
}, COMMAND_TIMEOUT_MS);

test('the type declarations serve a TypeScript user of the API and of the jest helper', () => {
  fs.writeFileSync(
    path.join(appDir, 'check.ts'),
    [
      "import { IsolatedRunner, lintFiles, loadTemplate, runTemplate, runTests, type LintSummary, type RunResult, type ScenarioResult } from 'gtm-tpl';",
      "import { registerTemplateTests } from 'gtm-tpl/jest';",
      "const template = loadTemplate('fixtures/server-tag.tpl');",
      "const run: Promise<RunResult> = runTemplate(template, { eventName: 'X' }, { eventData: {} });",
      'const scenarios: Promise<ScenarioResult[]> = runTests(template);',
      "const lint: LintSummary = lintFiles(['fixtures/server-tag.tpl'], { strict: true });",
      'const runner = new IsolatedRunner({ heapMb: 128 });',
      "export const uses = [run, scenarios, lint.errorCount, runner.load('fixtures/variable.tpl').template.scenarios.length, registerTemplateTests];",
      '// @ts-expect-error: lintFiles takes a list of paths',
      "lintFiles('fixtures/server-tag.tpl');",
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(appDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'ES2020',
        // @types/node is the one thing a TypeScript user of a Node tool brings; taken from this repository.
        typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
        types: ['node'],
      },
      files: ['check.ts'],
    }),
  );
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_ROOT] });
  const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], appDir);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, COMMAND_TIMEOUT_MS);
