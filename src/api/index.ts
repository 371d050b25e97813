// The programmatic API of the gtm-tpl package (packages/gtm-tpl): load a .tpl, run it, run its
// ___TESTS___ scenarios, lint it, replay recorded events through it. The jest helper is the
// package's other entry point (./jest.ts, `gtm-tpl/jest`).
//
// runTemplate and runTests run the template in this process; IsolatedRunner runs it in a worker
// process of its own (docs/emulator.md, "Security model"): use it for templates you did not write.

export { loadTemplate, TemplateLoadError, formatProblem } from '../sandbox/template';
export type { LoadedTemplate, LoadOptions, TemplateProblem, TemplateScenario } from '../sandbox/template';
export { runTemplate, DEFAULT_TIMEOUT_MS } from '../sandbox/runtime';
export type { RunOptions } from '../sandbox/runtime';
export { runTests, runScenario } from '../sandbox/test-runner';
export type { ScenarioResult, TestOptions } from '../sandbox/test-runner';
export type { ApiProvider } from '../sandbox/session';
export * from '../sandbox/environment';
export { IsolatedRunner } from '../sandbox/isolation';
export type { IsolatedTemplate, IsolationOptions } from '../sandbox/isolation';
export { lintFiles, lintTplText, formatDiagnostic, RULES } from '../lint';
export type { LintDiagnostic, LintOptions, LintSeverity, LintSummary, RuleInfo } from '../lint';
export { main as runCli } from '../cli/gtm-tpl';
export type { CliIo } from '../cli/gtm-tpl';
