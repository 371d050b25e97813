// Web GTM APIs (___SANDBOXED_JS_FOR_WEB_TEMPLATE___), working on the simulated page in
// WebEnvironment (window, dataLayer, document.cookie, consent, URL, scripts).

import { dataLayerModel } from '../data-layer';
import type { WebEnvironment } from '../environment';
import { deepCopy, isFunction, isPlainObject, later, readPath, requireString } from './common';
import { decodeCookieValue, parseCookieString, recordCookieWrite } from './cookies';
import { sharedApis } from './shared';
import { eventKey, stateOf } from './state';
import type { ApiHost, ApiTable } from './types';
import { effectiveTldPlusOne } from './url';

const webEnv = (host: ApiHost): WebEnvironment => host.env as WebEnvironment;

// ---------------------------------------------------------------- window

export function pageWindow(env: WebEnvironment): Record<string, unknown> {
  env.window ??= {};
  // window.dataLayer and env.dataLayer are the same array.
  if (env.dataLayer && env.window.dataLayer === undefined) env.window.dataLayer = env.dataLayer;
  if (!env.dataLayer && Array.isArray(env.window.dataLayer)) env.dataLayer = env.window.dataLayer as unknown[];
  return env.window;
}

/**
 * The object holding the last component of a dot path in `root`, and that component. With
 * `createParents` missing intermediate objects are created; otherwise a missing (or non-object)
 * parent gives undefined. Only setInWindow creates parents: Google's API reference says that
 * createQueue and createArgumentsQueue throw when the key's path does not exist, and that every
 * component of aliasInWindow's toPath but the last must already exist
 * (https://developers.google.com/tag-platform/tag-manager/templates/api); for setInWindow it says
 * nothing (docs/emulator.md, "Window paths").
 */
function parentAndKey(root: Record<string, unknown>, path: string, createParents: boolean): { parent: Record<string, unknown>; key: string } | undefined {
  const parts = path.split('.');
  const key = parts.pop() as string;
  let parent: unknown = root;
  for (const part of parts) {
    if (parent === null || (typeof parent !== 'object' && typeof parent !== 'function')) return undefined;
    let next = (parent as Record<string, unknown>)[part];
    if (next === undefined && createParents) {
      next = {};
      (parent as Record<string, unknown>)[part] = next;
    }
    parent = next;
  }
  if ((typeof parent !== 'object' && typeof parent !== 'function') || parent === null) return undefined;
  return { parent: parent as Record<string, unknown>, key };
}

/** The part of a dot path before its last component ('a.b.c' -> 'a.b'). */
const parentPath = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));

function recordPush(host: ApiHost, array: unknown[], items: unknown[]): void {
  const env = webEnv(host);
  if (array === env.dataLayer || array === env.window?.dataLayer) host.record.dataLayerPushes.push(...items);
}

/** Pushes onto the page's dataLayer (creating it) and records the push. */
function pushToDataLayer(host: ApiHost, item: unknown): void {
  const env = webEnv(host);
  const win = pageWindow(env);
  if (!Array.isArray(win.dataLayer)) win.dataLayer = [];
  env.dataLayer = win.dataLayer as unknown[];
  env.dataLayer.push(item);
  host.record.dataLayerPushes.push(item);
}

/** An arguments-like array, as gtag() pushes its `arguments` object. */
function argumentsLike(...values: unknown[]): unknown {
  return (function collect(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })(...values);
}

