// Server-side GTM sandbox APIs (`___SANDBOXED_JS_FOR_SERVER___`) as ambient ES modules.
// Templates write `import sha256Sync from 'sha256Sync';` and the build turns it into
// `const sha256Sync = require('sha256Sync');`. Only the default export exists.
// Signatures follow developers.google.com/tag-platform/tag-manager/server-side/api; the permission
// each API needs is named in its comment. Written for this project (not copied from other typings).

/** Options of setCookie. `samesite` is spelled in lower case, as the sandbox reads it. */
interface ServerCookieOptions {
  /** `'auto'` derives the domain from the request host. */
  domain?: string;
  path?: string;
  /** Seconds; wins over `expires`. */
  'max-age'?: number;
  expires?: string;
  secure?: boolean;
  httpOnly?: boolean;
  samesite?: 'Lax' | 'Strict' | 'None' | 'lax' | 'strict' | 'none';
  fallbackDomain?: string;
}

/** Object returned by getGoogleAuth; pass as `options.authorization`. */
interface GoogleAuth {
  readonly __googleAuth: true;
}

interface HttpRequestOptions {
  /** Default GET. */
  method?: string;
  headers?: { [name: string]: string };
  /** Milliseconds; default 15000. */
  timeout?: number;
  authorization?: GoogleAuth;
}

interface HttpResponse {
  statusCode: number;
  headers: { [name: string]: string };
  body: string;
}

/** Rejection value of sendHttpRequest / sendHttpGet. */
interface HttpFailure {
  reason: 'failed' | 'timed_out' | string;
}

declare module 'addEventCallback' {
  /** read_event_metadata. Runs after all tags of the event. */
  function addEventCallback(callback: (containerId: string, eventData: EventMetadata) => void): void;
  export default addEventCallback;
}

declare module 'addMessageListener' {
  /** use_message. */
  function addMessageListener(messageType: string, callback: (messageType: string, message: any) => void): void;
  export default addMessageListener;
}

declare module 'BigQuery' {
  interface BigQueryConnection {
    projectId?: string;
    datasetId: string;
    tableId: string;
  }
  /** access_bigquery. */
  const BigQuery: {
    insert(
      connection: BigQueryConnection,
      rows: Array<{ [column: string]: unknown }>,
      options?: { ignoreUnknownValues?: boolean; skipInvalidRows?: boolean },
    ): Promise<void>;
  };
  export default BigQuery;
}

declare module 'callLater' {
  /** Runs `callback` asynchronously, after pending promise reactions. */
  function callLater(callback: () => void): void;
  export default callLater;
}

declare module 'claimRequest' {
  /** Client only: claims the request so no other client runs. */
  function claimRequest(): void;
  export default claimRequest;
}

declare module 'computeEffectiveTldPlusOne' {
  /** Registrable domain (eTLD+1) of a domain or URL; '' when invalid. */
  function computeEffectiveTldPlusOne(domainOrUrl: string): string;
  export default computeEffectiveTldPlusOne;
}

declare module 'createRegex' {
  /** RE2 syntax; flags `g` and/or `i`. null when the pattern is invalid. */
  function createRegex(pattern: string, flags?: string): RegExp | null;
  export default createRegex;
}

declare module 'decodeUri' {
  /** undefined on malformed input. */
  function decodeUri(encoded: string): string | undefined;
  export default decodeUri;
}

declare module 'decodeUriComponent' {
  /** undefined on malformed input. */
  function decodeUriComponent(encoded: string): string | undefined;
  export default decodeUriComponent;
}

declare module 'encodeUri' {
  function encodeUri(uri: string): string;
  export default encodeUri;
}

declare module 'encodeUriComponent' {
  function encodeUriComponent(text: string): string;
  export default encodeUriComponent;
}

declare module 'extractEventsFromMpv1' {
  /** read_request. Throws on a malformed request. */
  function extractEventsFromMpv1(): Array<{ [key: string]: unknown }>;
  export default extractEventsFromMpv1;
}

declare module 'extractEventsFromMpv2' {
  /** read_request. Throws on a malformed request. */
  function extractEventsFromMpv2(): Array<{ [key: string]: unknown }>;
  export default extractEventsFromMpv2;
}

declare module 'Firestore' {
  interface FirestoreDocument {
    id: string;
    data: { [key: string]: unknown };
  }
  /** access_firestore. */
  const Firestore: {
    read(path: string, options?: { projectId?: string; disableCache?: boolean; transaction?: string }): Promise<FirestoreDocument>;
    write(
      path: string,
      input: { [key: string]: unknown },
      options?: { projectId?: string; merge?: boolean; transaction?: string },
    ): Promise<string>;
    query(
      collection: string,
      queryConditions: Array<[string, string, unknown]>,
      options?: { projectId?: string; disableCache?: boolean; limit?: number; transaction?: string },
    ): Promise<FirestoreDocument[]>;
    runTransaction(callback: (transaction: string) => Promise<unknown>, options?: { projectId?: string }): Promise<string[]>;
  };
  export default Firestore;
}

