// The emulator's boundary, attacked the way vm2 was: each technique of ./hostile.ts runs as
// template code (runTemplate) and as test code (runTests) in this very process, with the
// sandbox's own defences only (no child process). Each must end as a failed run that reached
// nothing of the host: no environment variable read, no file written, the host's
// Object.prototype untouched, no host data (paths of this machine, stack frames) in what the run
// reports, and the hostile code demonstrably ran (it reports how many values it probed).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTemplate, runTemplate, runTests } from '../../src/sandbox';
import type { RunResult } from '../../src/sandbox';
import { CANARY_VARIABLE, TECHNIQUES, hostileTpl } from './hostile';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const canary = `canary-${process.pid}-${Date.now()}`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gtm-escape-'));
const canaryFile = path.join(workDir, 'escaped.txt');

/** Outgoing HTTP fails in the host (with a host Error whose message names a host path). */
const failingTransport = () => {
  throw new Error(`connection refused by ${REPO_ROOT}`);
};

function expectHostUntouched(report: string): void {
  expect(fs.existsSync(canaryFile)).toBe(false);
  expect(({} as Record<string, unknown>).gtmSandboxPolluted).toBeUndefined();
  expect(report).not.toContain(canary);
  expect(report).not.toContain(REPO_ROOT);
  expect(report).not.toContain('node:internal');
  expect(report).not.toMatch(/ESCAPED/);
}

beforeAll(() => {
  process.env[CANARY_VARIABLE] = canary;
});

afterAll(() => {
  delete process.env[CANARY_VARIABLE];
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe.each(TECHNIQUES.map((t) => [t.id, t] as const))('%s', (_id, technique) => {
  const template = loadTemplate(hostileTpl(technique, canaryFile), { fileName: `hostile-${technique.id}.tpl` });

  test(`template code: ${technique.title}`, async () => {
    const result: RunResult = await runTemplate(template, {}, { http: failingTransport }, { timeoutMs: 10_000 });
    const logs = result.record.logs.map((line) => line.text);
    expectHostUntouched(JSON.stringify({ ...result, record: { ...result.record, apiCalls: [] } }));
    expect(result.outcome).toBe('failure');
    const probed = logs.map((line) => /^probed (\d+)$/.exec(line)).find(Boolean);
    expect(probed).toBeTruthy();
    expect(Number(probed![1])).toBeGreaterThan(0);
  }, 30_000);

  test(`test code: ${technique.title}`, async () => {
    const [result] = await runTests(template, { env: () => ({ http: failingTransport }), timeoutMs: 10_000 });
    expectHostUntouched(JSON.stringify(result));
    expect(result.passed).toBe(false);
    const probed = /fail\(\): no escape after (\d+) probes/.exec(result.message ?? '');
    expect(probed).toBeTruthy();
    expect(Number(probed![1])).toBeGreaterThan(0);
  }, 30_000);
});
