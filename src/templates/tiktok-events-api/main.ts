// TikTok Events API server tag. All mapping rules live in src/core (shared with the web Pixel tag);
// this file only does the effects: read event data and cookies, write cookies, POST, retry, log.

import BigQuery from 'BigQuery';
import computeEffectiveTldPlusOne from 'computeEffectiveTldPlusOne';
import decodeUriComponent from 'decodeUriComponent';
import getAllEventData from 'getAllEventData';
import getContainerVersion from 'getContainerVersion';
import getCookieValues from 'getCookieValues';
import getRequestHeader from 'getRequestHeader';
import getTimestampMillis from 'getTimestampMillis';
import getType from 'getType';
import JSON from 'JSON';
import logToConsole from 'logToConsole';
import makeNumber from 'makeNumber';
import makeString from 'makeString';
import Math from 'Math';
import Object from 'Object';
import sendHttpRequest from 'sendHttpRequest';
import setCookie from 'setCookie';
import sha256Sync from 'sha256Sync';

import { ConsentInput, ConsentMode, decideConsent } from '../../core/consent';
import { ExtraProperty } from '../../core/contents';
import {
  MAX_COOKIE_VALUE_LENGTH, TTCLID_COOKIE_NAME, TTCLID_COOKIE_MAX_AGE, TTP_COOKIE_MAX_AGE, TTP_COOKIE_NAME, SameSite, planIdentityCookies,
  sanitizeCookieValue,
} from '../../core/cookies';
import { EventNameOverride } from '../../core/event-names';
import { TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, hostnameOf, ttpDomainIndex, TtpGenerator } from '../../core/identity';
import { MappedEvent, mapEvent, toTikTokEvent } from '../../core/map-event';
import { EVENTS_API_URL, buildEventsApiBody, normalizePixelId } from '../../core/payload';
import { ResponseClassification, classifyResponse, shouldRetry } from '../../core/response';
import { deriveTtpGenerator } from '../../core/server-identity';
import { CoreToolkit, PlainObject, getPath, toNumber, toText } from '../../core/toolkit';

const TAG_NAME = 'TikTok Events API';
const HEALTH_CHECK_PREFIX = 'https://gtm-msr.appspot.com/';
const MAX_RETRIES_LIMIT = 5;

const tk: CoreToolkit = {
  getType: getType,
  makeNumber: makeNumber,
  makeString: makeString,
  decodeUriComponent: decodeUriComponent,
  round: (n: number) => Math.round(n),
  floor: (n: number) => Math.floor(n),
  jsonParse: (text: string) => JSON.parse(text),
  jsonStringify: (value: unknown) => JSON.stringify(value),
  keys: (value: object) => Object.keys(value as PlainObject),
  sha256Hex: (text: string) => sha256Sync(text, { outputEncoding: 'hex' }),
};

// ---------------------------------------------------------------------------------------------
// Logging: "server logging standard" JSON records; console per logType, optional BigQuery.

function consoleLoggingEnabled(): boolean {
  const logType = data.logType;
  if (logType === 'never') return false;
  if (logType === 'always') return true;
  const version = getContainerVersion();
  return !!(version && (version.debugMode || version.previewMode));
}

const traceId = getRequestHeader('trace-id');
let currentEventName: string | undefined;
let currentEventId: string | undefined;

function log(record: PlainObject): void {
  record.Name = TAG_NAME;
  if (traceId !== undefined) record.TraceId = traceId;
  if (currentEventName !== undefined) record.EventName = currentEventName;
  if (currentEventId !== undefined) record.EventId = currentEventId;
  if (consoleLoggingEnabled()) logToConsole(JSON.stringify(record));
  if (data.bigQueryLogging === true) writeBigQuery(record);
}

