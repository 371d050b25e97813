// The Google tag (gtag.js) of one page, as far as the journeys need it: which parameters an event
// carries, and the GA4 hit (`/g/collect`, protocol v2) it becomes.
//
// Parameter scope and precedence, from Google's gtag.js reference
// (https://developers.google.com/tag-platform/gtagjs/reference, "Parameter scope" and "Parameter
// precedence"): `set` applies to every event, `config` to every event sent to that target, `event`
// to that event only; the narrower scope wins. In Tag Manager the Google tag's configuration
// settings and its shared event settings are that target's configuration: "to send event-level
// parameters with all events, use the event settings variable in the Google tag"
// (https://support.google.com/tagmanager/answer/13438771). A GA4 event tag sends to the Google
// tag's target and so inherits them; its own event parameters win. The values are the ones computed
// when the Google tag fired (configuration is a command run once per page).
//
// Enhanced measurement (on by default in a GA4 web stream,
// https://support.google.com/analytics/answer/9216061) sends page_view on history changes,
// view_search_results for a URL with a search parameter, and file_download for clicks on file
// links; these events have no parameters of their own beyond the measurement's, so they carry
// every configuration parameter.

import { isObject } from './values';

/** Configuration keys that steer the tag and are not sent as event parameters. */
const CONTROL_KEYS = new Set([
  'server_container_url', 'transport_url', 'send_page_view', 'groups', 'send_to', 'event_callback', 'event_timeout',
  'cookie_domain', 'cookie_expires', 'cookie_prefix', 'cookie_update', 'cookie_flags', 'allow_google_signals',
  'allow_ad_personalization_signals', 'first_party_collection', 'ads_data_redaction', 'url_passthrough', 'linker',
  'page_location', 'page_referrer', 'page_title', 'user_id', 'client_id', 'session_id', 'debug_mode', 'user_properties',
  'update', 'ignore_referrer',
]);

/** gtag item keys → `pr<n>` segment codes (GA4 protocol). */
const ITEM_CODES: [string, string][] = [
  ['item_id', 'id'], ['item_name', 'nm'], ['item_brand', 'br'], ['item_category', 'ca'], ['item_category2', 'c2'],
  ['item_category3', 'c3'], ['item_category4', 'c4'], ['item_category5', 'c5'], ['item_variant', 'va'], ['price', 'pr'],
  ['quantity', 'qt'], ['coupon', 'cp'], ['discount', 'ds'], ['item_list_name', 'ln'], ['item_list_id', 'li'],
  ['index', 'lp'], ['affiliation', 'af'], ['location_id', 'lo'],
];

const SEARCH_QUERY_KEYS = ['q', 's', 'search', 'query', 'keyword'];
const DOWNLOAD_EXTENSIONS = /\.(pdf|xlsx?|docx?|txt|rtf|csv|exe|key|pp[st]x?|7z|pkg|rar|gz|zip|avi|mov|mp4|mpe?g|wmv|midi?|mp3|wav|wma)$/i;

export type ConsentValue = 'granted' | 'denied';

/** What the Google tag reads from and does to its page. */
export interface GtagHost {
  url(): string;
  referrer(): string;
  title(): string;
  now(): number;
  random(): number;
  /** Consent state per type: the defaults and the updates given so far on this page. */
  consentDefaults(): Record<string, ConsentValue>;
  consentUpdates(): Record<string, ConsentValue>;
  readCookie(name: string): string | undefined;
  writeScriptCookie(name: string, value: string, maxAgeSeconds: number): void;
  /** Sends a hit to the server container (`serverUrl`); resolves when its response is applied. */
  sendHit(serverUrl: string, queryString: string): Promise<void>;
}

interface Target {
  measurementId: string;
  params: Record<string, unknown>;
  enhancedMeasurement: EnhancedMeasurement;
}

/** The GA4 web stream's enhanced measurement switches (all on by default in GA4). */
export interface EnhancedMeasurement {
  /** "Page changes based on browser history events". */
  historyPageViews?: boolean;
  siteSearch?: boolean;
  fileDownloads?: boolean;
}

/** One hit as sent, for reports and tests. */
export interface SentHit {
  measurementId: string;
  eventName: string;
  params: Record<string, unknown>;
  /** Where it went: the server container URL, or `google` (not simulated: nothing arrives). */
  destination: string;
  queryString: string;
}

export class GoogleTag {
  private readonly targets = new Map<string, Target>();
  private globalParams: Record<string, unknown> = {};
  private hitCount = 0;
  private readonly pageId: number;
  private pending: { name: string; params: Record<string, unknown>; sendTo?: string }[] = [];
  readonly hits: SentHit[] = [];

