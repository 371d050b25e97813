// Fidelity of the emulator against published templates' own GTM tests. The templates live outside
// the repository (/work/external-templates, never copied in): without them this file skips.
import * as fs from 'fs';
import * as path from 'path';
import { registerTemplateTests } from '../../src/sandbox/jest';

const dir = process.env.GTM_EXTERNAL_TEMPLATES ?? '/work/external-templates';
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tpl')).sort() : [];

if (files.length === 0) {
  test.skip('published templates are not available here (fidelity check skipped)', () => undefined);
} else {
  for (const file of files) registerTemplateTests(path.join(dir, file));
}