function writeBigQuery(record: PlainObject): void {
  const dataset = toText(data.bigQueryDatasetId, tk);
  const table = toText(data.bigQueryTableId, tk);
  if (dataset === undefined || table === undefined) return;
  const connection: { projectId?: string; datasetId: string; tableId: string } = { datasetId: dataset, tableId: table };
  const project = toText(data.bigQueryProjectId, tk);
  if (project !== undefined) connection.projectId = project;
  const row = {
    timestamp: getTimestampMillis(),
    tag_name: TAG_NAME,
    type: record.Type,
    trace_id: record.TraceId,
    event_name: record.EventName,
    event_id: record.EventId,
    request_url: record.RequestUrl,
    request_body: record.RequestBody !== undefined ? JSON.stringify(record.RequestBody) : undefined,
    response_status_code: record.ResponseStatusCode,
    response_body: record.ResponseBody,
    message: record.Message,
  };
  BigQuery.insert(connection, [row], { ignoreUnknownValues: true }).then(
    () => undefined,
    () => {
      if (consoleLoggingEnabled()) logToConsole(JSON.stringify({ Name: TAG_NAME, Type: 'Message', Message: 'BigQuery insert failed' }));
    },
  );
}

function message(text: string): void {
  log({ Type: 'Message', Message: text });
}

// ---------------------------------------------------------------------------------------------
// Settings

function integerSetting(value: unknown, fallback: number, min: number, max: number): number {
  const n = toNumber(value, tk);
  if (n === undefined) return fallback;
  const i = Math.floor(n);
  if (i < min) return min;
  if (i > max) return max;
  return i;
}

function tableRows(value: unknown): PlainObject[] {
  if (getType(value) !== 'array') return [];
  return (value as unknown[]).filter((row) => getType(row) === 'object') as PlainObject[];
}

/**
 * A table cell as text: GTM gives strings, but a cell holding a variable can give any value (an
 * object from a JSON variable, a list...). Only strings and numbers are names; anything else is
 * ignored rather than turned into "[object Object]".
 */
function cellText(value: unknown): string | undefined {
  const type = getType(value);
  return type === 'string' || type === 'number' ? makeString(value) : undefined;
}

function overrides(): EventNameOverride[] {
  const rows: EventNameOverride[] = [];
  tableRows(data.eventNameOverrides).forEach((row) => {
    const from = cellText(row.from);
    const to = cellText(row.to);
    if (from !== undefined && to !== undefined) rows.push({ from: from, to: to });
  });
  return rows;
}

function extraProperties(): ExtraProperty[] {
  const rows: ExtraProperty[] = [];
  tableRows(data.extraProperties).forEach((row) => {
    const name = cellText(row.name);
    if (name !== undefined) rows.push({ name: name, value: row.value });
  });
  return rows;
}

function consentMode(): ConsentMode {
  const mode = data.consentMode;
  if (mode === 'ignore' || mode === 'require_ad_storage') return mode;
  return 'minimize';
}

function sameSite(): SameSite {
  const v = data.cookieSameSite;
  return v === 'Strict' || v === 'None' ? v : 'Lax';
}

function cookieDomain(): string {
  const d = toText(data.cookieDomain, tk);
  return d !== undefined ? d : 'auto';
}

// ---------------------------------------------------------------------------------------------

