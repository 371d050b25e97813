// Value validators: every numeric field of every built template refuses a wrong value on save, the
// range patterns match exactly their range, both tags check a pixel ID the same way, and the
// readers clamp what a variable gives at run time and say so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { nodeToolkit } from '../../src/core-node/toolkit';
import { boundedInteger } from '../../src/template-kit/settings.read';
import { EXAMPLE_PIXEL_ID, PIXEL_ID_LIST_VALIDATOR, PIXEL_ID_VALIDATOR, wholeNumberRangePattern } from '../../src/template-kit/validators.fields';
import type { TemplateParameter, ValueValidator } from '../../src/tpl/definition';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';
import { dataFields } from '../../src/tpl/parameters';

const tk = nodeToolkit();
const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');
const ids = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl')).map((f) => f.replace(/\.tpl$/, '')).sort();

function parametersOf(id: string): TemplateParameter[] {
  const parsed = parseTpl(fs.readFileSync(path.join(TEMPLATES_DIR, id + '.tpl'), 'utf8'), id + '.tpl');
  return parseJsonSection(parsed, findSection(parsed, 'TEMPLATE_PARAMETERS')!) as TemplateParameter[];
}

/** GTM's REGEX validators match the whole value. */
function fullMatch(validator: ValueValidator, value: string): boolean {
  if (validator.type !== 'REGEX') throw new Error('not a REGEX validator');
  return new RegExp('^(?:' + validator.args[0] + ')$').test(value);
}

const NUMBER = /^\s*-?[0-9]+(\.[0-9]+)?\s*$/;

describe('numeric fields have value validators', () => {
  test.each(ids)('%s', (id) => {
    // A field is numeric when its default or its example is a number.
    const numeric = dataFields(parametersOf(id)).filter((field) => field.type === 'TEXT' && (NUMBER.test(String(field.defaultValue ?? '')) || NUMBER.test(field.valueHint ?? '')));
    const unchecked = numeric.filter((field) => field.type === 'TEXT' && !(field.valueValidators ?? []).some((v) => ['REGEX', 'NUMBER', 'POSITIVE_NUMBER', 'NON_NEGATIVE_NUMBER', 'DECIMAL'].includes(v.type)));
    expect(unchecked.map((field) => field.name)).toEqual([]);
  });

  test('the server tag\'s retries and timeout and the cookie lifetimes are checked against their ranges', () => {
    const fields = new Map(dataFields(parametersOf('tiktok-events-api')).map((field) => [field.name, field]));
    const rangeOf = (name: string) => ((fields.get(name) as { valueValidators: ValueValidator[] }).valueValidators.find((v) => v.type === 'REGEX'))!;
    expect(['0', '5', ' 2 ', '{{Retries}}'].every((v) => fullMatch(rangeOf('maxRetries'), v))).toBe(true);
    expect(['6', '-1', '2.5', '9', ''].some((v) => fullMatch(rangeOf('maxRetries'), v))).toBe(false);
    expect(['500', '60000', '10000'].every((v) => fullMatch(rangeOf('timeoutMs'), v))).toBe(true);
    expect(['499', '60001', '100'].some((v) => fullMatch(rangeOf('timeoutMs'), v))).toBe(false);
    expect(['1', '3650'].every((v) => fullMatch(rangeOf('ttpDays'), v))).toBe(true);
    expect(['0', '3651'].some((v) => fullMatch(rangeOf('ttclidDays'), v))).toBe(false);
    expect(['1', '90', '3650', '{{Days}}'].every((v) => fullMatch(rangeOf('rememberedKeysDays'), v))).toBe(true);
    expect(['0', '3651', '30.5'].some((v) => fullMatch(rangeOf('rememberedKeysDays'), v))).toBe(false);
  });

  test('the app\'s store ID takes an App Store number or an Android package name, not only digits', () => {
    // Its example is a number, but on Android it is a package name: the check accepts both forms.
    const appId = dataFields(parametersOf('tiktok-events-api')).find((f) => f.name === 'appId') as { valueValidators: ValueValidator[] };
    const check = appId.valueValidators.find((v) => v.type === 'REGEX')!;
    for (const value of ['343200656', 'com.example.shop', 'com.rovio.angrybirds', 'com.Example_2.shop', ' {{App ID}} ', '']) {
      expect({ value, valid: fullMatch(check, value) }).toEqual({ value, valid: true });
    }
    for (const value of ['id343200656', 'apps.apple.com/app/id343200656', 'shop', 'com.1example.shop', 'com..shop', 'com.example.', '-1']) {
      expect({ value, valid: fullMatch(check, value) }).toEqual({ value, valid: false });
    }
  });
});

