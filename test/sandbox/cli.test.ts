import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join('test/fixtures/sandbox', name);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/gtm-tpl.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

jest.setTimeout(60_000);

describe('gtm-tpl test', () => {
  test('one line per scenario, closing count line, exit 1 when a scenario fails', () => {
    const { code, stdout } = cli('test', fixture('server-tag.tpl'), fixture('mixed-results.tpl'));
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      `PASS ${fixture('server-tag.tpl')} › sends the event and succeeds`,
      `PASS ${fixture('server-tag.tpl')} › uses the configured event name`,
      `PASS ${fixture('mixed-results.tpl')} › passes`,
      expect.stringMatching(
        new RegExp(`^FAIL ${fixture('mixed-results.tpl').replace(/[.]/g, '\\.')} › fails on purpose — assertApi\\('gtmOnFailure'\\)\\.wasCalled\\(\\)`),
      ),
      '3 passed, 1 failed',
    ]);
    expect(code).toBe(1);
  });

  test('exit 0 when every scenario passes', () => {
    const { code, stdout } = cli('test', fixture('variable.tpl'));
    expect(stdout.trim().split('\n')).toEqual([`PASS ${fixture('variable.tpl')} › formats`, '1 passed, 0 failed']);
    expect(code).toBe(0);
  });

  test('a template GTM would refuse counts as a failure with the file, section and line', () => {
    const { code, stdout } = cli('test', fixture('bad-language.tpl'));
    expect(stdout).toMatch(/^FAIL test\/fixtures\/sandbox\/bad-language\.tpl — cannot load: .*bad-language\.tpl:\d+ \[SANDBOXED_JS_FOR_SERVER\]/);
    expect(stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
    expect(code).toBe(1);
  });
});

describe('gtm-tpl run', () => {
  test('prints one JSON object with outcome, requests, cookies and logs', () => {
    const { code, stdout } = cli(
      'run',
      fixture('server-tag.tpl'),
      '--data',
      fixture('data.json'),
      '--event',
      fixture('event.json'),
      '--cookie',
      'ttclid=E.C.P.abc',
      '--respond',
      '200:{"code":0}',
    );
    const output = JSON.parse(stdout);
    expect(output.outcome).toBe('success');
    expect(output.requests).toHaveLength(1);
    expect(output.requests[0]).toMatchObject({
      url: 'https://api.example.test/v1/event',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: 'CompletePayment', ttclid: 'E.C.P.abc' }),
    });
    expect(output.cookiesSet[0]).toMatchObject({ name: '_fx', value: 'seen' });
    expect(output.logs).toEqual(['sending CompletePayment']);
    expect(code).toBe(0);
  });

  test('a non-2xx response makes the tag fail (exit 1); a variable prints its value', () => {
    const failed = cli('run', fixture('server-tag.tpl'), '--respond', '500:oops');
    expect(JSON.parse(failed.stdout).outcome).toBe('failure');
    expect(failed.code).toBe(1);
    const variable = cli('run', fixture('variable.tpl'), '--event', fixture('event.json'), '--data', fixture('data.json'));
    expect(JSON.parse(variable.stdout)).toMatchObject({ outcome: 'success', returnValue: '10 undefined' });
  });

  test('a refused template runs to outcome rejected', () => {
    const { code, stdout } = cli('run', fixture('bad-language.tpl'));
    const output = JSON.parse(stdout);
    expect(output.outcome).toBe('rejected');
    expect(output.message).toMatch(/bad-language\.tpl:\d+ \[SANDBOXED_JS_FOR_SERVER\]/);
    expect(code).toBe(1);
  });

  test('errors are clear messages without stack traces', () => {
    const missing = cli('run', fixture('no-such.tpl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^gtm-tpl: .*no-such\.tpl/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const usage = cli('run', fixture('server-tag.tpl'), '--respond', 'fine');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--respond expects status:body/);
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('gtm-tpl lint', () => {
  test('one line per diagnostic and exit 1 on errors', () => {
    const { code, stdout } = cli('lint', fixture('bad-language.tpl'));
    expect(stdout).toMatch(/bad-language\.tpl:\d+(:\d+)? error language\//);
    expect(code).toBe(1);
  });
});
