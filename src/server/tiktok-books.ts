// TikTok's counting rules ("the books"): which of the events reaching one pixel TikTok counts, with
// what value and which identity. Pure: no I/O, no clock of its own (every event carries its arrival
// time), so the mock, the journey simulator and tests share it. The rules and their public sources
// are in docs/contracts/tiktok-dedup.md; in short:
//
// - An event is identified by (pixel code, event name, event_id). All three are compared exactly
//   (event names are case-sensitive).
// - The first copy is counted. Another copy with the same identity arriving within 48 hours of that
//   first copy is not counted, whichever side (Pixel or Events API) sends it. A browser copy and a
//   server copy arriving within 5 minutes of each other are merged: the first stays counted and
//   gains the other's match keys and the parameters it lacks (value, currency, order id). After 48
//   hours a copy counts again, as a new first copy.
// - Without an event_id nothing is deduplicated: every copy counts.
// - Events sent with a test event code go to Test Events and are not counted.
//
// Where TikTok publishes nothing, the books take the reading that shows a double count rather than
// hide it: the `_ttp` fallback TikTok "attempts" for server events without event_id is not relied
// on; a pixel code that differs only in letter case reaches the same pixel's reports but not the same
// deduplication key; CompletePayment and Purchase (SubmitForm and Lead) both count as the same kind
// of conversion.

/** Where a copy came from. */
export type Channel = 'pixel' | 'events_api';

/** An event as it reaches TikTok, reduced to what counting needs (no personal values, only key names). */
export interface EventFacts {
  channel: Channel;
  /** The pixel code as sent (`event_source_id`, or the Pixel's pixel code). */
  pixel: string;
  event: string;
  /** Absent or empty: the copy cannot be deduplicated. */
  eventId?: string;
  /** When TikTok received it (milliseconds since the epoch). */
  receivedAtMs: number;
  value?: number;
  currency?: string;
  orderId?: string;
  /** The page the event happened on (`page.url`). */
  url?: string;
  /** A ttclid came with the copy. */
  clickId: boolean;
  /** A `_ttp` browser id came with the copy. */
  browserId: boolean;
  /** Advanced-matching keys present (names only): email, phone, external_id, first_name, ... */
  matchKeys: string[];
}

/** One copy reaching TikTok. */
export interface IncomingEvent extends EventFacts {
  /** Sent with a test event code: shown in Test Events, never counted. */
  test?: boolean;
}

export type Outcome = 'counted' | 'merged' | 'deduplicated' | 'test';

/** One counted event, after merges. */
export interface CountedEvent extends EventFacts {
  /** Position in arrival order among all copies this pixel received (0-based). */
  index: number;
  /** The channels of the copies merged into this one within the merge window. */
  mergedFrom: Channel[];
  /** Copies dropped as duplicates of this one. */
  duplicatesDropped: number;
}

export interface Decision {
  outcome: Outcome;
  /** Why, in words (for the debug page and journey reports). */
  reason: string;
  /** The counted event this copy was counted as, merged into, or dropped in favour of. */
  counted?: CountedEvent;
}

export interface BookRules {
  /** Deduplication window measured from the first copy. TikTok: 48 hours. */
  windowMs: number;
  /** Pixel/Events API copies this close to the first are merged into it. TikTok: 5 minutes. */
  mergeMs: number;
}

export const TIKTOK_RULES: BookRules = { windowMs: 48 * 3600 * 1000, mergeMs: 5 * 60 * 1000 };

/** Standard names that mean the same conversion (TikTok's 2025 renames), by their current name. */
const CONVERSION_KIND: Record<string, string> = {
  CompletePayment: 'Purchase',
  SubmitForm: 'Lead',
};

/** The kind of conversion an event name stands for: its current standard name (CompletePayment → Purchase). */
export function conversionKind(event: string): string {
  return Object.prototype.hasOwnProperty.call(CONVERSION_KIND, event) ? CONVERSION_KIND[event] : event;
}

/** Advanced-matching keys reported by name (identifiers ttp/ttclid and ip/user_agent are reported apart). */
export const MATCH_KEYS = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code', 'city', 'state', 'country'];

interface KeyState {
  first: CountedEvent;
}

