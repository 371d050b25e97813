// What the demo page sends to its web container (web-container.ts), checked before the web
// emulator is loaded, and the Pixel ID the demo's Pixel tag uses. Kept apart so the server reads
// requests without loading the emulator.

import { MAX_JSON_DEPTH, nestingDepth } from './bounds';

const MAX_URL_LENGTH = 2048;
const PAGE_ID = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * Key names (or parts of a dotted key) a push may not use: GTM's data model merges pushes key by
 * key and expands dotted keys, and these names would reach a prototype instead of the model.
 */
const INHERITED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key (or dotted key part) of `value` that names a prototype member, if any. */
function inheritedKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      if (key.split('.').some((part) => INHERITED_NAMES.has(part))) return key;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

export interface PushInput {
  /** The page load this push belongs to (the page draws it when it loads). */
  page: string;
  url: string;
  referrer: string;
  title: string;
  /** A dataLayer.push() object, or a gtag() call as its argument list. */
  message: Record<string, unknown> | unknown[];
}

/** Reads a push request body; a message for the page when it is not usable. */
export function parsePushInput(body: unknown): PushInput | { error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'expected a JSON object {page, url, referrer?, title?, push}' };
  const input = body as Record<string, unknown>;
  if (typeof input.page !== 'string' || !PAGE_ID.test(input.page)) return { error: 'page: 1-64 letters, digits, dots, dashes or underscores' };
  if (typeof input.url !== 'string' || input.url.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(input.url)) return { error: `url: the page's http(s) URL, at most ${MAX_URL_LENGTH} characters` };
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
  const push = input.push;
  if (nestingDepth(push, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return { error: `push: nests deeper than ${MAX_JSON_DEPTH} levels` };
  const inherited = inheritedKey(push);
  if (inherited !== undefined) return { error: `push: the key "${inherited.slice(0, 80)}" names a prototype member (__proto__, constructor, prototype); not allowed in the data layer here` };
  let message: PushInput['message'];
  if (push !== null && typeof push === 'object' && !Array.isArray(push)) {
    const gtag = (push as Record<string, unknown>).gtag;
    if (gtag !== undefined) {
      if (!Array.isArray(gtag)) return { error: 'push.gtag: the arguments of a gtag() call, as a list' };
      message = [...gtag];
    } else {
      message = push as Record<string, unknown>;
    }
  } else {
    return { error: 'push: a dataLayer object such as {"event": "purchase", "ecommerce": {...}}, or {"gtag": ["consent", "default", {...}]}' };
  }
  return { page: input.page, url: input.url, referrer: text(input.referrer, MAX_URL_LENGTH), title: text(input.title, 300), message };
}

/** The Pixel ID of the first configured tag with a `pixelId` field (the server's Events API tag). */
export function serverPixelId(tags: { fields: Record<string, unknown> }[]): string | undefined {
  for (const tag of tags) {
    const value = tag.fields.pixelId;
    if (typeof value === 'string' && value.trim() !== '') return value.trim().toUpperCase();
  }
  return undefined;
}
