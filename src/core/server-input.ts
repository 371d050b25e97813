// Server input adapters: sGTM event data, in every shape the server templates accept, read once
// into the event model (event-model.ts). Each adapter fills only what is still missing, in order:
// the first shape that has a value wins. Adding a shape is one adapter here plus its tests
// (test/core/server-input.test.ts). Facts about the keys: docs/contracts/ga4-event-data.md.
//
//   ga4Client           GA4 client event data: event_name, items/value/currency/transaction_id,
//                       user_data, page_location, consent keys, client_hints, client_id...
//   nestedEcommerce     other clients (Data Client, custom clients) nest the order in `ecommerce`
//   measurementProtocol parameters the GA4 client files under `x-ga-mp2-<name>` (protocol-level
//                       parameters it has no named key for) and a Universal Analytics MP value
//                       (`x-ga-mp1-ev`, `x-ga-mp1-tr`, as published server templates read them)
//   topLevelUserKeys    email, phone, first_name, last_name, city, state, zip, country and the
//                       spellings other templates send (email_address, postal_code, zip_code,
//                       region, firstName, lastName: Stape's TikTok tag reads these)
//   measurementProtocolUserKeys
//                       the same customer keys sent as bare hit parameters (`x-ga-mp2-email`...),
//                       after every other shape
//   tikTokKeys          TikTok's own templates' keys: tt_contents, tt_content_type, tt_external_id
//   appKeys             app and device ids (app_id, app_name, app_version, idfa, idfv, gaid,
//                       att_status) as server templates read them from top-level keys
//   ga4AppStream        what sGTM's GA4 (App) client gives app events: x-ga-platform, the
//                       advertising id x-ga-resettable_device_id (IDFA on iOS, GAID on Android), the
//                       vendor id x-ga-vendor_device_id (docs/contracts/ga4-event-data.md#app-streams)
//   leadKeys            the TikTok lead of a CRM event: lead_id, lead_event_source, or a `lead` object
//   storeKeys           the store of an offline event: shop_id
//   requestPage         the request's Referer as page URL when no key gave one (options)

import { consentSignalsFromEventData } from './consent';
import { readItemList } from './contents';
import { IncomingEvent, emptyEvent } from './event-model';
import { commerceFrom, hasCommerce, matchKeysFromUserData } from './ga4-input';
import { TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, TTP_SEED_EVENT_KEYS, eventDataValues } from './identity';
import { CoreToolkit, PlainObject, getPath, isPlainObject, toText } from './toolkit';

/** Default event-data key carrying the event ID (the GA4 tag's `event_id` parameter). */
export const DEFAULT_EVENT_ID_KEY = 'event_id';
/** Default event-data key switching on Limited Data Use for one event. */
export const DEFAULT_LIMITED_DATA_USE_KEY = 'limited_data_use';
/** Event-data keys of the page URL and its referrer. */
export const PAGE_LOCATION_KEY = 'page_location';
export const PAGE_REFERRER_KEY = 'page_referrer';
export const PAGE_EVENT_KEYS = [PAGE_LOCATION_KEY, PAGE_REFERRER_KEY];
/** Event-data keys checked for the event's own time, in order (any unit: s, ms or µs). */
export const EVENT_TIME_KEYS = ['event_time', 'timestamp_micros'];
/** The prefix the GA4 client gives protocol-level parameters it has no named key for. */
export const MP2_PREFIX = 'x-ga-mp2-';
/** Universal Analytics Measurement Protocol values: event value, transaction revenue. */
export const MP1_VALUE_KEYS = ['x-ga-mp1-ev', 'x-ga-mp1-tr'];

