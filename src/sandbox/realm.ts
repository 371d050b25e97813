// One isolated JavaScript realm (a Node `vm` context) shaped like GTM's sandbox: no globals but
// `undefined` (plus the non-deletable NaN/Infinity), built-in prototypes trimmed to GTM's documented
// methods, no code generation from strings. The host never hands a host object to sandbox code:
// values are copied across (copyIn/copyOut) and functions are wrapped in both directions.

import * as vm from 'vm';
import { types } from 'util';

/** Documented methods per built-in prototype (GTM "standard library" page) + engine necessities. */
const KEEP: Record<string, string[]> = {
  Object: ['hasOwnProperty', 'toString', 'valueOf'],
  Array: [
    'length', 'concat', 'every', 'filter', 'forEach', 'indexOf', 'join', 'lastIndexOf', 'map', 'pop', 'push',
    'reduce', 'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice', 'toString', 'unshift',
  ],
  String: [
    'length', 'charAt', 'concat', 'indexOf', 'lastIndexOf', 'match', 'replace', 'search', 'slice', 'split',
    'substring', 'toLowerCase', 'toLocaleLowerCase', 'toString', 'toUpperCase', 'toLocaleUpperCase', 'trim',
    'valueOf',
  ],
  Number: ['toString', 'valueOf'],
  Boolean: ['toString', 'valueOf'],
  Function: ['length', 'name'],
  Promise: ['then', 'catch', 'finally'],
  Error: ['name', 'message', 'toString'],
  // RegExp objects only come from createRegex; String.prototype.match/replace/split/search need the
  // engine's RegExp machinery (exec, flags getters, Symbol methods), so only the escape hatches go.
  RegExp: ['*'],
};

/** Intrinsics captured by the bootstrap before the realm's globals are deleted. */
export interface RealmIntrinsics {
  ObjectProto: object;
  ArrayProto: object;
  Promise: PromiseConstructor;
  promiseThen: (promise: unknown, onFulfilled: unknown, onRejected: unknown) => unknown;
  promiseResolve: (value: unknown) => Promise<unknown>;
  promiseAll: (values: unknown) => Promise<unknown>;
  promiseReject: (reason: unknown) => Promise<unknown>;
  /** Attaches a no-op rejection handler (GTM never reports unhandled rejections). */
  markHandled<T>(promise: T): T;
  RegExp: RegExpConstructor;
  Error: ErrorConstructor;
  reflectApply: (fn: unknown, thisArg: unknown, args: ArrayLike<unknown>) => unknown;
  makeObject(): Record<string, unknown>;
  makeArray(): unknown[];
  /** A realm function calling `impl` with the realm array of its arguments. */
  makeWrapper(impl: (args: unknown[]) => unknown): (...args: unknown[]) => unknown;
  /** The budget function the instrumented code calls; `check` runs every `interval` calls. */
  makeTick(check: () => void): { tick: () => void; state: { n: number } };
  setEntry(entry: () => unknown): void;
}

