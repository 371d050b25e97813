// The typed description of one template: `src/templates/<template-id>/template.ts` default-exports
// `defineTemplate({...})`. The build (build/build.ts) turns it, together with the sandboxed code in
// `main.ts` and the optional `tests.yaml`, into `templates/<template-id>.tpl`.
//
// Everything here mirrors GTM's own JSON (field names and values are GTM's), with three
// conveniences: `brand.thumbnail` is a PNG/JPEG path (embedded as a data URI), `simpleValueType`
// is added for you where GTM writes it, and permissions are written as readable values
// (see PermissionSpec) instead of GTM's typed `{type: 1, string: ...}` encoding.

export type ContainerContext = 'SERVER' | 'WEB';

/** TAG = tag template, MACRO = variable template, CLIENT = server client template. */
export type TemplateType = 'TAG' | 'MACRO' | 'CLIENT';

/** The closed list of gallery categories. */
export type TemplateCategory =
  | 'ADVERTISING'
  | 'AFFILIATE_MARKETING'
  | 'ANALYTICS'
  | 'ATTRIBUTION'
  | 'CHAT'
  | 'CONVERSIONS'
  | 'DATA_WAREHOUSING'
  | 'EMAIL_MARKETING'
  | 'EXPERIMENTATION'
  | 'HEAT_MAP'
  | 'LEAD_GENERATION'
  | 'MARKETING'
  | 'PERSONALIZATION'
  | 'REMARKETING'
  | 'SALES'
  | 'SESSION_RECORDING'
  | 'SOCIAL'
  | 'SURVEY'
  | 'TAG_MANAGEMENT'
  | 'UTILITY';

export interface TemplateBrand {
  /** `brand_dummy` in editor exports; `github.com_<owner>` for gallery templates. */
  id: string;
  displayName: string;
  /**
   * Path of a PNG or JPEG file, relative to the template's folder (e.g. `../../../assets/tiktok.png`).
   * The build embeds it as a `data:image/png;base64,...` URI. A ready `data:image/...;base64,` URI
   * is used as is.
   */
  thumbnail?: string;
}

export interface TemplateInfo {
  type: TemplateType;
  displayName: string;
  description: string;
  categories?: TemplateCategory[];
  brand?: TemplateBrand;
  /** Exactly one context. Decides the code/permission sections and the API typings used. */
  containerContexts: [ContainerContext];
}

// ---------------------------------------------------------------------------------------------
// Template parameters (the ___TEMPLATE_PARAMETERS___ fields)

/** A value a field can hold or be compared with. */
export type ParamValue = string | number | boolean;

export interface EnablingCondition {
  paramName: string;
  paramValue: ParamValue;
  type: 'EQUALS' | 'NOT_EQUALS';
}

interface ValidatorBase {
  errorMessage?: string;
  enablingConditions?: EnablingCondition[];
}

export type ValueValidator =
  | (ValidatorBase & {
      type: 'NON_EMPTY' | 'POSITIVE_NUMBER' | 'NON_NEGATIVE_NUMBER' | 'NUMBER' | 'DECIMAL' | 'GA_TRACKING_ID';
    })
  /** Full-match regular expression. */
  | (ValidatorBase & { type: 'REGEX'; args: [string] })
  /** `[min]` or `[min, max]` rows. */
  | (ValidatorBase & { type: 'TABLE_ROW_COUNT'; args: [number] | [number, number] })
  | (ValidatorBase & { type: 'STRING_LENGTH'; args: [number, number] });

export interface SelectItem {
  value: ParamValue;
  displayValue: string;
}

export interface RadioItem {
  value: ParamValue;
  displayValue: string;
  help?: string;
  subParams?: TemplateParameter[];
}

/** Properties every field may have. `name` is the key of the field in `data`. */
interface FieldBase {
  name: string;
  displayName?: string;
  /** HTML allowed (`<a href>`, `<b>`); GTM escapes it in the JSON. */
  help?: string;
  enablingConditions?: EnablingCondition[];
  alwaysInSummary?: boolean;
  clearOnCopy?: boolean;
}

