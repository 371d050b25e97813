// Properties fields offered by both the Pixel tag and the Events API tag (Node side;
// properties.read.ts reads them).
import type { TemplateParameter } from '../tpl/definition';

/** contentType: product or product_group. */
export function contentTypeParameter(): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'contentType',
    displayName: 'Content type',
    defaultValue: 'product',
    help: 'What your item IDs are in your TikTok catalog.',
    selectItems: [
      { value: 'product', displayValue: 'product (item_id is the catalog SKU id)' },
      { value: 'product_group', displayValue: 'product_group (item_id is the item group id)' },
    ],
  };
}

/** extraProperties table (name → value), applied last. */
export function extraPropertiesParameter(): TemplateParameter {
  return {
    type: 'SIMPLE_TABLE',
    name: 'extraProperties',
    displayName: 'Extra or overriding properties',
    help: 'Added last, replacing same-named properties; <code>value</code> and <code>price</code> become numbers, <code>currency</code> is checked, <code>contents</code> takes JSON (content_id: your catalog\'s product ID).',
    newRowButtonText: 'Add property',
    simpleTableColumns: [
      { name: 'name', displayName: 'Property', type: 'TEXT', isUnique: true, valueValidators: [{ type: 'NON_EMPTY' }], valueHint: 'shop_id' },
      { name: 'value', displayName: 'Value', type: 'TEXT' },
    ],
  };
}