declare module 'fromBase64' {
  /** undefined on invalid input. */
  function fromBase64(base64: string): string | undefined;
  export default fromBase64;
}

declare module 'generateRandom' {
  /** Random integer in [min, max]. */
  function generateRandom(min: number, max: number): number;
  export default generateRandom;
}

declare module 'getAllEventData' {
  /** read_event_data. A copy of the current event's data. */
  function getAllEventData(): { [key: string]: unknown };
  export default getAllEventData;
}

declare module 'getClientName' {
  /** read_container_data. */
  function getClientName(): string;
  export default getClientName;
}

declare module 'getContainerVersion' {
  /** read_container_data. */
  function getContainerVersion(): ContainerVersion;
  export default getContainerVersion;
}

declare module 'getCookieValues' {
  /** get_cookies. Every value of the cookie (empty array if none); URI-decoded unless `noDecode`. */
  function getCookieValues(name: string, noDecode?: boolean): string[];
  export default getCookieValues;
}

declare module 'getEventData' {
  /** read_event_data. Dot path, components may be array indices; undefined when missing. */
  function getEventData(keyPath: string): unknown;
  export default getEventData;
}

declare module 'getGoogleAuth' {
  /** use_google_credentials. */
  function getGoogleAuth(options: { scopes: string[] }): GoogleAuth;
  export default getGoogleAuth;
}

declare module 'getGoogleScript' {
  function getGoogleScript(
    script: 'ANALYTICS' | 'GTAG' | 'GTM',
    options?: { id?: string; debug?: boolean; timeout?: number },
  ): Promise<{ script: string; metadata: { [key: string]: string } }>;
  export default getGoogleScript;
}

declare module 'getRemoteAddress' {
  /** read_request (remoteAddressAllowed). */
  function getRemoteAddress(): string;
  export default getRemoteAddress;
}

declare module 'getRequestBody' {
  /** read_request (bodyAllowed). */
  function getRequestBody(): string | undefined;
  export default getRequestBody;
}

declare module 'getRequestHeader' {
  /** read_request. Case-insensitive; repeated headers joined with ', '. */
  function getRequestHeader(headerName: string): string | undefined;
  export default getRequestHeader;
}

declare module 'getRequestMethod' {
  /** read_request. */
  function getRequestMethod(): string;
  export default getRequestMethod;
}

declare module 'getRequestPath' {
  /** read_request (pathAllowed). */
  function getRequestPath(): string;
  export default getRequestPath;
}

declare module 'getRequestQueryParameter' {
  /** read_request. Decoded; the first value if repeated. */
  function getRequestQueryParameter(name: string): string | undefined;
  export default getRequestQueryParameter;
}

declare module 'getRequestQueryParameters' {
  /** read_request. */
  function getRequestQueryParameters(): { [name: string]: string | string[] };
  export default getRequestQueryParameters;
}

declare module 'getRequestQueryString' {
  /** read_request. Without '?'; '' when none. */
  function getRequestQueryString(): string;
  export default getRequestQueryString;
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

declare module 'hasMessageListener' {
  /** use_message. */
  function hasMessageListener(messageType: string): boolean;
  export default hasMessageListener;
}

declare module 'hmacSha256' {
  /** use_custom_private_keys. Default encoding base64url. */
  function hmacSha256(data: string, keyId: string, options?: { outputEncoding?: 'hex' | 'base64' | 'base64url' }): string;
  export default hmacSha256;
}

declare module 'isRequestMpv1' {
  function isRequestMpv1(): boolean;
  export default isRequestMpv1;
}

declare module 'isRequestMpv2' {
  function isRequestMpv2(): boolean;
  export default isRequestMpv2;
}

declare module 'JSON' {
  const JSON: {
    /** undefined (no exception) on invalid JSON. */
    parse(text: string): any;
    /** undefined on cycles. */
    stringify(value: unknown): string;
  };
  export default JSON;
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
  /** SIMPLE_TABLE rows to a map; null when the input is not a table. */
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
    /** false when the object is frozen. */
    delete(object: { [key: string]: unknown }, key: string): boolean;
  };
  export default Object;
}

declare module 'parseUrl' {
  /** undefined when the URL is invalid. */
  function parseUrl(url: string): ParsedUrl | undefined;
  export default parseUrl;
}

