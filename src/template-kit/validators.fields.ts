// Field validators shared by the templates' builders (Node side). GTM checks them when the user
// saves a tag or variable and refuses a value that fails (template tests do not run them).
//
// Numbers: GTM's POSITIVE_NUMBER and NON_NEGATIVE_NUMBER checks are in wide use in published
// templates (docs/contracts/gtm-sandbox.md); GTM documents no range check, so a range is a REGEX
// (full-match, like every REGEX validator) generated from its bounds. The patterns also accept a
// {{variable}} reference: a variable's value is known only at run time, so the readers
// (src/template-kit/*.read.ts) still clamp it, and the templates log when they do. A field that
// usually holds a variable (an order value) gets the pattern only.
import type { ValueValidator } from '../tpl/definition';

/** Appended to a field's REGEX alternatives so a {{variable}} reference also validates. */
export const VARIABLE_OR = '|\\{\\{[^}]+\\}\\}';

/** The cookie domain field's check: auto, a domain, or a {{variable}}. */
export const COOKIE_DOMAIN_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*' + VARIABLE_OR + ')\\s*'],
  errorMessage: 'auto or a domain like example.com',
};

/** A country calling code (1 to 3 digits, an optional +), or a variable; may stay empty. */
export const COUNTRY_CALLING_CODE_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(\\+?[1-9][0-9]{0,2}' + VARIABLE_OR + ')?\\s*'],
  errorMessage: '1 to 3 digits, e.g. 49 or +1.',
};

/** A TikTok pixel ID: 10 to 40 letters and digits (usually 20), as the server tag sends it. */
export const PIXEL_ID_PATTERN = '[A-Za-z0-9]{10,40}';

/** The example pixel ID every template shows. */
export const EXAMPLE_PIXEL_ID = 'C9Q2MJ3C77U4P674RPG0';

/** One pixel ID (or a variable). */
export const PIXEL_ID_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(' + PIXEL_ID_PATTERN + VARIABLE_OR + ')\\s*'],
  errorMessage: 'A pixel ID has 10-40 letters and digits (usually 20), e.g. ' + EXAMPLE_PIXEL_ID + '.',
};

/** One or more pixel IDs (or variables), separated by commas. */
export const PIXEL_ID_LIST_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(' + PIXEL_ID_PATTERN + VARIABLE_OR + ')(\\s*,\\s*(' + PIXEL_ID_PATTERN + VARIABLE_OR + '))*\\s*'],
  errorMessage: 'Pixel IDs of 10-40 letters and digits (usually 20), separated by commas, e.g. ' + EXAMPLE_PIXEL_ID + '.',
};

/**
 * The store ID of an app (TikTok's `app.app_id`, docs/contracts/tiktok-events-api.md#app), or a
 * variable; may stay empty. Not a number field: on iOS it is the App Store number (the digits after
 * `id` in the App Store address), on Android the package name, which has at least two parts
 * separated by dots, each starting with a letter, made of letters, digits and _
 * (https://developer.android.com/build/configure-app-module, "Set the application ID").
 */
export const APP_STORE_ID_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*([0-9]+|[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+' + VARIABLE_OR + ')?\\s*'],
  errorMessage: 'The App Store number (e.g. 343200656) or the Android package name (e.g. com.example.shop).',
};

/**
 * The decimal whole numbers from `low` to `high` (same number of digits) as regular-expression
 * alternatives: a shared first digit is kept, otherwise the range splits into "low up to the end of
 * its first digit", the full first digits between, and "the start of high's first digit up to high".
 */
function sameLengthAlternatives(low: string, high: string): string[] {
  if (low === high) return [low];
  if (low.length === 1) return ['[' + low + '-' + high + ']'];
  const rest = low.length - 1;
  if (low[0] === high[0]) return sameLengthAlternatives(low.slice(1), high.slice(1)).map((tail) => low[0] + tail);
  const alternatives: string[] = [];
  const lowTail = low.slice(1);
  const highTail = high.slice(1);
  let firstFull = Number(low[0]) + 1;
  let lastFull = Number(high[0]) - 1;
  if (lowTail === '0'.repeat(rest)) firstFull -= 1;
  else alternatives.push(...sameLengthAlternatives(lowTail, '9'.repeat(rest)).map((tail) => low[0] + tail));
  const highIsFull = highTail === '9'.repeat(rest);
  if (highIsFull) lastFull += 1;
  if (firstFull <= lastFull) {
    const digit = firstFull === lastFull ? String(firstFull) : '[' + firstFull + '-' + lastFull + ']';
    alternatives.push(digit + '[0-9]'.repeat(rest));
  }
  if (!highIsFull) alternatives.push(...sameLengthAlternatives('0'.repeat(rest), highTail).map((tail) => high[0] + tail));
  return alternatives;
}

/** A full-match pattern for the whole numbers min..max (no sign, no leading zeros). */
export function wholeNumberRangePattern(min: number, max: number): string {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) throw new RangeError(`bad range ${min}..${max}`);
  const alternatives: string[] = [];
  for (let digits = String(min).length; digits <= String(max).length; digits++) {
    const low = Math.max(min, digits === 1 ? 0 : 10 ** (digits - 1));
    const high = Math.min(max, 10 ** digits - 1);
    alternatives.push(...sameLengthAlternatives(String(low), String(high)));
  }
  return alternatives.join('|');
}

/**
 * A whole number from `min` to `max` (or a variable): GTM's number check (POSITIVE_NUMBER, or
 * NON_NEGATIVE_NUMBER when 0 is allowed), then the range as a pattern with a plain message.
 */
export function wholeNumberValidators(min: number, max: number): ValueValidator[] {
  return [
    { type: min > 0 ? 'POSITIVE_NUMBER' : 'NON_NEGATIVE_NUMBER' },
    {
      type: 'REGEX',
      args: ['\\s*(' + wholeNumberRangePattern(min, max) + VARIABLE_OR + ')\\s*'],
      errorMessage: 'A whole number from ' + min + ' to ' + max + '.',
    },
  ];
}

/** A decimal number such as 59.90 (or a variable), e.g. an order value. */
export const DECIMAL_VALIDATORS: ValueValidator[] = [
  { type: 'REGEX', args: ['\\s*(-?[0-9]+(\\.[0-9]+)?' + VARIABLE_OR + ')\\s*'], errorMessage: 'A number such as 59.90 (a dot before the decimals), or a variable.' },
];
