// TikTok Pixel web tag. The mapping (event name, event_id, contents/value/currency, user-data
// normalization) is src/core's, the same code the TikTok Events API server tag compiles in; this
// file only does the browser effects: the ttq queue stub, loading events.js once per pixel, consent
// calls, hashing (async web sha256) and the ttq.identify / ttq.page / ttq.track calls.

import addConsentListener from 'addConsentListener';
import callInWindow from 'callInWindow';
import copyFromDataLayer from 'copyFromDataLayer';
import copyFromWindow from 'copyFromWindow';
import createQueue from 'createQueue';
import encodeUriComponent from 'encodeUriComponent';
import getTimestampMillis from 'getTimestampMillis';
import getType from 'getType';
import getUrl from 'getUrl';
import injectScript from 'injectScript';
import isConsentGranted from 'isConsentGranted';
import logToConsole from 'logToConsole';
import makeString from 'makeString';
import Object from 'Object';
import setInWindow from 'setInWindow';
import sha256 from 'sha256';
import templateStorage from 'templateStorage';

import { Conversion, mapConversion } from '../../core/conversion';
import { PAGEVIEW_EVENT, isPageviewEvent } from '../../core/event-names';
import { PlainObject, isPlainObject, isSha256Hex, toBoolean, toText } from '../../core/toolkit';
import { buildTikTokUser, valuesToHash } from '../../core/user-data';
import { eventFromDataLayer } from '../../core/web-input';
import { hashAllAsync, lookupFunction } from '../../core/web-hashing';
import { readWebConsentMode } from '../../template-kit/consent.read';
import { readEventIdSettings } from '../../template-kit/event-id.read';
import { applySharedSettings } from '../../template-kit/shared-settings.read';
import { readEventNameConfig } from '../../template-kit/event-name.read';
import { readContentType, readExtraProperties } from '../../template-kit/properties.read';
import { tk } from '../../template-kit/sandbox/toolkit';
import { PIXEL_METHODS, PIXEL_SCRIPT_BASE, parsePixelIds, pixelScriptUrl, scriptCacheToken } from './base-code';

// templateStorage keys (page lifetime, shared by every tag built from this template).
const STUB_KEY = 'ttqStubInstalled';
const INJECTED_PREFIX = 'injected:';
const CONSENT_LISTENER_KEY = 'consentListener';
const CONSENT_STATE_KEY = 'consentState';
const PAGEVIEW_KEY = 'pageview';
const LIBRARY_LOADED_KEY = 'libraryLoaded';
const IDENTIFY_KEY = 'identify';

function log(message: string): void {
  if (data.debugLogging !== false) logToConsole('[TikTok Pixel] ' + message);
}

// The tag's fields with the Settings variable merged in (its own fields win where set).
const settings = applySharedSettings(data, tk);
const fields = settings.fields;
const consentMode = readWebConsentMode(fields);

// ---------------------------------------------------------------------------------------------
// The ttq queue: what TikTok's base code sets up, rebuilt with sandbox APIs.

function argumentsList(args: IArguments): unknown[] {
  const list: unknown[] = [];
  for (let i = 0; i < args.length; i++) list.push(args[i]);
  return list;
}

/** A stub method: queues [method, ...arguments] on window.ttq, as the base code's setAndDefer does. */
function deferred(push: (item: unknown) => void, method: string): () => void {
  return function () {
    push(([method] as unknown[]).concat(argumentsList(arguments)));
  };
}

/** Window copies of ttq._i/_t/_o (plain objects until events.js takes over). */
function windowMap(key: string): PlainObject {
  const value = copyFromWindow(key);
  return isPlainObject(value, tk) ? value : {};
}

/** ttq.instance(id): per-pixel queue ttq._i[id]; its methods queue calls for that pixel only. */
function instanceStub(pixelId: unknown): PlainObject {
  const id = makeString(pixelId);
  const instance: PlainObject = {};
  PIXEL_METHODS.forEach((method) => {
    instance[method] = function () {
      const queues = windowMap('ttq._i');
      const queue: unknown[] = getType(queues[id]) === 'array' ? (queues[id] as unknown[]) : [];
      queue.push(([method] as unknown[]).concat(argumentsList(arguments)));
      queues[id] = queue;
      setInWindow('ttq._i', queues, true);
    };
  });
  return instance;
}

/**
 * ttq.load(id, options): records ttq._i[id], ttq._t[id], ttq._o[id] like the base code and injects
 * events.js for that pixel. The cache token makes GTM create one <script> per pixel ID.
 */
