// Loading a .tpl for the emulator: parse the sections, validate them, run the sandbox language
// check, instrument and compile the code once (cached by file content).

import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { load as loadYaml } from 'js-yaml';
import { findSection, parseJsonSection, parseTpl, ParsedTpl, TplFormatError } from '../tpl/format';
import type { ContainerContext, TemplateType } from './environment';
import { ARGUMENTS_HELPER_SOURCE, instrument, SandboxSyntaxError, TICK_NAME } from './instrument';
import { knownApiNames } from './api-names';

export interface TemplateScenario {
  name: string;
  code: string;
}

/** A problem that makes GTM refuse the template (language subset, unknown API). */
export interface TemplateProblem {
  file: string;
  section: string;
  line: number;
  message: string;
}

export interface LoadedTemplate {
  fileName: string;
  /** Display name from ___INFO___. */
  name: string;
  type: TemplateType;
  context: ContainerContext;
  codeSection: 'SANDBOXED_JS_FOR_SERVER' | 'SANDBOXED_JS_FOR_WEB_TEMPLATE';
  code: string;
  /** Line in the file where the code starts. */
  codeLine: number;
  info: Record<string, unknown>;
  parameters: unknown[];
  permissions: unknown[];
  scenarios: TemplateScenario[];
  setup: string;
  /** Names the code requires with a string literal. */
  requiredApis: string[];
  /** Non-empty when GTM would reject the template (only kept with `deferProblems`). */
  problems: TemplateProblem[];
  /** The compiled code: evaluates to `(tick, require) => function(data) {...}`. */
  script?: vm.Script;
  parsed: ParsedTpl;
}

export class TemplateLoadError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'TemplateLoadError';
  }
}

export function formatProblem(problem: TemplateProblem): string {
  return `${problem.file}:${problem.line} [${problem.section}] ${problem.message}`;
}

export interface LoadOptions {
  /** Name used in messages when `pathOrText` is text. */
  fileName?: string;
  /**
   * Keep language/API problems in `problems` instead of throwing (a run then ends with outcome
   * 'rejected': lint errors are what GTM refuses or what fails at run time). Structural errors
   * always throw.
   */
  deferProblems?: boolean;
  /** Run the linter's sandbox-language check (default true; the emulator's own tests turn it off). */
  languageCheck?: boolean;
}

const templateCache = new Map<string, LoadedTemplate>();
const scriptCache = new Map<string, { script: vm.Script; requiredNames: string[] }>();

/** Loads a template from a path or from .tpl text (text is recognised by its section headers). */
export function loadTemplate(pathOrText: string, options: LoadOptions = {}): LoadedTemplate {
  const isText = /___[A-Z0-9_]+___/.test(pathOrText) && (pathOrText.includes('\n') || !fs.existsSync(pathOrText));
  let text: string;
  let fileName: string;
  if (isText) {
    text = pathOrText;
    fileName = options.fileName ?? '<template>';
  } else {
    fileName = options.fileName ?? pathOrText;
    try {
      text = fs.readFileSync(pathOrText, 'utf8');
    } catch (error) {
      throw new TemplateLoadError([
        { file: fileName, section: 'FILE', line: 0, message: `cannot read: ${(error as Error).message}` },
      ]);
    }
  }
  const key = `${fileName}\u0000${options.deferProblems ? 1 : 0}${options.languageCheck === false ? 0 : 1}\u0000${text}`;
  const cached = templateCache.get(key);
  if (cached) return cached;
  const template = buildTemplate(text, fileName, options);
  if (templateCache.size > 500) templateCache.clear();
  templateCache.set(key, template);
  return template;
}

function fail(file: string, section: string, line: number, message: string): never {
  throw new TemplateLoadError([{ file, section, line, message }]);
}

