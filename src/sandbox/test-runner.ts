// The ___TESTS___ runner: each scenario runs `setup` + `code` as one scope in a fresh session
// (fresh mocks, record and environment), with GTM's test API: runCode, mock, mockObject,
// assertApi, assertThat, fail.

import type { Environment } from './environment';
import { MATCHERS, deepEqual, show } from './matchers';
import { transferable } from './isolation-protocol';
import { SandboxTimeoutError } from './realm';
import { DEFAULT_TIMEOUT_MS, openSession, releaseRealm } from './runtime';
import { ApiProvider, AssertionFailure, Session } from './session';
import { compileTestCode, formatProblem, LoadedTemplate, TemplateScenario } from './template';
import { SandboxSyntaxError } from './instrument';

export interface ScenarioResult {
  name: string;
  passed: boolean;
  message?: string;
  durationMs: number;
}

export interface TestOptions {
  /** Only scenarios whose name is listed (all when absent). */
  only?: string[];
  /** Per-scenario time limit (synchronous code plus drained asynchronous work). Default 5000 ms. */
  timeoutMs?: number;
  /** Environment for each scenario (fresh copy per scenario is the caller's job); defaults as in GTM's test page. */
  env?: () => Environment;
  provider?: ApiProvider;
}

export async function runTests(template: LoadedTemplate, options: TestOptions = {}): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of template.scenarios) {
    if (options.only && !options.only.includes(scenario.name)) continue;
    results.push(await runScenario(template, scenario, options));
  }
  return results;
}

