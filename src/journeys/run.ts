// Runs a journey: builds its world (clock, mock TikTok with its books, containers, browser), plays
// the script, and compares what TikTok counted with the conversions that really happened.

import { MockTikTok } from '../server/mock-tiktok';
import { conversionKind, type CountedEvent } from '../server/tiktok-books';
import { Browser, type BrowserOptions, type World } from './browser';
import { ServerContainer } from './server-container';
import { defaultChoice, type Setup, type TemplateChoice } from './setups';
import { seededRandom } from './values';

/** A conversion that really happened: its TikTok event kind (current name) and value. */
export interface RealConversion {
  event: string;
  value?: number;
  currency?: string;
  orderId?: string;
}

export interface Journey {
  name: string;
  /** One line: what the shopper does and what the journey shows. */
  story: string;
  /** The containers, built for the chosen templates. */
  setup(choice: TemplateChoice): Setup;
  browser?: BrowserOptions;
  /** The shopper's actions. */
  script(browser: Browser): Promise<void>;
  /** What really happened (what TikTok should count, once each). */
  real: RealConversion[];
  /** Identity the counted conversion must carry (asserted by the jest test). */
  identity?: { clickId?: boolean; browserId?: boolean; matchKeys?: string[] };
  /** A reason this journey cannot run with these templates (e.g. a third-party template absent). */
  unavailable?(choice: TemplateChoice): string | undefined;
  /** The template bug that makes it fail today, as the issue names it; the jest test is then test.failing. */
  knownBug?: string;
  /**
   * For the journeys that show what a setting the guide advises against costs: the setting, and
   * the problem it must cause (the docs state it; the jest test checks it).
   */
  cost?: { setting: string; shows: RegExp };
}

export interface KindResult {
  event: string;
  real: number;
  counted: number;
  /** Value per currency; `undefined` when the real conversions have no value. */
  realValue?: Record<string, number>;
  countedValue: Record<string, number>;
  countedWithoutValue: number;
}

export interface JourneyResult {
  name: string;
  skipped?: string;
  kinds: KindResult[];
  exactlyOnce: boolean;
  valueExact: boolean;
  /** Whether every counted conversion carried a click id / a browser id. */
  clickId: boolean;
  browserId: boolean;
  /** Advanced-matching keys on the counted conversions. */
  matchKeys: string[];
  /** Counted events (all kinds) carrying at least one advanced-matching key, and all counted events. */
  keyedEvents: { withKeys: number; total: number };
  /** Why it is not exactly once / not exact, in words. */
  problems: string[];
  /** The copies that reached TikTok for the journey's conversions, with TikTok's decision. */
  copies: string[];
  trace: string[];
  notes: string[];
  /** Web template tags that did not succeed: tag → outcome (and message) → how many firings. */
  tagProblems: Record<string, number>;
}

/** Journeys start on a fixed date so ids, cookies and ages are the same on every run. */
export const JOURNEY_START_MS = Date.UTC(2026, 2, 2, 9, 0, 0);

/** `inspect` sees the mock TikTok after the journey (what reached TikTok, for privacy checks). */
export async function runJourney(journey: Journey, choice: TemplateChoice = defaultChoice(), inspect?: (mock: MockTikTok) => void): Promise<JourneyResult> {
  const unavailable = journey.unavailable?.(choice);
  if (unavailable) return emptyResult(journey.name, unavailable);
  let now = JOURNEY_START_MS;
  const random = seededRandom(hashName(journey.name));
  const mock = new MockTikTok({ now: () => now });
  const setup = journey.setup(choice);
  let trace: (line: string) => void = () => undefined;
  const world: World = {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    random,
    mock,
    web: setup.web,
    server: new ServerContainer(setup.server, mock, random, (line) => trace(line)),
  };
  const browser = new Browser(world, journey.browser);
  trace = (line) => browser.trace.push(`${browser.clock()}   ${line}`);
  await journey.script(browser);
  inspect?.(mock);
  return evaluate(journey, setup, mock, browser);
}

