// What a user sees when opening a new tag or variable of each template (build/form-layout.ts, read
// from the built .tpl files): at most 8 fields, the rest in closed sections. The layout rules
// themselves are checked on a small form first, so the counts below cannot pass by accident.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstOpenFields, firstOpenForm, formNodes } from '../../build/form-layout';
import type { TemplateParameter } from '../../src/tpl/definition';
import { findSection, parseJsonSection, parseTpl } from '../../src/tpl/format';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

function parametersOf(id: string): TemplateParameter[] {
  const parsed = parseTpl(fs.readFileSync(path.join(TEMPLATES_DIR, id + '.tpl'), 'utf8'), id + '.tpl');
  return parseJsonSection(parsed, findSection(parsed, 'TEMPLATE_PARAMETERS')!) as TemplateParameter[];
}

const ids = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.tpl')).map((f) => f.replace(/\.tpl$/, '')).sort();

/** At most this many fields on first open (the goal for the server tag, applied to all). */
const FIRST_OPEN_LIMIT = 8;

describe('the layout rules', () => {
  const form: TemplateParameter[] = [
    { type: 'TEXT', name: 'shown', displayName: 'Shown' },
    { type: 'LABEL', name: 'label', displayName: 'A label is not a field' },
    {
      type: 'GROUP', name: 'open', displayName: 'Open', groupStyle: 'NO_ZIPPY',
      subParams: [
        { type: 'CHECKBOX', name: 'box', checkboxText: 'Box', defaultValue: false, subParams: [
          { type: 'TEXT', name: 'whenBox', displayName: 'When box', enablingConditions: [{ paramName: 'box', paramValue: true, type: 'EQUALS' }] },
          { type: 'TEXT', name: 'underBox', displayName: 'Always under the box' },
        ] },
        { type: 'RADIO', name: 'mode', displayName: 'Mode', defaultValue: 'a', radioItems: [
          { value: 'a', displayValue: 'A', subParams: [{ type: 'TEXT', name: 'underA', displayName: 'Under A' }] },
          { value: 'b', displayValue: 'B', subParams: [{ type: 'TEXT', name: 'underB', displayName: 'Under B' }] },
        ] },
        { type: 'TEXT', name: 'unlessA', displayName: 'Unless A', enablingConditions: [{ paramName: 'mode', paramValue: 'a', type: 'NOT_EQUALS' }] },
      ],
    },
    { type: 'GROUP', name: 'zippyOpen', displayName: 'Zippy open', groupStyle: 'ZIPPY_OPEN', subParams: [{ type: 'TEXT', name: 'inOpen', displayName: 'In open' }] },
    { type: 'GROUP', name: 'closed', displayName: 'Closed', groupStyle: 'ZIPPY_CLOSED', subParams: [{ type: 'TEXT', name: 'inClosed', displayName: 'In closed' }] },
  ];

  test('closed sections, unmet conditions and unselected radio options hide fields; labels are no fields', () => {
    expect(firstOpenFields(form).map((f) => f.name)).toEqual(['shown', 'box', 'underBox', 'mode', 'underA', 'inOpen']);
  });

  test('a closed section still shows its title', () => {
    const closed = formNodes(firstOpenForm(form)).find((node) => node.parameter.name === 'closed')!;
    expect(closed.open).toBe(false);
    expect(closed.children).toEqual([]);
  });
});

/** Drop-downs and radio buttons without a default that GTM requires, shown whatever the other fields say. */
function mustChoose(parameters: TemplateParameter[] | undefined): string[] {
  return (parameters ?? []).flatMap((p) => {
    const own = (p.type === 'SELECT' || p.type === 'RADIO') && p.defaultValue === undefined && !p.enablingConditions &&
      ((p as { valueValidators?: { type: string }[] }).valueValidators ?? []).some((v) => v.type === 'NON_EMPTY') ? [p.name] : [];
    const inner = 'subParams' in p ? mustChoose(p.subParams) : [];
    const underOptions = p.type === 'RADIO' ? p.radioItems.flatMap((item) => mustChoose(item.subParams)) : [];
    return own.concat(inner, underOptions);
  });
}

describe('fields on first open', () => {
  test.each(ids)(`%s shows at most ${FIRST_OPEN_LIMIT} fields`, (id) => {
    const shown = firstOpenFields(parametersOf(id)).map((f) => f.name);
    expect({ id, shown, count: shown.length <= FIRST_OPEN_LIMIT }).toEqual({ id, shown, count: true });
  });

  test('the server tag asks for the pixel, the token, the test code, the settings variable, the event names and the consent choice, nothing more', () => {
    expect(firstOpenFields(parametersOf('tiktok-events-api')).map((f) => f.name)).toEqual(['pixelId', 'accessToken', 'testEventCode', 'settingsVariable', 'nameSet', 'consentUnknownAs']);
  });

  test('the web tag asks for the pixel, the event ID, the settings variable and the event names', () => {
    expect(firstOpenFields(parametersOf('tiktok-pixel')).map((f) => f.name)).toEqual(['pixelIds', 'eventId', 'settingsVariable', 'nameSet']);
  });

  // GTM refuses to save a tag or variable while a required field is empty; a required field without
  // a default is shown on first open, not in a closed section the user has to find.
  test.each(ids)('%s: every field that must be chosen (required, no default) is shown on first open', (id) => {
    const parameters = parametersOf(id);
    if (id === 'tiktok-pixel' || id === 'tiktok-events-api' || id === 'tiktok-event-id') expect(mustChoose(parameters)).toContain('nameSet');
    const shown = new Set(firstOpenFields(parameters).map((f) => f.name));
    expect(mustChoose(parameters).filter((name) => !shown.has(name))).toEqual([]);
  });
});
