// The shared catalog of facts about GTM's sandbox: which APIs exist per container context, which
// permission each needs, which built-in methods are callable, and the JSON schema vocabulary of the
// `.tpl` sections. Facts and sources: docs/contracts/gtm-sandbox.md. Facts no public source settles
// are encoded conservatively: an uncertain permission is listed as `possiblePermissions` so the
// linter never demands it, but also never calls it unused when the API is present.

import type { ContainerContext } from '../tpl/definition';

export type { ContainerContext };

export interface ApiFact {
  /** Permission publicIds this API always needs (every one of them). Empty = none. */
  permissions: readonly string[];
  /** Permissions the API may need (undocumented); never required, never "unused" while the API is used. */
  possiblePermissions?: readonly string[];
  /** For APIs that are objects: the callable members (`JSON.parse`). */
  members?: readonly string[];
}

function api(permissions: string[] = [], extra: Partial<ApiFact> = {}): ApiFact {
  return { permissions, ...extra };
}

const JSON_MEMBERS = ['parse', 'stringify'];
const MATH_MEMBERS = ['abs', 'ceil', 'floor', 'max', 'min', 'pow', 'round', 'sqrt'];
const OBJECT_MEMBERS = ['keys', 'values', 'entries', 'freeze', 'delete'];
const PROMISE_MEMBERS = ['create', 'all'];

/** Pure utility APIs available in both contexts, no permission. */
const SHARED_PURE_APIS: Record<string, ApiFact> = {
  JSON: api([], { members: JSON_MEMBERS }),
  Math: api([], { members: MATH_MEMBERS }),
  Object: api([], { members: OBJECT_MEMBERS }),
  callLater: api(),
  decodeUri: api(),
  decodeUriComponent: api(),
  encodeUri: api(),
  encodeUriComponent: api(),
  fromBase64: api(),
  toBase64: api(),
  generateRandom: api(),
  getTimestamp: api(),
  getTimestampMillis: api(),
  getType: api(),
  makeInteger: api(),
  makeNumber: api(),
  makeString: api(),
  makeTableMap: api(),
  parseUrl: api(),
  queryPermission: api(),
  sha256: api(),
};

export const SERVER_APIS: Readonly<Record<string, ApiFact>> = {
  ...SHARED_PURE_APIS,
  Promise: api([], { members: PROMISE_MEMBERS }),
  BigQuery: api(['access_bigquery'], { members: ['insert'] }),
  Firestore: api(['access_firestore'], { members: ['read', 'write', 'query', 'runTransaction'] }),
  computeEffectiveTldPlusOne: api(),
  createRegex: api(),
  testRegex: api(),
  sha256Sync: api(),
  // Request / response.
  claimRequest: api(),
  getRequestBody: api(['read_request']),
  getRequestHeader: api(['read_request']),
  getRequestMethod: api(['read_request']),
  getRequestPath: api(['read_request']),
  getRequestQueryParameter: api(['read_request']),
  getRequestQueryParameters: api(['read_request']),
  getRequestQueryString: api(['read_request']),
  getRemoteAddress: api(['read_request']),
  isRequestMpv1: api([], { possiblePermissions: ['read_request'] }),
  isRequestMpv2: api([], { possiblePermissions: ['read_request'] }),
  extractEventsFromMpv1: api([], { possiblePermissions: ['read_request'] }),
  extractEventsFromMpv2: api([], { possiblePermissions: ['read_request'] }),
  runContainer: api(['run_container']),
  returnResponse: api(['return_response']),
  setResponseStatus: api(['access_response']),
  setResponseHeader: api(['access_response']),
  setResponseBody: api(['access_response']),
  setPixelResponse: api(['access_response']),
  sendPixelFromBrowser: api(['send_pixel_from_browser']),
  setCookie: api(['set_cookies']),
  getCookieValues: api(['get_cookies']),
  // Event data, container, messaging.
  getAllEventData: api(['read_event_data']),
  getEventData: api(['read_event_data']),
  getClientName: api([], { possiblePermissions: ['read_container_data'] }),
  getContainerVersion: api(['read_container_data']),
  addEventCallback: api([], { possiblePermissions: ['read_event_metadata'] }),
  addMessageListener: api(['use_message']),
  hasMessageListener: api([], { possiblePermissions: ['use_message'] }),
  sendMessage: api(['use_message']),
  templateDataStorage: api(['access_template_storage'], {
    members: ['getItemCopy', 'setItemCopy', 'removeItem', 'clear'],
  }),
  logToConsole: api(['logging']),
  // Outgoing HTTP and Google Cloud.
  sendHttpRequest: api(['send_http']),
  sendHttpGet: api(['send_http']),
  getGoogleAuth: api(['use_google_credentials']),
  getGoogleScript: api([], { possiblePermissions: ['send_http'] }),
  sendEventToGoogleAnalytics: api([], { possiblePermissions: ['use_google_credentials', 'send_http'] }),
  hmacSha256: api([], { possiblePermissions: ['use_custom_private_keys'] }),
};

