// Assembles a `.tpl` exactly as GTM exports one: UTF-8 BOM, ___TERMS_OF_SERVICE___, then INFO,
// TEMPLATE_PARAMETERS, code, permissions, TESTS and NOTES, each framed as `header\n\ncontent\n\n\n`,
// JSON written the way GTM's (Gson) writer does (src/tpl/format.ts stringifyGtmJson).
// Nothing time- or machine-dependent goes in: the same sources always give the same bytes.

import * as fs from 'fs';
import * as path from 'path';
import { assembleTpl, gtmSection, stringifyGtmJson, TERMS_OF_SERVICE_TEXT } from '../src/tpl/format';
import type { TemplateDefinition, TemplateParameter } from '../src/tpl/definition';
import { isDataField, mapParameters, walkParameters } from '../src/tpl/parameters';
import { permissionsToJson } from '../src/tpl/permissions-json';
import { TemplateTests, writeTestsYaml } from '../src/tpl/tests-yaml';
import { BuildError, BuildProblem } from './errors';

export interface AssembleInput {
  templateId: string;
  /** Folder of template.ts (brand.thumbnail is resolved against it). */
  templateDir: string;
  definition: TemplateDefinition;
  /** The compiled code section. */
  code: string;
  tests?: TemplateTests;
}

/** `data:image/png;base64,...` for a PNG or JPEG file, recognised by its signature. */
export function imageDataUri(file: string): string {
  const bytes = fs.readFileSync(file);
  let mime: string;
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) mime = 'image/png';
  else if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) mime = 'image/jpeg';
  else throw new Error(`${file} is neither a PNG nor a JPEG file`);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

