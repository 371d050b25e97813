// One emulated execution context: a production run of a template, or one ___TESTS___ scenario.
// It owns the run record, the ApiHost handed to the API implementations, `require`, the callLater
// queue and the asynchronous drain that follows the synchronous code.

import type { ApiHost, ApiTable, PermissionChecker } from './apis/types';
import { emptyRecord, type ContainerContext, type Environment, type RunRecord, type TemplateType } from './environment';
import { types } from 'util';
import { transferable } from './isolation-protocol';
import { dataProperty, primitiveText, Realm, SandboxTimeoutError } from './realm';
import { knownApiNames } from './api-names';
import { enterPage, leavePage, pageEnqueue, pageError, pageKeyOf, pageRecordTarget, pageTrack, takeParked, type PageRunner } from './page';

/** Marker C2's API implementations put on functions that need the sandbox's own values (src/sandbox/apis/raw.ts). */
const RAW_ARGUMENTS = Symbol.for('gtm-sandbox.rawArguments');

/** How a test mock answers (`mock(name, fnOrValue)` / `mockObject(name, object)`). */
export type Mock = { kind: 'function'; fn: unknown } | { kind: 'value'; value: unknown } | { kind: 'object'; object: unknown };

export interface ApiProvider {
  tables: Record<ContainerContext, ApiTable>;
  createPermissionChecker(permissions: unknown[], context: ContainerContext): PermissionChecker;
}

let loadedProvider: ApiProvider | undefined;

/** The API implementations of src/sandbox/apis (loaded lazily; an empty table when absent). */
export function defaultApiProvider(): ApiProvider {
  if (!loadedProvider) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const apis = require('./apis/index') as {
        serverApis: ApiTable;
        webApis: ApiTable;
        createPermissionChecker(permissions: unknown[], context: ContainerContext): PermissionChecker;
      };
      loadedProvider = {
        tables: { SERVER: apis.serverApis, WEB: apis.webApis },
        createPermissionChecker: apis.createPermissionChecker,
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      loadedProvider = { tables: { SERVER: {}, WEB: {} }, createPermissionChecker: () => allowAll };
    }
  }
  return loadedProvider;
}

/** Permission checkers are pure functions of the permissions JSON: built once per template. */
const checkerCache = new WeakMap<ApiProvider, WeakMap<object, Map<ContainerContext, PermissionChecker>>>();

function cachedChecker(provider: ApiProvider, permissions: unknown[], context: ContainerContext): PermissionChecker {
  let byPermissions = checkerCache.get(provider);
  if (!byPermissions) checkerCache.set(provider, (byPermissions = new WeakMap()));
  let byContext = byPermissions.get(permissions);
  if (!byContext) byPermissions.set(permissions, (byContext = new Map()));
  let checker = byContext.get(context);
  if (!checker) byContext.set(context, (checker = provider.createPermissionChecker(permissions, context)));
  return checker;
}

const allowAll: PermissionChecker = { assert: () => undefined, query: () => true, has: () => true };

export interface SessionOptions {
  context: ContainerContext;
  templateType: TemplateType;
  templateName: string;
  permissions: unknown[];
  env: Environment;
  testMode: boolean;
  provider?: ApiProvider;
}

/** An exception the sandbox code raised, with what GTM would print. */
export interface SandboxFailure {
  kind: 'exception' | 'timeout' | 'assertion';
  message: string;
}

export class AssertionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionFailure';
  }
}

