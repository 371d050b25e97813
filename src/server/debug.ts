// The debug log behind GET /_debug (HTML) and GET /_debug.json: the last N events with what each
// tag did. Incoming event data carries raw user data (the GA4 web tag sends ep.user_data.* in
// plain text, docs/contracts/ga4-event-data.md), so everything stored here is redacted first: values under
// user_data and anything shaped like an email address never reach the page.

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

export class DebugLog {
  private entries: DebugEntry[] = [];
  private nextId = 1;

  constructor(readonly capacity = 50) {}

  add(entry: Omit<DebugEntry, 'id'>): DebugEntry {
    const stored: DebugEntry = { ...(redact(entry) as Omit<DebugEntry, 'id'>), id: this.nextId++ };
    this.entries.push(stored);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return stored;
  }

  /** Newest first. */
  list(): DebugEntry[] {
    return [...this.entries].reverse();
  }

  clear(): void {
    this.entries = [];
  }
}

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** user_data keys that are not personal data. */
const USER_DATA_PASSTHROUGH = /^(_tag_mode|sha256_.*)$/;

/** A deep copy with personal data replaced by placeholders. */
export function redact(value: unknown, insideUserData = false, key = ''): unknown {
  if (typeof value === 'string') {
    if (insideUserData && !USER_DATA_PASSTHROUGH.test(key) && !/^[0-9a-f]{64}$/i.test(value)) {
      return `[redacted: ${value.length} chars]`;
    }
    return value.replace(EMAIL_PATTERN, '[redacted email]');
  }
  if (Array.isArray(value)) return value.map((entry) => redact(entry, insideUserData, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      const childInside = insideUserData || childKey === 'user_data';
      out[childKey] = redact(child, childInside, insideUserData ? childKey : '');
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