function buildTemplate(text: string, fileName: string, options: LoadOptions): LoadedTemplate {
  let parsed: ParsedTpl;
  try {
    parsed = parseTpl(text, fileName);
  } catch (error) {
    if (error instanceof TplFormatError) fail(fileName, error.section ?? 'FILE', error.line, error.detail);
    throw error;
  }
  const jsonSection = (name: string): unknown => {
    const section = findSection(parsed, name);
    if (!section) return undefined;
    try {
      return parseJsonSection(parsed, section);
    } catch (error) {
      if (error instanceof TplFormatError) fail(fileName, name, error.line, error.detail);
      throw error;
    }
  };

  const infoSection = findSection(parsed, 'INFO');
  if (!infoSection) fail(fileName, 'INFO', 0, 'missing ___INFO___ section');
  const info = jsonSection('INFO');
  if (info === null || typeof info !== 'object' || Array.isArray(info)) {
    fail(fileName, 'INFO', infoSection.contentLine, '___INFO___ must be a JSON object');
  }
  const infoObject = info as Record<string, unknown>;
  const type = infoObject.type;
  if (type !== 'TAG' && type !== 'MACRO' && type !== 'CLIENT') {
    fail(fileName, 'INFO', infoSection.contentLine, `"type" must be TAG, MACRO or CLIENT (found ${JSON.stringify(type)})`);
  }
  const contexts = infoObject.containerContexts;
  const serverSection = findSection(parsed, 'SANDBOXED_JS_FOR_SERVER');
  const webSection = findSection(parsed, 'SANDBOXED_JS_FOR_WEB_TEMPLATE');
  let context: ContainerContext;
  if (Array.isArray(contexts) && contexts.length > 0) {
    if (contexts[0] !== 'SERVER' && contexts[0] !== 'WEB') {
      fail(fileName, 'INFO', infoSection.contentLine, `unknown container context ${JSON.stringify(contexts[0])}`);
    }
    context = contexts[0];
  } else {
    context = serverSection && !webSection ? 'SERVER' : 'WEB';
  }
  const codeSectionName = context === 'SERVER' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE';
  const codeSection = context === 'SERVER' ? serverSection : webSection;
  if (!codeSection) fail(fileName, codeSectionName, 0, `missing ___${codeSectionName}___ section for a ${context} template`);

  const parameters = jsonSection('TEMPLATE_PARAMETERS') ?? [];
  if (!Array.isArray(parameters)) {
    fail(fileName, 'TEMPLATE_PARAMETERS', findSection(parsed, 'TEMPLATE_PARAMETERS')!.contentLine, 'must be a JSON array');
  }
  const permissionSectionName = context === 'SERVER' ? 'SERVER_PERMISSIONS' : 'WEB_PERMISSIONS';
  const permissions = jsonSection(permissionSectionName) ?? [];
  if (!Array.isArray(permissions)) {
    fail(fileName, permissionSectionName, findSection(parsed, permissionSectionName)!.contentLine, 'must be a JSON array');
  }

  const { scenarios, setup } = readTests(parsed, fileName);

  const problems: TemplateProblem[] = [];
  const code = codeSection.content;
  const codeLine = codeSection.contentLine;
  if (options.languageCheck !== false) problems.push(...languageProblems(code, context, fileName, codeSectionName, codeLine));

  let script: vm.Script | undefined;
  let requiredApis: string[] = [];
  try {
    const compiled = compileTemplateCode(code, fileName, codeLine);
    script = compiled.script;
    requiredApis = compiled.requiredNames;
  } catch (error) {
    if (error instanceof SandboxSyntaxError) {
      const problem = { file: fileName, section: codeSectionName, line: codeLine + error.line - 1, message: `syntax error: ${error.message}` };
      if (!problems.some((p) => p.line === problem.line)) problems.push(problem);
    } else {
      throw error;
    }
  }
  const known = knownApiNames(context);
  for (const name of requiredApis) {
    if (!known.has(name)) {
      const line = lineOfRequire(code, name);
      const message = `require('${name}'): unknown ${context === 'SERVER' ? 'server' : 'web'} API`;
      if (!problems.some((p) => p.message.includes(`'${name}'`) || p.message.includes(`"${name}"`))) {
        problems.push({ file: fileName, section: codeSectionName, line: codeLine + line - 1, message });
      }
    }
  }
  if (problems.length > 0 && !options.deferProblems) throw new TemplateLoadError(problems);

  return {
    fileName,
    name: typeof infoObject.displayName === 'string' ? infoObject.displayName : path.basename(fileName),
    type,
    context,
    codeSection: codeSectionName,
    code,
    codeLine,
    info: infoObject,
    parameters,
    permissions,
    scenarios,
    setup,
    requiredApis,
    problems,
    script: problems.length === 0 ? script : undefined,
    parsed,
  };
}

