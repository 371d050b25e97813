// The one reader of the properties fields (properties.fields.ts builds them).
import { ContentType, ExtraProperty } from '../core/contents';
import { CoreToolkit } from '../core/toolkit';
import { cellText, tableRows } from './tables.read';

export interface PropertiesFields {
  contentType?: unknown;
  extraProperties?: unknown;
}

export function readContentType(fields: PropertiesFields): ContentType {
  return fields.contentType === 'product_group' ? 'product_group' : 'product';
}

/**
 * Extra property rows whose name cell is text (tables.read.ts). The value cell is kept as given: a
 * variable may return a number or a list, and core converts values by property name.
 */
export function readExtraProperties(fields: PropertiesFields, tk: CoreToolkit): ExtraProperty[] {
  const rows: ExtraProperty[] = [];
  tableRows(fields.extraProperties, tk).forEach((row) => {
    const name = cellText(row.name, tk);
    if (name !== undefined) rows.push({ name: name, value: row.value });
  });
  return rows;
}
