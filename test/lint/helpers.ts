import * as fs from 'fs';
import * as path from 'path';
import { lintTplText, LintDiagnostic } from '../../src/lint';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'lint');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function lintFixture(name: string, strict = false): LintDiagnostic[] {
  return lintTplText(fixture(name), name, { strict });
}

/** `rule@line` for compact assertions. */
export function rulesAt(diagnostics: LintDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.rule}@${d.line}`);
}

export function rules(diagnostics: LintDiagnostic[]): string[] {
  return diagnostics.map((d) => d.rule);
}

/** Replace one exact snippet of a fixture (throws when absent, so a stale test cannot pass silently). */
export function mutate(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
