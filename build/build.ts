// `npm run build`: every src/templates/<id>/template.ts -> templates/<id>.tpl.
//
// All templates are built into a temporary folder first; templates/ is only touched when every one
// of them built, so a failed build never leaves half-written output. Problems are printed one per
// line as `[template-id] file:line:column: message`, and the exit code is 1.

import * as fs from 'fs';
import * as path from 'path';
import type { TemplateDefinition } from '../src/tpl/definition';
import { readTestsYaml, TemplateTests, TestsYamlError } from '../src/tpl/tests-yaml';
import { assembleTemplate } from './assemble';
import { writeReferenceDocs } from './docs';
import { compileTemplate, REPO_ROOT } from './compile';
import { BuildError, BuildProblem, formatProblem } from './errors';

export interface BuiltTemplate {
  id: string;
  /** File name in the output folder, `<id>.tpl`. */
  fileName: string;
  text: string;
  requiredApis: string[];
  warnings: BuildProblem[];
}

export interface BuildOptions {
  /** Folder holding one sub-folder per template (default src/templates). */
  sourceRoot?: string;
}

/** Template ids: sub-folders of the source root that contain a template.ts, sorted. */
export function listTemplateIds(sourceRoot: string): string[] {
  if (!fs.existsSync(sourceRoot)) return [];
  return fs
    .readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(sourceRoot, entry.name, 'template.ts')))
    .map((entry) => entry.name)
    .sort();
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** A template.ts that does not compile (ts-node's TSError) or throws while loading. */
function loadProblem(id: string, file: string, error: Error & { diagnosticText?: string }): BuildProblem {
  if (error.diagnosticText) {
    // `path(line,col): error TSxxxx: message` lines; report the first one.
    const first = /\((\d+),(\d+)\): (error TS\d+: [^\n]*)/.exec(error.diagnosticText);
    if (first) return { template: id, file: rel(file), line: Number(first[1]), column: Number(first[2]), message: `cannot compile: ${first[3]}` };
    return { template: id, file: rel(file), line: 0, message: `cannot compile: ${error.diagnosticText.trim().split('\n')[0]}` };
  }
  // A runtime error: take the position from the first stack frame inside the template's file.
  const base = path.resolve(file);
  const frame = (error.stack ?? '').split('\n').find((line) => line.includes(base));
  const position = frame ? /:(\d+):(\d+)\)?$/.exec(frame) : null;
  return {
    template: id,
    file: rel(file),
    line: position ? Number(position[1]) : 0,
    column: position ? Number(position[2]) : undefined,
    message: `cannot load: ${error.message.split('\n')[0]}`,
  };
}

function loadDefinition(id: string, file: string): TemplateDefinition {
  let loaded: { default?: TemplateDefinition };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(path.resolve(file)) as { default?: TemplateDefinition };
  } catch (error) {
    throw new BuildError([loadProblem(id, file, error as Error & { diagnosticText?: string })]);
  }
  if (!loaded || !loaded.default) {
    throw new BuildError([{ template: id, file: rel(file), line: 0, message: 'template.ts must `export default defineTemplate({...})`' }]);
  }
  return loaded.default;
}

function loadTests(id: string, file: string): TemplateTests | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return readTestsYaml(fs.readFileSync(file, 'utf8'), rel(file));
  } catch (error) {
    if (error instanceof TestsYamlError) {
      throw new BuildError([{ template: id, file: rel(file), line: error.line, message: error.detail }]);
    }
    throw error;
  }
}

/** Build one template folder (template.ts, main.ts, optional tests.yaml) in memory. */
export function buildTemplate(id: string, templateDir: string): BuiltTemplate {
  const definition = loadDefinition(id, path.join(templateDir, 'template.ts'));
  const context = definition?.info?.containerContexts?.[0];
  if (context !== 'SERVER' && context !== 'WEB') {
    throw new BuildError([{ template: id, file: rel(path.join(templateDir, 'template.ts')), line: 0, message: 'info.containerContexts must be ["SERVER"] or ["WEB"]' }]);
  }
  const tests = loadTests(id, path.join(templateDir, 'tests.yaml'));
  const compiled = compileTemplate({
    templateId: id,
    entry: path.join(templateDir, 'main.ts'),
    context,
    type: definition.info.type,
    parameters: definition.parameters,
  });
  const text = assembleTemplate({ templateId: id, templateDir, definition, code: compiled.code, tests });
  return { id, fileName: `${id}.tpl`, text, requiredApis: compiled.requiredApis, warnings: compiled.warnings };
}

