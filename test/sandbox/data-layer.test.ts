// GTM's data model (src/sandbox/data-layer.ts), directly and through copyFromDataLayer in a template.

import { dataLayerModel, gtmEventName, modelUpdate } from '../../src/sandbox/data-layer';
import { loadTemplate, runTemplate } from '../../src/sandbox';

/** What gtag() pushes: its arguments object. */
function gtag(...args: unknown[]): unknown {
  return (function collect() {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })(...(args as []));
}

const purchase = { transaction_id: 'T-1', value: 25, currency: 'EUR', items: [{ item_id: 'A', price: 10 }, { item_id: 'B', price: 15 }] };

describe('recursive merge (version 2)', () => {
  test('a view_item pushed after a purchase without clearing keeps the order fields and the second item', () => {
    const model = dataLayerModel([{ event: 'purchase', ecommerce: purchase }, { event: 'view_item', ecommerce: { items: [{ item_id: 'C', price: 7 }] } }], 2);
    expect(model.event).toBe('view_item');
    expect(model.ecommerce).toEqual({ transaction_id: 'T-1', value: 25, currency: 'EUR', items: [{ item_id: 'C', price: 7 }, { item_id: 'B', price: 15 }] });
  });

  test('ecommerce: null in between clears it (Google\'s recommendation)', () => {
    const model = dataLayerModel([{ event: 'purchase', ecommerce: purchase }, { ecommerce: null }, { event: 'view_item', ecommerce: { items: [{ item_id: 'C' }] } }], 2);
    expect(model.ecommerce).toEqual({ items: [{ item_id: 'C' }] });
  });

  test('_clear replaces an object; dotted keys nest', () => {
    const model = dataLayerModel([{ user: { a: 1, b: 2 } }, { user: { a: 3, _clear: true } }, { 'page.type': 'product' }], 2);
    expect(model).toEqual({ user: { a: 3 }, page: { type: 'product' } });
  });

  test('version 1 keeps the latest top-level value', () => {
    const model = dataLayerModel([{ event: 'purchase', ecommerce: purchase }, { event: 'view_item', ecommerce: { items: [] } }], 1);
    expect(model.ecommerce).toEqual({ items: [] });
  });
});

describe('gtag commands', () => {
  test('gtag("event") is a GTM event whose parameters are the eventModel, replacing the previous one', () => {
    const layer = [gtag('event', 'purchase', purchase), gtag('event', 'view_item', { items: [{ item_id: 'C' }] })];
    expect(gtmEventName(layer[0])).toBe('purchase');
    expect(dataLayerModel(layer.slice(0, 1), 2)).toEqual({ event: 'purchase', eventModel: purchase });
    expect(dataLayerModel(layer, 2)).toEqual({ event: 'view_item', eventModel: { items: [{ item_id: 'C' }] } });
    expect(dataLayerModel(layer, 1)).toEqual({ event: 'view_item', eventModel: { items: [{ item_id: 'C' }] } });
  });

  test('gtag("set") merges like a push; config and consent commands change nothing', () => {
    const layer = [gtag('set', { currency: 'EUR' }), gtag('config', 'G-1', { send_page_view: false }), gtag('consent', 'default', { ad_storage: 'denied' })];
    expect(dataLayerModel(layer, 2)).toEqual({ currency: 'EUR' });
    expect(modelUpdate(layer[1])).toBeUndefined();
    expect(gtmEventName(layer[2])).toBeUndefined();
    expect(gtmEventName({ event: '' })).toBeUndefined();
  });
});

describe('copyFromDataLayer in a template reads the same model', () => {
  const template = loadTemplate(`___INFO___

{"type": "MACRO", "id": "cvt_temp_public_id", "version": 1, "securityGroups": [], "displayName": "dl", "containerContexts": ["WEB"]}

___TEMPLATE_PARAMETERS___

[]

___SANDBOXED_JS_FOR_WEB_TEMPLATE___

const copyFromDataLayer = require('copyFromDataLayer');
return [copyFromDataLayer('eventModel.value'), copyFromDataLayer('ecommerce.items.0.item_id'), copyFromDataLayer('event')];

___WEB_PERMISSIONS___

[{"instance": {"key": {"publicId": "read_data_layer", "versionId": "1"}, "param": [{"key": "allowedKeys", "value": {"type": 1, "string": "any"}}]}, "clientAnnotations": {"isEditedByUser": true}, "isRequired": true}]
`, { fileName: 'dl.tpl' });

  test('gtag-style purchase and stale ecommerce', async () => {
    const env = { context: 'WEB' as const, dataLayer: [{ ecommerce: { items: [{ item_id: 'OLD' }] } }, gtag('event', 'purchase', purchase)] };
    const result = await runTemplate(template, {}, env);
    expect(result.outcome).toBe('success');
    expect(result.returnValue).toEqual([25, 'OLD', 'purchase']);
  });
});
