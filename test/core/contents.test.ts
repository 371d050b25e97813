import {
  TIKTOK_CURRENCIES, applyExtraProperties, buildProperties, itemToContent, normalizeCurrency, normalizeQuantity,
  readIdList, valueFromContents,
} from '../../src/core/contents';
import { PropertiesOptions } from '../../src/core/contents';
import { CoreToolkit } from '../../src/core/toolkit';
import { eventFromServerData } from '../../src/core/server-input';

/** buildProperties on event data, read by the server input adapter. */
function buildPropertiesOf(eventData: unknown, options: PropertiesOptions, tk: CoreToolkit) {
  return buildProperties(eventFromServerData(eventData, {}, tk).commerce, options, tk);
}
import { tk } from './node-toolkit';

describe('itemToContent', () => {
  test('GA4 item -> TikTok content with string id and integer quantity', () => {
    expect(itemToContent({ item_id: 12345, item_name: 'Tee', item_category: 'Apparel', item_category2: 'Shirts', item_brand: 'Acme', price: '24.95', quantity: '2' }, tk)).toEqual({
      content_id: '12345', content_name: 'Tee', content_category: 'Apparel', brand: 'Acme', price: 24.95, quantity: 2,
    });
  });

  test.each([
    [undefined, 1], [null, 1], ['', 1], [0, 1], [-3, 1], ['abc', 1], [2.6, 3], ['4', 4], [7, 7],
  ])('quantity %p -> %p', (q, expected) => {
    expect(normalizeQuantity(q, tk)).toBe(expected);
  });

  test('no id and no name -> dropped; name only -> kept without inventing an id', () => {
    expect(itemToContent({ price: 3 }, tk)).toBeUndefined();
    expect(itemToContent({ item_name: 'Gift card' }, tk)).toEqual({ content_name: 'Gift card', quantity: 1 });
  });

  test('TikTok-shaped and legacy gtag keys are accepted', () => {
    expect(itemToContent({ content_id: 'A', content_name: 'B', brand: 'C' }, tk)).toEqual({ content_id: 'A', content_name: 'B', brand: 'C', quantity: 1 });
    expect(itemToContent({ id: 'L1', name: 'Legacy', category: 'Cat' }, tk)).toEqual({ content_id: 'L1', content_name: 'Legacy', content_category: 'Cat', quantity: 1 });
  });

  test.each([[null], ['x'], [3], [['a']]])('non-object item %p -> undefined', (item) => {
    expect(itemToContent(item, tk)).toBeUndefined();
  });

  test('invalid or negative price is omitted', () => {
    expect(itemToContent({ item_id: 'A', price: '10,50' }, tk)).toEqual({ content_id: 'A', quantity: 1 });
    expect(itemToContent({ item_id: 'A', price: -1 }, tk)).toEqual({ content_id: 'A', quantity: 1 });
  });
});

describe('currency', () => {
  test('TikTok list has 62 codes', () => expect(TIKTOK_CURRENCIES).toHaveLength(62));
  test.each([['eur', 'EUR'], [' USD ', 'USD'], ['XYZ', undefined], ['', undefined], [978, undefined], ['BTC', undefined]])('%p -> %p', (input, out) => {
    expect(normalizeCurrency(input, tk)).toBe(out);
  });
});

