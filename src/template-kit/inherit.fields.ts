// The "As in the settings variable" option of a shared field (Node side; shared-settings.read.ts
// reads the value INHERIT and applies the precedence).
import type { RadioItem, SelectItem, TemplateParameter } from '../tpl/definition';
import { INHERIT } from './shared-settings.read';

/** The label of the inheriting option: what applies, and what applies without a settings variable. */
export function inheritLabel(fallback: string): string {
  return 'As in the settings variable (else ' + fallback + ')';
}

/**
 * The "As in the settings variable" option of a field that has no default and must be chosen (the
 * TikTok event names, event-name.fields.ts): no fallback is named, since the template logs a warning
 * when neither the field nor the settings variable chooses.
 */
export function inheritItem(): SelectItem {
  return { value: INHERIT, displayValue: 'As in the settings variable' };
}

/**
 * A SELECT or RADIO that takes the settings variable's value unless the user chooses one: a first
 * option "As in the settings variable (else <fallback>)", which becomes the default.
 */
export function inheriting(parameter: TemplateParameter, fallback: string): TemplateParameter {
  if (parameter.type === 'SELECT') {
    const item: SelectItem = { value: INHERIT, displayValue: inheritLabel(fallback) };
    return { ...parameter, defaultValue: INHERIT, selectItems: [item].concat(parameter.selectItems) };
  }
  if (parameter.type === 'RADIO') {
    const item: RadioItem = { value: INHERIT, displayValue: inheritLabel(fallback) };
    return { ...parameter, defaultValue: INHERIT, radioItems: [item].concat(parameter.radioItems) };
  }
  throw new Error('only a SELECT or RADIO can inherit: ' + parameter.name);
}