/** Top-level customer keys and the match key each one gives (topLevelUserKeys). */
export const TOP_LEVEL_USER_KEYS: { key: string; matchKey: 'email' | 'first_name' | 'last_name' | 'zip_code' | 'city' | 'state' | 'country' }[] = [
  { key: 'email_address', matchKey: 'email' },
  { key: 'first_name', matchKey: 'first_name' }, { key: 'firstName', matchKey: 'first_name' },
  { key: 'last_name', matchKey: 'last_name' }, { key: 'lastName', matchKey: 'last_name' },
  { key: 'zip', matchKey: 'zip_code' }, { key: 'zip_code', matchKey: 'zip_code' }, { key: 'postal_code', matchKey: 'zip_code' },
  { key: 'city', matchKey: 'city' },
  { key: 'state', matchKey: 'state' }, { key: 'region', matchKey: 'state' },
  { key: 'country', matchKey: 'country' },
];

/**
 * Customer keys read again as bare hit parameters (`x-ga-mp2-<key>`, written out: a key made by
 * joining strings on every read is a new string to look up each time), and the match key of each.
 */
export const MP2_USER_KEYS: { key: string; matchKey: 'email' | 'phone' | 'external_id' | 'first_name' | 'last_name' | 'zip_code' | 'city' | 'state' | 'country' }[] = [
  { key: 'x-ga-mp2-email', matchKey: 'email' }, { key: 'x-ga-mp2-phone', matchKey: 'phone' }, { key: 'x-ga-mp2-phone_number', matchKey: 'phone' },
  { key: 'x-ga-mp2-external_id', matchKey: 'external_id' }, { key: 'x-ga-mp2-first_name', matchKey: 'first_name' }, { key: 'x-ga-mp2-last_name', matchKey: 'last_name' },
  { key: 'x-ga-mp2-zip', matchKey: 'zip_code' }, { key: 'x-ga-mp2-postal_code', matchKey: 'zip_code' }, { key: 'x-ga-mp2-city', matchKey: 'city' },
  { key: 'x-ga-mp2-state', matchKey: 'state' }, { key: 'x-ga-mp2-region', matchKey: 'state' }, { key: 'x-ga-mp2-country', matchKey: 'country' },
];

/** Every top-level key the user part reads (the User Data variable's permission). */
// Pure: a template that does not use the list does not build it on every run.
export const USER_EVENT_KEYS = /* @__PURE__ */ [
  'user_data', 'email', 'phone', 'phone_number', 'external_id', 'tt_external_id', 'user_id',
  'ip_override', 'ip_address', 'ip', 'user_agent', 'language',
].concat(/* @__PURE__ */ TOP_LEVEL_USER_KEYS.map((entry) => entry.key), /* @__PURE__ */ MP2_USER_KEYS.map((entry) => entry.key));

/** sGTM's GA4 (App) client keys (docs/contracts/ga4-event-data.md#app-streams). */
export const APP_PLATFORM_KEY = 'x-ga-platform';
export const APP_ADVERTISING_ID_KEY = 'x-ga-resettable_device_id';
export const APP_VENDOR_ID_KEY = 'x-ga-vendor_device_id';

export interface ServerInputOptions {
  /** Event-data key (dot path) of the event ID; default DEFAULT_EVENT_ID_KEY. */
  eventIdKey?: string;
  /** Event-data key (dot path) of the Limited Data Use flag; default DEFAULT_LIMITED_DATA_USE_KEY. */
  limitedDataUseKey?: string;
  /**
   * The page URL when the event data has none: the template passes the incoming request's Referer
   * header (a browser's hit to the server container names the page it came from, often only the
   * site's address under the browser's default referrer policy). A function is called only then
   * (the header read is a sandbox API call, and most events have a page URL).
   */
  pageUrlFallback?: unknown;
}

type Adapter = (data: PlainObject, event: IncomingEvent, options: ServerInputOptions, tk: CoreToolkit) => void;

function keyOr(key: string | undefined, fallback: string): string {
  const text = key !== undefined ? key.trim() : '';
  return text.length > 0 ? text : fallback;
}