export const WEB_APIS: Readonly<Record<string, ApiFact>> = {
  ...SHARED_PURE_APIS,
  addConsentListener: api(['access_consent']),
  addEventCallback: api(['read_event_metadata']),
  aliasInWindow: api(['access_globals']),
  callInWindow: api(['access_globals']),
  copyFromDataLayer: api(['read_data_layer']),
  copyFromWindow: api(['access_globals']),
  createArgumentsQueue: api(['access_globals']),
  createQueue: api(['access_globals']),
  getContainerVersion: api(['read_container_data']),
  getCookieValues: api(['get_cookies']),
  setCookie: api(['set_cookies']),
  getQueryParameters: api(['get_url']),
  getReferrerQueryParameters: api(['get_referrer']),
  getReferrerUrl: api(['get_referrer']),
  getUrl: api(['get_url']),
  gtagSet: api([], { possiblePermissions: ['write_data_layer'] }),
  injectHiddenIframe: api(['inject_hidden_iframe']),
  injectScript: api(['inject_script']),
  isConsentGranted: api(['access_consent']),
  setDefaultConsentState: api(['access_consent'], { possiblePermissions: ['write_data_layer'] }),
  updateConsentState: api(['access_consent'], { possiblePermissions: ['write_data_layer'] }),
  localStorage: api(['access_local_storage'], { members: ['getItem', 'setItem', 'removeItem'] }),
  logToConsole: api(['logging']),
  readAnalyticsStorage: api([], { possiblePermissions: ['read_analytics_storage', 'get_cookies'] }),
  readCharacterSet: api(['read_character_set']),
  readTitle: api(['read_title']),
  sendPixel: api(['send_pixel']),
  setInWindow: api(['access_globals']),
  templateStorage: api(['access_template_storage'], {
    members: ['getItem', 'setItem', 'removeItem', 'clear'],
  }),
};

export function apisFor(context: ContainerContext): Readonly<Record<string, ApiFact>> {
  return context === 'SERVER' ? SERVER_APIS : WEB_APIS;
}

export function isApi(context: ContainerContext, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(apisFor(context), name);
}

/** The only identifiers template code may use without declaring them. */
export const ALLOWED_FREE_IDENTIFIERS: readonly string[] = ['data', 'require', 'undefined'];

/** Members of `data` that the runtime adds for tags (not template parameters). */
export const DATA_RUNTIME_MEMBERS: readonly string[] = ['gtmOnSuccess', 'gtmOnFailure'];

/** Methods callable on built-in values (standard-library page), plus hasOwnProperty (21 real templates). */
export const SUPPORTED_METHODS = {
  array: [
    'concat', 'every', 'filter', 'forEach', 'indexOf', 'join', 'lastIndexOf', 'map', 'pop', 'push',
    'reduce', 'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice', 'toString', 'unshift',
    'hasOwnProperty',
  ],
  string: [
    'charAt', 'concat', 'indexOf', 'lastIndexOf', 'match', 'replace', 'search', 'slice', 'split',
    'substring', 'toLowerCase', 'toLocaleLowerCase', 'toString', 'toUpperCase', 'toLocaleUpperCase',
    'trim', 'hasOwnProperty',
  ],
  object: ['toString', 'hasOwnProperty'],
  number: ['toString'],
  boolean: ['toString'],
  /** Methods of the promises the server APIs return. */
  promise: ['then', 'catch', 'finally'],
} as const;

const ALL_SUPPORTED = new Set<string>(Object.values(SUPPORTED_METHODS).flat());

export function isSupportedMethod(name: string): boolean {
  return ALL_SUPPORTED.has(name);
}

/**
 * Standard JavaScript methods the sandbox does not document. A call of one of these names is
 * flagged even when the receiver's type is unknown: no plain template object defines them.
 */
