// The properties every shipped template must keep, as functions that throw a descriptive Error (so
// fast-check shrinks the case and prints it). Known template bugs found by these properties are
// listed in KNOWN_BUGS with the regression test that pins each one (test/properties/regressions.test.ts);
// fixed ones (the table in README.md) are gone from the list and stay as plain regression tests;
// a run that fails only because of one of them is counted, not failed.
import { REMEMBERED_KEYS_COOKIE } from '../../src/core/remembered-keys';
import type { RunResult } from '../../src/sandbox/environment';
import type { ValidationResult } from '../../src/server/mock-tiktok';
import type { ConsentState, Ga4Case } from '../generators/ga4';
import { findLeak, PiiToken } from '../generators/pii';
import { outputTexts } from './harness';

export class PropertyViolation extends Error {}

function fail(message: string): never {
  throw new PropertyViolation(message);
}

/** A tag ends in exactly one of gtmOnSuccess / gtmOnFailure, without exception or timeout. */
export function checkTagCompletion(result: RunResult): void {
  if (result.outcome !== 'success' && result.outcome !== 'failure') fail(`tag outcome ${result.outcome}: ${result.message ?? ''}`);
  if (result.successCalls + result.failureCalls !== 1) fail(`gtmOnSuccess ${result.successCalls}× + gtmOnFailure ${result.failureCalls}× (must be exactly one)`);
}

/** A variable finishes with a value (or undefined), never an exception or a timeout. */
export function checkVariableCompletion(result: RunResult): void {
  if (result.outcome !== 'success') fail(`variable outcome ${result.outcome}: ${result.message ?? ''}`);
}

export function checkValidRequests(validations: { validation?: ValidationResult; request: { body?: string } }[]): void {
  for (const { validation, request } of validations) {
    if (validation && !validation.ok) fail(`Events API request refused by the mock's validator: ${validation.code} ${validation.message}\nbody: ${(request.body ?? '').slice(0, 600)}`);
  }
}

export function checkNoPii(result: RunResult, tokens: PiiToken[], alsoReturnValue: boolean): void {
  const texts = outputTexts(result);
  if (alsoReturnValue && result.returnValue !== undefined) texts.push({ where: 'return value', text: JSON.stringify(result.returnValue) ?? '' });
  const leak = findLeak(tokens, texts);
  if (leak) fail(`raw ${leak.token.kind} ${JSON.stringify(leak.token.raw)} found as ${JSON.stringify(leak.form)} in ${leak.where}`);
}

/**
 * Cookie values carry nothing that can break or extend the Set-Cookie header: no `;`, `,`, quotes,
 * backslash, whitespace or control characters (CR/LF/NUL included). Other non-ASCII characters are
 * harmless when setCookie URI-encodes the value (its default); unencoded values must be RFC 6265
 * cookie-octets.
 */
// ASCII only: other characters (U+2000 and other Unicode spaces included) leave setCookie URI-encoded.
const HEADER_BREAKING = /[;,"\\ \x00-\x1f\x7f]/;
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
export function checkCookiesSanitized(result: RunResult): void {
  for (const cookie of result.record.cookiesSet) {
    if (HEADER_BREAKING.test(cookie.value)) fail(`cookie ${cookie.name} value ${JSON.stringify(cookie.value.slice(0, 80))} contains a header-breaking character`);
    if (!cookie.encoded && !COOKIE_OCTETS.test(cookie.value)) fail(`cookie ${cookie.name} written unencoded with characters outside cookie-octet: ${JSON.stringify(cookie.value.slice(0, 80))}`);
    if (/[\r\n\0]/.test(cookie.header)) fail(`Set-Cookie header of ${cookie.name} contains CR/LF/NUL`);
    if (cookie.value.length > 4096) fail(`cookie ${cookie.name} value of ${cookie.value.length} characters`);
  }
}

/** The access token goes in the Access-Token header and nowhere else. */
export function checkTokenConfined(result: RunResult, token: unknown, data: Record<string, unknown> = {}, eventData: unknown = {}): void {
  if (typeof token !== 'string' || token.trim().length < 8) return;
  const secret = token.trim();
  // The same text in another field (junk shared by two fields) may legitimately be logged from there.
  if (Object.entries(data).some(([key, value]) => key !== 'accessToken' && JSON.stringify(value ?? null).includes(secret))) return;
  if (JSON.stringify(eventData).includes(secret)) return;
  for (const line of result.record.logs) if (line.text.includes(secret)) fail('access token in a log line');
  if (JSON.stringify(result.record.bigQueryInserts).includes(secret)) fail('access token in a BigQuery row');
  for (const { request } of result.record.requests) {
    if (request.url.includes(secret) || (request.body ?? '').includes(secret)) fail('access token in a request URL or body');
  }
  for (const cookie of result.record.cookiesSet) if (cookie.header.includes(secret)) fail('access token in a cookie');
}

/** test_event_code only ever comes from the tag's own field. */
export function checkTestEventCode(result: RunResult, fieldValue: unknown): void {
  // A field can hold any variable's value; the tag sends it as text.
  const field = fieldValue === undefined || fieldValue === null ? undefined : String(fieldValue).trim();
  for (const { request } of result.record.requests) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      continue;
    }
    if (body && typeof body === 'object' && 'test_event_code' in body) {
      if (!field || body.test_event_code !== field) fail(`test_event_code ${JSON.stringify(body.test_event_code)} sent; the field holds ${JSON.stringify(fieldValue)}`);
    }
  }
}