function lineOfRequire(code: string, name: string): number {
  const index = code.search(new RegExp(`require\\(\\s*['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
  return index < 0 ? 1 : code.slice(0, index).split('\n').length;
}

function readTests(parsed: ParsedTpl, fileName: string): { scenarios: TemplateScenario[]; setup: string } {
  const section = findSection(parsed, 'TESTS');
  if (!section || section.content.trim() === '') return { scenarios: [], setup: '' };
  let document: unknown;
  try {
    document = loadYaml(section.content);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    fail(fileName, 'TESTS', section.contentLine + (mark?.line ?? 0), `invalid YAML: ${reason}`);
  }
  if (document === null || document === undefined) return { scenarios: [], setup: '' };
  if (typeof document !== 'object' || Array.isArray(document)) {
    fail(fileName, 'TESTS', section.contentLine, 'expected a YAML mapping with `scenarios` and optional `setup`');
  }
  const record = document as Record<string, unknown>;
  const rawScenarios = record.scenarios ?? [];
  if (!Array.isArray(rawScenarios)) fail(fileName, 'TESTS', section.contentLine, '`scenarios` must be a list');
  const scenarios = rawScenarios.map((raw, index): TemplateScenario => {
    const scenario = raw as Record<string, unknown> | null;
    if (!scenario || typeof scenario !== 'object' || typeof scenario.name !== 'string') {
      fail(fileName, 'TESTS', section.contentLine, `scenario #${index + 1} needs a string \`name\``);
    }
    const code = scenario.code ?? '';
    if (typeof code !== 'string') fail(fileName, 'TESTS', section.contentLine, `scenario "${scenario.name}": \`code\` must be a string`);
    return { name: scenario.name, code };
  });
  const setup = record.setup ?? '';
  if (typeof setup !== 'string') fail(fileName, 'TESTS', section.contentLine, '`setup` must be a string');
  return { scenarios, setup };
}

// ------------------------------------------------------------------------------------ compiling

/**
 * Compiles template code as `(tick, require) => function (data) { <code> }`, cached by content.
 * The wrapper also defines the helper the instrumented code uses to turn `arguments` into an array.
 */
export function compileTemplateCode(code: string, fileName: string, codeLine: number): { script: vm.Script; requiredNames: string[] } {
  const key = `T\u0000${fileName}\u0000${codeLine}\u0000${code}`;
  const cached = scriptCache.get(key);
  if (cached) return cached;
  const instrumented = instrument(code);
  const source = `(function (${TICK_NAME}, require) { 'use strict'; ${ARGUMENTS_HELPER_SOURCE} return function (data) {\n${instrumented.code}\n}; })`;
  const script = new vm.Script(source, { filename: fileName, lineOffset: codeLine - 2 });
  const result = { script, requiredNames: instrumented.requiredNames };
  rememberScript(key, result);
  return result;
}

export const TEST_API_NAMES = ['runCode', 'mock', 'mockObject', 'assertApi', 'assertThat', 'fail'] as const;

/**
 * Compiles a scenario (setup + code as one scope) as
 * `(tick, require, runCode, mock, mockObject, assertApi, assertThat, fail) => function () {...}`.
 */
export function compileTestCode(setup: string, code: string, label: string): vm.Script {
  const body = setup ? `${setup}\n${code}` : code;
  const key = `S\u0000${label}\u0000${body}`;
  const cached = scriptCache.get(key);
  if (cached) return cached.script;
  const instrumented = instrument(body);
  const source = `(function (${TICK_NAME}, require, ${TEST_API_NAMES.join(', ')}) { 'use strict'; ${ARGUMENTS_HELPER_SOURCE} return function () {\n${instrumented.code}\n}; })`;
  const script = new vm.Script(source, { filename: label, lineOffset: -1 });
  rememberScript(key, { script, requiredNames: instrumented.requiredNames });
  return script;
}

function rememberScript(key: string, value: { script: vm.Script; requiredNames: string[] }): void {
  if (scriptCache.size > 2000) scriptCache.clear();
  scriptCache.set(key, value);
}

// ------------------------------------------------------------------------------ language check

type LanguageChecker = (
  code: string,
  options: { context: ContainerContext; fileName: string; section?: string; firstLine?: number; extraGlobals?: readonly string[] },
) => { severity: string; line: number; message: string; rule: string; section?: string }[];

let languageChecker: LanguageChecker | null | undefined;

/** The linter's language check (src/lint), loaded lazily so the emulator works without it. */
function getLanguageChecker(): LanguageChecker | null {
  if (languageChecker === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      languageChecker = (require('../lint') as { checkSandboxLanguage: LanguageChecker }).checkSandboxLanguage ?? null;
    } catch {
      languageChecker = null;
    }
  }
  return languageChecker;
}

/** Language errors (not warnings) of template or test code, as template problems. */
export function languageProblems(
  code: string,
  context: ContainerContext,
  fileName: string,
  section: string,
  firstLine: number,
  extraGlobals?: readonly string[],
): TemplateProblem[] {
  const check = getLanguageChecker();
  if (!check) return [];
  return check(code, { context, fileName, section, firstLine, extraGlobals })
    .filter((d) => d.severity === 'error')
    .map((d) => ({ file: fileName, section: d.section ?? section, line: d.line, message: `${d.message} (${d.rule})` }));
}
