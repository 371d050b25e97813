// The host side of an emulated run: what the caller sets up (the simulated world a template runs
// in) and what the emulator records (everything the template did). Shared by the runtime
// (src/sandbox/runtime*), the API implementations (src/sandbox/apis/), the test runner, the CLI,
// the local tagging server and the jest tests. All values here are plain host (Node) values.

export type { ContainerContext, TemplateType } from '../tpl/definition';

/** An outgoing HTTP request made by sendHttpRequest / sendHttpGet. */
export interface OutgoingHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds, as the template asked (GTM's default is 15000). */
  timeout: number;
}

export interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A transport failure, as GTM reports it to the template: the promise rejects with `{reason}`. */
export interface HttpFailure {
  error: 'failed' | 'timed_out';
}

export type HttpOutcome = HttpResponse | HttpFailure;

/** Decides what an outgoing request gets back. May really send it (the local server does). */
export type HttpTransport = (request: OutgoingHttpRequest) => HttpOutcome | Promise<HttpOutcome>;

/** The incoming HTTP request a server container is handling. */
export interface IncomingRequest {
  method?: string;
  /** Path without the query string, e.g. `/g/collect`. */
  path?: string;
  /** Header names are matched case-insensitively. */
  headers?: Record<string, string | string[]>;
  /** Raw query string without `?`; when absent, built from `query`. */
  queryString?: string;
  query?: Record<string, string | string[]>;
  body?: string;
  remoteAddress?: string;
}

export interface ContainerVersion {
  containerId: string;
  debugMode: boolean;
  environmentName: string;
  environmentMode: boolean;
  previewMode: boolean;
  version: string;
}

export interface ServerEnvironment {
  context?: 'SERVER';
  /** The event data of the event the container is processing (getAllEventData / getEventData). */
  eventData?: Record<string, unknown>;
  request?: IncomingRequest;
  /** Incoming cookies; when absent they are read from request.headers.cookie. */
  cookies?: Record<string, string | string[]>;
  containerVersion?: Partial<ContainerVersion>;
  clientName?: string;
  /** Milliseconds since the epoch. Tests default to 0, as GTM's test runner does. */
  now?: () => number;
  /** Integer source for generateRandom(min, max); defaults to Math.random. */
  random?: () => number;
  /** Outgoing HTTP. Default: every request gets status 200 with an empty body. */
  http?: HttpTransport;
  /** Persists across runs of one template when the caller passes the same Map. */
  templateDataStorage?: Map<string, unknown>;
  /** In-memory BigQuery tables keyed `project.dataset.table`. */
  bigQuery?: Map<string, unknown[]>;
  /** In-memory Firestore documents keyed by full document path. */
  firestore?: Map<string, Record<string, unknown>>;
  /** Google Cloud project used where a template omits projectId. */
  projectId?: string;
}

export interface ScriptBehaviour {
  outcome: 'load' | 'fail';
  /** Runs when a script "loads", with the page's window globals, e.g. a fake Pixel library. */
  onLoad?: (window: Record<string, unknown>) => void;
}

export interface WebEnvironment {
  context?: 'WEB';
  url?: string;
  referrer?: string;
  title?: string;
  characterSet?: string;
  /** The page's global variables (window). Mutated by setInWindow/createQueue/... */
  window?: Record<string, unknown>;
  /** The page's dataLayer (a plain array of pushed objects). */
  dataLayer?: unknown[];
  /** document.cookie as the page sees it, e.g. `_ttp=abc; ttclid=E.C.P.x`. */
  documentCookie?: string;
  /** Consent state: 'granted' | 'denied' per type; unset counts as granted (GTM's rule). */
  consent?: Record<string, 'granted' | 'denied'>;
  /** What happens to injected scripts; default: every script loads. */
  scripts?: (url: string) => ScriptBehaviour;
  localStorage?: Map<string, string>;
  /** Persists for the page's lifetime across runs when the caller passes the same Map. */
  templateStorage?: Map<string, unknown>;
  containerVersion?: Partial<ContainerVersion>;
  now?: () => number;
  random?: () => number;
  /** The current GTM event's unique id (what the GTM "Event ID" built-in would give). */
  gtmEventId?: number;
}

export type Environment = ServerEnvironment | WebEnvironment;

export interface CookieSet {
  name: string;
  value: string;
  /** Options exactly as the template passed them (domain, path, max-age, secure, samesite...). */
  options: Record<string, unknown>;
  /** Whether the value was URI-encoded before writing (the API's encode/noEncode argument). */
  encoded: boolean;
  /** The Set-Cookie header (server) or document.cookie assignment (web) it becomes. */
  header: string;
}

export interface LogLine {
  /** The arguments as passed, copied out of the sandbox. */
  args: unknown[];
  /** How GTM prints them: strings as is, other values as JSON, space-separated. */
  text: string;
}

export interface WindowAccess {
  api: 'callInWindow' | 'copyFromWindow' | 'setInWindow' | 'createQueue' | 'createArgumentsQueue' | 'aliasInWindow';
  path: string;
  args: unknown[];
}

export interface RunRecord {
  /** Every API call in order, name and copied arguments (what assertApi inspects). */
  apiCalls: { name: string; args: unknown[] }[];
  requests: { request: OutgoingHttpRequest; outcome?: HttpOutcome }[];
  cookiesSet: CookieSet[];
  /** The response a server template built (status, headers, body) and whether it was returned. */
  response: { status?: number; headers: Record<string, string>; body?: string; returned: boolean };
  logs: LogLine[];
  windowAccess: WindowAccess[];
  scriptsInjected: { url: string; outcome: 'load' | 'fail' }[];
  pixelsSent: string[];
  dataLayerPushes: unknown[];
  bigQueryInserts: { table: string; rows: unknown[] }[];
}

export type RunOutcome =
  | 'success' // a tag called data.gtmOnSuccess (or a variable/client finished)
  | 'failure' // a tag called data.gtmOnFailure
  | 'exception' // the code threw (a permission refusal included)
  | 'timeout' // the code looped, or a tag never called gtmOnSuccess/gtmOnFailure in time
  | 'rejected'; // the code failed the sandbox language/API checks before running

export interface RunResult {
  outcome: RunOutcome;
  /** Why, for exception/timeout/rejected; the permission named for permission errors. */
  message?: string;
  /** A variable's value (a returned promise is awaited); for tags whatever the code returned. */
  returnValue?: unknown;
  record: RunRecord;
  /** Times gtmOnSuccess / gtmOnFailure were called (a correct tag has exactly one call in all). */
  successCalls: number;
  failureCalls: number;
}

export function emptyRecord(): RunRecord {
  return {
    apiCalls: [],
    requests: [],
    cookiesSet: [],
    response: { headers: {}, returned: false },
    logs: [],
    windowAccess: [],
    scriptsInjected: [],
    pixelsSent: [],
    dataLayerPushes: [],
    bigQueryInserts: [],
  };
}