/** Counting state of one pixel (pixel codes equal ignoring letter case share a book). */
export class PixelBook {
  readonly counted: CountedEvent[] = [];
  readonly log: { event: IncomingEvent; decision: Decision }[] = [];
  private readonly firstCopies = new Map<string, KeyState>();

  constructor(readonly pixel: string, private readonly rules: BookRules) {}

  record(event: IncomingEvent): Decision {
    const decision = this.decide(event);
    this.log.push({ event, decision });
    return decision;
  }

  private decide(event: IncomingEvent): Decision {
    if (event.test) return { outcome: 'test', reason: 'sent with a test event code: shown in Test Events, not counted' };
    const eventId = event.eventId !== undefined && event.eventId !== '' ? event.eventId : undefined;
    if (eventId === undefined) {
      return { outcome: 'counted', reason: 'no event_id: cannot be deduplicated', counted: this.count(event) };
    }
    const key = [event.pixel, event.event, eventId].join('\u0000');
    const state = this.firstCopies.get(key);
    if (state === undefined || event.receivedAtMs - state.first.receivedAtMs > this.rules.windowMs) {
      const counted = this.count(event);
      this.firstCopies.set(key, { first: counted });
      const reason = state === undefined ? 'first copy' : 'first copy after the 48-hour window of an earlier one';
      return { outcome: 'counted', reason, counted };
    }
    const first = state.first;
    const sinceFirst = event.receivedAtMs - first.receivedAtMs;
    if (event.channel !== first.channel && sinceFirst <= this.rules.mergeMs) {
      first.mergedFrom.push(event.channel);
      first.clickId = first.clickId || event.clickId;
      first.browserId = first.browserId || event.browserId;
      for (const name of event.matchKeys) if (!first.matchKeys.includes(name)) first.matchKeys.push(name);
      // "Additional match keys and parameters are added to the first event": parameters it lacks.
      if (first.value === undefined && event.value !== undefined) {
        first.value = event.value;
        first.currency = event.currency;
      }
      first.orderId ??= event.orderId;
      return { outcome: 'merged', reason: `merged into the ${describe(first)} received ${seconds(sinceFirst)} earlier`, counted: first };
    }
    first.duplicatesDropped++;
    return { outcome: 'deduplicated', reason: `duplicate of the ${describe(first)} received ${seconds(sinceFirst)} earlier`, counted: first };
  }

  private count(event: IncomingEvent): CountedEvent {
    const { test: _test, ...facts } = event;
    const counted: CountedEvent = {
      ...facts,
      eventId: event.eventId !== '' ? event.eventId : undefined,
      matchKeys: [...event.matchKeys],
      index: this.log.length,
      mergedFrom: [],
      duplicatesDropped: 0,
    };
    this.counted.push(counted);
    return counted;
  }
}

export interface BookCopy {
  event: IncomingEvent;
  outcome: Outcome;
  reason: string;
  /** The index of the counted event this copy was counted as, merged into or dropped for. */
  into?: number;
}

export interface ConversionTotals {
  kind: string;
  count: number;
  /** Value counted per currency ('' when a counted event had a value without currency). */
  value: Record<string, number>;
  /** Counted events without any value. */
  withoutValue: number;
}

/** Every pixel's books. */
export class TikTokBooks {
  private readonly books = new Map<string, PixelBook>();

  constructor(readonly rules: BookRules = TIKTOK_RULES) {}

  /** The book of a pixel (created on first use). */
  book(pixel: string): PixelBook {
    const key = pixel.trim().toUpperCase();
    let book = this.books.get(key);
    if (!book) this.books.set(key, (book = new PixelBook(key, this.rules)));
    return book;
  }

  pixels(): string[] {
    return [...this.books.keys()];
  }

  record(event: IncomingEvent): Decision {
    return this.book(event.pixel).record(event);
  }

  /** Records every event of an accepted Events API request body (`/event/track/`). */
  recordEventsApiBody(body: unknown, receivedAtMs: number): Decision[] {
    return eventsFromEventsApiBody(body, receivedAtMs).map((event) => this.record(event));
  }

