// The Events API 2.0 request body (docs/contracts/tiktok-events-api.md).

import { TikTokProperties } from './contents';
import { pixelIdFromText } from './pixel-id';
import { DeviceIds, EventSource, TikTokApp, TikTokLead, sourceTakesLimitedDataUse, userForSource } from './event-source';
import { CoreToolkit, PlainObject, isPlainObject, toNumber, toText } from './toolkit';
import { redactPersonalData } from './url-privacy';
import { TikTokUser } from './user-data';

export const EVENTS_API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
/** What TikTok's own server template sends; a known-accepted value (unknown values may get 40063). */
export const DEFAULT_PARTNER_NAME = 'GoogleTagManagerServer';

export interface TikTokPage {
  url?: string;
  referrer?: string;
}

/** Device details from User-Agent client hints (TikTok's own server template sends this object). */
export interface TikTokDevice {
  architecture?: string;
  bitness?: string;
  browser_version_list?: { brand: string; version: string }[];
  mobile?: boolean;
  model?: string;
  platform?: string;
  platform_version?: string;
}

/** The `user` of one event: match keys, and for app events device ids. */
export interface TikTokEventUser extends TikTokUser, DeviceIds {}

export interface TikTokEvent {
  event: string;
  event_time: number;
  event_id?: string;
  user: TikTokEventUser;
  /** Web events only. */
  page?: TikTokPage;
  /** App events only. */
  app?: TikTokApp;
  /** CRM events only. */
  lead?: TikTokLead;
  properties: TikTokProperties;
  device?: TikTokDevice;
  /** Web and app events only. */
  limited_data_use?: boolean;
}

export interface EventsApiBody {
  event_source: EventSource;
  event_source_id: string;
  partner_name?: string;
  test_event_code?: string;
  data: TikTokEvent[];
}

/** Allowed clock skew into the future before an event time is replaced by now. */
export const MAX_FUTURE_SKEW_SECONDS = 300;
/** Older events are still sent (TikTok publishes no web limit) but get a warning: send in real time. */
export const OLD_EVENT_WARNING_SECONDS = 7 * 86400;

/**
 * Integer Unix seconds from a timestamp in seconds, milliseconds or microseconds (number or numeric
 * string; the unit is detected by magnitude). Returns undefined for values before 2001-09-09
 * (1e9 s) or unparsable input.
 */
export function toUnixSeconds(value: unknown, tk: CoreToolkit): number | undefined {
  const n = toNumber(value, tk);
  if (n === undefined || n <= 0) return undefined;
  let seconds: number;
  if (n >= 1e14) seconds = n / 1e6; // microseconds (Measurement Protocol timestamp_micros)
  else if (n >= 1e11) seconds = n / 1000; // milliseconds
  else seconds = n;
  if (seconds < 1e9) return undefined;
  return tk.floor(seconds);
}

export interface EventTimeResult {
  eventTime: number;
  source: 'field' | 'event_data' | 'now';
  /** Set when a provided time was unusable or in the future. */
  warning?: string;
}

/**
 * event_time: explicit value, then the event's own timestamps (event model), else now. A time more
 * than MAX_FUTURE_SKEW_SECONDS ahead of now is replaced by now (TikTok must not get future times).
 */
export function resolveEventTime(explicit: unknown, eventTimes: unknown[], nowMs: number, tk: CoreToolkit): EventTimeResult {
  const now = tk.floor(nowMs / 1000);
  const candidates: { value: unknown; source: 'field' | 'event_data' }[] = [{ value: explicit, source: 'field' }];
  eventTimes.forEach((value) => candidates.push({ value: value, source: 'event_data' }));
  let warning: string | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c.value === undefined || c.value === null || c.value === '') continue;
    const seconds = toUnixSeconds(c.value, tk);
    if (seconds === undefined) {
      warning = 'unusable event time ignored';
      continue;
    }
    if (seconds > now + MAX_FUTURE_SKEW_SECONDS) {
      warning = 'event time in the future replaced by now';
      continue;
    }
    const result: EventTimeResult = { eventTime: seconds, source: c.source };
    if (now > 0 && seconds < now - OLD_EVENT_WARNING_SECONDS) result.warning = 'event time is more than 7 days old';
    return result;
  }
  const result: EventTimeResult = { eventTime: now, source: 'now' };
  if (warning !== undefined) result.warning = warning;
  return result;
}

