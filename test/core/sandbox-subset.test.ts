// src/core is compiled into sandboxed templates and also runs in Node. This test keeps every core
// file inside the sandbox language subset and inside the extra rules for core, both stated in
// src/lint/language-subset.ts (with the reason for each difference), file by file and whether or
// not a template imports the file yet.
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { SUPPORTED_METHODS } from '../../src/lint/catalog';
import { CORE_FORBIDDEN_GLOBALS, UNSUPPORTED_CONSTRUCTS, unsupportedConstructOf } from '../../src/lint/language-subset';

const CORE_DIR = join(__dirname, '../../src/core');

function coreFiles(): string[] {
  return readdirSync(CORE_DIR).filter((f) => f.endsWith('.ts'));
}

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(CORE_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/**
 * The members of the types core declares (CoreToolkit, injected callbacks): core may call these on
 * what it is given, besides the sandbox's documented methods.
 */
function declaredMembers(): Set<string> {
  const names = new Set<string>();
  for (const file of coreFiles()) {
    const visit = (node: ts.Node): void => {
      if ((ts.isMethodSignature(node) || ts.isPropertySignature(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
        names.add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceOf(file));
  }
  return names;
}

const ALLOWED_METHODS = new Set<string>([...Object.values(SUPPORTED_METHODS).flat(), ...declaredMembers()]);
const FORBIDDEN_GLOBALS = new Set(CORE_FORBIDDEN_GLOBALS);

function violations(file: string): string[] {
  const source = readFileSync(join(CORE_DIR, file), 'utf8');
  // ESNext: TypeScript only strips the types, so what the sandbox would not run is still there.
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext } }).outputText;
  const ast = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  const found: string[] = [];
  const at = (node: acorn.Node, what: string) => found.push(file + ':' + (node.loc ? node.loc.start.line : '?') + ' ' + what);
  walk.fullAncestor(ast, (raw, _state, ancestors) => {
    const node = raw as acorn.Node & Record<string, any>;
    const construct = unsupportedConstructOf(node, ancestors[ancestors.length - 2] as never);
    // Imports between core files are bundled and `{ a }` is expanded by the build, as in templates.
    if (construct && UNSUPPORTED_CONSTRUCTS[construct].source === 'banned') at(node, UNSUPPORTED_CONSTRUCTS[construct].what);
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed) {
      const name = node.callee.property.name;
      if (!ALLOWED_METHODS.has(name)) at(node, 'method .' + name + '()');
    }
    if (node.type === 'Identifier' && FORBIDDEN_GLOBALS.has(node.name)) at(node, 'global ' + node.name);
  });
  return found;
}

describe('src/core stays inside the GTM sandbox subset', () => {
  test('there are core files', () => expect(coreFiles().length).toBeGreaterThan(5));
  test.each(coreFiles())('%s', (file) => {
    expect(violations(file)).toEqual([]);
  });
  test('no import outside src/core', () => {
    let count = 0;
    for (const file of coreFiles()) {
      const source = readFileSync(join(CORE_DIR, file), 'utf8');
      const imports = source.match(/^(?:import\b[^;]*?|export \* )from\s+'[^']+'/gm) || [];
      for (const imp of imports) expect(imp).toMatch(/from '\.\/[a-z0-9-]+'$/);
      count += imports.length;
    }
    expect(count).toBeGreaterThan(10);
  });
});
