// One isolated JavaScript realm (a Node `vm` context) shaped like GTM's sandbox: no globals but
// `undefined` (plus the non-deletable NaN/Infinity), built-in prototypes trimmed to GTM's documented
// methods, no code generation from strings. The host never hands a host object to sandbox code:
// values are copied across (copyIn/copyOut) and functions are wrapped in both directions.
//
// The boundary rule: whatever host code throws or returns reaches sandbox code only as a value
// made in the realm. Host functions are called through realm wrappers that never rethrow what the
// host threw: the host side converts its own result or error and hands it over in a realm "box";
// anything else that escapes host code (a stack overflow raised in a host frame while converting)
// is dropped and replaced by a fresh realm RangeError. Engine errors also carry a lazily formatted
// `stack`, whose formatting runs Node's host-side stack hook with sandbox-controlled values, so the
// realm deletes `stack` from every error it delivers to sandbox code (catch clauses, rejection
// handlers, errors crossing from host frames).

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
  /**
   * `new Promise(executor)`, marked handled before the executor runs: a rejection can never be
   * reported as unhandled, not even when marking would fail afterwards (near the stack limit).
   */
  makePromise(executor: unknown): Promise<unknown>;
  RegExp: RegExpConstructor;
  Error: ErrorConstructor;
  reflectApply: (fn: unknown, thisArg: unknown, args: ArrayLike<unknown>) => unknown;
  makeObject(): Record<string, unknown>;
  makeArray(): unknown[];
  /**
   * A realm function calling `impl` with the realm array of its arguments and a fresh box. `impl`
   * returns a realm value, or puts a realm value to throw in the box; whatever `impl` itself
   * throws is dropped and a fresh realm RangeError is thrown instead (see the boundary rule above).
   */
  makeWrapper(impl: (args: unknown[], box: ThrowBox) => unknown): (...args: unknown[]) => unknown;
  /**
   * The budget function the instrumented code calls (`tick()` at every function entry and loop
   * iteration, `caught = tick(caught)` at the start of every catch clause). `check` runs every
   * `interval` calls and returns a realm error to throw when the run is over its limit.
   */
  makeTick(check: () => unknown): { tick: (caught?: unknown) => unknown; state: { n: number } };
  /** Deletes the lazily formatted `stack` of a realm error (any other value is returned as is). */
  scrub<T>(value: T): T;
  /** Promise reactions of sandbox code run through `guard(handler, value, box)` while it is set. */
  setReactionGuard(guard: ((handler: unknown, value: unknown, box: ThrowBox) => unknown) | null): void;
  setEntry(entry: () => unknown): void;
}

/** Where a host function called from the realm puts the realm value it wants thrown. */
export interface ThrowBox {
  threw: boolean;
  value: unknown;
}

