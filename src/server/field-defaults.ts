// A tag created in GTM's UI starts with each field's defaultValue (and unchecked checkboxes as
// false). The local server does the same: the container config only lists the fields you change,
// and every other field gets what a fresh tag instance would hold (src/tpl/parameters.ts).

import * as fs from 'fs';
import { findSection, parseJsonSection, parseTpl } from '../tpl/format';
import { fieldDefaults } from '../tpl/parameters';

export { fieldDefaults };

/** Reads a .tpl file and returns its field defaults ({} when it has no parameters section). */
export function fieldDefaultsFromFile(file: string): Record<string, unknown> {
  const parsed = parseTpl(fs.readFileSync(file, 'utf8'), file);
  const section = findSection(parsed, 'TEMPLATE_PARAMETERS');
  return section ? fieldDefaults(parseJsonSection(parsed, section)) : {};
}
