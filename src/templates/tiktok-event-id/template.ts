import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND } from '../../template-kit/brand';
import { nameSetParameter } from '../../template-kit/event-name.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: 'TikTok Event ID',
    description:
      'An event_id for TikTok deduplication: the same value for every tag firing on one GTM event, a different one for every other event, and for a purchase the order\'s own id, so a reloaded thank-you page is not counted twice. Use it in the TikTok Pixel tag and as the event_id parameter of the GA4 event tags, which the TikTok Events API server tag reads.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['WEB'],
  },
  parameters: [
    {
      type: 'CHECKBOX',
      name: 'purchaseTransactionId',
      checkboxText: 'Purchases with a transaction_id use <transaction_id>_<TikTok event>',
      defaultValue: true,
      help: 'On (recommended): a purchase gets the id both TikTok tags would compute from the order (e.g. <code>T-1001_Purchase</code>), so the Pixel and the server agree, and a reloaded or reopened thank-you page sends the same id again: TikTok keeps one purchase per order. Off: every page load gives the purchase a new id, and each reload of the thank-you page is counted as another purchase.',
    },
    nameSetParameter(
      'The name in a purchase id (<code>T-1001_Purchase</code> or <code>T-1001_CompletePayment</code>): choose as in the TikTok Pixel and Events API tags, so a tag that computes the id itself gets the same value, and a tag sending the other name logs a warning. No default, like the tags: TikTok counts a browser and a server copy with different names twice, so the choice is made once, the same everywhere.',
    ),
  ],
  permissions: [
    {
      publicId: 'read_data_layer',
      params: { allowedKeys: 'specific', keyPatterns: ['gtm.uniqueEventId', 'event', 'ecommerce.transaction_id', 'eventModel.transaction_id'] },
    },
    { publicId: 'access_template_storage' },
  ],
  notes:
    'Value: <transaction_id>_<TikTok event> for purchases with a transaction_id; otherwise <page-load id>_<gtm.uniqueEventId>, the page-load id made once per page and kept in templateStorage.',
});
