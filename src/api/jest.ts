// `gtm-tpl/jest`: every ___TESTS___ scenario of a .tpl becomes one jest test.
//   import { registerTemplateTests } from 'gtm-tpl/jest';
//   registerTemplateTests('path/to/template.tpl');

export { registerTemplateTests } from '../sandbox/jest';
export type { RegisterOptions } from '../sandbox/jest';