export const UNSUPPORTED_BUILTIN_METHODS: readonly string[] = [
  'at', 'bind', 'call', 'apply', 'charCodeAt', 'codePointAt', 'copyWithin', 'endsWith', 'fill',
  'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap', 'includes', 'localeCompare',
  'matchAll', 'normalize', 'padEnd', 'padStart', 'repeat', 'replaceAll', 'substr', 'toExponential',
  'toFixed', 'toPrecision', 'toLocaleString', 'trimEnd', 'trimStart', 'trimLeft', 'trimRight',
  'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toISOString', 'getTime', 'test', 'exec',
];

/**
 * Undocumented methods that nevertheless run in production (a published server template calls
 * `startsWith`). Calls are reported as warnings rather than errors.
 */
export const UNDOCUMENTED_WORKING_METHODS: readonly string[] = ['startsWith'];

/** Globals people reach for that do not exist in the sandbox, with the sandbox replacement. */
export const MISSING_GLOBAL_HINTS: Readonly<Record<string, string>> = {
  JSON: "const JSON = require('JSON')",
  Math: "const Math = require('Math')",
  Object: "const Object = require('Object')",
  Promise: "const Promise = require('Promise') (server only)",
  parseInt: "require('makeInteger')",
  parseFloat: "require('makeNumber')",
  Number: "require('makeNumber')",
  String: "require('makeString')",
  isNaN: "require('getType') / makeNumber",
  Array: "require('getType')(x) === 'array'",
  Date: "require('getTimestampMillis')",
  encodeURIComponent: "require('encodeUriComponent')",
  decodeURIComponent: "require('decodeUriComponent')",
  encodeURI: "require('encodeUri')",
  decodeURI: "require('decodeUri')",
  setTimeout: "require('callLater')",
  console: "require('logToConsole')",
  window: "require('copyFromWindow') / require('callInWindow')",
  document: 'the web APIs (readTitle, getUrl, ...)',
  NaN: 'makeNumber of a non-number',
  Infinity: 'a large number literal',
};

// ---------------------------------------------------------------------------------------------
// Permissions

export interface PermissionFact {
  /** Known `param[].key` values; undefined = not documented, keys are not checked. */
  params?: readonly string[];
}

export const SERVER_PERMISSIONS: Readonly<Record<string, PermissionFact>> = {
  access_bigquery: { params: ['allowedTables'] },
  access_firestore: { params: ['allowedOptions'] },
  access_response: {
    params: [
      'writeResponseAccess', 'writeHeaderAccess', 'writeStatusAllowed', 'writeHeadersAllowed',
      'writeBodyAllowed', 'writeHeaderWhitelist',
    ],
  },
  access_template_storage: { params: [] },
  get_cookies: { params: ['cookieAccess', 'cookieNames'] },
  logging: { params: ['environments'] },
  read_container_data: { params: [] },
  read_event_data: { params: ['eventDataAccess', 'keyPatterns'] },
  read_event_metadata: { params: [] },
  read_request: {
    params: [
      'requestAccess', 'headerAccess', 'queryParameterAccess', 'headersAllowed', 'queryParametersAllowed',
      'pathAllowed', 'bodyAllowed', 'remoteAddressAllowed', 'headerWhitelist', 'queryParameterWhitelist',
    ],
  },
  return_response: { params: [] },
  run_container: { params: [] },
  send_http: { params: ['allowedUrls', 'urls', 'allowGoogleDomains'] },
  send_pixel_from_browser: { params: ['allowedUrls', 'urls'] },
  set_cookies: { params: ['allowedCookies'] },
  use_google_credentials: { params: ['allowedScopes'] },
  use_message: { params: ['allowedActions', 'messageTypes'] },
  use_custom_private_keys: {},
};

export const WEB_PERMISSIONS: Readonly<Record<string, PermissionFact>> = {
  access_globals: { params: ['keys'] },
  access_local_storage: { params: ['keys'] },
  access_template_storage: { params: [] },
  access_consent: { params: ['consentTypes'] },
  get_cookies: { params: ['cookieAccess', 'cookieNames'] },
  get_referrer: {},
  get_url: {},
  inject_hidden_iframe: {},
  inject_script: { params: ['urls'] },
  logging: { params: ['environments'] },
  read_character_set: { params: [] },
  read_title: { params: [] },
  read_container_data: { params: [] },
  read_data_layer: { params: ['allowedKeys', 'keyPatterns'] },
  read_event_metadata: { params: [] },
  read_analytics_storage: {},
  send_pixel: { params: ['allowedUrls', 'urls'] },
  set_cookies: { params: ['allowedCookies'] },
  write_data_layer: { params: ['keyPatterns'] },
};

