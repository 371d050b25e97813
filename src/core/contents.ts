// GA4 e-commerce data -> TikTok `properties` (docs/contracts/tiktok-events-api.md).
// Rules: content_id is always a string (a numeric id gets 40002), quantity an integer >= 1, price and
// value numbers; value and currency by src/core/money.ts (the event's value, else the item sum when
// every item has a price; the event's currency, else the items'; 0 is kept); currency only from
// TikTok's list; order_id a string.

import { CommerceInput } from './event-model';
import { itemSum, readAmount, resolveCurrency } from './money';
import {
  CoreToolkit, PlainObject, firstText, isArray, isPlainObject, roundMoney, toList, toNumber, toText,
} from './toolkit';

/**
 * TikTok's supported currencies (docs/contracts/tiktok-events-api.md; identical in TikTok's official
 * SDKs). Written as one string: shorter in the Pixel tag's code than a list literal. The pure mark
 * lets the bundler drop the list from templates that never use it.
 */
export const TIKTOK_CURRENCIES: string[] = /* @__PURE__ */ (
  'AED ARS AUD BDT BHD BIF BOB BRL CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GTQ HKD HNL HUF IDR ILS INR ISK ' +
  'JPY KES KHR KRW KWD KZT MAD MOP MXN MYR NGN NIO NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RUB SAR SEK SGD THB TRY ' +
  'TWD UAH USD VES VND ZAR'
).split(' ');

/** Default cap on contents[] entries: no documented limit; keeps one request well-sized. */
export const DEFAULT_MAX_CONTENTS = 100;

export type ContentType = 'product' | 'product_group';

export interface TikTokContent {
  content_id?: string;
  content_name?: string;
  content_category?: string;
  brand?: string;
  price?: number;
  quantity: number;
}

export interface TikTokProperties {
  contents?: TikTokContent[];
  content_ids?: string[];
  content_type?: string;
  num_items?: number;
  value?: number;
  currency?: string;
  order_id?: string;
  search_string?: string;
  query?: string;
  description?: string;
  [custom: string]: unknown;
}

export interface PropertiesOptions {
  /** Default 'product'; event data `content_type` ('product'|'product_group') wins when valid. */
  contentType?: ContentType;
  /** Default DEFAULT_MAX_CONTENTS. */
  maxContents?: number;
}

export interface PropertiesResult {
  properties: TikTokProperties;
  /** Human-readable notes about dropped or corrected input (never contain PII). */
  warnings: string[];
}

/** An upper-case code from TikTok's list, or undefined. */
export function normalizeCurrency(value: unknown, tk: CoreToolkit): string | undefined {
  const text = toText(value, tk);
  if (text === undefined) return undefined;
  const code = text.toUpperCase();
  return TIKTOK_CURRENCIES.indexOf(code) !== -1 ? code : undefined;
}

/** Quantity as an integer >= 1 (missing, zero, negative or non-numeric -> 1; 2.6 -> 3). */
export function normalizeQuantity(value: unknown, tk: CoreToolkit): number {
  const n = toNumber(value, tk);
  if (n === undefined) return 1;
  const q = tk.round(n);
  return q >= 1 ? q : 1;
}

/**
 * One GA4 item (or an already TikTok-shaped content) -> a TikTok content. content_id comes from
 * content_id | item_id | id only: a catalog match needs the sku id, so a name is never used as an id.
 * Returns undefined for non-objects and for items with neither an id nor a name.
 */
export function itemToContent(item: unknown, tk: CoreToolkit): TikTokContent | undefined {
  // typeof, not isPlainObject: this runs for every item, and the getType API would copy each one
  // out of the sandbox. An array gets here too and is dropped below: it has no id or name fields.
  if (typeof item !== 'object' || item === null) return undefined;
  const fields = item as PlainObject;
  const content: TikTokContent = { quantity: normalizeQuantity(fields.quantity !== undefined ? fields.quantity : fields.num_items, tk) };
  const found: PlainObject = {
    content_id: firstText([fields.content_id, fields.item_id, fields.id], tk),
    content_name: firstText([fields.content_name, fields.item_name, fields.name], tk),
  };
  if (found.content_id === undefined && found.content_name === undefined) return undefined;
  found.content_category = firstText([fields.content_category, fields.item_category, fields.category], tk);
  found.brand = firstText([fields.brand, fields.item_brand], tk);
  found.price = readAmount(fields.price, tk).amount;
  // Only the fields found, in this order.
  for (const key in found) if (found[key] !== undefined) (content as unknown as PlainObject)[key] = found[key];
  return content;
}

