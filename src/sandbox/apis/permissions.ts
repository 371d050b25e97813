// Permission enforcement from a template's ___WEB_PERMISSIONS___ / ___SERVER_PERMISSIONS___ JSON.
// Each API asserts its permission before any effect; queryPermission uses the same rules.
//
// Argument conventions of assert/query (the same as GTM's queryPermission where GTM documents one):
//   send_http(url)  send_pixel(url)  send_pixel_from_browser(url)  inject_script(url)
//   inject_hidden_iframe(url)  get_cookies(name)  set_cookies(name, options)
//   read_event_data(keyPath | undefined for all data)  read_data_layer(key)  write_data_layer(key)
//   read_request('header', name) | ('query_parameter', name | undefined for all) | ('query_string')
//     | ('path') | ('body') | ('method') | ('remote_address')
//   access_response('status') | ('header', name) | ('body')
//   logging(debugMode?)  read_container_data()  return_response()  run_container()  read_event_metadata()
//   access_template_storage()  read_title()  read_character_set()
//   access_bigquery('write', {projectId, datasetId, tableId})
//   access_firestore(operation 'read'|'write', path, {projectId, databaseId})
//   use_message('listen'|'send', type)  use_google_credentials(scopes[])
//   use_custom_private_keys(keyId)
//   access_globals('read'|'write'|'readwrite'|'execute', key)
//   access_local_storage('read'|'write'|'readwrite', key)
//   access_consent(consentType, 'read'|'write')
//   get_url(component?, queryKey?)  get_referrer(component?, queryKey?)

import type { ContainerContext } from '../environment';
import { PermissionChecker, PermissionError } from './types';
import { urlMatchesPattern } from './url';

type Params = Record<string, unknown>;

/** Decodes one GTM typed value ({type:1,string}, {type:8,boolean}, {type:2,listItem}, {type:3,mapKey,mapValue}). */
export function decodeTypedValue(value: unknown, where: string): unknown {
  if (typeof value !== 'object' || value === null) throw new Error(`Permission JSON: ${where} is not a typed value`);
  const typed = value as Record<string, unknown>;
  switch (typed.type) {
    case 1:
      if (typeof typed.string !== 'string') throw new Error(`Permission JSON: ${where} (type 1) has no string`);
      return typed.string;
    case 8:
      if (typeof typed.boolean !== 'boolean') throw new Error(`Permission JSON: ${where} (type 8) has no boolean`);
      return typed.boolean;
    case 2: {
      const items = typed.listItem ?? [];
      if (!Array.isArray(items)) throw new Error(`Permission JSON: ${where} (type 2) listItem is not an array`);
      return items.map((item, index) => decodeTypedValue(item, `${where}[${index}]`));
    }
    case 3: {
      const keys = typed.mapKey ?? [];
      const values = typed.mapValue ?? [];
      if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length) {
        throw new Error(`Permission JSON: ${where} (type 3) needs parallel mapKey/mapValue arrays`);
      }
      const map: Record<string, unknown> = {};
      keys.forEach((key, index) => {
        const decodedKey = decodeTypedValue(key, `${where}.mapKey[${index}]`);
        if (typeof decodedKey !== 'string') throw new Error(`Permission JSON: ${where} map key is not a string`);
        map[decodedKey] = decodeTypedValue(values[index], `${where}.${decodedKey}`);
      });
      return map;
    }
    default:
      throw new Error(`Permission JSON: ${where} has unknown type ${JSON.stringify(typed.type)}`);
  }
}

/** Decodes a permissions array into publicId -> params. */
export function parsePermissions(permissionsJson: unknown): Map<string, Params> {
  if (!Array.isArray(permissionsJson)) throw new Error('Permission JSON: expected an array of permission entries');
  const result = new Map<string, Params>();
  permissionsJson.forEach((entry, index) => {
    const instance = (entry as { instance?: { key?: { publicId?: unknown }; param?: unknown } } | null)?.instance;
    const publicId = instance?.key?.publicId;
    if (typeof publicId !== 'string') throw new Error(`Permission JSON: entry ${index} has no instance.key.publicId`);
    const rawParams = instance?.param ?? [];
    if (!Array.isArray(rawParams)) throw new Error(`Permission JSON: ${publicId}.param is not an array`);
    const params: Params = {};
    for (const param of rawParams) {
      const key = (param as { key?: unknown } | null)?.key;
      if (typeof key !== 'string') throw new Error(`Permission JSON: ${publicId} has a param without key`);
      params[key] = decodeTypedValue((param as { value?: unknown }).value, `${publicId}.${key}`);
    }
    result.set(publicId, params);
  });
  return result;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asMaps = (value: unknown): Params[] =>
  asList(value).filter((item): item is Params => typeof item === 'object' && item !== null);
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'undefined');

