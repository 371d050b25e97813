// A TemplateEngine whose "templates" are scripts keyed by file name: the server path (routing,
// parsing, response assembly, debug log) can be tested without depending on any .tpl.

import type { Environment, RunResult, ServerEnvironment } from '../../../src/sandbox/environment';
import { emptyRecord } from '../../../src/sandbox/environment';
import type { TemplateEngine } from '../../../src/server/engine';

export type Script = (data: Record<string, unknown>, env: ServerEnvironment, result: RunResult) => Promise<void> | void;

export function scriptedEngine(scripts: Record<string, Script>): TemplateEngine & { loads: string[] } {
  const loads: string[] = [];
  return {
    loads,
    async load(file) {
      loads.push(file);
      const name = Object.keys(scripts).find((key) => file.endsWith(key));
      if (!name) throw new Error(`no such template ${file}`);
      return name;
    },
    async run(template, data, env: Environment) {
      const result: RunResult = { outcome: 'success', record: emptyRecord(), successCalls: 1, failureCalls: 0 };
      await scripts[template as string](data, env as ServerEnvironment, result);
      return result;
    },
  };
}

export const TIKTOK_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
