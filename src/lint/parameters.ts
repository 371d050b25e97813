// UI rules: parameters the code never reads, and `data.X` reads no parameter defines. Both are
// warnings: GTM accepts them and `data.X` is just undefined at run time. (Published templates
// do this: TikTok's official tag falls back on an undefined data.ttclid, a Google template reads
// data.documentId where the field is documentID.) `--strict` makes them errors for our own templates. Parameters are flattened: subParams and
// radioItems[].subParams are top-level `data` keys; GROUP and LABEL have no data key.
import { DATA_RUNTIME_MEMBERS } from './catalog';
import { SandboxCodeAnalysis } from './language';
import { ParameterFacts } from './structure';
import { LintDiagnostic } from './types';

export function checkParameterUsage(
  analysis: SandboxCodeAnalysis,
  parameters: ParameterFacts,
  options: { fileName: string; section?: string },
): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  const defined = new Set(parameters.dataParameters.map((p) => p.name));

  const reportedUndefined = new Set<string>();
  for (const read of analysis.dataReads) {
    if (defined.has(read.name) || DATA_RUNTIME_MEMBERS.includes(read.name) || reportedUndefined.has(read.name)) continue;
    reportedUndefined.add(read.name);
    const sameIgnoringCase = parameters.dataParameters.find((p) => p.name.toLowerCase() === read.name.toLowerCase());
    const hint = sameIgnoringCase ? `; did you mean data.${sameIgnoringCase.name}?` : '';
    diagnostics.push({
      rule: 'ui/undefined-parameter',
      severity: 'warning',
      file: options.fileName,
      section: options.section,
      line: read.line,
      column: read.column,
      message: `data.${read.name} is read but no template parameter is named "${read.name}" (it is always undefined)${hint}`,
    });
  }

  // With dynamic access (data[key]) or data escaping to unknown code, any parameter may be read.
  if (analysis.dataDynamicAccess || analysis.dataEscapes) return diagnostics;
  const read = new Set([...analysis.dataReads, ...analysis.dataAliasReads].map((r) => r.name));
  // A field that only switches other fields on/off (enablingConditions) is used by the UI itself.
  const toggles = new Set(parameters.conditionNames);
  for (const parameter of parameters.dataParameters) {
    if (read.has(parameter.name) || toggles.has(parameter.name)) continue;
    diagnostics.push({
      rule: 'ui/unused-parameter',
      severity: 'warning',
      file: options.fileName,
      section: 'TEMPLATE_PARAMETERS',
      line: parameter.line,
      message: `parameter "${parameter.name}" (${parameter.type}) is never read by the code`,
    });
  }
  return diagnostics;
}
