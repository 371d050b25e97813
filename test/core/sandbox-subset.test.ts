// src/core is compiled into sandboxed templates: this test fails when a core file uses syntax or
// builtins the GTM sandbox lacks (independent of the project linter, so core stays safe on its own).
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const CORE_DIR = join(__dirname, '../../src/core');
const ALLOWED_METHODS = new Set([
  // Array
  'concat', 'every', 'filter', 'forEach', 'indexOf', 'join', 'lastIndexOf', 'map', 'pop', 'push', 'reduce',
  'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice', 'toString', 'unshift',
  // String
  'charAt', 'match', 'replace', 'search', 'split', 'substring', 'toLowerCase', 'toUpperCase', 'trim',
  'hasOwnProperty',
  // CoreToolkit members and injected callbacks
  'getType', 'makeNumber', 'makeString', 'decodeUriComponent', 'round', 'floor', 'jsonParse', 'jsonStringify', 'keys',
  'sha256Hex', 'randomInt',
]);
const FORBIDDEN_GLOBALS = new Set([
  'Array', 'Date', 'Number', 'String', 'Boolean', 'Object', 'JSON', 'Math', 'parseInt', 'parseFloat', 'isNaN',
  'isFinite', 'Infinity', 'NaN', 'RegExp', 'Promise', 'Symbol', 'Map', 'Set', 'require', 'window', 'document',
  'encodeURIComponent', 'decodeURIComponent', 'console', 'setTimeout', 'globalThis', 'process', 'Error',
]);

function coreFiles(): string[] {
  return readdirSync(CORE_DIR).filter((f) => f.endsWith('.ts'));
}

function violations(file: string): string[] {
  const source = readFileSync(join(CORE_DIR, file), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext } }).outputText;
  const ast = acorn.parse(js, { ecmaVersion: 2020, sourceType: 'module', locations: true });
  const found: string[] = [];
  const at = (node: acorn.Node, what: string) => found.push(file + ':' + (node.loc ? node.loc.start.line : '?') + ' ' + what);
  walk.full(ast, (node: any) => {
    switch (node.type) {
      case 'ClassDeclaration': case 'ClassExpression': at(node, 'class'); break;
      case 'NewExpression': at(node, 'new'); break;
      case 'ThisExpression': at(node, 'this'); break;
      case 'TemplateLiteral': at(node, 'template literal'); break;
      case 'ObjectPattern': case 'ArrayPattern': at(node, 'destructuring'); break;
      case 'SpreadElement': case 'RestElement': at(node, 'spread/rest'); break;
      case 'AssignmentPattern': at(node, 'default parameter'); break;
      case 'ChainExpression': at(node, 'optional chaining'); break;
      case 'TryStatement': case 'ThrowStatement': at(node, 'try/throw'); break;
      case 'ForOfStatement': at(node, 'for...of'); break;
      case 'AwaitExpression': at(node, 'await'); break;
      case 'Literal': if (node.regex) at(node, 'regex literal'); break;
      case 'LogicalExpression': if (node.operator === '??') at(node, '??'); break;
      case 'UnaryExpression': if (node.operator === 'delete') at(node, 'delete'); break;
      case 'BinaryExpression': if (node.operator === 'in' || node.operator === 'instanceof' || node.operator === '**') at(node, node.operator); break;
      case 'Property':
        if (node.kind !== 'init') at(node, 'getter/setter');
        if (node.shorthand) at(node, 'shorthand property');
        if (node.computed) at(node, 'computed key');
        if (node.method) at(node, 'method shorthand');
        break;
      case 'CallExpression':
        if (node.callee.type === 'MemberExpression' && !node.callee.computed) {
          const name = node.callee.property.name;
          if (!ALLOWED_METHODS.has(name)) at(node, 'method .' + name + '()');
        }
        break;
      case 'Identifier':
        if (FORBIDDEN_GLOBALS.has(node.name)) at(node, 'global ' + node.name);
        break;
    }
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