export function permissionsFor(context: ContainerContext): Readonly<Record<string, PermissionFact>> {
  return context === 'SERVER' ? SERVER_PERMISSIONS : WEB_PERMISSIONS;
}

/** Typed-value tags used in permission JSON. */
export const PERMISSION_VALUE_TYPES = { string: 1, list: 2, map: 3, boolean: 8 } as const;

// ---------------------------------------------------------------------------------------------
// ___INFO___

export const INFO_KEYS: readonly string[] = [
  'type', 'id', 'version', 'securityGroups', 'displayName', 'categories', 'brand', 'description',
  'containerContexts', '__wm',
  // Older exports put the thumbnail at the top level (a gallery template from 2020 still does).
  'thumbnail',
];
export const REQUIRED_INFO_KEYS: readonly string[] = ['type', 'displayName', 'containerContexts'];
export const TEMPLATE_TYPES: Readonly<Record<ContainerContext, readonly string[]>> = {
  SERVER: ['TAG', 'MACRO', 'CLIENT'],
  WEB: ['TAG', 'MACRO'],
};
export const CONTAINER_CONTEXTS: readonly ContainerContext[] = ['SERVER', 'WEB'];
export const BRAND_KEYS: readonly string[] = ['id', 'displayName', 'thumbnail'];
/** Categories observed in gallery templates; others are reported as warnings only. */
export const KNOWN_CATEGORIES: readonly string[] = [
  'ADVERTISING', 'ANALYTICS', 'ATTRIBUTION', 'CONVERSIONS', 'CONVERSION_TRACKING', 'DATA_WAREHOUSING', 'MARKETING',
  'PERSONALIZATION', 'REMARKETING', 'TAG_MANAGEMENT', 'UTILITY', 'AFFILIATE_MARKETING',
  'CHAT', 'EMAIL_MARKETING', 'EXPERIMENTATION', 'HEAT_MAP', 'LEAD_GENERATION', 'SALES', 'SESSION_RECORDING',
  'SOCIAL', 'SURVEY',
];

// ---------------------------------------------------------------------------------------------
// ___TEMPLATE_PARAMETERS___

