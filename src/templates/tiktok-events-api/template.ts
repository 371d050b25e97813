import { defineTemplate, TemplateParameter } from '../../tpl/definition';
import { REMEMBERED_KEYS_COOKIE } from '../../core/remembered-keys';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { consentModeParameter, consentOverrideParameters, consentUnknownParameter, limitedDataUseParameters } from '../../template-kit/consent.fields';
import {
  cookieDomainParameter, cookieSameSiteParameter, generateTtpParameter, persistTtclidParameter, refreshTtpParameter,
} from '../../template-kit/cookies.fields';
import { eventIdParameter, transactionEventIdParameter } from '../../template-kit/event-id.fields';
import { eventModeParameter, eventNameOverridesParameter, nameSetParameter, unmappedPolicyParameter } from '../../template-kit/event-name.fields';
import { eventSourceGroup } from '../../template-kit/event-source.fields';
import { SET_IDENTITY_COOKIES_PERMISSION, getCookiesPermission } from '../../template-kit/permissions.fields';
import { contentTypeParameter, extraPropertiesParameter } from '../../template-kit/properties.fields';
import { rememberedKeysGroup, withRememberedKeysCookie } from '../../template-kit/remembered-keys.fields';
import { TIKTOK_DEDUPLICATION_URL, TIKTOK_EVENTS_API_URL, TIKTOK_STANDARD_EVENTS_URL, glossaryLink, link } from '../../template-kit/help.fields';
import { inheriting } from '../../template-kit/inherit.fields';
import { settingsVariableParameter } from '../../template-kit/shared-settings.fields';
import { userMatchKeyGroup } from '../../template-kit/user.fields';
import { EXAMPLE_PIXEL_ID, PIXEL_ID_VALIDATOR, VARIABLE_OR, wholeNumberValidators } from '../../template-kit/validators.fields';
import { RETRIES, TIMEOUT_MS } from './delivery';

// First open shows what a first tag needs (pixel, token, test code), the settings variable, the two
// choices that have no safe default (the TikTok event names, which GTM asks for on save, and consent
// for events without a signal); everything else is in closed sections
// (test/templates/form-layout.test.ts counts the fields a user sees).

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
      help: 'The 20-character code from TikTok Events Manager &gt; Assets &gt; Events; the same as in the ' + TEMPLATE_NAMES.pixel + ' tag. Both tags send it in capitals, so lower case works too.',
      valueHint: EXAMPLE_PIXEL_ID,
      alwaysInSummary: true,
      valueValidators: [{ type: 'NON_EMPTY' }, PIXEL_ID_VALIDATOR],
    },
    {
      type: 'TEXT',
      name: 'accessToken',
      displayName: 'Events API access token',
      help: 'TikTok Events Manager &gt; your pixel &gt; Settings &gt; Events API &gt; Generate Access Token (' + link(TIKTOK_EVENTS_API_URL, 'TikTok\'s guide') + '). Never logged; better kept in a Constant variable.',
      valueValidators: [
        { type: 'NON_EMPTY' },
        { type: 'REGEX', args: ['\\s*([A-Za-z0-9._~+/=-]{16,512}' + VARIABLE_OR + ')\\s*'], errorMessage: 'The token is a long string of letters and digits without spaces.' },
      ],
    },
    {
      type: 'TEXT',
      name: 'testEventCode',
      displayName: 'Test event code (optional)',
      help: 'From TikTok Events Manager &gt; Test Events; events show there, not counted. Remove it before publishing.',
      valueHint: 'TEST12345',
    },
  ],
};

const consentUnknown = consentUnknownParameter('No TikTok cookies, no personal data.', true);

const eventGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'eventGroup',
  displayName: 'Event name and ID',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    eventModeParameter({
      mappedDisplayValue: 'From the incoming event (GA4 names mapped to TikTok)',
      mappedHelp: 'purchase → Purchase, add_to_cart → AddToCart, page_view → Pageview and every other event TikTok knows (' + link(TIKTOK_STANDARD_EVENTS_URL, 'TikTok\'s list') + '); TikTok names are kept.',
      pageviewDisplayValue: 'Pageview',
    }),
    inheriting(unmappedPolicyParameter('Do not send (logged)'), 'do not send'),
    eventNameOverridesParameter('Incoming event name'),
    eventIdParameter({
      displayName: 'Event ID (optional)',
      help: 'Shared with the browser\'s copy so that TikTok counts it once (' + link(TIKTOK_DEDUPLICATION_URL, 'TikTok\'s guide') + '). Empty: the event\'s <code>event_id</code>, else the rule below. Another key of the incoming event: an Event Data variable.',
    }),
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
      type: 'LABEL',
      name: 'propertiesLabel',
      displayName: 'From the GA4 event: items, value, currency, order number (transaction_id), search term.',
    },
    contentTypeParameter(),
    extraPropertiesParameter(),
  ],
};

