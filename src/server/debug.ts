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
// costs no JSON work, and nothing unredacted is ever returned. A tag's log line that is JSON (the
// server logging standard's records) is redacted key by key like event data, other lines as text.
// The raw input of an event (event data and request) is kept, never shown, while its entry is, so
// the debug page can replay it. The log keeps at most `capacity` entries and about `maxBytes`
// bytes of bodies and payloads.

import type { IncomingRequest } from '../sandbox/environment';
import { nodeToolkit } from '../core-node/toolkit';
import { isPersonalParameterName, looksLikePhone, redactPersonalData } from '../core/url-privacy';
import { BoundedLog } from './bounds';
import type { CountingNote } from './mock-tiktok';
import { hideSecretQueryValues, hideSecretsInText, setOwn } from './secrets';
import { parseJsonOrUndefined } from './json-text';

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
  /** The mock's warnings for this request (embedded mock only). */
  warnings?: string[];
  /** What TikTok's books did with each event of the request (embedded mock only). */
  counting?: CountingNote[];
}

export interface DebugTagOutcome {
  tag: string;
  template: string;
  outcome: string;
  message?: string;
  /** Why the tag sent nothing (or failed before sending): its last log message, else its outcome message. */
  reason?: string;
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
  /** What the server changed before the tags ran (consent set on the debug page), in words. */
  notes: string[];
  /** When no tag fired: why, per configured tag (its trigger). */
  notFired: string[];
  /** The entry this one replays. */
  replayOf?: number;
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
  warnings?: string[];
  counting?: CountingNote[];
}

export interface RecordedTag extends Omit<DebugTagOutcome, 'requests'> {
  requests: RecordedExchange[];
}

/** What the server records per event (raw: only ever shown through redaction). */
export interface RecordedEvent extends Omit<DebugEntry, 'id' | 'time' | 'tags' | 'notes' | 'notFired'> {
  /** Milliseconds since the epoch. */
  time: number;
  tags: RecordedTag[];
  notes?: string[];
  notFired?: string[];
}

/** What it takes to run an event again: its raw event data and request. Never shown. */
export interface ReplayInput {
  eventData: Record<string, unknown>;
  request: IncomingRequest;
  source: 'ga4' | 'events';
}

interface Slot {
  id: number;
  recorded?: RecordedEvent;
  view?: DebugEntry;
  replay?: ReplayInput;
}

export const DEFAULT_DEBUG_BYTES = 16 * 1024 * 1024;

export class DebugLog {
  private readonly slots: Slot[] = [];
  private readonly bounded: BoundedLog<Slot>;
  private nextId = 1;
  private changes = 0;
  private readonly secrets: readonly string[];

  constructor(
    readonly capacity = 50,
    options: { maxBytes?: number; secrets?: readonly string[] } = {},
  ) {
    this.bounded = new BoundedLog(this.slots, { maxEntries: capacity, maxBytes: options.maxBytes ?? DEFAULT_DEBUG_BYTES });
    this.secrets = options.secrets ?? [];
  }

  /**
   * Records an event; `bytes` is what it weighs (bodies, payloads). `replay` keeps the raw input
   * for a replay from the debug page while the entry is kept. Returns its id.
   */
  record(event: RecordedEvent, bytes = 0, replay?: ReplayInput): number {
    const id = this.nextId++;
    this.changes++;
    this.bounded.push({ id, recorded: event, replay }, bytes + 1024);
    return id;
  }

  /** Changes with every record and clear: the debug page polls it to refresh only when needed. */
  get version(): number {
    return this.changes;
  }

  /** The raw input of a kept entry, to run it again. */
  replayInput(id: number): ReplayInput | undefined {
    return this.slots.find((candidate) => candidate.id === id)?.replay;
  }

  /** Records and returns the redacted entry at once. */
  add(entry: Omit<DebugEntry, 'id' | 'notes' | 'notFired'> & { notes?: string[]; notFired?: string[] }): DebugEntry {
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
    this.changes++;
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
    notes: (event.notes ?? []).map(text),
    notFired: (event.notFired ?? []).map(text),
    replayOf: event.replayOf,
    tags: event.tags.map((tag) => {
      const logs = tag.logs.map((line) => redactLogLine(line, secrets));
      const message = tag.message === undefined ? undefined : text(tag.message);
      return {
        tag: tag.tag,
        template: tag.template,
        outcome: tag.outcome,
        message,
        reason: tag.requests.length === 0 ? skipReason(tag.outcome, message, logs) : undefined,
        requests: tag.requests.map((request) => {
          const exchange: DebugRequestExchange = {
            method: request.method,
            url: text(request.url),
            sentTo: text(request.sentTo),
            payload: redact(parseJsonOrUndefined(request.body ?? '') ?? request.body ?? '', false, '', secrets),
            status: request.status,
            error: request.error,
            answer: request.answerBody === undefined ? undefined : redact(parseJsonOrUndefined(request.answerBody) ?? request.answerBody, false, '', secrets),
          };
          if (request.warnings) exchange.warnings = request.warnings.map(text);
          if (request.counting) {
            exchange.counting = request.counting.map((note) => ({
              event: text(note.event),
              ...(note.event_id === undefined ? {} : { event_id: text(note.event_id) }),
              outcome: note.outcome,
              reason: text(note.reason),
            }));
          }
          return exchange;
        }),
        cookiesSet: tag.cookiesSet.map(text),
        logs,
      };
    }),
    cookiesSet: event.cookiesSet.map(text),
  };
}