export class Session implements PageRunner {
  readonly record: RunRecord = emptyRecord();
  readonly host: ApiHost;
  readonly mocks = new Map<string, Mock>();
  /** Calls made by template code (assertApi looks at these; test-code calls are not recorded). */
  readonly callLaterQueue: (() => void)[] = [];
  readonly pending = new Set<Promise<unknown>>();
  /** First problem seen (exception, timeout, failed assertion); later ones are kept in `allFailures`. */
  failure: SandboxFailure | undefined;
  readonly allFailures: SandboxFailure[] = [];
  successCalls = 0;
  failureCalls = 0;
  /** Which completion callback a tag called first. */
  completion: 'success' | 'failure' | undefined;
  private readonly provider: ApiProvider;
  private readonly instances = new Map<string, unknown>();
  private readonly dispatchers = new Map<string, unknown>();
  private realmPromiseApi: unknown;
  private readonly fileName: string;
  /** Set by the test runner: the compiled scenario's label and how many lines `setup` has. */
  testSource: { label: string; setupLines: number } | undefined;
  /**
   * Set when the run is over (its drain returned). Functions the run left in the page may still be
   * called; from then on their asynchronous work and effects go to the page (src/sandbox/page.ts).
   */
  finished = false;
  /** The page (web window) or event (server event data) this run belongs to. */
  readonly pageKey: object;

