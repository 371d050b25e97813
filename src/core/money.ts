// Money: the event's value and currency as a finance person would accept them. Both tags send what
// this file decides (through contents.ts), so the browser's and the server's copies agree.
//
// The rules (for users: docs/guide/faq.md, "The value is missing or wrong"):
// - An amount is a number, or text written as one: `1234.56`, `1,234.56`, `1.234,56`, `1 234,56`,
//   `1'234.56`, `12,50`. Text whose separators can be read two ways is refused, not guessed:
//   `1,234` is 1234 in the US and 1.234 in Germany. (A lone dot is a decimal point, as JavaScript
//   and GA4 read it: `1.234` is 1.234.) Negative amounts and text with symbols or letters
//   (`€12`, `12 EUR`) are refused too.
// - The event's own value is the order's value: a value that is refused is NOT replaced by the
//   item sum (which leaves out shipping, tax and discounts); the event goes without a value and the
//   log says why.
// - Without an event value, the item sum Σ price × quantity is used, with each quantity as given
//   (2.5 kg at 10 is 25: TikTok's integer `contents[].quantity` is rounded, the value is not), and
//   only when every item has a readable price and quantity: a partial sum is not the order's value.
// - The event's own currency wins. An item's currency fills in only when the event has none (and
//   all items that state one agree). A currency TikTok does not support (`BGN`, `€`) makes the
//   value unusable: TikTok would read the amount in another currency, so the value is not sent.
//   A value with no currency at all is sent (a single-currency shop's amount), with a warning:
//   TikTok needs the currency to report revenue (ROAS) and to optimise for value.
//
// Warnings never repeat the raw value: a misconfigured variable could put anything in it.
// String patterns in `match` are regular expressions in the sandbox as in JavaScript (TikTok's own
// Pixel template tests hashes with `val.match("^[A-Fa-f0-9]{64}$")`,
// https://github.com/tiktok/gtm-template-pixel).

import {
  CoreToolkit, PlainObject, isFiniteNumber, isNumericString, isPlainObject, removeChars, roundMoney, toNumber, toText,
} from './toolkit';

/** An amount read from input: `amount`, or `problem` (why it was refused), or neither (absent). */
export interface AmountReading {
  amount?: number;
  problem?: string;
}

const GROUP_SEPARATORS = ' \'\u00a0\u202f';
const AMBIGUOUS = 'can be read two ways (thousands or decimal comma)';

/** Text with separators -> plain JavaScript decimal text, or a problem. Assumes no sign. */
function plainDecimal(text: string): { decimal?: string; problem?: string } {
  // One comma and three digits (1,234 / 123,456): a thousands group or a decimal comma.
  if (text.match('^[1-9]\\d{0,2},\\d{3}$') !== null) return { problem: AMBIGUOUS };
  // The separators to drop: comma or dot thousands groups with the other one as decimal separator
  // (1,234.56 / 1.234,56); space, no-break space or apostrophe groups (1 234,56, 1'234.56); none
  // for a decimal comma without groups (12,50 / 0,125 / 1234,5). A decimal comma then becomes a dot.
  const groups = text.match('^[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?$') !== null ? ','
    : text.match('^[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?$') !== null ? '.'
    : text.match('^[1-9]\\d{0,2}([ \'\\u00a0\\u202f]\\d{3})+([.,]\\d+)?$') !== null ? GROUP_SEPARATORS
    : text.match('^\\d+,\\d+$') !== null ? '' : undefined;
  if (groups === undefined) return { problem: 'is not a number' };
  return { decimal: removeChars(text, groups).split(',').join('.') };
}

/** A money amount (value or price) by the rules above. Absent (undefined, null, '') gives {}. */
export function readAmount(value: unknown, tk: CoreToolkit): AmountReading {
  // typeof, not tk.getType: this reads every price, and the getType API would copy an object handed
  // to it out of the sandbox only for it to be refused. For primitives the two give the same names.
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (value === undefined || value === null || text === '') return {};
  // A number as it is; text by the rules above (a sign, then a plain decimal or separators).
  let amount = value;
  if (text !== undefined) {
    const negative = text.charAt(0) === '-';
    const digits = negative ? text.substring(1).trim() : text;
    const parsed = isNumericString(digits) ? { decimal: digits, problem: undefined } : plainDecimal(digits);
    if (parsed.problem !== undefined) return { problem: parsed.problem };
    const n = tk.makeNumber(parsed.decimal);
    amount = negative ? -n : n;
  }
  if (!isFiniteNumber(amount)) return { problem: 'is not a number' };
  return amount < 0 ? { problem: 'is negative' } : { amount: amount };
}

/** Σ price × quantity over an item list; only when every item has a readable price and quantity. */
export function itemSum(items: unknown[], tk: CoreToolkit): AmountReading {
  let total = 0;
  let priced = 0;
  let unusable = 0;
  items.forEach((item) => {
    // isPlainObject, not typeof: an array in the list is skipped here, whereas as an object it would
    // count as an item without a price and refuse the whole sum.
    if (!isPlainObject(item, tk)) return;
    const price = readAmount(item.price, tk);
    const rawQuantity = item.quantity !== undefined ? item.quantity : item.num_items;
    const quantity = rawQuantity === undefined || rawQuantity === null || rawQuantity === '' ? 1 : toNumber(rawQuantity, tk);
    if (price.amount !== undefined || price.problem !== undefined) priced++;
    if (price.amount === undefined || quantity === undefined || quantity <= 0) unusable++;
    else total += price.amount * quantity;
  });
  if (priced === 0) return {};
  if (unusable > 0) return { problem: unusable + ' item(s) without price or quantity: no item sum' };
  return { amount: roundMoney(total, tk) };
}

/** A currency read from the event and its items. */
export interface CurrencyReading {
  /** The currency to send. */
  code?: string;
  /** The event (or its items) named a currency TikTok cannot use: the value must not be sent. */
  problem?: string;
}

/** A currency as text for a warning: a three-letter code is repeated, anything else is not. */
function describeCurrency(text: string): string {
  return text.match('^[A-Za-z]{3}$') !== null ? 'currency "' + text.toUpperCase() + '"' : 'the currency';
}

/**
 * The event's own currency wins; the items' only fill in when the event has none (and agree).
 * `normalize` gives a TikTok-supported upper-case code or undefined.
 */
export function resolveCurrency(eventCurrency: unknown, items: unknown[], normalize: (value: unknown) => string | undefined, tk: CoreToolkit): CurrencyReading {
  // The currency named (the event's, else an item's) and its code: an item's supported code wins
  // over another item's unsupported currency.
  let text = toText(eventCurrency, tk);
  let code = text !== undefined ? normalize(text) : undefined;
  let whose = '';
  if (text === undefined) {
    if (eventCurrency !== undefined && eventCurrency !== null && eventCurrency !== '') return { problem: 'the currency is not text' };
    whose = 'the items\' ';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // typeof, not isPlainObject (an API call per item): an array has no currency field.
      const itemText = typeof item === 'object' && item !== null ? toText((item as PlainObject).currency, tk) : undefined;
      if (itemText === undefined) continue;
      const itemCode = normalize(itemText);
      if (code !== undefined && itemCode !== undefined && itemCode !== code) return { problem: 'the items have different currencies' };
      if (code === undefined) {
        code = itemCode;
        text = itemText;
      }
    }
  }
  if (code !== undefined) return { code: code };
  return text !== undefined ? { problem: whose + describeCurrency(text) + ' is not one TikTok supports' } : {};
}
