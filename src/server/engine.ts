// The seam between the local server and the emulator (src/sandbox). The server only needs two
// operations: load a .tpl once, run it per event. Keeping them behind this interface lets the
// server start (and report a clear error per tag) even when a template fails to load.

import * as path from 'path';
import type { Environment, RunResult } from '../sandbox/environment';
import type { IsolatedRunner, IsolatedTemplate } from '../sandbox/isolation';

export interface TemplateEngine {
  load(file: string): Promise<unknown>;
  run(template: unknown, data: Record<string, unknown>, env: Environment, options: { timeoutMs: number }): Promise<RunResult>;
}

interface SandboxModule {
  loadTemplate(pathOrText: string, options?: { fileName?: string }): unknown;
  runTemplate(template: unknown, data: Record<string, unknown>, env: Environment, options?: { timeoutMs?: number }): Promise<RunResult>;
}

/** The templates this repository ships (templates/*.tpl): the only ones run in this process. */
const OUR_TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

export function isOurTemplate(file: string): boolean {
  const relative = path.relative(OUR_TEMPLATES, path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export interface SandboxEngineOptions {
  /** Which templates run in an isolated worker process (default: every template that is not one of ours). */
  isolate?: (file: string) => boolean;
}

/** The real emulator. Resolved lazily so this module can be imported before the sandbox exists. */
export function sandboxEngine(options: SandboxEngineOptions = {}): TemplateEngine {
  let sandbox: SandboxModule | undefined;
  const get = (): SandboxModule => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sandbox ??= require('../sandbox') as SandboxModule;
    return sandbox;
  };
  const isolate = options.isolate ?? ((file: string) => !isOurTemplate(file));
  const isolated = new WeakSet<object>();
  let runner: IsolatedRunner | undefined;
  const getRunner = (): IsolatedRunner => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runner ??= (require('../sandbox/isolation') as typeof import('../sandbox/isolation')).sharedIsolatedRunner();
    return runner;
  };
  return {
    async load(file) {
      if (!isolate(file)) return await get().loadTemplate(file, { fileName: file });
      const source = getRunner().load(file, { fileName: file });
      isolated.add(source);
      return source;
    },
    run(template, data, env, runOptions) {
      if (template !== null && typeof template === 'object' && isolated.has(template)) {
        return getRunner().runTemplate(template as IsolatedTemplate, data, env, runOptions);
      }
      return get().runTemplate(template, data, env, runOptions);
    },
  };
}