/** A log line: JSON records (the server logging standard) redacted key by key, other lines as text. */
function redactLogLine(line: string, secrets: readonly string[]): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const record = parseJsonOrUndefined(trimmed);
    if (record !== undefined && typeof record === 'object' && record !== null) return JSON.stringify(redact(record, false, '', secrets));
  }
  return redactText(line, secrets);
}

/**
 * Why a tag sent no request. A tag says why in its log (our server tag logs a `Message` record
 * such as `not sent: "view_cart" has no TikTok standard event`), the last message that is not a
 * warning; a run that threw, timed out or was refused a permission has the emulator's message.
 */
export function skipReason(outcome: string, message: string | undefined, logs: string[]): string {
  const fromLogs = lastLogMessage(logs);
  const found = outcome === 'success' || outcome === 'failure' ? fromLogs ?? message : message ?? fromLogs;
  if (found !== undefined) return found;
  return logs.length === 0
    ? 'the tag gave no reason: it wrote no log line (tags log in Preview; is the server running as published?)'
    : 'the tag gave no reason';
}

function lastLogMessage(logs: string[]): string | undefined {
  let warning: string | undefined;
  for (let i = logs.length - 1; i >= 0; i--) {
    const line = logs[i];
    const record = line.trim().startsWith('{') ? parseJsonOrUndefined(line) : undefined;
    let text: string | undefined;
    if (record !== undefined) {
      // Request and Response records describe traffic, not a decision.
      const fields = record as Record<string, unknown>;
      if (typeof fields.Message === 'string' && (fields.Type === undefined || fields.Type === 'Message')) text = fields.Message;
    } else if (line.trim() !== '') {
      text = line;
    }
    if (text === undefined) continue;
    if (!/^warning\b/i.test(text)) return text;
    warning ??= text;
  }
  return warning;
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

/** A <details> whose open state the page keeps across refreshes (by `key`). */
function details(key: string, summary: string, body: string): string {
  return `<details data-key="${escapeHtml(key)}"><summary>${summary}</summary>${body}</details>`;
}

/** One log line: a server logging standard record as its type and gist (the record behind it), other lines as they are. */
function renderLogLine(line: string, key: string): string {
  const record = line.trim().startsWith('{') ? parseJsonOrUndefined(line) : undefined;
  if (record === undefined || record === null || typeof record !== 'object' || Array.isArray(record)) return `<li><code>${escapeHtml(line)}</code></li>`;
  const fields = record as Record<string, unknown>;
  const type = typeof fields.Type === 'string' ? fields.Type : 'record';
  const attempt = fields.Attempt === undefined ? '' : ` (attempt ${String(fields.Attempt)})`;
  let gist: string;
  if (typeof fields.Message === 'string') gist = fields.Message;
  else if (type === 'Request') gist = `${String(fields.RequestMethod ?? '')} ${String(fields.RequestUrl ?? '')}${attempt}`;
  else if (type === 'Response') gist = `HTTP ${String(fields.ResponseStatusCode ?? '')}${attempt}`;
  else gist = line.length > 160 ? `${line.slice(0, 160)}…` : line;
  const full = type === 'Message' ? '' : details(key, 'record', pre(JSON.stringify(record, null, 2)));
  return `<li><span class="logtype">${escapeHtml(type)}</span> ${escapeHtml(gist)}${full}</li>`;
}

function renderCounting(notes: CountingNote[]): string {
  const lines = notes.map((note) => {
    const id = note.event_id === undefined ? 'no event_id' : `event_id ${note.event_id}`;
    return `<li><b class="count-${escapeHtml(note.outcome)}">${escapeHtml(note.outcome)}</b> ${escapeHtml(note.event)} (${escapeHtml(id)}): ${escapeHtml(note.reason)}</li>`;
  });
  return `<div class="counting">TikTok's count: <ul>${lines.join('')}</ul></div>`;
}

function renderTag(tag: DebugTagOutcome, key: string): string {
  const requests = tag.requests
    .map((request) => {
      const target = request.sentTo === request.url ? escapeHtml(request.url) : `${escapeHtml(request.url)}<br>→ ${escapeHtml(request.sentTo)}`;
      const result = request.error ? `failed: ${escapeHtml(request.error)}` : `HTTP ${escapeHtml(String(request.status))}`;
      const warnings = request.warnings && request.warnings.length > 0
        ? `<div class="warnings">Mock warnings: ${list(request.warnings)}</div>`
        : '';
      const counting = request.counting && request.counting.length > 0 ? renderCounting(request.counting) : '';
      return `<div class="req"><b>${escapeHtml(request.method)}</b> ${target}${pre(request.payload)}` +
        `<b>Answer</b> ${result}${pre(request.answer ?? '')}${warnings}${counting}</div>`;
    })
    .join('');
  const noRequest = tag.requests.length === 0;
  const outcome = `<b>${escapeHtml(tag.outcome)}</b>${noRequest ? ', no request' : ''}`;
  const reason = tag.reason === undefined ? '' : `<div class="reason">Reason: ${escapeHtml(tag.reason)}</div>`;
  const logs = tag.logs.length === 0
    ? '<div class="logs none">no log lines</div>'
    : `<div class="logs">Log (${tag.logs.length}):<ul>${tag.logs.map((line, index) => renderLogLine(line, `${key}-log-${index}`)).join('')}</ul></div>`;
  const message = tag.message && tag.message !== tag.reason ? ` <i>${escapeHtml(tag.message)}</i>` : '';
  return `<div class="tag outcome-${escapeHtml(tag.outcome)}${noRequest ? ' no-request' : ''}"><b>${escapeHtml(tag.tag)}</b> <small>${escapeHtml(tag.template)}</small>
  → ${outcome}${message}${reason}${requests}${logs}</div>`;
}

function renderNotFired(reasons: string[]): string {
  const why = reasons.length ? `<div class="reason">${list(reasons)}</div>` : ' <span class="none">(no tag configured)</span>';
  return `<span class="none">no tag fired</span>${why}`;
}

function renderEntry(entry: DebugEntry): string {
  const key = `e${entry.id}`;
  const replayed = entry.replayOf === undefined ? '' : `<br><small>replay of #${entry.replayOf}</small>`;
  const notes = entry.notes.length ? `<div class="notes">${list(entry.notes)}</div>` : '';
  const issues = entry.issues.length ? `<div class="issues">${list(entry.issues)}</div>` : '';
  return `<tr data-id="${entry.id}">
  <td>#${entry.id}${replayed}<br><small>${escapeHtml(entry.time)}</small><br>${escapeHtml(entry.method)} ${escapeHtml(entry.path)}<br><small>${escapeHtml(entry.remoteAddress ?? '')}</small><br><button type="button" class="replay" data-id="${entry.id}">Replay</button></td>
  <td><b class="event-name">${escapeHtml(entry.eventName ?? '(none)')}</b>${details(`${key}-data`, 'event data', pre(entry.eventData))}${notes}${issues}</td>
  <td>${entry.tags.length ? entry.tags.map((tag, index) => renderTag(tag, `${key}-t${index}`)).join('') : renderNotFired(entry.notFired)}</td>
  <td>${list(entry.cookiesSet)}</td>
</tr>`;
}

/** The part of the page the auto-refresh replaces. */
function renderEntries(entries: DebugEntry[], version: number): string {
  const rows = entries.map(renderEntry).join('\n');
  return `<section id="entries" data-version="${version}">
<h2>Last ${entries.length} event(s)</h2>
<table><thead><tr><th>Request</th><th>Incoming event</th><th>Tags (outcome, reason, TikTok payload, answer, log)</th><th>Cookies set</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4" class="none">No events yet.</td></tr>'}
</tbody></table></section>`;
}

function renderConsentControls(forced: Partial<Record<string, 'granted' | 'denied'>>, signals: readonly string[]): string {
  const choices = signals.map((signal) => {
    const option = (value: string, label: string) => `<option value="${value}"${(forced[signal] ?? '') === value ? ' selected' : ''}>${label}</option>`;
    return `<label>${escapeHtml(signal)} <select data-signal="${escapeHtml(signal)}">${option('', 'as sent')}${option('granted', 'granted')}${option('denied', 'denied')}</select></label>`;
  });
  return `<fieldset id="consent"><legend>Consent for the next events</legend>${choices.join(' ')}
<p><small>Written into the event data of the next events (and replays) as the GA4 client would see it: <code>x-ga-gcs</code>, <code>x-ga-gcd</code>, and <code>consent_state</code> when the event has one.</small></p></fieldset>`;
}

export interface DebugPageInfo {
  mode: string;
  mockUrl: string;
  /** The tags run as GTM Preview (debug mode), so they write their logs. */
  preview: boolean;
  /** Consent signals forced from this page. */
  forcedConsent: Partial<Record<string, 'granted' | 'denied'>>;
  consentSignals: readonly string[];
  version: number;
}

/** The page's script: auto-refresh, clear, replay, consent. Every change goes through the JSON control endpoints. */
const PAGE_SCRIPT = `(function () {
  'use strict';
  var status = document.getElementById('status');
  var auto = document.getElementById('auto');
  function say(text) { status.textContent = text; }
  function control(method, path, body) {
    return fetch(path, {
      method: method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) return response.json();
      return response.text().then(function (text) { throw new Error('HTTP ' + response.status + ': ' + text); });
    });
  }
  function keepOpen(from, to) {
    var open = {};
    from.querySelectorAll('details[data-key]').forEach(function (d) { if (d.open) open[d.getAttribute('data-key')] = true; });
    to.querySelectorAll('details[data-key]').forEach(function (d) { if (open[d.getAttribute('data-key')]) d.open = true; });
  }
  function refresh() {
    var current = document.getElementById('entries');
    var version = current.getAttribute('data-version');
    return fetch('/_debug?since=' + encodeURIComponent(version), { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      if (response.status === 204) return;
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('entries');
        var now = document.getElementById('entries');
        if (!fresh || now.getAttribute('data-version') !== version) return;
        keepOpen(now, fresh);
        now.replaceWith(fresh);
      });
    });
  }
  var busy = false;
  setInterval(function () {
    if (!auto.checked || busy) return;
    busy = true;
    refresh().catch(function (error) { say('refresh failed: ' + error.message); }).then(function () { busy = false; });
  }, 1000);
  document.getElementById('clear').addEventListener('click', function () {
    control('DELETE', '/_debug.json').then(refresh).then(function () { say('cleared'); }, function (error) { say('clear failed: ' + error.message); });
  });
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('button.replay') : null;
    if (!button) return;
    var id = Number(button.getAttribute('data-id'));
    control('POST', '/_debug/replay', { id: id }).then(function (answer) {
      say('#' + id + ' replayed as #' + answer.id);
      return refresh();
    }, function (error) { say('replay failed: ' + error.message); });
  });
  document.querySelectorAll('select[data-signal]').forEach(function (select) {
    select.addEventListener('change', function () {
      var change = {};
      change[select.getAttribute('data-signal')] = select.value === '' ? null : select.value;
      control('POST', '/_debug/consent', change).then(function (answer) {
        say('consent for the next events: ' + (answer.description || 'as sent'));
      }, function (error) { say('consent change failed: ' + error.message); });
    });
  });
})();`;

/** The whole /_debug page. Every dynamic value goes through escapeHtml; the script is a constant. */
export function renderDebugPage(entries: DebugEntry[], info: DebugPageInfo): string {
  const mode = info.preview
    ? 'The tags run as in GTM Preview (debug mode), so they write their logs (start with <code>--published</code> to run them as a published container).'
    : 'The tags run as in a published container (<code>--published</code>): tags that log only in Preview write nothing.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local tagging server: debug</title>
<style>
body{font-family:system-ui,sans-serif;margin:1em;font-size:14px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}
pre{background:#f6f6f6;padding:4px;max-height:24em;overflow:auto;white-space:pre-wrap;word-break:break-all}
.tag{border-left:4px solid #999;padding-left:6px;margin-bottom:8px}.outcome-success{border-color:#2a2}.outcome-success.no-request{border-color:#c90}
.outcome-failure,.outcome-exception,.outcome-timeout,.outcome-rejected,.outcome-unavailable{border-color:#c22}
.none{color:#888}.issues,.warnings{color:#a60}.reason{color:#750;margin:2px 0}.notes{color:#36c}ul{margin:0;padding-left:1.2em}
.logs{font-size:12px;margin-top:4px}.logtype{display:inline-block;min-width:5em;color:#555;font-weight:bold}
.count-counted,.count-merged{color:#2a2}.count-deduplicated{color:#c60}.count-test{color:#888}
#controls{margin:8px 0}#status{color:#555;margin-left:1em}fieldset{margin:8px 0}
</style></head><body>
<h1>Local tagging server: debug</h1>
<p>${mode} TikTok requests go to: <code>${escapeHtml(info.mockUrl)}</code> (${escapeHtml(info.mode)}). JSON: <a href="/_debug.json">/_debug.json</a>. Personal data is redacted.</p>
<div id="controls"><label><input type="checkbox" id="auto" checked> Auto-refresh</label> <button type="button" id="clear">Clear</button><span id="status" role="status"></span></div>
${renderConsentControls(info.forcedConsent, info.consentSignals)}
${renderEntries(entries, info.version)}
<script>${PAGE_SCRIPT}</script>
</body></html>`;
}
