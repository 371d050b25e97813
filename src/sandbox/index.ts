// Public API of the GTM sandbox emulator: load a .tpl, run it (production semantics), run its
// ___TESTS___ scenarios. See docs/emulator.md for the behaviour GTM does not document.

export { loadTemplate, TemplateLoadError, formatProblem } from './template';
export type { LoadedTemplate, LoadOptions, TemplateProblem, TemplateScenario } from './template';
export { runTemplate, drainPage, realmStats, DEFAULT_TIMEOUT_MS } from './runtime';
export type { RunOptions, PageDrainResult } from './runtime';
export { runTests, runScenario } from './test-runner';
export type { ScenarioResult, TestOptions } from './test-runner';
export type { ApiProvider } from './session';
export * from './environment';
export { IsolatedRunner, sharedIsolatedRunner, isolationFlags } from './isolation';
export type { IsolatedTemplate, IsolationOptions } from './isolation';
