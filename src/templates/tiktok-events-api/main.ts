// TikTok Events API server tag. All mapping rules live in src/core (shared with the web Pixel tag);
// this file only does the effects: read event data and cookies, write cookies, POST, retry, log.

import BigQuery from 'BigQuery';
import getAllEventData from 'getAllEventData';
import getContainerVersion from 'getContainerVersion';
import getCookieValues from 'getCookieValues';
import getRequestHeader from 'getRequestHeader';
import getTimestampMillis from 'getTimestampMillis';
import getType from 'getType';
import JSON from 'JSON';
import logToConsole from 'logToConsole';
import makeString from 'makeString';
import sendHttpRequest from 'sendHttpRequest';

import { MAX_COOKIE_VALUE_LENGTH, TTCLID_COOKIE_NAME, TTP_COOKIE_NAME, sanitizeCookieValue } from '../../core/cookies';
import { IncomingEvent } from '../../core/event-model';
import { Destination, normalizeAccessToken, resolveDestinations } from '../../core/event-source';
import { TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, TtpGenerator, deriveTtpGenerator } from '../../core/identity';
import { MappedEvent, mapEvent, toTikTokEvent } from '../../core/map-event';
import { EVENTS_API_URL, buildEventsApiBody, normalizePixelId } from '../../core/payload';
import { REMEMBERED_KEYS_COOKIE, planRememberedKeysCookie } from '../../core/remembered-keys';
import { eventFromServerData } from '../../core/server-input';
import { ResponseClassification, classifyResponse, shouldRetry } from '../../core/response';
import { PlainObject, isPlainObject, toText } from '../../core/toolkit';
import { readConsentSettings } from '../../template-kit/consent.read';
import { CookieSettingsRead, planIdentityCookiesWith, readCookieSettings } from '../../template-kit/cookies.read';
import { readEventIdSettings } from '../../template-kit/event-id.read';
import { readEventNameConfig } from '../../template-kit/event-name.read';
import { EventSourceSettingsRead, readEventSourceSettings } from '../../template-kit/event-source.read';
import { readContentType, readExtraProperties } from '../../template-kit/properties.read';
import { RememberedKeysSettings, readRememberedKeysSettings } from '../../template-kit/remembered-keys.read';
import { setPlannedCookies, ttpDomainIndexFor } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';
import { boundedInteger } from '../../template-kit/settings.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { readUserFields, readUserOptions } from '../../template-kit/user.read';
import { RETRIES, TIMEOUT_MS } from './delivery';

const TAG_NAME = 'TikTok Events API';
const HEALTH_CHECK_PREFIX = 'https://gtm-msr.appspot.com/';

// ---------------------------------------------------------------------------------------------
// Logging: "server logging standard" JSON records; console per logType, optional BigQuery.

// Worked out at the first log line of a run, not before: with logging off (logType "never", no
// BigQuery) a run asks neither for the container version nor for the trace id.
let consoleLogging: boolean | undefined;
let traceIdRead = false;
let traceId: string | undefined;

function consoleLoggingEnabled(): boolean {
  if (consoleLogging === undefined) {
    const logType = data.logType;
    if (logType === 'never') consoleLogging = false;
    else if (logType === 'always') consoleLogging = true;
    else {
      const version = getContainerVersion();
      consoleLogging = !!(version && (version.debugMode || version.previewMode));
    }
  }
  return consoleLogging;
}

let currentEventName: string | undefined;
let currentEventId: string | undefined;