function ga4Client(data: PlainObject, event: IncomingEvent, options: ServerInputOptions, tk: CoreToolkit): void {
  event.name = data.event_name;
  commerceFrom(data, event.commerce, tk);
  if (data.contents !== undefined) event.commerce.contents = [data.contents];
  event.commerce.contentType.push(data.content_type);
  event.commerce.searchTerm.push(data.search_term, data.search_string, data.query);
  event.commerce.description = data.description;
  event.eventIdCandidates.push(getPath(data, keyOr(options.eventIdKey, DEFAULT_EVENT_ID_KEY), tk));
  event.user.userData = matchKeysFromUserData(data.user_data, tk);
  event.user.eventKeys.email.push(data.email);
  event.user.eventKeys.phone.push(data.phone, data.phone_number);
  event.user.eventKeys.external_id.push(data.external_id);
  event.user.userId = data.user_id;
  event.user.ip.push(data.ip_override, data.ip_address, data.ip);
  event.user.userAgent.push(data.user_agent);
  event.user.language.push(data.language);
  event.consent = consentSignalsFromEventData(data, tk);
  event.page = { url: data[PAGE_LOCATION_KEY], referrer: data[PAGE_REFERRER_KEY] };
  event.identifiers.ttclid = eventDataValues(data, TTCLID_EVENT_KEYS, tk);
  event.identifiers.ttp = eventDataValues(data, TTP_EVENT_KEYS, tk);
  event.identifiers.gaClientId = eventDataValues(data, TTP_SEED_EVENT_KEYS, tk);
  event.eventTime = eventDataValues(data, EVENT_TIME_KEYS, tk);
  event.clientHints = data.client_hints;
  event.limitedDataUse = getPath(data, keyOr(options.limitedDataUseKey, DEFAULT_LIMITED_DATA_USE_KEY), tk);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * A client's nested `ecommerce` object fills what the event itself lacks. Its `value` is the order
 * total: it wins over the sum of the items (the mapping sums items only without a value).
 */
function nestedEcommerce(data: PlainObject, event: IncomingEvent, _options: ServerInputOptions, tk: CoreToolkit): void {
  const nested = data.ecommerce;
  if (!hasCommerce(nested, tk)) return;
  const ecommerce = nested as PlainObject;
  const commerce = event.commerce;
  if (readItemList(commerce.items, tk).length === 0 && readItemList(ecommerce.items, tk).length > 0) commerce.items = ecommerce.items;
  if (isMissing(commerce.value)) commerce.value = ecommerce.value;
  if (isMissing(commerce.currency)) commerce.currency = ecommerce.currency;
  if (isMissing(commerce.transactionId)) commerce.transactionId = ecommerce.transaction_id;
}

/** `x-ga-mp2-<name>` for what no other shape gave; a UA Measurement Protocol value last. */
function measurementProtocol(data: PlainObject, event: IncomingEvent, options: ServerInputOptions, tk: CoreToolkit): void {
  const prefixed: PlainObject = {
    items: data['x-ga-mp2-items'], value: data['x-ga-mp2-value'], currency: data['x-ga-mp2-currency'], transaction_id: data['x-ga-mp2-transaction_id'],
  };
  const commerce = event.commerce;
  if (readItemList(commerce.items, tk).length === 0 && isMissing(commerce.value) && isMissing(commerce.currency) && isMissing(commerce.transactionId)) {
    commerceFrom(prefixed, commerce, tk);
  }
  if (isMissing(commerce.value)) {
    const mp1 = eventDataValues(data, MP1_VALUE_KEYS, tk).filter((v) => v !== undefined);
    if (mp1.length > 0) commerce.value = mp1[0];
  }
  if (keyOr(options.eventIdKey, DEFAULT_EVENT_ID_KEY) === DEFAULT_EVENT_ID_KEY) event.eventIdCandidates.push(data['x-ga-mp2-event_id']);
}

/** Flat customer keys other templates and clients send at the top level of the event. */
function topLevelUserKeys(data: PlainObject, event: IncomingEvent): void {
  const keys = event.user.eventKeys;
  TOP_LEVEL_USER_KEYS.forEach((entry) => keys[entry.matchKey].push(data[entry.key]));
}

/**
 * A hit parameter sent without the `ep.` prefix reaches event data as `x-ga-mp2-<name>`
 * (docs/contracts/ga4-event-data.md): customer keys sent that way, after every other shape.
 */
function measurementProtocolUserKeys(data: PlainObject, event: IncomingEvent): void {
  const keys = event.user.eventKeys;
  MP2_USER_KEYS.forEach((entry) => keys[entry.matchKey].push(data[entry.key]));
}

/** The data-layer / event keys of TikTok's official templates, for sites migrating from them. */
function tikTokKeys(data: PlainObject, event: IncomingEvent): void {
  if (data.tt_contents !== undefined) {
    event.commerce.contents = (event.commerce.contents || []).concat([data.tt_contents]);
  }
  event.commerce.contentType.push(data.tt_content_type);
  event.user.eventKeys.external_id.push(data.tt_external_id);
}

function appKeys(data: PlainObject, event: IncomingEvent): void {
  event.app = {
    appId: data.app_id, appName: data.app_name, appVersion: data.app_version,
    idfa: data.idfa, idfv: data.idfv, gaid: data.gaid, attStatus: data.att_status,
  };
}

/**
 * sGTM's GA4 (App) client: the platform, and the advertising id under one key whose meaning
 * depends on it (IDFA on iOS, Google advertising id on Android); the vendor id is the IDFV (iOS).
 * Used for what top-level keys did not give.
 */
function ga4AppStream(data: PlainObject, event: IncomingEvent, _options: ServerInputOptions, tk: CoreToolkit): void {
  const app = event.app;
  app.platform = data[APP_PLATFORM_KEY];
  const platformText = toText(app.platform, tk);
  const platform = platformText !== undefined ? platformText.toLowerCase() : '';
  const advertisingId = data[APP_ADVERTISING_ID_KEY];
  if (platform === 'ios') {
    if (isMissing(app.idfa)) app.idfa = advertisingId;
    if (isMissing(app.idfv)) app.idfv = data[APP_VENDOR_ID_KEY];
  } else if (platform === 'android') {
    if (isMissing(app.gaid)) app.gaid = advertisingId;
  }
}

/** A CRM stage is reported for a TikTok lead: `lead_id` / `lead_event_source`, or a `lead` object. */
function leadKeys(data: PlainObject, event: IncomingEvent, _options: ServerInputOptions, tk: CoreToolkit): void {
  const nested: PlainObject = isPlainObject(data.lead, tk) ? data.lead : {};
  event.lead = {
    leadId: isMissing(data.lead_id) ? nested.lead_id : data.lead_id,
    leadEventSource: isMissing(data.lead_event_source) ? nested.lead_event_source : data.lead_event_source,
  };
}

/** The store of an offline purchase (TikTok's property name, as integrations send it). */
function storeKeys(data: PlainObject, event: IncomingEvent): void {
  event.commerce.shopId = data.shop_id;
}

/** The request's page (its Referer) when no event key named one: TikTok requires page.url for web events. */
function requestPage(_data: PlainObject, event: IncomingEvent, options: ServerInputOptions): void {
  if (!isMissing(event.page.url)) return;
  const fallback = typeof options.pageUrlFallback === 'function' ? (options.pageUrlFallback as () => unknown)() : options.pageUrlFallback;
  if (!isMissing(fallback)) event.page.url = fallback;
}

/** The adapters, in priority order. */
export const SERVER_ADAPTERS: Adapter[] = [
  ga4Client, nestedEcommerce, measurementProtocol, topLevelUserKeys, measurementProtocolUserKeys, tikTokKeys, appKeys, ga4AppStream,
  leadKeys, storeKeys, requestPage,
];

/** sGTM event data (getAllEventData, or the keys a template read) -> the event model. Never throws. */
export function eventFromServerData(eventData: unknown, options: ServerInputOptions, tk: CoreToolkit): IncomingEvent {
  const event = emptyEvent();
  const data: PlainObject = isPlainObject(eventData, tk) ? eventData : {};
  SERVER_ADAPTERS.forEach((adapter) => adapter(data, event, options, tk));
  return event;
}
