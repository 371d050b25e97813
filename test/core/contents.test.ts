import {
  TIKTOK_CURRENCIES, applyExtraProperties, buildProperties, itemToContent, normalizeCurrency, normalizeQuantity,
  readIdList,
} from '../../src/core/contents';
import { itemSum, readAmount, resolveCurrency } from '../../src/core/money';
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

  test('a price is read like a value (decimal comma, thousands groups); unreadable or negative is omitted', () => {
    expect(itemToContent({ item_id: 'A', price: '10,50' }, tk)).toEqual({ content_id: 'A', price: 10.5, quantity: 1 });
    expect(itemToContent({ item_id: 'A', price: '1.234,50' }, tk)).toEqual({ content_id: 'A', price: 1234.5, quantity: 1 });
    expect(itemToContent({ item_id: 'A', price: '€10' }, tk)).toEqual({ content_id: 'A', quantity: 1 });
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

  test.each([['ten'], ['1,234'], [-5], ['-5'], ['€12'], [{ amount: 12 }], [true]])('an event value that cannot be read (%p) is not replaced by the item sum: no value, a warning', (value) => {
    const r = buildPropertiesOf({ value, currency: 'EUR', items: [{ item_id: 'a', price: 5, quantity: 2 }] }, {}, tk);
    expect(r.properties.value).toBeUndefined();
    expect(r.properties.currency).toBe('EUR');
    expect(r.warnings.join(' ')).toContain('event value');
    expect(r.warnings.join(' ')).not.toContain(String(value));
  });

  test.each([
    ['1,234.56', 1234.56], ['1.234,56', 1234.56], ['1 234,56', 1234.56], ["1'234.56", 1234.56], ['1\u00a0234', 1234],
    ['12,345,678.9', 12345678.9], ['1.234.567', 1234567], ['12,50', 12.5], ['0,125', 0.125], ['1234,5', 1234.5],
    ['1.234', 1.234], [' 59.90 ', 59.9], [59.9, 59.9], [0, 0], ['0', 0],
  ])('an event value written %p is %p', (value, amount) => {
    expect(buildPropertiesOf({ value, currency: 'EUR' }, {}, tk).properties.value).toBe(amount);
  });

  test('the item sum uses each quantity as given (2.5 × 10 = 25), contents keep TikTok\'s integer quantity', () => {
    const { properties, warnings } = buildPropertiesOf({ currency: 'EUR', items: [{ item_id: 'a', price: 10, quantity: '2.5' }] }, {}, tk);
    expect(properties.value).toBe(25);
    expect(properties.contents).toEqual([{ content_id: 'a', price: 10, quantity: 3 }]);
    expect(warnings).toEqual([]);
  });

  test('no item sum when an item has no readable price or quantity (a partial sum is not the order value)', () => {
    for (const items of [[{ item_id: 'a', price: 10 }, { item_id: 'b' }], [{ item_id: 'a', price: 10, quantity: 'two' }], [{ item_id: 'a', price: 'ten' }]]) {
      const r = buildPropertiesOf({ currency: 'EUR', items }, {}, tk);
      expect(r.properties.value).toBeUndefined();
      expect(r.warnings.join(' ')).toContain('item sum');
    }
    expect(buildPropertiesOf({ currency: 'EUR', items: [{ item_id: 'a' }] }, {}, tk).warnings).toEqual([]);
  });

  test('numeric string value becomes a number', () => {
    expect(buildPropertiesOf({ value: '12.50' }, {}, tk).properties.value).toBe(12.5);
  });

  test("the event's own currency wins over an item's", () => {
    const r = buildPropertiesOf({ value: 100, currency: 'usd', items: [{ item_id: 'a', price: 100, currency: 'EUR' }] }, {}, tk);
    expect(r.properties).toMatchObject({ value: 100, currency: 'USD' });
  });

  test('an item currency fills in only when the event has none, and only when the items agree', () => {
    expect(buildPropertiesOf({ value: 5, items: [{ item_id: 'a', currency: 'gbp' }] }, {}, tk).properties).toMatchObject({ value: 5, currency: 'GBP' });
    const mixed = buildPropertiesOf({ value: 5, items: [{ item_id: 'a', currency: 'GBP' }, { item_id: 'b', currency: 'EUR' }] }, {}, tk);
    expect(mixed.properties.value).toBeUndefined();
    expect(mixed.properties.currency).toBeUndefined();
    expect(mixed.warnings.join(' ')).toContain('different currencies');
  });

  test('an event currency TikTok does not support: neither the items\' currency nor the value is sent, and the log says so', () => {
    for (const currency of ['BGN', 'XXX', '€', 'euro']) {
      const r = buildPropertiesOf({ value: 100, currency, items: [{ item_id: 'a', price: 100, currency: 'EUR' }] }, {}, tk);
      expect(r.properties.value).toBeUndefined();
      expect(r.properties.currency).toBeUndefined();
      expect(r.warnings.join(' ')).toContain('not one TikTok supports');
    }
  });

  test("items' currencies: a supported code wins over another item's unsupported one; unsupported alone drops the value", () => {
    for (const items of [[{ item_id: 'a', currency: 'BGN' }, { item_id: 'b', currency: 'eur' }], [{ item_id: 'a', currency: 'EUR' }, { item_id: 'b', currency: 'BGN' }]]) {
      const r = buildPropertiesOf({ value: 5, items }, {}, tk);
      expect(r.properties).toMatchObject({ value: 5, currency: 'EUR' });
      expect(r.warnings).toEqual([]);
    }
    const unsupported = buildPropertiesOf({ value: 5, items: [{ item_id: 'a', currency: 'XXX' }, { item_id: 'b', currency: 'bgn' }] }, {}, tk);
    expect(unsupported.properties.value).toBeUndefined();
    expect(unsupported.properties.currency).toBeUndefined();
    expect(unsupported.warnings.join(' ')).toContain('the items\' currency "BGN" is not one TikTok supports');
    const notText = buildPropertiesOf({ value: 5, currency: true, items: [{ item_id: 'a', currency: 'EUR' }] }, {}, tk);
    expect(notText.properties.currency).toBeUndefined();
    expect(notText.warnings.join(' ')).toContain('the currency is not text');
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

  test('items past the cap are counted as over the limit or as dropped, as before it', () => {
    const junk = [null, 'x', 7, [], { price: 3 }, { item_id: '  ' }];
    const items = [{ item_id: 'a' }, junk[4], { item_name: 'b' }, ...junk, { id: 'c' }, { name: 'd' }, { content_id: 4 }];
    const r = buildPropertiesOf({ items }, { maxContents: 2 }, tk);
    expect(r.properties.content_ids).toEqual(['a']);
    expect(r.properties.contents).toHaveLength(2);
    const warnings = r.warnings.join(' ');
    expect(warnings).toContain('7 item(s) without id or name dropped');
    expect(warnings).toContain('3 item(s) over the limit of 2 dropped');
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

  test('readAmount, itemSum and resolveCurrency on their own', () => {
    expect(readAmount(undefined, tk)).toEqual({});
    expect(readAmount('', tk)).toEqual({});
    expect(readAmount(Infinity, tk).problem).toBeDefined();
    expect(itemSum([{ quantity: 1 }], tk)).toEqual({});
    expect(itemSum([{ price: '2,50', quantity: 2 }, 'junk'], tk)).toEqual({ amount: 5 });
    expect(resolveCurrency(undefined, [], (c) => normalizeCurrency(c, tk), tk)).toEqual({});
    expect(resolveCurrency({ code: 'EUR' }, [], (c) => normalizeCurrency(c, tk), tk).problem).toBeDefined();
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
