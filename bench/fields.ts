// Field values the bench gives a template (ours or a published one): shared by the per-event
// groups (bench.ts) and the batch replay (batch.ts).
import type { LoadedTemplate } from '../src/sandbox';
import { ACCESS_TOKEN, VALID_PIXEL_ID, defaultsOf, flattenParameters } from '../test/generators/fields';

/**
 * Field values for any template: its defaults, plus credentials for fields named like them. The
 * returned function fills in the event's name; the defaults are worked out once per template, so
 * the timed runs do not include walking a template's field list (longer for some templates).
 */
export function benchFieldsFor(template: LoadedTemplate): (eventName: unknown) => Record<string, unknown> {
  const base: Record<string, unknown> = { ...defaultsOf(template.parameters) };
  const eventNameFields: string[] = [];
  for (const p of flattenParameters(template.parameters)) {
    const name = p.name ?? '';
    if (/^pixel_?(id|code)s?$/i.test(name)) base[name] = VALID_PIXEL_ID;
    else if (/access_?token/i.test(name)) base[name] = ACCESS_TOKEN;
    // A field defaulting to a variable reference gets what that variable would give.
    if (base[name] === '{{Event Name}}') eventNameFields.push(name);
  }
  if ('logType' in base) base.logType = 'never';
  return (eventName) => {
    const data = { ...base };
    for (const name of eventNameFields) data[name] = typeof eventName === 'string' ? eventName : '';
    return data;
  };
}
