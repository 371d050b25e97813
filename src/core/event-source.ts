// Event sources of the Events API (docs/contracts/tiktok-events-api.md#event-sources): `web` (a
// website, the Pixel's events), `app` (a mobile app), `offline` (a shop, a phone order) and `crm` (the
// later stages of a TikTok lead in the advertiser's CRM). One endpoint takes all four: `event_source`
// says which, `event_source_id` names the pixel, app or event set, and each source allows its own
// fields (the contract's table "Fields of one event, by source"). Server only: the Pixel tag is web.
//
// Where TikTok's reference and integrations disagree (names and address keys, external_id,
// limited_data_use outside web), the contract's "Where sources disagree" table says what we follow.

import { IncomingEvent } from './event-model';
import { EventNameOverride, PAGEVIEW_EVENT, isTikTokStandardEvent } from './event-names';
import { CoreToolkit, isSha256Hex, toText } from './toolkit';

export type EventSource = 'web' | 'app' | 'offline' | 'crm';
export const EVENT_SOURCES: EventSource[] = ['web', 'app', 'offline', 'crm'];

/** The source a tag field names; anything else is web (the default). */
export function normalizeEventSource(value: unknown): EventSource {
  return value === 'app' || value === 'offline' || value === 'crm' ? value : 'web';
}

/**
 * The `user` keys each source allows. Names and address keys (first_name ... country) for web only:
 * TikTok's reference lists them for no source, and we send them where its Pixel takes them.
 */
export const USER_KEYS_BY_SOURCE: { [source: string]: string[] } = {
  web: ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code', 'city', 'state', 'country', 'ttp', 'ttclid', 'ip', 'user_agent', 'locale'],
  app: ['email', 'phone', 'ip', 'user_agent', 'locale', 'idfa', 'idfv', 'gaid', 'att_status'],
  offline: ['email', 'phone'],
  crm: ['email', 'phone', 'external_id'],
};

/** Sources whose events carry `limited_data_use` (web and app only, as TikTok's reference says). */
export function sourceTakesLimitedDataUse(source: EventSource): boolean {
  return source === 'web' || source === 'app';
}

/** TikTok's app standard events (docs/contracts/tiktok-events-api.md#event-names-by-source). */
export const TIKTOK_APP_EVENTS: string[] = [
  'AchieveLevel', 'Checkout', 'CompleteTutorial', 'CreateGroup', 'CreateRole', 'GenerateLead', 'InAppADClick', 'InAppADImpr',
  'InstallApp', 'JoinGroup', 'LaunchAPP', 'LoanApplication', 'LoanApproval', 'LoanDisbursal', 'Login', 'Rate', 'Registration',
  'SpendCredits', 'UnlockAchievement',
];

/**
 * GA4 app events with a TikTok app event (GA4's recommended and automatically collected events:
 * https://developers.google.com/analytics/devguides/collection/ga4/reference/events and
 * https://support.google.com/analytics/answer/9234069). Checked before the web map for app events;
 * the web names TikTok's app destination also offers (Purchase, AddToCart, ViewContent...) stay.
 */
export const GA4_TO_TIKTOK_APP: { [ga4Name: string]: string } = {
  first_open: 'InstallApp',
  login: 'Login',
  sign_up: 'Registration',
  begin_checkout: 'Checkout',
  generate_lead: 'GenerateLead',
  level_up: 'AchieveLevel',
  tutorial_complete: 'CompleteTutorial',
  unlock_achievement: 'UnlockAchievement',
  spend_virtual_currency: 'SpendCredits',
  join_group: 'JoinGroup',
};

/** Override rows the source adds after the user's own (app: GA4_TO_TIKTOK_APP; others: none). */
export function sourceNameOverrides(source: EventSource): EventNameOverride[] {
  if (source !== 'app') return [];
  const rows: EventNameOverride[] = [];
  for (const name in GA4_TO_TIKTOK_APP) {
    if (GA4_TO_TIKTOK_APP.hasOwnProperty(name)) rows.push({ from: name, to: GA4_TO_TIKTOK_APP[name] });
  }
  return rows;
}

/** Why a TikTok event name is not sent for this source; undefined when it is. */
export function eventNameProblem(name: string, source: EventSource): string | undefined {
  if (source === 'web') return undefined;
  if (name === PAGEVIEW_EVENT) return 'Pageview is a web event: not sent as an ' + source + ' event';
  if (source === 'offline' && !isTikTokStandardEvent(name)) return 'offline events take standard event names only, and "' + name + '" is not one';
  return undefined;
}

export interface TikTokApp {
  app_id: string;
  app_name?: string;
  app_version?: string;
}

export interface TikTokLead {
  lead_id: string;
  lead_event_source?: string;
}

/** Device ids and the App Tracking Transparency status of an app event (they go in `user`). */
export interface DeviceIds {
  idfa?: string;
  idfv?: string;
  gaid?: string;
  att_status?: string;
}