  constructor(private readonly host: GtagHost) {
    this.pageId = host.now();
  }

  isConfigured(measurementId: string): boolean {
    return this.targets.has(measurementId);
  }

  /** The Google tag fired: its target's configuration, then its automatic page view. */
  async config(measurementId: string, params: Record<string, unknown>, enhancedMeasurement: EnhancedMeasurement = {}): Promise<void> {
    this.targets.set(measurementId, { measurementId, params: { ...params }, enhancedMeasurement });
    if (params.send_page_view !== false) await this.send(measurementId, 'page_view', {});
    await this.searchResults(measurementId);
    const waiting = this.pending.splice(0);
    for (const event of waiting) await this.event(event.name, event.params, event.sendTo);
  }

  /** gtag('set', params). */
  set(params: Record<string, unknown>): void {
    this.globalParams = { ...this.globalParams, ...params };
  }

  /** gtag('event', name, params): to `sendTo`, else to every configured target (queued until one is). */
  async event(name: string, params: Record<string, unknown>, sendTo?: string): Promise<void> {
    const targets = sendTo !== undefined ? [sendTo] : [...this.targets.keys()];
    if (targets.length === 0) {
      this.pending.push({ name, params, sendTo });
      return;
    }
    for (const id of targets) await this.send(id, name, params);
  }

  /** Enhanced measurement on history.pushState: page_view (and search results) for the new URL. */
  async historyChange(): Promise<void> {
    for (const target of this.targets.values()) {
      if (target.enhancedMeasurement.historyPageViews === false) continue;
      await this.send(target.measurementId, 'page_view', {});
      await this.searchResults(target.measurementId);
    }
  }

  /** Enhanced measurement: a click on a link to a file. */
  async linkClick(href: string): Promise<void> {
    const path = new URL(href, this.host.url()).pathname;
    if (!DOWNLOAD_EXTENSIONS.test(path)) return;
    const fileName = path.split('/').pop() ?? '';
    const params = { file_name: path, file_extension: fileName.split('.').pop() ?? '', link_url: new URL(href, this.host.url()).href };
    for (const target of this.targets.values()) {
      if (target.enhancedMeasurement.fileDownloads !== false) await this.send(target.measurementId, 'file_download', params);
    }
  }

  private async searchResults(measurementId: string): Promise<void> {
    if (this.targets.get(measurementId)?.enhancedMeasurement.siteSearch === false) return;
    const url = new URL(this.host.url());
    const key = SEARCH_QUERY_KEYS.find((candidate) => url.searchParams.get(candidate));
    if (key) await this.send(measurementId, 'view_search_results', { search_term: url.searchParams.get(key) });
  }

  /** Event parameters after scope precedence: event > the target's configuration > set. */
  effectiveParams(measurementId: string, params: Record<string, unknown>): Record<string, unknown> {
    const target = this.targets.get(measurementId);
    return { ...this.globalParams, ...(target?.params ?? {}), ...params };
  }

  private async send(measurementId: string, eventName: string, params: Record<string, unknown>): Promise<void> {
    const merged = this.effectiveParams(measurementId, params);
    const serverUrl = typeof merged.server_container_url === 'string' ? merged.server_container_url : undefined;
    const queryString = this.buildHit(measurementId, eventName, merged);
    this.hits.push({ measurementId, eventName, params: merged, destination: serverUrl ?? 'google', queryString });
    if (serverUrl) await this.host.sendHit(serverUrl, queryString);
  }

