// Web GTM sandbox APIs (`___SANDBOXED_JS_FOR_WEB_TEMPLATE___`) as ambient ES modules.
// Templates write `import injectScript from 'injectScript';` and the build turns it into
// `const injectScript = require('injectScript');`. Only the default export exists.
// Signatures follow developers.google.com/tag-platform/tag-manager/templates/api; the permission
// each API needs is named in its comment. Written for this project (not copied from other typings).
// Server-only APIs (Promise, sha256Sync, createRegex, request/response, event data, HTTP...) are
// deliberately absent, so importing them from a web template is a type error.

/** Options of setCookie (web). */
interface WebCookieOptions {
  /** `'auto'` picks the broadest possible domain. */
  domain?: string;
  path?: string;
  /** Seconds; wins over `expires`. */
  'max-age'?: number;
  expires?: string;
  secure?: boolean;
  samesite?: 'Lax' | 'Strict' | 'None' | 'lax' | 'strict' | 'none';
}

type UrlComponent = 'protocol' | 'host' | 'port' | 'path' | 'query' | 'extension' | 'fragment';

declare module 'addConsentListener' {
  /** access_consent (read). Fires when the consent type changes between denied and granted. */
  function addConsentListener(consentType: string, listener: (consentType: string, granted: boolean) => void): void;
  export default addConsentListener;
}

declare module 'addEventCallback' {
  /** read_event_metadata. */
  function addEventCallback(callback: (containerId: string, eventData: EventMetadata) => void): void;
  export default addEventCallback;
}

declare module 'aliasInWindow' {
  /** access_globals. window[toPath] = window[fromPath]. */
  function aliasInWindow(toPath: string, fromPath: string): boolean;
  export default aliasInWindow;
}

declare module 'callInWindow' {
  /** access_globals (execute). A return value that cannot cross the sandbox becomes undefined. */
  function callInWindow(pathToFunction: string, ...args: unknown[]): any;
  export default callInWindow;
}

declare module 'callLater' {
  function callLater(callback: () => void): void;
  export default callLater;
}

declare module 'copyFromDataLayer' {
  /** read_data_layer. Dotted key; returns a copy. */
  function copyFromDataLayer(key: string, dataLayerVersion?: 1 | 2): any;
  export default copyFromDataLayer;
}

declare module 'copyFromWindow' {
  /** access_globals (read). Deep copy; unmappable values become undefined. */
  function copyFromWindow(key: string): any;
  export default copyFromWindow;
}

declare module 'createArgumentsQueue' {
  /** access_globals. Creates window[fnKey] pushing its `arguments` onto window[arrayKey] (gtag style). */
  function createArgumentsQueue(fnKey: string, arrayKey: string): (...args: unknown[]) => void;
  export default createArgumentsQueue;
}

declare module 'createQueue' {
  /** access_globals (readwrite). Creates the array if missing; returns a function pushing onto it. */
  function createQueue(arrayKey: string): (...items: unknown[]) => void;
  export default createQueue;
}

declare module 'decodeUri' {
  function decodeUri(encoded: string): string | undefined;
  export default decodeUri;
}

declare module 'decodeUriComponent' {
  function decodeUriComponent(encoded: string): string | undefined;
  export default decodeUriComponent;
}

declare module 'encodeUri' {
  /** undefined on lone surrogates. */
  function encodeUri(uri: string): string | undefined;
  export default encodeUri;
}

declare module 'encodeUriComponent' {
  /** undefined on lone surrogates. */
  function encodeUriComponent(text: string): string | undefined;
  export default encodeUriComponent;
}

declare module 'fromBase64' {
  function fromBase64(base64: string): string | undefined;
  export default fromBase64;
}

declare module 'generateRandom' {
  function generateRandom(min: number, max: number): number;
  export default generateRandom;
}

declare module 'getContainerVersion' {
  /** read_container_data. */
  function getContainerVersion(): ContainerVersion;
  export default getContainerVersion;
}

declare module 'getCookieValues' {
  /** get_cookies. URI-decoded unless `decode` is false. */
  function getCookieValues(name: string, decode?: boolean): string[];
  export default getCookieValues;
}

declare module 'getQueryParameters' {
  /** get_url. */
  function getQueryParameters(key: string, retrieveAll?: false): string | undefined;
  function getQueryParameters(key: string, retrieveAll: true): string[];
  export default getQueryParameters;
}

declare module 'getReferrerQueryParameters' {
  /** get_referrer. */
  function getReferrerQueryParameters(key: string, retrieveAll?: false): string | undefined;
  function getReferrerQueryParameters(key: string, retrieveAll: true): string[];
  export default getReferrerQueryParameters;
}

declare module 'getReferrerUrl' {
  /** get_referrer. */
  function getReferrerUrl(component?: UrlComponent): string;
  export default getReferrerUrl;
}

declare module 'getTimestamp' {
  /** Deprecated: use getTimestampMillis. */
  function getTimestamp(): number;
  export default getTimestamp;
}

declare module 'getTimestampMillis' {
  function getTimestampMillis(): number;
  export default getTimestampMillis;
}

declare module 'getType' {
  function getType(value: unknown): SandboxTypeName;
  export default getType;
}