const BOOTSTRAP = `(function () {
  var g = globalThis;
  var reflectApply = Reflect.apply;
  var ownKeys = Reflect.ownKeys;
  var deleteProperty = Reflect.deleteProperty;
  var defineProperty = Object.defineProperty;
  var P = Promise;
  var then = P.prototype.then;
  var resolve = P.resolve, all = P.all, reject = P.reject;
  var keep = KEEP_JSON;
  // GTM ignores rejections nobody handles; in Node they would reach the host process (and fail a
  // jest run). Every promise made by then/catch/finally is therefore marked handled right away.
  var noop = function () {};
  P.prototype.then = function (onFulfilled, onRejected) {
    var next = reflectApply(then, this, [onFulfilled, onRejected]);
    reflectApply(then, next, [undefined, noop]);
    return next;
  };
  var entry = null;
  var handled = function (p) { reflectApply(then, p, [undefined, noop]); return p; };
  var intr = {
    ObjectProto: Object.prototype,
    ArrayProto: Array.prototype,
    Promise: P,
    promiseThen: function (p, a, b) { return reflectApply(then, p, [a, b]); },
    promiseResolve: function (v) { return handled(reflectApply(resolve, P, [v])); },
    promiseAll: function (v) { return handled(reflectApply(all, P, [v])); },
    promiseReject: function (v) { return handled(reflectApply(reject, P, [v])); },
    markHandled: handled,
    RegExp: RegExp,
    Error: Error,
    reflectApply: reflectApply,
    makeObject: function () { return {}; },
    makeArray: function () { return []; },
    makeWrapper: function (impl) { return (...args) => impl(args); },
    makeTick: function (check) {
      var state = { n: 0 };
      return { state: state, tick: function () { if (--state.n < 0) check(); } };
    },
    setEntry: function (fn) { entry = fn; },
  };
  var prototypes = {
    Object: Object.prototype, Array: Array.prototype, String: String.prototype, Number: Number.prototype,
    Boolean: Boolean.prototype, Function: Function.prototype, Promise: P.prototype, Error: Error.prototype,
    RegExp: RegExp.prototype,
  };
  var protoNames = ownKeys(prototypes);
  for (var i = 0; i < protoNames.length; i++) {
    var proto = prototypes[protoNames[i]];
    var allowed = keep[protoNames[i]];
    var wildcard = allowed[0] === '*';
    var names = ownKeys(proto);
    for (var j = 0; j < names.length; j++) {
      var name = names[j];
      if (typeof name !== 'string') continue; // Symbol.iterator etc. stay: for-of and regex need them
      var allowedHere = wildcard ? (name !== 'constructor' && name !== 'compile') : false;
      for (var k = 0; !allowedHere && k < allowed.length; k++) if (allowed[k] === name) allowedHere = true;
      if (!allowedHere) deleteProperty(proto, name);
    }
  }
  // Error subclasses' prototypes (TypeError...) are reachable through runtime errors.
  var errorNames = ['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'];
  for (var e = 0; e < errorNames.length; e++) {
    var ctor = g[errorNames[e]];
    if (ctor) deleteProperty(ctor.prototype, 'constructor');
  }
  var globals = ownKeys(g);
  for (var m = 0; m < globals.length; m++) deleteProperty(g, globals[m]);
  defineProperty(g, '__gtmEnter$', { value: function () { var fn = entry; entry = null; return fn ? fn() : undefined; } });
  return intr;
})()`.replace('KEEP_JSON', JSON.stringify(KEEP));

const bootstrapScript = new vm.Script(BOOTSTRAP, { filename: 'gtm-sandbox-bootstrap.js' });
const enterScript = new vm.Script('__gtmEnter$()', { filename: 'gtm-sandbox-entry.js' });

/** Budget checks: how many ticks between two clock reads. */
const TICK_INTERVAL = 10000;

/**
 * Time limit of one entry into a realm that no run is using: a function a finished run left in
 * the page (a window stub) called by page code, by the host or by another run's code.
 */
export const IDLE_ENTRY_BUDGET_MS = 5000;

/** Sandbox entries on the host stack, all realms together (a realm's function called from another realm's run is nested). */
let entriesOnStack = 0;

export class SandboxTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxTimeoutError';
  }
}

/**
 * A realm plus the copy machinery. One Realm serves one run at a time (the pool in runtime.ts hands
 * it out again after a run that left nothing pending).
 */
export class Realm {
  readonly context: vm.Context;
  readonly intr: RealmIntrinsics;
  readonly tick: () => void;
  private readonly tickState: { n: number };
  /** Absolute deadline (ms since epoch) of the current run; ticks past it throw. */
  deadline = Infinity;
  timedOut = false;
  /** True between startRun and endRun (the realm serves a run; otherwise it is pooled or dropped). */
  busy = false;
  /** Realm function → host wrapper (stable, so functions compare by reference after copying). */
  private readonly hostWrapperOf = new WeakMap<object, (...args: unknown[]) => unknown>();
  /** Host wrapper → realm function it wraps, and realm wrapper → host function it wraps. */
  private readonly realmFunctionOf = new WeakMap<object, unknown>();
  private readonly hostFunctionOf = new WeakMap<object, unknown>();
  private readonly realmWrapperOf = new WeakMap<object, unknown>();
  /** Realm errors created from host errors keep the original (permission errors, timeouts). */
  readonly hostErrorOf = new WeakMap<object, Error>();
  /** >0 while sandbox code is on the stack (nested host → realm calls need no new entry). */
  depth = 0;
  /** Receives errors thrown by realm callbacks that the host invoked from outside the sandbox. */
  onAsyncError: (error: unknown) => void = () => undefined;
  /** Receives host promises that sandbox code now waits for. */
  onPending: (promise: Promise<unknown>) => void = () => undefined;
  /** Template factories evaluated in this realm, keyed by compiled script. */
  readonly factories = new WeakMap<vm.Script, unknown>();

