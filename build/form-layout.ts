// How GTM lays out a template's fields when a user opens a new tag or variable of it: the first-open
// state. Used to count the fields a user sees (test/templates/form-layout.test.ts) and to draw the
// form pictures of the reference pages (build/render-forms.ts).
//
// GTM's rules, as its editor shows them and published templates rely on:
// - a GROUP with groupStyle NO_ZIPPY shows its title and fields; ZIPPY_OPEN shows an open section;
//   ZIPPY_CLOSED (and ZIPPY_OPEN_ON_PARAM while none of its fields is set) shows only its title;
// - a field is shown when it has no enabling conditions or when one of them holds (they are OR-ed)
//   for the values the fields have: on first open, their default values;
// - sub-fields of a checkbox or drop-down are shown below it (subject to their own conditions);
//   sub-fields of a radio option only while that option is selected.

import type { EnablingCondition, GroupParameter, RadioItem, TemplateParameter } from '../src/tpl/definition';
import { fieldDefaults } from '../src/tpl/parameters';

/** A field, label or group as the form shows it on first open. */
export interface FormNode {
  parameter: TemplateParameter;
  /** For a group: whether its fields are shown (NO_ZIPPY, ZIPPY_OPEN) or only its title. */
  open?: boolean;
  /** The fields shown inside a group or below a field (checkbox/drop-down sub-fields, the selected radio option's sub-fields). */
  children: FormNode[];
  /** For a radio button group: the sub-fields shown under each option (only the selected one has any). */
  radioChildren?: Map<RadioItem, FormNode[]>;
}

/** The types of field that hold a value (a user fills them in). */
export const VALUE_FIELD_TYPES = ['TEXT', 'SELECT', 'CHECKBOX', 'RADIO', 'SIMPLE_TABLE', 'PARAM_TABLE'];

function conditionHolds(condition: EnablingCondition | { paramName: string; paramValue: unknown; type: string }, values: Record<string, unknown>): boolean {
  const value = values[condition.paramName];
  switch (condition.type) {
    case 'EQUALS':
      return value === condition.paramValue;
    case 'NOT_EQUALS':
      return value !== condition.paramValue;
    case 'PRESENT':
      return value !== undefined && value !== '';
    case 'NOT_PRESENT':
      return value === undefined || value === '';
    default:
      return true;
  }
}

/** GTM shows a field when it has no conditions or when any of them holds. */
export function isShown(parameter: TemplateParameter, values: Record<string, unknown>): boolean {
  const conditions = parameter.enablingConditions;
  return !conditions || conditions.length === 0 || conditions.some((condition) => conditionHolds(condition, values));
}

function groupIsOpen(group: GroupParameter): boolean {
  return group.groupStyle === undefined || group.groupStyle === 'NO_ZIPPY' || group.groupStyle === 'ZIPPY_OPEN';
}

function layout(parameters: TemplateParameter[] | undefined, values: Record<string, unknown>): FormNode[] {
  const nodes: FormNode[] = [];
  for (const parameter of parameters ?? []) {
    if (!isShown(parameter, values)) continue;
    if (parameter.type === 'GROUP') {
      const open = groupIsOpen(parameter);
      nodes.push({ parameter, open, children: open ? layout(parameter.subParams, values) : [] });
      continue;
    }
    const node: FormNode = { parameter, children: 'subParams' in parameter ? layout(parameter.subParams, values) : [] };
    if (parameter.type === 'RADIO') {
      node.radioChildren = new Map();
      for (const item of parameter.radioItems) {
        node.radioChildren.set(item, values[parameter.name] === item.value ? layout(item.subParams, values) : []);
      }
    }
    nodes.push(node);
  }
  return nodes;
}

/** The form of a new tag or variable: every field at its default value. */
export function firstOpenForm(parameters: TemplateParameter[]): FormNode[] {
  return layout(parameters, fieldDefaults(parameters));
}

/** Every node of a form, depth first (groups, labels and fields; radio sub-fields after their radio). */
export function formNodes(form: FormNode[]): FormNode[] {
  const all: FormNode[] = [];
  const visit = (node: FormNode) => {
    all.push(node);
    node.children.forEach(visit);
    node.radioChildren?.forEach((children) => children.forEach(visit));
  };
  form.forEach(visit);
  return all;
}

/** The fields a user sees, and can fill in, when opening a new tag or variable of the template. */
export function firstOpenFields(parameters: TemplateParameter[]): TemplateParameter[] {
  return formNodes(firstOpenForm(parameters)).map((node) => node.parameter).filter((parameter) => VALUE_FIELD_TYPES.includes(parameter.type));
}
