// GA4 web hits (`/g/collect`, protocol v2) → sGTM event data, as the built-in "Google Analytics:
// GA4" client would hand them to tags. Pure functions only (no I/O), so the mapping can be unit
// tested and reused by the bench. The mapping follows docs/contracts/ga4-event-data.md (parameters,
// items, IP and user agent, user data); every choice where the sources disagree or say nothing is
// listed in docs/local-server.md.
//
// Hits come from anyone, so the parser is defensive: lookup tables are Maps (a parameter named
// `constructor` or `toString` is a plain name, never a lookup on Object.prototype), issue lists
// are capped per event, nesting is bounded, and bad percent-escapes cost linear time.

import { IssueList, IssueSink, capIssues } from './bounds';

export type EventData = Record<string, unknown>;

export interface Ga4RequestInput {
  /** Raw query string without `?`. */
  queryString: string;
  /** Raw POST body (one event per line), or undefined/empty for a single-event hit. */
  body?: string;
  /** Request headers; names are matched case-insensitively. */
  headers?: Record<string, string | string[] | undefined>;
  /** The TCP peer address. */
  remoteAddress?: string;
  /** Read the client address from Forwarded / X-Forwarded-For (only behind a proxy you trust). */
  trustForwardedFor?: boolean;
  /** Milliseconds since the epoch, for x-sst-system_properties.request_start_time_ms. */
  now?: number;
  /** GA4 allows at most 200 items per event; further prN are dropped (and reported). */
  maxItems?: number;
  /** Events per request beyond this are dropped (gtag batches at most 20). */
  maxEvents?: number;
}

export interface Ga4ParseResult {
  events: EventData[];
  /**
   * Human-readable notes on what was dropped or repaired, for the whole request (events numbered
   * in a batch); empty for a clean hit. Capped (see MAX_ISSUES_PER_EVENT).
   */
  issues: string[];
  /** Per kept event (same order as `events`): the request's notes and the event's own, capped. */
  eventIssues: string[][];
  /** True when the hit asked for the server-sent-events response (`richsstsse`). */
  richResponse: boolean;
}

export const DEFAULT_MAX_ITEMS = 200;
export const DEFAULT_MAX_EVENTS = 100;
/** Issue messages kept per event (the rest are counted); a request keeps a few times more. */
export const MAX_ISSUES_PER_EVENT = 20;
/**
 * Levels a dotted ep.* name may create. GA4's deepest documented name is 4 segments
 * (user_data.address.0.city); segments past this depth stay together as one key, so the value is
 * kept (and the issue reported) without building a structure that deep.
 */
export const MAX_PARAMETER_DEPTH = 16;

/** Params whose event-data key has a name of its own (docs/contracts/ga4-event-data.md). */
const NAMED_STRING_KEYS = new Map<string, string>(Object.entries({
  v: 'x-ga-protocol_version',
  tid: 'x-ga-measurement_id',
  gtm: 'x-ga-gtm_version',
  cid: 'client_id',
  uid: 'user_id',
  sid: 'ga_session_id',
  seg: 'x-ga-mp2-seg',
  dl: 'page_location',
  dr: 'page_referrer',
  dt: 'page_title',
  ul: 'language',
  sr: 'screen_resolution',
  de: 'page_encoding',
  ur: 'x-ga-ur',
  en: 'event_name',
  cu: 'currency',
  gcs: 'x-ga-gcs',
  gcd: 'x-ga-gcd',
  gcu: 'x-ga-gcu',
  dma: 'x-ga-dma',
  dma_cps: 'x-ga-dma_cps',
  npa: 'x-ga-npa',
  are: 'x-ga-are',
  pscdl: 'x-ga-pscdl',
  ecid: 'x-ga-ecid',
  em: 'x-ga-em',
  did: 'x-ga-did',
  gdid: 'x-ga-gdid',
  edid: 'x-ga-edid',
}));

const NAMED_NUMBER_KEYS = new Map<string, string>(Object.entries({
  _p: 'x-ga-page_id',
  _s: 'x-ga-request_count',
  sct: 'ga_session_number',
  _et: 'engagement_time_msec',
  tfd: 'x-ga-tfd',
}));

/** Params the client consumes without putting them in event data. */
const CONSUMED_PARAMS = new Set(['_fplc', 'ec_mode', 'richsstsse']);

/** Client-hint params → client_hints keys. */
const CLIENT_HINT_PARAMS = new Map<string, string>(Object.entries({
  uaa: 'architecture',
  uab: 'bitness',
  uafvl: 'full_version_list',
  uamb: 'mobile',
  uam: 'model',
  uap: 'platform',
  uapv: 'platform_version',
  uaw: 'wow64',
}));