/** Items from an array, an index-keyed object, or a JSON string of either. */
export function readItemList(value: unknown, tk: CoreToolkit): unknown[] {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const parsed = text === undefined ? value : text.length > 0 ? tk.jsonParse(text) : undefined;
  // A single object that is not index-keyed is itself one item (toList).
  return isArray(parsed, tk) || isPlainObject(parsed, tk) ? toList(parsed, tk) : [];
}

/** Items -> contents, capped. Unusable entries are dropped (counted in the returned `dropped`). */
export function itemsToContents(items: unknown, maxContents: number, tk: CoreToolkit): { contents: TikTokContent[]; dropped: number; capped: number } {
  const list = readItemList(items, tk);
  const contents: TikTokContent[] = [];
  let dropped = 0;
  let capped = 0;
  for (let i = 0; i < list.length; i++) {
    if (contents.length >= maxContents) {
      // Past the limit an item is only counted (over the limit, or without id and name): no content
      // is built for it.
      const item = list[i] as PlainObject;
      const usable = typeof item === 'object' && item !== null &&
        (firstText([item.content_id, item.item_id, item.id], tk) !== undefined || firstText([item.content_name, item.item_name, item.name], tk) !== undefined);
      if (usable) capped++;
      else dropped++;
      continue;
    }
    const content = itemToContent(list[i], tk);
    if (content === undefined) dropped++;
    else contents.push(content);
  }
  return { contents: contents, dropped: dropped, capped: capped };
}

/**
 * Build TikTok properties from the event's commerce input (items, value, currency, transaction ID,
 * search term, description, content type). Items also come from TikTok-shaped `contents` (array or
 * JSON string) when there are no items. Never throws on garbage: unusable parts are dropped with a
 * warning.
 */
export function buildProperties(commerce: CommerceInput, options: PropertiesOptions, tk: CoreToolkit): PropertiesResult {
  const warnings: string[] = [];
  const properties: TikTokProperties = {};
  const maxContents = options.maxContents !== undefined && options.maxContents >= 1 ? tk.floor(options.maxContents) : DEFAULT_MAX_CONTENTS;

  // The items, else the first TikTok-shaped contents that has entries.
  let itemList = readItemList(commerce.items, tk);
  (commerce.contents || []).forEach((contents) => {
    if (itemList.length === 0) itemList = readItemList(contents, tk);
  });
  const built = itemsToContents(itemList, maxContents, tk);
  if (built.dropped > 0) warnings.push(built.dropped + ' item(s) without id or name dropped');
  if (built.capped > 0) warnings.push(built.capped + ' item(s) over the limit of ' + maxContents + ' dropped');

  if (built.contents.length > 0) {
    properties.contents = built.contents;
    const ids: string[] = [];
    let numItems = 0;
    built.contents.forEach((c) => {
      if (c.content_id !== undefined && ids.indexOf(c.content_id) === -1) ids.push(c.content_id);
      numItems += c.quantity;
    });
    if (ids.length > 0) properties.content_ids = ids;
    properties.num_items = numItems;
    properties.content_type = resolveContentType(commerce.contentType, options.contentType, tk);
  }

  // Value and currency: src/core/money.ts states the rules.
  const eventValue = readAmount(commerce.value, tk);
  let value = eventValue.amount;
  if (eventValue.problem !== undefined) {
    warnings.push('event value ' + eventValue.problem + ': sent without a value');
  } else if (value === undefined) {
    const sum = itemSum(itemList, tk);
    if (sum.problem !== undefined) warnings.push('no event value and ' + sum.problem + ': sent without a value');
    value = sum.amount;
  }
  const currency = resolveCurrency(commerce.currency, itemList, (code: unknown) => normalizeCurrency(code, tk), tk);
  if (currency.problem !== undefined) warnings.push(currency.problem + (value !== undefined ? ': value not sent' : ''));
  const search = firstText(commerce.searchTerm, tk);
  const found: PlainObject = {
    // A currency TikTok cannot use takes the value with it (no code then either).
    value: currency.problem === undefined ? value : undefined,
    currency: currency.code,
    order_id: toText(commerce.transactionId, tk),
    // search_string is the 2.0 name; query is the legacy name TikTok still accepts. Both, for safety.
    search_string: search,
    query: search,
    description: toText(commerce.description, tk),
  };
  // Only the properties found, in this order.
  for (const key in found) if (found[key] !== undefined) properties[key] = found[key];
  return { properties: properties, warnings: warnings };
}

