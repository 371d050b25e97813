// Format rules: sections, ___INFO___, ___TEMPLATE_PARAMETERS___, permission JSON shape, ___TESTS___.
// Also extracts the facts the code rules need (context, template type, flattened parameters,
// decoded permissions).
import * as yaml from 'js-yaml';
import type { ContainerContext, TemplateParameter } from '../tpl/definition';
import { findSection, ParsedTpl, TplSection } from '../tpl/format';
import { ParameterPlace, walkParameters } from '../tpl/parameters';
import {
  ALL_SECTION_NAMES,
  BRAND_KEYS,
  CODE_SECTION,
  CONTAINER_CONTEXTS,
  ENABLING_CONDITION_PROPERTIES,
  ENABLING_CONDITION_TYPES,
  FIELD_PROPERTIES,
  FIELD_TYPES,
  FieldType,
  GROUP_STYLES,
  INFO_KEYS,
  KNOWN_CATEGORIES,
  PARAM_TABLE_COLUMN_PROPERTIES,
  PERMISSIONS_SECTION,
  permissionsFor,
  RADIO_ITEM_PROPERTIES,
  REQUIRED_INFO_KEYS,
  SELECT_ITEM_PROPERTIES,
  SIMPLE_TABLE_COLUMN_PROPERTIES,
  SIMPLE_TABLE_COLUMN_TYPES,
  TEMPLATE_TYPES,
  TEST_SCENARIO_KEYS,
  TEST_TOP_LEVEL_KEYS,
  VALUE_FIELD_TYPES,
  VALUE_VALIDATOR_PROPERTIES,
  VALUE_VALIDATOR_TYPES,
} from './catalog';
import { LintDiagnostic, LintSeverity } from './types';

/** A parameter whose value lands in `data` (after flattening subParams / radioItems[].subParams). */
export interface DataParameter {
  name: string;
  type: FieldType;
  line: number;
}

export interface ParameterFacts {
  /** Value parameters as `data` keys (GROUP/LABEL excluded, table columns excluded). */
  dataParameters: DataParameter[];
  /** Field names other fields' enablingConditions refer to (UI toggles have a purpose without code reads). */
  conditionNames: string[];
}

/** A permission entry decoded from the typed JSON (`{type:1,string}` → string...). */
export interface PermissionEntry {
  id: string;
  params: Record<string, unknown>;
  line: number;
}

export interface StructureFacts {
  context?: ContainerContext;
  templateType?: string;
  parameters?: ParameterFacts;
  permissions?: PermissionEntry[];
  tests?: TestFacts;
}

export interface TestCode {
  code: string;
  /** File line where the code text starts (exact for YAML block scalars, approximate otherwise). */
  firstLine: number;
  /** The code is a block scalar (`|-`): its lines map 1:1 to file lines. */
  exactLines: boolean;
}

export interface TestFacts {
  setup?: TestCode;
  scenarios: (TestCode & { name: string; line: number })[];
}

type Json = Record<string, unknown>;

class StructureChecker {
  readonly facts: StructureFacts = {};

  constructor(
    private readonly parsed: ParsedTpl,
    private readonly diagnostics: LintDiagnostic[],
  ) {}

  private report(rule: string, severity: LintSeverity, section: TplSection | undefined, line: number, message: string): void {
    this.diagnostics.push({ rule, severity, file: this.parsed.fileName, section: section?.name, line, message });
  }

  /** Line of the first occurrence of `needle` in a section, after `from` (a character offset). */
  private lineOf(section: TplSection, needle: string, from = 0): number {
    const index = section.content.indexOf(needle, from);
    if (index < 0) return section.contentLine;
    return section.contentLine + section.content.slice(0, index).split('\n').length - 1;
  }

  private parseJson(section: TplSection): unknown {
    try {
      return JSON.parse(section.content);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      let line = section.contentLine;
      if (position) line += section.content.slice(0, Number(position[1])).split('\n').length - 1;
      this.report('format/invalid-json', 'error', section, line, `invalid JSON: ${message}`);
      return undefined;
    }
  }