const userGroup = userMatchKeyGroup({
  label: 'From the GA4 event\'s customer details (user_data) and user_id (a logged-in customer\'s ID); fields below win. Sent only scrambled (SHA-256); personal data in page addresses becomes <code>redacted</code>.',
  verb: 'sent',
});

const identityGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'identityGroup',
  displayName: 'Ad click and browser ID cookies',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'LABEL',
      name: 'identityLabel',
      displayName: 'ttclid (an ad click\'s ID) and _ttp (TikTok\'s browser ID) come from the page address, their cookies or the event.',
    },
    persistTtclidParameter(),
    refreshTtpParameter([]),
    generateTtpParameter('For pages without TikTok\'s script: makes a browser ID (_ttp) from the Google Analytics client ID. TikTok does not say if its script keeps it.'),
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
      {
        displayValue: 'Respect consent, send a reduced event when denied',
        help: 'Cookies denied: no TikTok cookies. Personal data denied: none sent.',
      },
      {
        displayValue: 'Send only with consent to advertising cookies',
        help: 'Cookies denied: nothing sent.',
      },
      true,
    ),
    ...consentOverrideParameters(true, true),
    ...limitedDataUseParameters(true),
  ],
};

const deliveryGroup: TemplateParameter = {
  type: 'GROUP',
  name: 'deliveryGroup',
  displayName: 'Delivery',
  groupStyle: 'ZIPPY_CLOSED',
  subParams: [
    {
      type: 'TEXT', name: 'maxRetries', displayName: 'Retries on throttling, server errors and timeouts', defaultValue: String(RETRIES.fallback),
      valueValidators: wholeNumberValidators(RETRIES.min, RETRIES.max),
      help: RETRIES.min + ' to ' + RETRIES.max + '. Retries send the same event ID, so TikTok counts the event once.',
    },
    {
      type: 'TEXT', name: 'timeoutMs', displayName: 'Request timeout (milliseconds)', defaultValue: String(TIMEOUT_MS.fallback),
      valueValidators: wholeNumberValidators(TIMEOUT_MS.min, TIMEOUT_MS.max),
      help: TIMEOUT_MS.min + ' to ' + TIMEOUT_MS.max + ': how long to wait for TikTok\'s answer.',
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
      help: 'Each request and TikTok\'s answer; personal data only scrambled (SHA-256), never the token.',
    },
    {
      type: 'CHECKBOX',
      name: 'bigQueryLogging',
      checkboxText: 'Also write the records to BigQuery',
      defaultValue: false,
      subParams: [
        { type: 'TEXT', name: 'bigQueryProjectId', displayName: 'Project ID (optional)', help: 'Empty: the server container\'s own project.', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] },
        { type: 'TEXT', name: 'bigQueryDatasetId', displayName: 'Dataset ID', valueValidators: [{ type: 'NON_EMPTY', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] }], enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] },
        { type: 'TEXT', name: 'bigQueryTableId', displayName: 'Table ID', valueValidators: [{ type: 'NON_EMPTY', enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }] }], enablingConditions: [{ paramName: 'bigQueryLogging', paramValue: true, type: 'EQUALS' }], help: 'Columns: timestamp, tag_name, type, trace_id, event_name, ' + glossaryLink('event_id', 'event_id') + ', request_url, request_body, response_status_code, response_body, message.' },
      ],
    },
  ],
};

export default defineTemplate({
  info: {
    type: 'TAG',
    displayName: TEMPLATE_NAMES.eventsApi,
    description: 'Sends your GA4 events from the server container to TikTok (Events API), so conversions reach TikTok even when the browser blocks its script. Shares one event ID with the Countersign TikTok Pixel tag, so TikTok counts each purchase once. Customer details are scrambled before they leave; consent and retries are built in.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'ATTRIBUTION'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['SERVER'],
  },
  parameters: [credentials, settingsVariableParameter(), nameSetParameter(TEMPLATE_NAMES.pixel + ' tag', true), consentUnknown, eventSourceGroup(), eventGroup, propertiesGroup, userGroup, rememberedKeysGroup(), identityGroup, consentGroup, deliveryGroup, loggingGroup],
  permissions: [
    { publicId: 'read_event_data', params: { eventDataAccess: 'any' } },
    getCookiesPermission(['ttclid', '_ttp', REMEMBERED_KEYS_COOKIE]),
    withRememberedKeysCookie(SET_IDENTITY_COOKIES_PERMISSION),
    { publicId: 'send_http', params: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/open_api/v1.3/event/track/'] } },
    { publicId: 'read_request', params: { requestAccess: 'specific', headerAccess: 'specific', queryParameterAccess: 'specific', headersAllowed: true, headerWhitelist: [{ headerName: 'trace-id' }, { headerName: 'referer' }] } },
    { publicId: 'logging', params: { environments: 'all' } },
    { publicId: 'read_container_data' },
    { publicId: 'access_bigquery', params: { allowedTables: [{ projectId: '*', datasetId: '*', tableId: '*', operation: 'write' }] } },
  ],
  notes: 'TikTok Events API server tag. Shares src/core with the TikTok Pixel web tag so event names and event IDs agree.',
});