function evaluate(journey: Journey, setup: Setup, mock: MockTikTok, browser: Browser): JourneyResult {
  const books = mock.books;
  const counted = books.counted(setup.pixelId);
  const kinds = [...new Set(journey.real.map((conversion) => conversion.event))];
  const problems: string[] = [];
  const results: KindResult[] = kinds.map((event) => {
    const real = journey.real.filter((conversion) => conversion.event === event);
    const totals = books.conversions(setup.pixelId, event);
    const withValue = real.filter((conversion) => conversion.value !== undefined);
    const realValue = withValue.length > 0 ? sumByCurrency(withValue) : undefined;
    const result: KindResult = { event, real: real.length, counted: totals.count, realValue, countedValue: totals.value, countedWithoutValue: totals.withoutValue };
    if (totals.count !== real.length) problems.push(`${event}: ${real.length} real, ${totals.count} counted by TikTok`);
    if (realValue && !sameValue(realValue, totals.value, totals.withoutValue)) {
      problems.push(`${event}: value ${formatValue(realValue)} real, ${formatValue(totals.value)} counted${totals.withoutValue ? ` (${totals.withoutValue} without value)` : ''}`);
    }
    return result;
  });
  problems.push(...wrongDuplicates(mock, setup.pixelId, kinds));
  problems.push(...copiesWithoutValue(mock, setup.pixelId, journey.real));
  problems.push(...foreignOrders(counted, journey.real));
  const exactlyOnce = results.every((kind) => kind.real === kind.counted) && !problems.some((problem) => problem.startsWith('dropped'));
  const valueExact =
    results.every((kind) => !kind.realValue || sameValue(kind.realValue, kind.countedValue, kind.countedWithoutValue)) &&
    !problems.some((problem) => problem.startsWith('no value') || problem.startsWith('wrong order'));
  const conversions = counted.filter((event) => kinds.includes(conversionKind(event.event)));
  const matchKeys = [...new Set(conversions.flatMap((event) => event.matchKeys))].sort();
  const copies = mock.books.snapshot().flatMap((book) =>
    book.copies
      .filter((copy) => kinds.includes(conversionKind(copy.event.event)))
      .map((copy) => `${copy.event.pixel} ${copy.event.channel === 'pixel' ? 'Pixel     ' : 'Events API'} ${copy.event.event} ${copy.event.eventId ?? '(no event_id)'}` +
        `${copy.event.value !== undefined ? ` ${copy.event.value} ${copy.event.currency ?? ''}` : ''}: ${copy.outcome} (${copy.reason})`),
  );
  return {
    name: journey.name,
    kinds: results,
    exactlyOnce,
    valueExact,
    clickId: conversions.length > 0 && conversions.every((event) => event.clickId),
    browserId: conversions.length > 0 && conversions.every((event) => event.browserId),
    matchKeys,
    keyedEvents: { withKeys: counted.filter((event) => event.matchKeys.length > 0).length, total: counted.length },
    problems,
    copies,
    trace: browser.trace,
    notes: setup.notes,
    tagProblems: tagProblems(browser),
  };
}