/** Item segment codes → item keys. Numbers: price, quantity, discount, index. */
const ITEM_CODES = new Map<string, string>(Object.entries({
  id: 'item_id',
  nm: 'item_name',
  br: 'item_brand',
  ca: 'item_category',
  c2: 'item_category2',
  c3: 'item_category3',
  c4: 'item_category4',
  c5: 'item_category5',
  va: 'item_variant',
  pr: 'price',
  qt: 'quantity',
  cp: 'coupon',
  ds: 'discount',
  ln: 'item_list_name',
  li: 'item_list_id',
  lp: 'index',
  af: 'affiliation',
  lo: 'location_id',
  pi: 'promotion_id',
  pn: 'promotion_name',
  cn: 'creative_name',
  cs: 'creative_slot',
}));
const NUMERIC_ITEM_KEYS = new Set(['price', 'quantity', 'discount', 'index']);

/** Keys that would let a hit reach Object.prototype through nested ep.* names. */
const FORBIDDEN_PATH_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Largest array index a dotted ep.* name may create (the GA4 tag indexes addresses 0–99). */
const MAX_NESTED_INDEX = 99;

// ---------------------------------------------------------------------------------------------
// Query-string decoding

/**
 * Decodes one urlencoded component. `+` is a space (form encoding). Malformed percent escapes do
 * not fail the whole value: each escape that does not start a valid UTF-8 sequence is kept verbatim.
 */
export function decodeComponent(raw: string, issues?: IssueSink): string {
  if (raw.indexOf('%') === -1) return raw.indexOf('+') === -1 ? raw : raw.replace(/\+/g, ' ');
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    issues?.push(`malformed percent-encoding kept verbatim: ${truncate(raw, 60)}`);
    return decodeLeniently(spaced);
  }
}

/**
 * Percent-decoding that keeps invalid escapes as text, in one pass (no exception per escape: a body
 * of bad escapes must cost linear time). A run of escapes is decoded as UTF-8 the way
 * decodeURIComponent does (no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function decodeLeniently(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const byte = ch === '%' ? hexByte(text, i) : -1;
    if (byte === -1) {
      out += ch;
      i++;
      continue;
    }
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      i += 3;
      continue;
    }
    const decoded = utf8Sequence(text, i, byte);
    if (decoded === undefined) {
      out += text.slice(i, i + 3);
      i += 3;
    } else {
      out += decoded.char;
      i += decoded.escapes * 3;
    }
  }
  return out;
}

function hexByte(text: string, at: number): number {
  if (at + 2 >= text.length) return -1;
  const high = hexValue(text.charCodeAt(at + 1));
  const low = hexValue(text.charCodeAt(at + 2));
  return high === -1 || low === -1 ? -1 : high * 16 + low;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** The character a UTF-8 sequence of escapes starting at `at` (lead byte `lead`) encodes. */
function utf8Sequence(text: string, at: number, lead: number): { char: string; escapes: number } | undefined {
  let length: number;
  let codePoint: number;
  let min: number;
  if (lead >= 0xc2 && lead <= 0xdf) [length, codePoint, min] = [2, lead & 0x1f, 0x80];
  else if (lead >= 0xe0 && lead <= 0xef) [length, codePoint, min] = [3, lead & 0x0f, 0x800];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, codePoint, min] = [4, lead & 0x07, 0x10000];
  else return undefined;
  for (let k = 1; k < length; k++) {
    const position = at + k * 3;
    const next = text[position] === '%' ? hexByte(text, position) : -1;
    if (next < 0x80 || next > 0xbf) return undefined;
    codePoint = codePoint * 64 + (next & 0x3f);
  }
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
  return { char: String.fromCodePoint(codePoint), escapes: length };
}