  constructor(readonly realm: Realm, readonly options: SessionOptions, fileName: string) {
    this.fileName = fileName;
    this.provider = options.provider ?? defaultApiProvider();
    const permissions = cachedChecker(this.provider, options.permissions, options.context);
    const env = options.env;
    const nowSource = env.now ?? (options.testMode ? () => 0 : () => Date.now());
    this.pageKey = pageKeyOf(env);
    enterPage(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const session = this;
    this.host = {
      context: options.context,
      env,
      get record(): RunRecord {
        return session.effectRecord();
      },
      permissions,
      testMode: options.testMode,
      callLater: (fn) => {
        if (this.finished) pageEnqueue(this.pageKey, this.adopted(fn));
        else this.callLaterQueue.push(fn);
      },
      track: (promise) => {
        if (this.finished) pageTrack(this.pageKey, promise);
        else this.track(promise);
      },
      now: nowSource,
      templateName: options.templateName,
    };
    realm.onAsyncError = (error) => this.fail(error);
    realm.onPending = (promise) => this.track(promise);
  }

  /** Where effects are recorded: this run's record, or once it is over the run active on the page. */
  effectRecord(): RunRecord {
    return this.finished ? pageRecordTarget(this.pageKey) : this.record;
  }

  /** PageRunner: work handed over by a finished run of the same page joins this run's queue. */
  enqueue(fn: () => void): void {
    this.callLaterQueue.push(fn);
  }

  /**
   * A callback of this (finished) run, made safe to execute during another run or drainPage: its
   * exceptions go to the page's error list (they fail no run: the run they belong to is over) and
   * host promises its code starts are awaited by whoever drains the page.
   */
  private adopted(fn: () => void): () => void {
    const realm = this.realm;
    const key = this.pageKey;
    return () => {
      const savedError = realm.onAsyncError;
      const savedPending = realm.onPending;
      realm.onAsyncError = (error) => pageError(key, this.describe(error).message);
      realm.onPending = (promise) => pageTrack(key, promise);
      try {
        fn();
      } catch (error) {
        pageError(key, this.describe(error).message);
      } finally {
        realm.onAsyncError = savedError;
        realm.onPending = savedPending;
      }
    };
  }

  /**
   * Ends the run: later work of its functions goes to the page. Callbacks still queued (a run that
   * hit its time limit) and host work still in flight are handed to the page too.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    leavePage(this);
    if (this.callLaterQueue.length > 0) {
      for (const fn of this.callLaterQueue.splice(0)) pageEnqueue(this.pageKey, this.adopted(fn));
    }
    if (this.pending.size > 0) for (const promise of this.pending) pageTrack(this.pageKey, promise);
  }

  track(promise: Promise<unknown>): void {
    const settled = Promise.resolve(promise).then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  /** Records a failure: an exception (host or realm value), a timeout or a failed assertion. */
  fail(error: unknown): void {
    const failure = this.describe(error);
    this.allFailures.push(failure);
    if (!this.failure) this.failure = failure;
  }

  /**
   * What GTM would print for a problem. Runs no sandbox code: a thrown sandbox value is read
   * through its stored properties only (a `message` getter is not called), so a hostile value
   * cannot throw again or loop while it is being described.
   */
  describe(error: unknown): SandboxFailure {
    try {
      return this.describeValue(error);
    } catch {
      return { kind: this.realm.timedOut ? 'timeout' : 'exception', message: 'uncaught value thrown (it could not be described)' };
    }
  }

  private describeValue(error: unknown): SandboxFailure {
    let host: unknown = error;
    const isObject = error !== null && (typeof error === 'object' || typeof error === 'function');
    const fromRealm = isObject && this.realm.inRealm(error as object);
    if (fromRealm) host = this.realm.hostErrorOf.get(error as object) ?? error;
    const hostMade = host instanceof Error && !(fromRealm && host === error);
    if (hostMade && host instanceof AssertionFailure) return { kind: 'assertion', message: host.message };
    if ((hostMade && host instanceof SandboxTimeoutError) || this.realm.timedOut) {
      return { kind: 'timeout', message: hostMade ? (host as Error).message : 'time limit exceeded' };
    }
    if (hostMade) {
      const line = this.lineOf(host as object);
      const message = String((host as Error).message);
      return { kind: 'exception', message: line ? `${message} (${line})` : message };
    }
    if (host !== null && typeof host === 'object') {
      const message = dataProperty(host, 'message');
      const text = primitiveText(message);
      if (text !== undefined && (message !== undefined || types.isNativeError(host))) {
        const line = this.lineOf(host);
        return { kind: 'exception', message: line ? `${text} (${line})` : text };
      }
    }
    let text: string;
    try {
      // Functions dropped first: JSON.stringify would call a copied toJSON (sandbox code).
      text = JSON.stringify(transferable(this.realm.copyOut(host))) ?? primitiveText(host) ?? typeof host;
    } catch {
      text = primitiveText(host) ?? `(${typeof host})`;
    }
    return { kind: 'exception', message: `uncaught value thrown: ${text}` };
  }

  /** `file:line` of the innermost sandbox frame of an error's stack, if any. */
  private lineOf(error: object): string | undefined {
    let stack: unknown;
    try {
      // Own data property only: the stack of an engine error no sandbox code caught (formatting
      // it here runs no sandbox code); a value the sandbox made with a `stack` getter is not read.
      const descriptor = Object.getOwnPropertyDescriptor(error, 'stack');
      stack = descriptor && 'value' in descriptor ? descriptor.value : this.realm.stackOf.get(error);
    } catch {
      return undefined;
    }
    if (typeof stack !== 'string') return undefined;
    for (const frame of stack.split('\n').slice(1)) {
      const match = /\(?([^()]*):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
      if (!match) continue;
      const file = match[1].replace(/^at\s+/, '');
      if (file.startsWith('node:') || file.includes('gtm-sandbox-') || file.includes('/src/sandbox/')) continue;
      if (this.testSource && file === this.testSource.label) {
        const line = Number(match[2]);
        const { setupLines } = this.testSource;
        return line <= setupLines ? `test setup line ${line}` : `scenario code line ${line - setupLines}`;
      }
      if (file === this.fileName) return `${file}:${match[2]}`;
    }
    return undefined;
  }

  // ------------------------------------------------------------------------------ completion
  /** data.gtmOnSuccess / data.gtmOnFailure as realm functions. */
  completionCallbacks(): { gtmOnSuccess: unknown; gtmOnFailure: unknown } {
    const make = (name: 'gtmOnSuccess' | 'gtmOnFailure') =>
      this.realm.rawRealmFunction((args) => {
        this.record.apiCalls.push({ name, args: this.realm.copyOutArray(args) });
        if (name === 'gtmOnSuccess') this.successCalls++;
        else this.failureCalls++;
        if (!this.completion) this.completion = name === 'gtmOnSuccess' ? 'success' : 'failure';
        return undefined;
      });
    return { gtmOnSuccess: make('gtmOnSuccess'), gtmOnFailure: make('gtmOnFailure') };
  }

  /** Builds the template's `data`: a realm copy of `fields` plus the tag callbacks. */
  makeData(fields: unknown, alreadyInRealm: boolean): Record<string, unknown> {
    const copied = alreadyInRealm ? this.realm.cloneInRealm(fields) : this.realm.copyIn(fields);
    const data =
      copied !== null && typeof copied === 'object' && !Array.isArray(copied)
        ? (copied as Record<string, unknown>)
        : this.realm.intr.makeObject();
    if (this.options.templateType === 'TAG') {
      const callbacks = this.completionCallbacks();
      data.gtmOnSuccess = callbacks.gtmOnSuccess;
      data.gtmOnFailure = callbacks.gtmOnFailure;
    }
    return data;
  }

  // ---------------------------------------------------------------------------------- require
  /** A realm `require`. Template code records its API calls; test code (recordCalls=false) does not. */
  makeRequire(recordCalls: boolean): unknown {
    return this.realm.rawRealmFunction((args) => this.require(args[0], recordCalls));
  }

  private require(name: unknown, recordCalls: boolean): unknown {
    if (typeof name !== 'string') return undefined;
    // A mock applies to `require` calls made after it was installed (GTM resolves the name when
    // `require` runs: a test's own `require('logToConsole')` made before mocking it stays real).
    const mock = this.options.testMode ? this.mocks.get(name) : undefined;
    if (mock && mock.kind === 'object') return mock.object;
    if (mock) return this.mockFunction(name, mock, recordCalls);
    if (name === 'Promise' && this.options.context === 'SERVER') return this.promiseApi();
    const factory = this.provider.tables[this.options.context][name];
    if (!factory) {
      // A name GTM knows but the emulator does not implement: a function that throws when called.
      // Any other name: undefined, as GTM documents for built-ins the environment lacks.
      return knownApiNames(this.options.context).has(name) ? this.dispatcher(name, recordCalls) : undefined;
    }
    const instance = this.instance(name);
    if (typeof instance === 'function') return this.dispatcher(name, recordCalls);
    return this.objectApi(name, instance, recordCalls);
  }

  private instance(name: string): unknown {
    if (!this.instances.has(name)) {
      const factory = this.provider.tables[this.options.context][name];
      this.instances.set(name, factory ? factory(this.host) : undefined);
    }
    return this.instances.get(name);
  }

  /** The realm function `require(name)` returns for an unmocked function API. */
  private dispatcher(name: string, recordCalls: boolean): unknown {
    const key = `${recordCalls ? 'T' : 'S'}${name}`;
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = this.realm.rawRealmFunction((args) => this.callApi(name, args, recordCalls));
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  /** The realm function standing for a mocked API: arguments and result are copied (as at an API boundary). */
  private mockFunction(name: string, mock: Mock, recordCalls: boolean): unknown {
    const realm = this.realm;
    return realm.rawRealmFunction((realmArgs) => {
      const args = realm.intr.makeArray();
      for (let i = 0; i < realmArgs.length; i++) args[i] = realm.cloneInRealm(realmArgs[i]);
      if (recordCalls) this.effectRecord().apiCalls.push({ name, args: realm.copyOutArray(args) });
      if (mock.kind === 'value') return realm.cloneInRealm(mock.value);
      if (mock.kind !== 'function' || typeof mock.fn !== 'function') return undefined;
      return realm.cloneInRealm(realm.intr.reflectApply(mock.fn, undefined, args));
    });
  }

  private callApi(name: string, realmArgs: unknown[], recordCalls: boolean): unknown {
    const realm = this.realm;
    const instance = this.instance(name);
    if (typeof instance !== 'function') {
      throw new TypeError(`${name} is not a function (the emulator has no implementation for it)`);
    }
    return this.invokeHost(name, instance as (...a: unknown[]) => unknown, undefined, realmArgs, recordCalls);
  }

  /**
   * Calls a host API function: arguments copied out, result copied in. An API marked with
   * RAW_ARGUMENTS (Object.freeze/delete, testRegex: they act on the template's own objects) gets
   * the sandbox values themselves, and a result that is one of them comes back unchanged.
   */
  private invokeHost(
    name: string,
    fn: (...a: unknown[]) => unknown,
    thisArg: unknown,
    realmArgs: unknown[],
    recordCalls: boolean,
  ): unknown {
    const realm = this.realm;
    const hostArgs = realm.copyOutArray(realmArgs);
    if (recordCalls) this.effectRecord().apiCalls.push({ name, args: hostArgs });
    if ((fn as unknown as Record<symbol, unknown>)[RAW_ARGUMENTS] === true) {
      const raw: unknown[] = [];
      for (let i = 0; i < realmArgs.length; i++) raw.push(realmArgs[i]);
      const result = fn.apply(thisArg, raw);
      return raw.includes(result) ? result : realm.copyIn(result);
    }
    return realm.copyIn(fn.apply(thisArg, hostArgs));
  }

  /** An object API (JSON, Object, localStorage, BigQuery...) as a realm object of wrapped methods. */
  private objectApi(name: string, instance: unknown, recordCalls: boolean): unknown {
    const key = `${recordCalls ? 'T' : 'S'}${name}`;
    const cached = this.dispatchers.get(key);
    if (cached) return cached;
    const realm = this.realm;
    const object = realm.intr.makeObject();
    if (instance !== null && typeof instance === 'object') {
      for (const member of Object.keys(instance)) {
        const value = (instance as Record<string, unknown>)[member];
        if (typeof value === 'function') {
          const method = value as (...a: unknown[]) => unknown;
          object[member] = realm.rawRealmFunction((args) => this.invokeHost(`${name}.${member}`, method, instance, args, recordCalls));
        } else {
          object[member] = realm.copyIn(value);
        }
      }
    }
    this.dispatchers.set(key, object);
    return object;
  }

  /**
   * Server `require('Promise')`: realm-native promises, so promise reactions keep JavaScript's
   * ordering (they run before callLater callbacks queued later) without host round trips.
   */
  private promiseApi(): unknown {
    if (this.realmPromiseApi) return this.realmPromiseApi;
    const realm = this.realm;
    const intr = realm.intr;
    const api = intr.makeObject();
    api.create = realm.rawRealmFunction((args) => intr.makePromise(args[0]));
    api.all = realm.rawRealmFunction((args) => intr.promiseAll(args[0]));
    api.resolve = realm.rawRealmFunction((args) => intr.promiseResolve(args[0]));
    api.reject = realm.rawRealmFunction((args) => intr.promiseReject(args[0]));
    this.realmPromiseApi = api;
    return api;
  }

  // ------------------------------------------------------------------------------------ drain
  /**
   * Runs what the synchronous code left behind: pending promise reactions first, then callLater
   * callbacks one by one (promise reactions flushed between them), waiting for tracked host work
   * (HTTP, script loads) until everything is idle or the deadline passes. Returns false on timeout.
   */
  async drain(deadline: number): Promise<boolean> {
    for (;;) {
      await flushMicrotasks();
      if (this.realm.timedOut) return this.ended(false);
      // Work a finished run left on the page while no run was active is adopted by this one.
      if (this.callLaterQueue.length === 0) {
        const parked = takeParked(this.pageKey);
        if (parked) this.callLaterQueue.push(...parked);
      }
      const next = this.callLaterQueue.shift();
      if (next) {
        if (Date.now() > deadline) return this.ended(false);
        try {
          next();
        } catch (error) {
          this.fail(error);
        }
        continue;
      }
      if (this.pending.size === 0) return this.ended(true);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.ended(false);
      let timer: NodeJS.Timeout | undefined;
      const expired = await Promise.race([
        Promise.race(this.pending).then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), remaining);
        }),
      ]);
      if (timer) clearTimeout(timer);
      if (expired) return this.ended(false);
    }
  }

  /** Marks the run over in the same turn the drain decided it (no gap where work could be lost). */
  private ended(finished: boolean): boolean {
    this.finish();
    return finished;
  }
}

/** Resolves after every queued microtask (host and sandbox realms share Node's queue) has run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
