// Field values (`data`) for any template, generated from its ___TEMPLATE_PARAMETERS___: SELECT and
// RADIO values from their items, CHECKBOX booleans, TEXT strings (defaults, empty, junk, unicode,
// long), tables with junk rows; plus realistic settings for fields we know by name (pixel IDs,
// access token, personal-data fields that carry generated PII). New templates are covered without
// changes here; fields with a known meaning just get better values.
import fc from 'fast-check';
import type { SelectItem, SimpleTableColumn, TemplateParameter } from '../../src/tpl/definition';
import { dataFields, fieldDefaults } from '../../src/tpl/parameters';
import { anyString, junk } from './ga4';
import { PiiKind, PiiToken, piiTokenOf } from './pii';

/** Every parameter that becomes a key of `data` (the one walk of the tree: src/tpl/parameters.ts). */
export function flattenParameters(parameters: unknown): TemplateParameter[] {
  return dataFields(parameters);
}

export const VALID_PIXEL_ID = 'C9Q2MJ3C77U4P674RPG0';
export const VALID_PIXEL_ID_2 = 'D2BBBBBBBBBBBBBBBBBB';
export const ACCESS_TOKEN = 'tok_ACCESS_0123456789abcdefXYZ';

/** Field names that hold personal data in our templates (and likely in new ones). */
export function piiKindOfField(name: string): PiiKind | undefined {
  if (/email/i.test(name)) return 'email';
  if (/phone/i.test(name) && !/country/i.test(name)) return 'phone';
  if (/first.?name/i.test(name)) return 'first_name';
  if (/last.?name/i.test(name)) return 'last_name';
  if (/zip|postal/i.test(name)) return 'zip';
  if (/external.?id/i.test(name) && !/as/i.test(name)) return 'external_id';
  return undefined;
}

const macroLike = fc.constantFrom('{{Event Name}}', '{{undefined variable}}');
const numericText = fc.oneof(fc.integer({ min: -5, max: 100000 }).map(String), fc.constantFrom('', '0', '1.5', 'abc', ' 3 ', '1e9', '-1'));

function textValue(p: { name: string; defaultValue?: unknown }): fc.Arbitrary<unknown> {
  const options: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 3, arbitrary: anyString },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: macroLike },
    // GTM passes a variable's value as is: a number, boolean or object can arrive in a TEXT field.
    { weight: 1, arbitrary: junk },
  ];
  if (p.defaultValue !== undefined) options.push({ weight: 6, arbitrary: fc.constant(p.defaultValue) });
  if (/days|retries|timeout|ms$|count|max/i.test(p.name)) options.push({ weight: 4, arbitrary: numericText });
  return fc.oneof(...options);
}

function itemValues(items: readonly Pick<SelectItem, 'value'>[] | undefined, withJunk: boolean): fc.Arbitrary<unknown> {
  const values = (items ?? []).map((item) => item.value);
  if (values.length === 0) return textValue({ name: '' });
  const choice = fc.constantFrom(...values);
  return withJunk ? fc.oneof({ weight: 12, arbitrary: choice }, { weight: 1, arbitrary: fc.oneof(anyString, fc.constant(undefined)) }) : choice;
}