function mapIncomingEvent(eventData: PlainObject, now: number): MappedEvent {
  let generator: TtpGenerator | undefined;
  if (data.generateTtp === true) {
    const domain = cookieDomain();
    const host = hostnameOf(eventData.page_location);
    const base = domain !== 'auto' ? domain : host !== undefined ? computeEffectiveTldPlusOne(host) : '';
    // Derived from the GA client id, not drawn at random: the TikTok Browser ID variable and the
    // Cookie Keeper tag derive the same value, and so does every later event of the same browser.
    generator = deriveTtpGenerator(eventData, ttpDomainIndex(base), tk);
  }
  const consent: ConsentInput = {
    mode: consentMode(),
    adStorageField: data.adStorageConsent,
    adUserDataField: data.adUserDataConsent,
    unknownAs: data.consentUnknownAs === 'denied' ? 'denied' : 'granted',
  };
  // Decided up front as well, so that without ad_storage consent the cookies are not even read.
  const readCookies = decideConsent({ mode: consent.mode, adStorageField: consent.adStorageField, adUserDataField: consent.adUserDataField, unknownAs: consent.unknownAs, eventData: eventData }, tk).readCookies;
  return mapEvent(
    eventData,
    {
      eventNames: {
        nameSet: data.nameSet === 'legacy' ? 'legacy' : 'current',
        overrides: overrides(),
        fixedEvent: data.eventMode === 'fixed' ? makeString(data.fixedEvent) : undefined,
        unmappedPolicy: data.unmappedPolicy === 'custom' ? 'custom' : 'skip',
      },
      eventId: {
        explicit: data.eventId,
        key: toText(data.eventIdKey, tk),
        useTransactionFallback: data.transactionEventId !== false,
      },
      properties: { contentType: data.contentType === 'product_group' ? 'product_group' : 'product' },
      extraProperties: extraProperties(),
      userFields: {
        email: data.userEmail, phone: data.userPhone, external_id: data.userExternalId,
        first_name: data.userFirstName, last_name: data.userLastName, zip_code: data.userZip,
        city: data.userCity, state: data.userState, country: data.userCountry,
        ip: data.userIp, user_agent: data.userAgent, locale: data.userLocale,
      },
      userOptions: {
        defaultCountryCode: toText(data.defaultCountryCode, tk),
        userIdAsExternalId: data.userIdAsExternalId !== false,
      },
      consent: consent,
      limitedDataUse: { checkbox: data.limitedDataUse, key: toText(data.limitedDataUseKey, tk) },
    },
    {
      ttclidCookies: readCookies ? getCookieValues(TTCLID_COOKIE_NAME) : [],
      ttpCookies: readCookies ? getCookieValues(TTP_COOKIE_NAME) : [],
      generateTtp: generator,
    },
    now,
    tk,
  );
}

/**
 * Log lines for identifiers in event data that were ignored because they are not valid cookie values
 * (the keys only, never the values). Without them a forwarded _ttp/ttclid would vanish silently.
 */
function unusableIdentifierNotes(eventData: PlainObject, mapped: MappedEvent): string[] {
  const notes: string[] = [];
  if (!mapped.consent.readCookies) return notes;
  const check = (keys: string[]) => {
    keys.forEach((key) => {
      const raw = getPath(eventData, key, tk);
      if (toText(raw, tk) !== undefined && sanitizeCookieValue(raw, tk) === undefined) {
        notes.push('event data ' + key + ' ignored: not a valid cookie value (RFC 6265 cookie-octets, at most ' + MAX_COOKIE_VALUE_LENGTH + ' characters)');
      }
    });
  };
  check(TTCLID_EVENT_KEYS);
  check(TTP_EVENT_KEYS);
  return notes;
}

function writeCookies(mapped: MappedEvent): void {
  const notes: string[] = [];
  const writes = planIdentityCookies(
    {
      ttclid: mapped.ttclid,
      ttp: mapped.ttp,
      allowWrite: mapped.consent.writeCookies,
      persistTtclid: data.persistTtclid !== false,
      refreshTtp: data.refreshTtp !== false,
      domain: cookieDomain(),
      sameSite: sameSite(),
      ttclidMaxAge: integerSetting(data.ttclidDays, TTCLID_COOKIE_MAX_AGE / 86400, 1, 3650) * 86400,
      ttpMaxAge: integerSetting(data.ttpDays, TTP_COOKIE_MAX_AGE / 86400, 1, 3650) * 86400,
      notes: notes,
    },
    tk,
  );
  // Writes with a value that is not a valid cookie value are left out by the plan (setCookie would
  // throw on some, a browser would mangle others); say why.
  notes.forEach((note) => message('warning: ' + note));
  writes.forEach((w) => {
    setCookie(w.name, w.value, {
      domain: w.options.domain,
      path: w.options.path,
      'max-age': w.options['max-age'],
      secure: w.options.secure,
      samesite: w.options.samesite,
      httpOnly: w.options.httpOnly,
    });
  });
}

