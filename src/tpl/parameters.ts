// The one walk of a ___TEMPLATE_PARAMETERS___ tree. Every reader of a template's fields goes through
// it: the build (duplicate names, enabling conditions), the field reference docs, the linter, the
// local server's field defaults and the test generators. The tree's shape is GTM's:
//
//   field ─ subParams ──────────────── fields   (GROUP, and SELECT/CHECKBOX that reveal more fields)
//         ─ radioItems[].subParams ──── fields   (fields shown under one radio option)
//         ─ paramTableColumns[].param ─ fields   (the columns of a PARAM_TABLE)
//
// Every field except GROUP and LABEL holds a value, and every such field outside a table is a
// top-level key of `data`, however deeply it is nested in the editor (so names must be unique).
// A PARAM_TABLE column's field holds one cell of each row instead.

import type { GroupParameter, RadioItem, TemplateParameter } from './definition';

/** Where the walk found a field. */
export interface ParameterPlace {
  /** The field whose subParams, radio option or table column holds this one (none at the top level). */
  parent?: TemplateParameter;
  /** The radio option this field is shown under. */
  radioItem?: RadioItem;
  /** Inside a PARAM_TABLE column: the value is a cell of each row, not a key of `data`. */
  inTable: boolean;
  /** The GROUPs around the field, outermost first. */
  groups: GroupParameter[];
  /** 0 at the top level, +1 per subParams, radio option or table column. */
  depth: number;
}

export type ParameterVisitor = (parameter: TemplateParameter, place: ParameterPlace) => void;

export interface WalkOptions {
  /** Also visit the fields of PARAM_TABLE columns (with `place.inTable`). Default: no. */
  tableColumns?: boolean;
  /** Whether to walk a field's children (default: always). */
  descend?: (parameter: TemplateParameter, place: ParameterPlace) => boolean;
  /**
   * Called for an entry that is not an object (a hand-edited or broken file), and for a
   * PARAM_TABLE column without a `param`; the walk goes on with the next entry.
   */
  onInvalidEntry?: (entry: unknown, place: ParameterPlace) => void;
}

const TOP: ParameterPlace = { inTable: false, groups: [], depth: 0 };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Visit every field depth first, in document order (a field, then its children in the order their
 * keys appear, so a reader can locate each field in the JSON text by advancing a cursor). Takes
 * the parsed section as it is: entries that are not objects go to `onInvalidEntry`, children that
 * are not arrays are not walked. Checking the shape further is the linter's job.
 */
export function walkParameters(parameters: unknown, visit: ParameterVisitor, options: WalkOptions = {}): void {
  walkList(parameters, TOP, visit, options);
}

function walkList(list: unknown, place: ParameterPlace, visit: ParameterVisitor, options: WalkOptions): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) walkEntry(entry, place, visit, options);
}

function walkEntry(entry: unknown, place: ParameterPlace, visit: ParameterVisitor, options: WalkOptions): void {
  if (!isObject(entry)) {
    options.onInvalidEntry?.(entry, place);
    return;
  }
  const parameter = entry as unknown as TemplateParameter;
  visit(parameter, place);
  if (options.descend && !options.descend(parameter, place)) return;
  const groups = parameter.type === 'GROUP' ? [...place.groups, parameter] : place.groups;
  const below = { parent: parameter, inTable: place.inTable, groups, depth: place.depth + 1 };
  for (const key of Object.keys(entry)) {
    const children = entry[key];
    if (!Array.isArray(children)) continue;
    if (key === 'subParams') {
      walkList(children, below, visit, options);
    } else if (key === 'radioItems') {
      for (const item of children) {
        if (isObject(item)) walkList(item.subParams, { ...below, radioItem: item as unknown as RadioItem }, visit, options);
      }
    } else if (key === 'paramTableColumns' && options.tableColumns) {
      for (const column of children) {
        if (isObject(column)) walkEntry(column.param, { ...below, inTable: true }, visit, options);
      }
    }
  }
}

/** True for a field whose value is a key of `data`: it has a name, holds a value and is not in a table. */
export function isDataField(parameter: TemplateParameter, place: ParameterPlace): boolean {
  return !place.inTable && parameter.type !== 'GROUP' && parameter.type !== 'LABEL' && typeof parameter.name === 'string' && parameter.name !== '';
}

/** Every field that becomes a key of `data`, in document order. */
export function dataFields(parameters: unknown): TemplateParameter[] {
  const fields: TemplateParameter[] = [];
  walkParameters(parameters, (parameter, place) => {
    if (isDataField(parameter, place)) fields.push(parameter);
  });
  return fields;
}

/**
 * The `data` of a freshly created tag or variable: GTM gives each field its defaultValue and an
 * unchecked checkbox `false`; other fields without a default are absent.
 */
export function fieldDefaults(parameters: unknown): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const field of dataFields(parameters)) {
    const value = (field as { defaultValue?: unknown }).defaultValue;
    if (value !== undefined) defaults[field.name] = value;
    else if (field.type === 'CHECKBOX') defaults[field.name] = false;
  }
  return defaults;
}

type JsonObject = { [key: string]: unknown };

/**
 * A copy of the tree with `transform` applied to every field (the build uses it to write GTM's JSON).
 * `transform` returns the field's new object without recursing; the children it keeps under
 * `subParams`, `radioItems[].subParams` and `paramTableColumns[].param` are then transformed the
 * same way, keeping their positions.
 */
export function mapParameters(parameters: readonly TemplateParameter[], transform: (parameter: TemplateParameter) => JsonObject): JsonObject[] {
  const mapList = (list: unknown): unknown => (Array.isArray(list) ? list.map((child) => mapParameter(child)) : list);
  const mapParameter = (parameter: TemplateParameter): JsonObject => {
    const result = transform(parameter);
    if (Array.isArray(result.subParams)) result.subParams = mapList(result.subParams);
    if (Array.isArray(result.radioItems)) {
      result.radioItems = result.radioItems.map((item: JsonObject) => (Array.isArray(item.subParams) ? { ...item, subParams: mapList(item.subParams) } : item));
    }
    if (Array.isArray(result.paramTableColumns)) {
      result.paramTableColumns = result.paramTableColumns.map((column: JsonObject) => ({ ...column, param: mapParameter(column.param as TemplateParameter) }));
    }
    return result;
  };
  return parameters.map(mapParameter);
}