// ---------------------------------------------------------------- URL

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** getUrl components: protocol host port path query extension fragment; none = the whole URL. */
export function urlComponent(href: string | undefined, component: unknown): string {
  if (!href) return '';
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  switch (component) {
    case undefined:
    case null:
    case '':
      return url.href;
    case 'protocol':
      return url.protocol.replace(/:$/, '');
    case 'host':
      return url.hostname;
    case 'port':
      return url.port || DEFAULT_PORTS[url.protocol] || '';
    case 'path':
      return url.pathname;
    case 'query':
      return url.search.replace(/^\?/, '');
    case 'extension': {
      const last = url.pathname.split('/').pop() ?? '';
      const dot = last.lastIndexOf('.');
      return dot > 0 ? last.slice(dot + 1) : '';
    }
    case 'fragment':
      return url.hash.replace(/^#/, '');
    default:
      throw new Error(`getUrl: unknown URL component "${String(component)}"`);
  }
}

function queryValues(href: string | undefined, key: string): string[] {
  if (!href) return [];
  try {
    return new URL(href).searchParams.getAll(key);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- dataLayer model

// GTM's data model (merge rules, gtag commands) lives in src/sandbox/data-layer.ts.
export { dataLayerModel } from '../data-layer';

// ---------------------------------------------------------------- consent

const CONSENT_SETTING_KEYS = new Set(['region', 'wait_for_update']);

/**
 * Changes the page's consent state, as a CMP would, and notifies addConsentListener listeners of
 * each type whose granted/denied value changed (asynchronously through host.callLater when a
 * host is given, otherwise synchronously). Listeners belong to the env.consent object: pass the
 * environment given to the run (its consent object is shared by reference with the run's copy).
 */
export function updateWebConsent(
  env: WebEnvironment,
  host: Pick<ApiHost, 'callLater'> | undefined,
  changes: Record<string, 'granted' | 'denied'>,
  onlyIfUnset = false,
): void {
  env.consent ??= {};
  const listeners = stateOf(env.consent).consentListeners;
  for (const [type, value] of Object.entries(changes)) {
    if (value !== 'granted' && value !== 'denied') continue;
    if (onlyIfUnset && env.consent[type] !== undefined) continue;
    const before = env.consent[type] !== 'denied';
    env.consent[type] = value;
    const after = value === 'granted';
    if (before === after) continue;
    for (const listener of listeners.get(type) ?? []) {
      const notify = () => void listener(type, after);
      if (host) host.callLater(notify);
      else notify();
    }
  }
}

function consentApi(host: ApiHost, command: 'default' | 'update') {
  return (settings: unknown) => {
    if (!isPlainObject(settings)) throw new Error(`${command === 'default' ? 'setDefaultConsentState' : 'updateConsentState'}: settings must be an object`);
    const types = Object.keys(settings).filter((key) => !CONSENT_SETTING_KEYS.has(key));
    for (const type of types) host.permissions.assert('access_consent', type, 'write');
    pushToDataLayer(host, argumentsLike('consent', command, deepCopy(settings)));
    const changes: Record<string, 'granted' | 'denied'> = {};
    for (const type of types) {
      const value = settings[type];
      if (value === 'granted' || value === 'denied') changes[type] = value;
    }
    // A default applies only where no state exists yet; region-scoped defaults are not modelled.
    updateWebConsent(webEnv(host), host, changes, command === 'default');
  };
}

// ---------------------------------------------------------------- cookies

function webCookieDomain(host: ApiHost, options: Record<string, unknown>): string | undefined {
  const domain = options.domain;
  if (domain === undefined || domain === null || domain === '' || domain === 'none') return undefined;
  if (String(domain).toLowerCase() !== 'auto') return String(domain);
  // 'auto' = the broadest domain the page may write: its eTLD+1 (none on localhost / IPs).
  const hostname = urlComponent(webEnv(host).url, 'host');
  return effectiveTldPlusOne(hostname) || undefined;
}

/** Applies a cookie write to env.documentCookie (a `name=value; name2=value2` jar). */
function writeCookieJar(env: WebEnvironment, name: string, value: string, expired: boolean): void {
  const entries = (env.documentCookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.split('=')[0].trim() !== name);
  if (!expired) entries.push(`${name}=${value}`);
  env.documentCookie = entries.join('; ');
}

// ---------------------------------------------------------------- table

function assertGlobals(host: ApiHost, mode: string, key: string, api: 'callInWindow' | 'copyFromWindow' | 'setInWindow' | 'createQueue' | 'createArgumentsQueue' | 'aliasInWindow', args: unknown[]): void {
  host.permissions.assert('access_globals', mode, key);
  host.record.windowAccess.push({ api, path: key, args });
}

export const webOnlyApis: ApiTable = {
  // --- window
  callInWindow: (host) => (path: unknown, ...args: unknown[]) => {
    const key = requireString('callInWindow', 'pathToFunction', path);
    assertGlobals(host, 'execute', key, 'callInWindow', args);
    const target = parentAndKey(pageWindow(webEnv(host)), key, false);
    const fn = target ? target.parent[target.key] : undefined;
    if (!isFunction(fn)) return undefined;
    return deepCopy(fn.apply(target!.parent, args));
  },
  copyFromWindow: (host) => (path: unknown) => {
    const key = requireString('copyFromWindow', 'key', path);
    assertGlobals(host, 'read', key, 'copyFromWindow', []);
    return deepCopy(readPath(pageWindow(webEnv(host)), key));
  },
  setInWindow: (host) => (path: unknown, value: unknown, overrideExisting?: unknown) => {
    const key = requireString('setInWindow', 'key', path);
    assertGlobals(host, 'write', key, 'setInWindow', [value, overrideExisting]);
    const target = parentAndKey(pageWindow(webEnv(host)), key, true);
    if (!target) return false;
    if (target.parent[target.key] !== undefined && overrideExisting !== true) return false;
    target.parent[target.key] = value;
    if (key === 'dataLayer' && Array.isArray(value)) webEnv(host).dataLayer = value;
    return true;
  },
  createQueue: (host) => (path: unknown) => {
    const key = requireString('createQueue', 'arrayKey', path);
    assertGlobals(host, 'readwrite', key, 'createQueue', []);
    const target = parentAndKey(pageWindow(webEnv(host)), key, false);
    if (!target) throw new Error(`createQueue: window.${parentPath(key)} does not exist, so "${key}" cannot be created`);
    let array = target.parent[target.key];
    if (array === undefined) {
      array = [];
      target.parent[target.key] = array;
      if (key === 'dataLayer') webEnv(host).dataLayer = array as unknown[];
    }
    if (!Array.isArray(array)) throw new Error(`createQueue: window.${key} exists and is not an array`);
    const queue = array;
    return (...items: unknown[]) => {
      queue.push(...items);
      recordPush(host, queue, items);
    };
  },
  // Google's reference: the function is created first (same semantics as createQueue), then the
  // array, so an arrayKey under fnKey ('lib', 'lib.q') hangs the array off the new function.
  createArgumentsQueue: (host) => (fnPath: unknown, arrayPath: unknown) => {
    const fnKey = requireString('createArgumentsQueue', 'fnKey', fnPath);
    const arrayKey = requireString('createArgumentsQueue', 'arrayKey', arrayPath);
    assertGlobals(host, 'readwrite', fnKey, 'createArgumentsQueue', [arrayKey]);
    host.permissions.assert('access_globals', 'readwrite', arrayKey);
    const win = pageWindow(webEnv(host));
    const missing = (key: string) =>
      new Error(`createArgumentsQueue: window.${parentPath(key)} does not exist, so "${key}" cannot be created`);
    const fnTarget = parentAndKey(win, fnKey, false);
    if (!fnTarget) throw missing(fnKey);
    let array: unknown[] | undefined;
    if (!isFunction(fnTarget.parent[fnTarget.key])) {
      fnTarget.parent[fnTarget.key] = function queueArguments() {
        // eslint-disable-next-line prefer-rest-params
        const args = arguments;
        if (!array) return;
        array.push(args);
        recordPush(host, array, [args]);
      };
    }
    const queueFunction = fnTarget.parent[fnTarget.key];
    const arrayTarget = parentAndKey(win, arrayKey, false);
    if (!arrayTarget) throw missing(arrayKey);
    if (arrayTarget.parent[arrayTarget.key] === undefined) {
      arrayTarget.parent[arrayTarget.key] = [];
      if (arrayKey === 'dataLayer') webEnv(host).dataLayer = arrayTarget.parent[arrayTarget.key] as unknown[];
    }
    const existing = arrayTarget.parent[arrayTarget.key];
    if (!Array.isArray(existing)) throw new Error(`createArgumentsQueue: window.${arrayKey} exists and is not an array`);
    array = existing;
    return queueFunction;
  },
  aliasInWindow: (host) => (toPath: unknown, fromPath: unknown) => {
    const to = requireString('aliasInWindow', 'toPath', toPath);
    const from = requireString('aliasInWindow', 'fromPath', fromPath);
    assertGlobals(host, 'write', to, 'aliasInWindow', [from]);
    host.permissions.assert('access_globals', 'read', from);
    const win = pageWindow(webEnv(host));
    const source = readPath(win, from);
    if (source === undefined) return false;
    const target = parentAndKey(win, to, false);
    if (!target) return false;
    target.parent[target.key] = source;
    return true;
  },
  // --- scripts, pixels, iframes
  injectScript: (host) => (url: unknown, onSuccess?: unknown, onFailure?: unknown, cacheToken?: unknown) => {
    const target = requireString('injectScript', 'url', url);
    host.permissions.assert('inject_script', target);
    const env = webEnv(host);
    const callbacks = { onSuccess: isFunction(onSuccess) ? onSuccess : undefined, onFailure: isFunction(onFailure) ? onFailure : undefined };
    const settle = (outcome: 'load' | 'fail', waiting: { onSuccess?: (...a: unknown[]) => unknown; onFailure?: (...a: unknown[]) => unknown }[]) => {
      for (const waiter of waiting) later(host, outcome === 'load' ? waiter.onSuccess : waiter.onFailure);
    };
    const cache = stateOf(pageWindow(env)).scriptCache;
    if (typeof cacheToken === 'string' && cacheToken !== '') {
      const cached = cache.get(cacheToken);
      if (cached) {
        // Same token: no second <script>; callers are told the first script's outcome.
        if (cached.outcome) settle(cached.outcome, [callbacks]);
        else cached.waiting.push(callbacks);
        return;
      }
    }
    const behaviour = env.scripts?.(target) ?? { outcome: 'load' as const };
    const entry = { url: target, outcome: behaviour.outcome };
    host.record.scriptsInjected.push(entry);
    const cacheEntry = { outcome: undefined as 'load' | 'fail' | undefined, waiting: [callbacks] };
    if (typeof cacheToken === 'string' && cacheToken !== '') cache.set(cacheToken, cacheEntry);
    host.callLater(() => {
      if (behaviour.outcome === 'load') behaviour.onLoad?.(pageWindow(env));
      cacheEntry.outcome = behaviour.outcome;
      const waiting = cacheEntry.waiting.splice(0);
      for (const waiter of waiting) {
        const callback = behaviour.outcome === 'load' ? waiter.onSuccess : waiter.onFailure;
        if (callback) callback();
      }
    });
  },
  injectHiddenIframe: (host) => (url: unknown, onSuccess?: unknown) => {
    const target = requireString('injectHiddenIframe', 'url', url);
    host.permissions.assert('inject_hidden_iframe', target);
    later(host, onSuccess);
  },
  sendPixel: (host) => (url: unknown, onSuccess?: unknown, onFailure?: unknown) => {
    const target = requireString('sendPixel', 'url', url);
    host.permissions.assert('send_pixel', target);
    void onFailure;
    host.record.pixelsSent.push(target);
    later(host, onSuccess);
  },
  // --- URL
  getUrl: (host) => (component?: unknown, _unused?: unknown, _unused2?: unknown, queryKey?: unknown) => {
    // Legacy form getUrl('query', false, null, key) returns one query parameter.
    if (component === 'query' && typeof queryKey === 'string') {
      host.permissions.assert('get_url', 'query', queryKey);
      return queryValues(webEnv(host).url, queryKey)[0];
    }
    host.permissions.assert('get_url', component ?? undefined);
    return urlComponent(webEnv(host).url, component);
  },
  getQueryParameters: (host) => (key: unknown, retrieveAll?: unknown) => {
    const name = requireString('getQueryParameters', 'queryKey', key);
    host.permissions.assert('get_url', 'query', name);
    const values = queryValues(webEnv(host).url, name);
    return retrieveAll === true ? values : values[0];
  },
  getReferrerUrl: (host) => (component?: unknown) => {
    host.permissions.assert('get_referrer', component ?? undefined);
    return urlComponent(webEnv(host).referrer, component);
  },
  getReferrerQueryParameters: (host) => (key: unknown, retrieveAll?: unknown) => {
    const name = requireString('getReferrerQueryParameters', 'queryKey', key);
    host.permissions.assert('get_referrer', 'query', name);
    const values = queryValues(webEnv(host).referrer, name);
    return retrieveAll === true ? values : values[0];
  },
  // --- cookies
  getCookieValues: (host) => (name: unknown, decode?: unknown) => {
    const cookieName = requireString('getCookieValues', 'name', name);
    host.permissions.assert('get_cookies', cookieName);
    const values = parseCookieString(webEnv(host).documentCookie ?? '').get(cookieName) ?? [];
    return decode === false ? [...values] : values.map(decodeCookieValue);
  },
  setCookie: (host) => (name: unknown, value: unknown, options?: unknown, encode?: unknown) => {
    const { name: cookieName, written, attributes } = recordCookieWrite(host, name, value, options, encode !== false, (opts) =>
      webCookieDomain(host, opts),
    );
    const expiresAt = attributes.expires ? Date.parse(attributes.expires) : NaN;
    const expired = (attributes.maxAge !== undefined && attributes.maxAge <= 0) || (!Number.isNaN(expiresAt) && expiresAt <= host.now() && host.now() > 0);
    writeCookieJar(webEnv(host), cookieName, written, expired);
  },
  // --- consent
  isConsentGranted: (host) => (type: unknown) => {
    const consentType = requireString('isConsentGranted', 'consentType', type);
    host.permissions.assert('access_consent', consentType, 'read');
    return webEnv(host).consent?.[consentType] !== 'denied';
  },
  addConsentListener: (host) => (type: unknown, listener: unknown) => {
    const consentType = requireString('addConsentListener', 'consentType', type);
    host.permissions.assert('access_consent', consentType, 'read');
    if (!isFunction(listener)) throw new Error('addConsentListener: listener must be a function');
    const env = webEnv(host);
    env.consent ??= {};
    const listeners = stateOf(env.consent).consentListeners;
    listeners.set(consentType, [...(listeners.get(consentType) ?? []), listener]);
  },
  setDefaultConsentState: (host) => consentApi(host, 'default'),
  updateConsentState: (host) => consentApi(host, 'update'),
  // --- dataLayer
  copyFromDataLayer: (host) => (key: unknown, version?: unknown) => {
    const name = requireString('copyFromDataLayer', 'key', key);
    host.permissions.assert('read_data_layer', name);
    const env = webEnv(host);
    const dataLayer = (env.dataLayer ?? (Array.isArray(env.window?.dataLayer) ? env.window!.dataLayer : [])) as unknown[];
    const model = dataLayerModel(dataLayer, version === 1 ? 1 : 2);
    const value = version === 1 ? model[name] : readPath(model, name);
    // GTM numbers every dataLayer event itself (gtm.uniqueEventId); a host that simulates the current
    // event through env.gtmEventId rather than a dataLayer push gets the same answer.
    if (value === undefined && name === 'gtm.uniqueEventId' && env.gtmEventId !== undefined) return env.gtmEventId;
    return deepCopy(value);
  },
  gtagSet: (host) => (first: unknown, second?: unknown) => {
    // gtagSet(object) or gtagSet(key, value)
    const settings = typeof first === 'string' ? { [first]: second } : first;
    if (!isPlainObject(settings)) throw new Error('gtagSet: argument must be an object');
    for (const key of Object.keys(settings)) host.permissions.assert('write_data_layer', key);
    pushToDataLayer(host, argumentsLike('set', deepCopy(settings)));
  },
  // --- storage
  localStorage: (host) => {
    const store = () => {
      const env = webEnv(host);
      env.localStorage ??= new Map();
      return env.localStorage;
    };
    return {
      getItem(key: unknown) {
        host.permissions.assert('access_local_storage', 'read', String(key));
        return store().get(String(key)) ?? null;
      },
      setItem(key: unknown, value: unknown) {
        host.permissions.assert('access_local_storage', 'write', String(key));
        store().set(String(key), String(value));
        return true;
      },
      removeItem(key: unknown) {
        host.permissions.assert('access_local_storage', 'write', String(key));
        store().delete(String(key));
      },
    };
  },
  templateStorage: (host) => {
    const store = () => {
      const env = webEnv(host);
      env.templateStorage ??= new Map();
      return env.templateStorage;
    };
    return {
      getItem(key: unknown) {
        host.permissions.assert('access_template_storage');
        return store().get(String(key));
      },
      setItem(key: unknown, value: unknown) {
        host.permissions.assert('access_template_storage');
        store().set(String(key), value);
      },
      removeItem(key: unknown) {
        host.permissions.assert('access_template_storage');
        store().delete(String(key));
      },
      clear() {
        host.permissions.assert('access_template_storage');
        store().clear();
      },
    };
  },
  // --- page
  readTitle: (host) => () => {
    host.permissions.assert('read_title');
    return webEnv(host).title ?? '';
  },
  readCharacterSet: (host) => () => {
    host.permissions.assert('read_character_set');
    return webEnv(host).characterSet ?? 'UTF-8';
  },
  /** From the _ga / _ga_<id> cookies: GA1.1.<client id> and GS1.1.<session id>.<session number>… */
  readAnalyticsStorage: (host) => (cookieOptions?: unknown) => {
    const prefix = isPlainObject(cookieOptions) && typeof cookieOptions.cookie_prefix === 'string' ? `${cookieOptions.cookie_prefix}_` : '';
    const jar = parseCookieString(webEnv(host).documentCookie ?? '');
    const ga = jar.get(`${prefix}_ga`)?.[0];
    if (!ga) return undefined;
    const clientId = ga.split('.').slice(2).join('.');
    const sessions: { measurement_id: string; session_id: string; session_number: number }[] = [];
    for (const [name, values] of jar) {
      const match = new RegExp(`^${prefix}_ga_([A-Z0-9]+)$`).exec(name);
      if (!match) continue;
      const fields = values[0].replace(/^GS\d\.\d\./, '').split('.');
      sessions.push({ measurement_id: `G-${match[1]}`, session_id: fields[0] ?? '', session_number: Number(fields[1] ?? 0) });
    }
    return { client_id: clientId, sessions };
  },
  addEventCallback: (host) => (callback: unknown) => {
    host.permissions.assert('read_event_metadata');
    if (!isFunction(callback)) throw new Error('addEventCallback: argument must be a function');
    stateOf(eventKey(host.env)).eventCallbacks.push(callback);
  },
};

export const webApis: ApiTable = { ...sharedApis, ...webOnlyApis };
