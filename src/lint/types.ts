// Shared types of the `.tpl` linter. Other modules (CLI, emulator, build) consume these shapes.

export type LintSeverity = 'error' | 'warning';

export interface LintDiagnostic {
  /** Rule id, `<group>/<rule>`, e.g. `language/no-new`, `permissions/missing`. */
  rule: string;
  severity: LintSeverity;
  file: string;
  /** `.tpl` section name without underscores, e.g. `SANDBOXED_JS_FOR_SERVER`. */
  section?: string;
  /** 1-based line in `file` (0 when the problem has no line). */
  line: number;
  /** 1-based column. */
  column?: number;
  message: string;
}

export interface LintSummary {
  diagnostics: LintDiagnostic[];
  errorCount: number;
  warningCount: number;
}

export interface LintOptions {
  /** Report warnings as errors (the CLI's --strict). */
  strict?: boolean;
}
