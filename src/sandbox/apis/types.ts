// Contract between the runtime (src/sandbox/runtime*.ts) and the API implementations
// (src/sandbox/apis/server.ts, web.ts, shared.ts). API implementations are plain host functions
// working on host values: the runtime copies every argument out of the sandbox before the call and
// the result back in after it (functions passed as callbacks arrive as host-callable wrappers; a
// returned host Promise becomes a sandbox promise). Permission checks happen inside the API
// implementation through `host.permissions`, before any effect.

import type { ContainerContext, Environment, RunRecord, TemplateType } from '../environment';

export interface PermissionChecker {
  /** Throws PermissionError naming the permission and the refused value when not allowed. */
  assert(permissionId: string, ...args: unknown[]): void;
  /** queryPermission semantics: true when `assert` would pass. */
  query(permissionId: string, ...args: unknown[]): boolean;
  /** Whether the template declares this permission at all (whatever its parameters). */
  has?(permissionId: string): boolean;
}

export class PermissionError extends Error {
  constructor(readonly permissionId: string, detail: string) {
    super(`Permission denied by "${permissionId}": ${detail}`);
    this.name = 'PermissionError';
  }
}

export interface ApiHost {
  context: ContainerContext;
  /** The environment as the caller set it up (never undefined: the runtime fills defaults). */
  env: Environment;
  record: RunRecord;
  permissions: PermissionChecker;
  /** True inside a ___TESTS___ scenario (affects defaults such as the clock). */
  testMode: boolean;
  /** Queue a callback after pending promise reactions (callLater, async callbacks). */
  callLater(fn: () => void): void;
  /** Keep the run alive until this settles (outgoing requests, script loads). */
  track(pending: Promise<unknown>): void;
  /** Milliseconds since the epoch from env.now (0 by default in test mode). */
  now(): number;
  /** The name of the template (for messages). */
  templateName: string;
  /** TAG / MACRO / CLIENT when known: claimRequest throws outside a CLIENT. */
  templateType?: TemplateType;
}

/** Builds one API (a function or an object of functions) for one run. */
export type ApiFactory = (host: ApiHost) => unknown;
export type ApiTable = Record<string, ApiFactory>;
