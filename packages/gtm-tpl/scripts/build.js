#!/usr/bin/env node
// Builds the gtm-tpl package from the repository's sources: the emulator, linter and CLI in src/
// compiled by TypeScript to dist/ (CommonJS JavaScript and .d.ts type declarations), and the
// repository's licence copied beside them. Runs in a checkout of the repository (TypeScript comes
// from its devDependencies); `npm pack` and `npm publish` run it through prepack.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const packageDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(packageDir, '..', '..');
const dist = path.join(packageDir, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
const tsc = require.resolve('typescript/bin/tsc', { paths: [packageDir, repoRoot] });
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write('gtm-tpl build: TypeScript reported errors (above)\n');
  process.exit(compiled.status || 1);
}
fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(packageDir, 'LICENSE'));
