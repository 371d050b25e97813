// How every template reads a SIMPLE_TABLE field (sandbox side: compiled into the templates). GTM
// gives rows of strings, but a cell holding a variable can give any value (an object from a JSON
// variable, a list, undefined...). One rule for every table of every template: only strings and
// numbers are text; any other cell is absent rather than "[object Object]".
import { CoreToolkit, PlainObject } from '../core/toolkit';

/** The rows of a table field that are objects (anything else in the list is ignored). */
export function tableRows(value: unknown, tk: CoreToolkit): PlainObject[] {
  if (tk.getType(value) !== 'array') return [];
  return (value as unknown[]).filter((row) => tk.getType(row) === 'object') as PlainObject[];
}

/** A table cell as text: strings and numbers only; undefined for anything else. */
export function cellText(value: unknown, tk: CoreToolkit): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? tk.makeString(value) : undefined;
}
