// Production runs: a template fired once with field values and a simulated environment, ending the
// way GTM ends it (tag outcome from gtmOnSuccess/gtmOnFailure, variable value, exception, timeout).

import type { Environment, RunRecord, RunResult, ServerEnvironment, WebEnvironment } from './environment';
import { types } from 'util';
import { Realm, SandboxTimeoutError } from './realm';
import { ApiProvider, flushMicrotasks, Session } from './session';
import { existingPageOf, shiftParked } from './page';
import { formatProblem, LoadedTemplate } from './template';
import { emptyRecord } from './environment';

export const DEFAULT_TIMEOUT_MS = 5000;

// ------------------------------------------------------------------------------------ realm pool
// A realm carries no per-run state (sandbox code can reach no global and no prototype it could
// change: `require`, `data` and the budget function are closure parameters), so realms are reused
// after a run that left nothing pending. A realm whose run timed out or still has work in flight
// is dropped.
const pool: Realm[] = [];
const MAX_POOLED = 8;
let realmsCreated = 0;

export function acquireRealm(): Realm {
  const realm = pool.pop();
  if (realm) return realm;
  realmsCreated++;
  return new Realm();
}

export function releaseRealm(realm: Realm, session: Session): void {
  session.finish();
  realm.onAsyncError = () => undefined;
  realm.onPending = () => undefined;
  realm.endRun();
  if (realm.timedOut || session.pending.size > 0 || session.callLaterQueue.length > 0) return;
  if (pool.length < MAX_POOLED) pool.push(realm);
}

/** For the bench: how many realms were built so far (a warm loop should not build more). */
export function realmStats(): { created: number; pooled: number } {
  return { created: realmsCreated, pooled: pool.length };
}

// ------------------------------------------------------------------------------- environments
/** The environment with the defaults GTM would present (test mode: clock 0, empty request). */
export function withDefaults(template: Pick<LoadedTemplate, 'context'>, env: Environment | undefined, testMode: boolean): Environment {
  const given = (env ?? {}) as Environment;
  const now = given.now ?? (testMode ? () => 0 : () => Date.now());
  if (template.context === 'SERVER') {
    const server = given as ServerEnvironment;
    return {
      ...server,
      context: 'SERVER',
      eventData: server.eventData ?? {},
      request: server.request ?? { method: 'GET', path: '/', headers: {}, queryString: '', body: '' },
      now,
      random: server.random ?? Math.random,
      http: server.http ?? (() => ({ statusCode: 200, headers: {}, body: '' })),
      templateDataStorage: server.templateDataStorage ?? new Map(),
    };
  }
  const web = given as WebEnvironment;
  return {
    ...web,
    context: 'WEB',
    url: web.url ?? 'https://example.com/',
    referrer: web.referrer ?? '',
    title: web.title ?? '',
    characterSet: web.characterSet ?? 'UTF-8',
    window: web.window ?? {},
    dataLayer: web.dataLayer ?? [],
    documentCookie: web.documentCookie ?? '',
    consent: web.consent ?? {},
    localStorage: web.localStorage ?? new Map(),
    templateStorage: web.templateStorage ?? new Map(),
    now,
    random: web.random ?? Math.random,
  };
}

export interface RunOptions {
  /** Time limit for the whole run (synchronous code and asynchronous work). Default 5000 ms. */
  timeoutMs?: number;
  /** API implementations to use instead of src/sandbox/apis (tests, stubs). */
  provider?: ApiProvider;
  /**
   * Also arm V8's own watchdog (vm `timeout`) for every top-level entry into the sandbox: the
   * synchronous code, callLater and HTTP callbacks, promise reactions. The instrumented budget
   * checks already stop every loop and recursion; the watchdog additionally interrupts long engine
   * built-ins (a catastrophic regex, a built-in over a huge sparse array) but costs a thread start
   * (~0.05-0.3 ms) per entry, so in-process runs of trusted templates leave it off by default; the
   * test runner and isolated runs (src/sandbox/isolation.ts) turn it on.
   */
  vmTimeout?: boolean;
}

