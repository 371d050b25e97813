// GA4 -> TikTok event names. One table for the server tag and the web Pixel tag, so both sides send
// the identical `event` string: TikTok deduplicates on (pixel, event, event_id), so a name mismatch
// between browser and server silently breaks dedup.

/** 'current' = TikTok's 2025 standard names (Purchase, Lead); 'legacy' = the classic names (CompletePayment, SubmitForm). */
export type NameSet = 'current' | 'legacy';

/** What to do with a GA4 event that has no TikTok meaning. */
export type UnmappedPolicy = 'skip' | 'custom';

/** TikTok's web standard events as of Sep 2025 (tiktok-api.md 2.1), plus the pixel's own page event. */
export const TIKTOK_CURRENT_EVENTS: string[] = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration', 'Contact',
  'CustomizeProduct', 'Download', 'FindLocation', 'InitiateCheckout', 'Lead', 'Purchase', 'Schedule', 'Search',
  'StartTrial', 'SubmitApplication', 'Subscribe', 'ViewContent',
];

/** The "classic 14" (tiktok-api.md 2.2). ClickButton and PlaceAnOrder have no current equivalent. */
export const TIKTOK_LEGACY_EVENTS: string[] = [
  'ViewContent', 'ClickButton', 'Search', 'AddToWishlist', 'AddToCart', 'InitiateCheckout', 'AddPaymentInfo',
  'CompletePayment', 'PlaceAnOrder', 'Contact', 'Download', 'SubmitForm', 'CompleteRegistration', 'Subscribe',
];

/** Spelled exactly like this (case-sensitive): `ttq.page()` sends it, and /event/track/ accepts it. */
export const PAGEVIEW_EVENT = 'Pageview';

/**
 * GA4 (recommended and enhanced-measurement) names with a TikTok meaning, in current names.
 * Snake-case names for TikTok events that GA4 lacks (contact, start_trial, ...) follow the GA4 naming
 * style, so a dataLayer event named like that maps too. Deliberately absent: add_shipping_info,
 * view_cart, view_item_list, select_item, login, click (no TikTok equivalent: skipped or custom by
 * policy). find_location is FindLocation, not Search; submit_application is SubmitApplication, not
 * Subscribe (two mis-maps seen in an existing template).
 */
export const GA4_TO_TIKTOK: { [ga4Name: string]: string } = {
  page_view: 'Pageview',
  view_item: 'ViewContent',
  search: 'Search',
  view_search_results: 'Search',
  add_to_wishlist: 'AddToWishlist',
  add_to_cart: 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  purchase: 'Purchase',
  generate_lead: 'Lead',
  sign_up: 'CompleteRegistration',
  file_download: 'Download',
  contact: 'Contact',
  subscribe: 'Subscribe',
  start_trial: 'StartTrial',
  schedule: 'Schedule',
  submit_application: 'SubmitApplication',
  application_approval: 'ApplicationApproval',
  customize_product: 'CustomizeProduct',
  find_location: 'FindLocation',
};

/** The two renamed events: current name -> legacy name. */
export const CURRENT_TO_LEGACY: { [current: string]: string } = {
  Purchase: 'CompletePayment',
  Lead: 'SubmitForm',
};

const LEGACY_TO_CURRENT: { [legacy: string]: string } = {
  CompletePayment: 'Purchase',
  SubmitForm: 'Lead',
};

/** Translate a TikTok name into the chosen set (only Purchase/CompletePayment and Lead/SubmitForm differ). */
export function toNameSet(tiktokName: string, nameSet: NameSet): string {
  if (nameSet === 'legacy') {
    return CURRENT_TO_LEGACY.hasOwnProperty(tiktokName) ? CURRENT_TO_LEGACY[tiktokName] : tiktokName;
  }
  return LEGACY_TO_CURRENT.hasOwnProperty(tiktokName) ? LEGACY_TO_CURRENT[tiktokName] : tiktokName;
}

/** Whether a name is a TikTok standard event in either set, or Pageview. */
export function isTikTokStandardEvent(name: string): boolean {
  return name === PAGEVIEW_EVENT || TIKTOK_CURRENT_EVENTS.indexOf(name) !== -1 || TIKTOK_LEGACY_EVENTS.indexOf(name) !== -1;
}

/** The page event: the web tag sends it with ttq.page() instead of ttq.track(). */
export function isPageviewEvent(name: string | undefined): boolean {
  return name === PAGEVIEW_EVENT;
}

export interface EventNameOverride {
  /** Incoming (GA4 / dataLayer) event name, matched exactly. */
  from: string;
  /** TikTok event name to send (sent as typed: no set translation). */
  to: string;
}

export interface EventNameConfig {
  /** Default 'current'. */
  nameSet?: NameSet;
  /** User table, checked before the built-in map. Rows with an empty side are ignored. */
  overrides?: EventNameOverride[];
  /** When non-empty, every event is sent under this name (as typed). */
  fixedEvent?: string;
  /** Default 'skip'. 'custom' sends the incoming name unchanged as a custom event. */
  unmappedPolicy?: UnmappedPolicy;
}

export type EventNameSource = 'fixed' | 'override' | 'standard_map' | 'tiktok_name' | 'custom' | 'none';

export interface EventNameDecision {
  /** The TikTok event name; undefined when `skip`. */
  name?: string;
  skip: boolean;
  source: EventNameSource;
  /** Human-readable, for logs. */
  reason: string;
}

function cleanName(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Decide the TikTok event name for an incoming event name. Order: fixed event, user overrides,
 * built-in GA4 map (translated to the name set), TikTok names passed in directly (translated to the
 * name set, so a dataLayer "CompletePayment" still dedups against a "Purchase" on the other side),
 * then the unmapped policy.
 */
export function resolveEventName(incoming: unknown, config: EventNameConfig): EventNameDecision {
  const nameSet: NameSet = config.nameSet === 'legacy' ? 'legacy' : 'current';
  const fixed = cleanName(config.fixedEvent);
  if (fixed.length > 0) {
    return { name: fixed, skip: false, source: 'fixed', reason: 'fixed event "' + fixed + '"' };
  }
  const name = cleanName(incoming);
  if (name.length === 0) {
    return { skip: true, source: 'none', reason: 'no event name in the event data' };
  }
  const overrides = config.overrides || [];
  for (let i = 0; i < overrides.length; i++) {
    const row = overrides[i];
    if (!row) continue;
    const from = cleanName(row.from);
    const to = cleanName(row.to);
    if (from.length > 0 && to.length > 0 && from === name) {
      return { name: to, skip: false, source: 'override', reason: 'override "' + name + '" -> "' + to + '"' };
    }
  }
  if (GA4_TO_TIKTOK.hasOwnProperty(name)) {
    const mapped = toNameSet(GA4_TO_TIKTOK[name], nameSet);
    return { name: mapped, skip: false, source: 'standard_map', reason: 'GA4 "' + name + '" -> "' + mapped + '" (' + nameSet + ' names)' };
  }
  if (isTikTokStandardEvent(name)) {
    const translated = toNameSet(name, nameSet);
    return { name: translated, skip: false, source: 'tiktok_name', reason: 'TikTok name "' + translated + '"' };
  }
  if (config.unmappedPolicy === 'custom') {
    return { name: name, skip: false, source: 'custom', reason: '"' + name + '" has no TikTok standard event: sent as a custom event' };
  }
  return { skip: true, source: 'none', reason: '"' + name + '" has no TikTok standard event and the unmapped policy is skip' };
}
