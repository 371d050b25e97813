import { defineTemplate, PermValue, TemplateParameter } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { eventIdParameter, transactionEventIdParameter } from '../../template-kit/event-id.fields';
import { eventModeParameter, eventNameOverridesParameter, nameSetParameter, unmappedPolicyParameter } from '../../template-kit/event-name.fields';
import { webConsentModeParameter, webLimitedDataUseParameter } from '../../template-kit/consent.fields';
import { TIKTOK_DEDUPLICATION_URL, glossaryLink, link } from '../../template-kit/help.fields';
import { inheriting } from '../../template-kit/inherit.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
import { contentTypeParameter, extraPropertiesParameter } from '../../template-kit/properties.fields';
import { COUNTRY_CALLING_CODE_VALIDATOR, DECIMAL_VALIDATORS, EXAMPLE_PIXEL_ID, PIXEL_ID_LIST_VALIDATOR } from '../../template-kit/validators.fields';
import { WEB_DATA_LAYER_KEYS } from '../../core/web-input';

const onlyWhen = (paramName: string, paramValue: string | boolean) => [{ paramName, paramValue, type: 'EQUALS' as const }];

// First open shows the pixel, the event ID that deduplicates with the server, the settings variable
// and the TikTok event names (no default: GTM asks for them on save); everything else is in closed
// sections (test/templates/form-layout.test.ts counts the fields a user sees).

const pixelGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'pixelGroup',
  displayName: 'Pixel',
  groupStyle: 'NO_ZIPPY',
  subParams: [
    {
      type: 'TEXT',
      name: 'pixelIds',
      displayName: 'TikTok Pixel ID(s)',
      valueHint: EXAMPLE_PIXEL_ID,
      help: 'The 20-character code of your TikTok pixel, from TikTok Events Manager, e.g. <code>' + EXAMPLE_PIXEL_ID + '</code>; several separated by commas. Use the same pixel as the ' + TEMPLATE_NAMES.eventsApi + ' tag. The tag loads TikTok\'s pixel script itself (no Custom HTML), once per pixel.',
      valueValidators: [{ type: 'NON_EMPTY' }, PIXEL_ID_LIST_VALIDATOR],
      alwaysInSummary: true,
    },
    eventIdParameter({
      displayName: 'Event ID',
      valueHint: '{{TikTok Event ID}}',
      help: 'The ID that the server\'s copy of the event carries too, so that TikTok counts it once (' + link(TIKTOK_DEDUPLICATION_URL, 'TikTok\'s guide') + '). Put the ' + TEMPLATE_NAMES.eventId + ' variable here and in the <code>event_id</code> parameter of your GA4 event tag. Empty: the rule under Event name.',
    }),
    settingsVariableParameter(),
    nameSetParameter(TEMPLATE_NAMES.eventsApi + ' tag', true),
  ],
};

const eventGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'eventGroup',
  displayName: 'Event name',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    eventModeParameter({
      mappedDisplayValue: 'From the dataLayer event (GA4 names mapped to TikTok)',
      mappedHelp: 'The event name pushed to the dataLayer is mapped with the server tag\'s table: purchase → Purchase, add_to_cart → AddToCart, page_view → Pageview, … Page loads (gtm.js, gtm.dom, gtm.load, history changes) count as page_view. Every event, page views too, goes to this tag\'s pixels only.',
      pageviewDisplayValue: 'Pageview',
    }),
    inheriting(unmappedPolicyParameter('Do not send (the pixel is still loaded)'), 'do not send'),
    eventNameOverridesParameter('dataLayer event name'),
    transactionEventIdParameter(true),
  ],
};

const propertiesGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'propertiesGroup',
  displayName: 'Product details (properties)',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'RADIO',
      name: 'ecommerceSource',
      displayName: 'E-commerce data',
      defaultValue: 'dataLayer',
      radioItems: [
        {
          value: 'dataLayer',
          displayValue: 'GA4 e-commerce from the dataLayer',
          help: 'Reads <code>ecommerce.items</code>, <code>value</code>, <code>currency</code>, <code>transaction_id</code> (the order number) and <code>search_term</code>, as a GA4 event tag with "Send e-commerce data" does; not for page views.',
        },
        {
          value: 'fields',
          displayValue: 'Fields (variables)',
          subParams: [
            { type: 'TEXT', name: 'items', displayName: 'Items', help: 'A variable returning GA4 items (a list, or JSON text).' },
            { type: 'TEXT', name: 'value', displayName: 'Value', valueHint: '59.90', valueValidators: DECIMAL_VALIDATORS },
            { type: 'TEXT', name: 'currency', displayName: 'Currency', valueHint: 'EUR' },
            { type: 'TEXT', name: 'transactionId', displayName: 'Order number (transaction ID)' },
            { type: 'TEXT', name: 'searchTerm', displayName: 'Search term' },
          ],
        },
      ],
    },
    contentTypeParameter(),
    extraPropertiesParameter(),
  ],
};

const matchingGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'matchingGroup',
  displayName: 'Customer details for matching (ttq.identify)',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'CHECKBOX',
      name: 'advancedMatching',
      checkboxText: 'Send customer details',
      defaultValue: false,
      help: 'Email, phone and customer ID, and from the customer details your site gives the Google tag (user_data) also first and last name, zip code, city, state and country. Prepared as the server tag does and scrambled (SHA-256) in the browser, so both send the same codes; city, state and country go unscrambled, as the server tag sends them. Already scrambled values pass through; no name, email, phone or ID leaves the page in plain text.',
      subParams: [
        { type: 'TEXT', name: 'userEmail', displayName: 'Email', enablingConditions: onlyWhen('advancedMatching', true) },
        { type: 'TEXT', name: 'userPhone', displayName: 'Phone', enablingConditions: onlyWhen('advancedMatching', true), help: 'In international format, e.g. +44 20 7946 0958 (spaces and dashes are fine).' },
        {
          type: 'TEXT',
          name: 'defaultCountryCode',
          displayName: 'Country calling code for national numbers',
          valueHint: '49',
          enablingConditions: onlyWhen('advancedMatching', true),
          help: 'For numbers without + or 00. Empty: such numbers are left out (never guessed).',
          valueValidators: [COUNTRY_CALLING_CODE_VALIDATOR],
        },
        { type: 'TEXT', name: 'userExternalId', displayName: 'External ID', enablingConditions: onlyWhen('advancedMatching', true), help: 'Your own customer ID.' },
        {
          type: 'CHECKBOX',
          name: 'userDataFromDataLayer',
          checkboxText: 'Also read GA4 user_data from the dataLayer (fields above win; names and address come only from there)',
          defaultValue: true,
          enablingConditions: onlyWhen('advancedMatching', true),
          help: 'user_data: the customer details your site gives the Google tag.',
        },
        {
          type: 'CHECKBOX',
          name: 'rememberIdentify',
          checkboxText: 'Reuse the scrambled customer details on later events of the page',
          defaultValue: false,
          enablingConditions: onlyWhen('advancedMatching', true),
          help: 'An event without email, phone or customer ID gets those of an earlier event of the same page (a single-page app keeps them until the next full page load). Only the scrambled codes (SHA-256) are kept, in the tag\'s own page storage, never in a cookie. Only while consent allows: with ' + glossaryLink('consent-mode', 'Google Consent Mode') + ', consent to advertising cookies (ad_storage) and to personal data (ad_user_data) granted; with a consent value, granted. Otherwise they are forgotten.',
        },
      ],
    },
  ],
};

const privacyGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'privacyGroup',
  displayName: 'Consent and privacy',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [webConsentModeParameter(true), webLimitedDataUseParameter(true)],
};

const pageviewGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'pageviewGroup',
  displayName: 'Page views in single-page apps',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'CHECKBOX',
      name: 'disableHistoryObserver',
      checkboxText: 'Turn off the pixel\'s own page views on address changes',
      defaultValue: false,
      help: 'Tick it when this tag fires on virtual page views itself: then every page view carries the event ID and TikTok counts it once with the server\'s. Unticked, the pixel sends those page views and this tag leaves them out.',
    },
  ],
};

const loggingGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'loggingGroup',
  displayName: 'Logging',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'CHECKBOX',
      name: 'debugLogging',
      checkboxText: 'Log to the browser console in preview mode',
      defaultValue: true,
      help: 'Lines start with [TikTok Pixel] and contain no personal data.',
    },
  ],
};

/**
 * Window keys (docs/contracts/tiktok-pixel.md): the queue, set whole with its stub methods and load
 * tables as properties; the methods the tag calls; the loader's bookkeeping, read and written when a
 * pixel is added to an existing stub (and by the stub's ttq.load and ttq.instance).
 */
function globalsKeys(): PermValue[] {
  const keys: PermValue[] = [
    { key: 'TiktokAnalyticsObject', read: false, write: true, execute: false },
    { key: 'ttq', read: true, write: true, execute: false },
  ];
  ['track', 'identify', 'holdConsent', 'grantConsent', 'revokeConsent', 'load'].forEach((method) => {
    keys.push({ key: 'ttq.' + method, read: false, write: false, execute: true });
  });
  ['_i', '_t', '_o'].forEach((name) => keys.push({ key: 'ttq.' + name, read: true, write: true, execute: false }));
  return keys;
}

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: TEMPLATE_NAMES.pixel,
    description:
      'Loads the TikTok Pixel without Custom HTML and sends page views and GA4 e-commerce events with the same names, event ID, products and value as the Countersign TikTok Events API tag, so TikTok counts each purchase once. Customer details are scrambled in the browser; consent and several pixels are supported.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'REMARKETING'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['WEB'],
  },
  parameters: [pixelGroup, eventGroup, propertiesGroup, matchingGroup, privacyGroup, pageviewGroup, loggingGroup],
  permissions: [
    { publicId: 'access_globals', params: { keys: globalsKeys() } },
    { publicId: 'inject_script', params: { urls: ['https://analytics.tiktok.com/i18n/pixel/events.js'] } },
    {
      publicId: 'read_data_layer',
      params: { allowedKeys: 'specific', keyPatterns: WEB_DATA_LAYER_KEYS },
    },
    { publicId: 'access_template_storage' },
    {
      publicId: 'access_consent',
      params: {
        consentTypes: [
          { consentType: 'ad_storage', read: true, write: false },
          { consentType: 'ad_user_data', read: true, write: false },
        ],
      },
    },
    { publicId: 'get_url', params: { urlParts: 'any', queriesAllowed: 'any' } },
    { publicId: 'logging', params: { environments: 'debug' } },
  ],
  notes: 'Web companion of the TikTok Events API server tag: both compile the same src/core mapping code.',
});
