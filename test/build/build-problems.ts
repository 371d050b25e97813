import { BuildError, BuildProblem } from '../../build/errors';

/** The problems a build step reports; fails the test when the step succeeds or throws something else. */
export function problemsOf(run: () => unknown): BuildProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BuildError) return error.problems;
    throw error;
  }
  throw new Error('expected the build to fail with a BuildError, but it succeeded');
}
