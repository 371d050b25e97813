import { defineTemplate, PermValue, TemplateParameter } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { eventIdParameters } from '../../template-kit/event-id.fields';
import { eventModeParameter, eventNameOverridesParameter, nameSetParameter, unmappedPolicyParameter } from '../../template-kit/event-name.fields';
import { contentTypeParameter, extraPropertiesParameter } from '../../template-kit/properties.fields';
import { PIXEL_METHODS } from './base-code';
import { WEB_DATA_LAYER_KEYS } from '../../core/web-input';

const onlyWhen = (paramName: string, paramValue: string | boolean) => [{ paramName, paramValue, type: 'EQUALS' as const }];

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
      valueHint: 'C4A1B2C3D4E5F6G7H8I9',
      help: 'One pixel ID, or several separated by commas. The tag loads the TikTok Pixel library itself (no Custom HTML base code needed), once per pixel ID however often it fires. Events go to each listed pixel (<code>pixel_code</code>).',
      valueValidators: [{ type: 'NON_EMPTY' }],
      alwaysInSummary: true,
    },
  ],
};

const eventGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'eventGroup',
  displayName: 'Event',
  groupStyle: 'ZIPPY_OPEN',
  subParams: [
    eventModeParameter({
      mappedDisplayValue: 'From the dataLayer event (GA4 names mapped to TikTok)',
      mappedHelp: 'The GTM event name (the <code>event</code> key of the dataLayer push) is mapped with the same table as the server tag: purchase → Purchase, add_to_cart → AddToCart, view_item → ViewContent, generate_lead → Lead, page_view → Pageview, ... Page-load events (gtm.js, gtm.dom, gtm.load, history changes) count as page_view. Pageview is sent with <code>ttq.page()</code>, everything else with <code>ttq.track()</code>.',
      pageviewDisplayValue: 'Pageview (ttq.page)',
      fixedEventHelp: 'A standard event, or a variable returning any event name. Sent exactly as chosen (like the server tag\'s fixed event).',
    }),
    nameSetParameter(
      'Must match the setting of the Countersign TikTok Events API tag: TikTok deduplicates browser and server events only when pixel, event name and event_id are identical.',
    ),
    unmappedPolicyParameter('Do not send (the pixel is still loaded)'),
    eventNameOverridesParameter(
      'Checked before the built-in mapping (keep it identical to the server tag\'s table). The TikTok name is sent as typed, except that the letter case of a standard name is corrected (<code>purchase</code> → <code>Purchase</code>): TikTok event names are case-sensitive.',
      'dataLayer event name',
    ),
    ...eventIdParameters({
      displayName: 'Event ID',
      valueHint: '{{TikTok Event ID}}',
      help: 'Deduplication key, passed as <code>ttq.track(event, params, {event_id})</code>. Use the Countersign TikTok Event ID variable here AND as the <code>event_id</code> parameter of your GA4 event tag: the server tag reads it from there. Empty: <code>&lt;transaction_id&gt;_&lt;TikTok event&gt;</code> when a transaction_id exists (the server tag computes the same).',
    }),
  ],
};

const propertiesGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'propertiesGroup',
  displayName: 'Properties',
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
          help: 'Reads <code>ecommerce.items</code>, <code>ecommerce.value</code>, <code>ecommerce.currency</code>, <code>ecommerce.transaction_id</code> (and <code>search_term</code> for searches), as a GA4 event tag with "Send e-commerce data" does. Not read for page views.',
        },
        {
          value: 'fields',
          displayValue: 'Fields (variables)',
          subParams: [
            { type: 'TEXT', name: 'items', displayName: 'Items', help: 'A variable returning GA4 items (array, or JSON text).' },
            { type: 'TEXT', name: 'value', displayName: 'Value' },
            { type: 'TEXT', name: 'currency', displayName: 'Currency', valueHint: 'EUR' },
            { type: 'TEXT', name: 'transactionId', displayName: 'Transaction ID' },
            { type: 'TEXT', name: 'searchTerm', displayName: 'Search term' },
          ],
        },
      ],
    },
    contentTypeParameter(),
    extraPropertiesParameter(
      'Applied last, converted like in the server tag (value/price numbers, num_items integer, currency validated, contents as JSON).',
    ),
  ],
};

const matchingGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'matchingGroup',
  displayName: 'Advanced matching (ttq.identify)',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'CHECKBOX',
      name: 'advancedMatching',
      checkboxText: 'Send advanced matching data',
      defaultValue: false,
      help: 'Values are normalized exactly as in the server tag (email trimmed and lower-cased, phone as E.164, external ID trimmed) and SHA-256 hashed in the template, so browser and server send identical hashes. Already hashed values pass through. Nothing leaves the page in plain text.',
      subParams: [
        { type: 'TEXT', name: 'userEmail', displayName: 'Email', enablingConditions: onlyWhen('advancedMatching', true) },
        { type: 'TEXT', name: 'userPhone', displayName: 'Phone', enablingConditions: onlyWhen('advancedMatching', true) },
        {
          type: 'TEXT',
          name: 'defaultCountryCode',
          displayName: 'Default country calling code for national phone numbers',
          valueHint: '49',
          enablingConditions: onlyWhen('advancedMatching', true),
          help: 'Used only for numbers without + or 00. Empty: such numbers are not sent (never guessed).',
        },
        { type: 'TEXT', name: 'userExternalId', displayName: 'External ID', enablingConditions: onlyWhen('advancedMatching', true) },
        {
          type: 'CHECKBOX',
          name: 'userDataFromDataLayer',
          checkboxText: 'Also read GA4 user_data from the dataLayer (fields above win)',
          defaultValue: true,
          enablingConditions: onlyWhen('advancedMatching', true),
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
  subParams: [
    {
      type: 'RADIO',
      name: 'consentMode',
      displayName: 'Consent',
      defaultValue: 'googleConsentMode',
      radioItems: [
        {
          value: 'googleConsentMode',
          displayValue: 'Google Consent Mode (ad_storage)',
          help: 'ad_storage denied when the tag first runs: <code>ttq.holdConsent()</code> (events wait in the pixel). Later updates: granted → <code>ttq.grantConsent()</code>, denied → <code>ttq.revokeConsent()</code>.',
        },
        {
          value: 'manual',
          displayValue: 'A consent value (variable)',
          subParams: [
            {
              type: 'TEXT',
              name: 'consentValue',
              displayName: 'Consent granted?',
              valueHint: '{{CMP marketing consent}}',
              help: 'granted/true/1 → <code>grantConsent</code>; anything else holds the events (opt-in), or revokes a consent given earlier on this page.',
            },
          ],
        },
        { value: 'none', displayValue: 'Do not manage consent', help: 'Only when consent is handled by the trigger.' },
      ],
    },
    {
      type: 'SELECT',
      name: 'limitedDataUse',
      displayName: 'Limited Data Use',
      defaultValue: 'off',
      selectItems: [
        { value: 'off', displayValue: 'Off' },
        { value: 'pixel', displayValue: 'For every event of these pixels (load option)' },
        { value: 'event', displayValue: 'For this event only (event parameter)' },
      ],
      help: 'Asks TikTok to limit processing under US state privacy laws. The load option applies when this tag is the first to load the pixel.',
    },
    {
      type: 'CHECKBOX',
      name: 'disableHistoryObserver',
      checkboxText: 'Disable the pixel\'s automatic page views on history changes (single-page apps)',
      defaultValue: false,
      help: 'Tick this when the tag itself fires on virtual page views: the pixel then sends no page view without event_id, and the tag\'s page views deduplicate against the server. Unticked, the tag skips page views for a changed URL (the pixel already sent one).',
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
      help: 'Lines start with [TikTok Pixel]. Never contain personal data.',
    },
  ],
};

/** Window keys: the queue, its stub methods, the loader's bookkeeping (docs/contracts/tiktok-pixel.md). */
function globalsKeys(): PermValue[] {
  const keys: PermValue[] = [
    { key: 'TiktokAnalyticsObject', read: false, write: true, execute: false },
    { key: 'ttq', read: true, write: true, execute: false },
    { key: 'ttq.methods', read: false, write: true, execute: false },
  ];
  const executed = ['page', 'track', 'identify', 'holdConsent', 'grantConsent', 'revokeConsent'];
  PIXEL_METHODS.forEach((method) => {
    keys.push({ key: 'ttq.' + method, read: false, write: true, execute: executed.indexOf(method) !== -1 });
  });
  keys.push({ key: 'ttq.instance', read: false, write: true, execute: false });
  keys.push({ key: 'ttq.load', read: false, write: true, execute: true });
  ['_i', '_t', '_o'].forEach((name) => keys.push({ key: 'ttq.' + name, read: true, write: true, execute: false }));
  return keys;
}

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: TEMPLATE_NAMES.pixel,
    description:
      'Loads the TikTok Pixel without Custom HTML and sends page views and GA4 e-commerce events with the same event names, event_id, contents, value and currency as the Countersign TikTok Events API tag, so browser and server events deduplicate. Advanced matching hashed in the tag, Google Consent Mode, Limited Data Use, several pixels.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'REMARKETING'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['WEB'],
  },
  parameters: [pixelGroup, eventGroup, propertiesGroup, matchingGroup, privacyGroup, loggingGroup],
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
      params: { consentTypes: [{ consentType: 'ad_storage', read: true, write: false }] },
    },
    { publicId: 'get_url', params: { urlParts: 'any', queriesAllowed: 'any' } },
    { publicId: 'logging', params: { environments: 'debug' } },
  ],
  notes: 'Web companion of the TikTok Events API server tag: both compile the same src/core mapping code.',
});
