// Jest glue: every ___TESTS___ scenario of a .tpl becomes one jest test, so the templates' own
// GTM tests run under `npm test`. Use from a test file:
//   registerTemplateTests('templates/tiktok-events-api.tpl');

import * as path from 'path';
import { loadTemplate } from './template';
import { runScenario, TestOptions } from './test-runner';

export function registerTemplateTests(tplPath: string, options: TestOptions = {}): void {
  const template = loadTemplate(tplPath);
  describe(`${path.basename(tplPath)} ___TESTS___`, () => {
    if (template.scenarios.length === 0) {
      test.todo('the template has no ___TESTS___ scenarios');
      return;
    }
    for (const scenario of template.scenarios) {
      test(scenario.name, async () => {
        const result = await runScenario(template, scenario, options);
        if (!result.passed) throw new Error(`${scenario.name}: ${result.message ?? 'failed'}`);
      });
    }
  });
}
