import { defineTemplate } from '../../tpl/definition';
import { CONSENT_EVENT_KEYS } from '../../core/consent';
import { TIKTOK_USER_KEYS } from '../../core/user-data';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentParameters } from '../../template-kit/consent.fields';
import { USER_KEYS } from '../../template-kit/event-data.read';
import { readEventDataPermission } from '../../template-kit/permissions.fields';
import { userMatchKeyGroup } from '../../template-kit/user.fields';

export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.userData,
    description:
      'The TikTok Events API "user" object for the current event (hashed email, phone, external ID, names and zip; city, state, country, IP, user agent, locale), built from GA4 user_data, user_id and the fields below with the same normalization and hashing as the Countersign TikTok Events API tag.',
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
      help: 'email, phone and external_id are a string for one value and an array for several, as the tag sends them. Undefined when empty. ttp and ttclid are not included: use the Countersign TikTok Browser ID and Click ID variables.',
    },
    userMatchKeyGroup({
      label: 'Read automatically from GA4 user_data (email, phone_number, address, sha256_* values) and user_id. Fields below take priority. Use the same fields as in your Countersign TikTok Events API tag so both compute the same hashes. Email, phone, external ID, names and zip are normalized and SHA-256 hashed; already hashed values pass through.',
      defaultCountryCodeHelp: 'Used only for numbers without + or 00. Empty: such numbers are left out (never guessed).',
      cityHelp: 'Lower-case without spaces or punctuation (not hashed).',
      stateHelp: 'Lower-case without spaces or punctuation.',
      countryHelp: 'ISO 3166 two-letter code, e.g. DE; returned lower-case.',
      ipHelp: 'Default: the event\'s ip_override.',
    }),
    ...consentParameters(true, 'ad_user_data denied: email, phone, external ID, names, address and IP are left out (user agent and locale stay).'),
  ],
  permissions: [
    readEventDataPermission(USER_KEYS.concat(CONSENT_EVENT_KEYS)),
  ],
  notes: 'Server variable. Builds the user object with planUserData/buildTikTokUserSync from src/core, the functions the TikTok Events API tag uses.',
});
