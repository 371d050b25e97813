// The debug log behind GET /_debug (HTML) and GET /_debug.json: the last N events with what each
// tag did. Incoming event data carries raw user data (the GA4 web tag sends ep.user_data.* in
// plain text, docs/contracts/ga4-event-data.md), so nothing leaves this log unredacted:
// - every value under user_data (except `_tag_mode`, `sha256_*` keys and 64-hex hashes);
// - every value under a key the tags treat as personal anywhere in the data (email, phone,
//   phone_number, external_id, user_id, first/last name, address, zip…: the same names
//   src/core/url-privacy.ts recognises in URLs), unless it is a 64-hex hash;
// - email addresses anywhere, also percent-encoded (`jane%40example.com`, `%2540`), and phone
//   numbers written with + or 00;
// - URLs go through the same redaction as page.url (query values that look personal);
// - credentials: configured secret values (e.g. the access token) wherever they appear, and
//   credential-named query parameters.
// Entries are stored as recorded and redacted when first read (then kept): recording an event
// costs no JSON work, and nothing unredacted is ever returned. The log keeps at most `capacity`
// entries and about `maxBytes` bytes of bodies and payloads.

import { nodeToolkit } from '../core-node/toolkit';
import { isPersonalParameterName, looksLikePhone, redactPersonalData } from '../core/url-privacy';
import { BoundedLog } from './bounds';
import { hideSecretQueryValues, hideSecretsInText, setOwn } from './secrets';

export interface DebugRequestExchange {
  method: string;
  /** The URL the template asked for. */
  url: string;
  /** Where it really went (the mock, unless live). */
  sentTo: string;
  payload: unknown;
  status?: number;
  error?: string;
  answer?: unknown;
}

export interface DebugTagOutcome {
  tag: string;
  template: string;
  outcome: string;
  message?: string;
  requests: DebugRequestExchange[];
  cookiesSet: string[];
  logs: string[];
}

export interface DebugEntry {
  id: number;
  time: string;
  source: 'ga4' | 'events';
  method: string;
  path: string;
  remoteAddress?: string;
  eventName?: string;
  eventData: unknown;
  issues: string[];
  tags: DebugTagOutcome[];
  cookiesSet: string[];
}

/** One exchange as recorded: bodies are raw text, parsed and redacted when the entry is read. */
export interface RecordedExchange {
  method: string;
  url: string;
  sentTo: string;
  body?: string;
  status?: number;
  error?: string;
  answerBody?: string;
}

export interface RecordedTag extends Omit<DebugTagOutcome, 'requests'> {
  requests: RecordedExchange[];
}

/** What the server records per event (raw: only ever shown through redaction). */
export interface RecordedEvent extends Omit<DebugEntry, 'id' | 'time' | 'tags'> {
  /** Milliseconds since the epoch. */
  time: number;
  tags: RecordedTag[];
}

interface Slot {
  id: number;
  recorded?: RecordedEvent;
  view?: DebugEntry;
}

export const DEFAULT_DEBUG_BYTES = 16 * 1024 * 1024;

export class DebugLog {
  private readonly slots: Slot[] = [];
  private readonly bounded: BoundedLog<Slot>;
  private nextId = 1;
  private readonly secrets: readonly string[];

  constructor(
    readonly capacity = 50,
    options: { maxBytes?: number; secrets?: readonly string[] } = {},
  ) {
    this.bounded = new BoundedLog(this.slots, { maxEntries: capacity, maxBytes: options.maxBytes ?? DEFAULT_DEBUG_BYTES });
    this.secrets = options.secrets ?? [];
  }

  /** Records an event; `bytes` is what it weighs (bodies, payloads). Returns its id. */
  record(event: RecordedEvent, bytes = 0): number {
    const id = this.nextId++;
    this.bounded.push({ id, recorded: event }, bytes + 1024);
    return id;
  }

