// The jargon list: technical terms a GTM user setting up TikTok may not know. Each has an entry in
// docs/guide/glossary.md (its heading is `heading`) and a one-line plain explanation that a field's
// help text can use instead of, or next to, the term. The documentation tests check that the list
// and the glossary agree; a test of the templates' help texts can use `jargonIn` to find the terms a
// help text uses and require each to be explained there.

export interface JargonTerm {
  /** The glossary heading; also the main spelling. */
  heading: string;
  /** Other spellings that mean the same thing (field keys, event-data keys, plural forms). */
  aliases?: string[];
  /** Match without regard to letter case (plain-English terms); code-like terms match exactly. */
  ignoreCase?: boolean;
  /** One plain sentence, without other jargon, that explains the term where it is used. */
  plain: string;
  /**
   * Plain phrases that explain the term when a template's help text uses it (matched without
   * regard to letter case), e.g. "international format" for E.164. A help text that uses the term
   * must contain one of them, or link the term's glossary entry (test/templates/help-texts.test.ts).
   */
  explainedBy?: string[];
}

export const JARGON: readonly JargonTerm[] = [
  { heading: '_ttp', aliases: ['ttp', '_.tt.N'], plain: 'TikTok\'s browser ID: a cookie that recognises this browser on your shop, kept for about 13 months.', explainedBy: ['browser ID'] },
  { heading: 'Access token', ignoreCase: true, aliases: ['Events API access token'], plain: 'the password-like key from TikTok Events Manager that lets this tag send events to your pixel.', explainedBy: ['Events Manager'] },
  { heading: 'ad_storage', aliases: ['ad storage'], plain: 'the visitor\'s consent to advertising cookies; when denied, no TikTok cookie is read or written.', explainedBy: ['advertising cookies'] },
  { heading: 'ad_user_data', aliases: ['ad user data'], plain: 'the visitor\'s consent to sending personal data (email, phone, address, IP) for advertising.', explainedBy: ['personal data'] },
  { heading: 'Advanced matching', ignoreCase: true, aliases: ['match keys', 'match key'], plain: 'customer details (email, phone, name, address), sent scrambled, that let TikTok link an event to a TikTok user.', explainedBy: ['customer details'] },
  { heading: 'client_id', aliases: ['client ID', 'x-ga-js_client_id'], plain: 'Google Analytics\' random ID for this browser, from its _ga cookie.', explainedBy: ['Google Analytics'] },
  { heading: 'CNAME', plain: 'a DNS record that makes one host name an alias of another host name.' },
  { heading: 'consent_state', plain: 'the visitor\'s consent choices, as some clients pass them on with the event.' },
  { heading: 'Consent Mode', ignoreCase: true, aliases: ['Google Consent Mode'], plain: 'Google\'s way for a consent banner to tell tags what the visitor allowed.', explainedBy: ['consent banner'] },
  { heading: 'content_id', aliases: ['content_ids', 'item_id'], plain: 'the product\'s ID as it is in your TikTok catalog (the item ID of the shop).', explainedBy: ['catalog'] },
  { heading: 'Cookie domain', ignoreCase: true, plain: 'the site a cookie belongs to; auto means your shop\'s domain, worked out from the server\'s address.', explainedBy: ['your site'] },
  { heading: 'Deduplication', ignoreCase: true, aliases: ['deduplicate', 'deduplicated', 'deduplicates', 'dedup'], plain: 'TikTok keeping one copy when the browser and the server report the same event.', explainedBy: ['counts it once', 'counts the event once', 'count it once', 'counted once'] },
  { heading: 'E.164', plain: 'a phone number in international format: + and the country code, no spaces or leading 0, e.g. +442079460958.', explainedBy: ['international format'] },
  { heading: 'Event data', ignoreCase: true, plain: 'the values read from the incoming request (page address, items, value, …), which tags and variables use.', explainedBy: ['incoming event'] },
  { heading: 'event_id', aliases: ['event ID', 'Event ID'], plain: 'an ID shared by the browser\'s and the server\'s copy of one event, so that TikTok counts it once.', explainedBy: ['counts it once', 'counts the event once', 'count it once', 'counted once'] },
  { heading: 'External ID', ignoreCase: true, aliases: ['external_id'], plain: 'your own customer number, sent scrambled so that TikTok can recognise the same customer again.', explainedBy: ['customer ID', 'customer number'] },
  { heading: 'First-party cookie', ignoreCase: true, aliases: ['first-party cookies', 'first-party'], plain: 'a cookie that belongs to your shop\'s own site rather than to another company\'s.', explainedBy: ['your site\'s own'] },
  { heading: 'gcs and gcd', aliases: ['gcs', 'gcd', 'x-ga-gcs', 'x-ga-gcd', 'x-ga-mp2-gcd'], plain: 'short codes in Google Analytics hits that carry the visitor\'s consent choices.' },
  { heading: 'GA4 client', ignoreCase: true, plain: 'the part of the server container that receives Google Analytics hits and turns them into events.' },
  { heading: 'ip_override', plain: 'the visitor\'s IP address as the Google Analytics hit reports it to the server container.' },
  { heading: 'ISO 3166', plain: 'the standard two-letter country codes, e.g. DE for Germany, GB for the United Kingdom.', explainedBy: ['two-letter'] },
  { heading: 'ITP', aliases: ['Intelligent Tracking Prevention'], plain: 'Safari\'s tracking prevention, which shortens the life of some cookies.', explainedBy: ['Safari'] },
  { heading: 'Legacy event names', ignoreCase: true, aliases: ['legacy names', 'CompletePayment', 'SubmitForm'], plain: 'the names TikTok used before 2025 for two events: CompletePayment (now Purchase) and SubmitForm (now Lead).', explainedBy: ['renamed'] },
  { heading: 'Limited Data Use', ignoreCase: true, aliases: ['limited_data_use', 'LDU'], plain: 'a flag asking TikTok to limit how it uses the event, for US state privacy laws.', explainedBy: ['privacy laws'] },
  { heading: 'page_location', aliases: ['page_referrer'], plain: 'the address of the page the event happened on (and of the page before it).', explainedBy: ['page address'] },
  { heading: 'Pixel ID', ignoreCase: true, aliases: ['pixel code', 'pixel_code', 'event_source_id'], plain: 'the 20-character code of your TikTok pixel, from TikTok Events Manager.', explainedBy: ['Events Manager'] },
  { heading: 'Registrable domain', ignoreCase: true, aliases: ['same-site', 'eTLD+1'], plain: 'the part of an address you register, e.g. shop.example for www.shop.example; addresses that share it are the same site.', explainedBy: ['your site'] },
  { heading: 'SameSite', plain: 'a cookie setting that decides whether the cookie is sent when another site links or embeds yours.', explainedBy: ['another site'] },
  { heading: 'Script-set and server-set cookies', ignoreCase: true, aliases: ['script-set', 'server-set', 'server-made'], plain: 'cookies written by JavaScript in the page, or by the server\'s answer; Safari keeps the second kind longer.', explainedBy: ['page scripts'] },
  { heading: 'SHA-256', aliases: ['hashed', 'hashing', 'hash'], plain: 'a one-way scrambling: the same email always gives the same code, but the code does not give the email back.', explainedBy: ['scrambled'] },
  { heading: 'Standard event', ignoreCase: true, aliases: ['standard events', 'custom event', 'custom events'], plain: 'an event name TikTok knows (Purchase, AddToCart, …); other names are custom events, reported but not used to optimise ads.', explainedBy: ['TikTok knows', 'does not know'] },
  { heading: 'Tagging server', ignoreCase: true, aliases: ['server container URL', 'preview server'], plain: 'the machine your server container runs on, answering at your server container\'s address.' },
  { heading: 'Test event code', ignoreCase: true, aliases: ['test_event_code'], plain: 'a code from TikTok\'s Test Events page: events sent with it are shown there and not counted.', explainedBy: ['Test Events'] },
  { heading: 'transaction_id', aliases: ['order_id'], plain: 'your order number; when an event has no ID of its own, order number plus event name is used to recognise repeats.', explainedBy: ['order number'] },
  { heading: 'ttclid', aliases: ['click ID'], plain: 'TikTok\'s click ID: added to your page address when someone clicks a TikTok ad, it links the purchase to the click.', explainedBy: ['TikTok ad', 'ad click'] },
  { heading: 'ULID', plain: 'a 26-character ID that starts with the time it was made; TikTok\'s browser ID has this form.' },
  { heading: 'user_agent', aliases: ['user agent'], plain: 'the browser\'s description of itself (browser, version, operating system).', explainedBy: ['describes the browser'] },
  { heading: 'user_data', aliases: ['user-provided data'], plain: 'customer details (email, phone, address) your site gives the Google tag; the server tag scrambles them before sending.', explainedBy: ['customer details'] },
  { heading: 'user_id', plain: 'your site\'s ID for a logged-in customer, as Google Analytics receives it.', explainedBy: ['logged-in'] },
  { heading: 'X-Gtm-Server-Preview', aliases: ['Preview header'], plain: 'the header that makes a request you send by hand show up in the server container\'s Preview.', explainedBy: ['Preview'] },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The spellings of a term as whole-word patterns: letters, digits, _ and - may not touch them (so
 * `gcs` is not found inside `x-ga-gcs`, which is its own spelling), nor a / before (URL paths).
 */
export function termPatterns(term: JargonTerm): RegExp[] {
  return [term.heading, ...(term.aliases ?? [])].map(
    (spelling) => new RegExp('(?<![A-Za-z0-9_/-])' + escapeRegExp(spelling) + '(?![A-Za-z0-9_-])', term.ignoreCase ? 'i' : ''),
  );
}

/** The jargon terms a text uses (HTML markup is ignored), in list order. */
export function jargonIn(text: string): JargonTerm[] {
  const plain = text.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return JARGON.filter((term) => termPatterns(term).some((re) => re.test(plain)));
}

/** GitHub's anchor for a glossary heading (same rule as test/docs/markdown.ts githubSlug). */
export function glossaryAnchor(term: JargonTerm): string {
  return term.heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