  /** The `/g/collect` query string gtag would send (one event per hit). */
  buildHit(measurementId: string, eventName: string, params: Record<string, unknown>): string {
    const pairs: [string, string][] = [];
    const add = (name: string, value: unknown) => {
      if (value !== undefined && value !== null && value !== '') pairs.push([name, String(value)]);
    };
    const analyticsDenied = this.consentOf('analytics_storage') === 'denied';
    add('v', '2');
    add('tid', measurementId);
    add('gtm', '45je6000v0');
    add('_p', this.pageId);
    add('cid', this.clientId(analyticsDenied));
    add('ul', 'en-us');
    add('sr', '1440x900');
    add('_s', ++this.hitCount);
    const session = this.session(analyticsDenied);
    add('sid', session.id);
    add('sct', session.count);
    add('seg', '1');
    add('dl', typeof params.page_location === 'string' ? params.page_location : this.host.url());
    add('dr', typeof params.page_referrer === 'string' ? params.page_referrer : this.host.referrer());
    add('dt', typeof params.page_title === 'string' ? params.page_title : this.host.title());
    add('en', eventName);
    add('gcs', this.gcs());
    add('gcd', this.gcd());
    if (typeof params.user_id === 'string') add('uid', params.user_id);
    if (params.debug_mode === true) add('_dbg', '1');
    let itemIndex = 0;
    for (const [key, value] of Object.entries(params)) {
      if (CONTROL_KEYS.has(key) || value === undefined || value === null) continue;
      if (key === 'items' && Array.isArray(value)) {
        for (const item of value) if (isObject(item)) add(`pr${++itemIndex}`, encodeItem(item));
      } else if (key === 'currency') {
        add('cu', value);
      } else if (key === 'user_data' && isObject(value)) {
        for (const [path, leaf] of flatten(value, 'user_data')) add(`ep.${path}`, leaf);
      } else if (typeof value === 'number') {
        add(`epn.${key}`, value);
      } else if (typeof value === 'string' || typeof value === 'boolean') {
        add(`ep.${key}`, value);
      }
      // Other objects and arrays are not GA4 event parameters: gtag leaves them out.
    }
    return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  }

  private consentOf(type: string): ConsentValue | undefined {
    return this.host.consentUpdates()[type] ?? this.host.consentDefaults()[type];
  }

  private gcs(): string {
    const signal = (type: string) => {
      const value = this.consentOf(type);
      return value === 'granted' ? '1' : value === 'denied' ? '0' : '-';
    };
    return 'G1' + signal('ad_storage') + signal('analytics_storage');
  }

  /** gcd: default and update of the four signals, one letter each (positions 2, 4, 6, 8). */
  private gcd(): string {
    const letter = (type: string) => {
      const byDefault = this.host.consentDefaults()[type];
      const byUpdate = this.host.consentUpdates()[type];
      const table: Record<string, string> = {
        '-/-': 'l', 'denied/-': 'p', 'denied/denied': 'q', 'denied/granted': 'r', 'granted/-': 't', 'granted/denied': 'u',
        'granted/granted': 'v', '-/denied': 'm', '-/granted': 'n',
      };
      return table[`${byDefault ?? '-'}/${byUpdate ?? '-'}`];
    };
    return `13${letter('ad_storage')}3${letter('analytics_storage')}3${letter('ad_user_data')}3${letter('ad_personalization')}5l1`;
  }

  /** The `_ga` client id (a script cookie, 2 years); without analytics_storage one per page, not stored. */
  private clientId(cookieless: boolean): string {
    if (cookieless) return `${this.pageRandom()}.${Math.floor(this.pageId / 1000)}`;
    const stored = this.host.readCookie('_ga');
    if (stored) return stored.split('.').slice(2).join('.');
    const id = `${Math.floor(this.host.random() * 1e9) + 1}.${Math.floor(this.host.now() / 1000)}`;
    this.host.writeScriptCookie('_ga', `GA1.1.${id}`, 2 * 365 * 24 * 3600);
    return id;
  }

  private cookielessId: number | undefined;
  private pageRandom(): number {
    this.cookielessId ??= Math.floor(this.host.random() * 1e9) + 1;
    return this.cookielessId;
  }

  /** `_ga_<id>`-style session: a new one after 30 minutes without hits. */
  private session(cookieless: boolean): { id: number; count: number } {
    const now = this.host.now();
    if (cookieless) return { id: Math.floor(this.pageId / 1000), count: 1 };
    const [id, count, last] = (this.host.readCookie('_ga_session') ?? '').split('.').map(Number);
    const fresh = !id || now / 1000 - last > 30 * 60;
    const session = fresh ? { id: Math.floor(now / 1000), count: (count || 0) + 1 } : { id, count };
    this.host.writeScriptCookie('_ga_session', `${session.id}.${session.count}.${Math.floor(now / 1000)}`, 2 * 365 * 24 * 3600);
    return session;
  }
}

function encodeItem(item: Record<string, unknown>): string {
  const segments: string[] = [];
  for (const [key, code] of ITEM_CODES) {
    const value = item[key];
    if (value === undefined || value === null || value === '') continue;
    segments.push(code + String(value).replace(/~/g, '~~'));
  }
  return segments.join('~');
}

function flatten(value: unknown, prefix: string): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => flatten(entry, `${prefix}.${index}`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, entry]) => flatten(entry, `${prefix}.${key}`));
  return value === undefined || value === null ? [] : [[prefix, value]];
}

