// Type-checks a template's sandboxed sources (main.ts and the src/core files it imports) with the
// TypeScript compiler API, against the sandbox's own standard library (types/sandbox/lib.d.ts,
// `noLib`) and the API declarations of the template's context. A server template therefore cannot
// import a web-only API, and `startsWith`, `Date`, `require(...)` etc. are type errors.

import * as path from 'path';
import * as ts from 'typescript';
import type { ContainerContext } from '../src/tpl/definition';
import { BuildError, BuildProblem } from './errors';

export const SANDBOX_TYPES_DIR = path.resolve(__dirname, '..', 'types', 'sandbox');

export function sandboxDeclarationFiles(context: ContainerContext): string[] {
  return [
    path.join(SANDBOX_TYPES_DIR, 'lib.d.ts'),
    path.join(SANDBOX_TYPES_DIR, context === 'SERVER' ? 'server-apis.d.ts' : 'web-apis.d.ts'),
  ];
}

export const SANDBOX_COMPILER_OPTIONS: ts.CompilerOptions = {
  noLib: true,
  types: [],
  typeRoots: [],
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2017,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noUnusedLocals: false,
  isolatedModules: true,
  skipLibCheck: false,
  allowImportingTsExtensions: false,
  forceConsistentCasingInFileNames: true,
};

/**
 * A compiler host that neutralises `// @ts-nocheck`: sandbox sources that import APIs carry it
 * so that the project's Node-side `tsc -p tsconfig.json` (which knows nothing of sandbox modules)
 * skips them, but the sandbox check must always check them. The directive is blanked with spaces
 * of the same length so positions (lines, columns) stay exact.
 */
const SOURCE_FILE_CACHE = new Map<string, { text: string; sourceFile: ts.SourceFile }>();

/** A declaration file that exists only in memory (a template's generated TemplateData). */
export interface VirtualFile {
  fileName: string;
  text: string;
}

export function createSandboxProgram(rootNames: string[], context: ContainerContext, virtualFiles: VirtualFile[] = []): ts.Program {
  const options = SANDBOX_COMPILER_OPTIONS;
  const host = ts.createCompilerHost(options, true);
  const originalGetSourceFile = host.getSourceFile.bind(host);
  const originalReadFile = host.readFile.bind(host);
  const originalFileExists = host.fileExists.bind(host);
  const virtual = new Map(virtualFiles.map((file) => [path.resolve(file.fileName), file.text]));
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? originalReadFile(fileName);
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || originalFileExists(fileName);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = host.readFile(fileName);
    if (text === undefined) return originalGetSourceFile(fileName, languageVersion, onError, shouldCreate);
    // Parsed files are shared between the programs of one build (src/core, the declarations).
    const cached = SOURCE_FILE_CACHE.get(fileName);
    if (cached && cached.text === text) return cached.sourceFile;
    const blanked = fileName.endsWith('.d.ts')
      ? text
      : text.replace(/^(\s*)(\/\/\s*@ts-nocheck\b.*)$/m, (_all, lead: string, directive: string) => lead + ' '.repeat(directive.length));
    const sourceFile = ts.createSourceFile(fileName, blanked, languageVersion, true);
    SOURCE_FILE_CACHE.set(fileName, { text, sourceFile });
    return sourceFile;
  };
  return ts.createProgram({ rootNames: [...sandboxDeclarationFiles(context), ...virtualFiles.map((file) => file.fileName), ...rootNames], options, host });
}

/** Type-check the given entry files in one context; returns problems (empty when clean). */
export function typecheckSandboxSources(
  entryFiles: string[],
  context: ContainerContext,
  templateId: string,
  virtualFiles: VirtualFile[] = [],
): BuildProblem[] {
  const program = createSandboxProgram(entryFiles, context, virtualFiles);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.map((diagnostic) => diagnosticToProblem(diagnostic, templateId, context));
}

function diagnosticToProblem(diagnostic: ts.Diagnostic, templateId: string, context: ContainerContext): BuildProblem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return {
      template: templateId,
      file: path.relative(process.cwd(), diagnostic.file.fileName),
      line: line + 1,
      column: character + 1,
      message: `TS${diagnostic.code} (${context.toLowerCase()} sandbox types): ${message}`,
    };
  }
  return { template: templateId, file: '', line: 0, message: `TS${diagnostic.code}: ${message}` };
}

/** Throws a BuildError when the sources do not type-check. */
export function assertSandboxTypes(entryFiles: string[], context: ContainerContext, templateId: string): void {
  const problems = typecheckSandboxSources(entryFiles, context, templateId);
  if (problems.length > 0) throw new BuildError(problems);
}
