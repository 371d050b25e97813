// The "Event source and more pixels" group of the Events API tag (Node side; event-source.read.ts
// reads it): the event source (web, app, offline, CRM) with the fields each source needs, and more
// pixels or event sets that get the same event (docs/contracts/tiktok-events-api.md#event-sources).
import type { EnablingCondition, TemplateParameter, ValueValidator } from '../tpl/definition';
import { APP_STORE_ID_VALIDATOR, VARIABLE_OR } from './validators.fields';

const when = (source: string): EnablingCondition[] => [{ paramName: 'eventSource', paramValue: source, type: 'EQUALS' }];

/** The same check as the tag's Pixel ID: 10-40 letters and digits, or a variable. */
const ID_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*([A-Za-z0-9]{10,40}' + VARIABLE_OR + ')\\s*'],
  errorMessage: 'An ID has 10-40 letters and digits, e.g. C9Q2MJ3C77U4P674RPG0 or 7312345678901234567.',
};

export function eventSourceGroup(): TemplateParameter {
  return {
    type: 'GROUP',
    name: 'eventSourceGroup',
    displayName: 'Event source and more pixels',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'SELECT',
        name: 'eventSource',
        displayName: 'Event source',
        defaultValue: 'web',
        selectItems: [
          { value: 'web', displayValue: 'Web: a website (the Pixel ID field holds the pixel code)' },
          { value: 'app', displayValue: 'App: a mobile app (the Pixel ID field holds the TikTok App ID)' },
          { value: 'offline', displayValue: 'Offline: a shop or phone order (the Pixel ID field holds the offline event set ID)' },
          { value: 'crm', displayValue: 'CRM: later stages of a TikTok lead (the Pixel ID field holds the CRM event set ID)' },
        ],
        help: 'TikTok takes four kinds of events, each sent to its own ID from Events Manager. Web: the only kind with the page, names, address, cookies, the TikTok ad click\'s ID and the browser ID. App: with <code>app</code> (App ID below) and the phone\'s advertising IDs (IDFA, IDFV, Google advertising ID; IDs of only zeros left out), from the GA4 app client\'s <code>x-ga-platform</code>, <code>x-ga-resettable_device_id</code>, <code>x-ga-vendor_device_id</code> or the incoming event\'s <code>idfa</code>, <code>idfv</code>, <code>gaid</code>, <code>att_status</code>. Offline: needs an email or phone and an event name TikTok knows; the incoming event\'s <code>shop_id</code> names the store. CRM: needs the TikTok lead ID.',
      },
      {
        type: 'TEXT',
        name: 'androidAppSourceId',
        displayName: 'TikTok App ID of the Android app (optional)',
        help: 'TikTok Events Manager gives an app one App ID for iOS and one for Android. Events whose <code>x-ga-platform</code> is <code>android</code> go to this ID instead of the one in the Pixel ID field.',
        enablingConditions: when('app'),
        valueValidators: [ID_VALIDATOR],
      },
      {
        type: 'TEXT',
        name: 'appId',
        displayName: 'App ID sent to TikTok (app.app_id)',
        valueHint: '343200656',
        help: 'The App Store number on iOS (<code>343200656</code> in <code>apps.apple.com/app/id343200656</code>), the package name on Android (<code>com.example.shop</code>). Empty: the event\'s <code>app_id</code> (on iOS only when it is an App Store number). App events without one are not sent.',
        enablingConditions: when('app'),
        valueValidators: [APP_STORE_ID_VALIDATOR],
      },
      {
        type: 'TEXT',
        name: 'leadId',
        displayName: 'TikTok lead ID',
        help: 'The ID of the lead from TikTok\'s lead forms (Leads Center or the lead download), e.g. <code>{{lead id}}</code>. Empty: the event\'s <code>lead_id</code> (or <code>lead.lead_id</code>). CRM events without one are not sent.',
        enablingConditions: when('crm'),
      },
      {
        type: 'TEXT',
        name: 'leadEventSource',
        displayName: 'CRM name (optional)',
        valueHint: 'HubSpot',
        help: 'Sent as <code>lead_event_source</code>. Empty: the event\'s <code>lead_event_source</code>.',
        enablingConditions: when('crm'),
      },
      {
        type: 'SIMPLE_TABLE',
        name: 'moreDestinations',
        displayName: 'More pixels (or event sets) that get the same event',
        help: 'One request per ID (a pixel or event set, from Events Manager), each with the same event and <code>event_id</code>: TikTok counts it once per pixel. A pixel\'s access token works for that pixel only: give each row its token, or leave it empty to use the tag\'s. The tag succeeds only when every ID accepted the event; the log has one line per ID (sent or failed), then a summary naming both, so one failure never hides the others\' success.',
        newRowButtonText: 'Add pixel',
        simpleTableColumns: [
          { name: 'destinationId', displayName: 'Pixel ID (or event set ID)', type: 'TEXT', isUnique: true, valueValidators: [{ type: 'NON_EMPTY' }, ID_VALIDATOR] },
          { name: 'destinationToken', displayName: 'Access token (empty: the tag\'s)', type: 'TEXT' },
        ],
      },
    ],
  };
}