  /** Records and returns the redacted entry at once. */
  add(entry: Omit<DebugEntry, 'id'>): DebugEntry {
    const tags: RecordedTag[] = entry.tags.map((tag) => ({
      ...tag,
      requests: tag.requests.map((request) => ({
        method: request.method, url: request.url, sentTo: request.sentTo, status: request.status, error: request.error,
        body: typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload),
        answerBody: request.answer === undefined || typeof request.answer === 'string' ? request.answer : JSON.stringify(request.answer),
      })),
    }));
    const id = this.record({ ...entry, time: Date.parse(entry.time) || Date.now(), tags });
    return this.get(id)!;
  }

  /** The redacted entry with this id, while it is still kept. */
  get(id: number): DebugEntry | undefined {
    const slot = this.slots.find((candidate) => candidate.id === id);
    return slot ? this.view(slot) : undefined;
  }

  /** Newest first, redacted. */
  list(): DebugEntry[] {
    const out: DebugEntry[] = [];
    for (let i = this.slots.length - 1; i >= 0; i--) out.push(this.view(this.slots[i]));
    return out;
  }

  clear(): void {
    this.bounded.clear();
  }

  /** The redacted form of a recorded event, also after the log has let it go. */
  render(id: number, event: RecordedEvent): DebugEntry {
    return redactEntry(id, event, this.secrets);
  }

  private view(slot: Slot): DebugEntry {
    if (!slot.view) {
      slot.view = redactEntry(slot.id, slot.recorded!, this.secrets);
      // The raw record is dropped once its redacted form exists.
      slot.recorded = undefined;
    }
    return slot.view;
  }
}

function redactEntry(id: number, event: RecordedEvent, secrets: readonly string[]): DebugEntry {
  const text = (value: string) => redactText(value, secrets);
  return {
    id,
    time: new Date(event.time).toISOString(),
    source: event.source,
    method: event.method,
    path: text(event.path),
    remoteAddress: event.remoteAddress,
    eventName: event.eventName === undefined ? undefined : text(event.eventName),
    eventData: redact(event.eventData, false, '', secrets),
    issues: event.issues.map(text),
    tags: event.tags.map((tag) => ({
      tag: tag.tag,
      template: tag.template,
      outcome: tag.outcome,
      message: tag.message === undefined ? undefined : text(tag.message),
      requests: tag.requests.map((request) => ({
        method: request.method,
        url: text(request.url),
        sentTo: text(request.sentTo),
        payload: redact(parseJson(request.body ?? '') ?? request.body ?? '', false, '', secrets),
        status: request.status,
        error: request.error,
        answer: request.answerBody === undefined ? undefined : redact(parseJson(request.answerBody) ?? request.answerBody, false, '', secrets),
      })),
      cookiesSet: tag.cookiesSet.map(text),
      logs: tag.logs.map(text),
    })),
    cookiesSet: event.cookiesSet.map(text),
  };
}