export interface TextParameter extends FieldBase {
  type: 'TEXT';
  valueValidators?: ValueValidator[];
  defaultValue?: string | number;
  valueHint?: string;
  valueUnit?: string;
  /** More than 1 makes a textarea. */
  lineCount?: number;
  /** The value arrives as an array of lines. */
  textAsList?: boolean;
  canBeEmptyString?: boolean;
  notSetText?: string;
}

export interface SelectParameter extends FieldBase {
  type: 'SELECT';
  selectItems: SelectItem[];
  /** Allow GTM variables as values. */
  macrosInSelect?: boolean;
  /** Adds a "not set" option whose value is "". */
  notSetText?: string;
  defaultValue?: ParamValue;
  valueValidators?: ValueValidator[];
  subParams?: TemplateParameter[];
}

export interface CheckboxParameter extends FieldBase {
  type: 'CHECKBOX';
  checkboxText: string;
  defaultValue?: boolean;
  subParams?: TemplateParameter[];
}

export interface RadioParameter extends FieldBase {
  type: 'RADIO';
  radioItems: RadioItem[];
  defaultValue?: ParamValue;
}

export interface GroupParameter extends FieldBase {
  type: 'GROUP';
  groupStyle?: 'NO_ZIPPY' | 'ZIPPY_OPEN' | 'ZIPPY_CLOSED' | 'ZIPPY_OPEN_ON_PARAM';
  subParams: TemplateParameter[];
}

export interface LabelParameter extends FieldBase {
  type: 'LABEL';
}

export interface SimpleTableColumn {
  name: string;
  displayName: string;
  type: 'TEXT' | 'SELECT';
  defaultValue?: ParamValue;
  isUnique?: boolean;
  valueValidators?: ValueValidator[];
  selectItems?: SelectItem[];
  macrosInSelect?: boolean;
  valueHint?: string;
}

export interface SimpleTableParameter extends FieldBase {
  type: 'SIMPLE_TABLE';
  simpleTableColumns: SimpleTableColumn[];
  newRowButtonText?: string;
  valueValidators?: ValueValidator[];
}

export interface ParamTableColumn {
  param: TemplateParameter;
  isUnique: boolean;
}

export interface ParamTableParameter extends FieldBase {
  type: 'PARAM_TABLE';
  paramTableColumns: ParamTableColumn[];
  newRowButtonText?: string;
  newRowTitle?: string;
  editRowTitle?: string;
  valueValidators?: ValueValidator[];
}

export type TemplateParameter =
  | TextParameter
  | SelectParameter
  | CheckboxParameter
  | RadioParameter
  | GroupParameter
  | LabelParameter
  | SimpleTableParameter
  | ParamTableParameter;

// ---------------------------------------------------------------------------------------------
// Permissions

/**
 * A permission parameter value, written naturally: a string, a boolean, a list, or a map
 * (object). src/tpl/permissions-json.ts encodes it as GTM's typed JSON (1 string, 8 boolean,
 * 2 list, 3 map).
 */
export type PermValue = string | boolean | PermValue[] | { [key: string]: PermValue };

export interface PermissionSpec {
  /** e.g. `send_http`, `read_event_data`, `logging`, `access_globals`. */
  publicId: string;
  /** Parameters in the order GTM shows them; omit (or `{}`) for parameterless permissions. */
  params?: Record<string, PermValue>;
}

// ---------------------------------------------------------------------------------------------
// The whole definition

export interface TemplateDefinition {
  info: TemplateInfo;
  parameters: TemplateParameter[];
  permissions: PermissionSpec[];
  /**
   * Free text for ___NOTES___ (change notes). No timestamps: builds are deterministic.
   * Defaults to an empty section.
   */
  notes?: string;
}

/** Identity function that gives `template.ts` files type checking and completion. */
export function defineTemplate(definition: TemplateDefinition): TemplateDefinition {
  return definition;
}
