#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli/gtm-tpl.ts) through ts-node without type checking.
'use strict';
const path = require('path');
const root = path.resolve(__dirname, '..');
require('ts-node').register({
  transpileOnly: true,
  project: path.join(root, 'tsconfig.json'),
  // ts-node with TypeScript 6 insists on an explicit rootDir.
  compilerOptions: { rootDir: root },
});
const { main } = require(path.join(root, 'src/cli/gtm-tpl.ts'));
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`gtm-tpl: ${(error && error.message) || String(error)}\n`);
    process.exitCode = 1;
  },
);
