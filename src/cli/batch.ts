// Batch runs: `gtm-tpl run FILE --events events.jsonl` replays recorded events through a template,
// one run per line, in one isolated worker, printing one JSON result per line as it goes.
//
// Memory stays flat whatever the number of events: the input is read chunk by chunk (a chunk is
// read only when the previous lines have been run), each result is written and dropped, and the
// summary keeps counters only.
//
// The line format (docs/emulator.md, "Batch runs"):
//   {"user_data": {...}, "event_name": "purchase"}                    the event itself, or
//   {"event": {...}, "cookies": {"_ttp": "x"}, "headers": {...}, "url": "https://..."}
// A line whose keys are all among event/cookies/headers/url, with `event` an object, is an
// envelope; any other object is the event. Blank lines are skipped.

import type { HttpOutcome, RunOutcome, RunResult } from '../sandbox/environment';

/** One event of a batch, with the request details it arrived with. */
export interface BatchEvent {
  event: Record<string, unknown>;
  /** Cookie name → values (a name may repeat in a Cookie header). */
  cookies: Record<string, string[]>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  url?: string;
}

/** A line that is not an event: the reason, as printed in its result line. */
export class EventLineError extends Error {}

const ENVELOPE_KEYS = new Set(['event', 'cookies', 'headers', 'url']);

/** Longest line accepted (one event); a longer one is reported and skipped, not buffered. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses one line of an events file (see the format above). */
export function parseEventLine(text: string): BatchEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EventLineError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new EventLineError(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  const keys = Object.keys(value);
  const envelope = keys.length > 0 && isObject(value.event) && keys.every((key) => ENVELOPE_KEYS.has(key));
  if (!envelope) return { event: value, cookies: {}, headers: {} };

  const line: BatchEvent = { event: value.event as Record<string, unknown>, cookies: {}, headers: {} };
  if (value.cookies !== undefined) {
    if (!isObject(value.cookies)) throw new EventLineError('"cookies" must be an object of cookie name → value (or list of values)');
    for (const [name, cookie] of Object.entries(value.cookies)) {
      const values = Array.isArray(cookie) ? cookie : [cookie];
      if (!values.every((v) => typeof v === 'string')) throw new EventLineError(`cookie "${name}" must be a string or a list of strings`);
      line.cookies[name] = values as string[];
    }
  }
  if (value.headers !== undefined) {
    if (!isObject(value.headers)) throw new EventLineError('"headers" must be an object of header name → string');
    for (const [name, header] of Object.entries(value.headers)) {
      if (typeof header !== 'string') throw new EventLineError(`header "${name}" must be a string`);
      line.headers[name.toLowerCase()] = header;
    }
  }
  if (value.url !== undefined) {
    if (typeof value.url !== 'string') throw new EventLineError('"url" must be a string');
    try {
      new URL(value.url);
    } catch {
      throw new EventLineError(`"url" is not a valid URL: ${value.url}`);
    }
    line.url = value.url;
  }
  return line;
}

/** A line of input with its 1-based line number (blank lines are not yielded). */
export interface NumberedLine {
  number: number;
  text: string;
  /** Set when the line was longer than MAX_LINE_CHARS (its text is then empty). */
  tooLong?: boolean;
}

/**
 * The non-blank lines of a stream of text chunks, read one chunk at a time: the next chunk is
 * pulled only when the consumer asks for a line past the current one. `\r\n` and a leading BOM
 * are accepted.
 */
export async function* numberedLines(chunks: AsyncIterable<string | Buffer>, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<NumberedLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let skipping = false;
  let number = 0;
  let first = true;
  const emit = (raw: string): NumberedLine | undefined => {
    number++;
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text.trim() === '' ? undefined : { number, text };
  };
  const consume = function* (chunk: string): Generator<NumberedLine> {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline < 0) break;
      const piece = chunk.slice(start, newline);
      start = newline + 1;
      if (skipping) {
        skipping = false;
        number++;
        first = false;
        yield { number, text: '', tooLong: true };
        pending = '';
        continue;
      }
      const line = emit(pending + piece);
      pending = '';
      if (line) yield line;
    }
    if (skipping) return;
    pending += chunk.slice(start);
    if (pending.length > maxLineChars) {
      // An endless line must not fill the memory: drop it and report it when it ends.
      skipping = true;
      pending = '';
    }
  };
  for await (const chunk of chunks) {
    yield* consume(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* consume(decoder.decode());
  if (skipping) {
    number++;
    yield { number, text: '', tooLong: true };
  } else if (pending !== '') {
    const line = emit(pending);
    if (line) yield line;
  }
}

/** Outcome of a line that could not be run (not an event). */
export const INVALID_INPUT = 'invalid-input';

/** Counts of a batch (the `--summary` line). */
export interface BatchSummary {
  /** Lines run or rejected (blank lines not counted). */
  events: number;
  /** Runs whose outcome is `success`. */
  succeeded: number;
  /** Every other line: failure, exception, timeout, rejected, invalid input. */
  failed: number;
  /** Lines per outcome (`success`, `failure`, `exception`, `timeout`, `rejected`, `invalid-input`). */
  byOutcome: Record<string, number>;
  /** Outgoing HTTP requests of all runs. */
  requests: number;
  /** Requests per response status code (`error` when the transport failed, `none` when unanswered). */
  requestsByStatus: Record<string, number>;
  durationMs: number;
  eventsPerSecond: number;
}

/** Keeps counters only (flat memory whatever the number of events). */
export class BatchCounter {
  private readonly started: number;
  private readonly summary: Omit<BatchSummary, 'durationMs' | 'eventsPerSecond'> = {
    events: 0,
    succeeded: 0,
    failed: 0,
    byOutcome: {},
    requests: 0,
    requestsByStatus: {},
  };

  constructor(private readonly now: () => number = Date.now) {
    this.started = now();
  }

  addRun(result: RunResult): void {
    this.add(result.outcome);
    for (const { outcome } of result.record.requests) {
      this.summary.requests++;
      const status = statusKey(outcome);
      this.summary.requestsByStatus[status] = (this.summary.requestsByStatus[status] ?? 0) + 1;
    }
  }

  addInvalid(): void {
    this.add(INVALID_INPUT);
  }

  private add(outcome: RunOutcome | typeof INVALID_INPUT): void {
    this.summary.events++;
    if (outcome === 'success') this.summary.succeeded++;
    else this.summary.failed++;
    this.summary.byOutcome[outcome] = (this.summary.byOutcome[outcome] ?? 0) + 1;
  }

  get allSucceeded(): boolean {
    return this.summary.failed === 0;
  }

  result(): BatchSummary {
    const durationMs = Math.max(0, this.now() - this.started);
    return {
      ...this.summary,
      byOutcome: { ...this.summary.byOutcome },
      requestsByStatus: { ...this.summary.requestsByStatus },
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((this.summary.events * 1000) / durationMs) : 0,
    };
  }
}

function statusKey(outcome: HttpOutcome | undefined): string {
  if (!outcome) return 'none';
  if ('statusCode' in outcome) return String(outcome.statusCode);
  return 'error';
}
