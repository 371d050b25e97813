// Fidelity of the emulator against published templates' own GTM tests. The templates are never
// copied into the repository: this suite reads the *.tpl files of the folder named by
// GTM_EXTERNAL_TEMPLATES and is skipped, saying how to enable it, when the variable is unset.
import * as path from 'path';
import { registerTemplateTests } from '../../src/sandbox/jest';
import { externalTemplateFiles, skipExternalSuite } from './fidelity-external';

const { dir, files } = externalTemplateFiles();

if (!dir || files.length === 0) skipExternalSuite("published templates' own tests", dir);
else for (const file of files) registerTemplateTests(path.join(dir, file));
