// A tag created in GTM's UI starts with each field's defaultValue (and unchecked checkboxes as
// false). The local server does the same: the container config only lists the fields you change,
// and every other field gets what a fresh tag instance would hold.

import * as fs from 'fs';
import { findSection, parseJsonSection, parseTpl } from '../tpl/format';

interface TemplateParameter {
  type?: string;
  name?: string;
  defaultValue?: unknown;
  subParams?: TemplateParameter[];
  radioItems?: { subParams?: TemplateParameter[] }[];
}

/** Field defaults declared in a template's ___TEMPLATE_PARAMETERS___ (nested groups included). */
export function fieldDefaults(parameters: unknown): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const parameter of list as TemplateParameter[]) {
      if (!parameter || typeof parameter !== 'object') continue;
      const isField = typeof parameter.name === 'string' && parameter.type !== 'GROUP' && parameter.type !== 'LABEL';
      if (isField && parameter.defaultValue !== undefined) defaults[parameter.name as string] = parameter.defaultValue;
      else if (isField && parameter.type === 'CHECKBOX') defaults[parameter.name as string] = false;
      visit(parameter.subParams);
      for (const item of parameter.radioItems ?? []) visit(item?.subParams);
    }
  };
  visit(parameters);
  return defaults;
}

/** Reads a .tpl file and returns its field defaults ({} when it has no parameters section). */
export function fieldDefaultsFromFile(file: string): Record<string, unknown> {
  const parsed = parseTpl(fs.readFileSync(file, 'utf8'), file);
  const section = findSection(parsed, 'TEMPLATE_PARAMETERS');
  return section ? fieldDefaults(parseJsonSection(parsed, section)) : {};
}