export const FIELD_TYPES = [
  'TEXT', 'SELECT', 'CHECKBOX', 'RADIO', 'GROUP', 'LABEL', 'SIMPLE_TABLE', 'PARAM_TABLE',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const COMMON_FIELD_PROPERTIES = [
  'type', 'name', 'displayName', 'help', 'enablingConditions', 'alwaysInSummary', 'clearOnCopy',
];

/** Properties each field type accepts (union of the corpus and the spec). */
export const FIELD_PROPERTIES: Readonly<Record<FieldType, readonly string[]>> = {
  TEXT: [
    ...COMMON_FIELD_PROPERTIES, 'simpleValueType', 'valueValidators', 'defaultValue', 'valueHint',
    'valueUnit', 'lineCount', 'textAsList', 'canBeEmptyString', 'notSetText',
  ],
  SELECT: [
    ...COMMON_FIELD_PROPERTIES, 'selectItems', 'macrosInSelect', 'notSetText', 'defaultValue', 'subParams',
    'simpleValueType', 'valueValidators', 'valueHint',
  ],
  CHECKBOX: [
    ...COMMON_FIELD_PROPERTIES, 'checkboxText', 'simpleValueType', 'defaultValue', 'subParams', 'valueValidators',
  ],
  RADIO: [...COMMON_FIELD_PROPERTIES, 'radioItems', 'simpleValueType', 'defaultValue', 'valueValidators'],
  GROUP: [...COMMON_FIELD_PROPERTIES, 'groupStyle', 'subParams'],
  LABEL: [...COMMON_FIELD_PROPERTIES],
  SIMPLE_TABLE: [
    ...COMMON_FIELD_PROPERTIES, 'simpleTableColumns', 'newRowButtonText', 'valueValidators', 'defaultValue',
  ],
  PARAM_TABLE: [
    ...COMMON_FIELD_PROPERTIES, 'paramTableColumns', 'newRowButtonText', 'newRowTitle', 'editRowTitle',
    'valueValidators', 'defaultValue',
  ],
};

/** Field types whose value lands in `data` (GROUP and LABEL are UI only). */
export const VALUE_FIELD_TYPES: readonly FieldType[] = [
  'TEXT', 'SELECT', 'CHECKBOX', 'RADIO', 'SIMPLE_TABLE', 'PARAM_TABLE',
];
export const GROUP_STYLES: readonly string[] = ['NO_ZIPPY', 'ZIPPY_OPEN', 'ZIPPY_CLOSED', 'ZIPPY_OPEN_ON_PARAM'];
export const SIMPLE_TABLE_COLUMN_PROPERTIES: readonly string[] = [
  'defaultValue', 'displayName', 'name', 'type', 'isUnique', 'valueValidators', 'selectItems',
  'macrosInSelect', 'valueHint',
];
export const SIMPLE_TABLE_COLUMN_TYPES: readonly string[] = ['TEXT', 'SELECT'];
export const PARAM_TABLE_COLUMN_PROPERTIES: readonly string[] = ['param', 'isUnique'];
export const SELECT_ITEM_PROPERTIES: readonly string[] = ['value', 'displayValue'];
export const RADIO_ITEM_PROPERTIES: readonly string[] = ['value', 'displayValue', 'help', 'subParams'];
export const ENABLING_CONDITION_PROPERTIES: readonly string[] = ['paramName', 'paramValue', 'type'];
/** PRESENT / NOT_PRESENT (with paramValue "") occur in gallery templates (stape awin-tag and others). */
export const ENABLING_CONDITION_TYPES: readonly string[] = ['EQUALS', 'NOT_EQUALS', 'PRESENT', 'NOT_PRESENT'];

export const VALUE_VALIDATOR_TYPES: readonly string[] = [
  'NON_EMPTY', 'REGEX', 'STRING_LENGTH', 'POSITIVE_NUMBER', 'NON_NEGATIVE_NUMBER', 'NUMBER', 'DECIMAL',
  'INTEGER', 'PERCENTAGE', 'TABLE_ROW_COUNT', 'GA_TRACKING_ID',
];
export const VALUE_VALIDATOR_PROPERTIES: readonly string[] = ['type', 'args', 'errorMessage', 'enablingConditions'];

// ---------------------------------------------------------------------------------------------
// Sections

export const CODE_SECTION: Readonly<Record<ContainerContext, string>> = {
  SERVER: 'SANDBOXED_JS_FOR_SERVER',
  WEB: 'SANDBOXED_JS_FOR_WEB_TEMPLATE',
};
export const PERMISSIONS_SECTION: Readonly<Record<ContainerContext, string>> = {
  SERVER: 'SERVER_PERMISSIONS',
  WEB: 'WEB_PERMISSIONS',
};

/** Section order GTM exports, per context. */
export const SECTION_ORDER_BY_CONTEXT: Readonly<Record<ContainerContext, readonly string[]>> = {
  SERVER: ['TERMS_OF_SERVICE', 'INFO', 'TEMPLATE_PARAMETERS', 'SANDBOXED_JS_FOR_SERVER', 'SERVER_PERMISSIONS', 'TESTS', 'NOTES'],
  WEB: ['TERMS_OF_SERVICE', 'INFO', 'TEMPLATE_PARAMETERS', 'SANDBOXED_JS_FOR_WEB_TEMPLATE', 'WEB_PERMISSIONS', 'TESTS', 'NOTES'],
};
/**
 * Sections a template cannot do without (CODE = the context's code section). A missing
 * permissions section means "no permissions": a gallery template omits it.
 */
export const REQUIRED_SECTIONS = ['INFO', 'TEMPLATE_PARAMETERS', 'CODE'] as const;
export const ALL_SECTION_NAMES: readonly string[] = [
  'TERMS_OF_SERVICE', 'INFO', 'TEMPLATE_PARAMETERS', 'SANDBOXED_JS_FOR_WEB_TEMPLATE', 'SANDBOXED_JS_FOR_SERVER',
  'WEB_PERMISSIONS', 'SERVER_PERMISSIONS', 'TESTS', 'NOTES',
];

export const TEST_TOP_LEVEL_KEYS: readonly string[] = ['scenarios', 'setup'];
export const TEST_SCENARIO_KEYS: readonly string[] = ['name', 'code'];
