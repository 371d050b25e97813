// The one reader of the event-name fields (event-name.fields.ts builds them): the same settings give
// the same EventNameConfig in the Pixel tag and the Events API tag.
import { EventNameConfig, EventNameOverride } from '../core/event-names';
import { CoreToolkit } from '../core/toolkit';
import { cellText, tableRows } from './tables.read';

/** The fields this reader reads (a template's `data`). */
export interface EventNameFields {
  eventMode?: unknown;
  fixedEvent?: unknown;
  nameSet?: unknown;
  unmappedPolicy?: unknown;
  eventNameOverrides?: unknown;
}

/** Override rows whose two cells are text (tables.read.ts); other rows are ignored. */
export function readOverrides(rows: unknown, tk: CoreToolkit): EventNameOverride[] {
  const overrides: EventNameOverride[] = [];
  tableRows(rows, tk).forEach((row) => {
    const from = cellText(row.from, tk);
    const to = cellText(row.to, tk);
    if (from !== undefined && to !== undefined) overrides.push({ from: from, to: to });
  });
  return overrides;
}

export function readEventNameConfig(fields: EventNameFields, tk: CoreToolkit): EventNameConfig {
  return {
    // Not chosen (a tag saved without the field): current names, and conversion.ts warns.
    nameSet: fields.nameSet === 'legacy' ? 'legacy' : fields.nameSet === 'current' ? 'current' : undefined,
    overrides: readOverrides(fields.eventNameOverrides, tk),
    fixedEvent: fields.eventMode === 'fixed' ? tk.makeString(fields.fixedEvent) : undefined,
    unmappedPolicy: fields.unmappedPolicy === 'custom' ? 'custom' : 'skip',
  };
}