const VALUE_TYPES_WITH_SIMPLE_VALUE = new Set(['TEXT', 'SELECT', 'CHECKBOX', 'RADIO']);
/** Keys GTM writes first, in this order (the rest keep the author's order). */
const LEADING_KEYS = ['type', 'name', 'displayName', 'checkboxText', 'macrosInSelect', 'selectItems', 'radioItems', 'simpleValueType'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One field as GTM writes it (its children are handled by mapParameters). */
function normalizeParameter(parameter: TemplateParameter): { [key: string]: Json } {
  const source = parameter as unknown as { [key: string]: Json };
  const withDefaults: { [key: string]: Json } = { ...source };
  if (VALUE_TYPES_WITH_SIMPLE_VALUE.has(parameter.type) && withDefaults.simpleValueType === undefined) {
    withDefaults.simpleValueType = true;
  }
  const ordered: { [key: string]: Json } = {};
  for (const key of LEADING_KEYS) if (withDefaults[key] !== undefined) ordered[key] = withDefaults[key];
  for (const key of Object.keys(withDefaults)) {
    if (withDefaults[key] === undefined || key in ordered) continue;
    ordered[key] = withDefaults[key];
  }
  if (parameter.type === 'PARAM_TABLE') {
    // GTM writes each column as {param, isUnique}.
    ordered.paramTableColumns = parameter.paramTableColumns.map((column) => ({
      param: column.param as unknown as Json,
      isUnique: column.isUnique,
    }));
  }
  return ordered;
}

/** True when info and the arrays exist, so the rest of the definition can be examined. */
function shapeIsUsable(definition: TemplateDefinition): boolean {
  const context = definition?.info?.containerContexts?.[0];
  return (
    (context === 'SERVER' || context === 'WEB') &&
    Array.isArray(definition.parameters) &&
    Array.isArray(definition.permissions)
  );
}

/** Structural checks the type system cannot make (the build loads template.ts without type checking). */
export function validateDefinition(templateId: string, file: string, definition: TemplateDefinition): BuildProblem[] {
  const problems: BuildProblem[] = [];
  const problem = (message: string) => problems.push({ template: templateId, file, line: 0, message });
  const info = definition?.info;
  if (!info) {
    problem('template.ts must default-export defineTemplate({ info, parameters, permissions })');
    return problems;
  }
  if (!['TAG', 'MACRO', 'CLIENT'].includes(info.type)) problem(`info.type must be TAG, MACRO or CLIENT (got ${JSON.stringify(info.type)})`);
  if (!Array.isArray(info.containerContexts) || info.containerContexts.length !== 1 || !['SERVER', 'WEB'].includes(info.containerContexts[0])) {
    problem('info.containerContexts must be exactly ["SERVER"] or ["WEB"]');
  } else if (info.type === 'CLIENT' && info.containerContexts[0] !== 'SERVER') {
    problem('CLIENT templates exist only in SERVER containers');
  }
  if (!info.displayName) problem('info.displayName is empty');
  if (typeof info.description !== 'string') problem('info.description is missing');
  if (!Array.isArray(definition.parameters)) problem('parameters must be an array');
  if (!Array.isArray(definition.permissions)) problem('permissions must be an array');
  if (problems.length > 0) return problems;

  const names = new Map<string, string>();
  walkParameters(definition.parameters, (parameter, place) => {
    if (!parameter.name) problem(`a ${parameter.type} field has no name`);
    if (!isDataField(parameter, place)) return;
    if (names.has(parameter.name)) problem(`field name "${parameter.name}" is used twice (data keys are flat)`);
    names.set(parameter.name, parameter.type);
  });
  walkParameters(definition.parameters, (parameter) => {
    for (const condition of parameter.enablingConditions ?? []) {
      if (!names.has(condition.paramName)) {
        problem(`field "${parameter.name}" has an enablingCondition on unknown field "${condition.paramName}"`);
      }
    }
  });
  return problems;
}

function infoJson(input: AssembleInput): { [key: string]: Json } {
  const { info } = input.definition;
  const json: { [key: string]: Json } = {
    type: info.type,
    id: 'cvt_temp_public_id',
    version: 1,
    securityGroups: [],
    displayName: info.displayName,
  };
  if (info.categories && info.categories.length > 0) json.categories = [...info.categories];
  if (info.brand) {
    const brand: { [key: string]: Json } = { id: info.brand.id, displayName: info.brand.displayName };
    if (info.brand.thumbnail && /^data:image\/(png|jpeg);base64,/.test(info.brand.thumbnail)) {
      brand.thumbnail = info.brand.thumbnail;
    } else if (info.brand.thumbnail) {
      const file = path.resolve(input.templateDir, info.brand.thumbnail);
      if (!fs.existsSync(file)) {
        throw new Error(`brand.thumbnail: ${info.brand.thumbnail} not found (paths are relative to the template folder)`);
      }
      brand.thumbnail = imageDataUri(file);
    }
    json.brand = brand;
  }
  json.description = info.description;
  json.containerContexts = [...info.containerContexts];
  return json;
}

/** The `.tpl` text for one template. */
export function assembleTemplate(input: AssembleInput): string {
  const context = input.definition.info.containerContexts[0];
  const templateFile = path.relative(process.cwd(), path.join(input.templateDir, 'template.ts'));
  const problems = validateDefinition(input.templateId, templateFile, input.definition);
  if (problems.length > 0 && !shapeIsUsable(input.definition)) throw new BuildError(problems);
  const attempt = <T>(make: () => T): T | undefined => {
    try {
      return make();
    } catch (error) {
      problems.push({ template: input.templateId, file: templateFile, line: 0, message: (error as Error).message });
      return undefined;
    }
  };
  const info = attempt(() => infoJson(input));
  const permissions = attempt(() => permissionsToJson(input.definition.permissions));
  if (problems.length > 0 || !info || !permissions) throw new BuildError(problems);
  const notes = (input.definition.notes ?? '').replace(/\r\n/g, '\n').replace(/\s+$/, '');
  const sections = [
    gtmSection('TERMS_OF_SERVICE', TERMS_OF_SERVICE_TEXT),
    gtmSection('INFO', stringifyGtmJson(info)),
    gtmSection('TEMPLATE_PARAMETERS', stringifyGtmJson(mapParameters(input.definition.parameters, normalizeParameter))),
    gtmSection(context === 'SERVER' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE', input.code),
    gtmSection(context === 'SERVER' ? 'SERVER_PERMISSIONS' : 'WEB_PERMISSIONS', stringifyGtmJson(permissions)),
    gtmSection('TESTS', writeTestsYaml(input.tests ?? { scenarios: [] }, `${input.templateId} tests`)),
    gtmSection('NOTES', notes),
  ];
  return assembleTpl({ hasBom: true, crlf: false, preamble: '', sections });
}