describe('range patterns', () => {
  test('match exactly the whole numbers of their range', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 0, max: 140000 }), (a, b, n) => {
      const min = Math.min(a, b);
      const max = Math.max(a, b);
      const re = new RegExp('^(?:' + wholeNumberRangePattern(min, max) + ')$');
      return re.test(String(n)) === (n >= min && n <= max) && re.test(String(min)) && re.test(String(max)) && !re.test('0' + String(max));
    }), { numRuns: 500 });
  });
});

describe('pixel IDs', () => {
  test('the web tag checks each pixel ID like the server tag checks its one', () => {
    const server = dataFields(parametersOf('tiktok-events-api')).find((f) => f.name === 'pixelId') as { valueValidators: ValueValidator[] };
    const web = dataFields(parametersOf('tiktok-pixel')).find((f) => f.name === 'pixelIds') as { valueValidators: ValueValidator[] };
    expect(server.valueValidators).toContainEqual(PIXEL_ID_VALIDATOR);
    expect(web.valueValidators).toContainEqual(PIXEL_ID_LIST_VALIDATOR);
    for (const id of [EXAMPLE_PIXEL_ID, 'c9q2mj3c77u4p674rpg0', '{{Pixel}}', ' C1234567890 ']) {
      expect({ id, server: fullMatch(PIXEL_ID_VALIDATOR, id), web: fullMatch(PIXEL_ID_LIST_VALIDATOR, id) }).toEqual({ id, server: true, web: true });
    }
    for (const id of ['C123', 'not-a-pixel!', 'C1234567890;x', 'A'.repeat(41)]) {
      expect({ id, server: fullMatch(PIXEL_ID_VALIDATOR, id), web: fullMatch(PIXEL_ID_LIST_VALIDATOR, id) }).toEqual({ id, server: false, web: false });
    }
    expect(fullMatch(PIXEL_ID_LIST_VALIDATOR, EXAMPLE_PIXEL_ID + ', D0987654321,{{Second pixel}}')).toBe(true);
    expect(fullMatch(PIXEL_ID_LIST_VALIDATOR, EXAMPLE_PIXEL_ID + ',,C1234567890')).toBe(false);
  });

  test('both tags show the same example pixel ID', () => {
    const hints = ['tiktok-events-api', 'tiktok-pixel'].map((id) => dataFields(parametersOf(id)).find((f) => f.name === 'pixelId' || f.name === 'pixelIds') as { valueHint?: string });
    expect(hints.map((h) => h.valueHint)).toEqual([EXAMPLE_PIXEL_ID, EXAMPLE_PIXEL_ID]);
  });
});

describe('run-time clamps say what they did', () => {
  test.each([
    [9, 5, 'Retries 9 is above the range (allowed 0 to 5): 5 used'],
    ['-1', 0, 'Retries -1 is below the range (allowed 0 to 5): 0 used'],
    ['2.7', 2, 'Retries 2.7 is not a whole number: 2 used'],
    ['many', 2, 'Retries is not a number: 2 used'],
    ['3', 3, undefined],
    [undefined, 2, undefined],
    ['', 2, undefined],
  ])('%p', (value, expected, note) => {
    expect(boundedInteger('Retries', value, 2, 0, 5, tk)).toEqual(note === undefined ? { value: expected } : { value: expected, note });
  });
});