function tableValue(columns: readonly Pick<SimpleTableColumn, 'name' | 'selectItems'>[]): fc.Arbitrary<unknown> {
  const row = fc.record(
    Object.fromEntries(columns.map((c) => [c.name, c.selectItems ? itemValues(c.selectItems, true) : fc.oneof(anyString, junk, fc.constantFrom('purchase', 'Purchase', 'value', 'shop_id', 'currency', 'contents', 'content_ids', 'num_items', '12.5', 'EUR', '[{"content_id":"A"}]'))])),
    { requiredKeys: [] },
  );
  // GTM always stores a table as a list of row objects (cells may hold anything a variable returns);
  // an old tag without the field has none.
  return fc.oneof({ weight: 4, arbitrary: fc.array(row, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function parameterValue(p: TemplateParameter): fc.Arbitrary<unknown> {
  switch (p.type) {
    case 'CHECKBOX':
      return fc.oneof({ weight: 10, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'true', 'false', 1, 0) });
    case 'SELECT':
      return itemValues(p.selectItems, true);
    case 'RADIO':
      return itemValues(p.radioItems, true);
    case 'SIMPLE_TABLE':
      return tableValue(p.simpleTableColumns ?? []);
    case 'PARAM_TABLE':
      return tableValue((p.paramTableColumns ?? []).map((c) => ({ name: c.param.name || 'x' })));
    default:
      return textValue(p);
  }
}

export interface FieldsCase {
  data: Record<string, unknown>;
  /** Raw personal data put into personal-data fields. */
  pii: PiiToken[];
}

/** Realistic values for fields we know by name; applied over the generic values most of the time. */
function realisticOverlay(names: Set<string>): fc.Arbitrary<Record<string, unknown>> {
  const overlay: Record<string, fc.Arbitrary<unknown>> = {};
  if (names.has('pixelId')) overlay.pixelId = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(VALID_PIXEL_ID, ' ' + VALID_PIXEL_ID + ' ') }, { weight: 1, arbitrary: anyString });
  if (names.has('pixelIds')) {
    overlay.pixelIds = fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(VALID_PIXEL_ID, VALID_PIXEL_ID + ', ' + VALID_PIXEL_ID_2, VALID_PIXEL_ID + '\n' + VALID_PIXEL_ID_2 + ',bad id') },
      { weight: 1, arbitrary: anyString },
    );
  }
  if (names.has('accessToken')) overlay.accessToken = fc.oneof({ weight: 12, arbitrary: fc.constant(ACCESS_TOKEN) }, { weight: 1, arbitrary: anyString });
  if (names.has('testEventCode')) overlay.testEventCode = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constant('TEST_FIELD_CODE') }, { weight: 1, arbitrary: anyString });
  if (names.has('logType')) overlay.logType = fc.constantFrom('always', 'always', 'debug', 'never');
  if (names.has('debugLogging')) overlay.debugLogging = fc.constantFrom(true, true, false);
  if (names.has('bigQueryLogging')) overlay.bigQueryLogging = fc.constantFrom(false, false, true);
  if (names.has('bigQueryDatasetId')) overlay.bigQueryDatasetId = fc.constantFrom('tiktok', '');
  if (names.has('bigQueryTableId')) overlay.bigQueryTableId = fc.constantFrom('events', '');
  if (names.has('eventMode')) overlay.eventMode = fc.constantFrom('mapped', 'mapped', 'mapped', 'fixed');
  if (names.has('fixedEvent')) overlay.fixedEvent = fc.constantFrom('Purchase', 'Lead', 'CompletePayment', 'MyCustomEvent', '', 'purchase');
  if (names.has('timeoutMs')) overlay.timeoutMs = fc.constantFrom('10000', '1', '', 'abc');
  if (names.has('maxRetries')) overlay.maxRetries = fc.constantFrom('2', '0', '5', '99', '', '-1', 'x');
  // Event sources: web most of the time (the generated events are web hits), the others with the IDs
  // their requests need, so their requests are built and validated too.
  if (names.has('eventSource')) overlay.eventSource = fc.oneof({ weight: 8, arbitrary: fc.constant('web') }, { weight: 1, arbitrary: fc.constantFrom('app', 'offline', 'crm') });
  if (names.has('appId')) overlay.appId = fc.constantFrom('343200656', 'com.example.shop', '');
  if (names.has('leadId')) overlay.leadId = fc.constantFrom('7400000000000000001', '');
  if (names.has('moreDestinations')) {
    overlay.moreDestinations = fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.constantFrom([{ destinationId: VALID_PIXEL_ID_2, destinationToken: '' }], [{ destinationId: VALID_PIXEL_ID_2, destinationToken: 'tok_SECOND_0123456789' }, { destinationId: 'bad id', destinationToken: ACCESS_TOKEN }]) },
    );
  }
  return fc.record(overlay, { requiredKeys: [] });
}

/** Field values for a template, from its parameters. */
export function fieldsFor(parameters: unknown): fc.Arbitrary<FieldsCase> {
  const flat = dataFields(parameters);
  const names = new Set(flat.map((p) => p.name));
  const generic: Record<string, fc.Arbitrary<unknown>> = {};
  const piiFields: Record<string, fc.Arbitrary<PiiToken | undefined>> = {};
  for (const p of flat) {
    const kind = piiKindOfField(p.name);
    if (kind && p.type === 'TEXT') piiFields[p.name] = fc.option(piiTokenOf[kind], { nil: undefined, freq: 2 });
    else generic[p.name] = parameterValue(p);
  }
  return fc
    .record({
      generic: fc.record(generic, { requiredKeys: [] }),
      overlay: fc.oneof({ weight: 6, arbitrary: realisticOverlay(names) }, { weight: 1, arbitrary: fc.constant({}) }),
      pii: fc.record(piiFields, { requiredKeys: [] }),
    })
    .map(({ generic: values, overlay, pii }) => {
      const data: Record<string, unknown> = { ...values, ...overlay };
      const tokens: PiiToken[] = [];
      for (const [name, token] of Object.entries(pii)) {
        if (!token) continue;
        data[name] = token.raw;
        tokens.push(token);
      }
      for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
      return { data, pii: tokens };
    });
}

/** GTM fills every field the user never touched with its defaultValue (unchecked checkboxes: false); the server does the same. */
export function defaultsOf(parameters: unknown): Record<string, unknown> {
  return fieldDefaults(parameters);
}
