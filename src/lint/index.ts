// Entry points of the `.tpl` linter. The CLI (`gtm-tpl lint`) calls lintFiles; the build and the
// emulator use checkSandboxLanguage / analyzeSandboxCode / listRequiredApis directly.
import * as fs from 'fs';
import { findSection, parseTpl, ParsedTpl, TplFormatError } from '../tpl/format';
import { CODE_SECTION, ContainerContext } from './catalog';
import { analyzeSandboxCode, SandboxCodeAnalysis } from './language';
import { checkStructure, StructureFacts, TestCode, TestFacts } from './structure';
import { checkPermissions } from './permissions';
import { checkParameterUsage } from './parameters';
import { effectiveSeverity } from './rules';
import { LintDiagnostic, LintOptions, LintSummary } from './types';

export type { LintDiagnostic, LintOptions, LintSummary, LintSeverity } from './types';
export {
  analyzeSandboxCode,
  checkSandboxLanguage,
  listDataReads,
  listRequiredApis,
  parseSandboxCode,
} from './language';
export type { ApiCall, DataRead, RequiredApi, SandboxCodeAnalysis, SandboxLanguageOptions, StaticValue } from './language';
export * as catalog from './catalog';
export { RULES } from './rules';
export type { RuleInfo } from './rules';

/** Lint the text of one `.tpl` file. Warnings stay warnings here; `strict` turns them into errors. */
export function lintTplText(text: string, fileName: string, options: LintOptions = {}): LintDiagnostic[] {
  const diagnostics = lintTplTextRaw(text, fileName);
  // An error needs evidence written beside its rule (src/lint/rules.ts); otherwise it is a warning.
  for (const d of diagnostics) d.severity = effectiveSeverity(d.rule, d.severity);
  if (options.strict) for (const d of diagnostics) d.severity = 'error';
  return diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

function lintTplTextRaw(text: string, fileName: string): LintDiagnostic[] {
  let parsed: ParsedTpl;
  try {
    parsed = parseTpl(text, fileName);
  } catch (error) {
    if (error instanceof TplFormatError) {
      return [{ rule: 'format/not-a-template', severity: 'error', file: fileName, line: error.line, message: error.detail }];
    }
    throw error;
  }
  const diagnostics: LintDiagnostic[] = [];
  const facts: StructureFacts = checkStructure(parsed, diagnostics);
  const context: ContainerContext | undefined = facts.context;
  if (!context) return diagnostics;

  const codeSection = findSection(parsed, CODE_SECTION[context]);
  let analysis: SandboxCodeAnalysis | undefined;
  if (codeSection) {
    analysis = analyzeSandboxCode(codeSection.content, {
      context,
      fileName,
      section: codeSection.name,
      firstLine: codeSection.contentLine,
    });
    diagnostics.push(...analysis.diagnostics);
    if (facts.templateType === 'TAG' && analysis.parsed && !analysis.mentionsGtmCallbacks) {
      diagnostics.push({
        rule: 'language/tag-callbacks',
        severity: 'error',
        file: fileName,
        section: codeSection.name,
        line: codeSection.contentLine,
        message: 'tag code must invoke data.gtmOnSuccess() or data.gtmOnFailure() (GTM refuses the import otherwise)',
      });
    }
    if (facts.templateType === 'MACRO' && analysis.parsed && !analysis.returnsValue) {
      diagnostics.push({
        rule: 'language/variable-return',
        severity: 'warning',
        file: fileName,
        section: codeSection.name,
        line: codeSection.contentLine,
        message: 'variable template code never returns a value at the top level (the variable is always undefined)',
      });
    }
  }
  if (analysis?.parsed && facts.permissions) {
    diagnostics.push(...checkPermissions(analysis, facts.permissions, { context, fileName, codeSection: codeSection?.name }));
  }
  if (facts.tests) diagnostics.push(...checkTestCode(facts.tests, context, fileName));
  if (analysis?.parsed && facts.parameters) {
    diagnostics.push(...checkParameterUsage(analysis, facts.parameters, { fileName, section: codeSection?.name }));
  }
  return diagnostics;
}

/** Globals of GTM's test framework, available in ___TESTS___ setup and scenario code. */
export const TEST_API_GLOBALS: readonly string[] = ['runCode', 'mock', 'mockObject', 'assertApi', 'assertThat', 'fail'];

/**
 * Test code runs in the sandbox too: check each scenario as GTM runs it, setup + scenario in one
 * scope. Diagnostics are mapped back to the file lines of the setup or scenario text.
 */
function checkTestCode(tests: TestFacts, context: ContainerContext, fileName: string): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const seen = new Set<string>();
  const setupText = tests.setup?.code ?? '';
  const setupLines = tests.setup ? setupText.split('\n').length : 0;
  const units = tests.scenarios.length > 0 ? tests.scenarios : tests.setup ? [{ name: '(setup)', code: '', firstLine: 0, line: 0, exactLines: true }] : [];
  for (const scenario of units) {
    const combined = tests.setup ? `${setupText}\n${scenario.code}` : scenario.code;
    const analysis = analyzeSandboxCode(combined, { context, fileName, section: 'TESTS', extraGlobals: TEST_API_GLOBALS });
    for (const d of analysis.diagnostics) {
      // Setup code requires APIs for some scenarios only; "unused" would be noise there.
      if (d.rule === 'apis/unused-require') continue;
      const inSetup = d.line <= setupLines;
      const unit: TestCode = inSetup ? (tests.setup as TestCode) : scenario;
      const lineInUnit = inSetup ? d.line : d.line - setupLines;
      const where = inSetup ? 'setup' : `scenario "${scenario.name}"`;
      // Quoted YAML strings fold lines: point at the key and name the line inside the code.
      const mapped: LintDiagnostic = unit.exactLines
        ? { ...d, line: unit.firstLine + lineInUnit - 1, message: `${where}: ${d.message}` }
        : { ...d, line: unit.firstLine, column: undefined, message: `${where} (code line ${lineInUnit}): ${d.message}` };
      const key = `${mapped.line}:${mapped.column}:${mapped.rule}:${mapped.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(mapped);
    }
  }
  return out;
}

/** Lint files from disk. A file that cannot be read is reported as a diagnostic, not thrown. */
export function lintFiles(paths: string[], options: LintOptions = {}): LintSummary {
  const diagnostics: LintDiagnostic[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      diagnostics.push({ rule: 'format/unreadable', severity: 'error', file: path, line: 0, message: (error as Error).message });
      continue;
    }
    diagnostics.push(...lintTplText(text, path, options));
  }
  return {
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** `file:line:col severity rule message [SECTION]` */
export function formatDiagnostic(d: LintDiagnostic): string {
  const position = `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  const section = d.section ? ` [${d.section}]` : '';
  return `${position} ${d.severity} ${d.rule} ${d.message}${section}`;
}