function loadStub(pixelId: unknown, options: unknown): void {
  const id = makeString(pixelId);
  // Unlike the base code, a second ttq.load of the same pixel (another snippet) changes nothing.
  if (templateStorage.getItem(INJECTED_PREFIX + id) === true) return;
  const queues = windowMap('ttq._i');
  const queue: unknown[] = [];
  (queue as unknown as PlainObject)._u = PIXEL_SCRIPT_BASE;
  queues[id] = queue;
  setInWindow('ttq._i', queues, true);
  const times = windowMap('ttq._t');
  times[id] = getTimestampMillis();
  setInWindow('ttq._t', times, true);
  const loadOptions = windowMap('ttq._o');
  loadOptions[id] = isPlainObject(options, tk) ? options : {};
  setInWindow('ttq._o', loadOptions, true);
  templateStorage.setItem(INJECTED_PREFIX + id, true);
  injectScript(pixelScriptUrl(id, encodeUriComponent), () => undefined, () => undefined, scriptCacheToken(id));
}

/** Creates window.ttq with its stub methods unless the page already has one (base code, events.js, or us). */
function ensureQueue(): void {
  if (copyFromWindow('ttq') !== undefined) return;
  setInWindow('TiktokAnalyticsObject', 'ttq', true);
  const push = createQueue('ttq');
  setInWindow('ttq.methods', PIXEL_METHODS, true);
  PIXEL_METHODS.forEach((method) => setInWindow('ttq.' + method, deferred(push, method), true));
  setInWindow('ttq.instance', instanceStub, true);
  setInWindow('ttq.load', loadStub, true);
  templateStorage.setItem(STUB_KEY, true);
  log('ttq queue created');
}

// ---------------------------------------------------------------------------------------------
// Loading: once per pixel ID per page; the tag succeeds when every script it waits for loaded.

interface Completion {
  pending: number;
  failed: boolean;
  done: boolean;
}

const completion: Completion = { pending: 1, failed: false, done: false };

function settle(ok: boolean): void {
  if (!ok) completion.failed = true;
  completion.pending--;
  if (completion.pending > 0 || completion.done) return;
  completion.done = true;
  if (completion.failed) data.gtmOnFailure();
  else data.gtmOnSuccess();
}

function waitForScript(id: string): void {
  completion.pending++;
  injectScript(
    pixelScriptUrl(id, encodeUriComponent),
    () => {
      templateStorage.setItem(LIBRARY_LOADED_KEY, true);
      settle(true);
    },
    () => {
      log('pixel ' + id + ': events.js failed to load (blocked or offline)');
      settle(false);
    },
    scriptCacheToken(id),
  );
}

function loadOptions(): PlainObject {
  const options: PlainObject = {};
  if (fields.limitedDataUse === 'pixel') options.limited_data_use = true;
  if (data.disableHistoryObserver === true) options.historyObserver = false;
  return options;
}

/**
 * Once per pixel ID per page. While the queue is our stub and no events.js has loaded yet, this run
 * does what the stub's ttq.load does (same function; calling it directly keeps the script callbacks
 * in this run). Once TikTok's library owns window.ttq, a new pixel goes through its ttq.load, as it
 * does when the page's own base code created the queue.
 */
function ensureLoaded(id: string): void {
  if (templateStorage.getItem(INJECTED_PREFIX + id) === true) {
    // Loaded (or loading) by this template: the cached injectScript reports the outcome.
    waitForScript(id);
    return;
  }
  const ourQueue = templateStorage.getItem(STUB_KEY) === true;
  if (ourQueue && templateStorage.getItem(LIBRARY_LOADED_KEY) !== true) {
    loadStub(id, loadOptions());
    log('pixel ' + id + ' loading');
    waitForScript(id);
    return;
  }
  if (!ourQueue && windowMap('ttq._i').hasOwnProperty(id)) {
    log('pixel ' + id + ' already loaded by another snippet on the page');
    return;
  }
  callInWindow('ttq.load', id, loadOptions());
  log('pixel ' + id + ' handed to the page\'s ttq.load');
}

// ---------------------------------------------------------------------------------------------
// Consent.

function applyConsent(): void {
  if (consentMode === 'googleConsentMode') {
    if (templateStorage.getItem(CONSENT_LISTENER_KEY) === true) return;
    templateStorage.setItem(CONSENT_LISTENER_KEY, true);
    if (!isConsentGranted('ad_storage')) {
      callInWindow('ttq.holdConsent');
      log('ad_storage denied: events held until consent is granted');
    }
    addConsentListener('ad_storage', (consentType: string, granted: boolean) => {
      callInWindow(granted ? 'ttq.grantConsent' : 'ttq.revokeConsent');
      log('ad_storage ' + (granted ? 'granted: consent granted to the pixel' : 'denied: consent revoked'));
    });
    return;
  }
  if (consentMode !== 'manual') return;
  const granted = toBoolean(fields.consentValue, tk) === true;
  const previous = templateStorage.getItem(CONSENT_STATE_KEY);
  if (granted) {
    if (previous === 'granted') return;
    callInWindow('ttq.grantConsent');
    templateStorage.setItem(CONSENT_STATE_KEY, 'granted');
    log('consent granted');
  } else if (previous === undefined) {
    callInWindow('ttq.holdConsent');
    templateStorage.setItem(CONSENT_STATE_KEY, 'held');
    log('no consent: events held');
  } else if (previous === 'granted') {
    callInWindow('ttq.revokeConsent');
    templateStorage.setItem(CONSENT_STATE_KEY, 'revoked');
    log('consent revoked');
  }
}