const tk = nodeToolkit({ withSha256: false });
/** An email address, plain or with its @ percent-encoded once or twice. */
const EMAIL_PATTERN = /[\p{L}\p{N}._%+'-]+(?:@|%40|%2540)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
/** A phone number written internationally (+ or 00), possibly percent-encoded (%2B). */
const PHONE_PATTERN = /(?:\+|%2B|\b00)[\d\s().\/-]{7,22}\d/gi;
const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/|^\/[^\s]*[?#]/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
/** user_data keys that are not personal data. */
const USER_DATA_PASSTHROUGH = /^(_tag_mode|sha256_.*)$/;

/** Free text with emails, international phone numbers, personal URL parts and secrets removed. */
export function redactText(value: string, secrets: readonly string[] = []): string {
  let out = secrets.length > 0 ? hideSecretsInText(value, secrets) : value;
  if (URL_PATTERN.test(out)) out = hideSecretQueryValues(redactPersonalData(out, tk));
  out = out.replace(EMAIL_PATTERN, '[redacted email]');
  return out.replace(PHONE_PATTERN, (match) => (looksLikePhone(decodePlus(match)) ? '[redacted phone]' : match));
}

function decodePlus(text: string): string {
  return text.replace(/%2B/gi, '+');
}

/** A deep copy with personal data replaced by placeholders (see the file comment). */
export function redact(value: unknown, insideUserData = false, key = '', secrets: readonly string[] = []): unknown {
  const personalKey = key !== '' && (insideUserData ? !USER_DATA_PASSTHROUGH.test(key) : isPersonalParameterName(key));
  if (typeof value === 'string') {
    if (personalKey && !SHA256_HEX.test(value)) return `[redacted: ${value.length} chars]`;
    return redactText(value, secrets);
  }
  if (typeof value === 'number' && personalKey) return '[redacted number]';
  if (Array.isArray(value)) return value.map((entry) => redact(entry, insideUserData, key, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      const childInside = insideUserData || childKey === 'user_data';
      // Inside user_data every key is personal unless passed through; a parent's personal key
      // (e.g. `address: {...}` under user_data) carries over to its children.
      const childKeyForRules = insideUserData || !personalKey ? childKey : key;
      setOwn(out, redactText(childKey, secrets), redact(child, childInside, childKeyForRules, secrets));
    }
    return out;
  }
  return value;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

function pre(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return `<pre>${escapeHtml(text ?? '')}</pre>`;
}

function list(items: string[]): string {
  if (items.length === 0) return '<span class="none">none</span>';
  return `<ul>${items.map((item) => `<li><code>${escapeHtml(item)}</code></li>`).join('')}</ul>`;
}

function renderTag(tag: DebugTagOutcome): string {
  const requests = tag.requests.length === 0
    ? '<span class="none">no request</span>'
    : tag.requests
        .map((request) => {
          const target = request.sentTo === request.url ? escapeHtml(request.url) : `${escapeHtml(request.url)}<br>→ ${escapeHtml(request.sentTo)}`;
          const result = request.error ? `failed: ${escapeHtml(request.error)}` : `HTTP ${escapeHtml(String(request.status))}`;
          return `<div class="req"><b>${escapeHtml(request.method)}</b> ${target}${pre(request.payload)}<b>Answer</b> ${result}${pre(request.answer ?? '')}</div>`;
        })
        .join('');
  return `<div class="tag outcome-${escapeHtml(tag.outcome)}"><b>${escapeHtml(tag.tag)}</b> <small>${escapeHtml(tag.template)}</small>
  → <b>${escapeHtml(tag.outcome)}</b>${tag.message ? ` <i>${escapeHtml(tag.message)}</i>` : ''}
  ${requests}
  ${tag.logs.length ? `<details><summary>logs (${tag.logs.length})</summary>${list(tag.logs)}</details>` : ''}</div>`;
}

/** The whole /_debug page. Every dynamic value goes through escapeHtml. */
export function renderDebugPage(entries: DebugEntry[], info: { mode: string; mockUrl: string }): string {
  const rows = entries
    .map(
      (entry) => `<tr>
  <td>#${entry.id}<br><small>${escapeHtml(entry.time)}</small><br>${escapeHtml(entry.method)} ${escapeHtml(entry.path)}<br><small>${escapeHtml(entry.remoteAddress ?? '')}</small></td>
  <td><b>${escapeHtml(entry.eventName ?? '(none)')}</b><details><summary>event data</summary>${pre(entry.eventData)}</details>${entry.issues.length ? `<div class="issues">${list(entry.issues)}</div>` : ''}</td>
  <td>${entry.tags.length ? entry.tags.map(renderTag).join('') : '<span class="none">no tag fired</span>'}</td>
  <td>${list(entry.cookiesSet)}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local tagging server: debug</title>
<style>
body{font-family:system-ui,sans-serif;margin:1em;font-size:14px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}
pre{background:#f6f6f6;padding:4px;max-height:24em;overflow:auto;white-space:pre-wrap;word-break:break-all}
.tag{border-left:4px solid #999;padding-left:6px;margin-bottom:8px}.outcome-success{border-color:#2a2}
.outcome-failure,.outcome-exception,.outcome-timeout,.outcome-rejected,.outcome-unavailable{border-color:#c22}
.none{color:#888}.issues{color:#a60}ul{margin:0;padding-left:1.2em}
</style></head><body>
<h1>Local tagging server: last ${entries.length} event(s)</h1>
<p>TikTok requests go to: <code>${escapeHtml(info.mockUrl)}</code> (${escapeHtml(info.mode)}). JSON: <a href="/_debug.json">/_debug.json</a>. Personal data is redacted.</p>
<table><thead><tr><th>Request</th><th>Incoming event</th><th>Tags (outcome, TikTok payload, answer)</th><th>Cookies set</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4" class="none">No events yet.</td></tr>'}
</tbody></table></body></html>`;
}
