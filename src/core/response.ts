// Classify an Events API response (docs/contracts/tiktok-events-api.md). Business errors arrive with HTTP 200 and a
// non-zero `code`, so the body must be parsed: success = HTTP 2xx AND code 0 (20001 partial OK too).

import { CoreToolkit, PlainObject, isPlainObject, toNumber, toText } from './toolkit';

export type ResponseOutcome = 'success' | 'retry' | 'fail';

export interface HttpResult {
  /** undefined when the request never got a status (network error, timeout). */
  statusCode?: number;
  /** Raw text body or an already parsed object. */
  body?: unknown;
  /** sendHttpRequest rejection reason: 'failed' | 'timed_out' | other. */
  error?: string;
}

export interface ResponseClassification {
  outcome: ResponseOutcome;
  statusCode?: number;
  code?: number;
  message?: string;
  requestId?: string;
  /** One line for logs. */
  reason: string;
}

/** TikTok codes worth retrying (throttling, transient internal errors, maintenance). */
export const RETRYABLE_CODES = [40100, 40132, 40700, 50000, 50002, 60001, 61000];

export function isRetryableCode(code: number): boolean {
  if (RETRYABLE_CODES.indexOf(code) !== -1) return true;
  // 51xxx internal service errors, 52xxx DB/storage errors.
  return code >= 51000 && code < 53000;
}

function parseBody(body: unknown, tk: CoreToolkit): PlainObject | undefined {
  if (isPlainObject(body, tk)) return body;
  if (typeof body !== 'string' || body.trim().length === 0) return undefined;
  const parsed = tk.jsonParse(body);
  return isPlainObject(parsed, tk) ? parsed : undefined;
}

export function classifyResponse(result: HttpResult, tk: CoreToolkit): ResponseClassification {
  if (result.error !== undefined || result.statusCode === undefined) {
    const what = result.error === 'timed_out' ? 'request timed out' : 'network error' + (result.error ? ' (' + result.error + ')' : '');
    return { outcome: 'retry', reason: what };
  }
  const status = result.statusCode;
  const parsed = parseBody(result.body, tk);
  const out: ResponseClassification = { outcome: 'fail', statusCode: status, reason: '' };
  if (parsed !== undefined) {
    const code = toNumber(parsed.code, tk);
    if (code !== undefined) out.code = code;
    const message = toText(parsed.message, tk);
    if (message !== undefined) out.message = message;
    const requestId = toText(parsed.request_id, tk);
    if (requestId !== undefined) out.requestId = requestId;
  }
  const detail = 'HTTP ' + status + (out.code !== undefined ? ', code ' + out.code : '') + (out.message !== undefined ? ', "' + out.message + '"' : '') + (out.requestId !== undefined ? ', request_id ' + out.requestId : '');
  if (status >= 500 || status === 429) {
    out.outcome = 'retry';
    out.reason = 'server error: ' + detail;
    return out;
  }
  if (status < 200 || status >= 300) {
    out.outcome = 'fail';
    out.reason = 'rejected: ' + detail;
    return out;
  }
  if (out.code === undefined) {
    out.outcome = 'fail';
    out.reason = 'unexpected response without a TikTok code: ' + detail;
    return out;
  }
  if (out.code === 0 || out.code === 20001) {
    out.outcome = 'success';
    out.reason = 'accepted: ' + detail;
    return out;
  }
  if (isRetryableCode(out.code)) {
    out.outcome = 'retry';
    out.reason = 'temporary TikTok error: ' + detail;
    return out;
  }
  out.outcome = 'fail';
  out.reason = 'TikTok error: ' + detail;
  return out;
}

/** Throttling answers: TikTok refused the event, so resending cannot create a duplicate. */
export const THROTTLE_CODES = [40100, 40132, 61000];

export function isThrottled(classification: ResponseClassification): boolean {
  if (classification.statusCode === 429) return true;
  return classification.code !== undefined && THROTTLE_CODES.indexOf(classification.code) !== -1;
}

/**
 * Whether another attempt is allowed: outcome retry and attempts so far <= maxRetries. Without an
 * event_id only throttling is retried: after a timeout or a 5xx TikTok may already have stored the
 * event, and only an event_id lets it drop the second copy.
 */
export function shouldRetry(classification: ResponseClassification, attemptsSoFar: number, maxRetries: number, hasEventId?: boolean): boolean {
  if (classification.outcome !== 'retry' || attemptsSoFar > maxRetries) return false;
  return hasEventId !== false || isThrottled(classification);
}