// ---------------------------------------------------------------------------------------------
// The event: the same input the server tag gets from the GA4 client, built from the dataLayer.

function mapCurrentEvent(): Conversion {
  const advanced = data.advancedMatching === true;
  const event = eventFromDataLayer(
    (key: string, version?: number) => (version === 1 ? copyFromDataLayer(key, 1) : copyFromDataLayer(key)),
    {
      commerceFields: data.ecommerceSource === 'fields'
        ? { items: data.items, value: data.value, currency: data.currency, transactionId: data.transactionId, searchTerm: data.searchTerm }
        : undefined,
      readUserData: advanced && data.userDataFromDataLayer !== false,
    },
    tk,
  );
  const eventId = readEventIdSettings(fields);
  return mapConversion(event, {
    eventNames: readEventNameConfig(fields, tk),
    eventId: { explicit: eventId.explicit, useTransactionFallback: eventId.useTransactionFallback },
    properties: { contentType: readContentType(data) },
    extraProperties: readExtraProperties(data, tk),
    userFields: advanced ? { email: data.userEmail, phone: data.userPhone, external_id: data.userExternalId } : {},
    userOptions: { defaultCountryCode: toText(data.defaultCountryCode, tk), userIdAsExternalId: false },
    pageviewWithoutCommerce: true,
  }, tk);
}

// ---------------------------------------------------------------------------------------------
// Sending.

/**
 * ttq.identify keys (the pixel's names: phone_number, not phone; docs/contracts/tiktok-pixel.md),
 * one value per key, with the values the server tag sends: email, phone, external ID, names and zip
 * SHA-256 hashed after the same normalization, city, state and country normalized.
 */
const IDENTIFY_KEYS: { user: string; pixel: string }[] = [
  { user: 'email', pixel: 'email' }, { user: 'phone', pixel: 'phone_number' }, { user: 'external_id', pixel: 'external_id' },
  { user: 'first_name', pixel: 'first_name' }, { user: 'last_name', pixel: 'last_name' }, { user: 'city', pixel: 'city' },
  { user: 'state', pixel: 'state' }, { user: 'country', pixel: 'country' }, { user: 'zip_code', pixel: 'zip_code' },
];

function identifyPayload(mapped: Conversion, done: (payload: PlainObject | undefined) => void): void {
  const plan = mapped.userPlan;
  const toHash = valuesToHash(plan);
  const hasMatchKeys = plan.email.length + plan.phone.length + plan.external_id.length + plan.first_name.length +
    plan.last_name.length + plan.zip_code.length > 0 || plan.city !== undefined || plan.state !== undefined || plan.country !== undefined;
  if (!hasMatchKeys) {
    done(undefined);
    return;
  }
  hashAllAsync(
    toHash,
    (input, finish) => sha256(input, (digest: string) => finish(digest), () => finish(undefined), { outputEncoding: 'hex' }),
    (lookup) => {
      const user = buildTikTokUser(plan, lookupFunction(lookup)) as PlainObject;
      const payload: PlainObject = {};
      IDENTIFY_KEYS.forEach((key) => {
        const value = user[key.user];
        if (value !== undefined) payload[key.pixel] = getType(value) === 'array' ? (value as string[])[0] : value;
      });
      done(Object.keys(payload).length > 0 ? payload : undefined);
    },
  );
}

/**
 * Remembered match keys on the web: the hashed identify keys of this page's earlier events
 * (templateStorage lasts as long as the page) under this event's own, while the visitor's consent
 * allows them (Consent Mode: ad_storage and ad_user_data; a consent variable: granted); otherwise
 * they are forgotten. Only SHA-256 digests are ever stored: the payload is built after hashing.
 */
function withRememberedIdentify(own: PlainObject | undefined): PlainObject | undefined {
  if (data.advancedMatching !== true || data.rememberIdentify !== true) return own;
  // The consent handling in effect (the settings variable's, where the field inherits it).
  const granted = consentMode === 'googleConsentMode'
    ? isConsentGranted('ad_storage') && isConsentGranted('ad_user_data')
    : consentMode !== 'manual' || toBoolean(fields.consentValue, tk) === true;
  if (!granted) {
    templateStorage.removeItem(IDENTIFY_KEY);
    return own;
  }
  const stored = templateStorage.getItem(IDENTIFY_KEY);
  const remembered: PlainObject = isPlainObject(stored, tk) ? stored : {};
  const merged: PlainObject = {};
  Object.keys(remembered).forEach((key) => { merged[key] = remembered[key]; });
  if (own !== undefined) {
    Object.keys(own).forEach((key) => {
      merged[key] = own[key];
      // Only digests are kept; city, state and country (sent normalized, unhashed) go with their own event.
      if (getType(own[key]) === 'string' && isSha256Hex(own[key] as string)) remembered[key] = own[key];
    });
  }
  if (Object.keys(merged).length === 0) return undefined;
  templateStorage.setItem(IDENTIFY_KEY, remembered);
  return merged;
}

