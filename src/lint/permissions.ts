// Permission rules: APIs used without their permission, permissions never needed, literal
// arguments outside what a permission allows, and permissions broader than the code needs.
// Only statically visible values are judged; anything computed at run time is left alone.
import { apisFor, ContainerContext, permissionsFor, PERMISSIONS_SECTION } from './catalog';
import { ApiCall, SandboxCodeAnalysis, StaticValue } from './language';
import { PermissionEntry } from './structure';
import { LintDiagnostic, LintSeverity } from './types';

export interface PermissionCheckOptions {
  context: ContainerContext;
  fileName: string;
  /** Section name of the code (for diagnostics placed in the code). */
  codeSection?: string;
}

/** Google-owned hosts `allowGoogleDomains` is understood to cover (conservative: never flags them). */
const GOOGLE_HOST_SUFFIXES = [
  'google.com', 'googleapis.com', 'google-analytics.com', 'googletagmanager.com', 'doubleclick.net',
  'googlesyndication.com', 'googleadservices.com', 'gstatic.com', 'googleusercontent.com',
];

export function checkPermissions(
  analysis: SandboxCodeAnalysis,
  permissions: PermissionEntry[],
  options: PermissionCheckOptions,
): LintDiagnostic[] {
  return new PermissionChecker(analysis, permissions, options).run();
}

class PermissionChecker {
  private readonly diagnostics: LintDiagnostic[] = [];
  private readonly byId = new Map<string, PermissionEntry>();
  private readonly permissionsSection: string;
  private readonly codeSection: string;