/**
 * page{url, referrer} from the event's page (or explicit overrides); only absolute http(s) URLs,
 * with personal data in them redacted (url-privacy.ts; ttclid kept).
 */
export function buildPage(eventPage: { url?: unknown; referrer?: unknown }, overrides: { url?: unknown; referrer?: unknown }, tk: CoreToolkit): TikTokPage {
  const page: TikTokPage = {};
  const url = httpUrl(overrides.url, tk) || httpUrl(eventPage.url, tk);
  if (url !== undefined) page.url = redactPersonalData(url, tk);
  const referrer = httpUrl(overrides.referrer, tk) || httpUrl(eventPage.referrer, tk);
  if (referrer !== undefined) page.referrer = redactPersonalData(referrer, tk);
  return page;
}

function httpUrl(value: unknown, tk: CoreToolkit): string | undefined {
  const text = toText(value, tk);
  if (text === undefined) return undefined;
  const lower = text.substring(0, 8).toLowerCase();
  return lower.indexOf('http://') === 0 || lower.indexOf('https://') === 0 ? text : undefined;
}

export interface EventParts {
  /** Default 'web'. */
  source?: EventSource;
  event: string;
  eventTime: number;
  eventId?: string;
  user: TikTokUser;
  page: TikTokPage;
  properties: TikTokProperties;
  /** Omitted from the event when absent or empty. */
  device?: TikTokDevice;
  limitedDataUse?: boolean;
  app?: TikTokApp;
  lead?: TikTokLead;
  deviceIds?: DeviceIds;
}

/**
 * One data[] item with the fields its source allows (docs/contracts/tiktok-events-api.md, "Fields of
 * one event, by source"): web `page`, `device` (client hints); app `app` and device ids in `user`;
 * CRM `lead`; `limited_data_use` (always a boolean, default false) for web and app; `user` keys per
 * source. event_id is omitted when absent, and so is a page without URL (never `{}`).
 */
export function buildTikTokEvent(parts: EventParts): TikTokEvent {
  const source: EventSource = parts.source !== undefined ? parts.source : 'web';
  const user: { [key: string]: unknown } = {};
  const matchKeys = parts.user as { [key: string]: unknown };
  const deviceIds = (parts.deviceIds || {}) as { [key: string]: unknown };
  for (const key in matchKeys) if (matchKeys.hasOwnProperty(key)) user[key] = matchKeys[key];
  for (const key in deviceIds) if (deviceIds.hasOwnProperty(key)) user[key] = deviceIds[key];
  const event: TikTokEvent = {
    event: parts.event,
    event_time: parts.eventTime,
    user: source === 'web' ? parts.user : userForSource(user, source),
    properties: parts.properties,
  };
  if (source === 'web' && parts.page.url !== undefined) event.page = parts.page;
  if (source === 'app' && parts.app !== undefined) event.app = parts.app;
  if (source === 'crm' && parts.lead !== undefined) event.lead = parts.lead;
  if (sourceTakesLimitedDataUse(source)) event.limited_data_use = parts.limitedDataUse === true;
  if (parts.eventId !== undefined) event.event_id = parts.eventId;
  if (source === 'web' && parts.device !== undefined && hasAnyKey(parts.device)) event.device = parts.device;
  return event;
}

function hasAnyKey(obj: object): boolean {
  for (const key in obj) {
    if (obj.hasOwnProperty(key)) return true;
  }
  return false;
}

/** Header-style values arrive quoted ("\"macOS\""): strip one pair of surrounding quotes. */
function unquote(text: string): string {
  if (text.length >= 2 && text.charAt(0) === '"' && text.charAt(text.length - 1) === '"') return text.substring(1, text.length - 1);
  return text;
}