function tagProblems(browser: Browser): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const firing of browser.firings) {
    if (firing.outcome === 'success' || firing.outcome === 'done' || firing.outcome === 'failure') continue;
    const key = `${firing.tag}: ${firing.outcome}${firing.message ? ` (${firing.message})` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Copies TikTok took for duplicates of a different real event: an order's copy merged into another
 * order, a page view of one URL dropped for a page view of another. Such a copy is lost data even
 * when the totals match (the other side may be missing next time).
 */
function wrongDuplicates(mock: MockTikTok, pixelId: string, kinds: string[]): string[] {
  const problems: string[] = [];
  for (const book of mock.books.snapshot()) {
    if (book.pixel !== pixelId.toUpperCase()) continue;
    for (const copy of book.copies) {
      if ((copy.outcome !== 'merged' && copy.outcome !== 'deduplicated') || !kinds.includes(conversionKind(copy.event.event))) continue;
      const target = book.counted.find((event) => event.index === copy.into);
      if (!target) continue;
      const where = copy.event.channel === 'pixel' ? 'Pixel' : 'Events API';
      if (copy.event.orderId && target.orderId && copy.event.orderId !== target.orderId) {
        problems.push(`dropped: the ${where} ${copy.event.event} of order ${copy.event.orderId} was taken for a duplicate of order ${target.orderId}`);
      } else if (copy.event.event === 'Pageview' && copy.event.url && target.url && copy.event.url !== target.url) {
        problems.push(`dropped: the ${where} Pageview of ${pathOf(copy.event.url)} was taken for a duplicate of the one of ${pathOf(target.url)}`);
      }
    }
  }
  return problems;
}

/**
 * Copies of a conversion with a value that carry none. Which copy TikTok counts depends on which
 * arrives first (and a merge fills in a missing value only within 5 minutes), so every copy must
 * carry the value for the count to be right whatever the timing.
 */
function copiesWithoutValue(mock: MockTikTok, pixelId: string, real: RealConversion[]): string[] {
  const withValue = new Set(real.filter((conversion) => conversion.value !== undefined).map((conversion) => conversion.event));
  const problems: string[] = [];
  for (const book of mock.books.snapshot()) {
    if (book.pixel !== pixelId.toUpperCase()) continue;
    for (const copy of book.copies) {
      if (copy.outcome === 'test' || !withValue.has(conversionKind(copy.event.event)) || copy.event.value !== undefined) continue;
      const where = copy.event.channel === 'pixel' ? 'Pixel' : 'Events API';
      problems.push(`no value: the ${where} copy of ${copy.event.event} ${copy.event.eventId ?? '(no event_id)'} carries none (TikTok counts it without value when it arrives first or alone)`);
    }
  }
  return problems;
}

/**
 * Counted conversions that carry an order id no real conversion of their kind has: a product view
 * filed under order T-1001 because the data layer still held the order (its value and order belong
 * to the order, not to the view). Part of "value exact": the right amount, for the right order.
 */
function foreignOrders(counted: CountedEvent[], real: RealConversion[]): string[] {
  const problems: string[] = [];
  for (const event of counted) {
    const kind = conversionKind(event.event);
    const sameKind = real.filter((conversion) => conversion.event === kind);
    if (sameKind.length === 0 || event.orderId === undefined) continue;
    if (!sameKind.some((conversion) => conversion.orderId === event.orderId)) {
      const where = event.channel === 'pixel' ? 'Pixel' : 'Events API';
      problems.push(`wrong order: the counted ${where} ${event.event} ${event.eventId ?? '(no event_id)'} carries order id ${event.orderId}, which no real ${kind} has`);
    }
  }
  return problems;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

function emptyResult(name: string, skipped: string): JourneyResult {
  return {
    name, skipped, kinds: [], exactlyOnce: false, valueExact: false, clickId: false, browserId: false, matchKeys: [],
    keyedEvents: { withKeys: 0, total: 0 }, problems: [], copies: [], trace: [], notes: [], tagProblems: {},
  };
}

function sumByCurrency(conversions: RealConversion[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const conversion of conversions) {
    const currency = conversion.currency ?? '';
    sums[currency] = Math.round(((sums[currency] ?? 0) + (conversion.value ?? 0)) * 100) / 100;
  }
  return sums;
}

function sameValue(real: Record<string, number>, counted: Record<string, number>, withoutValue: number): boolean {
  if (withoutValue > 0) return false;
  const currencies = new Set([...Object.keys(real), ...Object.keys(counted)]);
  return [...currencies].every((currency) => Math.abs((real[currency] ?? 0) - (counted[currency] ?? 0)) < 0.005);
}

export function formatValue(value: Record<string, number>): string {
  const parts = Object.entries(value).map(([currency, amount]) => `${amount.toFixed(2)}${currency ? ' ' + currency : ''}`);
  return parts.length > 0 ? parts.join(' + ') : '0';
}

function hashName(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash >>> 0;
}