  run(): StructureFacts {
    this.checkSections();
    const infoSection = findSection(this.parsed, 'INFO');
    if (infoSection) this.checkInfo(infoSection);
    const context = this.facts.context;
    if (!context) return this.facts;
    this.checkContextSections(context);
    const parametersSection = findSection(this.parsed, 'TEMPLATE_PARAMETERS');
    if (parametersSection) this.checkParameters(parametersSection);
    const permissionsSection = findSection(this.parsed, PERMISSIONS_SECTION[context]);
    if (permissionsSection) this.checkPermissionEntries(permissionsSection, context);
    const testsSection = findSection(this.parsed, 'TESTS');
    if (testsSection) this.checkTests(testsSection);
    return this.facts;
  }

  // ------------------------------------------------------------------------------------------
  // Sections

  private checkSections(): void {
    const seen = new Set<string>();
    let lastIndex = -1;
    let lastName = '';
    for (const section of this.parsed.sections) {
      const orderIndex = ALL_SECTION_NAMES.indexOf(section.name);
      if (orderIndex < 0) {
        this.report('format/unknown-section', 'error', section, section.headerLine, `unknown section ___${section.name}___`);
        continue;
      }
      if (seen.has(section.name)) {
        this.report('format/duplicate-section', 'error', section, section.headerLine, `section ___${section.name}___ appears more than once`);
        continue;
      }
      seen.add(section.name);
      if (orderIndex < lastIndex) {
        // A warning: a gallery template (Affirm) has permissions before code and imports fine.
        this.report('format/section-order', 'warning', section, section.headerLine, `section ___${section.name}___ must come before ___${lastName}___`);
      } else {
        lastIndex = orderIndex;
        lastName = section.name;
      }
    }
    if (!seen.has('INFO')) this.report('format/missing-section', 'error', undefined, 0, 'missing section ___INFO___');
    if (!seen.has('TEMPLATE_PARAMETERS')) {
      this.report('format/missing-section', 'warning', undefined, 0, 'missing section ___TEMPLATE_PARAMETERS___ (write [] when there are no fields)');
    }
    if (!seen.has('TERMS_OF_SERVICE')) {
      this.report('format/missing-section', 'warning', undefined, 1, 'no ___TERMS_OF_SERVICE___ section (every gallery template has it)');
    }
  }

