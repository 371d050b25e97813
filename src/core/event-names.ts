// GA4 -> TikTok event names. One table for the server tag and the web Pixel tag, so both sides send
// the identical `event` string: TikTok deduplicates on (pixel, event, event_id), so a name mismatch
// between browser and server silently breaks dedup.

/** 'current' = TikTok's 2025 standard names (Purchase, Lead); 'legacy' = the classic names (CompletePayment, SubmitForm). */
export type NameSet = 'current' | 'legacy';

/** What to do with a GA4 event that has no TikTok meaning. */
export type UnmappedPolicy = 'skip' | 'custom';

/**
 * TikTok's web standard events as of Sep 2025 (docs/contracts/tiktok-events-api.md), plus the pixel's
 * own page event. Written as one string: shorter in the Pixel tag's code than a list literal.
 */
export const TIKTOK_CURRENT_EVENTS: string[] = /* @__PURE__ */ (
  'AddPaymentInfo AddToCart AddToWishlist ApplicationApproval CompleteRegistration Contact CustomizeProduct Download ' +
  'FindLocation InitiateCheckout Lead Purchase Schedule Search StartTrial SubmitApplication Subscribe ViewContent'
).split(' ');

/** The "classic 14" (docs/contracts/tiktok-events-api.md). ClickButton and PlaceAnOrder have no current equivalent. */
export const TIKTOK_LEGACY_EVENTS: string[] = /* @__PURE__ */ (
  'ViewContent ClickButton Search AddToWishlist AddToCart InitiateCheckout AddPaymentInfo CompletePayment PlaceAnOrder ' +
  'Contact Download SubmitForm CompleteRegistration Subscribe'
).split(' ');

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

/** The two renamed events, each to its name in the other set: Purchase <-> CompletePayment, Lead <-> SubmitForm. */
const OTHER_SET_NAMES: { [name: string]: string } = {
  Purchase: 'CompletePayment', Lead: 'SubmitForm', CompletePayment: 'Purchase', SubmitForm: 'Lead',
};

/** The other set's name of a renamed event (Purchase <-> CompletePayment, Lead <-> SubmitForm), else undefined. */
export function otherSetName(tiktokName: string): string | undefined {
  return OTHER_SET_NAMES.hasOwnProperty(tiktokName) ? OTHER_SET_NAMES[tiktokName] : undefined;
}

/** Translate a TikTok name into the chosen set (only Purchase/CompletePayment and Lead/SubmitForm differ). */
export function toNameSet(tiktokName: string, nameSet: NameSet): string {
  const other = otherSetName(tiktokName);
  // A current name's other name is the legacy one, and the reverse.
  return other !== undefined && (nameSet === 'legacy') === (TIKTOK_CURRENT_EVENTS.indexOf(tiktokName) !== -1) ? other : tiktokName;
}

/** Every standard spelling once: Pageview, the current names, then the legacy-only names. */
const STANDARD_SPELLINGS: string[] = /* @__PURE__ */ [PAGEVIEW_EVENT].concat(TIKTOK_CURRENT_EVENTS, 'ClickButton', 'CompletePayment', 'PlaceAnOrder', 'SubmitForm');

/** Whether a name is a TikTok standard event in either set, or Pageview. */
export function isTikTokStandardEvent(name: string): boolean {
  return STANDARD_SPELLINGS.indexOf(name) !== -1;
}

/**
 * The standard spelling of a name that equals a TikTok standard name (either set, or Pageview)
 * ignoring case: "purchase" -> "Purchase", "COMPLETEPAYMENT" -> "CompletePayment" (the legacy
 * spelling: this fixes case only, never the name set). Undefined when no standard name matches.
 * Why: TikTok's event names are case-sensitive, so "purchase" is filed as a custom event (no
 * optimization, no dedup against the pixel's "Purchase").
 */
export function standardSpelling(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i < STANDARD_SPELLINGS.length; i++) {
    if (STANDARD_SPELLINGS[i].toLowerCase() === lower) return STANDARD_SPELLINGS[i];
  }
  return undefined;
}

