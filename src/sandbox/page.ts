// Page-lifetime scheduling. A function a template leaves behind (a stub put into window with
// setInWindow, a message listener, a consent listener) outlives the run that created it: page code
// or a later run may call it, and GTM then still runs the callbacks it queues (injectScript
// onSuccess, callLater, sendPixel, sha256...). The run that created it has finished, so its work is
// handed to the page: to the run currently active on the same page (it joins that run's callLater
// queue, in order, and is recorded in that run's record), or, when no run is active, kept on the
// page until the next run on it drains it or a host calls `drainPage(env)`.
//
// A "page" is the object runs sharing a world share: the web page's `window` object, and for a
// server container the event's event data (the key addMessageListener/sendMessage already use).

import { emptyRecord, type Environment, type RunRecord } from './environment';
import { eventKey } from './apis/state';

/** What a page needs from a run (Session implements it). */
export interface PageRunner {
  /** The page (web window) or event (server event data) the run belongs to. */
  readonly pageKey: object;
  readonly record: RunRecord;
  /** Queues a callback on this runner's callLater queue (runs after pending promise reactions). */
  enqueue(fn: () => void): void;
  /** Keeps this runner alive until the promise settles. */
  track(promise: Promise<unknown>): void;
}

/**
 * Runs in progress, all pages together, oldest first (a handful at most). Kept as one array so a
 * run costs a push and a splice, and a page allocates nothing until a finished run's function
 * queues work while no run of that page is active.
 */
const activeRunners: PageRunner[] = [];

/** Work a finished run's functions left while no run of their page was active (one queue per page). */
export class PageScheduler {
  readonly queue: (() => void)[] = [];
  /** Host work started by finished runs while no run was active (HTTP, script loads). */
  readonly pending = new Set<Promise<unknown>>();
  /** Effects recorded while no run was active (made when first needed; drainPage hands it over). */
  looseRecord: RunRecord | undefined;
  /** Exceptions thrown by callbacks of finished runs (they fail no run; drainPage reports them). */
  readonly errors: string[] = [];

  /** The effects recorded while no run was active since the last call. */
  takeLooseRecord(): RunRecord {
    const record = this.looseRecord ?? emptyRecord();
    this.looseRecord = undefined;
    return record;
  }
}

const pages = new WeakMap<object, PageScheduler>();
/** Callbacks waiting in page queues, all pages together: drains skip the page lookup when 0. */
let parkedCallbacks = 0;

/** The object identifying the page (web: window) or event (server: event data) of an environment. */
export function pageKeyOf(env: Environment): object {
  const window = (env as { window?: Record<string, unknown> }).window;
  if (env.context === 'WEB' || window !== undefined) {
    if (window) return window;
  }
  return eventKey(env);
}

function pageOf(key: object): PageScheduler {
  let page = pages.get(key);
  if (!page) pages.set(key, (page = new PageScheduler()));
  return page;
}

/** The scheduler of an environment's page if one exists (no allocation otherwise). */
export function existingPageOf(env: Environment): PageScheduler | undefined {
  return pages.get(pageKeyOf(env));
}

export function enterPage(runner: PageRunner): void {
  activeRunners.push(runner);
}

export function leavePage(runner: PageRunner): void {
  const index = activeRunners.lastIndexOf(runner);
  if (index >= 0) activeRunners.splice(index, 1);
}

/** The newest run in progress on this page. */
function activeRunnerOf(key: object): PageRunner | undefined {
  for (let i = activeRunners.length - 1; i >= 0; i--) if (activeRunners[i].pageKey === key) return activeRunners[i];
  return undefined;
}

/** Queues work of a finished run: on the page's active run, else on the page. */
export function pageEnqueue(key: object, fn: () => void): void {
  const runner = activeRunnerOf(key);
  if (runner) {
    runner.enqueue(fn);
    return;
  }
  pageOf(key).queue.push(fn);
  parkedCallbacks++;
}

/** Host work of a finished run: awaited by the page's active run, else by drainPage. */
export function pageTrack(key: object, promise: Promise<unknown>): void {
  const runner = activeRunnerOf(key);
  if (runner) {
    runner.track(promise);
    return;
  }
  const page = pageOf(key);
  const settled = Promise.resolve(promise).then(
    () => undefined,
    () => undefined,
  );
  page.pending.add(settled);
  void settled.then(() => page.pending.delete(settled));
}

/** Where an effect of a finished run's function is recorded: the page's active run, else the page. */
export function pageRecordTarget(key: object): RunRecord {
  const runner = activeRunnerOf(key);
  if (runner) return runner.record;
  const page = pageOf(key);
  return (page.looseRecord ??= emptyRecord());
}

export function pageError(key: object, message: string): void {
  pageOf(key).errors.push(message);
}

/** Takes the callbacks parked on a page (a run adopting them). */
export function takeParked(key: object): (() => void)[] | undefined {
  if (parkedCallbacks === 0) return undefined;
  const page = pages.get(key);
  if (!page || page.queue.length === 0) return undefined;
  parkedCallbacks -= page.queue.length;
  return page.queue.splice(0);
}

/** Takes the next parked callback of a page (drainPage). */
export function shiftParked(page: PageScheduler): (() => void) | undefined {
  const next = page.queue.shift();
  if (next) parkedCallbacks--;
  return next;
}
