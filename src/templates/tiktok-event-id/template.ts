import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND } from '../../template-kit/brand';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: 'TikTok Event ID',
    description:
      'An event_id for TikTok deduplication: the same value for every tag firing on one GTM event, a different one for every other event. Use it in the TikTok Pixel tag and as the event_id parameter of the GA4 event tag, which the TikTok Events API server tag reads.',
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