  constructor() {
    this.context = vm.createContext(Object.create(null), {
      codeGeneration: { strings: false, wasm: false },
      name: 'gtm-sandbox',
    });
    this.intr = bootstrapScript.runInContext(this.context) as RealmIntrinsics;
    const { tick, state } = this.intr.makeTick(() => this.checkBudget());
    this.tick = tick;
    this.tickState = state;
    installRejectionGuard();
  }

  private checkBudget(): void {
    if (this.timedOut || Date.now() > this.deadline) {
      this.timedOut = true;
      this.tickState.n = 0;
      throw this.realmError(new SandboxTimeoutError('time limit exceeded (the code loops or never ends)'));
    }
    this.tickState.n = TICK_INTERVAL;
  }

  startRun(deadline: number): void {
    this.deadline = deadline;
    this.timedOut = false;
    this.busy = true;
    this.tickState.n = TICK_INTERVAL;
  }

  endRun(): void {
    this.busy = false;
  }

  /** Evaluates a compiled wrapper script in this realm once and caches the resulting function. */
  factory(script: vm.Script): unknown {
    let factory = this.factories.get(script);
    if (!factory) {
      factory = script.runInContext(this.context);
      this.factories.set(script, factory);
    }
    return factory;
  }

  /**
   * Runs `job` (host code that calls into the realm) as a top-level sandbox entry. With a vm
   * timeout the whole synchronous run is interrupted even inside engine built-ins.
   */
  enter<T>(job: () => T, timeoutMs?: number): T {
    if (this.depth > 0) return job();
    this.depth++;
    entriesOnStack++;
    try {
      if (timeoutMs === undefined) return job();
      let result: T | undefined;
      this.intr.setEntry(() => {
        result = job();
      });
      try {
        enterScript.runInContext(this.context, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
      } catch (error) {
        if (error && (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
          this.timedOut = true;
          throw new SandboxTimeoutError(`time limit of ${timeoutMs} ms exceeded (the code loops or never ends)`);
        }
        throw error;
      }
      return result as T;
    } finally {
      this.depth--;
      entriesOnStack--;
    }
  }

  /** A realm Error carrying the host error's name and message. */
  realmError(error: unknown): Error {
    const host = types.isNativeError(error) ? (error as Error) : new Error(String(error));
    const realmError = new this.intr.Error(host.message);
    if (host.name && host.name !== 'Error') (realmError as { name: string }).name = host.name;
    this.hostErrorOf.set(realmError, host);
    return realmError;
  }

  /** True for objects and functions made by this realm (their prototype chain ends at its Object.prototype). */
  inRealm(value: object): boolean {
    let proto = Object.getPrototypeOf(value);
    while (proto) {
      if (proto === this.intr.ObjectProto) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  private isHostValue(value: object): boolean {
    return !this.inRealm(value);
  }

  /** Wraps a host function as a realm function receiving copied arguments; errors become realm errors. */
  wrapHostFunction(fn: (...args: unknown[]) => unknown, onCall?: (args: unknown[]) => void): (...args: unknown[]) => unknown {
    const realmFn = this.intr.makeWrapper((realmArgs) => {
      const hostArgs = this.copyOutArray(realmArgs);
      if (onCall) onCall(hostArgs);
      let result: unknown;
      try {
        result = fn(...hostArgs);
      } catch (error) {
        throw this.toRealmThrowable(error);
      }
      return this.copyIn(result);
    });
    this.hostFunctionOf.set(realmFn, fn);
    return realmFn;
  }

  /** Errors raised by host code are rethrown into the sandbox as realm values. */
  toRealmThrowable(error: unknown): unknown {
    if (error !== null && typeof error === 'object' && this.inRealm(error)) {
      return error; // already a realm value (e.g. an assertion failure raised from realm code)
    }
    if (types.isNativeError(error)) return this.realmError(error);
    return this.copyIn(error);
  }

  /** A realm function calling a host function with the raw realm arguments (no copying). */
  rawRealmFunction(impl: (args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    return this.intr.makeWrapper((args) => {
      try {
        return impl(args);
      } catch (error) {
        throw this.toRealmThrowable(error);
      }
    });
  }

  // ---------------------------------------------------------------- host → realm
  copyIn(value: unknown, seen?: Map<object, unknown>): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const object = value as object;
    if (typeof value === 'function') {
      const original = this.realmFunctionOf.get(object);
      if (original) return original;
      if (!this.isHostValue(object)) return value; // already a realm function
      let wrapper = this.realmWrapperOf.get(object);
      if (!wrapper) {
        wrapper = this.wrapHostFunction(value as (...args: unknown[]) => unknown);
        this.realmWrapperOf.set(object, wrapper);
      }
      this.copyFunctionProperties(object, wrapper);
      return wrapper;
    }
    if (this.inRealm(object)) return value; // a realm object: pass through
    if (types.isPromise(value) || isThenable(value)) return this.hostPromiseToRealm(value as PromiseLike<unknown>);
    if (types.isRegExp(value)) return new this.intr.RegExp((value as RegExp).source, (value as RegExp).flags);
    if (types.isNativeError(value)) return this.realmError(value);
    if (types.isDate(value) || types.isMap(value) || types.isSet(value) || ArrayBuffer.isView(value)) {
      return undefined;
    }
    seen ??= new Map();
    const known = seen.get(object);
    if (known !== undefined) return known;
    // A page's Arguments object is a list: the sandbox has no Arguments type (docs/emulator.md).
    if (Array.isArray(value) || types.isArgumentsObject(value)) {
      const list = value as ArrayLike<unknown>;
      const array = this.intr.makeArray();
      seen.set(object, array);
      for (let i = 0; i < list.length; i++) array[i] = this.copyIn(list[i], seen);
      return array;
    }
    const copy = this.intr.makeObject();
    seen.set(object, copy);
    for (const key of Object.keys(object)) copy[key] = this.copyIn((object as Record<string, unknown>)[key], seen);
    return copy;
  }

  /**
   * A page function keeps its own enumerable data properties on the sandbox side, copied again each
   * time it crosses: published tests read the queue array createArgumentsQueue('fn', 'fn.q') hangs
   * off the function it returns (docs/emulator.md, "Functions from the page").
   */
  private copyFunctionProperties(hostFunction: object, wrapper: unknown): void {
    for (const key of Object.keys(hostFunction)) {
      const descriptor = Object.getOwnPropertyDescriptor(hostFunction, key);
      if (!descriptor || !('value' in descriptor)) continue; // no getters run on the host side
      (wrapper as Record<string, unknown>)[key] = this.copyIn(descriptor.value);
    }
  }

  private hostPromiseToRealm(promise: PromiseLike<unknown>): unknown {
    let resolveRealm!: (value: unknown) => void;
    let rejectRealm!: (reason: unknown) => void;
    const realmPromise = this.intr.markHandled(
      new this.intr.Promise((resolve, reject) => {
        resolveRealm = resolve;
        rejectRealm = reject;
      }),
    );
    const settled = Promise.resolve(promise).then(
      (result) => resolveRealm(this.copyIn(result)),
      (reason) => rejectRealm(this.toRealmThrowable(reason)),
    );
    this.onPending(settled);
    return realmPromise;
  }

  // ---------------------------------------------------------------- realm → host
  copyOutArray(values: ArrayLike<unknown>): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < values.length; i++) out.push(this.copyOut(values[i]));
    return out;
  }

  copyOut(value: unknown, seen?: Map<object, unknown>): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const object = value as object;
    if (typeof value === 'function') {
      const hostOriginal = this.hostFunctionOf.get(object);
      if (hostOriginal) return hostOriginal;
      if (this.isHostValue(object)) return value;
      return this.hostWrapperFor(value as (...args: unknown[]) => unknown);
    }
    if (!this.inRealm(object)) return value; // already a host value
    if (object instanceof this.intr.Promise) return this.realmPromiseToHost(object as Promise<unknown>);
    if (object instanceof this.intr.RegExp) {
      const regex = object as RegExp;
      return new RegExp(regex.source, regex.flags);
    }
    if (object instanceof this.intr.Error) {
      const original = this.hostErrorOf.get(object);
      if (original) return original;
      const error = new Error(String((object as Error).message));
      const name = (object as Error).name;
      if (name && name !== 'Error') error.name = name;
      return error;
    }
    seen ??= new Map();
    const known = seen.get(object);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const array: unknown[] = [];
      seen.set(object, array);
      for (let i = 0; i < value.length; i++) array.push(this.copyOut(value[i], seen));
      return array;
    }
    const copy: Record<string, unknown> = {};
    seen.set(object, copy);
    for (const key of Object.keys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !('value' in descriptor)) continue; // no getters run on the host side
      copy[key] = this.copyOut(descriptor.value, seen);
    }
    return copy;
  }

  /** Host-callable wrapper of a realm function: arguments copied in, result copied out. */
  hostWrapperFor(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    let wrapper = this.hostWrapperOf.get(fn);
    if (!wrapper) {
      wrapper = (...args: unknown[]) => this.callRealm(fn, args);
      this.hostWrapperOf.set(fn, wrapper);
      this.realmFunctionOf.set(wrapper, fn);
    }
    return wrapper;
  }

  /** Calls a realm function from host code. Called from outside the sandbox, errors are reported, not thrown. */
  callRealm(fn: (...args: unknown[]) => unknown, hostArgs: unknown[]): unknown {
    // Called from inside a run (this realm's or another's: a window function of a finished run
    // called through callInWindow), errors propagate to the caller.
    const nested = this.depth > 0 || entriesOnStack > 0;
    if (!this.busy && this.depth === 0) {
      // No run owns this realm: the call gets its own time limit, not a finished run's deadline.
      this.deadline = Date.now() + IDLE_ENTRY_BUDGET_MS;
      this.timedOut = false;
      this.tickState.n = TICK_INTERVAL;
    }
    try {
      return this.enter(() => {
        const realmArgs = this.intr.makeArray();
        for (let i = 0; i < hostArgs.length; i++) realmArgs[i] = this.copyIn(hostArgs[i]);
        return this.copyOut(this.intr.reflectApply(fn, undefined, realmArgs));
      });
    } catch (error) {
      if (nested) throw error;
      this.onAsyncError(error);
      return undefined;
    }
  }

  private realmPromiseToHost(promise: Promise<unknown>): Promise<unknown> {
    const hostPromise = new Promise((resolve, reject) => {
      this.intr.promiseThen(
        promise,
        this.intr.makeWrapper((args) => resolve(this.copyOut(args[0]))),
        this.intr.makeWrapper((args) => reject(this.copyOut(args[0]))),
      );
    });
    // A host API may ignore a promise it was given; its rejection must not crash the host.
    hostPromise.catch(() => undefined);
    return hostPromise;
  }

  /** A deep copy inside the realm: containers are new, functions/promises/regexes keep their identity. */
  cloneInRealm(value: unknown, seen?: Map<object, unknown>): unknown {
    if (value === null || typeof value !== 'object') return value;
    const object = value as object;
    if (object instanceof this.intr.Promise || object instanceof this.intr.RegExp || object instanceof this.intr.Error) {
      return value;
    }
    if (!this.inRealm(object)) return this.copyIn(value, seen);
    seen ??= new Map();
    const known = seen.get(object);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const array = this.intr.makeArray();
      seen.set(object, array);
      for (let i = 0; i < value.length; i++) array[i] = this.cloneInRealm(value[i], seen);
      return array;
    }
    const copy = this.intr.makeObject();
    seen.set(object, copy);
    for (const key of Object.keys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !('value' in descriptor)) continue;
      copy[key] = this.cloneInRealm(descriptor.value, seen);
    }
    return copy;
  }
}

/** Host class instances with a then method (not plain objects, whose `then` is just data). */
function isThenable(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto !== null && Object.getPrototypeOf(proto) !== null && typeof (value as { then?: unknown }).then === 'function';
}

let rejectionGuardInstalled = false;

/**
 * Sandbox code may leave a promise rejection unhandled (GTM ignores it). Node would treat it as a
 * fatal error of the host process, so sandbox rejections are swallowed here; any other unhandled
 * rejection keeps Node's default behaviour when nobody else listens.
 */
export function installRejectionGuard(): void {
  if (rejectionGuardInstalled) return;
  rejectionGuardInstalled = true;
  process.on('unhandledRejection', (reason, promise) => {
    // Sandbox promises are recognisable: the trimmed realm has no Promise.prototype.constructor.
    const proto = Object.getPrototypeOf(promise);
    if (proto && proto.constructor === undefined) return;
    if (process.listenerCount('unhandledRejection') > 1) return;
    throw reason;
  });
}
