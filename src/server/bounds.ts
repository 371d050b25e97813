// Limits that keep one request (or one client) from growing the local server's memory or output
// without bound: in-memory logs capped by entries AND bytes, issue lists capped per event, and a
// depth check for parsed JSON that never recurses.

/**
 * A list kept in a caller-owned array (so `mock.log` stays a plain array for tests and tools),
 * never holding more than `maxEntries` items or `maxBytes` bytes: when a push passes a limit, the
 * oldest items go until the list is at 63/64 of it. The size of an item is what the caller says it is (usually the length of the
 * request body it came from): measuring by serializing every entry would cost more than the entry.
 */
export class BoundedLog<T> {
  private sizes: number[] = [];
  private total = 0;

  constructor(
    readonly items: T[],
    private readonly limits: { maxEntries: number; maxBytes: number },
  ) {}

  get bytes(): number {
    return this.total;
  }

  push(item: T, bytes: number): void {
    this.items.push(item);
    this.sizes.push(bytes);
    this.total += bytes;
    const { maxEntries, maxBytes } = this.limits;
    if (this.items.length <= maxEntries && this.total <= maxBytes) return;
    // Over a limit: drop the oldest down to 63/64 of it, so that a full log of thousands of entries
    // does not shift its whole array on every push (a small one, like the debug log's 50, trims
    // exactly). The newest entry always stays, even when it alone is over the budget.
    const entryTarget = maxEntries - Math.floor(maxEntries / 64);
    const byteTarget = maxBytes - Math.floor(maxBytes / 64);
    let drop = 0;
    while (this.items.length - drop > 1 && (this.items.length - drop > entryTarget || this.total > byteTarget)) {
      this.total -= this.sizes[drop];
      drop++;
    }
    this.items.splice(0, drop);
    this.sizes.splice(0, drop);
  }

  clear(): void {
    this.items.length = 0;
    this.sizes = [];
    this.total = 0;
  }
}

/** Anything with push(message): a plain string[] or an IssueList. */
export interface IssueSink {
  push(message: string): unknown;
}

/**
 * Issue messages with a cap: after `max` messages only a count is kept, so a body of ten thousand
 * bad escapes gives a short list ("… and 9,980 more") instead of a huge debug page.
 */
export class IssueList implements IssueSink {
  readonly messages: string[] = [];
  omitted = 0;

  constructor(readonly max = 20) {}

  push(message: string): number {
    if (this.messages.length < this.max) this.messages.push(message);
    else this.omitted++;
    return this.messages.length;
  }

  get size(): number {
    return this.messages.length + this.omitted;
  }

  toList(): string[] {
    return this.omitted === 0 ? [...this.messages] : [...this.messages, `… and ${this.omitted} more issue(s) not listed`];
  }
}

/** Caps an already built list the same way IssueList does. */
export function capIssues(messages: string[], max = 20): string[] {
  if (messages.length <= max + 1) return messages;
  return [...messages.slice(0, max), `… and ${messages.length - max} more issue(s) not listed`];
}

/**
 * How deeply a parsed JSON value nests (a scalar is 0, `{}` or `[]` is 1), counted without
 * recursion; stops early and returns a value above `limit` as soon as the limit is passed.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, level]);
  }
  return deepest;
}

/** Event data and JSON bodies nest at most this deep (GA4 user_data.address[0].city is 3 levels). */
export const MAX_JSON_DEPTH = 32;