export interface ConsentExpectation {
  /** ad_storage is denied for this tag (the field does not override the event's signals). */
  adStorageDenied: boolean;
  adUserDataDenied: boolean;
  mode: string | undefined;
}

const DENIED_OR_UNSET_AS_DENIED = (state: ConsentState, unknownAs: unknown) => state === 'denied' || (state === 'unset' && unknownAs === 'denied');

/** What the protocol says about consent for this case, when the tag's fields let us know. */
export function expectedConsent(ga4: Ga4Case, data: Record<string, unknown>): ConsentExpectation {
  const mode = typeof data.consentMode === 'string' ? data.consentMode : undefined;
  const fieldSilent = (value: unknown) => value === undefined || value === '';
  return {
    mode,
    adStorageDenied: fieldSilent(data.adStorageConsent) ? DENIED_OR_UNSET_AS_DENIED(ga4.consent.adStorage, data.consentUnknownAs) : data.adStorageConsent === 'denied',
    adUserDataDenied: fieldSilent(data.adUserDataConsent) ? DENIED_OR_UNSET_AS_DENIED(ga4.consent.adUserData, data.consentUnknownAs) : data.adUserDataConsent === 'denied',
  };
}

const RESPECTING_MODES = ['minimize', 'require_ad_storage'];
const PERSONAL_USER_KEYS = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code'];

/**
 * Consent denied for ad_storage: no cookie read (getCookieValues) and none written (except the
 * remembered-keys cookie being deleted, as denial requires); with
 * require_ad_storage, no request either. ad_user_data denied: no hashed personal data sent.
 */
export function checkConsent(result: RunResult, expectation: ConsentExpectation): void {
  if (!expectation.mode || !RESPECTING_MODES.includes(expectation.mode)) return;
  if (expectation.adStorageDenied) {
    const read = result.record.apiCalls.find((call) => call.name === 'getCookieValues');
    if (read) fail(`ad_storage denied (${expectation.mode}) but getCookieValues(${JSON.stringify(read.args[0])}) was called`);
    // Deleting the remembered-keys cookie (Max-Age=0) is what denial must do; any other write is a violation.
    const written = result.record.cookiesSet.filter((c) => !(c.name === REMEMBERED_KEYS_COOKIE && Number(c.options['max-age']) === 0));
    if (written.length > 0) fail(`ad_storage denied (${expectation.mode}) but cookie ${written[0].name} was written`);
    if (expectation.mode === 'require_ad_storage' && result.record.requests.length > 0) fail('ad_storage denied with require_ad_storage but a request was sent');
  }
  if (expectation.adUserDataDenied) {
    for (const { request } of result.record.requests) {
      let body: { data?: { user?: Record<string, unknown> }[] };
      try {
        body = JSON.parse(request.body ?? '');
      } catch {
        continue;
      }
      for (const event of body?.data ?? []) {
        const key = PERSONAL_USER_KEYS.find((k) => event?.user && k in event.user);
        if (key) fail(`ad_user_data denied (${expectation.mode}) but user.${key} was sent`);
      }
    }
    const value = result.returnValue;
    if (value && typeof value === 'object') {
      const key = PERSONAL_USER_KEYS.find((k) => k in (value as Record<string, unknown>));
      if (key) fail(`ad_user_data denied (${expectation.mode}) but the variable returned ${key}`);
    }
  }
}

// ------------------------------------------------------------------------------------ known bugs

export interface KnownBug {
  id: string;
  /** Template ids this bug shows in (shared core code can put it in several). */
  templates: string[];
  summary: string;
  /** Whether a violation on this case is this bug (and not something new). */
  matches: (violation: Error, context: { data: Record<string, unknown>; result: RunResult }) => boolean;
}

/**
 * Empty while every bug the properties found is fixed. Event names differing only in case from a
 * standard name, and events older than 7 days refused by the mock, were the last; every bug in the
 * table of README.md is a plain regression test now.
 */
export const KNOWN_BUGS: KnownBug[] = [];

export function knownBugFor(templateId: string, violation: Error, context: { data: Record<string, unknown>; result: RunResult }): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.templates.includes(templateId) && bug.matches(violation, context));
}

/**
 * Runs every check (one failing check does not hide the others) and sorts the violations: known
 * bugs are returned for counting; the first violation that is not a known bug is thrown.
 */
export function applyChecks(templateId: string, context: { data: Record<string, unknown>; result: RunResult }, checks: (() => void)[], describe: () => string): KnownBug[] {
  const known: KnownBug[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      const bug = knownBugFor(templateId, error as Error, context);
      if (!bug) throw new Error(`${(error as Error).message}\n[run: ${describe()}]`);
      known.push(bug);
    }
  }
  return known;
}