/** Runs a template once, production semantics (clock = env.now or Date.now). */
export async function runTemplate(
  template: LoadedTemplate,
  data: Record<string, unknown>,
  env?: Environment,
  options: RunOptions = {},
): Promise<RunResult> {
  if (template.problems.length > 0 || !template.script) {
    return {
      outcome: 'rejected',
      message: template.problems.map(formatProblem).join('\n') || 'template could not be compiled',
      record: emptyRecord(),
      successCalls: 0,
      failureCalls: 0,
    };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const watchdog = options.vmTimeout === true;
  const { realm, session, deadline } = openSession(template, env, false, timeoutMs, options.provider, watchdog);
  const script = template.script;
  let returned: unknown;
  let threw = false;
  try {
    returned = realm.enter(() => {
      const factory = realm.factory(script) as (tick: unknown, require: unknown) => (data: unknown) => unknown;
      const templateFunction = factory(realm.tick, session.makeRequire(true));
      return templateFunction(session.makeData(data, false));
    }, watchdog ? timeoutMs : undefined);
  } catch (error) {
    threw = true;
    session.fail(error);
  }

  // A variable returning a promise takes the resolved value.
  let returnValue: unknown;
  let settledValue: { value?: unknown; error?: unknown } | undefined;
  if (!threw) {
    try {
      if (types.isPromise(returned) && realm.inRealm(returned as object)) {
        realm.intr.promiseThen(
          returned,
          realm.rawRealmFunction((args) => {
            try {
              settledValue = { value: realm.copyOut(args[0]) };
            } catch (error) {
              settledValue = { error };
            }
          }),
          realm.rawRealmFunction((args) => {
            settledValue = { error: args[0] };
          }),
        );
      } else {
        returnValue = realm.copyOut(returned);
      }
    } catch (error) {
      // A returned value the emulator cannot copy (too deep, too large) fails the run clearly.
      threw = true;
      session.fail(error);
    }
  }

  const finished = threw && realm.timedOut ? false : await session.drain(deadline);
  if (realm.timedOut && !session.failure) session.fail(new SandboxTimeoutError('time limit exceeded (the code loops or never ends)'));
  if (settledValue) {
    if ('error' in settledValue) session.fail(settledValue.error);
    else returnValue = settledValue.value;
  }
  releaseRealm(realm, session);

  const result: RunResult = {
    outcome: 'success',
    record: session.record,
    successCalls: session.successCalls,
    failureCalls: session.failureCalls,
  };
  if (returnValue !== undefined) result.returnValue = returnValue;
  const failure = session.failure;
  if (template.type === 'TAG') {
    if (session.completion) {
      // The tag reported its outcome; later problems do not change what GTM recorded.
      result.outcome = session.completion;
      if (failure) result.message = failure.message;
    } else if (failure) {
      result.outcome = failure.kind === 'timeout' ? 'timeout' : 'exception';
      result.message = failure.message;
    } else {
      result.outcome = 'timeout';
      result.message = finished
        ? 'the tag never called data.gtmOnSuccess() or data.gtmOnFailure() (nothing was left pending)'
        : `the tag did not call data.gtmOnSuccess() or data.gtmOnFailure() within ${timeoutMs} ms`;
    }
  } else if (failure) {
    result.outcome = failure.kind === 'timeout' ? 'timeout' : 'exception';
    result.message = failure.message;
    delete result.returnValue;
  } else if (!finished) {
    result.outcome = 'timeout';
    result.message = `asynchronous work did not finish within ${timeoutMs} ms`;
  }
  return result;
}

export interface PageDrainResult {
  /** False when work was still pending at the time limit. */
  finished: boolean;
  /** Effects of finished runs' functions executed while no run was active (since the last drainPage). */
  record: RunRecord;
  /** Exceptions thrown by those callbacks (they fail no run). */
  errors: string[];
}

/**
 * Runs the asynchronous work that functions of finished runs queued while no run was active on
 * this page (web: env.window) or event (server: env.eventData): e.g. a host calling a stub a
 * template left in window, then draining. Same order as a run's drain (promise reactions before
 * callLater callbacks, one at a time); waits for their host work (script loads, HTTP) up to the
 * time limit. Pass the environment object given to the runs (or one sharing its window/eventData).
 */
export async function drainPage(env: Environment, options: { timeoutMs?: number } = {}): Promise<PageDrainResult> {
  const page = existingPageOf(env);
  if (!page) return { finished: true, record: emptyRecord(), errors: [] };
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const done = (finished: boolean): PageDrainResult => {
    return { finished, record: page.takeLooseRecord(), errors: page.errors.splice(0) };
  };
  for (;;) {
    await flushMicrotasks();
    if (page.queue.length > 0) {
      if (Date.now() > deadline) return done(false); // left parked for a later drain
      shiftParked(page)?.(); // an adopted callback: it reports its own exceptions to the page
      continue;
    }
    if (page.pending.size === 0) return done(true);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return done(false);
    let timer: NodeJS.Timeout | undefined;
    const expired = await Promise.race([
      Promise.race(page.pending).then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), remaining);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if (expired) return done(false);
  }
}

/**
 * A pooled realm started with this run's deadline, and the session (API host, records) of one run
 * of `template`; shared by production runs and test scenarios, which differ only in test mode.
 */
export function openSession(
  template: LoadedTemplate,
  env: Environment | undefined,
  testMode: boolean,
  timeoutMs: number,
  provider: ApiProvider | undefined,
  watchdog = false,
): { realm: Realm; session: Session; deadline: number } {
  const deadline = Date.now() + timeoutMs;
  const realm = acquireRealm();
  realm.startRun(deadline, watchdog);
  const session = new Session(
    realm,
    {
      context: template.context,
      templateType: template.type,
      templateName: template.name,
      permissions: template.permissions,
      env: withDefaults(template, env, testMode),
      testMode,
      provider,
    },
    template.fileName,
  );
  return { realm, session, deadline };
}
