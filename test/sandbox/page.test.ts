// Functions a template leaves in the page outlive its run: the asynchronous work they queue after
// the run is over (injectScript callbacks, callLater, sha256...) must still run, during the run
// that is active on the same page, or when the host drains the page (drainPage).
import { drainPage, loadTemplate, runTemplate } from '../../src/sandbox';
import type { LoadedTemplate, ServerEnvironment, WebEnvironment } from '../../src/sandbox';
import { serverApis, webApis } from '../../src/sandbox/apis';
import type { ApiProvider } from '../../src/sandbox/session';
import { tplText, TplSpec } from './helpers';

/** The real API implementations with every permission granted (these tests are about the runtime). */
const realApis: ApiProvider = {
  tables: { SERVER: serverApis, WEB: webApis },
  createPermissionChecker: () => ({ assert: () => undefined, query: () => true, has: () => true }),
};

let counter = 0;
function load(spec: TplSpec): LoadedTemplate {
  counter++;
  return loadTemplate(tplText(spec), { fileName: `page-fixture-${counter}.tpl` });
}

const run = (template: LoadedTemplate, env: WebEnvironment | ServerEnvironment, timeoutMs = 2000) =>
  runTemplate(template, {}, env, { timeoutMs, provider: realApis });

/** Run 1: leaves `window.stub.load(url)`, which injects the script and reports through setInWindow. */
const installStub = load({
  context: 'WEB',
  code: `
const setInWindow = require('setInWindow');
const injectScript = require('injectScript');
setInWindow('stub', {calls: 0}, true);
setInWindow('stub.load', (url) => {
  injectScript(url, () => setInWindow('stub.loaded', url, true), () => setInWindow('stub.failed', url, true));
  return 'queued';
}, true);
data.gtmOnSuccess();`,
});

/** Run 2: calls the stub, then waits (a bounded number of callLater turns) for its callback's effect. */
const callStub = load({
  context: 'WEB',
  code: `
const callInWindow = require('callInWindow');
const copyFromWindow = require('copyFromWindow');
const callLater = require('callLater');
const answer = callInWindow('stub.load', 'https://lib.test/sdk.js');
let turns = 0;
const check = () => {
  if (copyFromWindow('stub.loaded') === 'https://lib.test/sdk.js' && answer === 'queued') data.gtmOnSuccess();
  else if (copyFromWindow('stub.failed')) data.gtmOnFailure();
  else if (++turns < 50) callLater(check);
  else data.gtmOnFailure();
};
check();`,
});

function page(): WebEnvironment {
  return { window: {}, scripts: (url) => ({ outcome: url.includes('broken') ? 'fail' : 'load' }) };
}

