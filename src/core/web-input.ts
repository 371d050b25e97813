// Web input adapter: the data layer as GTM exposes it to a tag, read once into the event model
// (event-model.ts). The data-layer reader comes in as a function (the tag passes the sandbox's
// copyFromDataLayer), so this file stays free of sandbox APIs. Tests: test/core/web-input.test.ts
// and the web emulator runs in test/templates/tiktok-pixel-input.test.ts.
//
// Shapes read:
//   dataLayer.push({event, ecommerce: {...}})  GA4 e-commerce pushed for Google Tag Manager
//   gtag('event', name, {...})                 GTM hands gtag's parameters to the event as `eventModel`
//                                              (TikTok's own Pixel template reads `eventModel` too)
//   user_data                                  GA4 user-provided data pushed to the data layer
//   tt_contents, tt_content_type, tt_external_id   TikTok's own templates' data-layer keys
//
// Stale order fields. GTM merges every push into one data model, recursively: a view_item pushed
// after a purchase without `ecommerce: null` in between still shows the purchase's transaction_id
// and value under `ecommerce` (Google's GA4 e-commerce guide asks sites to clear the object for this
// reason: https://developers.google.com/analytics/devguides/collection/ga4/ecommerce?client_type=gtm).
// `copyFromDataLayer(key, 1)` (data layer version 1) returns the value of the most recent push that
// set the key, without the recursive merge
// (https://developers.google.com/tag-platform/tag-manager/templates/api#copyfromdatalayer); gallery
// templates use it for exactly this (Stape's TikTok web tag offers it as "ignore recursive merges").
// So `ecommerce` and `eventModel` are read as whole objects, version 1, and the order fields come
// from ONE of them (ecommerce first, as TikTok's template does): a view_item that pushes its own
// `ecommerce` never inherits the purchase's order_id, value or event_id.

import { ConversionConfig, Conversion, mapConversion } from './conversion';
import { ConversionInput, emptyConversionInput } from './event-model';
import { isPageviewEvent, resolveEventName } from './event-names';
import { commerceFrom, hasCommerce, matchKeysFromUserData } from './ga4-input';
import { CoreToolkit, PlainObject, isPlainObject } from './toolkit';
import { emptyPlan } from './user-data';

/** copyFromDataLayer(key, version): version 1 = the latest push of the key, 2 (default) = the merged model. */
export type DataLayerReader = (key: string, version?: number) => unknown;

/** Every data-layer key the adapter reads (the Pixel tag's read_data_layer permission). */
export const WEB_DATA_LAYER_KEYS = ['event', 'ecommerce', 'eventModel', 'search_term', 'user_data', 'tt_contents', 'tt_content_type', 'tt_external_id'];

/**
 * GTM's own page-load events mean "page view" for a tag fired on them (the GA4 Google tag sends
 * page_view on the same GTM event, so the server sees page_view). Everything else is taken as is.
 */
const PAGE_LOAD_EVENTS: string[] = ['gtm.js', 'gtm.dom', 'gtm.load', 'gtm.historyChange', 'gtm.historyChange-v2'];

export function webIncomingEventName(dataLayerEvent: unknown): unknown {
  return PAGE_LOAD_EVENTS.indexOf(dataLayerEvent as string) !== -1 ? 'page_view' : dataLayerEvent;
}

/** E-commerce typed into the tag's fields (variables) instead of read from the data layer. */
export interface CommerceFields {
  items?: unknown;
  value?: unknown;
  currency?: unknown;
  transactionId?: unknown;
  searchTerm?: unknown;
}

export interface WebInputOptions {
  /** When given, e-commerce comes from these fields and not from the data layer. */
  commerceFields?: CommerceFields;
  /** Read user_data / tt_external_id (advanced matching from the data layer). */
  readUserData: boolean;
  /**
   * No e-commerce at all (a page view: a GA4 page view sends none, and the data layer may still
   * hold an earlier push's order, which would give the page view a transaction-based event_id the
   * server never computes).
   */
  withoutCommerce?: boolean;
}

/**
 * The current data-layer event -> the event model, with `name` the incoming event name already
 * read (webIncomingEventName). Never throws.
 */
export function eventFromDataLayer(name: unknown, read: DataLayerReader, options: WebInputOptions, tk: CoreToolkit): ConversionInput {
  const event = emptyConversionInput();
  const commerce = event.commerce;
  event.name = name;
  const eventModelValue = read('eventModel', 1);
  const eventModel: PlainObject = isPlainObject(eventModelValue, tk) ? eventModelValue : {};
  /** A top-level data-layer key, else gtag's parameter of the same name. */
  const readOrModel = (key: string) => {
    const value = read(key);
    return value !== undefined ? value : eventModel[key];
  };
  const fields = options.commerceFields;
  if (options.withoutCommerce !== true) {
    if (fields !== undefined) {
      commerceFrom({ items: fields.items, value: fields.value, currency: fields.currency, transaction_id: fields.transactionId }, commerce, tk);
      commerce.searchTerm.push(fields.searchTerm);
    } else {
      const ecommerce = read('ecommerce', 1);
      commerceFrom(hasCommerce(ecommerce, tk) ? ecommerce : eventModel, commerce, tk);
      commerce.searchTerm.push(read('search_term'), eventModel.search_term);
      commerce.contents = [readOrModel('tt_contents')];
      commerce.contentType.push(readOrModel('tt_content_type'));
    }
  }
  // gtag's own event_id parameter: the GA4 tag sends the same value to the server as event_id.
  event.eventIdCandidates.push(eventModel.event_id);
  if (options.readUserData) {
    const userData = read('user_data');
    event.user.userData = matchKeysFromUserData(isPlainObject(userData, tk) ? userData : eventModel.user_data, tk);
    event.user.eventKeys.external_id.push(readOrModel('tt_external_id'));
  }
  return event;
}

/**
 * The web mapping: the event name first (one data-layer read), then only what the decision needs.
 * A skipped event reads nothing else; a page view reads no e-commerce (sets `withoutCommerce`).
 */
export function mapDataLayerEvent(read: DataLayerReader, options: WebInputOptions, config: ConversionConfig, tk: CoreToolkit): Conversion {
  const name = webIncomingEventName(read('event'));
  const eventName = resolveEventName(name, config.eventNames);
  if (eventName.skip || eventName.name === undefined) {
    return { eventName: eventName, eventId: { source: 'none' }, properties: {}, userPlan: emptyPlan(), warnings: [] };
  }
  options.withoutCommerce = isPageviewEvent(eventName.name);
  return mapConversion(eventFromDataLayer(name, read, options, tk), config, tk);
}