/**
 * Page views: one per page URL for each of this tag's pixels. A page view for a pixel that already
 * had one on this URL is a double count; a changed URL (single-page app) is left to the pixel's
 * history observer unless that is disabled. Sent as ttq.track('Pageview', …, {pixel_code}), like
 * every other event, because ttq.page() has no pixel option and reaches every pixel on the page
 * (another snippet's too); TikTok's own Pixel template and Stape's web tag send the page view this
 * way, and TikTok's WordPress plugin sends it with ttq.instance(id).track('Pageview')
 * (docs/contracts/tiktok-pixel.md).
 */
function sendPageview(pixelIds: string[], eventId: string | undefined): void {
  const url = getUrl();
  const stored = templateStorage.getItem(PAGEVIEW_KEY);
  const state: { url?: string; pixels: string[] } =
    isPlainObject(stored, tk) && getType(stored.pixels) === 'array'
      ? { url: toText(stored.url, tk), pixels: stored.pixels as string[] }
      : { pixels: [] };
  const sameUrl = state.url === url;
  const missing = pixelIds.filter((id) => !(sameUrl && state.pixels.indexOf(id) !== -1));
  if (missing.length === 0) {
    log('page view already sent for this page: not sent again');
    return;
  }
  const covered = sameUrl ? state.pixels.concat(missing) : pixelIds.slice();
  templateStorage.setItem(PAGEVIEW_KEY, { url: url, pixels: covered });
  if (!sameUrl && state.url !== undefined && data.disableHistoryObserver !== true) {
    log('URL changed in a single-page app: the pixel\'s history observer sends this page view');
    return;
  }
  const params: PlainObject = {};
  if (fields.limitedDataUse === 'event') params.limited_data_use = true;
  missing.forEach((id) => {
    const options: PlainObject = { pixel_code: id };
    if (eventId !== undefined) options.event_id = eventId;
    callInWindow('ttq.track', PAGEVIEW_EVENT, params, options);
  });
  log('Pageview sent' + (eventId !== undefined ? ' (event_id ' + eventId + ')' : '') + ' to ' + missing.join(', '));
}

function sendTrack(pixelIds: string[], name: string, mapped: Conversion): void {
  const params: PlainObject = {};
  const properties = mapped.properties as PlainObject;
  Object.keys(properties).forEach((key) => {
    params[key] = properties[key];
  });
  if (fields.limitedDataUse === 'event') params.limited_data_use = true;
  pixelIds.forEach((id) => {
    // pixel_code always: without it the event would also reach pixels other tags loaded.
    const options: PlainObject = { pixel_code: id };
    if (mapped.eventId.eventId !== undefined) options.event_id = mapped.eventId.eventId;
    callInWindow('ttq.track', name, params, options);
  });
  log(name + ' sent to ' + pixelIds.join(', ') + (mapped.eventId.eventId !== undefined ? ' (event_id ' + mapped.eventId.eventId + ')' : ' (no event_id)'));
}

export function main(): void {
  const parsed = parsePixelIds(data.pixelIds);
  if (parsed.rejected > 0) log(parsed.rejected + ' invalid pixel ID(s) ignored');
  if (parsed.ids.length === 0) {
    log('no valid pixel ID: nothing loaded');
    data.gtmOnFailure();
    return;
  }
  const pixelIds = parsed.ids;
  if (settings.note !== undefined) log(settings.note);
  ensureQueue();
  applyConsent();
  pixelIds.forEach((id) => ensureLoaded(id));

  const mapped = mapCurrentEvent();
  mapped.warnings.forEach((warning) => log(warning));
  const name = mapped.eventName.name;
  if (mapped.eventName.skip || name === undefined) {
    log(mapped.eventName.reason);
    settle(true);
    return;
  }
  identifyPayload(mapped, (own) => {
    const payload = withRememberedIdentify(own);
    if (payload !== undefined) {
      callInWindow('ttq.identify', payload);
      log('identify: ' + Object.keys(payload).join(', ') + ' (SHA-256)');
    }
    if (isPageviewEvent(name)) sendPageview(pixelIds, mapped.eventId.eventId);
    else sendTrack(pixelIds, name, mapped);
    settle(true);
  });
}
