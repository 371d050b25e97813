// A hand-built ApiHost for calling the API factories directly (no sandbox runtime involved).

import { emptyRecord, Environment, RunRecord } from '../../src/sandbox/environment';
import { createPermissionChecker, permissionEntry, serverApis, webApis } from '../../src/sandbox/apis';
import type { ApiHost } from '../../src/sandbox/apis/types';

export interface TestHost extends ApiHost {
  record: RunRecord;
  /** Runs queued callLater callbacks until none are left. */
  flush(): Promise<void>;
  /** Awaits everything passed to host.track, then flushes callLater callbacks. */
  settle(): Promise<void>;
}

export type PermissionSpec = Record<string, Record<string, unknown>>;

/** Builds typed permission JSON from `{publicId: {param: plainValue}}`. */
export function permissionsJson(spec: PermissionSpec): unknown[] {
  return Object.entries(spec).map(([id, params]) => permissionEntry(id, params));
}

export function makeHost(
  context: 'SERVER' | 'WEB',
  env: Environment,
  permissions: PermissionSpec,
  extra: Partial<ApiHost> = {},
): TestHost {
  const queue: (() => void)[] = [];
  const tracked: Promise<unknown>[] = [];
  const host: TestHost = {
    context,
    env,
    record: emptyRecord(),
    permissions: createPermissionChecker(permissionsJson(permissions), context),
    testMode: true,
    callLater: (fn) => void queue.push(fn),
    track: (pending) => void tracked.push(pending),
    now: () => (env.now ? env.now() : 0),
    templateName: 'test template',
    ...extra,
    async flush() {
      await Promise.resolve();
      while (queue.length > 0) {
        queue.shift()!();
        await Promise.resolve();
      }
    },
    async settle() {
      for (let round = 0; round < 10; round++) {
        const pending = tracked.splice(0);
        await Promise.allSettled(pending);
        await host.flush();
        if (tracked.length === 0 && queue.length === 0) return;
      }
    },
  };
  return host;
}

/** The API `name` built for this host (like `require(name)` in the sandbox). */
export function api<T = (...args: any[]) => any>(host: ApiHost, name: string): T {
  const table = host.context === 'SERVER' ? serverApis : webApis;
  const factory = table[name];
  if (!factory) throw new Error(`no API ${name} in ${host.context}`);
  return factory(host) as T;
}