declare module 'Promise' {
  const Promise: {
    create<T>(resolver: (resolve: (value: T) => void, reject: (reason?: unknown) => void) => void): Promise<T>;
    all<T>(promises: Array<Promise<T> | T>): Promise<T[]>;
  };
  export default Promise;
}

declare module 'queryPermission' {
  function queryPermission(permission: string, ...args: unknown[]): boolean;
  export default queryPermission;
}

declare module 'returnResponse' {
  /** return_response. Flushes the response built with setCookie/setResponse*. */
  function returnResponse(): void;
  export default returnResponse;
}

declare module 'runContainer' {
  /** run_container. */
  function runContainer(
    event: { [key: string]: unknown },
    onComplete?: (bindToEvent: <F>(callback: F) => F) => void,
    onStart?: (bindToEvent: <F>(callback: F) => F) => void,
  ): void;
  export default runContainer;
}

declare module 'sendEventToGoogleAnalytics' {
  function sendEventToGoogleAnalytics(event: { [key: string]: unknown }): Promise<{ location?: string }>;
  export default sendEventToGoogleAnalytics;
}

declare module 'sendHttpGet' {
  /** send_http. Rejects with HttpFailure. */
  function sendHttpGet(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  function sendHttpGet(
    url: string,
    callback: (statusCode: number, headers: { [name: string]: string }, body: string) => void,
    options?: HttpRequestOptions,
  ): void;
  export default sendHttpGet;
}

declare module 'sendHttpRequest' {
  /** send_http. Promise form; rejects with HttpFailure (`failed` / `timed_out`). */
  function sendHttpRequest(url: string, options?: HttpRequestOptions, body?: string): Promise<HttpResponse>;
  /** send_http. Callback form: the callback gets the status (0 on network failure), headers and body. */
  function sendHttpRequest(
    url: string,
    callback: (statusCode: number, headers: { [name: string]: string }, body: string) => void,
    options?: HttpRequestOptions,
    body?: string,
  ): void;
  export default sendHttpRequest;
}

declare module 'sendMessage' {
  /** use_message. */
  function sendMessage(messageType: string, message: { [key: string]: unknown }): void;
  export default sendMessage;
}

declare module 'sendPixelFromBrowser' {
  /** send_pixel_from_browser. false when the browser side cannot send it. */
  function sendPixelFromBrowser(url: string): boolean;
  export default sendPixelFromBrowser;
}

declare module 'setCookie' {
  /** set_cookies. Needs returnResponse (by the client) to reach the browser. */
  function setCookie(name: string, value: string, options?: ServerCookieOptions, noEncode?: boolean): void;
  export default setCookie;
}

declare module 'setPixelResponse' {
  /** access_response. 1x1 GIF with no-cache headers. */
  function setPixelResponse(): void;
  export default setPixelResponse;
}

declare module 'setResponseBody' {
  /** access_response. */
  function setResponseBody(
    body: string,
    encoding?: 'ascii' | 'utf8' | 'utf16le' | 'ucs2' | 'base64' | 'latin1' | 'binary' | 'hex',
  ): void;
  export default setResponseBody;
}

declare module 'setResponseHeader' {
  /** access_response. null/undefined clears the header. */
  function setResponseHeader(name: string, value: string | null | undefined): void;
  export default setResponseHeader;
}

declare module 'setResponseStatus' {
  /** access_response. */
  function setResponseStatus(statusCode: number): void;
  export default setResponseStatus;
}

declare module 'sha256' {
  /** Asynchronous; base64 digest unless `outputEncoding: 'hex'`. */
  function sha256(
    input: string,
    onSuccess: (digest: string) => void,
    options?: { outputEncoding?: 'base64' | 'hex' },
  ): void;
  export default sha256;
}

declare module 'sha256Sync' {
  /** base64 digest unless `outputEncoding: 'hex'`. */
  function sha256Sync(input: string, options?: { outputEncoding?: 'base64' | 'hex' }): string;
  export default sha256Sync;
}

declare module 'templateDataStorage' {
  /** access_template_storage. Per-template store shared across executions; stores copies. */
  const templateDataStorage: {
    getItemCopy(key: string): unknown;
    /** null removes the item. */
    setItemCopy(key: string, value: unknown): void;
    removeItem(key: string): void;
    clear(): void;
  };
  export default templateDataStorage;
}

declare module 'testRegex' {
  function testRegex(regex: RegExp, text: string): boolean;
  export default testRegex;
}

declare module 'toBase64' {
  /** base64url when `urlEncoding` is true. */
  function toBase64(text: string, options?: { urlEncoding?: boolean }): string;
  export default toBase64;
}
