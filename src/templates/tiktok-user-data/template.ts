import { defineTemplate } from '../../tpl/definition';
import { CONSENT_EVENT_KEYS } from '../../core/consent';
import { TIKTOK_USER_KEYS } from '../../core/user-data';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
import { USER_KEYS } from '../../template-kit/event-data.read';
import { readEventDataPermission } from '../../template-kit/permissions.fields';
import { userMatchKeyGroup } from '../../template-kit/user.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.userData,
    description:
      'Gives the customer details TikTok receives for the current event (the Events API "user" object: scrambled email, phone, customer ID, names and zip; city, state, country, IP, browser, language), prepared exactly as the Countersign TikTok Events API tag prepares them, for other tags.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [
    {
      type: 'SELECT',
      name: 'outputKey',
      displayName: 'Return',
      defaultValue: 'user',
      selectItems: [{ value: 'user', displayValue: 'The whole user object' }].concat(
        TIKTOK_USER_KEYS.map((key) => ({ value: key, displayValue: 'Only user.' + key })),
      ),
      help: 'Each key as the tag sends it: email, phone and external_id (your customer ID) are a text for one value and a list for several; user_agent is the text that describes the browser. Empty when there is nothing. The browser ID and the TikTok ad click have their own variables.',
    },
    userMatchKeyGroup({
      label: 'Read from the customer details of the GA4 event (user_data) and its user_id (your ID of a logged-in customer); the fields below win. Fill them in as in your Countersign TikTok Events API tag so both give the same codes. Email, phone, customer ID, names and zip are scrambled (SHA-256).',
      verb: 'returned',
    }),
    settingsVariableParameter(),
    ...consentParameters(true, 'Personal data denied: email, phone, customer ID, names, address and IP are left out (the browser description and language stay).', 'Personal data is left out, as when it is denied.'),
  ],
  permissions: [
    readEventDataPermission(USER_KEYS.concat(CONSENT_EVENT_KEYS)),
  ],
  notes: 'Server variable. Builds the user object with planUserData/buildTikTokUserSync from src/core, the functions the TikTok Events API tag uses.',
});
