// Jest glue: every ___TESTS___ scenario of a .tpl becomes one jest test, so the templates' own
// GTM tests run under `npm test`. Use from a test file:
//   registerTemplateTests('templates/tiktok-events-api.tpl');
// The scenarios run in an isolated worker process (./isolation.ts), one worker per test file,
// stopped after its last test. A custom environment or API provider (functions, which cannot
// cross to the worker) runs the scenarios in this process instead.

import * as path from 'path';
import { IsolatedRunner } from './isolation';
import { DEFAULT_TIMEOUT_MS } from './runtime';
import { loadTemplate } from './template';
import { runScenario, TestOptions } from './test-runner';

export interface RegisterOptions extends TestOptions {
  /** Run the scenarios in this process (default: in an isolated worker, unless env/provider is given). */
  inProcess?: boolean;
}

/** Extra jest time per test beyond the scenario's own limit (starting the worker, the grace period). */
const JEST_MARGIN_MS = 30_000;

let runner: IsolatedRunner | undefined;

export function registerTemplateTests(tplPath: string, options: RegisterOptions = {}): void {
  const inProcess = options.inProcess ?? (options.env !== undefined || options.provider !== undefined);
  const source = inProcess ? undefined : isolatedRunner().load(tplPath);
  const template = source?.template ?? loadTemplate(tplPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  describe(`${path.basename(tplPath)} ___TESTS___`, () => {
    if (template.scenarios.length === 0) {
      test.todo('the template has no ___TESTS___ scenarios');
      return;
    }
    for (const scenario of template.scenarios) {
      test(
        scenario.name,
        async () => {
          const result = source
            ? await isolatedRunner().runScenario(source, scenario, { timeoutMs })
            : await runScenario(template, scenario, options);
          if (!result.passed) throw new Error(`${scenario.name}: ${result.message ?? 'failed'}`);
        },
        timeoutMs + JEST_MARGIN_MS,
      );
    }
  });
}

function isolatedRunner(): IsolatedRunner {
  if (!runner) {
    const created = new IsolatedRunner();
    runner = created;
    afterAll(async () => {
      if (runner === created) runner = undefined;
      await created.close();
    });
  }
  return runner;
}
