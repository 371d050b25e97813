import { defineTemplate, TemplateParameter } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentModeParameter, consentSignalParameters } from '../../template-kit/consent.fields';
import {
  cookieDomainParameter, cookieSameSiteParameter, generateTtpParameter, persistTtclidParameter, refreshTtpParameter,
} from '../../template-kit/cookies.fields';
import { eventIdParameters } from '../../template-kit/event-id.fields';
import { eventModeParameter, eventNameOverridesParameter, nameSetParameter, unmappedPolicyParameter } from '../../template-kit/event-name.fields';
import { SET_IDENTITY_COOKIES_PERMISSION, getCookiesPermission } from '../../template-kit/permissions.fields';
import { contentTypeParameter, extraPropertiesParameter } from '../../template-kit/properties.fields';
import { userMatchKeyGroup } from '../../template-kit/user.fields';
import { VARIABLE_OR } from '../../template-kit/validators.fields';

const credentials: TemplateParameter = {
  type: 'GROUP',
  name: 'credentialsGroup',
  displayName: 'TikTok pixel',
  groupStyle: 'NO_ZIPPY',
  subParams: [
    {
      type: 'TEXT',
      name: 'pixelId',
      displayName: 'Pixel ID',
      help: 'The pixel code from TikTok Events Manager (Assets &gt; Events &gt; your web pixel), e.g. <code>C9Q2MJ3C77U4P674RPG0</code>. Use the same pixel as your Countersign TikTok Pixel tag so TikTok can deduplicate.',
      valueHint: 'C9Q2MJ3C77U4P674RPG0',
      alwaysInSummary: true,
      valueValidators: [
        { type: 'NON_EMPTY' },
        { type: 'REGEX', args: ['\\s*([A-Za-z0-9]{10,40}' + VARIABLE_OR + ')\\s*'], errorMessage: 'A pixel ID has 10-40 letters and digits (usually 20), e.g. C9Q2MJ3C77U4P674RPG0.' },
      ],
    },
    {
      type: 'TEXT',
      name: 'accessToken',
      displayName: 'Events API access token',
      help: 'Events Manager &gt; your pixel &gt; Settings &gt; Events API &gt; Generate Access Token. Sent only in the <code>Access-Token</code> header and never logged. Consider a variable so the token is not copied with the tag.',
      valueValidators: [
        { type: 'NON_EMPTY' },
        { type: 'REGEX', args: ['\\s*([A-Za-z0-9._~+/=-]{16,512}' + VARIABLE_OR + ')\\s*'], errorMessage: 'The token is a long string of letters and digits without spaces.' },
      ],
    },
    {
      type: 'TEXT',
      name: 'testEventCode',
      displayName: 'Test event code (optional)',
      help: 'From Events Manager &gt; Test Events, e.g. <code>TEST12345</code>. Events then show under Test Events and are not counted. Remove it before going live. Only this field sets it; event data never can.',
      valueHint: 'TEST12345',
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
      mappedDisplayValue: 'From the incoming event (GA4 names mapped to TikTok)',
      mappedHelp: 'purchase → Purchase, add_to_cart → AddToCart, view_item → ViewContent, generate_lead → Lead, page_view → Pageview, sign_up → CompleteRegistration, begin_checkout → InitiateCheckout, search → Search, file_download → Download, and the other TikTok standard events. TikTok names in the event data are kept.',
      pageviewDisplayValue: 'Pageview',
      fixedEventHelp: 'A standard event, or a variable that returns any event name (custom events work for reporting and audiences, not for optimization).',
    }),
    nameSetParameter(
      'TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Pick the same setting as in your Countersign TikTok Pixel tag: TikTok deduplicates browser and server events only when the names are identical.',
    ),
    unmappedPolicyParameter('Do not send (logged)', 'For example view_cart or add_shipping_info have no TikTok standard event.'),
    eventNameOverridesParameter(
      'Checked before the built-in mapping. Example: <code>view_cart</code> → <code>ViewContent</code>. The TikTok name is sent as typed, except that the letter case of a standard name is corrected (<code>purchase</code> → <code>Purchase</code>): TikTok event names are case-sensitive.',
      'Incoming event name',
    ),
    ...eventIdParameters(
      {
        displayName: 'Event ID (optional)',
        help: 'Deduplication key shared with the TikTok Pixel. Leave empty to read it from the event data key below, or else to use <code>&lt;transaction_id&gt;_&lt;TikTok event&gt;</code> (the web tag computes the same).',
      },
      { help: 'Dot paths allowed, e.g. <code>event_id</code> or <code>x-custom.eid</code>.' },
    ),
  ],
};

const propertiesGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'propertiesGroup',
  displayName: 'Properties',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'LABEL',
      name: 'propertiesLabel',
      displayName: 'Built from the GA4 event: items → contents (content_id as text, quantity as integer), content_ids, num_items, value (or the item total), currency (checked against TikTok\'s list), transaction_id → order_id, search_term → search_string.',
    },
    contentTypeParameter(),
    extraPropertiesParameter(
      'Applied last. Typed values are converted: <code>value</code> and <code>price</code> become numbers, <code>num_items</code> an integer, <code>order_id</code>/<code>shop_id</code> text, <code>currency</code> is validated, <code>contents</code> accepts JSON like <code>[{"content_id":"SKU1","quantity":1,"price":9.5}]</code>, <code>content_ids</code> a JSON array or comma-separated list. Empty values are ignored.',
    ),
  ],
};

const userGroup = userMatchKeyGroup({
  label: 'Read automatically from GA4 user_data (email, phone_number, address, sha256_* values) and user_id. Fields below take priority. Email, phone, external ID, names and zip are normalized and SHA-256 hashed before sending; already hashed values pass through. Nothing is sent in plain text.',
  defaultCountryCodeHelp: 'Used only for numbers without + or 00, e.g. <code>0151 12345678</code> with 49 → <code>+4915112345678</code>. Empty: such numbers are not sent (never guessed).',
  cityHelp: 'Sent lower-case without spaces or punctuation (TikTok does not hash it).',
  stateHelp: 'Sent lower-case without spaces or punctuation.',
  countryHelp: 'ISO 3166 two-letter code, e.g. DE; sent lower-case.',
  ipHelp: 'Default: the event\'s ip_override (the visitor IP seen by the server container).',
});

const identityGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'identityGroup',
  displayName: 'TikTok click ID and browser ID cookies',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'LABEL',
      name: 'identityLabel',
      displayName: 'ttclid is read from the page URL, a same-site referrer, the ttclid cookie, then event data. _ttp (the TikTok Pixel browser ID) from the _ttp cookie, then event data. Both are sent unhashed.',
    },
    persistTtclidParameter(),
    refreshTtpParameter([]),
    generateTtpParameter('Off by default. Creates an ID in the Pixel\'s current format (ULID + _.tt.N), derived from the GA client_id (its first-visit time and a SHA-256 of it): the same value the Countersign TikTok Browser ID variable and the Countersign TikTok Cookie Keeper tag create, on every event of the same browser. No client_id: nothing is created. Whether the TikTok Pixel adopts a server-made _ttp is not documented by TikTok.'),
    cookieDomainParameter(),
    cookieSameSiteParameter(),
  ],
};

const consentGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'consentGroup',
  displayName: 'Consent and privacy',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    consentModeParameter(
      'Google Consent Mode',
      {
        displayValue: 'Respect consent, send a reduced event when denied',
        help: 'ad_storage denied: no TikTok cookies are read or written (only a click ID in the URL is used). ad_user_data denied: email, phone, external ID, names, address and IP are left out.',
      },
      {
        displayValue: 'Send only with ad_storage consent',
        help: 'ad_storage denied: nothing is sent (logged). ad_user_data denied: personal data is left out.',
      },
    ),
    ...consentSignalParameters(true),
    {
      type: 'CHECKBOX',
      name: 'limitedDataUse',
      checkboxText: 'Limited Data Use for every event',
      defaultValue: false,
      help: 'Asks TikTok to limit processing under US state privacy laws (applied by TikTok to eligible locations).',
    },
    {
      type: 'TEXT',
      name: 'limitedDataUseKey',
      displayName: 'Event data key that switches on Limited Data Use per event',
      defaultValue: 'limited_data_use',
      help: 'true, "true" or 1 in this key sets limited_data_use for that event.',
    },
  ],
};

const deliveryGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'deliveryGroup',
  displayName: 'Delivery',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'TEXT', name: 'maxRetries', displayName: 'Retries on throttling, server errors and timeouts', defaultValue: '2',
      valueValidators: [{ type: 'NON_NEGATIVE_NUMBER' }],
      help: '0 to 5. Retries reuse the same event_id, so TikTok counts the event once. Other TikTok errors (bad token, invalid field) fail at once.',
    },
    {
      type: 'TEXT', name: 'timeoutMs', displayName: 'Request timeout (milliseconds)', defaultValue: '10000',
      valueValidators: [{ type: 'POSITIVE_NUMBER' }],
    },
    {
      type: 'CHECKBOX',
      name: 'optimistic',
      checkboxText: 'Report success without waiting for TikTok (failures are still logged)',
      defaultValue: false,
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
      type: 'RADIO',
      name: 'logType',
      displayName: 'Console logging',
      defaultValue: 'debug',
      radioItems: [
        { value: 'never', displayValue: 'Never' },
        { value: 'debug', displayValue: 'In preview and debug mode only' },
        { value: 'always', displayValue: 'Always (production too)' },
      ],
      help: 'JSON records (Name, Type, TraceId, EventName, request and response). Personal data appears only hashed; the access token never appears.',
    },
    {
      type: 'CHECKBOX',
      name: 'bigQueryLogging',
      checkboxText: 'Also write the records to BigQuery',
      defaultValue: false,
      subParams: [
        { type: 'TEXT', name: 'bigQueryProjectId', displayName: 'Project ID (optional)', help: 'Empty: the server container\'s own project.', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] },
        { type: 'TEXT', name: 'bigQueryDatasetId', displayName: 'Dataset ID', valueValidators: [{ type: 'NON_EMPTY', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] }], enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] },
        { type: 'TEXT', name: 'bigQueryTableId', displayName: 'Table ID', valueValidators: [{ type: 'NON_EMPTY', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] }], enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }], help: 'Columns: timestamp, tag_name, type, trace_id, event_name, event_id, request_url, request_body, response_status_code, response_body, message.' },
      ],
    },
  ],
};

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: TEMPLATE_NAMES.eventsApi,
    description: 'Sends GA4 events to the TikTok Events API 2.0 from a server container: current and legacy event names, hashed and normalized match keys, deduplication IDs shared with the TikTok Pixel, first-party ttclid/_ttp cookies, Consent Mode, retries and response checks.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'ATTRIBUTION'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [credentials, eventGroup, propertiesGroup, userGroup, identityGroup, consentGroup, deliveryGroup, loggingGroup],
  permissions: [
    { publicId: 'read_event_data', params: { eventDataAccess: 'any' } },
    getCookiesPermission(['ttclid', '_ttp']),
    SET_IDENTITY_COOKIES_PERMISSION,
    { publicId: 'send_http', params: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/open_api/v1.3/event/track/'] } },
    { publicId: 'read_request', params: { requestAccess: 'specific', headerAccess: 'specific', queryParameterAccess: 'specific', headersAllowed: true, headerWhitelist: [{ headerName: 'trace-id' }] } },
    { publicId: 'logging', params: { environments: 'all' } },
    { publicId: 'read_container_data' },
    { publicId: 'access_bigquery', params: { allowedTables: [{ projectId: '*', datasetId: '*', tableId: '*', operation: 'write' }] } },
  ],
  notes: 'TikTok Events API server tag. Shares src/core with the TikTok Pixel web tag so event names and event IDs agree.',
});