/**
 * `device` from GA4 `client_hints` (architecture, bitness, full_version_list -> browser_version_list,
 * mobile, model, platform, platform_version). Empty values are left out; undefined when nothing is usable
 * (never an empty object).
 */
export function buildDevice(clientHints: unknown, tk: CoreToolkit): TikTokDevice | undefined {
  if (!isPlainObject(clientHints, tk)) return undefined;
  const device: TikTokDevice = {};
  const textKeys: { from: string; to: 'architecture' | 'bitness' | 'model' | 'platform' | 'platform_version' }[] = [
    { from: 'architecture', to: 'architecture' }, { from: 'bitness', to: 'bitness' }, { from: 'model', to: 'model' },
    { from: 'platform', to: 'platform' }, { from: 'platform_version', to: 'platform_version' },
  ];
  textKeys.forEach((k) => {
    const text = toText(clientHints[k.from], tk);
    const clean = text !== undefined ? unquote(text).trim() : '';
    if (clean.length > 0) device[k.to] = clean;
  });
  const mobile = clientHints.mobile;
  if (mobile === true || mobile === false) device.mobile = mobile;
  else if (mobile === '?1' || mobile === '?0') device.mobile = mobile === '?1';
  const list = clientHints.full_version_list;
  if (tk.getType(list) === 'array') {
    const versions: { brand: string; version: string }[] = [];
    (list as unknown[]).forEach((entry) => {
      if (!isPlainObject(entry, tk)) return;
      const brand = toText(entry.brand, tk);
      const version = toText(entry.version, tk);
      if (brand !== undefined && version !== undefined) versions.push({ brand: brand, version: version });
    });
    if (versions.length > 0) device.browser_version_list = versions;
  }
  return hasAnyKey(device) ? device : undefined;
}

export interface BodyParts {
  /** Default 'web'. */
  eventSource?: EventSource;
  /** The Pixel code, TikTok App ID or event set ID. */
  eventSourceId: string;
  event: TikTokEvent;
  /** Only from the tag UI, never from event data (a browser must not be able to divert live events). */
  testEventCode?: string;
  /** Default DEFAULT_PARTNER_NAME; '' omits it. */
  partnerName?: string;
}

/** The full /event/track/ body: one event per request (as TikTok's own integrations do). */
export function buildEventsApiBody(parts: BodyParts): EventsApiBody {
  const body: EventsApiBody = {
    event_source: parts.eventSource !== undefined ? parts.eventSource : 'web', event_source_id: parts.eventSourceId, data: [parts.event],
  };
  const partner = parts.partnerName === undefined ? DEFAULT_PARTNER_NAME : parts.partnerName.trim();
  if (partner.length > 0) body.partner_name = partner;
  const code = parts.testEventCode !== undefined ? parts.testEventCode.trim() : '';
  if (code.length > 0) body.test_event_code = code;
  return body;
}

/**
 * An ID field (pixel code, TikTok App ID, event set ID) by the rule the Pixel tag reads its pixel
 * codes with (src/core/pixel-id.ts): trimmed, upper-cased, 10-40 letters/digits, so a pixel's
 * `event_source_id` is the code the browser's copy carries (event set IDs are 19 digits and app
 * IDs digits too: upper-casing leaves them as they are). Else undefined.
 */
export function normalizePixelId(value: unknown, tk: CoreToolkit): string | undefined {
  const text = toText(value, tk);
  return text !== undefined ? pixelIdFromText(text) : undefined;
}

/** Limited Data Use from a tag checkbox or the event's flag (true/'true'/1 -> true). */
export function resolveLimitedDataUse(checkbox: unknown, eventFlag: unknown): boolean {
  if (checkbox === true || checkbox === 'true') return true;
  return eventFlag === true || eventFlag === 'true' || eventFlag === 1 || eventFlag === '1';
}

/** Is this an object (for callers that receive untyped event data). */
export function asEventData(value: unknown, tk: CoreToolkit): PlainObject {
  return isPlainObject(value, tk) ? value : {};
}
