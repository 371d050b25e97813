// TikTok Pixel web tag. The mapping (event name, event_id, contents/value/currency, user-data
// normalization) is src/core's, the same code the TikTok Events API server tag compiles in; this
// file only does the browser effects: the ttq queue stub, loading events.js once per pixel, consent
// calls, hashing (async web sha256) and the ttq.identify / ttq.track calls.

import addConsentListener from 'addConsentListener';
import callInWindow from 'callInWindow';
import copyFromDataLayer from 'copyFromDataLayer';
import copyFromWindow from 'copyFromWindow';
import createQueue from 'createQueue';
import encodeUriComponent from 'encodeUriComponent';
import getTimestampMillis from 'getTimestampMillis';
import getUrl from 'getUrl';
import injectScript from 'injectScript';
import isConsentGranted from 'isConsentGranted';
import logToConsole from 'logToConsole';
import setInWindow from 'setInWindow';
import sha256 from 'sha256';
import templateStorage from 'templateStorage';

import { Conversion } from '../../core/conversion';
import { isPageviewEvent } from '../../core/event-names';
import { PlainObject, isArray, isPlainObject, isSha256Hex, toBoolean, toText } from '../../core/toolkit';
import { UserDataPlan, buildTikTokUser, valuesToHash } from '../../core/user-data';
import { mapDataLayerEvent } from '../../core/web-input';
import { hashAllAsync } from '../../core/web-hashing';
import { readWebConsentMode } from '../../template-kit/consent.read';
import { readEventIdSettings } from '../../template-kit/event-id.read';
import { WEB_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { readEventNameConfig } from '../../template-kit/event-name.read';
import { readContentType, readExtraProperties } from '../../template-kit/properties.read';
import { tk } from '../../template-kit/sandbox/toolkit';
import { PIXEL_METHODS, PIXEL_SCRIPT_BASE, parsePixelIds, pixelScriptUrl, scriptCacheToken } from './base-code';

/**
 * What this template remembers for the page, in one templateStorage entry (page lifetime, shared
 * by every tag built from this template). Read and written within one synchronous step, never held
 * across a callback: another tag's run may change it in between.
 */
interface PageState {
  /** This template created window.ttq (our stub, until events.js replaces it). */
  stub?: boolean;
  /** An events.js this template injected has loaded: TikTok's library owns window.ttq. */
  loaded?: boolean;
  /** Pixels seen: true = events.js injected by this template, false = handed to the page's ttq.load. */
  injected: { [pixelId: string]: boolean };
  /** Google Consent Mode: the ad_storage listener is registered. */
  listening?: boolean;
  /** A consent value: the pixel's consent call made last ('ttq.grantConsent', 'ttq.holdConsent', 'ttq.revokeConsent'). */
  consent?: string;
  /** The page URL of the last page view and the pixels that had it. */
  pageview?: { url: string; pixels: string[] };
}

const STATE_KEY = 'page';
/**
 * Remembered identify digests (hashes only) have their own entry, read and written only while
 * consent allows them: the page state is read on every event, consent or not.
 */
const IDENTIFY_KEY = 'identify';

function readState(): PageState {
  const stored = templateStorage.getItem(STATE_KEY) as PageState | undefined;
  return stored || { injected: {} };
}

function saveState(state: PageState): void {
  templateStorage.setItem(STATE_KEY, state);
}

// Log lines of one step, written with one logToConsole call (each API call crosses the sandbox).
const logLines: string[] = [];

function log(message: string): void {
  if (data.debugLogging !== false) logLines.push('[TikTok Pixel] ' + message);
}

function flushLog(): void {
  if (logLines.length > 0) logToConsole(logLines.splice(0, logLines.length).join('\n'));
}

// The setup: the tag's fields with the Settings variable merged in (its own fields win where set).
const settings = applySharedSettings(data, WEB_SETTING_KEYS, tk);
const setup = settings.fields;
const consentMode = readWebConsentMode(setup);

// ---------------------------------------------------------------------------------------------
// The ttq queue: what TikTok's base code sets up, rebuilt with sandbox APIs.

function argumentsList(method: string, args: IArguments): unknown[] {
  const list: unknown[] = [method];
  for (let i = 0; i < args.length; i++) list.push(args[i]);
  return list;
}

/** Window copies of ttq._i/_t/_o (plain objects until events.js takes over). */
function windowMap(key: string): PlainObject {
  const value = copyFromWindow(key);
  return isPlainObject(value, tk) ? value : {};
}

/** ttq.instance(id): per-pixel queue ttq._i[id]; its methods queue calls for that pixel only. */
function instanceStub(pixelId: unknown): PlainObject {
  const id = tk.makeString(pixelId);
  const instance: PlainObject = {};
  PIXEL_METHODS.forEach((method) => {
    instance[method] = function () {
      const queues = windowMap('ttq._i');
      const queue: unknown[] = isArray(queues[id], tk) ? (queues[id] as unknown[]) : [];
      queue.push(argumentsList(method, arguments));
      queues[id] = queue;
      setInWindow('ttq._i', queues, true);
    };
  });
  return instance;
}

/** The load tables ttq._i, ttq._t, ttq._o, as the base code's ttq.load fills them for a pixel. */
interface LoadTables {
  _i: PlainObject;
  _t: PlainObject;
  _o: PlainObject;
}

function recordLoad(tables: LoadTables, id: string, options: PlainObject): void {
  const queue: unknown[] = [];
  (queue as unknown as PlainObject)._u = PIXEL_SCRIPT_BASE;
  tables._i[id] = queue;
  tables._t[id] = getTimestampMillis();
  tables._o[id] = options;
}

/**
 * Injects events.js for a pixel. The cache token makes GTM create one <script> per pixel ID, and
 * tells a later caller with the same token the first script's outcome.
 */
function inject(id: string, onSuccess: () => void, onFailure: () => void): void {
  injectScript(pixelScriptUrl(id, encodeUriComponent), onSuccess, onFailure, scriptCacheToken(id));
}

/**
 * ttq.load(id, options) while the queue is our stub (page code, or this template for a pixel added
 * to the page later): records the pixel in ttq._i/_t/_o like the base code and injects events.js.
 */
function loadStub(pixelId: unknown, options: unknown): void {
  const id = tk.makeString(pixelId);
  const state = readState();
  // Unlike the base code, a second ttq.load of the same pixel (another snippet) changes nothing.
  if (state.injected[id] === true) return;
  const tables: LoadTables = { _i: windowMap('ttq._i'), _t: windowMap('ttq._t'), _o: windowMap('ttq._o') };
  recordLoad(tables, id, isPlainObject(options, tk) ? options : {});
  setInWindow('ttq._i', tables._i, true);
  setInWindow('ttq._t', tables._t, true);
  setInWindow('ttq._o', tables._o, true);
  state.injected[id] = true;
  saveState(state);
  inject(id, () => undefined, () => undefined);
}

function loadOptions(): PlainObject {
  const options: PlainObject = {};
  if (setup.limitedDataUse === 'pixel') options.limited_data_use = true;
  if (data.disableHistoryObserver === true) options.historyObserver = false;
  return options;
}

// ---------------------------------------------------------------------------------------------
// Loading: once per pixel ID per page; the tag succeeds when every script it waits for loaded.

let pending = 1;
let failed = false;

function settle(ok: boolean): void {
  if (!ok) failed = true;
  pending--;
  if (pending !== 0) return;
  if (failed) data.gtmOnFailure();
  else data.gtmOnSuccess();
}

/** `loaded`: an events.js of this template had loaded when the run started (nothing to remember). */
function waitForScript(id: string, loaded: boolean): void {
  pending++;
  inject(
    id,
    () => {
      if (!loaded) {
        const state = readState();
        state.loaded = true;
        saveState(state);
      }
      settle(true);
    },
    () => {
      log('pixel ' + id + ' failed to load (blocked or offline)');
      flushLog();
      settle(false);
    },
  );
}

/**
 * window.ttq and the tag's pixels; returns the pixels whose script this run waits for (injected
 * after the page state is saved). A page without ttq gets our stub, the base code's queue as one
 * array with its methods and load tables as properties, handed over with a single setInWindow (GTM
 * keeps an array's other properties across the sandbox boundary: Stape's gallery web tag builds
 * its ttq the same way, docs/emulator.md), with this tag's pixels already recorded in the tables.
 * A pixel new to a page that has a ttq goes through its ttq.load: our stub's (this run then waits
 * for the script), TikTok's library's once an events.js loaded, or the page's own base code's.
 */
function loadPixels(state: PageState, pixelIds: string[]): string[] {
  if (state.stub !== true && copyFromWindow('ttq') === undefined) {
    const stub = [] as unknown as PlainObject & LoadTables;
    let push: (entry: unknown) => void = () => undefined;
    PIXEL_METHODS.forEach((method) => {
      // A stub method queues [method, ...arguments] on window.ttq, as the base code's setAndDefer does.
      stub[method] = function () {
        push(argumentsList(method, arguments));
      };
    });
    stub.methods = PIXEL_METHODS;
    stub.instance = instanceStub;
    stub.load = loadStub;
    stub._i = {};
    stub._t = {};
    stub._o = {};
    pixelIds.forEach((id) => {
      recordLoad(stub, id, loadOptions());
      state.injected[id] = true;
    });
    setInWindow('TiktokAnalyticsObject', 'ttq', true);
    setInWindow('ttq', stub, true);
    push = createQueue('ttq');
    state.stub = true;
    log('ttq queue created; loading ' + pixelIds.join(', '));
    return pixelIds;
  }
  const ourStub = state.stub === true && state.loaded !== true;
  const pageTables = state.stub === true ? {} : windowMap('ttq._i');
  return pixelIds.filter((id) => {
    const known = state.injected[id];
    if (known !== undefined) return known;
    if (pageTables.hasOwnProperty(id)) {
      log('pixel ' + id + ' already loaded on the page');
      return false;
    }
    callInWindow('ttq.load', id, loadOptions());
    log('pixel ' + id + ' handed to ttq.load');
    state.injected[id] = ourStub;
    return ourStub;
  });
}

// ---------------------------------------------------------------------------------------------
// Consent.

function applyConsent(state: PageState): void {
  if (consentMode === 'googleConsentMode') {
    if (state.listening === true) return;
    state.listening = true;
    if (!isConsentGranted('ad_storage')) {
      callInWindow('ttq.holdConsent');
      log('ad_storage denied: events held until consent is granted');
    }
    addConsentListener('ad_storage', (consentType: string, granted: boolean) => {
      callInWindow(granted ? 'ttq.grantConsent' : 'ttq.revokeConsent');
      log('ad_storage ' + (granted ? 'granted' : 'denied: consent revoked'));
      flushLog();
    });
  } else if (consentMode === 'manual') {
    // A consent value: held until first granted, then granted or revoked as the value changes.
    const previous = state.consent;
    const next = toBoolean(setup.consentValue) === true
      ? 'ttq.grantConsent'
      : previous === undefined ? 'ttq.holdConsent' : previous === 'ttq.grantConsent' ? 'ttq.revokeConsent' : previous;
    if (next === previous) return;
    state.consent = next;
    callInWindow(next);
    log('consent value: ' + next);
  }
}

// ---------------------------------------------------------------------------------------------
// The event: the same input the server tag gets from the GA4 client, built from the dataLayer.

function mapCurrentEvent(): Conversion {
  const advanced = data.advancedMatching === true;
  return mapDataLayerEvent(
    (key: string, version?: number) => (version === 1 ? copyFromDataLayer(key, 1) : copyFromDataLayer(key)),
    {
      // The tag's e-commerce fields are named as CommerceFields reads them (items, value, currency, transactionId, searchTerm).
      commerceFields: data.ecommerceSource === 'fields' ? data : undefined,
      readUserData: advanced && data.userDataFromDataLayer !== false,
    },
    {
      eventNames: readEventNameConfig(setup, tk),
      eventId: readEventIdSettings(setup),
      properties: { contentType: readContentType(data) },
      extraProperties: readExtraProperties(data, tk),
      userFields: advanced ? { email: data.userEmail, phone: data.userPhone, external_id: data.userExternalId } : {},
      userOptions: { defaultCountryCode: toText(data.defaultCountryCode, tk), userIdAsExternalId: false },
    },
    tk,
  );
}

// ---------------------------------------------------------------------------------------------
// Sending.

/**
 * The ttq.identify payload: the server tag's TikTok `user` (email, phone, external ID, names and zip
 * SHA-256 hashed after the same normalization; city, state and country normalized), one value per
 * key, under the pixel's names (phone_number, not phone: docs/contracts/tiktok-pixel.md). `done`
 * runs synchronously when there is nothing to hash.
 */
function identifyPayload(plan: UserDataPlan, done: (payload: PlainObject) => void): void {
  hashAllAsync(
    valuesToHash(plan),
    (input, finish) => sha256(input, finish, () => finish(undefined), { outputEncoding: 'hex' }),
    (lookup) => {
      const user = buildTikTokUser(plan, (value) => (lookup.hasOwnProperty(value) ? lookup[value] : undefined)) as PlainObject;
      const payload: PlainObject = {};
      for (const key in user) {
        const value = user[key];
        payload[key === 'phone' ? 'phone_number' : key] = typeof value === 'string' ? value : (value as string[])[0];
      }
      done(payload);
    },
  );
}

/**
 * Remembered match keys on the web: the hashed identify keys of this page's earlier events
 * (templateStorage lasts as long as the page) under this event's own, while the visitor's consent
 * allows them (Consent Mode: ad_storage and ad_user_data; a consent variable: granted); otherwise
 * they are forgotten. Only SHA-256 digests are ever stored: the payload is built after hashing.
 */
function withRememberedIdentify(own: PlainObject): PlainObject {
  // The consent handling in effect (the settings variable's, where the field inherits it).
  const granted = consentMode === 'googleConsentMode'
    ? isConsentGranted('ad_storage') && isConsentGranted('ad_user_data')
    : consentMode !== 'manual' || toBoolean(setup.consentValue) === true;
  if (!granted) {
    templateStorage.removeItem(IDENTIFY_KEY);
    return own;
  }
  const stored = templateStorage.getItem(IDENTIFY_KEY);
  const remembered: PlainObject = isPlainObject(stored, tk) ? stored : {};
  const merged: PlainObject = {};
  for (const key in remembered) merged[key] = remembered[key];
  for (const key in own) {
    merged[key] = own[key];
    // Only digests are kept; city, state and country (sent normalized, unhashed) go with their own event.
    if (isSha256Hex(own[key] as string)) remembered[key] = own[key];
  }
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
 * (docs/contracts/tiktok-pixel.md). Returns the pixels to send it to.
 */
function pageviewPixels(state: PageState, pixelIds: string[]): string[] {
  const url = getUrl();
  const previous = state.pageview;
  const sameUrl = previous !== undefined && previous.url === url;
  const had = sameUrl ? previous!.pixels : [];
  const missing = pixelIds.filter((id) => had.indexOf(id) === -1);
  if (missing.length === 0) {
    log('page view already sent for this URL');
    return missing;
  }
  state.pageview = { url: url, pixels: had.concat(missing) };
  if (!sameUrl && previous !== undefined && data.disableHistoryObserver !== true) {
    log('new URL in a single-page app: the pixel sends this page view itself');
    return [];
  }
  return missing;
}

/** ttq.track to each pixel, with pixel_code always: without it the event would also reach pixels other tags loaded. */
function track(pixelIds: string[], name: string, params: PlainObject, eventId: string | undefined): void {
  if (pixelIds.length === 0) return;
  if (setup.limitedDataUse === 'event') params.limited_data_use = true;
  pixelIds.forEach((id) => {
    const options: PlainObject = { pixel_code: id };
    if (eventId !== undefined) options.event_id = eventId;
    callInWindow('ttq.track', name, params, options);
  });
  log(name + ' sent to ' + pixelIds.join(', ') + (eventId !== undefined ? ' (event_id ' + eventId + ')' : ' (no event_id)'));
}

/** After hashing: identify, then the event (a page view once per page and pixel). */
function send(mapped: Conversion, name: string, pixelIds: string[], own: PlainObject): void {
  const payload = data.advancedMatching === true && data.rememberIdentify === true ? withRememberedIdentify(own) : own;
  const keys: string[] = [];
  for (const key in payload) keys.push(key);
  if (keys.length > 0) {
    callInWindow('ttq.identify', payload);
    log('identify: ' + keys.join(', ') + ' (SHA-256)');
  }
  const eventId = mapped.eventId.eventId;
  if (isPageviewEvent(name)) {
    const state = readState();
    track(pageviewPixels(state, pixelIds), name, {}, eventId);
    saveState(state);
  } else track(pixelIds, name, mapped.properties as PlainObject, eventId);
}

export function main(): void {
  const parsed = parsePixelIds(data.pixelIds);
  if (parsed.rejected > 0) log(parsed.rejected + ' invalid pixel ID(s) ignored');
  const pixelIds = parsed.ids;
  if (pixelIds.length === 0) {
    log('no valid pixel ID: nothing loaded');
    flushLog();
    data.gtmOnFailure();
    return;
  }
  if (settings.note !== undefined) log(settings.note);
  const state = readState();
  const waitFor = loadPixels(state, pixelIds);
  applyConsent(state);
  saveState(state);
  waitFor.forEach((id) => waitForScript(id, state.loaded === true));

  const mapped = mapCurrentEvent();
  mapped.warnings.forEach(log);
  const name = mapped.eventName.name;
  // A skipped event has no name.
  if (name === undefined) {
    log(mapped.eventName.reason);
  } else {
    pending++;
    identifyPayload(mapped.userPlan, (own) => {
      send(mapped, name, pixelIds, own);
      flushLog();
      settle(true);
    });
  }
  flushLog();
  settle(true);
}
