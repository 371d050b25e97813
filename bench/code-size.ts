// Where a template's code bytes come from: the template's main.ts bundled as the build bundles it
// (build/compile.ts's esbuild options, with a metafile), each top-level declaration of the bundle
// measured raw and compact (esbuild --minify-whitespace --minify-syntax, names kept: the measure
// of `npm run bench` group 3), summed per source module.
//
//   npx ts-node --transpile-only bench/code-size.ts [template-id ...] [--functions N]
//
// Default template: tiktok-pixel; --functions N lists the N largest declarations (default 30).
// The per-module sums differ from the built code section by a few hundred bytes: the build
// rewrites imports into requires and appends the entry call.
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { bundleOptions, REPO_ROOT } from '../build/compile';
import { compactCodeBytes } from './bench';

export interface Declaration {
  /** The source file (repository-relative) esbuild took the declaration from. */
  module: string;
  /** Function or variable name(s); `(statement)` for anything else. */
  name: string;
  rawBytes: number;
  compactBytes: number;
}

export interface ModuleSize {
  module: string;
  /** esbuild's metafile figure: bytes this module contributes to the (unminified) bundle. */
  bundleBytes: number;
  compactBytes: number;
  declarations: number;
}

export interface CodeSizeReport {
  template: string;
  totalCompactBytes: number;
  modules: ModuleSize[];
  declarations: Declaration[];
}

type AnyNode = acorn.Node & Record<string, any>;

function declarationName(statement: AnyNode): string {
  if (statement.type === 'FunctionDeclaration') return statement.id.name;
  if (statement.type === 'VariableDeclaration') return statement.declarations.map((d: AnyNode) => d.id.name ?? '?').join(', ');
  return '(statement)';
}

/** Bytes of one template's bundle, by module and by top-level declaration. */
export function codeSizeReport(templateId: string): CodeSizeReport {
  const entry = path.join(REPO_ROOT, 'src', 'templates', templateId, 'main.ts');
  const result = esbuild.buildSync({ ...bundleOptions(entry), sourcemap: false, metafile: true });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no output');
  const text = js.text;
  // esbuild starts each module's code with a `// <path>` comment line.
  const markers: { at: number; module: string }[] = [];
  for (const match of text.matchAll(/^\/\/ ((?:src|build|test)\/\S+\.ts)$/gm)) markers.push({ at: match.index ?? 0, module: match[1] });
  const moduleAt = (position: number) => {
    let module = '(imports)';
    for (const marker of markers) if (marker.at <= position) module = marker.module;
    return module;
  };
  const program = acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
  const declarations: Declaration[] = [];
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration') continue;
    const source = text.slice(statement.start, statement.end);
    declarations.push({ module: moduleAt(statement.start), name: declarationName(statement), rawBytes: Buffer.byteLength(source), compactBytes: compactCodeBytes(source) });
  }
  const outputs = Object.values(result.metafile!.outputs);
  const modules = new Map<string, ModuleSize>();
  for (const [input, info] of Object.entries(outputs[0].inputs)) {
    modules.set(input, { module: input, bundleBytes: info.bytesInOutput, compactBytes: 0, declarations: 0 });
  }
  for (const declaration of declarations) {
    const module = modules.get(declaration.module) ?? { module: declaration.module, bundleBytes: 0, compactBytes: 0, declarations: 0 };
    module.compactBytes += declaration.compactBytes;
    module.declarations++;
    modules.set(declaration.module, module);
  }
  const sorted = [...modules.values()].filter((m) => m.bundleBytes > 0 || m.compactBytes > 0).sort((a, b) => b.compactBytes - a.compactBytes);
  return {
    template: templateId,
    totalCompactBytes: sorted.reduce((sum, m) => sum + m.compactBytes, 0),
    modules: sorted,
    declarations: [...declarations].sort((a, b) => b.compactBytes - a.compactBytes),
  };
}

export function main(argv: string[]): void {
  const functionsAt = argv.indexOf('--functions');
  const topN = functionsAt >= 0 ? Number(argv[functionsAt + 1]) : 30;
  const ids = argv.filter((arg, i) => !arg.startsWith('--') && !(functionsAt >= 0 && i === functionsAt + 1));
  for (const id of ids.length > 0 ? ids : ['tiktok-pixel']) {
    const report = codeSizeReport(id);
    console.log(`${id}: ${report.totalCompactBytes} compact bytes in top-level declarations`);
    console.log('   module                                          bundle bytes  compact bytes  share  declarations');
    for (const m of report.modules) {
      const share = ((100 * m.compactBytes) / report.totalCompactBytes).toFixed(1) + '%';
      console.log(`   ${m.module.padEnd(46)}${String(m.bundleBytes).padStart(13)}${String(m.compactBytes).padStart(15)}${share.padStart(7)}${String(m.declarations).padStart(14)}`);
    }
    console.log(`   largest ${topN} declarations (compact bytes):`);
    for (const d of report.declarations.slice(0, topN)) {
      console.log(`   ${String(d.compactBytes).padStart(6)}  ${d.name.padEnd(36)} ${d.module}`);
    }
    console.log('');
  }
}

if (require.main === module) main(process.argv.slice(2));
