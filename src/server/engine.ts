// The seam between the local server and the emulator (src/sandbox). The server only needs two
// operations: load a .tpl once, run it per event. Keeping them behind this interface lets the
// server start (and report a clear error per tag) even when a template fails to load.

import type { Environment, RunResult } from '../sandbox/environment';

export interface TemplateEngine {
  load(file: string): Promise<unknown>;
  run(template: unknown, data: Record<string, unknown>, env: Environment, options: { timeoutMs: number }): Promise<RunResult>;
}

interface SandboxModule {
  loadTemplate(pathOrText: string, options?: { fileName?: string }): unknown;
  runTemplate(template: unknown, data: Record<string, unknown>, env: Environment, options?: { timeoutMs?: number }): Promise<RunResult>;
}

/** The real emulator. Resolved lazily so this module can be imported before the sandbox exists. */
export function sandboxEngine(): TemplateEngine {
  let sandbox: SandboxModule | undefined;
  const get = (): SandboxModule => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sandbox ??= require('../sandbox') as SandboxModule;
    return sandbox;
  };
  return {
    async load(file) {
      return await get().loadTemplate(file, { fileName: file });
    },
    run(template, data, env, options) {
      return get().runTemplate(template, data, env, options);
    },
  };
}