function log(record: PlainObject): void {
  if (!consoleLoggingEnabled() && data.bigQueryLogging !== true) return;
  if (!traceIdRead) {
    traceId = getRequestHeader('trace-id');
    traceIdRead = true;
  }
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
    event_source_id: record.EventSourceId,
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

/** A log line about one destination (pixel or event set): its ID is in every record. */
function destinationMessage(destination: Destination, text: string): void {
  log({ Type: 'Message', EventSourceId: destination.id, Message: text });
}

// ---------------------------------------------------------------------------------------------

// The tag's fields with the Settings variable merged in (its own fields win where set).
const settings = applySharedSettings(data, SERVER_SETTING_KEYS, tk);
const fields = settings.fields;

function mapIncomingEvent(event: IncomingEvent, sources: EventSourceSettingsRead, cookies: CookieSettingsRead, remembered: RememberedKeysSettings, now: number): MappedEvent {
  const eventId = readEventIdSettings(fields);
  let generator: TtpGenerator | undefined;
  if (cookies.generateTtp) {
    // Derived from the GA client id, not drawn at random: the TikTok Browser ID variable and the
    // Cookie Keeper tag derive the same value, and so does every later event of the same browser.
    generator = deriveTtpGenerator(event.identifiers.gaClientId, ttpDomainIndexFor(cookies.domain, event.page.url), tk);
  }
  return mapEvent(
    event,
    {
      eventNames: readEventNameConfig(fields, tk),
      eventId: { explicit: eventId.explicit, useTransactionFallback: eventId.useTransactionFallback },
      properties: { contentType: readContentType(data) },
      extraProperties: readExtraProperties(data, tk),
      userFields: readUserFields(data),
      userOptions: readUserOptions(data, tk),
      consent: readConsentSettings(fields),
      limitedDataUse: { checkbox: fields.limitedDataUse },
      source: sources.settings,
      rememberedKeys: { enabled: remembered.enabled },
    },
    {
      // Called only when consent allows reading cookies (mapEvent decides consent once).
      readTtclidCookies: () => getCookieValues(TTCLID_COOKIE_NAME),
      readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
      generateTtp: generator,
      // Called only while ad_storage and ad_user_data are granted.
      readRememberedKeys: () => getCookieValues(REMEMBERED_KEYS_COOKIE),
    },
    now,
    tk,
  );
}

/**
 * Log lines for identifiers in event data that were ignored because they are not valid cookie values
 * (the keys only, never the values). Without them a forwarded _ttp/ttclid would vanish silently. The
 * values are those the input adapter read for these keys (event.identifiers, in key order).
 */
function unusableIdentifierNotes(event: IncomingEvent, mapped: MappedEvent): string[] {
  const notes: string[] = [];
  if (!mapped.consent.readCookies) return notes;
  const check = (keys: string[], values: unknown[]) => {
    keys.forEach((key, i) => {
      const raw = values[i];
      if (toText(raw, tk) !== undefined && sanitizeCookieValue(raw, tk) === undefined) {
        notes.push('event data ' + key + ' ignored: not a valid cookie value (RFC 6265 cookie-octets, at most ' + MAX_COOKIE_VALUE_LENGTH + ' characters)');
      }
    });
  };
  check(TTCLID_EVENT_KEYS, event.identifiers.ttclid);
  check(TTP_EVENT_KEYS, event.identifiers.ttp);
  return notes;
}

function writeCookies(mapped: MappedEvent, cookies: CookieSettingsRead, rememberedSettings: RememberedKeysSettings): void {
  const notes: string[] = [];
  const writes = planIdentityCookiesWith(cookies, mapped, mapped.consent.writeCookies, notes, tk);
  // Writes with a value that is not a valid cookie value are left out by the plan (setCookie would
  // throw on some, a browser would mangle others); say why. Lifetimes outside the allowed range
  // (from a variable) were clamped; say that too.
  if (rememberedSettings.note !== undefined) notes.push(rememberedSettings.note);
  cookies.notes.concat(notes).forEach((note) => message('warning: ' + note));
  const remembered = mapped.rememberedKeys;
  const rememberedWrite = planRememberedKeysCookie(
    remembered,
    (normalized: string) => (tk.sha256Hex ? tk.sha256Hex(normalized) : undefined),
    { domain: cookies.domain, sameSite: cookies.sameSite, maxAgeSeconds: rememberedSettings.maxAgeSeconds },
    tk,
  );
  if (remembered.enabled) {
    // Key names only: the values are in no log line.
    if (!remembered.allowed) message('remembered match keys: cookie deleted, nothing read or stored (' + remembered.reason + ')');
    if (remembered.filled.length > 0) message('remembered match keys: ' + remembered.filled.join(', ') + ' added from the cookie');
    if (rememberedWrite !== undefined && remembered.allowed) message('remembered match keys: stored for ' + rememberedWrite.options['max-age'] / 86400 + ' days');
  }
  if (rememberedWrite !== undefined) writes.push(rememberedWrite);
  setPlannedCookies(writes);
}

/**
 * The tag's own ID (the Pixel ID field: the pixel code, TikTok App ID or event set ID of the chosen
 * source) and token, then the rows of "More pixels". App events from Android go to the Android App
 * ID when one is set.
 */
function destinationsFor(primaryId: string, token: string, sources: EventSourceSettingsRead, event: IncomingEvent): Destination[] {
  const platform = toText(event.app.platform, tk);
  const androidId = normalizePixelId(sources.androidAppSourceId, tk);
  const ownId = androidId !== undefined && platform !== undefined && platform.toLowerCase() === 'android' ? androidId : primaryId;
  const plan = resolveDestinations({ id: ownId, token: token }, sources.rows, (value: unknown) => normalizePixelId(value, tk), tk);
  plan.notes.forEach((note) => message('warning: ' + note));
  return plan.destinations;
}

export function main(): void {
  const pixelId = normalizePixelId(data.pixelId, tk);
  const token = normalizeAccessToken(data.accessToken, tk);
  if (pixelId === undefined || token === undefined) {
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
  const eventData: PlainObject = isPlainObject(rawEventData, tk) ? rawEventData : {};
  const pageLocation = toText(eventData.page_location, tk);
  if (pageLocation !== undefined && pageLocation.indexOf(HEALTH_CHECK_PREFIX) === 0) {
    message('not sent: GTM health-check request');
    data.gtmOnSuccess();
    return;
  }

  if (settings.note !== undefined) message('warning: ' + settings.note);
  const now = getTimestampMillis();
  const sources = readEventSourceSettings(data, tk);
  const event = eventFromServerData(eventData, { limitedDataUseKey: toText(fields.limitedDataUseKey, tk), pageUrlFallback: () => getRequestHeader('referer') }, tk);
  // Settings the mapping and the cookie writes both use: read once.
  const cookies = readCookieSettings(data, tk);
  const rememberedSettings = readRememberedKeysSettings(data, tk);
  const mapped = mapIncomingEvent(event, sources, cookies, rememberedSettings, now);
  currentEventName = mapped.eventName.name;
  currentEventId = mapped.eventId.eventId;
  writeCookies(mapped, cookies, rememberedSettings);
  unusableIdentifierNotes(event, mapped).forEach((note) => message('warning: ' + note));
  mapped.warnings.forEach((w) => message('warning: ' + w));

  if (mapped.skip) {
    message(mapped.reason);
    // A decision (consent, an event TikTok has no name for) succeeds; an event its source cannot
    // take as configured (no app ID, lead ID, email or phone) fails, so it shows in Preview.
    if (mapped.missingRequired) data.gtmOnFailure();
    else data.gtmOnSuccess();
    return;
  }

  const destinations = destinationsFor(pixelId, token, sources, event);
  const tiktokEvent = toTikTokEvent(mapped, (normalized: string) => tk.sha256Hex ? tk.sha256Hex(normalized) : undefined);
  // GTM refuses values outside these bounds on save; a variable can still give one at run time.
  const retries = boundedInteger('Retries', data.maxRetries, RETRIES.fallback, RETRIES.min, RETRIES.max, tk);
  const timeoutSetting = boundedInteger('Request timeout (milliseconds)', data.timeoutMs, TIMEOUT_MS.fallback, TIMEOUT_MS.min, TIMEOUT_MS.max, tk);
  [retries.note, timeoutSetting.note].forEach((note) => {
    if (note !== undefined) message('warning: ' + note);
  });
  const maxRetries = retries.value;
  const timeout = timeoutSetting.value;
  const optimistic = data.optimistic === true;
  if (optimistic) data.gtmOnSuccess();

  // One request per destination, all with the same event. The tag succeeds when every destination
  // accepted the event and fails when any did not; each destination logs its own outcome, and with
  // several destinations a summary names the IDs that got the event and those that did not.
  const sent: string[] = [];
  const failed: string[] = [];
  const settle = (destination: Destination, ok: boolean): void => {
    if (ok) sent.push(destination.id);
    else failed.push(destination.id);
    if (sent.length + failed.length < destinations.length) return;
    if (destinations.length > 1) {
      message((failed.length === 0 ? 'sent to every destination' : 'sent to ' + sent.length + ' of ' + destinations.length + ' destinations') +
        ': sent ' + (sent.length > 0 ? sent.join(', ') : 'none') + '; failed ' + (failed.length > 0 ? failed.join(', ') : 'none'));
    }
    if (optimistic) return;
    if (failed.length === 0) data.gtmOnSuccess();
    else data.gtmOnFailure();
  };

  destinations.forEach((destination) => {
    const destinationToken = destination.token;
    if (destinationToken === undefined) {
      destinationMessage(destination, 'failed: the access token of this row is invalid (it has spaces): nothing sent');
      settle(destination, false);
      return;
    }
    const body = buildEventsApiBody({
      eventSource: sources.settings.source,
      eventSourceId: destination.id,
      event: tiktokEvent,
      testEventCode: toText(data.testEventCode, tk),
    });
    const bodyText = JSON.stringify(body);

    const finish = (c: ResponseClassification, attempt: number): void => {
      if (c.outcome === 'success') {
        destinationMessage(destination, 'sent: ' + c.reason + (attempt > 1 ? ' after ' + attempt + ' attempts' : '') + '; ' + mapped.reason);
        settle(destination, true);
        return;
      }
      const hasEventId = mapped.eventId.eventId !== undefined;
      if (shouldRetry(c, attempt, maxRetries, hasEventId)) {
        destinationMessage(destination, 'retrying (' + attempt + '/' + maxRetries + '): ' + c.reason);
        send(attempt + 1);
        return;
      }
      if (c.outcome === 'retry' && attempt <= maxRetries && !hasEventId) {
        destinationMessage(destination, 'not retried: the event has no event_id, so a second copy could not be deduplicated');
      }
      destinationMessage(destination, 'failed: ' + c.reason + (attempt > 1 ? ' after ' + attempt + ' attempts' : ''));
      settle(destination, false);
    };

    const send = (attempt: number): void => {
      log({ Type: 'Request', EventSourceId: destination.id, Attempt: attempt, RequestMethod: 'POST', RequestUrl: EVENTS_API_URL, RequestBody: body });
      sendHttpRequest(
        EVENTS_API_URL,
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Access-Token': destinationToken }, timeout: timeout },
        bodyText,
      ).then(
        (response) => {
          log({ Type: 'Response', EventSourceId: destination.id, Attempt: attempt, ResponseStatusCode: response.statusCode, ResponseHeaders: response.headers, ResponseBody: response.body });
          finish(classifyResponse({ statusCode: response.statusCode, body: response.body }, tk), attempt);
        },
        (failure) => {
          const reason = failure && getType(failure) === 'object' ? makeString((failure as PlainObject).reason) : 'failed';
          log({ Type: 'Response', EventSourceId: destination.id, Attempt: attempt, Message: 'request failed: ' + reason });
          finish(classifyResponse({ error: reason }, tk), attempt);
        },
      );
    };
    send(1);
  });
}
