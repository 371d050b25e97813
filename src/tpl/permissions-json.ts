// Readable permission specs (src/tpl/definition.ts PermissionSpec) <-> GTM's typed permission JSON
// (`___SERVER_PERMISSIONS___` / `___WEB_PERMISSIONS___`). GTM tags every value with a numeric type:
// 1 string, 8 boolean, 2 list (`listItem`), 3 map (parallel `mapKey` / `mapValue` arrays).

import type { PermissionSpec, PermValue } from './definition';

export type GtmTypedString = { type: 1; string: string };
export type GtmTypedValue =
  | GtmTypedString
  | { type: 8; boolean: boolean }
  | { type: 2; listItem: GtmTypedValue[] }
  | { type: 3; mapKey: GtmTypedString[]; mapValue: GtmTypedValue[] };

export interface GtmPermissionParam {
  key: string;
  value: GtmTypedValue;
}

export interface GtmPermissionEntry {
  instance: {
    key: { publicId: string; versionId: string };
    param: GtmPermissionParam[];
  };
  clientAnnotations?: { isEditedByUser: boolean };
  isRequired: boolean;
}

export class PermissionFormatError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'PermissionFormatError';
  }
}

export function encodePermValue(value: PermValue, path = 'value'): GtmTypedValue {
  if (typeof value === 'string') return { type: 1, string: value };
  if (typeof value === 'boolean') return { type: 8, boolean: value };
  if (Array.isArray(value)) {
    return { type: 2, listItem: value.map((item, index) => encodePermValue(item, `${path}[${index}]`)) };
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return {
      type: 3,
      mapKey: keys.map((key) => ({ type: 1 as const, string: key })),
      mapValue: keys.map((key) => encodePermValue(value[key], `${path}.${key}`)),
    };
  }
  throw new PermissionFormatError(path, `unsupported permission value ${JSON.stringify(value)} (use string, boolean, list or map)`);
}

export function decodePermValue(typed: unknown, path = 'value'): PermValue {
  const value = typed as { type?: unknown; [key: string]: unknown };
  if (value === null || typeof value !== 'object') throw new PermissionFormatError(path, 'expected a typed value object');
  switch (value.type) {
    case 1:
      if (typeof value.string !== 'string') throw new PermissionFormatError(path, 'type 1 without a "string"');
      return value.string;
    case 8:
      if (typeof value.boolean !== 'boolean') throw new PermissionFormatError(path, 'type 8 without a "boolean"');
      return value.boolean;
    case 2: {
      const items = value.listItem ?? [];
      if (!Array.isArray(items)) throw new PermissionFormatError(path, 'type 2 "listItem" is not an array');
      return items.map((item, index) => decodePermValue(item, `${path}[${index}]`));
    }
    case 3: {
      const keys = value.mapKey ?? [];
      const values = value.mapValue ?? [];
      if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length) {
        throw new PermissionFormatError(path, 'type 3 needs "mapKey" and "mapValue" arrays of equal length');
      }
      const map: { [key: string]: PermValue } = {};
      keys.forEach((key, index) => {
        const name = decodePermValue(key, `${path}.mapKey[${index}]`);
        if (typeof name !== 'string') throw new PermissionFormatError(path, 'map keys must be strings');
        map[name] = decodePermValue(values[index], `${path}.${name}`);
      });
      return map;
    }
    default:
      throw new PermissionFormatError(path, `unknown value type ${JSON.stringify(value.type)}`);
  }
}

/**
 * GTM's JSON for a list of permission specs. Entries with parameters carry
 * `clientAnnotations: {isEditedByUser: true}` as GTM writes after editing; parameterless entries
 * have nothing to edit and GTM exports them without it.
 */
export function permissionsToJson(specs: PermissionSpec[]): GtmPermissionEntry[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    if (!spec.publicId) throw new PermissionFormatError('permissions', 'a permission has no publicId');
    if (seen.has(spec.publicId)) throw new PermissionFormatError(spec.publicId, 'listed twice');
    seen.add(spec.publicId);
    const params = spec.params ?? {};
    const param = Object.keys(params).map((key) => ({
      key,
      value: encodePermValue(params[key], `${spec.publicId}.${key}`),
    }));
    const entry: GtmPermissionEntry = {
      instance: { key: { publicId: spec.publicId, versionId: '1' }, param },
      isRequired: true,
    };
    if (param.length > 0) {
      return { instance: entry.instance, clientAnnotations: { isEditedByUser: true }, isRequired: true };
    }
    return entry;
  });
}

/** The readable form of a `___*_PERMISSIONS___` array (for the linter, emulator and tests). */
export function permissionsFromJson(entries: unknown): PermissionSpec[] {
  if (!Array.isArray(entries)) throw new PermissionFormatError('permissions', 'expected an array');
  return entries.map((entry, index) => {
    const instance = (entry as GtmPermissionEntry | undefined)?.instance;
    const publicId = instance?.key?.publicId;
    if (typeof publicId !== 'string') throw new PermissionFormatError(`permissions[${index}]`, 'missing instance.key.publicId');
    const params: Record<string, PermValue> = {};
    for (const param of instance?.param ?? []) {
      params[param.key] = decodePermValue(param.value, `${publicId}.${param.key}`);
    }
    return { publicId, params };
  });
}
