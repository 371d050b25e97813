// Compiles a template's `main.ts` (plus the files it imports) into one GTM sandboxed-JS code
// section:
//   1. type check against the sandbox lib + the context's API declarations (build/typecheck.ts);
//   2. source syntax gate on every bundled file (build/source-check.ts);
//   3. esbuild bundle: ESM, platform neutral, APIs external, features the sandbox lacks disabled
//      (esbuild then refuses to lower them), no minification or helpers;
//   4. acorn post-pass: API imports -> `const x = require('x');` (unused ones dropped), exports
//      removed, `void 0` -> `undefined`, shorthand properties expanded, entry call appended;
//   5. the sandbox language check of the finished code (src/lint/language.ts, the linter's rules),
//      so a template that builds also passes `gtm-tpl lint`'s language rules.

import * as fs from 'fs';
import * as path from 'path';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';
import type { ContainerContext, TemplateParameter, TemplateType } from '../src/tpl/definition';
import { BuildError, BuildProblem } from './errors';
import { checkSandboxLanguage } from '../src/lint/language';
import { checkSourceSyntax } from './source-check';
import { templateDataDeclaration } from './template-data';
import { createSandboxProgram, SANDBOX_TYPES_DIR } from './typecheck';

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface CompileOptions {
  /** Template id, used in messages. */
  templateId: string;
  /** Absolute or cwd-relative path of main.ts. */
  entry: string;
  context: ContainerContext;
  type: TemplateType;
  /**
   * The template's fields (template.ts): `data` is typed with exactly these
   * (build/template-data.ts). Without them `data` accepts any field name.
   */
  parameters?: TemplateParameter[];
}

export interface CompileResult {
  code: string;
  /** APIs the code requires, in order of appearance. */
  requiredApis: string[];
  /** Non-fatal findings of the language check. */
  warnings: BuildProblem[];
}

/** Every sandbox API name: the `declare module '...'` names of both declaration files. */
export function sandboxApiNames(context?: ContainerContext): string[] {
  const files = context
    ? [context === 'SERVER' ? 'server-apis.d.ts' : 'web-apis.d.ts']
    : ['server-apis.d.ts', 'web-apis.d.ts'];
  const names = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(SANDBOX_TYPES_DIR, file), 'utf8');
    for (const match of text.matchAll(/^declare module '([A-Za-z0-9_]+)'/gm)) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * esbuild features switched off. Those that esbuild cannot lower make the build fail with a
 * location; the others are caught with a clearer message by the source gate first.
 */
const UNSUPPORTED_FEATURES: Record<string, boolean> = {
  'arbitrary-module-namespace-names': false,
  'array-spread': false,
  'async-await': false,
  'async-generator': false,
  bigint: false,
  class: false,
  'class-field': false,
  'class-private-accessor': false,
  'class-private-brand-check': false,
  'class-private-field': false,
  'class-private-method': false,
  'class-private-static-accessor': false,
  'class-private-static-field': false,
  'class-private-static-method': false,
  'class-static-blocks': false,
  'class-static-field': false,
  decorators: false,
  'default-argument': false,
  destructuring: false,
  'dynamic-import': false,
  'exponent-operator': false,
  'for-await': false,
  generator: false,
  'logical-assignment': false,
  'nested-rest-binding': false,
  'new-target': false,
  'nullish-coalescing': false,
  'object-extensions': false,
  'object-rest-spread': false,
  'optional-catch-binding': false,
  'optional-chain': false,
  'regexp-dot-all-flag': false,
  'regexp-lookbehind-assertions': false,
  'regexp-match-indices': false,
  'regexp-named-capture-groups': false,
  'regexp-set-notation': false,
  'regexp-sticky-and-unicode-flags': false,
  'regexp-unicode-property-escapes': false,
  'rest-argument': false,
  'template-literal': false,
  'top-level-await': false,
};

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/**
 * The compiler's message, reworded where its advice would mislead a template author (installing
 * @types/node or changing `lib` is never the fix in the sandbox). undefined = drop (the syntax
 * gate reports the same problem better).
 */
