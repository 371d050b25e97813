// Zero false errors on published templates. They are never copied into the repository: this suite
// lints the *.tpl files of the folder named by GTM_EXTERNAL_TEMPLATES and is skipped, saying how to
// enable it, when the variable is unset (CI).
import * as path from 'path';
import { formatDiagnostic, lintFiles } from '../../src/lint';
import { externalTemplateFiles, skipExternalSuite } from '../sandbox/fidelity-external';

const { dir, files } = externalTemplateFiles();

describe('published templates (local only)', () => {
  if (!dir || files.length === 0) {
    skipExternalSuite('linting published templates', dir);
    return;
  }
  test.each(files.map((f) => [f, path.join(dir, f)]))('%s lints without errors', (_name, file) => {
    const result = lintFiles([file]);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });
});
