// The one walk of a ___TEMPLATE_PARAMETERS___ tree (src/tpl/parameters.ts), used by the build, the
// docs, the linter, the local server's field defaults and the test generators.
import type { TemplateParameter } from '../../src/tpl/definition';
import { dataFields, fieldDefaults, mapParameters, walkParameters } from '../../src/tpl/parameters';

const TREE: TemplateParameter[] = [
  { type: 'TEXT', name: 'pixelId', defaultValue: 'C1' },
  { type: 'CHECKBOX', name: 'debug', checkboxText: 'Debug', subParams: [{ type: 'TEXT', name: 'debugCode' }] },
  {
    type: 'GROUP',
    name: 'advanced',
    displayName: 'Advanced',
    subParams: [
      { type: 'LABEL', name: 'note', displayName: 'A note' },
      {
        type: 'RADIO',
        name: 'mode',
        defaultValue: 'auto',
        radioItems: [
          { value: 'auto', displayValue: 'Automatic' },
          { value: 'manual', displayValue: 'Manual', subParams: [{ type: 'SELECT', name: 'source', selectItems: [], defaultValue: 'url' }] },
        ],
      },
      { type: 'GROUP', name: 'inner', subParams: [{ type: 'CHECKBOX', name: 'on', checkboxText: 'On', defaultValue: true }] },
    ],
  },
  {
    type: 'PARAM_TABLE',
    name: 'rows',
    paramTableColumns: [{ param: { type: 'TEXT', name: 'cell', defaultValue: 'x' }, isUnique: true }],
  },
];

describe('walkParameters', () => {
  test('visits every field depth first in document order, with where it sits', () => {
    const seen: string[] = [];
    walkParameters(TREE, (field, place) => {
      seen.push(
        [field.name, place.depth, place.parent?.name ?? '-', place.radioItem ? String(place.radioItem.value) : '-', place.groups.map((g) => g.name).join('/') || '-', place.inTable].join(' '),
      );
    }, { tableColumns: true });
    expect(seen).toEqual([
      'pixelId 0 - - - false',
      'debug 0 - - - false',
      'debugCode 1 debug - - false',
      'advanced 0 - - - false',
      'note 1 advanced - advanced false',
      'mode 1 advanced - advanced false',
      'source 2 mode manual advanced false',
      'inner 1 advanced - advanced false',
      'on 2 inner - advanced/inner false',
      'rows 0 - - - false',
      'cell 1 rows - - true',
    ]);
  });

  test('table columns only on request; descend and invalid entries', () => {
    const names: string[] = [];
    walkParameters(TREE, (field) => names.push(field.name));
    expect(names).not.toContain('cell');

    const shallow: string[] = [];
    walkParameters(TREE, (field) => shallow.push(field.name), { descend: (field) => field.type !== 'GROUP' });
    expect(shallow).toEqual(['pixelId', 'debug', 'debugCode', 'advanced', 'rows']);

    const invalid: unknown[] = [];
    walkParameters([42, { type: 'GROUP', name: 'g', subParams: ['x', { type: 'TEXT', name: 't' }] }, { type: 'PARAM_TABLE', name: 'p', paramTableColumns: [{ isUnique: true }] }], () => undefined, {
      tableColumns: true,
      onInvalidEntry: (entry, place) => invalid.push([entry, place.parent?.name ?? null, place.inTable]),
    });
    expect(invalid).toEqual([[42, null, false], ['x', 'g', false], [undefined, 'p', true]]);
    // Not a list at all: nothing to walk, no throw.
    expect(() => walkParameters({ not: 'a list' }, () => undefined)).not.toThrow();
  });
});

describe('data fields and defaults', () => {
  test('every field outside tables except GROUP and LABEL is a data key', () => {
    expect(dataFields(TREE).map((field) => field.name)).toEqual(['pixelId', 'debug', 'debugCode', 'mode', 'source', 'on', 'rows']);
  });

  test('a fresh instance: defaultValue, unchecked checkboxes false, nothing for table cells', () => {
    expect(fieldDefaults(TREE)).toEqual({ pixelId: 'C1', debug: false, mode: 'auto', source: 'url', on: true });
  });
});

describe('mapParameters', () => {
  test('transforms every field and keeps each child where it was', () => {
    const mapped = mapParameters(TREE, (field) => ({ ...field, seen: true }));
    const flat: string[] = [];
    walkParameters(mapped, (field) => {
      expect((field as unknown as { seen?: boolean }).seen).toBe(true);
      flat.push(field.name);
    }, { tableColumns: true });
    const original: string[] = [];
    walkParameters(TREE, (field) => original.push(field.name), { tableColumns: true });
    expect(flat).toEqual(original);
    expect(TREE[0]).not.toHaveProperty('seen');
  });
});