  /** Records one Pixel event (see pixelEventFromPayload for the shape). */
  recordPixelPayload(payload: unknown, receivedAtMs: number): Decision | undefined {
    const event = pixelEventFromPayload(payload, receivedAtMs);
    return event ? this.record(event) : undefined;
  }

  /** Counted events of a pixel. */
  counted(pixel: string): CountedEvent[] {
    return this.books.get(pixel.trim().toUpperCase())?.counted ?? [];
  }

  /** Totals of one conversion kind (`Purchase` counts Purchase and CompletePayment) for a pixel. */
  conversions(pixel: string, kind: string): ConversionTotals {
    const totals: ConversionTotals = { kind, count: 0, value: {}, withoutValue: 0 };
    for (const event of this.counted(pixel)) {
      if (conversionKind(event.event) !== kind) continue;
      totals.count++;
      if (event.value === undefined) {
        totals.withoutValue++;
        continue;
      }
      const currency = event.currency ?? '';
      totals.value[currency] = roundMoney((totals.value[currency] ?? 0) + event.value);
    }
    return totals;
  }

  /** A JSON-friendly view: per pixel, counted events and the decision for every copy (`into`: the counted event's index). */
  snapshot(): { pixel: string; counted: CountedEvent[]; copies: BookCopy[] }[] {
    return [...this.books.values()].map((book) => ({
      pixel: book.pixel,
      counted: book.counted,
      copies: book.log.map(({ event, decision }) => ({ event, outcome: decision.outcome, reason: decision.reason, into: decision.counted?.index })),
    }));
  }

  reset(): void {
    this.books.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Payload readers

/** The events of an Events API request body (already validated by the mock). */
export function eventsFromEventsApiBody(body: unknown, receivedAtMs: number): IncomingEvent[] {
  if (!isObject(body) || !Array.isArray(body.data)) return [];
  const pixel = typeof body.event_source_id === 'string' ? body.event_source_id : '';
  const test = typeof body.test_event_code === 'string' && body.test_event_code !== '';
  return body.data.filter(isObject).map((event) => incomingEvent('events_api', pixel, event, receivedAtMs, test));
}

/**
 * A Pixel event as the simulated browser reports it: `{pixel_code, event, event_id?, properties?,
 * user?}` with `user` holding what the Pixel attaches (ttp, ttclid and the hashed identify data
 * under the Events API key names). This is the journey simulator's shape, not TikTok's wire format,
 * which TikTok does not publish.
 */
export function pixelEventFromPayload(payload: unknown, receivedAtMs: number): IncomingEvent | undefined {
  if (!isObject(payload) || typeof payload.pixel_code !== 'string' || typeof payload.event !== 'string') return undefined;
  return incomingEvent('pixel', payload.pixel_code, payload, receivedAtMs, false);
}

function incomingEvent(channel: Channel, pixel: string, event: Record<string, unknown>, receivedAtMs: number, test: boolean): IncomingEvent {
  const user = isObject(event.user) ? event.user : {};
  const properties = isObject(event.properties) ? event.properties : {};
  const page = isObject(event.page) ? event.page : {};
  const present = (key: string) => {
    const value = user[key];
    return (typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0);
  };
  return {
    channel,
    pixel,
    event: typeof event.event === 'string' ? event.event : '',
    eventId: typeof event.event_id === 'string' ? event.event_id : undefined,
    receivedAtMs,
    value: typeof properties.value === 'number' && Number.isFinite(properties.value) ? properties.value : undefined,
    currency: typeof properties.currency === 'string' ? properties.currency : undefined,
    orderId: typeof properties.order_id === 'string' ? properties.order_id : undefined,
    url: typeof page.url === 'string' ? page.url : undefined,
    clickId: present('ttclid'),
    browserId: present('ttp'),
    matchKeys: MATCH_KEYS.filter((key) => present(key) || (key === 'phone' && present('phone_number'))),
    test,
  };
}

// ---------------------------------------------------------------------------------------------

function describe(event: CountedEvent): string {
  return `${event.channel === 'pixel' ? 'Pixel' : 'Events API'} copy`;
}

function seconds(ms: number): string {
  if (ms < 120000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7200000) return `${Math.round(ms / 60000)} min`;
  return `${Math.round(ms / 3600000)} h`;
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
