// Consent decision table. TikTok's Events API has no consent field (docs/contracts/tiktok-events-api.md): the tag
// decides whether to send, and what to leave out.
//
// Signals, first usable source wins, per signal:
//   ad_storage:   explicit field -> consent_state.ad_storage -> x-ga-gcs (index 2 of "G1xy")
//                 -> x-ga-gcd (position 2)
//   ad_user_data: explicit field -> consent_state.ad_user_data -> x-ga-gcd (position 6)
//                 (x-ga-gcs only carries ad_storage and analytics_storage: never derive ad_user_data from it)
// x-ga-gcd characters are base64url digits over the alphabet 0-9a-zA-Z-_ ('l' = 21): update = v % 4,
// default = floor(v / 4) % 4; 3 = granted, 2 = denied, 0/1 = not set; effective = update if set, else
// default (docs/contracts/ga4-event-data.md). Decoded by arithmetic, so upper-case letters ('Z', 'R') work too.
//
// Modes:
//   ignore             - consent is not read; send everything.
//   require_ad_storage - ad_storage denied -> no request at all.
//   minimize           - ("send anyway") ad_storage denied -> send, but no cookie read or write and no
//                        ttp/ttclid from storage.
// In require_ad_storage and minimize, ad_user_data denied -> personal match keys are stripped.
// A signal that is not set anywhere counts as granted (what sGTM itself does), unless
// `unknownAs: 'denied'`.

import { eventDataValues } from './identity';
import { CoreToolkit, PlainObject, isPlainObject, toBoolean } from './toolkit';

export type ConsentMode = 'ignore' | 'require_ad_storage' | 'minimize';
export type ConsentState = 'granted' | 'denied' | 'unknown';
export type ConsentSignalSource = 'field' | 'consent_state' | 'x-ga-gcs' | 'x-ga-gcd' | 'none';

/** The consent signals an incoming event carries (read at the edge from event data). */
export interface ConsentSignals {
  /** A client's `consent_state` object ({ad_storage, ad_user_data: true/false/'granted'/'denied'}). */
  consentState?: unknown;
  /** GA4 `gcs` ("G1xy"). */
  gcs?: unknown;
  /** GA4 `gcd` (the newer key, or the older x-ga-mp2-gcd some client versions used). */
  gcd?: unknown;
}

/** Event-data keys whose values decide consent (consentSignalsFromEventData reads exactly these). */
export const CONSENT_EVENT_KEYS = ['consent_state', 'x-ga-gcs', 'x-ga-gcd', 'x-ga-mp2-gcd'];

/** The consent signals of sGTM event data: consent_state, x-ga-gcs, x-ga-gcd (else x-ga-mp2-gcd). */
export function consentSignalsFromEventData(eventData: unknown, tk: CoreToolkit): ConsentSignals {
  const values = eventDataValues(eventData, CONSENT_EVENT_KEYS, tk);
  return { consentState: values[0], gcs: values[1], gcd: typeof values[2] === 'string' ? values[2] : values[3] };
}

/** A template's consent settings (its fields). */
export interface ConsentSettings {
  mode: ConsentMode;
  /** Tag fields (e.g. a CMP variable): true/'granted'/'1' or false/'denied'/'0'; anything else = not set. */
  adStorageField?: unknown;
  adUserDataField?: unknown;
  /** How to treat a signal found nowhere. Default 'granted'. */
  unknownAs?: 'granted' | 'denied';
}

export interface ConsentInput extends ConsentSettings {
  /** The event's signals (consentSignalsFromEventData, or an input adapter). */
  signals?: ConsentSignals;
}

export interface ConsentSignal {
  state: ConsentState;
  source: ConsentSignalSource;
}

export interface ConsentDecision {
  /** false -> do not send the request at all. */
  send: boolean;
  /** May identity cookies be read (and storage-derived ids used)? */
  readCookies: boolean;
  /** May identity cookies be written? */
  writeCookies: boolean;
  /** May personal match keys (email, phone, external_id, names, address, ip) be sent? */
  sendPersonalData: boolean;
  adStorage: ConsentSignal;
  adUserData: ConsentSignal;
  reason: string;
}

const GCD_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

function fromBoolean(value: unknown, tk: CoreToolkit): ConsentState {
  const b = toBoolean(value, tk);
  if (b === true) return 'granted';
  if (b === false) return 'denied';
  return 'unknown';
}

/** x-ga-gcs "G1xy": index 2 = ad_storage ('1' granted, '0' denied, '-' not set). */
export function gcsAdStorage(gcs: unknown): ConsentState {
  if (typeof gcs !== 'string' || gcs.length < 4 || gcs.charAt(0) !== 'G') return 'unknown';
  const ch = gcs.charAt(2);
  if (ch === '1') return 'granted';
  if (ch === '0') return 'denied';
  return 'unknown';
}

