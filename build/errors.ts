// Build errors carry a location (template, file, line) so the build prints a one-line message per
// problem instead of a stack trace.

export interface BuildProblem {
  /** Template id (folder name under src/templates, or the fixture's name). */
  template: string;
  /** Path relative to the working directory ('' when not tied to a file). */
  file: string;
  /** 1-based line (0 when unknown). */
  line: number;
  column?: number;
  message: string;
}

export function formatProblem(problem: BuildProblem): string {
  const where = problem.file
    ? `${problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}`
    : '';
  return `[${problem.template}] ${where}${where ? ': ' : ''}${problem.message}`;
}

export class BuildError extends Error {
  constructor(readonly problems: BuildProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'BuildError';
  }
}