/** Parses `a=1&b=2` into ordered [name, value] pairs; a name without `=` gets the value ''. */
export function parseParams(text: string, issues?: IssueSink): [string, string][] {
  const pairs: [string, string][] = [];
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    const name = decodeComponent(rawName, issues);
    if (name === '') continue;
    pairs.push([name, decodeComponent(rawValue, issues)]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Items

/** Splits an item string on single `~`; `~~` is a literal tilde inside a value. */
export function splitItemSegments(encoded: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i];
    if (ch === '~') {
      if (encoded[i + 1] === '~') {
        current += '~';
        i++;
      } else {
        segments.push(current);
        current = '';
      }
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments.filter((s) => s !== '');
}

/** Decodes one `pr<n>` value (`idSKU~nmTee~pr9.5~qt2~k0size~v0M`) into a GA4 item object. */
export function parseItem(encoded: string, issues?: IssueSink): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const customNames = new Map<string, string>();
  const customValues = new Map<string, string>();
  for (const segment of splitItemSegments(encoded)) {
    // Some cheat sheets write ca2..ca5 instead of c2..c5; accept both (docs/contracts/ga4-event-data.md, items).
    const legacyCategory = /^ca([2-5])(.*)$/s.exec(segment);
    if (legacyCategory) {
      item[`item_category${legacyCategory[1]}`] = legacyCategory[2];
      continue;
    }
    const custom = /^([kv])(\d+)(.*)$/s.exec(segment);
    if (custom) {
      (custom[1] === 'k' ? customNames : customValues).set(custom[2], custom[3]);
      continue;
    }
    const code = segment.slice(0, 2);
    const value = segment.slice(2);
    const key = ITEM_CODES.get(code);
    if (!key) {
      issues?.push(`unknown item segment code "${truncate(code, 10)}" ignored`);
      continue;
    }
    if (NUMERIC_ITEM_KEYS.has(key)) {
      const number = toNumber(value);
      if (number === undefined) issues?.push(`item ${key} "${truncate(value, 20)}" is not a number; dropped`);
      else item[key] = number;
    } else {
      item[key] = value;
    }
  }
  for (const [index, name] of customNames) {
    const value = customValues.get(index);
    if (name === '' || FORBIDDEN_PATH_SEGMENTS.has(name) || value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(item, name)) item[name] = value;
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// Nested ep.* names

/**
 * Sets `target[a][b][0][c] = value` for the path `a.b.0.c`. Numeric segments (0–99) create arrays,
 * as the GA4 client does for `ep.user_data.address.0.city` (docs/contracts/ga4-event-data.md). Only
 * own properties are followed (a segment named `toString` is a key like any other), and segments
 * past MAX_PARAMETER_DEPTH stay together as one key.
 */
export function setNested(target: Record<string, unknown>, path: string, value: unknown, issues?: IssueSink): void {
  let segments = path.split('.');
  if (segments.some((s) => s === '' || FORBIDDEN_PATH_SEGMENTS.has(s))) {
    issues?.push(`parameter name "${truncate(path, 60)}" ignored`);
    return;
  }
  if (segments.length > MAX_PARAMETER_DEPTH) {
    issues?.push(`parameter "${truncate(path, 60)}" nests ${segments.length} levels; the levels past ${MAX_PARAMETER_DEPTH} are kept as one key`);
    segments = [...segments.slice(0, MAX_PARAMETER_DEPTH - 1), segments.slice(MAX_PARAMETER_DEPTH - 1).join('.')];
  }
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    const key: string | number = Array.isArray(node) ? Number(segment) : segment;
    if (Array.isArray(node) && !isArrayIndex(segment)) {
      issues?.push(`parameter "${truncate(path, 60)}" mixes list and object keys; ignored`);
      return;
    }
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    let child = Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
    if (child === null || typeof child !== 'object') {
      if (child !== undefined) issues?.push(`parameter "${truncate(path, 60)}" replaces a plain value`);
      child = isArrayIndex(segments[i + 1]) ? [] : {};
      container[key] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  }
}

function isArrayIndex(segment: string): boolean {
  return /^\d{1,2}$/.test(segment) && Number(segment) <= MAX_NESTED_INDEX;
}

// ---------------------------------------------------------------------------------------------
// Request-derived keys

export function headerValue(headers: Ga4RequestInput['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

/**
 * The client address as sGTM's getRemoteAddress would report it: the first address of
 * `Forwarded: for=` or `X-Forwarded-For` when the proxy is trusted, else the socket peer. An
 * IPv4-mapped IPv6 peer (`::ffff:1.2.3.4`) is reported as the IPv4 address.
 */
export function clientAddress(input: Pick<Ga4RequestInput, 'headers' | 'remoteAddress' | 'trustForwardedFor'>): string | undefined {
  if (input.trustForwardedFor) {
    const forwarded = headerValue(input.headers, 'forwarded');
    const forMatch = forwarded ? /for=("?)\[?([^\]";,\s]+)\]?\1/i.exec(forwarded) : null;
    if (forMatch) return normalizeAddress(forMatch[2]);
    const xff = headerValue(input.headers, 'x-forwarded-for');
    const first = xff?.split(',')[0].trim();
    if (first) return normalizeAddress(first);
  }
  return input.remoteAddress ? normalizeAddress(input.remoteAddress) : undefined;
}

function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  // `Forwarded: for=1.2.3.4:5678` may carry a port on IPv4.
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  return withPort ? withPort[1] : address;
}

/** `"Chromium";v="120", "Not_A Brand";v="8"` → [{brand, version}]. */
export function parseSecChUa(header: string): { brand: string; version: string }[] {
  const brands: { brand: string; version: string }[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"\s*;\s*v\s*=\s*"((?:[^"\\]|\\.)*)"/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(header))) brands.push({ brand: match[1], version: match[2] });
  return brands;
}

function parseFullVersionList(value: string, issues?: IssueSink): { brand: string; version: string }[] {
  if (value === '') return [];
  return value.split('|').map((entry) => {
    const semi = entry.lastIndexOf(';');
    const brand = semi === -1 ? entry : entry.slice(0, semi);
    const version = semi === -1 ? '' : entry.slice(semi + 1);
    // Brand names are encoded once more by gtag before joining.
    return { brand: decodeComponent(brand, issues), version: decodeComponent(version, issues) };
  });
}

// ---------------------------------------------------------------------------------------------
// One event

/** Turns the merged parameters of one event into event data (without request-derived keys). */
export function eventDataFromParams(pairs: [string, string][], issues: IssueSink = [], maxItems = DEFAULT_MAX_ITEMS): EventData {
  const data: EventData = {};
  const systemProperties: Record<string, unknown> = {};
  const sstProperties: Record<string, unknown> = {};
  const userProperties: Record<string, unknown> = {};
  const clientHints: Record<string, unknown> = {};
  const items: { index: number; value: string }[] = [];

  for (const [name, value] of pairs) {
    if (CONSUMED_PARAMS.has(name)) continue;
    const stringKey = NAMED_STRING_KEYS.get(name);
    if (stringKey !== undefined) {
      data[stringKey] = value;
      continue;
    }
    const numberKey = NAMED_NUMBER_KEYS.get(name);
    if (numberKey !== undefined) {
      const number = toNumber(value);
      if (number === undefined) issues.push(`${name}="${truncate(value, 20)}" is not a number; dropped`);
      else data[numberKey] = number;
      continue;
    }
    const hintKey = CLIENT_HINT_PARAMS.get(name);
    if (hintKey !== undefined) {
      const key = hintKey;
      if (name === 'uafvl') clientHints[key] = parseFullVersionList(value, issues);
      else if (name === 'uamb' || name === 'uaw') clientHints[key] = value === '1';
      else clientHints[key] = value;
      continue;
    }
    if (name === 'lps') {
      data['x-ga-lps'] = value === '1' || value === 'true';
      continue;
    }
    const itemMatch = /^pr(\d+)$/.exec(name);
    if (itemMatch) {
      items.push({ index: Number(itemMatch[1]), value });
      continue;
    }
    if (name.startsWith('ep.') || name.startsWith('epn.')) {
      const numeric = name.startsWith('epn.');
      const path = name.slice(numeric ? 4 : 3);
      if (numeric) {
        const number = toNumber(value);
        if (number === undefined) issues.push(`${truncate(name, 60)}="${truncate(value, 20)}" is not a number; dropped`);
        else setNested(data, path, number, issues);
      } else {
        setNested(data, path, value, issues);
      }
      continue;
    }
    if (name.startsWith('up.') || name.startsWith('upn.')) {
      const numeric = name.startsWith('upn.');
      const key = name.slice(numeric ? 4 : 3);
      if (key === '' || FORBIDDEN_PATH_SEGMENTS.has(key)) continue;
      if (numeric) {
        const number = toNumber(value);
        if (number === undefined) issues.push(`${truncate(name, 60)} is not a number; dropped`);
        else userProperties[key] = number;
      } else {
        userProperties[key] = value;
      }
      continue;
    }
    if (name.startsWith('sst.')) {
      const key = name.slice(4);
      if (key !== '' && !FORBIDDEN_PATH_SEGMENTS.has(key)) sstProperties[key] = value;
      continue;
    }
    if (name === '_ee') {
      systemProperties.ee = true;
      continue;
    }
    if (name.startsWith('_') && name.length > 1) {
      const key = name.slice(1);
      if (!FORBIDDEN_PATH_SEGMENTS.has(key)) systemProperties[key] = value;
      continue;
    }
    // Prefixed, any name is a plain key (`x-ga-mp2-constructor`, `x-ga-mp2-__proto__`).
    data[`x-ga-mp2-${name}`] = value;
  }

  if (items.length > 0) {
    items.sort((a, b) => a.index - b.index);
    if (items.length > maxItems) {
      issues.push(`${items.length} items; only the first ${maxItems} kept`);
      items.length = maxItems;
    }
    data.items = items.map((entry) => parseItem(entry.value, issues));
  }
  if (Object.keys(userProperties).length > 0) data['x-ga-mp2-user_properties'] = userProperties;
  if (Object.keys(systemProperties).length > 0) data['x-ga-system_properties'] = systemProperties;
  if (Object.keys(sstProperties).length > 0) data['x-sst-system_properties'] = sstProperties;
  if (Object.keys(clientHints).length > 0) data.client_hints = clientHints;
  return data;
}

/** Adds the keys the GA4 client derives from the HTTP request itself (address, user agent, hints). */
export function addRequestKeys(data: EventData, input: Ga4RequestInput): EventData {
  const ip = clientAddress(input);
  if (ip) data.ip_override = ip;
  const userAgent = headerValue(input.headers, 'user-agent');
  if (userAgent !== undefined) data.user_agent = userAgent;

  const secChUa = headerValue(input.headers, 'sec-ch-ua');
  const chMobile = headerValue(input.headers, 'sec-ch-ua-mobile');
  const chPlatform = headerValue(input.headers, 'sec-ch-ua-platform');
  if (secChUa !== undefined || data.client_hints) {
    const hints = (data.client_hints as Record<string, unknown> | undefined) ?? {};
    hints.brands = secChUa ? parseSecChUa(secChUa) : [];
    if (!('mobile' in hints)) hints.mobile = chMobile === '?1';
    if (!('platform' in hints) && chPlatform !== undefined) hints.platform = chPlatform;
    data.client_hints = hints;
  }

  const country = headerValue(input.headers, 'x-gclb-country') ?? headerValue(input.headers, 'x-appengine-country');
  const region = headerValue(input.headers, 'x-gclb-region') ?? headerValue(input.headers, 'x-appengine-region');
  if (country || region) {
    const location: Record<string, string> = {};
    if (country) location.country = country;
    if (region) location.region = region;
    data.event_location = location;
  }

  const sst = (data['x-sst-system_properties'] as Record<string, unknown> | undefined) ?? {};
  sst.request_start_time_ms = input.now ?? Date.now();
  data['x-sst-system_properties'] = sst;
  return data;
}

// ---------------------------------------------------------------------------------------------
// The whole request

/**
 * Splits a hit into events: no body ⇒ one event from the query; otherwise one event per non-empty
 * body line, each line's params merged over the query's shared params (the line wins). Events
 * without `en` are skipped and reported; the others are kept.
 */
export function parseGa4Request(input: Ga4RequestInput): Ga4ParseResult {
  const requestIssues = new IssueList(MAX_ISSUES_PER_EVENT);
  const maxEvents = input.maxEvents ?? DEFAULT_MAX_EVENTS;
  const queryString = input.queryString.startsWith('?') ? input.queryString.slice(1) : input.queryString;
  const shared = parseParams(queryString, requestIssues);
  const richResponse = shared.some(([name]) => name === 'richsstsse');

  const lines = (input.body ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > maxEvents) {
    requestIssues.push(`${lines.length} events in one request; only the first ${maxEvents} processed`);
    lines.length = maxEvents;
  }
  const batch = lines.length > 1;
  const events: EventData[] = [];
  const eventIssues: string[][] = [];
  const all: string[] = requestIssues.toList();
  const parsedLines = lines.length === 0 ? [undefined] : lines;
  parsedLines.forEach((line, index) => {
    const own = new IssueList(MAX_ISSUES_PER_EVENT);
    const pairs = line === undefined ? shared : mergeParams(shared, parseParams(line, own));
    const data = eventDataFromParams(pairs, own, input.maxItems);
    const prefix = batch ? `event ${index + 1}: ` : '';
    if (typeof data.event_name !== 'string' || data.event_name === '') {
      own.push(batch ? 'no event name (en); skipped' : 'hit has no event name (en); skipped');
    } else {
      events.push(addRequestKeys(data, input));
      eventIssues.push(capIssues([...requestIssues.toList(), ...own.toList()], MAX_ISSUES_PER_EVENT));
    }
    for (const issue of own.toList()) all.push(batch && issue === 'no event name (en); skipped' ? `event ${index + 1} has no event name (en); skipped` : prefix + issue);
  });
  return { events, issues: capIssues(all, MAX_ISSUES_PER_EVENT * 5), eventIssues, richResponse };
}

/** Query params first, then the line's; a name in both keeps the line's value at the line's place. */
function mergeParams(shared: [string, string][], line: [string, string][]): [string, string][] {
  const lineNames = new Set(line.map(([name]) => name));
  return [...shared.filter(([name]) => !lineNames.has(name)), ...line];
}

function toNumber(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
