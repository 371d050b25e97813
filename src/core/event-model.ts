// The one model of an incoming event. Every input shape (GA4 client event data, `ecommerce` nested
// by other clients, Measurement Protocol keys, TikTok's own `tt_*` keys, the web data layer with
// gtag's `eventModel`...) is read once, at the edge, by an adapter (server-input.ts, web-input.ts)
// into this model; the mapping (conversion.ts, map-event.ts and the modules they call) reads only
// the model. Adding an input shape is one adapter and its tests.
//
// The model keeps values as they arrived (unknown): normalizing and validating them is the
// mapping's job, so every shape gets the same rules. Lists are candidates in priority order: the
// first usable one wins.

import { ConsentSignals } from './consent';

/** What was bought or looked at (GA4 e-commerce; one source object, never mixed across pushes). */
export interface CommerceInput {
  /** GA4 items (array, index-keyed object or JSON text). */
  items?: unknown;
  /** TikTok-shaped contents (`contents`, TikTok's `tt_contents`), used when there are no items. */
  contents?: unknown[];
  value?: unknown;
  currency?: unknown;
  transactionId?: unknown;
  /** Candidates for product / product_group. */
  contentType: unknown[];
  /** Candidates for the search string (search_term, search_string, query). */
  searchTerm: unknown[];
  description?: unknown;
  /** The store of an offline event (TikTok's `shop_id`). */
  shopId?: unknown;
}

/** Match-key values per TikTok key, as found (plain or SHA-256, single values or lists). */
export interface MatchKeyValues {
  email: unknown[];
  phone: unknown[];
  external_id: unknown[];
  first_name: unknown[];
  last_name: unknown[];
  zip_code: unknown[];
  city: unknown[];
  state: unknown[];
  country: unknown[];
}

/** The match keys of an event (what both tags send). */
export interface MatchInput {
  /** From GA4 `user_data` (documented and GA4-client shapes, sha256_* variants, first address). */
  userData: MatchKeyValues;
  /** From top-level keys (email, phone, tt_external_id...): used for a key user_data has no value for. */
  eventKeys: MatchKeyValues;
  /** The site's user id: an external_id when the template allows it and nothing else gives one. */
  userId?: unknown;
}

export interface UserInput extends MatchInput {
  ip: unknown[];
  userAgent: unknown[];
  /** Browser language (`en-us`), for `locale`. */
  language: unknown[];
}

/** App events (for the app event source): what the app and the device tell about themselves. */
export interface AppInput {
  appId?: unknown;
  appName?: unknown;
  appVersion?: unknown;
  /** `ios` or `android` (sGTM's GA4 (App) client: `x-ga-platform`), any case. */
  platform?: unknown;
  /** iOS advertising id, iOS vendor id, Android advertising id, App Tracking Transparency status. */
  idfa?: unknown;
  idfv?: unknown;
  gaid?: unknown;
  attStatus?: unknown;
}

/** CRM events: the TikTok lead a stage is reported for. */
export interface LeadInput {
  leadId?: unknown;
  leadEventSource?: unknown;
}

/** What the shared mapping (conversion.ts) reads of an event: all the web input adapter builds. */
export interface ConversionInput {
  /** The incoming event name (GA4 name, data layer event, TikTok name). */
  name?: unknown;
  commerce: CommerceInput;
  /** Event ID candidates (an event-data key, gtag's event parameter). */
  eventIdCandidates: unknown[];
  user: MatchInput;
}

export interface IncomingEvent extends ConversionInput {
  user: UserInput;
  consent: ConsentSignals;
  page: { url?: unknown; referrer?: unknown };
  identifiers: {
    /** Forwarded click ids (not the URL's: that comes from `page`). */
    ttclid: unknown[];
    /** Forwarded _ttp values. */
    ttp: unknown[];
    /** GA client ids (a generated _ttp is derived from the first usable one). */
    gaClientId: unknown[];
  };
  /** The event's own time candidates (s, ms or µs). */
  eventTime: unknown[];
  /** User-Agent client hints (GA4 `client_hints`). */
  clientHints?: unknown;
  /** The event's Limited Data Use flag. */
  limitedDataUse?: unknown;
  app: AppInput;
  lead: LeadInput;
}

export function emptyMatchKeys(): MatchKeyValues {
  return { email: [], phone: [], external_id: [], first_name: [], last_name: [], zip_code: [], city: [], state: [], country: [] };
}

/** A conversion input with nothing in it (the web input adapter fills it in). */
export function emptyConversionInput(): ConversionInput {
  return { commerce: { contentType: [], searchTerm: [] }, eventIdCandidates: [], user: { userData: emptyMatchKeys(), eventKeys: emptyMatchKeys() } };
}

/** An event with nothing in it; adapters fill it in. */
export function emptyEvent(): IncomingEvent {
  return {
    commerce: { contentType: [], searchTerm: [] },
    eventIdCandidates: [],
    user: { userData: emptyMatchKeys(), eventKeys: emptyMatchKeys(), ip: [], userAgent: [], language: [] },
    consent: {},
    page: {},
    identifiers: { ttclid: [], ttp: [], gaClientId: [] },
    eventTime: [],
    app: {},
    lead: {},
  };
}
