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

/** What a page needs from a run (Session implements it; drainPage has its own). */
export interface PageRunner {
  readonly record: RunRecord;
  /** Queues a callback on this runner's callLater queue (runs after pending promise reactions). */
  enqueue(fn: () => void): void;
  /** Keeps this runner alive until the promise settles. */
  track(promise: Promise<unknown>): void;
}

export class PageScheduler {
  /** Runs started on this page and not finished yet, oldest first; the newest one adopts work. */
  readonly active: PageRunner[] = [];
  /** Work queued while no run was active. */
  readonly queue: (() => void)[] = [];
  /** Host work started by finished runs while no run was active (HTTP, script loads). */
  readonly pending = new Set<Promise<unknown>>();
  /** Effects of finished runs' functions executed while no run was active (since the last drainPage). */
  looseRecord: RunRecord = emptyRecord();
  /** Exceptions thrown by callbacks of finished runs (they fail no run; drainPage reports them). */
  errors: string[] = [];

  current(): PageRunner | undefined {
    return this.active.length > 0 ? this.active[this.active.length - 1] : undefined;
  }

  /** The record an effect of a finished run goes to: the active run's, else the page's own. */
  recordTarget(): RunRecord {
    return this.current()?.record ?? this.looseRecord;
  }

  enqueue(fn: () => void): void {
    const runner = this.current();
    if (runner) runner.enqueue(fn);
    else this.queue.push(fn);
  }

  track(promise: Promise<unknown>): void {
    const runner = this.current();
    if (runner) {
      runner.track(promise);
      return;
    }
    const settled = Promise.resolve(promise).then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  enter(runner: PageRunner): void {
    this.active.push(runner);
  }

  leave(runner: PageRunner): void {
    const index = this.active.lastIndexOf(runner);
    if (index >= 0) this.active.splice(index, 1);
  }
}

const pages = new WeakMap<object, PageScheduler>();

/** The object identifying the page (web: window) or event (server: event data) of an environment. */
export function pageKeyOf(env: Environment): object {
  if (env.context === 'WEB' || ('window' in env && env.window !== undefined)) {
    const window = (env as { window?: Record<string, unknown> }).window;
    if (window) return window;
  }
  return eventKey(env);
}

export function pageOf(key: object): PageScheduler {
  let page = pages.get(key);
  if (!page) pages.set(key, (page = new PageScheduler()));
  return page;
}

/** The scheduler for an environment if one exists (no allocation otherwise). */
export function existingPageOf(env: Environment): PageScheduler | undefined {
  return pages.get(pageKeyOf(env));
}