export const ATT_STATUSES = ['AUTHORIZED', 'DENIED', 'NOT_DETERMINED', 'RESTRICTED', 'NOT_APPLICABLE'];

/** A tag's source settings (fields win over event data). */
export interface SourceSettings {
  source: EventSource;
  /** app.app_id: the App Store number (iOS) or the package name (Android). */
  appId?: unknown;
  leadId?: unknown;
  leadEventSource?: unknown;
}

export interface SourceParts {
  source: EventSource;
  app?: TikTokApp;
  lead?: TikTokLead;
  /** App events only; advertising and vendor ids only when consent allows them (see planEventSource). */
  deviceIds: DeviceIds;
  /** The store of an offline event, for `properties.shop_id`. */
  shopId?: string;
  /** What the source requires and the event lacks: the event is not sent (a configuration or data error). */
  missing?: string;
  /** Notes for logs (no ids, no personal data). */
  warnings: string[];
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';
const UUID_DASHES = [8, 13, 18, 23];
const HEX_DIGITS = '0123456789abcdefABCDEF';

/** A UUID (8-4-4-4-12 hex digits), the shape of IDFA, IDFV and GAID. */
function isUuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const ch = text.charAt(i);
    if (UUID_DASHES.indexOf(i) !== -1) {
      if (ch !== '-') return false;
    } else if (HEX_DIGITS.indexOf(ch) === -1) {
      return false;
    }
  }
  return true;
}

export type DeviceIdCase = 'upper' | 'lower' | 'as_is';

/**
 * A device id as TikTok takes it: a trimmed UUID (IDFA upper-case, GAID lower-case, IDFV as
 * received) or a SHA-256 of one (lower-case hex). The all-zero id (no tracking permission, limited
 * ad tracking) identifies nobody and is left out; anything else is not a device id.
 */
export function normalizeDeviceId(value: unknown, idCase: DeviceIdCase, tk: CoreToolkit): { value?: string; zero: boolean } {
  const text = toText(value, tk);
  if (text === undefined) return { zero: false };
  if (isSha256Hex(text)) return { value: text.toLowerCase(), zero: false };
  if (!isUuid(text)) return { zero: false };
  if (text === ZERO_ID) return { zero: true };
  return { value: idCase === 'upper' ? text.toUpperCase() : idCase === 'lower' ? text.toLowerCase() : text, zero: false };
}

function allDigits(text: string): boolean {
  return text.match('^\\d+$') !== null;
}

function platformOf(event: IncomingEvent, tk: CoreToolkit): string {
  const text = toText(event.app.platform, tk);
  return text !== undefined ? text.toLowerCase() : '';
}

/** app{app_id, app_name, app_version}: fields first, then the event's keys. */
function planApp(event: IncomingEvent, settings: SourceSettings, parts: SourceParts, tk: CoreToolkit): void {
  let appId = toText(settings.appId, tk);
  if (appId === undefined) {
    const fromEvent = toText(event.app.appId, tk);
    // On iOS TikTok wants the App Store number; the app's own app_id key holds its bundle ID there.
    if (fromEvent !== undefined && platformOf(event, tk) === 'ios' && !allDigits(fromEvent)) {
      parts.warnings.push('app_id of the event is not an App Store number (iOS): set the App ID field');
    } else {
      appId = fromEvent;
    }
  }
  if (appId === undefined) {
    parts.missing = 'app events need app.app_id (the App Store number on iOS, the package name on Android): set the App ID field or send app_id';
    return;
  }
  const app: TikTokApp = { app_id: appId };
  const name = toText(event.app.appName, tk);
  if (name !== undefined) app.app_name = name;
  const version = toText(event.app.appVersion, tk);
  if (version !== undefined) app.app_version = version;
  parts.app = app;
}

/**
 * Device ids (only when `allowIds`) and att_status. att_status: the event's own value when it is one
 * of TikTok's; else NOT_APPLICABLE on Android and AUTHORIZED for an iOS advertising id that is not
 * all zeros (iOS 14.5+ gives one only after the user authorised tracking); else none.
 */
function planDeviceIds(event: IncomingEvent, allowIds: boolean, parts: SourceParts, tk: CoreToolkit): void {
  const idfa = normalizeDeviceId(event.app.idfa, 'upper', tk);
  const idfv = normalizeDeviceId(event.app.idfv, 'as_is', tk);
  const gaid = normalizeDeviceId(event.app.gaid, 'lower', tk);
  if (idfa.zero || gaid.zero) parts.warnings.push('all-zero advertising id left out (no tracking permission)');
  const ids = parts.deviceIds;
  if (allowIds) {
    if (idfa.value !== undefined) ids.idfa = idfa.value;
    if (idfv.value !== undefined) ids.idfv = idfv.value;
    if (gaid.value !== undefined) ids.gaid = gaid.value;
  }
  const given = toText(event.app.attStatus, tk);
  const status = given !== undefined ? given.toUpperCase() : '';
  const platform = platformOf(event, tk);
  if (ATT_STATUSES.indexOf(status) !== -1) ids.att_status = status;
  else if (platform === 'android' || (platform !== 'ios' && gaid.value !== undefined)) ids.att_status = 'NOT_APPLICABLE';
  else if (idfa.value !== undefined) ids.att_status = 'AUTHORIZED';
}