const BOOTSTRAP = `(function () {
  'use strict';
  var g = globalThis;
  var reflectApply = Reflect.apply;
  var ownKeys = Reflect.ownKeys;
  var deleteProperty = Reflect.deleteProperty;
  var defineProperty = Object.defineProperty;
  var objectToString = Object.prototype.toString;
  var RangeErrorCtor = RangeError;
  var P = Promise;
  var then = P.prototype.then;
  var resolve = P.resolve, all = P.all, reject = P.reject;
  var keep = KEEP_JSON;
  // Engine errors get a 'stack' whose first read formats it through Node's stack hook: host code
  // that reads the error's name and message and may overflow in host frames. Sandbox code never
  // sees that property (the host reads it from errors no sandbox code caught).
  var scrub = function (value) {
    if (value !== null && typeof value === 'object' && reflectApply(objectToString, value, []) === '[object Error]') {
      deleteProperty(value, 'stack');
    }
    return value;
  };
  // What a wrapper throws when host code failed to hand over its own result: the only way that
  // happens is a stack overflow in a host frame, so that is what the sandbox sees.
  var overflow = function () {
    var error = new RangeErrorCtor('Maximum call stack size exceeded');
    deleteProperty(error, 'stack');
    return error;
  };
  var guard = null;
  var guarded = function (handler, value) {
    var box = { threw: false, value: undefined };
    var result;
    try {
      result = guard(handler, value, box);
    } catch (hostError) {
      throw overflow();
    }
    if (box.threw) throw box.value;
    return result;
  };
  var onFulfilledOf = function (handler) {
    if (typeof handler !== 'function' || guard === null) return handler;
    return function (value) { return guard === null ? handler(value) : guarded(handler, value); };
  };
  var onRejectedOf = function (handler) {
    if (typeof handler !== 'function') return handler;
    return function (reason) {
      scrub(reason);
      return guard === null ? handler(reason) : guarded(handler, reason);
    };
  };
  // GTM ignores rejections nobody handles; in Node they would reach the host process (and fail a
  // jest run). Every promise made by then/catch/finally is therefore marked handled right away.
  var noop = function () {};
  P.prototype.then = function (onFulfilled, onRejected) {
    var next = reflectApply(then, this, [onFulfilledOf(onFulfilled), onRejectedOf(onRejected)]);
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
    makePromise: function (executor) {
      if (typeof executor !== 'function') return new P(executor); // the engine's own TypeError
      var settle = null;
      var promise = new P(function (resolveFn, rejectFn) { settle = { resolve: resolveFn, reject: rejectFn }; });
      handled(promise);
      try {
        executor(settle.resolve, settle.reject);
      } catch (error) {
        settle.reject(error);
      }
      return promise;
    },
    RegExp: RegExp,
    Error: Error,
    reflectApply: reflectApply,
    makeObject: function () { return {}; },
    makeArray: function () { return []; },
    makeWrapper: function (impl) {
      return (...args) => {
        var box = { threw: false, value: undefined };
        var result;
        try {
          result = impl(args, box);
        } catch (hostError) {
          // Never rethrown: it may be a host object (see realm.ts).
          throw overflow();
        }
        if (box.threw) throw box.value;
        return result;
      };
    },
    makeTick: function (check) {
      var state = { n: 0 };
      var slow = function () {
        var failure;
        try {
          failure = check();
        } catch (hostError) {
          failure = overflow();
        }
        if (failure !== undefined) throw failure;
      };
      return {
        state: state,
        tick: function (caught) {
          if (--state.n < 0) slow();
          return caught === undefined ? caught : scrub(caught);
        },
      };
    },
    scrub: scrub,
    setReactionGuard: function (fn) { guard = fn; },
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

/**
 * Limits of one copy between host and realm. GTM documents none; these only stop values no
 * template needs from exhausting the host's stack or memory (a 200,000-deep array, an array
 * whose length was set to 2^32 - 1), with a clear error instead.
 */
export const MAX_COPY_DEPTH = 1000;
export const MAX_COPY_VALUES = 5_000_000;
/** How many copied values between two deadline checks. */
const COPY_CHECK_INTERVAL = 8192;

/** Sandbox entries on the host stack, all realms together (a realm's function called from another realm's run is nested). */
let entriesOnStack = 0;

export class SandboxTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxTimeoutError';
  }
}

/** A value the emulator refuses to copy between host and sandbox (too deep, too large). */
export class SandboxCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxCopyError';
  }
}

/** State of one copy: objects already copied (cycles), values copied so far, nesting depth. */
interface CopyState {
  seen: Map<object, unknown>;
  count: number;
}

/**
 * A property's value as stored, own or inherited, without running a getter, a proxy trap or
 * any other code: `undefined` when absent or an accessor.
 */
export function dataProperty(value: unknown, key: string): unknown {
  let object: unknown = value;
  for (let depth = 0; object !== null && (typeof object === 'object' || typeof object === 'function') && depth < 64; depth++) {
    if (types.isProxy(object)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (descriptor) return 'value' in descriptor ? descriptor.value : undefined;
    object = Object.getPrototypeOf(object);
  }
  return undefined;
}

/** A primitive as text; anything else (whose conversion could run sandbox code) is not converted. */
export function primitiveText(value: unknown): string | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) return String(value);
  return undefined;
}

/**
 * A realm plus the copy machinery. One Realm serves one run at a time (the pool in runtime.ts hands
 * it out again after a run that left nothing pending).
 */
export class Realm {
  readonly context: vm.Context;
  readonly intr: RealmIntrinsics;
  readonly tick: (caught?: unknown) => unknown;
  private readonly tickState: { n: number };
  /** Absolute deadline (ms since epoch) of the current run; ticks past it throw. */
  deadline = Infinity;
  timedOut = false;
  /** True between startRun and endRun (the realm serves a run; otherwise it is pooled or dropped). */
  busy = false;
  /**
   * Whether top-level entries (the run's code, callbacks, promise reactions) run under V8's
   * watchdog (vm `timeout`), which also interrupts long engine built-ins such as a catastrophic
   * regex. Set per run (isolated runs turn it on: it costs a thread start per entry).
   */
  watchdog = false;
  /** Realm function → host wrapper (stable, so functions compare by reference after copying). */
  private readonly hostWrapperOf = new WeakMap<object, (...args: unknown[]) => unknown>();
  /** Host wrapper → realm function it wraps, and realm wrapper → host function it wraps. */
  private readonly realmFunctionOf = new WeakMap<object, unknown>();
  private readonly hostFunctionOf = new WeakMap<object, unknown>();
  private readonly realmWrapperOf = new WeakMap<object, unknown>();
  /** Realm errors created from host errors keep the original (permission errors, timeouts). */
  readonly hostErrorOf = new WeakMap<object, Error>();
  /**
   * The stack an engine error had when it crossed a host frame on its way back to sandbox code
   * (which gets it without): the host still names the line where it was thrown.
   */
  readonly stackOf = new WeakMap<object, string>();
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

  /** Undefined while the run is within its limit; else the realm error the budget function throws. */
  private checkBudget(): unknown {
    if (this.timedOut || Date.now() > this.deadline) {
      this.timedOut = true;
      this.tickState.n = 0;
      return this.realmError(new SandboxTimeoutError('time limit exceeded (the code loops or never ends)'));
    }
    this.tickState.n = TICK_INTERVAL;
    return undefined;
  }

  startRun(deadline: number, watchdog = false): void {
    this.deadline = deadline;
    this.timedOut = false;
    this.busy = true;
    this.watchdog = watchdog;
    this.tickState.n = TICK_INTERVAL;
    this.intr.setReactionGuard(watchdog ? this.reactionGuard : null);
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
   * timeout (given, or the rest of the run's time when the watchdog is on) the whole synchronous
   * run is interrupted even inside engine built-ins.
   */
  enter<T>(job: () => T, timeoutMs?: number): T {
    if (this.depth > 0) return job();
    if (timeoutMs === undefined && this.watchdog) {
      const remaining = this.deadline - Date.now();
      if (remaining <= 0 || this.timedOut) {
        this.timedOut = true;
        throw new SandboxTimeoutError('time limit exceeded (the code loops or never ends)');
      }
      timeoutMs = remaining;
    }
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

  /**
   * Runs a sandbox promise reaction at top level under the watchdog (reactions nested in a running
   * entry need none). Its result or error goes back to the realm through the box.
   */
  private readonly reactionGuard = (handler: unknown, value: unknown, box: ThrowBox): unknown =>
    this.boxed(box, () => this.enter(() => this.intr.reflectApply(handler, undefined, [value])));

  /** A realm Error carrying the host error's name and message, without a stack. */
  realmError(error: unknown): Error {
    const isError = types.isNativeError(error);
    // Host errors are read normally; another realm's error only through stored values.
    const hostMade = error instanceof Error;
    const read = (key: 'message' | 'name'): string | undefined =>
      hostMade ? String((error as Error)[key]) : primitiveText(dataProperty(error, key));
    const message = isError ? read('message') ?? '' : primitiveText(error) ?? 'error';
    const name = isError ? read('name') : undefined;
    const realmError = new this.intr.Error(message);
    this.intr.scrub(realmError);
    if (name && name !== 'Error') (realmError as { name: string }).name = name;
    if (isError) this.hostErrorOf.set(realmError, error as Error);
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

  /** A realm value: primitives and this realm's objects as they are, anything else copied in. */
  private ensureRealm(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    return this.inRealm(value) ? value : this.copyIn(value);
  }

  /**
   * The host half of every realm wrapper: runs `job`, returns its result as a realm value, and
   * turns whatever it throws into a realm value put in the box (never thrown at the realm).
   */
  private boxed(box: ThrowBox, job: () => unknown): unknown {
    try {
      return this.ensureRealm(job());
    } catch (error) {
      box.value = this.toRealmThrowable(error);
      box.threw = true;
      return undefined;
    }
  }

  /** Wraps a host function as a realm function receiving copied arguments; errors become realm errors. */
  wrapHostFunction(fn: (...args: unknown[]) => unknown, onCall?: (args: unknown[]) => void): (...args: unknown[]) => unknown {
    const realmFn = this.intr.makeWrapper((realmArgs, box) =>
      this.boxed(box, () => {
        const hostArgs = this.copyOutArray(realmArgs);
        if (onCall) onCall(hostArgs);
        return this.copyIn(fn(...hostArgs));
      }),
    );
    this.hostFunctionOf.set(realmFn, fn);
    return realmFn;
  }

  /**
   * Errors raised by host code become realm values: a host error becomes a fresh realm error, a
   * thrown host value is copied in, a realm value stays (without its stack). If the conversion
   * itself fails, the realm gets an error saying why (the caller is inside a realm wrapper, which
   * turns a failure of this very fallback into a realm RangeError).
   */
  toRealmThrowable(error: unknown): unknown {
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function') && this.inRealm(error)) {
        // A realm value (e.g. thrown by template code under runCode, a sandbox callback or a mock).
        if (types.isNativeError(error)) this.keepStack(error);
        return this.intr.scrub(error);
      }
      if (types.isNativeError(error)) return this.realmError(error);
      return this.copyIn(error);
    } catch (conversionError) {
      return this.realmError(conversionError);
    }
  }

  /**
   * Remembers an engine error's stack for the host's messages. Formatting it here runs host code
   * only: no sandbox code has had the error yet, so its name and message are the engine's.
   */
  private keepStack(error: object): void {
    if (this.stackOf.has(error)) return;
    try {
      const descriptor = Object.getOwnPropertyDescriptor(error, 'stack');
      if (descriptor && typeof descriptor.value === 'string') this.stackOf.set(error, descriptor.value);
    } catch {
      // Formatting failed (a stack overflow in a host frame): the message goes without a line.
    }
  }

  /** A realm function calling a host function with the raw realm arguments (no copying). */
  rawRealmFunction(impl: (args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    return this.intr.makeWrapper((args, box) => this.boxed(box, () => impl(args)));
  }

  private copyState(): CopyState {
    return { seen: new Map(), count: 0 };
  }

  /** Counts one copied value; refuses too deep or too large values and copies past the deadline. */
  private countCopy(state: CopyState, depth: number, extra = 1): void {
    if (depth > MAX_COPY_DEPTH) {
      throw new SandboxCopyError(`value nested more than ${MAX_COPY_DEPTH} levels deep (arrays or objects inside each other): the emulator does not copy it between the sandbox and the host`);
    }
    const before = state.count;
    state.count += extra;
    if (state.count > MAX_COPY_VALUES) {
      throw new SandboxCopyError(`value too large to copy between the sandbox and the host (more than ${MAX_COPY_VALUES} elements and properties)`);
    }
    if (Math.floor(before / COPY_CHECK_INTERVAL) !== Math.floor(state.count / COPY_CHECK_INTERVAL) && Date.now() > this.deadline) {
      this.timedOut = true;
      throw new SandboxTimeoutError('time limit exceeded while copying a value between the sandbox and the host');
    }
  }

  // ---------------------------------------------------------------- host → realm
  copyIn(value: unknown, state?: CopyState, depth = 0): unknown {
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
    state ??= this.copyState();
    const known = state.seen.get(object);
    if (known !== undefined) return known;
    // A page's Arguments object is a list: the sandbox has no Arguments type (docs/emulator.md).
    if (Array.isArray(value) || types.isArgumentsObject(value)) {
      const list = value as ArrayLike<unknown>;
      this.countCopy(state, depth, list.length + 1);
      const array = this.intr.makeArray();
      state.seen.set(object, array);
      for (let i = 0; i < list.length; i++) array[i] = this.copyIn(list[i], state, depth + 1);
      return array;
    }
    const keys = Object.keys(object);
    this.countCopy(state, depth, keys.length + 1);
    const copy = this.intr.makeObject();
    state.seen.set(object, copy);
    for (const key of keys) copy[key] = this.copyIn((object as Record<string, unknown>)[key], state, depth + 1);
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
    // Settled with realm values only: a value that cannot be copied rejects with a realm error.
    const settle = (convert: () => unknown, fulfilled: boolean): void => {
      let value: unknown;
      try {
        value = convert();
      } catch (error) {
        fulfilled = false;
        value = this.toRealmThrowable(error);
      }
      if (fulfilled) resolveRealm(value);
      else rejectRealm(value);
    };
    const settled = Promise.resolve(promise).then(
      (result) => settle(() => this.copyIn(result), true),
      (reason) => settle(() => this.toRealmThrowable(reason), false),
    );
    this.onPending(settled);
    return realmPromise;
  }

  // ---------------------------------------------------------------- realm → host
  copyOutArray(values: ArrayLike<unknown>): unknown[] {
    const out: unknown[] = [];
    const state = this.copyState();
    this.countCopy(state, 0, values.length);
    for (let i = 0; i < values.length; i++) out.push(this.copyOut(values[i], state, 1));
    return out;
  }

  /**
   * A host copy of a realm value. Runs no sandbox code: properties are read from their
   * descriptors (getters are skipped), errors give their stored name and message.
   */
  copyOut(value: unknown, state?: CopyState, depth = 0): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const object = value as object;
    if (typeof value === 'function') {
      const hostOriginal = this.hostFunctionOf.get(object);
      if (hostOriginal) return hostOriginal;
      if (this.isHostValue(object)) return value;
      return this.hostWrapperFor(value as (...args: unknown[]) => unknown);
    }
    if (!this.inRealm(object)) return value; // already a host value
    if (types.isPromise(object)) return this.realmPromiseToHost(object as Promise<unknown>);
    if (types.isRegExp(object)) {
      const regex = object as RegExp;
      return new RegExp(regex.source, regex.flags);
    }
    if (types.isNativeError(object)) {
      const original = this.hostErrorOf.get(object);
      if (original) return original;
      const error = new Error(primitiveText(dataProperty(object, 'message')) ?? '');
      const name = primitiveText(dataProperty(object, 'name'));
      if (name && name !== 'Error') error.name = name;
      return error;
    }
    state ??= this.copyState();
    const known = state.seen.get(object);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      this.countCopy(state, depth, value.length + 1);
      const array: unknown[] = [];
      state.seen.set(object, array);
      for (let i = 0; i < value.length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i);
        array.push(descriptor && 'value' in descriptor ? this.copyOut(descriptor.value, state, depth + 1) : undefined);
      }
      return array;
    }
    const keys = Object.keys(object);
    this.countCopy(state, depth, keys.length + 1);
    const copy: Record<string, unknown> = {};
    state.seen.set(object, copy);
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !('value' in descriptor)) continue; // no getters run on the host side
      copy[key] = this.copyOut(descriptor.value, state, depth + 1);
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
      const settle = (value: unknown, fulfilled: boolean): void => {
        try {
          const copy = this.copyOut(value);
          if (fulfilled) resolve(copy);
          else reject(copy);
        } catch (error) {
          reject(error);
        }
      };
      this.intr.promiseThen(
        promise,
        this.intr.makeWrapper((args) => settle(args[0], true)),
        this.intr.makeWrapper((args) => settle(args[0], false)),
      );
    });
    // A host API may ignore a promise it was given; its rejection must not crash the host.
    hostPromise.catch(() => undefined);
    return hostPromise;
  }

  /** A deep copy inside the realm: containers are new, functions/promises/regexes keep their identity. */
  cloneInRealm(value: unknown, state?: CopyState, depth = 0): unknown {
    if (value === null || typeof value !== 'object') return value;
    const object = value as object;
    if (types.isPromise(object) || types.isRegExp(object) || types.isNativeError(object)) {
      return this.inRealm(object) ? value : this.copyIn(value);
    }
    if (!this.inRealm(object)) return this.copyIn(value, state, depth);
    state ??= this.copyState();
    const known = state.seen.get(object);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      this.countCopy(state, depth, value.length + 1);
      const array = this.intr.makeArray();
      state.seen.set(object, array);
      for (let i = 0; i < value.length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i);
        array[i] = descriptor && 'value' in descriptor ? this.cloneInRealm(descriptor.value, state, depth + 1) : undefined;
      }
      return array;
    }
    const keys = Object.keys(object);
    this.countCopy(state, depth, keys.length + 1);
    const copy = this.intr.makeObject();
    state.seen.set(object, copy);
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !('value' in descriptor)) continue;
      copy[key] = this.cloneInRealm(descriptor.value, state, depth + 1);
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