/** Effective state of the x-ga-gcd signal at `position` (2 ad_storage, 4 analytics_storage, 6 ad_user_data, 8 ad_personalization). */
export function gcdSignal(gcd: unknown, position: number, tk: CoreToolkit): ConsentState {
  if (typeof gcd !== 'string' || gcd.length <= position) return 'unknown';
  const v = GCD_ALPHABET.indexOf(gcd.charAt(position));
  if (v === -1) return 'unknown';
  const update = v % 4;
  const byDefault = tk.floor(v / 4) % 4;
  const effective = update >= 2 ? update : byDefault;
  if (effective === 3) return 'granted';
  if (effective === 2) return 'denied';
  return 'unknown';
}

function consentStateValue(signals: ConsentSignals | undefined, key: string, tk: CoreToolkit): ConsentState {
  const state = signals ? signals.consentState : undefined;
  if (!isPlainObject(state, tk)) return 'unknown';
  return fromBoolean((state as PlainObject)[key], tk);
}

/** Resolve ad_storage from the sources in order. */
export function readAdStorage(input: ConsentInput, tk: CoreToolkit): ConsentSignal {
  const field = fromBoolean(input.adStorageField, tk);
  if (field !== 'unknown') return { state: field, source: 'field' };
  const cs = consentStateValue(input.signals, 'ad_storage', tk);
  if (cs !== 'unknown') return { state: cs, source: 'consent_state' };
  const signals = input.signals || {};
  const gcs = gcsAdStorage(signals.gcs);
  if (gcs !== 'unknown') return { state: gcs, source: 'x-ga-gcs' };
  const gcd = gcdSignal(signals.gcd, 2, tk);
  if (gcd !== 'unknown') return { state: gcd, source: 'x-ga-gcd' };
  return { state: 'unknown', source: 'none' };
}

/** Resolve ad_user_data from the sources in order. */
export function readAdUserData(input: ConsentInput, tk: CoreToolkit): ConsentSignal {
  const field = fromBoolean(input.adUserDataField, tk);
  if (field !== 'unknown') return { state: field, source: 'field' };
  const cs = consentStateValue(input.signals, 'ad_user_data', tk);
  if (cs !== 'unknown') return { state: cs, source: 'consent_state' };
  const gcd = gcdSignal((input.signals || {}).gcd, 6, tk);
  if (gcd !== 'unknown') return { state: gcd, source: 'x-ga-gcd' };
  return { state: 'unknown', source: 'none' };
}

function describe(name: string, signal: ConsentSignal, unknownGranted: boolean): string {
  if (signal.state === 'unknown') return name + ' not set (treated as ' + (unknownGranted ? 'granted' : 'denied') + ')';
  return name + ' ' + signal.state + ' (from ' + signal.source + ')';
}

/** The decision table. */
export function decideConsent(input: ConsentInput, tk: CoreToolkit): ConsentDecision {
  if (input.mode !== 'require_ad_storage' && input.mode !== 'minimize') {
    return {
      send: true, readCookies: true, writeCookies: true, sendPersonalData: true,
      adStorage: { state: 'unknown', source: 'none' }, adUserData: { state: 'unknown', source: 'none' },
      reason: 'consent mode "ignore": consent not checked',
    };
  }
  const unknownGranted = input.unknownAs !== 'denied';
  const adStorage = readAdStorage(input, tk);
  const adUserData = readAdUserData(input, tk);
  const storageOk = adStorage.state === 'granted' || (adStorage.state === 'unknown' && unknownGranted);
  const userDataOk = adUserData.state === 'granted' || (adUserData.state === 'unknown' && unknownGranted);
  const facts = describe('ad_storage', adStorage, unknownGranted) + ', ' + describe('ad_user_data', adUserData, unknownGranted);
  if (!storageOk && input.mode === 'require_ad_storage') {
    return {
      send: false, readCookies: false, writeCookies: false, sendPersonalData: false,
      adStorage: adStorage, adUserData: adUserData,
      reason: 'not sent: ' + facts + '; mode requires ad_storage',
    };
  }
  let action: string;
  if (storageOk && userDataOk) action = 'sent in full';
  else if (storageOk) action = 'sent without personal data';
  else if (userDataOk) action = 'sent without cookies';
  else action = 'sent without cookies and personal data';
  return {
    send: true, readCookies: storageOk, writeCookies: storageOk, sendPersonalData: userDataOk,
    adStorage: adStorage, adUserData: adUserData,
    reason: action + ': ' + facts,
  };
}

/** decideConsent for a template's settings and an event's signals. */
export function decideEventConsent(settings: ConsentSettings, signals: ConsentSignals, tk: CoreToolkit): ConsentDecision {
  return decideConsent({
    mode: settings.mode, adStorageField: settings.adStorageField, adUserDataField: settings.adUserDataField,
    unknownAs: settings.unknownAs, signals: signals,
  }, tk);
}