export async function runScenario(template: LoadedTemplate, scenario: TemplateScenario, options: TestOptions = {}): Promise<ScenarioResult> {
  const started = process.hrtime.bigint();
  const finish = (passed: boolean, message?: string): ScenarioResult => ({
    name: scenario.name,
    passed,
    ...(message ? { message } : {}),
    durationMs: Number(process.hrtime.bigint() - started) / 1e6,
  });
  if (template.problems.length > 0 || !template.script) {
    return finish(false, `template rejected: ${template.problems.map(formatProblem).join('; ')}`);
  }
  const label = `${template.fileName} [TESTS] ${scenario.name}`;
  let testScript;
  try {
    testScript = compileTestCode(template.setup, scenario.code, label);
  } catch (error) {
    if (error instanceof SandboxSyntaxError) {
      const setupLines = template.setup ? template.setup.split('\n').length : 0;
      const where = error.line <= setupLines ? `setup line ${error.line}` : `scenario code line ${error.line - setupLines}`;
      return finish(false, `syntax error in test code (${where}): ${error.message}`);
    }
    throw error;
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { realm, session, deadline } = openSession(template, options.env?.(), true, timeoutMs, options.provider, true);
  session.testSource = { label, setupLines: template.setup ? template.setup.split('\n').length : 0 };
  const api = testApi(session, template);
  try {
    realm.enter(() => {
      const factory = realm.factory(testScript) as (...args: unknown[]) => () => unknown;
      const scenarioFunction = factory(
        realm.tick,
        session.makeRequire(false),
        api.runCode,
        api.mock,
        api.mockObject,
        api.assertApi,
        api.assertThat,
        api.fail,
      );
      scenarioFunction();
    }, timeoutMs);
  } catch (error) {
    session.fail(error);
  }
  let finished = true;
  if (!realm.timedOut) finished = await session.drain(deadline);
  if (realm.timedOut && !session.failure) session.fail(new SandboxTimeoutError('time limit exceeded (the code loops or never ends)'));
  releaseRealm(realm, session);
  const failure = session.failure;
  if (failure) {
    const prefix = failure.kind === 'assertion' ? '' : failure.kind === 'timeout' ? 'timeout: ' : 'exception: ';
    return finish(false, prefix + failure.message);
  }
  if (!finished) return finish(false, `timeout: asynchronous work still pending after ${timeoutMs} ms`);
  return finish(true);
}

/** A message argument as text (a copy of a sandbox value: none of its functions, toJSON included, is called). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : show(transferable(value));
}

interface TestApi {
  runCode: unknown;
  mock: unknown;
  mockObject: unknown;
  assertApi: unknown;
  assertThat: unknown;
  fail: unknown;
}

function testApi(session: Session, template: LoadedTemplate): TestApi {
  const realm = session.realm;
  const script = template.script!;
  const raise = (message: string): never => {
    const failure = new AssertionFailure(message);
    session.fail(failure);
    throw failure;
  };

  const runCode = realm.rawRealmFunction((args) => {
    const factory = realm.factory(script) as (tick: unknown, require: unknown) => (data: unknown) => unknown;
    const templateFunction = factory(realm.tick, session.makeRequire(true));
    // runCode passes data by value and applies no defaultValue (GTM's documented behaviour).
    return templateFunction(session.makeData(args[0], true));
  });

  const mock = realm.rawRealmFunction((args) => {
    const name = args[0];
    if (typeof name !== 'string') raise(`mock: the API name must be a string, got ${show(realm.copyOut(name))}`);
    const value = args[1];
    session.mocks.set(name as string, typeof value === 'function' ? { kind: 'function', fn: value } : { kind: 'value', value });
    return undefined;
  });

  const mockObject = realm.rawRealmFunction((args) => {
    const name = args[0];
    if (typeof name !== 'string') raise(`mockObject: the API name must be a string, got ${show(realm.copyOut(name))}`);
    session.mocks.set(name as string, { kind: 'object', object: args[1] });
    return undefined;
  });

  const assertApi = realm.rawRealmFunction((args) => {
    const name = String(args[0]);
    const calls = () => session.record.apiCalls.filter((call) => call.name === name);
    const matches = (expected: unknown[]) =>
      calls().some((call) => {
        const length = Math.max(call.args.length, expected.length);
        for (let i = 0; i < length; i++) if (!deepEqual(call.args[i], expected[i])) return false;
        return true;
      });
    const describeCalls = () => {
      const list = calls();
      return list.length === 0 ? 'it was never called' : `its calls were: ${list.map((call) => show(call.args)).join('; ')}`;
    };
    const subject = realm.intr.makeObject();
    subject.wasCalled = realm.rawRealmFunction(() => {
      if (calls().length === 0) raise(`assertApi('${name}').wasCalled(): expected at least one call, it was never called`);
      return undefined;
    });
    subject.wasNotCalled = realm.rawRealmFunction(() => {
      const count = calls().length;
      if (count > 0) raise(`assertApi('${name}').wasNotCalled(): expected no call, it was called ${count} time(s): ${describeCalls()}`);
      return undefined;
    });
    subject.wasCalledWith = realm.rawRealmFunction((expectedArgs) => {
      const expected = realm.copyOutArray(expectedArgs);
      if (!matches(expected)) raise(`assertApi('${name}').wasCalledWith(${expected.map(show).join(', ')}): no matching call; ${describeCalls()}`);
      return undefined;
    });
    subject.wasNotCalledWith = realm.rawRealmFunction((expectedArgs) => {
      const expected = realm.copyOutArray(expectedArgs);
      if (matches(expected)) raise(`assertApi('${name}').wasNotCalledWith(${expected.map(show).join(', ')}): a call matched`);
      return undefined;
    });
    return subject;
  });

  const assertThat = realm.rawRealmFunction((args) => {
    const rawActual = args[0];
    const label = args.length > 1 && args[1] !== undefined ? text(realm.copyOut(args[1])) : undefined;
    const subject = realm.intr.makeObject();
    for (const [name, matcher] of Object.entries(MATCHERS)) {
      subject[name] = realm.rawRealmFunction((expectedArgs) => {
        const rawExpected: unknown[] = [];
        for (let i = 0; i < expectedArgs.length; i++) rawExpected.push(expectedArgs[i]);
        const problem = matcher({
          actual: realm.copyOut(rawActual),
          rawActual,
          expected: realm.copyOutArray(expectedArgs),
          rawExpected,
        });
        if (problem) raise(`assertThat(…).${name}: ${problem}${label ? ` — ${label}` : ''}`);
        return undefined;
      });
    }
    return subject;
  });

  const fail = realm.rawRealmFunction((args) => {
    const message = args.length > 0 && args[0] !== undefined ? text(realm.copyOut(args[0])) : 'fail() called';
    raise(`fail(): ${message}`);
  });

  return { runCode, mock, mockObject, assertApi, assertThat, fail };
}