function explainDiagnostic(diagnostic: ts.Diagnostic, context: ContainerContext): string | undefined {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const missingModule = /^Cannot find module '([^']+)'/.exec(text);
  if (diagnostic.code === 2307 && missingModule && !missingModule[1].startsWith('.')) {
    const name = missingModule[1];
    const other: ContainerContext = context === 'SERVER' ? 'WEB' : 'SERVER';
    const elsewhere = sandboxApiNames(other).includes(name) ? ` (it exists only in ${other} templates)` : '';
    return `'${name}' is not a ${context} sandbox API${elsewhere}; see types/sandbox/${context === 'SERVER' ? 'server' : 'web'}-apis.d.ts`;
  }
  if ((diagnostic.code === 2580 || diagnostic.code === 2591 || diagnostic.code === 2304) && /name 'require'/.test(text)) return undefined;
  if (diagnostic.code === 2550 || diagnostic.code === 2583 || diagnostic.code === 2584) {
    return `${text.replace(/ Do you need to change your target library\?.*$/s, '')} (not in the sandbox standard library, types/sandbox/lib.d.ts)`;
  }
  return `type error TS${diagnostic.code}: ${text}`;
}

/** Steps 1 and 2: type check and syntax gate. Returns the local source files in the bundle. */
function checkSources(options: CompileOptions): void {
  const entry = path.resolve(options.entry);
  const templateData = {
    fileName: path.join(path.dirname(entry), 'template-data.generated.d.ts'),
    text: templateDataDeclaration(options.templateId, options.type, options.parameters),
  };
  const program = createSandboxProgram([entry], options.context, [templateData]);
  const problems: BuildProblem[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = explainDiagnostic(diagnostic, options.context);
    if (message === undefined) continue;
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      problems.push({
        template: options.templateId,
        file: relative(diagnostic.file.fileName),
        line: line + 1,
        column: character + 1,
        message,
      });
    } else {
      problems.push({ template: options.templateId, file: relative(entry), line: 0, message: `TS${diagnostic.code}: ${message}` });
    }
  }
  const localSources = program
    .getSourceFiles()
    .filter((sourceFile) => !sourceFile.isDeclarationFile && !sourceFile.fileName.includes('/node_modules/'));
  problems.push(...checkSourceSyntax(localSources, options.templateId));
  if (problems.length > 0) throw new BuildError(sortProblems(dedupe(problems)));
}

function sortProblems(problems: BuildProblem[]): BuildProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0)));
}

function dedupe(problems: BuildProblem[]): BuildProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Step 3's esbuild options for an entry file (also used by bench/code-size.ts, which adds a
 * metafile to attribute a template's bytes to the modules it bundles).
 */
export function bundleOptions(entry: string): esbuild.BuildOptions & { write: false } {
  return {
    entryPoints: [path.resolve(entry)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: [],
    external: sandboxApiNames(),
    target: 'es2017',
    supported: UNSUPPORTED_FEATURES,
    minify: false,
    keepNames: false,
    legalComments: 'none',
    charset: 'utf8',
    treeShaking: true,
    // Kept in memory only: maps language-check findings back to the author's file and line.
    sourcemap: 'external',
    outfile: path.join(REPO_ROOT, 'bundle.js'),
    logLevel: 'silent',
    resolveExtensions: ['.ts'],
  };
}

/** Step 3: esbuild. Returns the bundled ESM text and its source map. */
function bundle(options: CompileOptions): { text: string; map: SourceMapLookup } {
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = esbuild.buildSync(bundleOptions(options.entry));
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!failure.errors) throw error;
    throw new BuildError(
      failure.errors.map((message) => ({
        template: options.templateId,
        file: message.location ? relative(path.resolve(REPO_ROOT, message.location.file)) : relative(options.entry),
        line: message.location?.line ?? 0,
        column: message.location ? message.location.column + 1 : undefined,
        message: `esbuild: ${message.text}`,
      })),
    );
  }
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'));
  if (!js || !map) throw new Error('esbuild produced no output');
  return { text: js.text, map: new SourceMapLookup(JSON.parse(map.text), REPO_ROOT) };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Generated line -> original file/line, from a v3 source map (only what error reporting needs). */
export class SourceMapLookup {
  private readonly lines: Array<Array<{ column: number; source: number; line: number; sourceColumn: number }>> = [];
  private readonly sources: string[];