/** Build every template; throws one BuildError listing the problems of all failing templates. */
export function buildAll(options: BuildOptions = {}): BuiltTemplate[] {
  const sourceRoot = options.sourceRoot ?? path.join(REPO_ROOT, 'src', 'templates');
  const built: BuiltTemplate[] = [];
  const problems: BuildProblem[] = [];
  for (const id of listTemplateIds(sourceRoot)) {
    try {
      built.push(buildTemplate(id, path.join(sourceRoot, id)));
    } catch (error) {
      if (error instanceof BuildError) problems.push(...error.problems);
      else problems.push({ template: id, file: rel(path.join(sourceRoot, id)), line: 0, message: `unexpected error: ${(error as Error).message}` });
    }
  }
  if (problems.length > 0) throw new BuildError(problems);
  return built;
}

/**
 * Write the built templates into `outDir` atomically per build: stage everything in a temporary
 * folder beside it, then move the files in and delete `.tpl` files no template produces anymore.
 */
export function writeTemplates(built: BuiltTemplate[], outDir: string): { written: string[]; removed: string[] } {
  fs.mkdirSync(outDir, { recursive: true });
  // Stage on the same file system (rename must not cross devices); inside the repository use the
  // git-ignored .tmp/ so an interrupted build leaves nothing in `git status`.
  const absoluteOut = path.resolve(outDir);
  const stagingParent = absoluteOut.startsWith(REPO_ROOT + path.sep) ? path.join(REPO_ROOT, '.tmp') : path.dirname(absoluteOut);
  fs.mkdirSync(stagingParent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(stagingParent, `.${path.basename(outDir)}-staging-`));
  try {
    for (const template of built) fs.writeFileSync(path.join(staging, template.fileName), template.text, 'utf8');
    const written: string[] = [];
    for (const template of built) {
      const target = path.join(outDir, template.fileName);
      const previous = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
      if (previous !== template.text) written.push(target);
      fs.renameSync(path.join(staging, template.fileName), target);
    }
    const produced = new Set(built.map((template) => template.fileName));
    const removed: string[] = [];
    for (const name of fs.readdirSync(outDir)) {
      if (name.endsWith('.tpl') && !produced.has(name)) {
        fs.rmSync(path.join(outDir, name));
        removed.push(path.join(outDir, name));
      }
    }
    return { written, removed };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

interface CliOptions {
  sourceRoot: string;
  outDir: string;
  /** Also regenerate docs/reference/*.md from the built templates (default on). */
  docsDir?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    sourceRoot: path.join(REPO_ROOT, 'src', 'templates'),
    outDir: path.join(REPO_ROOT, 'templates'),
    docsDir: path.join(REPO_ROOT, 'docs', 'reference'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--source') options.sourceRoot = path.resolve(argv[(i += 1)]);
    else if (arg === '--out') {
      options.outDir = path.resolve(argv[(i += 1)]);
      // The reference docs describe the committed templates: a build into another folder must not
      // rewrite (or prune) them from a different set of templates.
      options.docsDir = undefined;
    }
    else if (arg === '--no-docs') options.docsDir = undefined;
    else throw new Error(`unknown argument ${arg} (usage: build.ts [--source dir] [--out dir] [--no-docs])`);
  }
  return options;
}

function main(argv: string[]): number {
  const started = Date.now();
  const options = parseArgs(argv);
  let built: BuiltTemplate[];
  try {
    built = buildAll({ sourceRoot: options.sourceRoot });
  } catch (error) {
    if (error instanceof BuildError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`build failed: ${error.problems.length} problem(s); ${rel(options.outDir)}/ left unchanged`);
      return 1;
    }
    throw error;
  }
  for (const template of built) for (const warning of template.warnings) console.warn(`warning: ${formatProblem(warning)}`);
  const { written, removed } = writeTemplates(built, options.outDir);
  for (const file of removed) console.log(`removed stale ${rel(file)}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `built ${built.length} template(s) into ${rel(options.outDir)}/ (${written.length} changed) in ${seconds}s` +
      (built.length ? `: ${built.map((t) => t.fileName).join(', ')}` : ''),
  );
  if (options.docsDir) {
    const changed = writeReferenceDocs(options.outDir, options.docsDir).filter((change) => change.change !== 'unchanged');
    for (const change of changed) console.log(`${change.change} ${rel(change.file)}`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
