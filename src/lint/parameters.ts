// UI rules: parameters the code never reads, and `data.X` reads no parameter defines.
import { SandboxCodeAnalysis } from './language';
import { ParameterFacts } from './structure';
import { LintDiagnostic } from './types';

export function checkParameterUsage(
  _analysis: SandboxCodeAnalysis,
  _parameters: ParameterFacts,
  _options: { fileName: string; section?: string },
): LintDiagnostic[] {
  return [];
}
