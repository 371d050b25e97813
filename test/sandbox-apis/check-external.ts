// Local fidelity check (not part of jest): runs the ___TESTS___ of published templates kept outside
// the repository through the emulator with these API implementations, and prints each failing
// scenario. Nothing from those files enters the repo.
//   npx ts-node --transpile-only test/sandbox-apis/check-external.ts [dir...]
// Without folders: $GTM_EXTERNAL_TEMPLATES and its more/.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTemplate, runTests } from '../../src/sandbox';
import { EXTERNAL_TEMPLATES_HINT, externalTemplateDirs } from '../sandbox/fidelity-external';

async function main(): Promise<void> {
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : externalTemplateDirs();
  const files = dirs.filter((dir) => fs.existsSync(dir)).flatMap((dir) =>
    fs.readdirSync(dir).filter((name) => name.endsWith('.tpl')).map((name) => path.join(dir, name)));
  if (files.length === 0) {
    console.log(`no external templates found; nothing to check (${EXTERNAL_TEMPLATES_HINT})`);
    return;
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let template;
    try {
      template = loadTemplate(file);
    } catch (error) {
      console.log(`LOAD ${path.basename(file)}: ${String(error).slice(0, 300)}`);
      continue;
    }
    for (const result of await runTests(template)) {
      if (result.passed) passed++;
      else {
        failed++;
        console.log(`FAIL ${path.basename(file)} | ${result.name} | ${(result.message ?? '').slice(0, 400)}`);
      }
    }
  }
  console.log(`scenarios passed: ${passed}, failed: ${failed}`);
}

void main();
