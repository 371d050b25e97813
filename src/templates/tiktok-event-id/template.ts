import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { nameSetParameter } from '../../template-kit/event-name.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.eventId,
    description:
      'An event ID that lets TikTok count each event once: the same value for every tag firing on one GTM event, a different one for every other event, and for a purchase the order\'s own ID, so a reloaded thank-you page is not counted twice. Use it in the Countersign TikTok Pixel tag and as the event_id parameter of the GA4 event tags, which the Countersign TikTok Events API tag reads.',
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
      help: 'On (recommended): a purchase gets the ID both Countersign tags make from its order number (e.g. <code>T-1001_Purchase</code>), so the Pixel and the server agree, and a reloaded thank-you page sends the same ID again: TikTok counts the purchase once. Off: each reload of the thank-you page counts as another purchase.',
    },
    settingsVariableParameter(),
    nameSetParameter(TEMPLATE_NAMES.pixel + ' and Events API tags (for the purchase ID above)', true),
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
