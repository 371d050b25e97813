// Small readers of typed settings shared by the templates (sandbox side).
import { CoreToolkit, toNumber } from '../core/toolkit';

/**
 * A whole number from a text field (GTM gives text; a variable may give a number): floored and
 * clamped to [min, max]; `fallback` when the value is not a number.
 */
export function integerSetting(value: unknown, fallback: number, min: number, max: number, tk: CoreToolkit): number {
  const n = toNumber(value, tk);
  if (n === undefined) return fallback;
  const i = tk.floor(n);
  if (i < min) return min;
  if (i > max) return max;
  return i;
}
