// Small readers of typed settings shared by the templates (sandbox side).
import { CoreToolkit, toNumber } from '../core/toolkit';

/** A whole number read from a field, and a note when the field's value could not be used as it is. */
export interface BoundedInteger {
  value: number;
  /** Why the value differs from the field's (out of range, not a whole number, not a number); no note when it is used as given or the field is empty. */
  note?: string;
}

/**
 * A whole number from a text field (GTM gives text; a variable may give a number): floored and
 * clamped to [min, max]; `fallback` when the field is empty or not a number. GTM's validators refuse
 * such values when the user saves, but a variable's value arrives only at run time, so the reader
 * still clamps, and says so in `note` (`label` names the field in it).
 */
export function boundedInteger(label: string, value: unknown, fallback: number, min: number, max: number, tk: CoreToolkit): BoundedInteger {
  const n = toNumber(value, tk);
  if (n === undefined) {
    const empty = value === undefined || value === null || value === '';
    return empty ? { value: fallback } : { value: fallback, note: label + ' is not a number: ' + fallback + ' used' };
  }
  const i = tk.floor(n);
  const range = ' (allowed ' + min + ' to ' + max + ')';
  if (i < min) return { value: min, note: label + ' ' + n + ' is below the range' + range + ': ' + min + ' used' };
  if (i > max) return { value: max, note: label + ' ' + n + ' is above the range' + range + ': ' + max + ' used' };
  if (i !== n) return { value: i, note: label + ' ' + n + ' is not a whole number: ' + i + ' used' };
  return { value: i };
}

/** boundedInteger without the note. */
export function integerSetting(value: unknown, fallback: number, min: number, max: number, tk: CoreToolkit): number {
  return boundedInteger('', value, fallback, min, max, tk).value;
}