/**
 * Key patterns (read_event_data, read_data_layer, write_data_layer): `*` allows everything; `a.*`
 * allows `a` and everything below it; a plain key allows itself and everything below it (reading a
 * sub-key reveals less than the key). GTM's exact rule for the bare-prefix cases is unpublished.
 */
export function keyMatchesPattern(key: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const base = pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern;
  return key === base || key.startsWith(`${base}.`);
}

/** Hosts send_http's allowGoogleDomains opens (guess: Google's own API/measurement domains). */
const GOOGLE_DOMAINS = [
  'google.com', 'googleapis.com', 'google-analytics.com', 'analytics.google.com', 'googletagmanager.com',
  'doubleclick.net', 'googlesyndication.com', 'googleadservices.com', 'googleusercontent.com',
];

function isGoogleUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return false;
    return GOOGLE_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
  } catch {
    return false;
  }
}

/** Returns null when allowed, else the reason (which names the refused value). */
type Rule = (params: Params, args: unknown[], context: RuleContext) => string | null;

interface RuleContext {
  isDebug: () => boolean;
}

function urlListRule(params: Params, url: unknown, extraAllowed?: (url: string) => boolean): string | null {
  if (typeof url !== 'string') return `URL ${show(url)} is not a string`;
  if (params.allowedUrls === 'any') return null;
  if (extraAllowed?.(url)) return null;
  // inject_script / inject_hidden_iframe have only `urls` (no allowedUrls switch).
  const patterns = asList(params.urls).map(str);
  if (patterns.some((pattern) => urlMatchesPattern(url, pattern))) return null;
  return `URL ${show(url)} does not match any allowed URL pattern`;
}

function specificList(access: unknown, list: unknown, value: string, what: string): string | null {
  if (access === 'any') return null;
  if (asList(list).map(str).includes(value)) return null;
  return `${what} ${show(value)} is not allowed`;
}

function keyPatternRule(access: unknown, patterns: unknown, key: unknown, what: string): string | null {
  if (access === 'any') return null;
  if (key === undefined) return `reading all ${what} requires access to any key`;
  const keyText = str(key);
  if (asList(patterns).map(str).some((pattern) => keyMatchesPattern(keyText, pattern))) return null;
  return `${what} key ${show(keyText)} is not allowed`;
}

function urlComponentRule(params: Params, component: unknown, queryKey: unknown, what: string): string | null {
  if (params.urlParts === 'any') {
    if (component !== 'query' || queryKey === undefined || queryKey === null) return null;
  } else {
    // Per-component booleans are direct params (protocol, host, port, path, extension, fragment,
    // query), or sit in an `allowedUrlParts` map in some versions of the permission.
    const parts: Params = { ...(typeof params.allowedUrlParts === 'object' && params.allowedUrlParts ? (params.allowedUrlParts as Params) : {}), ...params };
    const components = component === undefined || component === null || component === ''
      ? ['protocol', 'host', 'port', 'path', 'query', 'extension', 'fragment']
      : [str(component)];
    for (const part of components) {
      if (parts[part] !== true) return `${what} component ${show(part)} is not allowed`;
    }
    if (str(component) !== 'query' || queryKey === undefined || queryKey === null) return null;
  }
  // A specific query key was asked for.
  const queriesAllowed = params.queriesAllowed;
  if (queriesAllowed === undefined || queriesAllowed === 'any') return null;
  // queriesAllowed is 'any' | 'specific' (keys in queryKeys), or a list of keys that may hold 'any'.
  const allowedKeys = (Array.isArray(queriesAllowed) ? queriesAllowed : asList(params.queryKeys)).map(str);
  if (allowedKeys.includes('any') || allowedKeys.includes(str(queryKey))) return null;
  return `${what} query key ${show(queryKey)} is not allowed`;
}

/**
 * Compiled `*` patterns by pattern text. A template's permissions are fixed, so the same few
 * patterns come back on every call; compiling them again each time (a setCookie call compiled one
 * regular expression per allowed cookie) is a cost of the emulator, not of the template.
 */
const starPatterns = new Map<string, RegExp>();
const MAX_STAR_PATTERNS = 1000;

