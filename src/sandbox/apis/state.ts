// Per-environment state the APIs keep outside the environment object: listeners and callbacks
// registered by templates. Keyed by the environment so several runs (several tags of one event,
// or one page) that share an environment object share it, as they would in GTM.

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

export function stateOf(env: Environment): EnvironmentState {
  let state = states.get(env);
  if (!state) {
    state = {
      eventCallbacks: [],
      messageListeners: new Map(),
      consentListeners: new Map(),
      scriptCache: new Map(),
      requestClaimed: false,
    };
    states.set(env, state);
  }
  return state;
}

/** Whether a client called claimRequest in this environment. */
export function isRequestClaimed(env: Environment): boolean {
  return stateOf(env).requestClaimed;
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
  const state = stateOf(host.env);
  const callbacks = state.eventCallbacks.splice(0);
  for (const callback of callbacks) callback(containerId, eventData);
}