/** The page event: the web tag sends it with ttq.page() instead of ttq.track(). */
export function isPageviewEvent(name: string | undefined): boolean {
  return name === PAGEVIEW_EVENT;
}

export interface EventNameOverride {
  /** Incoming (GA4 / dataLayer) event name, matched exactly. */
  from: string;
  /** TikTok event name to send (as typed, no set translation; only the case of a standard name is corrected). */
  to: string;
}

export interface EventNameConfig {
  /** Default 'current' (conversion.ts warns when a renamed event goes out without a chosen set). */
  nameSet?: NameSet;
  /** User table, checked before the built-in map. Rows with an empty side are ignored. */
  overrides?: EventNameOverride[];
  /** When non-empty, every event is sent under this name (as typed; only the case of a standard name is corrected). */
  fixedEvent?: string;
  /**
   * Default 'skip'. 'custom' sends the incoming name unchanged as a custom event, unless it equals a
   * standard name ignoring case: then it is sent as that standard event, in the chosen name set.
   */
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
 * A name sent as typed, only the case of a standard name corrected ("purchase" -> "Purchase",
 * "completepayment" -> "CompletePayment"), with the reason saying so.
 */
function asTyped(typed: string, source: EventNameSource, reason: string): EventNameDecision {
  const spelling = standardSpelling(typed);
  const name = spelling !== undefined ? spelling : typed;
  return { name: name, skip: false, source: source, reason: reason + '"' + name + '"' + (typed === name ? '' : ' (typed "' + typed + '"; names are case-sensitive)') };
}

/**
 * Decide the TikTok event name for an incoming event name. Order: fixed event, user overrides,
 * built-in GA4 map (translated to the name set), TikTok names passed in directly (translated to the
 * name set, so a dataLayer "CompletePayment" still dedups against a "Purchase" on the other side),
 * then the unmapped policy.
 *
 * Case: TikTok's names are case-sensitive. A fixed event or override target that equals a standard
 * name ignoring case is sent in the standard spelling ("purchase" -> "Purchase", "completepayment"
 * -> "CompletePayment": case only, as typed otherwise). An incoming name that does so and reaches the
 * 'custom' policy ("addtocart", "PURCHASE") is a TikTok name in the wrong case: standard spelling,
 * then translated into the name set like an exactly spelled TikTok name, so "PURCHASE" and "Purchase"
 * give the same event. The 'skip' policy still skips it (which names are sent does not change).
 */
export function resolveEventName(incoming: unknown, config: EventNameConfig): EventNameDecision {
  const nameSet: NameSet = config.nameSet === 'legacy' ? 'legacy' : 'current';
  const fixed = cleanName(config.fixedEvent);
  if (fixed.length > 0) return asTyped(fixed, 'fixed', 'fixed event ');
  const name = cleanName(incoming);
  if (name.length === 0) return { skip: true, source: 'none', reason: 'no event name in the event data' };
  const overrides = config.overrides || [];
  for (let i = 0; i < overrides.length; i++) {
    const row = overrides[i];
    const to = row ? cleanName(row.to) : '';
    if (to.length > 0 && cleanName(row.from) === name) return asTyped(to, 'override', 'override "' + name + '" -> ');
  }
  if (GA4_TO_TIKTOK.hasOwnProperty(name)) {
    const mapped = toNameSet(GA4_TO_TIKTOK[name], nameSet);
    return { name: mapped, skip: false, source: 'standard_map', reason: 'GA4 "' + name + '" -> "' + mapped + '" (' + nameSet + ' names)' };
  }
  const spelling = isTikTokStandardEvent(name) || config.unmappedPolicy === 'custom' ? standardSpelling(name) : undefined;
  if (spelling !== undefined) {
    const standard = toNameSet(spelling, nameSet);
    return { name: standard, skip: false, source: 'tiktok_name', reason: 'TikTok name "' + standard + '"' + (spelling === name ? '' : ' (typed "' + name + '")') };
  }
  if (config.unmappedPolicy === 'custom') return { name: name, skip: false, source: 'custom', reason: '"' + name + '" sent as a custom event' };
  return { skip: true, source: 'none', reason: '"' + name + '" has no TikTok standard event and the unmapped policy is skip' };
}
