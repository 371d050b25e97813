// The messages between the parent (./isolation.ts) and the isolated worker
// (./isolation-worker.ts), and how values are made plain data to cross the process boundary.

import type { Environment, HttpOutcome, OutgoingHttpRequest } from './environment';
import type { LoadOptions } from './template';

/** Marks this protocol's messages; anything else on the channel is ignored. */
export const ISOLATION_CHANNEL = 'gtm-sandbox-isolation';
type Channel = typeof ISOLATION_CHANNEL;

/** The parts of an Environment that cross to the worker as data; functions are described. */
export interface TransferredEnvironment {
  values: Record<string, unknown>;
  /** Outgoing HTTP goes back to the parent's `http` function. */
  httpViaParent: boolean;
  /** env.now() read when the run starts (the worker's clock advances from there). */
  nowAtStart?: number;
}

export type ParentMessage =
  | { channel: Channel; kind: 'load'; key: string; text: string; fileName: string; options: LoadOptions }
  | { channel: Channel; kind: 'run'; id: number; key: string; data: unknown; env: TransferredEnvironment; timeoutMs: number }
  | { channel: Channel; kind: 'scenario'; id: number; key: string; scenario: string; timeoutMs: number }
  | { channel: Channel; kind: 'http-result'; callId: number; outcome?: HttpOutcome; error?: string };

export type WorkerMessage =
  | { channel: Channel; kind: 'ready' }
  | { channel: Channel; kind: 'result'; id: number; result: unknown; state?: Record<string, unknown> }
  | { channel: Channel; kind: 'failed'; id: number; message: string }
  | { channel: Channel; kind: 'http'; id: number; callId: number; request: OutgoingHttpRequest };

/** Environment entries holding state that persists across runs (copied back after each run). */
export const STATEFUL_ENVIRONMENT_KEYS = ['templateDataStorage', 'bigQuery', 'firestore', 'localStorage', 'templateStorage'] as const;

/** Environment functions the isolated worker can honour; any other function is refused. */
const FUNCTION_KEYS = new Set(['http', 'now']);

export function transferEnvironment(env: Environment | undefined): TransferredEnvironment {
  const values: Record<string, unknown> = {};
  let httpViaParent = false;
  let nowAtStart: number | undefined;
  for (const [key, value] of Object.entries(env ?? {})) {
    if (typeof value === 'function') {
      if (!FUNCTION_KEYS.has(key)) {
        throw new Error(`the environment's ${key}() cannot be used by an isolated run (only http and now cross to the worker)`);
      }
      if (key === 'http') httpViaParent = true;
      else nowAtStart = Number((value as () => number)());
      continue;
    }
    values[key] = transferable(value);
  }
  return { values, httpViaParent, nowAtStart };
}

/** A structured-clone-safe copy: functions dropped (they stay in the process that made them). */
export function transferable(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(transferable(k, seen), transferable(v, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(transferable(v, seen));
    return copy;
  }
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(transferable(item, seen));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = transferable((value as Record<string, unknown>)[key], seen);
  return copy;
}

