import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.eventId,
    description:
      'An event_id for TikTok deduplication: the same value for every tag firing on one GTM event, a different one for every other event. Use it in the Countersign TikTok Pixel tag and as the event_id parameter of the GA4 event tag, which the Countersign TikTok Events API tag reads.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['WEB'],
  },
  parameters: [],
  permissions: [
    { publicId: 'read_data_layer', params: { allowedKeys: 'specific', keyPatterns: ['gtm.uniqueEventId'] } },
    { publicId: 'access_template_storage' },
  ],
  notes: 'Value: <page-load id>_<gtm.uniqueEventId>. The page-load id is made once per page and kept in templateStorage.',
});