function matchesStar(pattern: unknown, value: string): boolean {
  const text = str(pattern);
  if (text === '*' || text === '') return true;
  let regex = starPatterns.get(text);
  if (regex === undefined) {
    regex = new RegExp(`^${text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    if (starPatterns.size >= MAX_STAR_PATTERNS) starPatterns.clear();
    starPatterns.set(text, regex);
  }
  return regex.test(value);
}

const RULES: Record<string, Rule> = {
  send_http: (params, [url]) => urlListRule(params, url, params.allowGoogleDomains === true ? isGoogleUrl : undefined),
  send_pixel: (params, [url]) => urlListRule(params, url),
  send_pixel_from_browser: (params, [url]) => urlListRule(params, url),
  inject_script: (params, [url]) => urlListRule(params, url),
  inject_hidden_iframe: (params, [url]) => urlListRule(params, url),
  get_cookies: (params, [name]) => specificList(params.cookieAccess, params.cookieNames, str(name), 'cookie'),
  set_cookies: (params, [name, options]) => {
    const cookieName = str(name);
    const opts = (typeof options === 'object' && options !== null ? options : {}) as Params;
    const domain = str(opts.domain ?? 'auto').toLowerCase().replace(/^\./, '');
    const path = str(opts.path ?? '/');
    const secure = opts.secure === true;
    const session = opts['max-age'] === undefined && opts.expires === undefined;
    const entries = asMaps(params.allowedCookies).filter((entry) => matchesStar(entry.name, cookieName));
    if (entries.length === 0) return `cookie ${show(cookieName)} is not allowed`;
    const reasons: string[] = [];
    for (const entry of entries) {
      const allowedDomain = str(entry.domain).toLowerCase().replace(/^\./, '');
      if (!(allowedDomain === '*' || allowedDomain === '' || allowedDomain === domain)) {
        reasons.push(`domain ${show(domain)}`);
        continue;
      }
      if (!(str(entry.path) === '*' || str(entry.path) === '' || str(entry.path) === path)) {
        reasons.push(`path ${show(path)}`);
        continue;
      }
      // Values seen in real templates: secure 'any' | 'secure'; session 'any' | 'session' |
      // 'non_session'. 'non_secure' is the assumed counterpart of 'secure'.
      const secureRule = str(entry.secure || 'any');
      if (secureRule === 'secure' && !secure) {
        reasons.push('a non-secure cookie');
        continue;
      }
      if ((secureRule === 'non_secure' || secureRule === 'insecure') && secure) {
        reasons.push('a secure cookie');
        continue;
      }
      const sessionRule = str(entry.session || 'any');
      if (sessionRule === 'session' && !session) {
        reasons.push('a persistent cookie');
        continue;
      }
      if ((sessionRule === 'non_session' || sessionRule === 'persistent') && session) {
        reasons.push('a session cookie');
        continue;
      }
      return null;
    }
    return `cookie ${show(cookieName)} with ${reasons.join(' / ')} is not allowed`;
  },
  read_event_data: (params, [key]) => keyPatternRule(params.eventDataAccess, params.keyPatterns, key, 'event data'),
  read_data_layer: (params, [key]) => keyPatternRule(params.allowedKeys, params.keyPatterns, key, 'dataLayer'),
  write_data_layer: (params, [key]) => keyPatternRule(params.allowedKeys, params.keyPatterns, key, 'dataLayer write'),
  read_request: (params, [component, name]) => {
    if (params.requestAccess === 'any') return null;
    // 'query' / 'remoteAddress' are accepted as aliases, as queryPermission callers may write them.
    const aliases: Record<string, string> = { query: 'query_parameter', remoteAddress: 'remote_address', headers: 'header' };
    const part = aliases[str(component)] ?? str(component);
    switch (part) {
      case 'header': {
        if (params.headersAllowed !== true) return 'reading request headers is not allowed';
        if (params.headerAccess === 'any') return null;
        if (name === undefined) return 'reading all request headers is not allowed';
        const header = str(name).toLowerCase();
        if (asMaps(params.headerWhitelist).some((entry) => str(entry.headerName).toLowerCase() === header)) return null;
        return `request header ${show(header)} is not allowed`;
      }
      case 'query_parameter':
      case 'query_string': {
        if (params.queryParametersAllowed !== true) return 'reading request query parameters is not allowed';
        if (params.queryParameterAccess === 'any') return null;
        if (part === 'query_string' || name === undefined) return 'reading all query parameters is not allowed';
        if (asMaps(params.queryParameterWhitelist).some((entry) => str(entry.queryParameter) === str(name))) return null;
        return `request query parameter ${show(name)} is not allowed`;
      }
      case 'path':
        return params.pathAllowed === true ? null : 'reading the request path is not allowed';
      case 'body':
        return params.bodyAllowed === true ? null : 'reading the request body is not allowed';
      case 'remote_address':
        return params.remoteAddressAllowed === true ? null : 'reading the remote address is not allowed';
      case 'method':
        // GTM has no separate flag for the method; the permission being granted suffices (guess).
        return null;
      default:
        return `unknown request component ${show(component)}`;
    }
  },
  access_response: (params, [component, name]) => {
    if (params.writeResponseAccess === 'any') return null;
    switch (str(component)) {
      case 'status':
        return params.writeStatusAllowed === true ? null : 'writing the response status is not allowed';
      case 'body':
        return params.writeBodyAllowed === true ? null : 'writing the response body is not allowed';
      case 'header': {
        if (params.writeHeadersAllowed !== true) return 'writing response headers is not allowed';
        if (params.writeHeaderAccess === 'any') return null;
        const header = str(name).toLowerCase();
        if (asMaps(params.writeHeaderWhitelist).some((entry) => str(entry.headerName).toLowerCase() === header)) return null;
        return `response header ${show(header)} is not allowed`;
      }
      default:
        return `unknown response component ${show(component)}`;
    }
  },
  logging: (params, [debugMode], context) => {
    const environments = str(params.environments || 'debug');
    if (environments === 'all') return null;
    // The logging API passes the run's debug flag; queryPermission('logging') from a template
    // has no argument and falls back to the checker option.
    const debug = typeof debugMode === 'boolean' ? debugMode : context.isDebug();
    return debug ? null : 'logging is allowed in debug (preview) mode only';
  },
  read_container_data: () => null,
  return_response: () => null,
  run_container: () => null,
  read_event_metadata: () => null,
  access_template_storage: () => null,
  read_title: () => null,
  read_character_set: () => null,
  // readAnalyticsStorage's permission is undocumented; accepted so templates declaring it load.
  read_analytics_storage: () => null,
  access_bigquery: (params, [operation, table]) => {
    const wanted = (typeof table === 'object' && table !== null ? table : {}) as Params;
    const op = str(operation || 'write');
    const ok = asMaps(params.allowedTables).some(
      (entry) =>
        matchesStar(entry.projectId, str(wanted.projectId)) &&
        matchesStar(entry.datasetId, str(wanted.datasetId)) &&
        matchesStar(entry.tableId, str(wanted.tableId)) &&
        (entry.operation === undefined || str(entry.operation).split('_').includes(op) || str(entry.operation) === op),
    );
    return ok ? null : `BigQuery ${op} to ${show(`${str(wanted.projectId)}.${str(wanted.datasetId)}.${str(wanted.tableId)}`)} is not allowed`;
  },
  access_firestore: (params, [operation, path, options]) => {
    const opts = (typeof options === 'object' && options !== null ? options : {}) as Params;
    const op = str(operation);
    const docPath = str(path);
    const ok = asMaps(params.allowedOptions).some((entry) => {
      const allowedOp = str(entry.operation);
      const opOk = allowedOp === op || allowedOp === 'read_write' || allowedOp === '*' ||
        (op === 'query' && allowedOp === 'read');
      return opOk && matchesStar(entry.projectId, str(opts.projectId)) && firestorePathMatches(str(entry.path), docPath) &&
        (entry.databaseId === undefined || matchesStar(entry.databaseId, str(opts.databaseId ?? '(default)')));
    });
    return ok ? null : `Firestore ${op} of ${show(docPath)} is not allowed`;
  },
  use_message: (params, [action, type]) => {
    if (params.allowedActions === 'any') return null;
    const act = str(action);
    const ok = asMaps(params.messageTypes).some((entry) => {
      const allowed = str(entry.action || 'listen_and_send');
      return matchesStar(entry.type, str(type)) && (allowed === act || allowed === 'listen_and_send' || allowed === 'any');
    });
    return ok ? null : `message ${act} for type ${show(type)} is not allowed`;
  },
  use_google_credentials: (params, [scopes]) => {
    const allowed = asList(params.allowedScopes).map(str);
    const refused = asList(scopes).map(str).filter((scope) => !allowed.includes(scope));
    return refused.length === 0 ? null : `scope ${show(refused[0])} is not allowed`;
  },
  use_custom_private_keys: (params, [keyId]) => {
    const keys = asMaps(params.keyIds ?? params.allowedKeys).map((entry) => str(entry.keyId ?? entry.key));
    if (keys.length === 0 && params.keyIds === undefined && params.allowedKeys === undefined) return null;
    return keys.includes(str(keyId)) ? null : `private key ${show(keyId)} is not allowed`;
  },
  access_globals: (params, [mode, key]) => {
    const wanted = str(mode);
    const entry = asMaps(params.keys).find((candidate) => str(candidate.key) === str(key));
    if (!entry) return `global ${show(key)} is not allowed`;
    const needs = wanted === 'readwrite' ? ['read', 'write'] : [wanted];
    for (const need of needs) {
      if (entry[need] !== true) return `${need} access to global ${show(key)} is not allowed`;
    }
    return null;
  },
  access_local_storage: (params, [mode, key]) => {
    const wanted = str(mode);
    const entry = asMaps(params.keys).find((candidate) => str(candidate.key) === str(key));
    if (!entry) return `localStorage key ${show(key)} is not allowed`;
    const needs = wanted === 'readwrite' ? ['read', 'write'] : [wanted];
    for (const need of needs) {
      if (entry[need] !== true) return `${need} access to localStorage key ${show(key)} is not allowed`;
    }
    return null;
  },
  access_consent: (params, [consentType, mode]) => {
    const wanted = str(mode || 'read');
    const entry = asMaps(params.consentTypes).find((candidate) => str(candidate.consentType) === str(consentType));
    if (!entry) return `consent type ${show(consentType)} is not allowed`;
    const needs = wanted === 'readwrite' ? ['read', 'write'] : [wanted];
    for (const need of needs) {
      if (entry[need] !== true) return `${need} access to consent type ${show(consentType)} is not allowed`;
    }
    return null;
  },
  get_url: (params, [component, queryKey]) => urlComponentRule(params, component, queryKey, 'URL'),
  get_referrer: (params, [component, queryKey]) => urlComponentRule(params, component, queryKey, 'referrer'),
};

/** Firestore permission paths: `*` matches a whole segment, `**` any remaining segments. */
function firestorePathMatches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '**' || pattern === '') return true;
  const wanted = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  for (let index = 0; index < wanted.length; index++) {
    if (wanted[index] === '**') return true;
    if (index >= actual.length) return false;
    if (wanted[index] !== '*' && wanted[index] !== actual[index]) return false;
  }
  return wanted.length === actual.length;
}

export const KNOWN_PERMISSIONS = Object.keys(RULES);

export interface PermissionCheckerOptions {
  /** Whether the container runs in debug/preview mode (logging 'debug'). Default false. */
  isDebug?: () => boolean;
}

export function createPermissionChecker(
  permissionsJson: unknown[],
  context: ContainerContext,
  options: PermissionCheckerOptions = {},
): PermissionChecker {
  const granted = parsePermissions(permissionsJson);
  for (const id of granted.keys()) {
    if (!RULES[id]) throw new Error(`Permission JSON: unknown permission "${id}" in a ${context} template`);
  }
  const ruleContext: RuleContext = { isDebug: options.isDebug ?? (() => false) };

  const refusal = (permissionId: string, args: unknown[]): string | null => {
    const params = granted.get(permissionId);
    if (!params) return 'the template does not declare this permission';
    const rule = RULES[permissionId];
    if (!rule) return 'unknown permission';
    return rule(params, args, ruleContext);
  };

  return {
    assert(permissionId, ...args) {
      const reason = refusal(permissionId, args);
      if (reason !== null) throw new PermissionError(permissionId, reason);
    },
    query(permissionId, ...args) {
      return refusal(permissionId, args) === null;
    },
    has(permissionId) {
      return granted.has(permissionId);
    },
  };
}

/** Typed-JSON builders, handy for tests and hosts that grant permissions programmatically. */
export const typed = {
  string: (value: string) => ({ type: 1, string: value }),
  boolean: (value: boolean) => ({ type: 8, boolean: value }),
  list: (...items: unknown[]) => ({ type: 2, listItem: items }),
  map: (entries: Record<string, unknown>) => ({
    type: 3,
    mapKey: Object.keys(entries).map((key) => ({ type: 1, string: key })),
    mapValue: Object.values(entries),
  }),
};

/** Encodes plain JS values (string/boolean/array/object) into one permission entry. */
export function permissionEntry(publicId: string, params: Record<string, unknown> = {}): unknown {
  const encode = (value: unknown): unknown => {
    if (typeof value === 'string') return typed.string(value);
    if (typeof value === 'boolean') return typed.boolean(value);
    if (Array.isArray(value)) return typed.list(...value.map(encode));
    if (typeof value === 'object' && value !== null) {
      return typed.map(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)])));
    }
    throw new Error(`permissionEntry: cannot encode ${String(value)}`);
  };
  return {
    instance: {
      key: { publicId, versionId: '1' },
      param: Object.entries(params).map(([key, value]) => ({ key, value: encode(value) })),
    },
    clientAnnotations: { isEditedByUser: true },
    isRequired: true,
  };
}