describe('buildProperties', () => {
  const purchase = {
    event_name: 'purchase', currency: 'EUR', value: 59.9, transaction_id: 1042,
    items: [{ item_id: 'SKU-1', item_name: 'Tee', price: 24.95, quantity: 2 }, { item_id: 'SKU-2', price: 10 }],
  };

  test('full purchase', () => {
    const { properties, warnings } = buildPropertiesOf(purchase, {}, tk);
    expect(properties).toEqual({
      contents: [
        { content_id: 'SKU-1', content_name: 'Tee', price: 24.95, quantity: 2 },
        { content_id: 'SKU-2', price: 10, quantity: 1 },
      ],
      content_ids: ['SKU-1', 'SKU-2'],
      num_items: 3,
      content_type: 'product',
      value: 59.9,
      currency: 'EUR',
      order_id: '1042',
    });
    expect(warnings).toEqual([]);
  });

  test('value from items when absent, rounded to 2 decimals', () => {
    const { properties } = buildPropertiesOf({ items: [{ item_id: 'a', price: 0.1, quantity: 3 }, { item_id: 'b', price: 19.999 }] }, {}, tk);
    expect(properties.value).toBe(20.3);
  });

  test('value 0 is kept (not dropped)', () => {
    expect(buildPropertiesOf({ value: 0, items: [{ item_id: 'a', price: 5 }] }, {}, tk).properties.value).toBe(0);
  });

  test('non-numeric event value is ignored with a warning and replaced by the item sum', () => {
    const r = buildPropertiesOf({ value: 'ten', items: [{ item_id: 'a', price: 5, quantity: 2 }] }, {}, tk);
    expect(r.properties.value).toBe(10);
    expect(r.warnings.join(' ')).toContain('value');
  });

  test('numeric string value becomes a number', () => {
    expect(buildPropertiesOf({ value: '12.50' }, {}, tk).properties.value).toBe(12.5);
  });

  test('currency falls back to the items, unsupported event currency is warned about', () => {
    const r = buildPropertiesOf({ currency: 'XXX', items: [{ item_id: 'a', currency: 'gbp' }] }, {}, tk);
    expect(r.properties.currency).toBe('GBP');
    expect(r.warnings.join(' ')).toContain('XXX');
  });

  test('search term -> search_string and query; description', () => {
    const { properties } = buildPropertiesOf({ search_term: ' shoes ', description: 'd' }, {}, tk);
    expect(properties).toEqual({ search_string: 'shoes', query: 'shoes', description: 'd' });
  });

  test('content_type: option product_group, event data wins when valid', () => {
    const items = [{ item_id: 'a' }];
    expect(buildPropertiesOf({ items }, { contentType: 'product_group' }, tk).properties.content_type).toBe('product_group');
    expect(buildPropertiesOf({ items, content_type: 'product' }, { contentType: 'product_group' }, tk).properties.content_type).toBe('product');
    expect(buildPropertiesOf({ items, content_type: 'bogus' }, {}, tk).properties.content_type).toBe('product');
  });

  test('items cap', () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ item_id: 'id' + i }));
    const r = buildPropertiesOf({ items }, { maxContents: 5 }, tk);
    expect(r.properties.contents).toHaveLength(5);
    expect(r.properties.num_items).toBe(5);
    expect(r.warnings.join(' ')).toContain('2 item(s) over the limit');
  });

  test('items as JSON string, index-keyed object, ecommerce.items, and TikTok contents', () => {
    expect(buildPropertiesOf({ items: '[{"item_id":1}]' }, {}, tk).properties.content_ids).toEqual(['1']);
    expect(buildPropertiesOf({ items: { 0: { item_id: 'x' }, 1: { item_id: 'y' } } }, {}, tk).properties.content_ids).toEqual(['x', 'y']);
    expect(buildPropertiesOf({ ecommerce: { items: [{ item_id: 'e' }] } }, {}, tk).properties.content_ids).toEqual(['e']);
    expect(buildPropertiesOf({ contents: '[{"content_id":"c","quantity":2}]' }, {}, tk).properties.num_items).toBe(2);
  });

  test.each([[undefined], [null], ['garbage'], [42], [[]], [{ items: 'not json' }], [{ items: [null, 1, 'x'] }]])('garbage %p never throws', (input) => {
    expect(() => buildPropertiesOf(input, {}, tk)).not.toThrow();
    expect(buildPropertiesOf(input, {}, tk).properties.contents).toBeUndefined();
  });

  test('duplicate content ids are listed once in content_ids', () => {
    expect(buildPropertiesOf({ items: [{ item_id: 'a' }, { item_id: 'a' }] }, {}, tk).properties.content_ids).toEqual(['a']);
  });

  test('valueFromContents is undefined without prices', () => {
    expect(valueFromContents([{ quantity: 1 }], tk)).toBeUndefined();
  });
});

describe('applyExtraProperties', () => {
  test('coerces UI text by key', () => {
    const warnings: string[] = [];
    const props = applyExtraProperties({}, [
      { name: 'value', value: '19.999' },
      { name: 'num_items', value: '3' },
      { name: 'order_id', value: 1042 },
      { name: 'currency', value: 'usd' },
      { name: 'contents', value: '[{"content_id":7,"price":"2.5"}]' },
      { name: 'content_ids', value: 'a, b,a' },
      { name: 'shop_id', value: 'S1' },
      { name: 'custom_flag', value: 5 },
      { name: 'custom_text', value: '12' },
    ], tk, warnings);
    expect(props).toEqual({
      value: 20, num_items: 3, order_id: '1042', currency: 'USD',
      contents: [{ content_id: '7', price: 2.5, quantity: 1 }], content_ids: ['a', 'b'], shop_id: 'S1',
      custom_flag: 5, custom_text: '12',
    });
    expect(warnings).toEqual([]);
  });

  test('empty values never override; invalid values are skipped with warnings', () => {
    const warnings: string[] = [];
    const props = applyExtraProperties({ value: 5, currency: 'EUR' }, [
      { name: 'value', value: '' }, { name: 'value', value: 'abc' }, { name: 'currency', value: 'ZZZ' },
      { name: '', value: 'x' }, { name: 'contents', value: 'nope' },
    ], tk, warnings);
    expect(props).toEqual({ value: 5, currency: 'EUR' });
    expect(warnings).toHaveLength(3);
  });

  test('readIdList accepts JSON arrays', () => {
    expect(readIdList('["1", 2]', tk)).toEqual(['1', '2']);
    expect(readIdList([3, 'x', null], tk)).toEqual(['3', 'x']);
  });
});