  constructor(map: { sources: string[]; mappings: string }, root: string) {
    this.sources = map.sources.map((source) => path.resolve(root, source));
    let source = 0;
    let sourceLine = 0;
    let sourceColumn = 0;
    for (const lineText of map.mappings.split(';')) {
      const segments: Array<{ column: number; source: number; line: number; sourceColumn: number }> = [];
      let column = 0;
      for (const segmentText of lineText.split(',')) {
        if (!segmentText) continue;
        const values = decodeVlq(segmentText);
        column += values[0];
        if (values.length >= 4) {
          source += values[1];
          sourceLine += values[2];
          sourceColumn += values[3];
          segments.push({ column, source, line: sourceLine, sourceColumn });
        }
      }
      this.lines.push(segments);
    }
  }

  /** 1-based generated line (and optional 1-based column) -> original position, if mapped. */
  original(line: number, column?: number): { file: string; line: number; column: number } | undefined {
    const segments = this.lines[line - 1];
    if (!segments || segments.length === 0) return undefined;
    let best = segments[0];
    if (column !== undefined) for (const segment of segments) if (segment.column <= column - 1) best = segment;
    return { file: this.sources[best.source], line: best.line + 1, column: best.sourceColumn + 1 };
  }
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = source;
  let lastStart = Infinity;
  for (const edit of sorted) {
    if (edit.end > lastStart) throw new Error(`overlapping edits at ${edit.start}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    lastStart = edit.start;
  }
  return out;
}

type AnyNode = acorn.Node & Record<string, any>;

/** Identifier nodes that reference a binding (not property names / non-computed keys). */
function referenceIdentifiers(program: acorn.Program): AnyNode[] {
  const refs: AnyNode[] = [];
  walk.fullAncestor(program, (node, _state, ancestors) => {
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    if (parent) {
      if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
      if ((parent.type === 'Property' || parent.type === 'MethodDefinition') && parent.key === node && !parent.computed && !parent.shorthand) return;
      if (parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportSpecifier' || parent.type === 'ImportNamespaceSpecifier') return;
      if (parent.type === 'ExportSpecifier') return;
      if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return;
    }
    refs.push(node as AnyNode);
  });
  return refs;
}

/** Step 4: ESM bundle -> sandbox function body. */
export interface PostProcessed {
  code: string;
  requiredApis: string[];
  /**
   * The same program laid out line for line like the bundle (the requires on `bundleLineOffset`
   * extra lines at the top): the language check runs on it so findings map back to the sources.
   */
  checkedCode: string;
  bundleLineOffset: number;
}

export function postProcess(bundled: string, options: Pick<CompileOptions, 'templateId' | 'type' | 'entry'>): PostProcessed {
  const fail = (message: string, line = 0): never => {
    throw new BuildError([{ template: options.templateId, file: `${relative(options.entry)} (bundled output)`, line, message }]);
  };
  let program: acorn.Program;
  try {
    program = acorn.parse(bundled, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    return fail(`cannot parse bundled output: ${(error as Error).message}`);
  }

  const edits: Edit[] = [];
  const importLocals = new Map<string, string>(); // local name -> API name
  const importNodes: AnyNode[] = [];
  let mainLocal: string | undefined;

  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'ImportDeclaration') {
      const source = statement.source.value as string;
      const specifiers = statement.specifiers as AnyNode[];
      if (specifiers.length === 0) fail(`side-effect import of '${source}' is not allowed`, statement.loc!.start.line);
      for (const specifier of specifiers) {
        if (specifier.type !== 'ImportDefaultSpecifier') {
          fail(
            `'${source}' must be imported as a default import (import ${source} from '${source}'); named and namespace imports do not exist in the sandbox`,
            statement.loc!.start.line,
          );
        }
        importLocals.set(specifier.local.name, source);
      }
      importNodes.push(statement);
    } else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration) fail('unexpected exported declaration in bundled output', statement.loc!.start.line);
      for (const specifier of statement.specifiers as AnyNode[]) {
        if (specifier.exported.name === 'main') mainLocal = specifier.local.name;
      }
      edits.push({ start: statement.start, end: statement.end, text: '' });
    } else if (statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportAllDeclaration') {
      fail('main.ts must export `function main()` by name, not a default or re-export', statement.loc!.start.line);
    }
  }
  if (!mainLocal) fail('main.ts does not export a function named `main`');

  const refs = referenceIdentifiers(program);
  const declaredNames = new Set<string>();
  walk.full(program, (node: AnyNode) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') declaredNames.add(node.id.name);
    if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) declaredNames.add(node.id.name);
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      for (const param of node.params as AnyNode[]) if (param.type === 'Identifier') declaredNames.add(param.name);
    }
  });

  // Canonical local name per API: the API's own name when nothing else uses it (esbuild appends
  // digits when two modules import the same API: `makeString2`).
  const canonical = new Map<string, string>(); // local -> final local
  const apiLocal = new Map<string, string>(); // API -> final local
  for (const [local, api] of importLocals) {
    const existing = apiLocal.get(api);
    const apiNameFree = !declaredNames.has(api) && ![...importLocals.keys()].some((l) => l === api && importLocals.get(l) !== api);
    const target = existing ?? (apiNameFree ? api : local);
    canonical.set(local, target);
    if (!existing) apiLocal.set(api, target);
  }
  const usedLocals = new Set<string>();
  for (const ref of refs) {
    const target = canonical.get(ref.name);
    if (target === undefined) continue;
    usedLocals.add(target);
    if (target !== ref.name) edits.push({ start: ref.start, end: ref.end, text: target });
  }

  // Replace the import block by the used requires, in API-name order.
  const requiredApis: string[] = [];
  const requireLines: string[] = [];
  for (const [api, local] of [...apiLocal].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!usedLocals.has(local)) continue;
    requiredApis.push(api);
    requireLines.push(`const ${local} = require('${api}');`);
  }
  const finalEdits = [...edits];
  const faithfulEdits = [...edits];
  importNodes.forEach((node, index) => {
    let end = node.end;
    if (bundled[end] === '\n') end += 1;
    finalEdits.push({ start: node.start, end, text: index === 0 && requireLines.length > 0 ? requireLines.join('\n') + '\n' : '' });
    faithfulEdits.push({ start: node.start, end: node.end, text: '' });
  });

  const rewrite = (edit: Edit) => {
    finalEdits.push(edit);
    faithfulEdits.push(edit);
  };
  walk.full(program, (node: AnyNode) => {
    if (node.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'Literal' && node.argument.value === 0) {
      rewrite({ start: node.start, end: node.end, text: 'undefined' });
    }
    if (node.type === 'Property' && node.shorthand && node.kind === 'init' && node.value.type === 'Identifier') {
      const name = canonical.get(node.value.name) ?? node.value.name;
      rewrite({ start: node.start, end: node.end, text: `${node.key.name}: ${name}` });
    }
  });

  const entryCall = `${options.type === 'TAG' ? '' : 'return '}${mainLocal}();`;
  const checkedCode = [...requireLines, applyEdits(bundled, faithfulEdits), entryCall].join('\n');
  let code = applyEdits(bundled, finalEdits);
  // Remove esbuild's path comments for files of this repository and collapse blank runs.
  code = code
    .split('\n')
    .filter((line) => !/^\/\/ (?:src|test|build)\/\S+\.ts$/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\s+$/, '');
  code += `\n\n${entryCall}`;
  try {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  } catch (error) {
    return fail(`internal error: post-processed code does not parse: ${(error as Error).message}`);
  }
  code = restoreParameterNames(code);
  return { code, requiredApis, checkedCode, bundleLineOffset: requireLines.length };
}

/** Child nodes of an ESTree node, with whether an Identifier child is a name (not a reference). */
function forEachChild(node: AnyNode, visit: (child: AnyNode, isPropertyName: boolean) => void): void {
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
    const value = node[key];
    const children: AnyNode[] = Array.isArray(value) ? value : value && typeof value.type === 'string' ? [value] : [];
    for (const child of children) {
      if (!child || typeof child.type !== 'string') continue;
      const isPropertyName =
        (node.type === 'MemberExpression' && key === 'property' && !node.computed) ||
        ((node.type === 'Property' || node.type === 'MethodDefinition') && key === 'key' && !node.computed) ||
        ((node.type === 'LabeledStatement' || node.type === 'BreakStatement' || node.type === 'ContinueStatement') && key === 'label');
      visit(child, isPropertyName);
    }
  }
}

function identifierNames(node: AnyNode, into = new Set<string>()): Set<string> {
  forEachChild(node, (child, isPropertyName) => {
    if (child.type === 'Identifier') {
      if (!isPropertyName) into.add(child.name);
    } else {
      identifierNames(child, into);
    }
  });
  return into;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * esbuild renames a nested binding that has the name of a top-level one in the bundle (the core's
 * `tk` parameters become `tk2` because main.ts declares a top-level `tk`), although nothing is
 * shadowed. Undo that for function parameters when it is provably safe: the function (with
 * everything nested in it) mentions neither the original name nor a name an enclosing function
 * already maps to it, so no reference can change what it resolves to.
 */
export function restoreParameterNames(code: string): string {
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as AnyNode;
  const topLevel = new Set<string>();
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'FunctionDeclaration' && statement.id) topLevel.add(statement.id.name);
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations as AnyNode[]) if (declarator.id.type === 'Identifier') topLevel.add(declarator.id.name);
    }
  }
  const edits: Edit[] = [];
  const visit = (node: AnyNode, renames: Map<string, string>): void => {
    let scopeRenames = renames;
    if (FUNCTION_TYPES.has(node.type)) {
      const names = identifierNames(node);
      for (const param of node.params as AnyNode[]) {
        if (param.type !== 'Identifier') continue;
        const match = /^(.*[^0-9])([0-9]+)$/.exec(param.name);
        if (!match || !topLevel.has(match[1]) || scopeRenames.has(param.name)) continue;
        const original = match[1];
        const taken = [...names].some(
          (name) => name === original || (name !== param.name && scopeRenames.get(name) === original),
        );
        if (taken) continue;
        scopeRenames = new Map(scopeRenames);
        scopeRenames.set(param.name, original);
      }
    }
    forEachChild(node, (child, isPropertyName) => {
      if (child.type === 'Identifier') {
        const renamed = isPropertyName ? undefined : scopeRenames.get(child.name);
        if (renamed !== undefined) edits.push({ start: child.start, end: child.end, text: renamed });
      } else {
        visit(child, scopeRenames);
      }
    });
  };
  visit(program, new Map());
  return edits.length === 0 ? code : applyEdits(code, edits);
}

/** Step 5: the sandbox language check of the generated code. */
function checkGeneratedCode(processed: PostProcessed, map: SourceMapLookup, options: CompileOptions): BuildProblem[] {
  const generatedName = `${relative(options.entry)} (generated code)`;
  const diagnostics = checkSandboxLanguage(processed.checkedCode, { context: options.context, fileName: generatedName, firstLine: 1, strictSubset: true });
  return diagnostics.map((diagnostic) => {
    const original = map.original(diagnostic.line - processed.bundleLineOffset, diagnostic.column);
    return {
      template: options.templateId,
      file: original ? relative(original.file) : generatedName,
      line: original ? original.line : diagnostic.line,
      column: original ? original.column : diagnostic.column,
      message: `${diagnostic.severity} ${diagnostic.rule}: ${diagnostic.message}`,
    };
  });
}

export function compileTemplate(options: CompileOptions): CompileResult {
  if (!fs.existsSync(options.entry)) {
    throw new BuildError([{ template: options.templateId, file: relative(options.entry), line: 0, message: 'main.ts not found' }]);
  }
  checkSources(options);
  const bundled = bundle(options);
  const processed = postProcess(bundled.text, options);
  const { code, requiredApis } = processed;
  const findings = checkGeneratedCode(processed, bundled.map, options);
  const errors = findings.filter((f) => !f.message.startsWith('warning '));
  if (options.type === 'TAG' && !/\bdata\.gtmOnSuccess\b/.test(code) && !/\bdata\.gtmOnFailure\b/.test(code)) {
    errors.push({
      template: options.templateId,
      file: relative(options.entry),
      line: 0,
      message: 'tag code must call data.gtmOnSuccess() or data.gtmOnFailure() (GTM refuses it otherwise)',
    });
  }
  if (errors.length > 0) throw new BuildError(errors);
  return { code, requiredApis, warnings: findings.filter((f) => f.message.startsWith('warning ')) };
}