/** The first candidate that is product / product_group, else the template's option (default product). */
function resolveContentType(candidates: unknown[], fromOptions: ContentType | undefined, tk: CoreToolkit): ContentType {
  const list = candidates.concat([fromOptions]);
  for (let i = 0; i < list.length; i++) {
    const text = toText(list[i], tk);
    if (text === 'product' || text === 'product_group') return text;
  }
  return 'product';
}

/** A user-entered extra property row (UI table). */
export interface ExtraProperty {
  name: string;
  value: unknown;
}

/**
 * How an extra property's value is read, by property name: money and numbers become numbers, ids
 * and texts strings, currency a code from TikTok's list, contents items as GA4 items are, content_ids
 * a list of strings. Any other name keeps its value as given (a number from a variable stays a number).
 */
const EXTRA_PROPERTY_KINDS: { [name: string]: string } = {
  value: 'money', price: 'money', predicted_ltv: 'number', num_items: 'integer', quantity: 'integer',
  currency: 'currency', contents: 'contents', content_ids: 'ids',
  order_id: 'text', shop_id: 'text', content_id: 'text', description: 'text', search_string: 'text', query: 'text',
  content_type: 'text', content_name: 'text', content_category: 'text', status: 'text', delivery_category: 'text', brand: 'text',
};

/** An extra property's value read by its kind; undefined when it is not usable. */
function extraPropertyValue(key: string, value: unknown, tk: CoreToolkit): unknown {
  const kind = EXTRA_PROPERTY_KINDS.hasOwnProperty(key) ? EXTRA_PROPERTY_KINDS[key] : undefined;
  if (kind === 'money') {
    const amount = readAmount(value, tk).amount;
    return amount !== undefined && key === 'value' ? roundMoney(amount, tk) : amount;
  }
  if (kind === 'number' || kind === 'integer') {
    const n = toNumber(value, tk);
    return n !== undefined && kind === 'integer' ? tk.round(n) : n;
  }
  if (kind === 'currency') return normalizeCurrency(value, tk);
  if (kind === 'text') return toText(value, tk);
  const list = kind === 'contents' ? itemsToContents(value, DEFAULT_MAX_CONTENTS, tk).contents : kind === 'ids' ? readIdList(value, tk) : undefined;
  if (list === undefined) return value;
  return list.length > 0 ? list : undefined;
}

/**
 * Apply user-entered extra properties on top of `properties` (mutates and returns it), each value
 * read by its property name (EXTRA_PROPERTY_KINDS). Empty values never override. Unusable values
 * are skipped with a warning.
 */
export function applyExtraProperties(properties: TikTokProperties, rows: ExtraProperty[] | undefined, tk: CoreToolkit, warnings: string[]): TikTokProperties {
  (rows || []).forEach((row) => {
    const key = row ? toText(row.name, tk) : undefined;
    if (key === undefined) return;
    const value = row.value;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0)) return;
    const usable = extraPropertyValue(key, value, tk);
    if (usable === undefined) warnings.push('extra property ' + key + ' is not usable: skipped');
    else properties[key] = usable;
  });
  return properties;
}

/** A list of string ids from an array, a JSON array string, or comma-separated text. */
export function readIdList(value: unknown, tk: CoreToolkit): string[] {
  let list: unknown[];
  if (typeof value === 'string') {
    const text = value.trim();
    const parsed = text.charAt(0) === '[' ? tk.jsonParse(text) : undefined;
    list = isArray(parsed, tk) ? parsed : text.split(',');
  } else {
    list = toList(value, tk);
  }
  const ids: string[] = [];
  list.forEach((v) => {
    const id = toText(v, tk);
    if (id !== undefined && ids.indexOf(id) === -1) ids.push(id);
  });
  return ids;
}