  constructor(
    private readonly analysis: SandboxCodeAnalysis,
    private readonly permissions: PermissionEntry[],
    private readonly options: PermissionCheckOptions,
  ) {
    for (const entry of permissions) if (!this.byId.has(entry.id)) this.byId.set(entry.id, entry);
    this.permissionsSection = PERMISSIONS_SECTION[options.context];
    this.codeSection = options.codeSection ?? (options.context === 'SERVER' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE');
  }

  private report(rule: string, severity: LintSeverity, section: string, line: number, column: number | undefined, message: string): void {
    this.diagnostics.push({ rule, severity, file: this.options.fileName, section, line, column, message });
  }

  run(): LintDiagnostic[] {
    this.checkMissingAndUnused();
    for (const call of this.analysis.apiCalls) this.checkCall(call);
    this.checkBroad();
    return this.diagnostics;
  }

  private calls(api: string, member?: string): ApiCall[] {
    return this.analysis.apiCalls.filter((c) => c.api === api && (member === undefined || c.member === member));
  }

  private checkMissingAndUnused(): void {
    const apis = apisFor(this.options.context);
    const needed = new Set<string>();
    const reported = new Set<string>();
    for (const required of this.analysis.requires) {
      const fact = Object.prototype.hasOwnProperty.call(apis, required.name) ? apis[required.name] : undefined;
      if (!fact) continue;
      for (const id of fact.possiblePermissions ?? []) needed.add(id);
      for (const id of fact.permissions) {
        needed.add(id);
        if (!this.byId.has(id) && !reported.has(`${required.name}:${id}`)) {
          reported.add(`${required.name}:${id}`);
          const { severity, why } = this.missingSeverity(required.name, id);
          this.report('permissions/missing', severity, this.codeSection, required.line, required.column, `${required.name} needs the "${id}" permission, which ___${this.permissionsSection}___ does not grant${why}`);
        }
      }
    }
    // queryPermission('<id>', ...) shows the code relies on a permission even without its API.
    for (const call of this.calls('queryPermission')) {
      const id = call.args[0];
      if (id?.kind === 'exact' && typeof id.value === 'string') needed.add(id.value);
    }
    const known = permissionsFor(this.options.context);
    for (const entry of this.permissions) {
      if (!Object.prototype.hasOwnProperty.call(known, entry.id) || needed.has(entry.id)) continue;
      this.report('permissions/unused', 'warning', this.permissionsSection, entry.line, undefined, `permission "${entry.id}" is granted but no required API needs it (least privilege)`);
    }
  }

  /**
   * A missing permission is an error only when a call fails at run time (RULES['permissions/missing']):
   * not for an API that is never used, not for logToConsole (GTM suppresses the message), not for a
   * permission without configuration (the entry GTM adds when it detects the API allows the call).
   */
  private missingSeverity(api: string, id: string): { severity: LintSeverity; why: string } {
    if (this.analysis.unusedApis.includes(api)) return { severity: 'warning', why: ' (the API is never called, so nothing fails)' };
    if (id === 'logging') return { severity: 'warning', why: ' (GTM then suppresses the log lines without failing)' };
    if (this.guardedByQuery(id)) return { severity: 'warning', why: ' (the code checks it with queryPermission first)' };
    const fact = permissionsFor(this.options.context)[id];
    if (fact?.params && fact.params.length === 0) return { severity: 'warning', why: ' (GTM adds it when it detects the API; it has nothing to configure)' };
    return { severity: 'error', why: '' };
  }

  // ------------------------------------------------------------------------------------------
  // Literal arguments vs permission parameters

  /**
   * Code that asks queryPermission about a permission is written to skip the calls it does not
   * allow (the pattern Google's queryPermission reference shows), so a refused literal there is not
   * a sure run-time failure: a warning.
   */
  private guardedByQuery(id: string): boolean {
    return this.calls('queryPermission').some((call) => call.args[0]?.kind === 'exact' && call.args[0].value === id);
  }

  private deny(call: ApiCall, id: string, message: string): void {
    const guarded = this.guardedByQuery(id);
    this.report(
      'permissions/not-allowed',
      guarded ? 'warning' : 'error',
      this.codeSection,
      call.line,
      call.column,
      `${message} (permission "${id}")${guarded ? '; the code checks it with queryPermission first' : ''}`,
    );
  }

  private checkCall(call: ApiCall): void {
    const arg0 = call.args[0];
    switch (call.api) {
      case 'sendHttpRequest':
      case 'sendHttpGet':
        return this.checkUrl(call, 'send_http', arg0, true);
      case 'sendPixel':
        return this.checkUrl(call, 'send_pixel', arg0, true);
      case 'sendPixelFromBrowser':
        return this.checkUrl(call, 'send_pixel_from_browser', arg0, true);
      case 'injectScript':
        return this.checkUrl(call, 'inject_script', arg0, false);
      case 'getCookieValues':
        return this.checkCookieRead(call, arg0);
      case 'setCookie':
        return this.checkCookieWrite(call, arg0);
      case 'getEventData':
        return this.checkEventDataKey(call, arg0);
      case 'copyFromDataLayer':
        return this.checkDataLayerKey(call, arg0);
      case 'callInWindow':
        return this.checkGlobal(call, arg0, ['execute']);
      case 'copyFromWindow':
        return this.checkGlobal(call, arg0, ['read']);
      case 'setInWindow':
        return this.checkGlobal(call, arg0, ['write']);
      case 'aliasInWindow':
        this.checkGlobal(call, arg0, ['write']);
        return this.checkGlobal(call, call.args[1], ['read']);
      case 'createQueue':
        return this.checkGlobal(call, arg0, ['read', 'write']);
      case 'createArgumentsQueue':
        this.checkGlobal(call, arg0, ['read', 'write']);
        return this.checkGlobal(call, call.args[1], ['read', 'write']);
      case 'localStorage':
        if (call.member === 'getItem') return this.checkLocalStorage(call, arg0, 'read');
        if (call.member === 'setItem' || call.member === 'removeItem') return this.checkLocalStorage(call, arg0, 'write');
        return;
      case 'getRequestHeader':
        return this.checkRequestHeader(call, arg0);
      case 'isConsentGranted':
      case 'addConsentListener':
        return this.checkConsentRead(call, arg0);
      case 'logToConsole':
        return;
      default:
        return;
    }
  }

  private checkUrl(call: ApiCall, id: string, value: StaticValue | undefined, hasAnyMode: boolean): void {
    const entry = this.byId.get(id);
    if (!entry || !value || value.kind === 'unknown' || typeof value.value !== 'string') return;
    if (hasAnyMode && entry.params.allowedUrls === 'any') return;
    const patterns = stringList(entry.params.urls);
    const url = value.value;
    const host = value.kind === 'exact' ? splitUrl(url)?.host : hostOf(url);
    if (host === undefined) return; // a relative or computed-host URL: nothing to judge
    if (entry.params.allowGoogleDomains === true && GOOGLE_HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return;
    const allowed =
      value.kind === 'exact'
        ? patterns.some((p) => urlMatchesPattern(url, p))
        : patterns.some((p) => prefixMayMatchPattern(url, p));
    if (!allowed) {
      const shown = value.kind === 'exact' ? url : `${url}...`;
      this.deny(call, id, `${call.api} URL ${shown} matches none of the allowed URL patterns [${patterns.join(', ')}]`);
    }
  }

  private checkCookieRead(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('get_cookies');
    if (!entry || entry.params.cookieAccess === 'any' || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const names = stringList(entry.params.cookieNames);
    if (!names.some((n) => globMatch(n, value.value as string))) {
      this.deny(call, 'get_cookies', `cookie "${value.value}" is not in cookieNames [${names.join(', ')}]`);
    }
  }

  private checkCookieWrite(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('set_cookies');
    if (!entry || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const allowed = mapList(entry.params.allowedCookies).map((c) => String(c.name ?? ''));
    if (!allowed.some((n) => globMatch(n, value.value as string))) {
      this.deny(call, 'set_cookies', `setCookie("${value.value}") is not in allowedCookies [${allowed.join(', ')}]`);
    }
  }

  private checkEventDataKey(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('read_event_data');
    if (!entry || entry.params.eventDataAccess === 'any' || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const patterns = stringList(entry.params.keyPatterns);
    if (!patterns.some((p) => keyMatchesPattern(value.value as string, p))) {
      this.deny(call, 'read_event_data', `event-data key "${value.value}" matches none of keyPatterns [${patterns.join(', ')}]`);
    }
  }

  private checkDataLayerKey(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('read_data_layer');
    if (!entry || entry.params.allowedKeys === 'any' || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const patterns = stringList(entry.params.keyPatterns);
    if (!patterns.some((p) => keyMatchesPattern(value.value as string, p))) {
      this.deny(call, 'read_data_layer', `data-layer key "${value.value}" matches none of keyPatterns [${patterns.join(', ')}]`);
    }
  }

  private checkGlobal(call: ApiCall, value: StaticValue | undefined, modes: ('read' | 'write' | 'execute')[]): void {
    const entry = this.byId.get('access_globals');
    if (!entry || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const key = value.value;
    const grants = mapList(entry.params.keys).filter((k) => typeof k.key === 'string' && globMatch(k.key as string, key));
    const missing = modes.filter((mode) => !grants.some((g) => g[mode] === true));
    if (missing.length > 0) {
      this.deny(call, 'access_globals', `${call.api}("${key}") needs ${missing.join('+')} access to window key "${key}"`);
    }
  }

  private checkLocalStorage(call: ApiCall, value: StaticValue | undefined, mode: 'read' | 'write'): void {
    const entry = this.byId.get('access_local_storage');
    if (!entry || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const grants = mapList(entry.params.keys).filter((k) => k.key === value.value);
    if (!grants.some((g) => g[mode] === true)) {
      this.deny(call, 'access_local_storage', `localStorage.${call.member}("${value.value}") needs ${mode} access to that key`);
    }
  }

  private checkConsentRead(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('access_consent');
    if (!entry || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    const grants = mapList(entry.params.consentTypes).filter((c) => c.consentType === value.value);
    if (!grants.some((g) => g.read === true)) {
      this.deny(call, 'access_consent', `${call.api}("${value.value}") needs read access to consent type "${value.value}"`);
    }
  }

  private checkRequestHeader(call: ApiCall, value: StaticValue | undefined): void {
    const entry = this.byId.get('read_request');
    if (!entry || entry.params.requestAccess !== 'specific' || value?.kind !== 'exact' || typeof value.value !== 'string') return;
    if (entry.params.headersAllowed === false) {
      this.deny(call, 'read_request', `getRequestHeader("${value.value}") but headersAllowed is false`);
      return;
    }
    if (entry.params.headerAccess !== 'specific') return;
    const names = headerNames(entry.params.headerWhitelist).map((name) => name.toLowerCase());
    if (!names.includes(value.value.toLowerCase())) {
      this.deny(call, 'read_request', `header "${value.value}" is not in headerWhitelist [${names.join(', ')}]`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Broader than needed (warnings)

  private broad(id: string, message: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.report('permissions/broad', 'warning', this.permissionsSection, entry.line, undefined, `${message} (least privilege)`);
  }

  /** True when every call has a statically known argument (and there is at least one call). */
  private allStatic(calls: ApiCall[], index = 0, allowPrefix = false): boolean {
    return (
      calls.length > 0 &&
      calls.every((c) => {
        const v = c.args[index];
        return v !== undefined && (v.kind === 'exact' || (allowPrefix && v.kind === 'prefix' && hostOf(v.value) !== undefined));
      })
    );
  }

  private checkUnusedGrants(): void {
    for (const check of GRANT_CHECKS) {
      const entry = this.byId.get(check.id);
      if (!entry) continue;
      const unused = unusedGrants(this.analysis, entry, check);
      if (!unused || unused.length === 0) continue;
      this.broad(check.id, `${check.id} grants ${check.what}${unused.length > 1 ? 's' : ''} ${unused.map((u) => `"${u}"`).join(', ')} that no call uses`);
    }
  }

  private checkBroad(): void {
    const send = this.byId.get('send_http');
    if (send?.params.allowedUrls === 'any') {
      const calls = [...this.calls('sendHttpRequest'), ...this.calls('sendHttpGet')];
      if (this.allStatic(calls, 0, true)) this.broad('send_http', 'send_http allows any URL although every request URL is a literal; list the hosts instead');
    }
    const pixel = this.byId.get('send_pixel');
    if (pixel?.params.allowedUrls === 'any' && this.allStatic(this.calls('sendPixel'), 0, true)) {
      this.broad('send_pixel', 'send_pixel allows any URL although every pixel URL is a literal');
    }
    const cookies = this.byId.get('get_cookies');
    if (cookies?.params.cookieAccess === 'any' && this.allStatic(this.calls('getCookieValues'))) {
      this.broad('get_cookies', 'get_cookies allows any cookie although every cookie name read is a literal; list them');
    }
    const eventData = this.byId.get('read_event_data');
    if (
      eventData?.params.eventDataAccess === 'any' &&
      !this.analysis.requires.some((r) => r.name === 'getAllEventData') &&
      this.allStatic(this.calls('getEventData'))
    ) {
      this.broad('read_event_data', 'read_event_data allows any key although every getEventData key is a literal; list the key patterns');
    }
    const dataLayer = this.byId.get('read_data_layer');
    if (dataLayer?.params.allowedKeys === 'any' && this.allStatic(this.calls('copyFromDataLayer'))) {
      this.broad('read_data_layer', 'read_data_layer allows any key although every copyFromDataLayer key is a literal; list them');
    }
    this.checkUnusedGrants();
    const setCookies = this.byId.get('set_cookies');
    if (setCookies && this.allStatic(this.calls('setCookie'))) {
      const names = mapList(setCookies.params.allowedCookies).map((c) => c.name);
      if (names.includes('*')) this.broad('set_cookies', 'set_cookies allows every cookie name although every setCookie name is a literal');
    }
  }
}

// --------------------------------------------------------------------------------------------
// Grants inside a permission that no call needs (only judged when every call is a literal)

type GrantCheck = {
  id: string;
  /** API calls and which argument holds the key/URL/name. */
  uses: { api: string; member?: string; arg: number }[];
  grants: (entry: PermissionEntry) => string[];
  matches: (grant: string, value: string) => boolean;
  what: string;
};

const GRANT_CHECKS: GrantCheck[] = [
  {
    id: 'send_http',
    uses: [{ api: 'sendHttpRequest', arg: 0 }, { api: 'sendHttpGet', arg: 0 }],
    grants: (e) => (e.params.allowedUrls === 'specific' ? stringList(e.params.urls) : []),
    matches: (pattern, url) => urlMatchesPattern(url, pattern),
    what: 'URL pattern',
  },
  {
    id: 'inject_script',
    uses: [{ api: 'injectScript', arg: 0 }],
    grants: (e) => stringList(e.params.urls),
    matches: (pattern, url) => urlMatchesPattern(url, pattern),
    what: 'script URL pattern',
  },
  {
    id: 'get_cookies',
    uses: [{ api: 'getCookieValues', arg: 0 }],
    grants: (e) => (e.params.cookieAccess === 'specific' ? stringList(e.params.cookieNames) : []),
    matches: (name, value) => globMatch(name, value),
    what: 'cookie name',
  },
  {
    id: 'set_cookies',
    uses: [{ api: 'setCookie', arg: 0 }],
    grants: (e) => mapList(e.params.allowedCookies).map((c) => String(c.name ?? '')).filter((n) => n !== '*'),
    matches: (name, value) => globMatch(name, value),
    what: 'cookie name',
  },
  {
    id: 'access_globals',
    uses: [
      { api: 'callInWindow', arg: 0 }, { api: 'copyFromWindow', arg: 0 }, { api: 'setInWindow', arg: 0 },
      { api: 'aliasInWindow', arg: 0 }, { api: 'aliasInWindow', arg: 1 }, { api: 'createQueue', arg: 0 },
      { api: 'createArgumentsQueue', arg: 0 }, { api: 'createArgumentsQueue', arg: 1 },
    ],
    grants: (e) => mapList(e.params.keys).map((k) => String(k.key ?? '')),
    matches: (key, value) => globMatch(key, value),
    what: 'window key',
  },
  {
    id: 'read_request',
    uses: [{ api: 'getRequestHeader', arg: 0 }],
    grants: (e) => (e.params.headerAccess === 'specific' ? headerNames(e.params.headerWhitelist) : []),
    matches: (header, value) => header.toLowerCase() === value.toLowerCase(),
    what: 'request header',
  },
];

export function unusedGrants(
  analysis: SandboxCodeAnalysis,
  entry: PermissionEntry,
  check: GrantCheck,
): string[] | undefined {
  const values: string[] = [];
  for (const use of check.uses) {
    for (const call of analysis.apiCalls) {
      if (call.api !== use.api || (use.member !== undefined && call.member !== use.member)) continue;
      const value = call.args[use.arg];
      // Any computed value could need any grant: judge nothing.
      if (!value || value.kind !== 'exact' || typeof value.value !== 'string') return undefined;
      values.push(value.value);
    }
  }
  // A required API that is only passed around (not called here) may use anything.
  const calledApis = new Set(analysis.apiCalls.map((c) => c.api));
  if (check.uses.some((u) => analysis.requires.some((r) => r.name === u.api) && !calledApis.has(u.api))) return undefined;
  return check.grants(entry).filter((grant) => grant !== '' && !values.some((v) => check.matches(grant, v)));
}

// --------------------------------------------------------------------------------------------
// Matching helpers (exported for tests and for other modules)

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Header names of read_request's headerWhitelist: GTM exports a list of {headerName} maps; a list of
 * plain names (seen in published templates) is read the same way rather than as "nothing allowed".
 */
function headerNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null ? String((item as Record<string, unknown>).headerName ?? '') : ''))
    .filter((name) => name !== '');
}

function mapList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

/** `*` matches any run of characters; everything else literally. */
export function globMatch(pattern: string, text: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/**
 * `user_data.*` covers `user_data.email`; `x-ga-gcs` covers that key. A sub-key of an allowed key
 * (`ecommerce` → `ecommerce.items`) is accepted too: the exact rule is unverified, and the whole
 * object is readable anyway, so the linter gives the benefit of the doubt.
 */
export function keyMatchesPattern(key: string, pattern: string): boolean {
  if (globMatch(pattern, key)) return true;
  if (pattern.endsWith('.*') && key === pattern.slice(0, -2)) return true;
  return key.startsWith(`${pattern}.`);
}

function splitUrl(url: string): { scheme: string; host: string; path: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match) return undefined;
  const host = match[2].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  return { scheme: match[1].toLowerCase(), host, path: match[3] || '/' };
}

/** Host of a URL or URL prefix, when the prefix includes the whole host (it reaches a `/`, `?` or `#`). */
export function hostOf(urlOrPrefix: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)[/?#]/i.exec(urlOrPrefix);
  return match ? match[2].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase() : undefined;
}

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return globMatch(patternHost, host);
}

/**
 * GTM URL match pattern: scheme and host must match (host may start with `*.`), `*` is a path
 * wildcard, and a pattern ending in `/` allows every path below it.
 */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  const u = splitUrl(url);
  const p = splitUrl(pattern);
  if (!u || !p) return false;
  if (p.scheme !== '*' && p.scheme !== u.scheme) return false;
  if (!hostMatches(p.host, u.host)) return false;
  if (p.path.endsWith('/')) return u.path.startsWith(p.path) || `${u.path}/` === p.path;
  return globMatch(p.path, u.path) || globMatch(p.path, u.path.replace(/[?#].*$/, ''));
}

/** Could some URL that starts with `prefix` match `pattern`? (prefix includes the full host) */
export function prefixMayMatchPattern(prefix: string, pattern: string): boolean {
  const u = splitUrl(prefix);
  const p = splitUrl(pattern);
  if (!u || !p) return true;
  if (p.scheme !== '*' && p.scheme !== u.scheme) return false;
  if (!hostMatches(p.host, u.host)) return false;
  // Compare the known path start with the pattern up to its first wildcard.
  const literalHead = p.path.split('*')[0];
  const common = Math.min(literalHead.length, u.path.length);
  return literalHead.slice(0, common) === u.path.slice(0, common);
}