  private checkContextSections(context: ContainerContext): void {
    const other: ContainerContext = context === 'SERVER' ? 'WEB' : 'SERVER';
    for (const [kind, names] of [['code', CODE_SECTION], ['permissions', PERMISSIONS_SECTION]] as const) {
      const wrong = findSection(this.parsed, names[other]);
      if (wrong) {
        this.report('format/context-section', 'error', wrong, wrong.headerLine, `___${wrong.name}___ does not match containerContexts ${context} (expected ___${names[context]}___)`);
      }
      if (!findSection(this.parsed, names[context])) {
        // No permissions section means no permissions (a gallery template omits it); no code section
        // leaves the template without code (no evidence that GTM refuses it: RULES).
        this.report('format/missing-section', 'warning', undefined, 0, `missing ${kind} section ___${names[context]}___ for containerContexts ${context}`);
        if (kind === 'permissions') this.facts.permissions = [];
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // ___INFO___

  private checkInfo(section: TplSection): void {
    const info = this.parseJson(section);
    if (info === undefined) return;
    if (!isObject(info)) {
      this.report('format/info', 'error', section, section.contentLine, '___INFO___ must be a JSON object');
      return;
    }
    for (const key of Object.keys(info)) {
      if (!INFO_KEYS.includes(key)) {
        this.report('format/info-unknown-field', 'error', section, this.lineOf(section, `"${key}"`), `unknown ___INFO___ field "${key}"`);
      }
    }
    for (const key of REQUIRED_INFO_KEYS) {
      if (!(key in info)) this.report('format/info', 'error', section, section.contentLine, `___INFO___ lacks "${key}"`);
    }
    const contexts = info.containerContexts;
    if (
      !Array.isArray(contexts) ||
      contexts.length !== 1 ||
      !CONTAINER_CONTEXTS.includes(contexts[0] as ContainerContext)
    ) {
      if ('containerContexts' in info) {
        this.report('format/info', 'error', section, this.lineOf(section, '"containerContexts"'), `containerContexts must be ["SERVER"] or ["WEB"], got ${JSON.stringify(contexts)}`);
      }
    } else {
      this.facts.context = contexts[0] as ContainerContext;
    }
    const type = info.type;
    if (typeof type === 'string') this.facts.templateType = type;
    if ('type' in info) {
      const allowed = this.facts.context ? TEMPLATE_TYPES[this.facts.context] : ['TAG', 'MACRO', 'CLIENT'];
      if (typeof type !== 'string' || !allowed.includes(type)) {
        this.report('format/info-template-type', 'error', section, this.lineOf(section, '"type"'), `template type ${JSON.stringify(type)} is not one of ${allowed.join(', ')}${this.facts.context ? ` for ${this.facts.context}` : ''}`);
      }
    }
    if ('displayName' in info && (typeof info.displayName !== 'string' || info.displayName.trim() === '')) {
      this.report('format/info', 'error', section, this.lineOf(section, '"displayName"'), 'displayName must be a non-empty string');
    }
    if ('securityGroups' in info && !Array.isArray(info.securityGroups)) {
      this.report('format/info', 'error', section, this.lineOf(section, '"securityGroups"'), 'securityGroups must be an array');
    }
    if ('version' in info && info.version !== 1) {
      this.report('format/info', 'warning', section, this.lineOf(section, '"version"'), '"version" is the template-system version and is always 1');
    }
    if ('categories' in info) {
      if (!Array.isArray(info.categories)) {
        this.report('format/info', 'error', section, this.lineOf(section, '"categories"'), 'categories must be an array of strings');
      } else {
        for (const category of info.categories) {
          if (typeof category !== 'string' || !KNOWN_CATEGORIES.includes(category)) {
            this.report('format/info-category', 'warning', section, this.lineOf(section, '"categories"'), `unknown category ${JSON.stringify(category)}`);
          }
        }
      }
    }
    if ('brand' in info) {
      if (!isObject(info.brand)) {
        this.report('format/info', 'error', section, this.lineOf(section, '"brand"'), 'brand must be an object {id, displayName, thumbnail}');
      } else {
        for (const key of Object.keys(info.brand)) {
          if (!BRAND_KEYS.includes(key)) {
            this.report('format/info-unknown-field', 'error', section, this.lineOf(section, `"${key}"`), `unknown brand field "${key}"`);
          }
        }
        const thumbnail = info.brand.thumbnail;
        if (thumbnail !== undefined && (typeof thumbnail !== 'string' || (thumbnail !== '' && !/^data:image\/(png|jpeg|gif|svg\+xml);base64,/.test(thumbnail)))) {
          this.report('format/info', 'warning', section, this.lineOf(section, '"thumbnail"'), 'brand.thumbnail should be a data:image/png;base64,... (or jpeg) URI');
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // ___TEMPLATE_PARAMETERS___

  private checkParameters(section: TplSection): void {
    const fields = this.parseJson(section);
    if (fields === undefined) return;
    if (!Array.isArray(fields)) {
      this.report('format/parameter-schema', 'error', section, section.contentLine, '___TEMPLATE_PARAMETERS___ must be a JSON array');
      return;
    }
    const dataParameters: DataParameter[] = [];
    const allNames = new Map<string, number>();
    const conditions: { paramName: unknown; line: number }[] = [];
    // Walk order matches the text order, so `cursor` finds each field's own `"name"` line.
    let cursor = 0;
    const locate = (name: string): number => {
      const needle = `"name": ${JSON.stringify(name)}`;
      const index = section.content.indexOf(needle, cursor);
      if (index >= 0) {
        cursor = index + needle.length;
        return this.lineOf(section, needle, index);
      }
      return this.lineOf(section, JSON.stringify(name));
    };

    const checkConditions = (value: unknown, owner: string, line: number): void => {
      if (value === undefined) return;
      if (!Array.isArray(value)) {
        this.report('format/parameter-schema', 'error', section, line, `enablingConditions of "${owner}" must be an array`);
        return;
      }
      for (const condition of value) {
        if (!isObject(condition)) {
          this.report('format/parameter-schema', 'error', section, line, `an enablingCondition of "${owner}" is not an object`);
          continue;
        }
        this.unknownKeys(condition, ENABLING_CONDITION_PROPERTIES, section, line, `enablingCondition of "${owner}"`);
        if (!ENABLING_CONDITION_TYPES.includes(condition.type as string)) {
          this.report('format/parameter-enabling-condition', 'error', section, line, `enablingCondition of "${owner}" has type ${JSON.stringify(condition.type)} (known: ${ENABLING_CONDITION_TYPES.join(', ')})`);
        }
        conditions.push({ paramName: condition.paramName, line });
      }
    };

    const checkValidators = (value: unknown, owner: string, line: number): void => {
      if (value === undefined) return;
      if (!Array.isArray(value)) {
        this.report('format/parameter-validator', 'error', section, line, `valueValidators of "${owner}" must be an array`);
        return;
      }
      for (const validator of value) {
        if (!isObject(validator)) {
          this.report('format/parameter-validator', 'error', section, line, `a valueValidator of "${owner}" is not an object`);
          continue;
        }
        this.unknownKeys(validator, VALUE_VALIDATOR_PROPERTIES, section, line, `valueValidator of "${owner}"`);
        if (!VALUE_VALIDATOR_TYPES.includes(validator.type as string)) {
          this.report('format/parameter-validator', 'error', section, line, `valueValidator type ${JSON.stringify(validator.type)} of "${owner}" is unknown (known: ${VALUE_VALIDATOR_TYPES.join(', ')})`);
        }
        if (validator.type === 'REGEX') {
          const args = validator.args;
          if (!Array.isArray(args) || args.length < 1 || typeof args[0] !== 'string') {
            this.report('format/parameter-validator', 'error', section, line, `REGEX validator of "${owner}" needs args: ["<pattern>"]`);
          } else {
            try {
              new RegExp(args[0]);
            } catch {
              this.report('format/parameter-validator', 'error', section, line, `REGEX validator of "${owner}" has an invalid pattern ${JSON.stringify(args[0])}`);
            }
          }
        }
        if ((validator.type === 'TABLE_ROW_COUNT' || validator.type === 'STRING_LENGTH') && validator.args !== undefined) {
          const args = validator.args;
          if (!Array.isArray(args) || args.length < 1 || args.length > 2 || !args.every((a) => typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a)))) {
            this.report('format/parameter-validator', 'error', section, line, `${validator.type} validator of "${owner}" needs args [min] or [min, max]`);
          }
        }
        checkConditions(validator.enablingConditions, owner, line);
      }
    };

    const checkItems = (items: unknown, owner: string, line: number, allowed: readonly string[], what: string, onItem?: (item: Json) => void): void => {
      // An empty selectItems is legal: with macrosInSelect the SELECT becomes a variable picker.
      if (!Array.isArray(items)) {
        this.report('format/parameter-items', 'error', section, line, `${what} of "${owner}" must be an array of {value, displayValue}`);
        return;
      }
      const values = new Set<string>();
      for (const item of items) {
        if (!isObject(item)) {
          this.report('format/parameter-items', 'error', section, line, `an entry of ${what} of "${owner}" is not an object`);
          continue;
        }
        this.unknownKeys(item, allowed, section, line, `${what} entry of "${owner}"`, 'format/parameter-items');
        if (!('value' in item) || !['string', 'number', 'boolean'].includes(typeof item.value)) {
          this.report('format/parameter-items', 'error', section, line, `an entry of ${what} of "${owner}" lacks a string/number/boolean "value"`);
        } else {
          const key = JSON.stringify(item.value);
          if (values.has(key)) this.report('format/parameter-items', 'error', section, line, `${what} of "${owner}" repeats the value ${key}`);
          values.add(key);
        }
        if (typeof item.displayValue !== 'string') {
          this.report('format/parameter-items', 'error', section, line, `an entry of ${what} of "${owner}" lacks a string "displayValue"`);
        }
        onItem?.(item);
      }
    };

    const notAnObject = (): void => {
      this.report('format/parameter-schema', 'error', section, section.contentLine, 'a parameter is not a JSON object');
    };
    const childrenMustBeArray = (children: unknown, owner: string): void => {
      if (children !== undefined && !Array.isArray(children)) {
        this.report('format/parameter-schema', 'error', section, section.contentLine, `subParams of "${owner}" must be an array`);
      }
    };

    // One visit per field, in document order (src/tpl/parameters.ts walks subParams, radio options'
    // subParams and PARAM_TABLE columns); a field of unknown type is reported and not walked into.
    const checkField = (raw: TemplateParameter, place: ParameterPlace): void => {
      const field = raw as unknown as Json;
      const name = typeof field.name === 'string' ? field.name : undefined;
      const line = name !== undefined ? locate(name) : section.contentLine;
      const label = name ?? '<unnamed>';
      const type = field.type as FieldType;
      if (!FIELD_TYPES.includes(type)) {
        this.report('format/parameter-type', 'error', section, line, `parameter "${label}" has unknown type ${JSON.stringify(field.type)} (known: ${FIELD_TYPES.join(', ')})`);
        return;
      }
      if (name === undefined || name === '') {
        this.report('format/parameter-schema', 'error', section, line, `a ${type} parameter has no "name"`);
      } else if (!place.inTable) {
        // Outside PARAM_TABLE columns every field's value is a key of `data`.
        if (allNames.has(name)) {
          this.report('format/parameter-duplicate', 'error', section, line, `parameter name "${name}" is already used (line ${allNames.get(name)}); subParams share one namespace in data`);
        } else {
          allNames.set(name, line);
        }
        if (VALUE_FIELD_TYPES.includes(type)) dataParameters.push({ name, type, line });
      }
      for (const key of Object.keys(field)) {
        if (FIELD_PROPERTIES[type].includes(key)) continue;
        // Warnings: GTM ignores stray keys (a gallery template has "categories" on a field).
        const knownElsewhere = FIELD_TYPES.some((t) => FIELD_PROPERTIES[t].includes(key));
        this.report(
          'format/parameter-property',
          'warning',
          section,
          line,
          knownElsewhere ? `"${key}" has no effect on a ${type} parameter ("${label}")` : `unknown parameter property "${key}" on "${label}"`,
        );
      }
      if (type !== 'LABEL' && type !== 'GROUP' && field.displayName !== undefined && typeof field.displayName !== 'string') {
        this.report('format/parameter-schema', 'error', section, line, `displayName of "${label}" must be a string`);
      }
      checkConditions(field.enablingConditions, label, line);
      checkValidators(field.valueValidators, label, line);
      if (type === 'SELECT') checkItems(field.selectItems, label, line, SELECT_ITEM_PROPERTIES, 'selectItems');
      if (type === 'RADIO') {
        checkItems(field.radioItems, label, line, RADIO_ITEM_PROPERTIES, 'radioItems', (item) => childrenMustBeArray(item.subParams, label));
      }
      if (type === 'GROUP' && field.groupStyle !== undefined && !GROUP_STYLES.includes(field.groupStyle as string)) {
        this.report('format/parameter-schema', 'error', section, line, `groupStyle ${JSON.stringify(field.groupStyle)} of "${label}" is unknown (known: ${GROUP_STYLES.join(', ')})`);
      }
      childrenMustBeArray(field.subParams, label);
      if (type === 'SIMPLE_TABLE') this.checkSimpleTable(section, field.simpleTableColumns, label, line, checkValidators);
      if (type === 'PARAM_TABLE') {
        const columns = field.paramTableColumns;
        if (!Array.isArray(columns) || columns.length === 0) {
          this.report('format/parameter-schema', 'error', section, line, `paramTableColumns of "${label}" must be a non-empty array`);
        } else {
          for (const column of columns) {
            if (isObject(column)) this.unknownKeys(column, PARAM_TABLE_COLUMN_PROPERTIES, section, line, `paramTableColumn of "${label}"`);
          }
        }
      }
    };

    walkParameters(fields, checkField, {
      tableColumns: true,
      descend: (field) => FIELD_TYPES.includes(field.type),
      onInvalidEntry: notAnObject,
    });
    for (const condition of conditions) {
      if (typeof condition.paramName !== 'string' || !allNames.has(condition.paramName)) {
        // A warning: GTM accepts it (a gallery template has one); the condition can just never hold.
        this.report('format/parameter-enabling-condition', 'warning', section, condition.line, `enablingCondition names parameter ${JSON.stringify(condition.paramName)}, which does not exist`);
      }
    }
    const conditionNames = [...new Set(conditions.map((c) => c.paramName).filter((n): n is string => typeof n === 'string'))];
    this.facts.parameters = { dataParameters, conditionNames };
  }

  private checkSimpleTable(
    section: TplSection,
    columns: unknown,
    label: string,
    line: number,
    checkValidators: (value: unknown, owner: string, line: number) => void,
  ): void {
    if (!Array.isArray(columns) || columns.length === 0) {
      this.report('format/parameter-schema', 'error', section, line, `simpleTableColumns of "${label}" must be a non-empty array`);
      return;
    }
    const names = new Set<string>();
    for (const column of columns) {
      if (!isObject(column)) {
        this.report('format/parameter-schema', 'error', section, line, `a column of "${label}" is not an object`);
        continue;
      }
      this.unknownKeys(column, SIMPLE_TABLE_COLUMN_PROPERTIES, section, line, `simpleTableColumn of "${label}"`, 'format/parameter-property');
      const columnName = column.name;
      if (typeof columnName !== 'string' || columnName === '') {
        this.report('format/parameter-schema', 'error', section, line, `a column of "${label}" has no "name"`);
      } else if (names.has(columnName)) {
        this.report('format/parameter-duplicate', 'error', section, line, `column name "${columnName}" repeats in "${label}"`);
      } else {
        names.add(columnName);
      }
      if (!SIMPLE_TABLE_COLUMN_TYPES.includes(column.type as string)) {
        this.report('format/parameter-type', 'error', section, line, `column "${String(columnName)}" of "${label}" has type ${JSON.stringify(column.type)} (expected TEXT or SELECT)`);
      }
      if (column.type === 'SELECT' && column.selectItems === undefined) {
        // A warning: a published template has such a column (the UI then offers only variables).
        this.report('format/parameter-items', 'warning', section, line, `SELECT column "${String(columnName)}" of "${label}" has no selectItems`);
      }
      checkValidators(column.valueValidators, `${label}.${String(columnName)}`, line);
    }
  }

  private unknownKeys(object: Json, allowed: readonly string[], section: TplSection, line: number, what: string, rule = 'format/parameter-property'): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.report(rule, 'warning', section, line, `unknown property "${key}" in ${what}`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Permissions JSON

  private checkPermissionEntries(section: TplSection, context: ContainerContext): void {
    const entries = this.parseJson(section);
    if (entries === undefined) return;
    if (!Array.isArray(entries)) {
      this.report('format/permission-schema', 'error', section, section.contentLine, `___${section.name}___ must be a JSON array`);
      return;
    }
    const known = permissionsFor(context);
    const otherKnown = permissionsFor(context === 'SERVER' ? 'WEB' : 'SERVER');
    const decoded: PermissionEntry[] = [];
    const seen = new Set<string>();
    let cursor = 0;
    for (const entry of entries) {
      const key = isObject(entry) && isObject(entry.instance) && isObject(entry.instance.key) ? entry.instance.key : undefined;
      const id = key && typeof key.publicId === 'string' ? key.publicId : undefined;
      let line = section.contentLine;
      if (id) {
        const needle = `"publicId": ${JSON.stringify(id)}`;
        const index = section.content.indexOf(needle, cursor);
        if (index >= 0) {
          line = this.lineOf(section, needle, index);
          cursor = index + needle.length;
        }
      }
      if (!id || !isObject(entry) || !isObject(entry.instance)) {
        this.report('format/permission-schema', 'error', section, line, 'a permission entry lacks instance.key.publicId');
        continue;
      }
      if (seen.has(id)) this.report('format/permission-schema', 'error', section, line, `permission ${id} is listed twice`);
      seen.add(id);
      if (!Object.prototype.hasOwnProperty.call(known, id)) {
        const inOther = Object.prototype.hasOwnProperty.call(otherKnown, id);
        this.report(
          'permissions/unknown-permission',
          inOther ? 'error' : 'warning',
          section,
          line,
          inOther ? `permission ${id} does not exist in ${context} templates` : `permission ${id} is not in the linter's catalog`,
        );
      }
      const params: Record<string, unknown> = {};
      const rawParams = entry.instance.param;
      if (rawParams !== undefined && !Array.isArray(rawParams)) {
        this.report('format/permission-schema', 'error', section, line, `param of ${id} must be an array`);
      }
      for (const param of Array.isArray(rawParams) ? rawParams : []) {
        if (!isObject(param) || typeof param.key !== 'string') {
          this.report('format/permission-schema', 'error', section, line, `a param of ${id} lacks "key"`);
          continue;
        }
        const value = decodeTypedValue(param.value);
        if (value.error) {
          this.report('format/permission-schema', 'error', section, line, `param ${param.key} of ${id}: ${value.error}`);
          continue;
        }
        params[param.key] = value.value;
        const fact = known[id];
        if (fact?.params && !fact.params.includes(param.key)) {
          this.report('permissions/unknown-param', 'warning', section, line, `permission ${id} has no known param "${param.key}"`);
        }
      }
      decoded.push({ id, params, line });
    }
    this.facts.permissions = decoded;
  }

  // ------------------------------------------------------------------------------------------
  // ___TESTS___

  private checkTests(section: TplSection): void {
    if (section.content.trim() === '') {
      this.facts.tests = { scenarios: [] };
      return;
    }
    let doc: unknown;
    try {
      doc = yaml.load(section.content);
    } catch (error) {
      const mark = (error as { mark?: { line: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? (error as Error).message;
      this.report('format/invalid-yaml', 'error', section, section.contentLine + (mark?.line ?? 0), `invalid YAML: ${reason}`);
      return;
    }
    if (doc === null || doc === undefined) {
      this.facts.tests = { scenarios: [] };
      return;
    }
    if (!isObject(doc)) {
      this.report('format/tests-schema', 'error', section, section.contentLine, '___TESTS___ must be a YAML mapping with "scenarios" (and optional "setup")');
      return;
    }
    for (const key of Object.keys(doc)) {
      if (!TEST_TOP_LEVEL_KEYS.includes(key)) {
        this.report('format/tests-schema', 'error', section, this.lineOf(section, `${key}:`), `unknown ___TESTS___ key "${key}" (only scenarios and setup)`);
      }
    }
    const setup = doc.setup;
    if (setup !== undefined && setup !== null && typeof setup !== 'string') {
      this.report('format/tests-schema', 'error', section, this.lineOf(section, 'setup:'), 'setup must be a string of code');
    }
    const scenarios = doc.scenarios ?? [];
    const collected: TestFacts['scenarios'] = [];
    if (!Array.isArray(scenarios)) {
      this.report('format/tests-schema', 'error', section, this.lineOf(section, 'scenarios:'), 'scenarios must be a list');
    } else {
      const names = new Set<string>();
      let cursor = 0;
      for (const scenario of scenarios) {
        if (!isObject(scenario)) {
          this.report('format/tests-schema', 'error', section, section.contentLine, 'a scenario is not a mapping with name and code');
          continue;
        }
        const name = scenario.name;
        let line = section.contentLine;
        if (typeof name === 'string') {
          const index = section.content.indexOf(name, cursor);
          if (index >= 0) {
            line = this.lineOf(section, name, index);
            cursor = index + name.length;
          }
        }
        for (const key of Object.keys(scenario)) {
          if (!TEST_SCENARIO_KEYS.includes(key)) {
            this.report('format/tests-schema', 'error', section, line, `unknown scenario key "${key}" (only name and code)`);
          }
        }
        if (typeof name !== 'string' || name.trim() === '') {
          this.report('format/tests-schema', 'error', section, line, 'a scenario has no name');
          continue;
        }
        if (name.includes('.')) {
          this.report('format/test-name', 'warning', section, line, `scenario name "${name}" contains '.'`);
        }
        if (names.has(name)) this.report('format/test-name', 'warning', section, line, `scenario name "${name}" is used twice`);
        names.add(name);
        if (typeof scenario.code !== 'string') {
          this.report('format/tests-schema', 'error', section, line, `scenario "${name}" has no code`);
          continue;
        }
        collected.push({ name, code: scenario.code, line, ...this.codeStart(section, line, 'code') });
      }
    }
    const setupLine = section.contentLine;
    this.facts.tests = {
      setup: typeof setup === 'string' ? { code: setup, ...this.codeStart(section, setupLine, 'setup') } : undefined,
      scenarios: collected,
    };
  }

  /** First file line of a `key:` value at or after `fromLine`: the next line for block scalars (`|-`). */
  private codeStart(section: TplSection, fromLine: number, key: string): { firstLine: number; exactLines: boolean } {
    const lines = section.content.split('\n');
    for (let i = Math.max(0, fromLine - section.contentLine); i < lines.length; i++) {
      // `setup:` is a top-level key (column 0); `code:` belongs to a scenario list item.
      const indent = key === 'setup' ? '' : '\\s*(?:- )?';
      const match = new RegExp(`^${indent}${key}:\\s*(.*)$`).exec(lines[i]);
      if (!match) continue;
      const line = section.contentLine + i;
      const block = /^[|][0-9+-]*\s*$/.test(match[1]);
      return { firstLine: block ? line + 1 : line, exactLines: block };
    }
    return { firstLine: fromLine, exactLines: false };
  }
}

type Decoded = { value?: unknown; error?: string };

/** GTM's typed permission values: 1 string, 2 list, 3 map, 8 boolean. */
export function decodeTypedValue(raw: unknown): Decoded {
  if (!isObject(raw)) return { error: 'value must be a typed object {type, ...}' };
  switch (raw.type) {
    case 1:
      return typeof raw.string === 'string' ? { value: raw.string } : { error: 'type 1 needs a "string"' };
    case 8:
      return typeof raw.boolean === 'boolean' ? { value: raw.boolean } : { error: 'type 8 needs a "boolean"' };
    case 2: {
      const items = raw.listItem ?? [];
      if (!Array.isArray(items)) return { error: 'type 2 needs a "listItem" array' };
      const out: unknown[] = [];
      for (const item of items) {
        const decoded = decodeTypedValue(item);
        if (decoded.error) return decoded;
        out.push(decoded.value);
      }
      return { value: out };
    }
    case 3: {
      const keys = raw.mapKey ?? [];
      const values = raw.mapValue ?? [];
      if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length) {
        return { error: 'type 3 needs parallel "mapKey" and "mapValue" arrays' };
      }
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = decodeTypedValue(keys[i]);
        if (key.error || typeof key.value !== 'string') return { error: 'map keys must be type-1 strings' };
        const value = decodeTypedValue(values[i]);
        if (value.error) return value;
        out[key.value] = value.value;
      }
      return { value: out };
    }
    default:
      return { error: `unknown value type ${JSON.stringify(raw.type)}` };
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkStructure(parsed: ParsedTpl, diagnostics: LintDiagnostic[]): StructureFacts {
  return new StructureChecker(parsed, diagnostics).run();
}