declare module 'getUrl' {
  /** get_url. */
  function getUrl(component?: UrlComponent): string;
  export default getUrl;
}

declare module 'gtagSet' {
  /** write_data_layer. Pushes a gtag `set` command. */
  function gtagSet(settings: { [key: string]: unknown }): void;
  export default gtagSet;
}

declare module 'injectHiddenIframe' {
  /** inject_hidden_iframe. */
  function injectHiddenIframe(url: string, onSuccess?: () => void): void;
  export default injectHiddenIframe;
}

declare module 'injectScript' {
  /** inject_script. `cacheToken` loads the URL only once per page. */
  function injectScript(url: string, onSuccess: () => void, onFailure: () => void, cacheToken?: string): void;
  export default injectScript;
}

declare module 'isConsentGranted' {
  /** access_consent (read). Unset counts as granted. */
  function isConsentGranted(consentType: string): boolean;
  export default isConsentGranted;
}

declare module 'JSON' {
  const JSON: {
    parse(text: string): any;
    stringify(value: unknown): string;
  };
  export default JSON;
}

declare module 'localStorage' {
  /** access_local_storage. */
  const localStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): boolean;
    removeItem(key: string): void;
  };
  export default localStorage;
}

declare module 'logToConsole' {
  /** logging. */
  function logToConsole(...values: unknown[]): void;
  export default logToConsole;
}

declare module 'makeInteger' {
  function makeInteger(value: unknown): number;
  export default makeInteger;
}

declare module 'makeNumber' {
  function makeNumber(value: unknown): number;
  export default makeNumber;
}

declare module 'makeString' {
  function makeString(value: unknown): string;
  export default makeString;
}

declare module 'makeTableMap' {
  function makeTableMap(
    rows: Array<{ [column: string]: unknown }>,
    keyColumnName: string,
    valueColumnName: string,
  ): { [key: string]: unknown } | null;
  export default makeTableMap;
}

declare module 'Math' {
  const Math: {
    abs(x: number): number;
    ceil(x: number): number;
    floor(x: number): number;
    max(...values: number[]): number;
    min(...values: number[]): number;
    pow(base: number, exponent: number): number;
    round(x: number): number;
    sqrt(x: number): number;
  };
  export default Math;
}

declare module 'Object' {
  const Object: {
    keys(object: { [key: string]: unknown } | unknown[]): string[];
    values<T>(object: { [key: string]: T }): T[];
    entries<T>(object: { [key: string]: T }): Array<[string, T]>;
    freeze<T>(object: T): T;
    delete(object: { [key: string]: unknown }, key: string): boolean;
  };
  export default Object;
}

declare module 'parseUrl' {
  function parseUrl(url: string): ParsedUrl | undefined;
  export default parseUrl;
}

declare module 'queryPermission' {
  function queryPermission(permission: string, ...args: unknown[]): boolean;
  export default queryPermission;
}

declare module 'readAnalyticsStorage' {
  function readAnalyticsStorage(cookieOptions?: { cookie_prefix?: string; cookie_domain?: string; cookie_path?: string }):
    | {
        client_id: string;
        sessions: Array<{ measurement_id: string; session_id: string; session_number: number }>;
      }
    | undefined;
  export default readAnalyticsStorage;
}

declare module 'readCharacterSet' {
  /** read_character_set. */
  function readCharacterSet(): string;
  export default readCharacterSet;
}

declare module 'readTitle' {
  /** read_title. */
  function readTitle(): string;
  export default readTitle;
}

declare module 'sendPixel' {
  /** send_pixel. */
  function sendPixel(url: string, onSuccess?: () => void, onFailure?: () => void): void;
  export default sendPixel;
}

declare module 'setCookie' {
  /** set_cookies. URI-encodes the value unless `encode` is false. */
  function setCookie(name: string, value: string, options?: WebCookieOptions, encode?: boolean): void;
  export default setCookie;
}

declare module 'setDefaultConsentState' {
  /** access_consent (write). Values 'granted' | 'denied'; may include region and wait_for_update. */
  function setDefaultConsentState(settings: { [key: string]: unknown }): void;
  export default setDefaultConsentState;
}

declare module 'setInWindow' {
  /** access_globals (write). */
  function setInWindow(key: string, value: unknown, overrideExisting?: boolean): boolean;
  export default setInWindow;
}

declare module 'sha256' {
  /** Asynchronous (SubtleCrypto); base64 digest unless `outputEncoding: 'hex'`. */
  function sha256(
    input: string,
    onSuccess: (digest: string) => void,
    onFailure?: (error: unknown) => void,
    options?: { outputEncoding?: 'base64' | 'hex' },
  ): void;
  export default sha256;
}

declare module 'templateStorage' {
  /** access_template_storage. Page-lifetime store (keeps references). */
  const templateStorage: {
    getItem(key: string): any;
    setItem(key: string, value: unknown): void;
    removeItem(key: string): void;
    clear(): void;
  };
  export default templateStorage;
}

declare module 'toBase64' {
  function toBase64(text: string): string;
  export default toBase64;
}

declare module 'updateConsentState' {
  /** access_consent (write). */
  function updateConsentState(settings: { [key: string]: unknown }): void;
  export default updateConsentState;
}