describe('functions left in the page by a finished run', () => {
  test("a later run calling the stub sees its injectScript callback fire, recorded in the later run", async () => {
    const env = page();
    expect((await run(installStub, env)).outcome).toBe('success');
    const second = await run(callStub, env);
    expect(second.outcome).toBe('success');
    expect((env.window!.stub as Record<string, unknown>).loaded).toBe('https://lib.test/sdk.js');
    // The effects of the stub and of its callback happened during run 2: they are in its record.
    expect(second.record.scriptsInjected).toEqual([{ url: 'https://lib.test/sdk.js', outcome: 'load' }]);
    // Order: the stub's script-load callback was queued before run 2's own callLater(check).
    expect(second.record.windowAccess.map((access) => `${access.api} ${access.path}`)).toEqual([
      'callInWindow stub.load',
      'copyFromWindow stub.loaded',
      'copyFromWindow stub.failed',
      'setInWindow stub.loaded',
      'copyFromWindow stub.loaded',
    ]);
    expect(second.record.apiCalls.map((call) => call.name)).toContain('injectScript');
  });

  test('the failure callback fires too', async () => {
    const env = page();
    await run(installStub, env);
    const caller = load({
      context: 'WEB',
      code: `
const callInWindow = require('callInWindow'); const copyFromWindow = require('copyFromWindow'); const callLater = require('callLater');
callInWindow('stub.load', 'https://broken.test/sdk.js');
callLater(() => callLater(() => copyFromWindow('stub.failed') ? data.gtmOnSuccess() : data.gtmOnFailure()));`,
    });
    expect((await run(caller, env)).outcome).toBe('success');
    expect((env.window!.stub as Record<string, unknown>).failed).toBe('https://broken.test/sdk.js');
  });

  test('a host calling the stub directly, then drainPage, runs the callbacks; effects go to the drain result', async () => {
    const env = page();
    await run(installStub, env);
    const stub = env.window!.stub as { load: (url: string) => unknown; loaded?: string };
    expect(stub.load('https://lib.test/a.js')).toBe('queued');
    expect(stub.loaded).toBeUndefined(); // asynchronous, as in the browser
    const drained = await drainPage(env);
    expect(drained.finished).toBe(true);
    expect(drained.errors).toEqual([]);
    expect(stub.loaded).toBe('https://lib.test/a.js');
    expect(drained.record.scriptsInjected).toEqual([{ url: 'https://lib.test/a.js', outcome: 'load' }]);
    expect(drained.record.windowAccess.map((access) => access.path)).toEqual(['stub.loaded']);
    // Drained once: nothing is left, and the next drain reports nothing new.
    const again = await drainPage(env);
    expect(again.record.scriptsInjected).toEqual([]);
  });

  test('work left on the page while no run was active is adopted by the next run on the page', async () => {
    const env = page();
    await run(installStub, env);
    (env.window!.stub as { load: (url: string) => unknown }).load('https://lib.test/b.js');
    const next = load({ context: 'WEB', code: "require('logToConsole')('next'); data.gtmOnSuccess();" });
    const result = await run(next, env);
    expect(result.outcome).toBe('success');
    expect((env.window!.stub as Record<string, unknown>).loaded).toBe('https://lib.test/b.js');
    expect(result.record.windowAccess.map((access) => access.path)).toEqual(['stub.loaded']);
  });

  test('callLater and sha256 callbacks of a stub run, and an exception in one fails no run', async () => {
    const env: WebEnvironment = { window: {} };
    const installer = load({
      context: 'WEB',
      code: `
const setInWindow = require('setInWindow'); const callLater = require('callLater'); const sha256 = require('sha256');
setInWindow('later', () => callLater(() => setInWindow('laterRan', true, true)), true);
setInWindow('hash', (text) => sha256(text, (digest) => setInWindow('digest', digest, true), {outputEncoding: 'hex'}), true);
setInWindow('boom', () => callLater(() => { const missing = undefined; missing.stray(); }), true);
data.gtmOnSuccess();`,
    });
    await run(installer, env);
    const win = env.window as Record<string, (...args: unknown[]) => unknown>;
    win.later();
    win.hash('abc');
    win.boom();
    const drained = await drainPage(env);
    expect(win.laterRan).toBe(true);
    expect(win.digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(drained.errors).toEqual([expect.stringContaining('stray')]);

    win.boom();
    const caller = load({ context: 'WEB', code: 'data.gtmOnSuccess();' });
    expect((await run(caller, env)).outcome).toBe('success');
    expect((await drainPage(env)).errors).toEqual([expect.stringContaining('stray')]);
  });

  test("a stub called after its run's time limit has passed still runs (it is not held to that run's deadline)", async () => {
    const env: WebEnvironment = { window: {} };
    const installer = load({
      context: 'WEB',
      code: "require('setInWindow')('count', (n) => { let total = 0; for (let i = 0; i < n; i++) total += 1; return total; }, true); data.gtmOnSuccess();",
    });
    expect((await run(installer, env, 30)).outcome).toBe('success');
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Enough iterations for the budget function to look at the clock several times.
    expect((env.window as Record<string, (n: number) => unknown>).count(50000)).toBe(50000);
  });

  test('an endless loop in a stub called from the host is stopped by a time limit', () => {
    const env: WebEnvironment = { window: {} };
    return run(
      load({ context: 'WEB', code: "require('setInWindow')('spin', () => { for (;;) {} }, true); data.gtmOnSuccess();" }),
      env,
    ).then((result) => {
      expect(result.outcome).toBe('success');
      // The realm of the finished run is idle: the call gets its own budget and ends (errors are reported, not thrown).
      expect((env.window as Record<string, () => unknown>).spin()).toBeUndefined();
    });
  }, 20000);
});

describe('server: listeners left by a finished run', () => {
  test("a message listener's callLater callback runs during the run that sent the message", async () => {
    const eventData = { event_name: 'purchase' };
    const env: ServerEnvironment = { eventData };
    const listener = load({
      code: `
const addMessageListener = require('addMessageListener'); const callLater = require('callLater'); const log = require('logToConsole');
addMessageListener('ping', (type, message) => callLater(() => log('pong', message.n)));
data.gtmOnSuccess();`,
    });
    const sender = load({
      code: `
const sendMessage = require('sendMessage'); const callLater = require('callLater');
sendMessage('ping', {n: 7});
callLater(() => data.gtmOnSuccess());`,
    });
    expect((await run(listener, env)).outcome).toBe('success');
    const result = await run(sender, env);
    expect(result.outcome).toBe('success');
    expect(result.record.logs.map((line) => line.text)).toEqual(['pong 7']);
  });
});