export function main(): void {
  const pixelId = normalizePixelId(data.pixelId, tk);
  const token = toText(data.accessToken, tk);
  if (pixelId === undefined || token === undefined || token.indexOf(' ') !== -1) {
    // Configuration errors are always worth a line (no PII involved), unless logging is off.
    if (data.logType !== 'never') {
      logToConsole(JSON.stringify({
        Name: TAG_NAME, Type: 'Message',
        Message: pixelId === undefined ? 'not sent: the Pixel ID is missing or invalid' : 'not sent: the access token is missing or invalid',
      }));
    }
    data.gtmOnFailure();
    return;
  }

  const rawEventData = getAllEventData();
  const eventData: PlainObject = getType(rawEventData) === 'object' ? rawEventData : {};
  const pageLocation = toText(eventData.page_location, tk);
  if (pageLocation !== undefined && pageLocation.indexOf(HEALTH_CHECK_PREFIX) === 0) {
    message('not sent: GTM health-check request');
    data.gtmOnSuccess();
    return;
  }

  const now = getTimestampMillis();
  const mapped = mapIncomingEvent(eventData, now);
  currentEventName = mapped.eventName.name;
  currentEventId = mapped.eventId.eventId;
  writeCookies(mapped);
  unusableIdentifierNotes(eventData, mapped).forEach((note) => message('warning: ' + note));
  mapped.warnings.forEach((w) => message('warning: ' + w));

  if (mapped.skip) {
    message(mapped.reason);
    data.gtmOnSuccess();
    return;
  }

  const body = buildEventsApiBody({
    pixelId: pixelId,
    event: toTikTokEvent(mapped, (normalized: string) => tk.sha256Hex ? tk.sha256Hex(normalized) : undefined),
    testEventCode: toText(data.testEventCode, tk),
  });
  const bodyText = JSON.stringify(body);
  const maxRetries = integerSetting(data.maxRetries, 2, 0, MAX_RETRIES_LIMIT);
  const timeout = integerSetting(data.timeoutMs, 10000, 500, 60000);
  const optimistic = data.optimistic === true;
  if (optimistic) data.gtmOnSuccess();

  const finish = (c: ResponseClassification, attempt: number): void => {
    if (c.outcome === 'success') {
      message('sent: ' + c.reason + (attempt > 1 ? ' after ' + attempt + ' attempts' : '') + '; ' + mapped.reason);
      if (!optimistic) data.gtmOnSuccess();
      return;
    }
    const hasEventId = mapped.eventId.eventId !== undefined;
    if (shouldRetry(c, attempt, maxRetries, hasEventId)) {
      message('retrying (' + attempt + '/' + maxRetries + '): ' + c.reason);
      send(attempt + 1);
      return;
    }
    if (c.outcome === 'retry' && attempt <= maxRetries && !hasEventId) {
      message('not retried: the event has no event_id, so a second copy could not be deduplicated');
    }
    message('failed: ' + c.reason + (attempt > 1 ? ' after ' + attempt + ' attempts' : ''));
    if (!optimistic) data.gtmOnFailure();
  };

  const send = (attempt: number): void => {
    log({ Type: 'Request', Attempt: attempt, RequestMethod: 'POST', RequestUrl: EVENTS_API_URL, RequestBody: body });
    sendHttpRequest(
      EVENTS_API_URL,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Access-Token': token }, timeout: timeout },
      bodyText,
    ).then(
      (response) => {
        log({ Type: 'Response', Attempt: attempt, ResponseStatusCode: response.statusCode, ResponseHeaders: response.headers, ResponseBody: response.body });
        finish(classifyResponse({ statusCode: response.statusCode, body: response.body }, tk), attempt);
      },
      (failure) => {
        const reason = failure && getType(failure) === 'object' ? makeString((failure as PlainObject).reason) : 'failed';
        log({ Type: 'Response', Attempt: attempt, Message: 'request failed: ' + reason });
        finish(classifyResponse({ error: reason }, tk), attempt);
      },
    );
  };
  send(1);
}
