// Local fidelity check (not a jest test): lint the published third-party templates kept outside
// the repository and print per-file counts. Errors there are linter false positives, or templates
// GTM itself would refuse (read them before changing a rule).
//   npx ts-node --transpile-only test/lint/external-check.ts [-v] [dir...]
// Without folders: $GTM_EXTERNAL_TEMPLATES and its more/.
import * as fs from 'fs';
import * as path from 'path';
import { formatDiagnostic, lintFiles } from '../../src/lint';
import { EXTERNAL_TEMPLATES_HINT, externalTemplateDirs } from '../sandbox/fidelity-external';

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const dirs = args.filter((a) => a !== '-v');
if (dirs.length === 0) dirs.push(...externalTemplateDirs());
const files = dirs
  .filter((dir) => fs.existsSync(dir))
  .flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.tpl')).map((f) => path.join(dir, f)));
if (files.length === 0) {
  console.log(`no external templates found; nothing to check (${EXTERNAL_TEMPLATES_HINT})`);
  process.exit(0);
}
let errors = 0;
let warnings = 0;
for (const file of files) {
  const result = lintFiles([file]);
  errors += result.errorCount;
  warnings += result.warningCount;
  console.log(`${String(result.errorCount).padStart(3)} errors ${String(result.warningCount).padStart(3)} warnings  ${path.basename(file)}`);
  for (const d of result.diagnostics) {
    if (d.severity === 'error' || verbose) console.log(`      ${formatDiagnostic({ ...d, file: path.basename(d.file) })}`);
  }
}
console.log(`total: ${files.length} files, ${errors} errors, ${warnings} warnings`);
process.exitCode = errors > 0 ? 1 : 0;
