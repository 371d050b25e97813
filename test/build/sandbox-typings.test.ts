import * as fs from 'fs';
import * as path from 'path';
import { sandboxApiNames } from '../../build/compile';
import { typecheckSandboxSources } from '../../build/typecheck';
import { SERVER_APIS, WEB_APIS } from '../../src/lint/catalog';

const REPO = path.resolve(__dirname, '..', '..');

describe('types/sandbox declarations', () => {
  it('declare exactly the APIs the linter catalogue knows, per context', () => {
    expect(sandboxApiNames('SERVER')).toEqual(Object.keys(SERVER_APIS).sort());
    expect(sandboxApiNames('WEB')).toEqual(Object.keys(WEB_APIS).sort());
  });

  it('type-check cleanly themselves in both contexts', () => {
    fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
    const scratch = fs.mkdtempSync(path.join(REPO, '.tmp', 'typings-'));
    try {
      const entry = path.join(scratch, 'empty.ts');
      fs.writeFileSync(entry, 'export function main(): void {}\n');
      expect(typecheckSandboxSources([entry], 'SERVER', 'empty')).toEqual([]);
      expect(typecheckSandboxSources([entry], 'WEB', 'empty')).toEqual([]);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('src/core', () => {
  const coreFiles = fs
    .readdirSync(path.join(REPO, 'src', 'core'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(REPO, 'src', 'core', name));

  it('imports only relative modules (no sandbox API: capabilities are passed in)', () => {
    for (const file of coreFiles) {
      const specifiers = [...fs.readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
      expect({ file: path.basename(file), nonRelative: specifiers.filter((s) => !s.startsWith('.')) }).toEqual({ file: path.basename(file), nonRelative: [] });
    }
  });

  it.each(['SERVER', 'WEB'] as const)('type-checks under the %s sandbox typings (it may use no API)', (context) => {
    const problems = typecheckSandboxSources(coreFiles, context, 'src/core');
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });
});