/** lead{lead_id, lead_event_source}: fields first, then the event's keys. */
function planLead(event: IncomingEvent, settings: SourceSettings, parts: SourceParts, tk: CoreToolkit): void {
  const leadId = toText(settings.leadId, tk) || toText(event.lead.leadId, tk);
  if (leadId === undefined) {
    parts.missing = 'CRM events need lead.lead_id (the ID of the TikTok lead): set the Lead ID field or send lead_id';
    return;
  }
  const lead: TikTokLead = { lead_id: leadId };
  const crm = toText(settings.leadEventSource, tk) || toText(event.lead.leadEventSource, tk);
  if (crm !== undefined) lead.lead_event_source = crm;
  parts.lead = lead;
}

/**
 * What the source adds to one event, and what it lacks. `allowDeviceIds`: advertising and vendor ids
 * identify a device like a cookie and a person like a match key, so they need both ad_storage and
 * ad_user_data (the consent decision's readCookies and sendPersonalData).
 */
export function planEventSource(event: IncomingEvent, settings: SourceSettings, allowDeviceIds: boolean, tk: CoreToolkit): SourceParts {
  const parts: SourceParts = { source: settings.source, deviceIds: {}, warnings: [] };
  if (settings.source === 'app') {
    planApp(event, settings, parts, tk);
    planDeviceIds(event, allowDeviceIds, parts, tk);
  } else if (settings.source === 'crm') {
    planLead(event, settings, parts, tk);
  }
  const shopId = toText(event.commerce.shopId, tk);
  if (shopId !== undefined && settings.source === 'offline') parts.shopId = shopId;
  return parts;
}

/** The `user` object limited to the keys the source allows. */
export function userForSource(user: { [key: string]: unknown }, source: EventSource): { [key: string]: unknown } {
  const allowed = USER_KEYS_BY_SOURCE[source];
  const out: { [key: string]: unknown } = {};
  for (const key in user) {
    if (user.hasOwnProperty(key) && allowed.indexOf(key) !== -1 && user[key] !== undefined) out[key] = user[key];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Destinations: one request per ID (docs/contracts/tiktok-events-api.md#several-pixels-or-event-sources-in-one-tag).
// `event_source_id` is one string for the whole request, so a tag that reports to two pixels (or
// event sets) sends two requests with the same event; TikTok deduplicates per ID on (ID, event,
// event_id), so the same event_id is one event per ID. Tokens are issued per pixel or event set.

export interface Destination {
  /** The Pixel code, TikTok App ID or event set ID (already validated). */
  id: string;
  /** The access token for this ID (its own, else the tag's); undefined when the one given is unusable. */
  token?: string;
}

export interface DestinationRow {
  id: unknown;
  token: unknown;
}

export interface DestinationPlan {
  destinations: Destination[];
  /** Log lines for rows left out (never a token). */
  notes: string[];
}

/** An access token: text without spaces (the header value). */
export function normalizeAccessToken(value: unknown, tk: CoreToolkit): string | undefined {
  const token = toText(value, tk);
  return token !== undefined && token.indexOf(' ') === -1 ? token : undefined;
}

/**
 * The first destination is the tag's own ID and token; each row adds one (invalid IDs and repeated
 * IDs left out with a note). A row's empty token cell means the tag's token; a token cell that is
 * given but unusable leaves that destination without a token: it then fails on its own.
 */
export function resolveDestinations(
  primary: Destination, rows: DestinationRow[], idIsValid: (value: unknown) => string | undefined, tk: CoreToolkit,
): DestinationPlan {
  const plan: DestinationPlan = { destinations: [primary], notes: [] };
  const seen = [primary.id];
  rows.forEach((row, index) => {
    const id = idIsValid(row.id);
    const where = 'more pixels, row ' + (index + 1);
    if (id === undefined) {
      if (toText(row.id, tk) !== undefined) plan.notes.push(where + ': not a valid ID (10-40 letters and digits): left out');
      return;
    }
    if (seen.indexOf(id) !== -1) {
      plan.notes.push(where + ': ' + id + ' is already a destination of this tag: left out');
      return;
    }
    seen.push(id);
    const given = toText(row.token, tk);
    plan.destinations.push({ id: id, token: given === undefined ? primary.token : normalizeAccessToken(given, tk) });
  });
  return plan;
}
