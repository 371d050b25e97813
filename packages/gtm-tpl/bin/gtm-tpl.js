#!/usr/bin/env node
// The gtm-tpl command: the compiled CLI (dist/cli/gtm-tpl.js, built by `npm run build` in this
// package, and by `npm pack` / `npm publish` through prepack).
'use strict';
const path = require('path');
let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'cli', 'gtm-tpl.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('gtm-tpl.js')) {
    process.stderr.write('gtm-tpl: the package is not built (dist/ is missing): run `npm run build` in packages/gtm-tpl\n');
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`gtm-tpl: ${(error && error.message) || String(error)}\n`);
    process.exitCode = 1;
  },
);
