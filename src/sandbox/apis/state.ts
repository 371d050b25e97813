// State the APIs keep outside the environment: listeners and callbacks registered by templates.
// Keyed by an object that runs sharing a world share: the event data object (server: one event,
// all its tags) for event callbacks and messages, the request object for claimRequest, the
// consent record for consent listeners, the page's window for the injectScript
// cache (the runtime copies the environment object per run, but keeps the Maps/objects inside
// it by reference, so a page's window or consent object identifies the page across runs).

import type { Environment } from '../environment';
import type { ApiHost } from './types';

type Callback = (...args: unknown[]) => unknown;

export interface EnvironmentState {
  eventCallbacks: Callback[];
  messageListeners: Map<string, Callback[]>;
  consentListeners: Map<string, Callback[]>;
  /** injectScript cacheToken -> outcome once settled, with callbacks waiting for it. */
  scriptCache: Map<string, { outcome?: 'load' | 'fail'; waiting: { onSuccess?: Callback; onFailure?: Callback }[] }>;
  requestClaimed: boolean;
}

const states = new WeakMap<object, EnvironmentState>();

export function stateOf(key: Environment | object): EnvironmentState {
  let state = states.get(key);
  if (!state) {
    state = {
      eventCallbacks: [],
      messageListeners: new Map(),
      consentListeners: new Map(),
      scriptCache: new Map(),
      requestClaimed: false,
    };
    states.set(key, state);
  }
  return state;
}

/** The key of per-event state: the event data object when there is one, else the environment. */
export function eventKey(env: Environment): object {
  const eventData = (env as { eventData?: unknown }).eventData;
  return typeof eventData === 'object' && eventData !== null ? eventData : env;
}

/** The key of per-request state: the request object when there is one, else the environment. */
export function requestKey(env: Environment): object {
  const request = (env as { request?: unknown }).request;
  return typeof request === 'object' && request !== null ? request : env;
}

/** Whether a client called claimRequest for this environment's request. */
export function isRequestClaimed(env: Environment): boolean {
  return stateOf(requestKey(env)).requestClaimed;
}

/**
 * Runs the callbacks registered with addEventCallback (the runtime or server calls this once all
 * tags of the event are done). Each gets (containerId, eventData); they are then cleared.
 */
export function fireEventCallbacks(
  host: Pick<ApiHost, 'env'>,
  containerId: string,
  eventData: { tags: { id: string; status: string; executionTime?: number }[] } & Record<string, unknown> = { tags: [] },
): void {
  const state = stateOf(eventKey(host.env));
  const callbacks = state.eventCallbacks.splice(0);
  for (const callback of callbacks) callback(containerId, eventData);
}
