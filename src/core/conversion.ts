// What the browser and the server both send for one event, computed by the same code from the
// event model: the TikTok event name, event_id, properties and the normalized (unhashed) match
// keys. The web Pixel tag calls only this (with web-input.ts); the server tag calls it through
// mapEvent (map-event.ts), which adds what only a server has (consent signals, time, page,
// identity cookies, device). Keeping this module free of server-only logic keeps the Pixel tag's
// code small: GTM compiles every web template into gtm.js, which every visitor downloads.

import {
  ExtraProperty, PropertiesOptions, TikTokProperties, applyExtraProperties, buildProperties,
} from './contents';
import { EventIdDecision, isOrderEvent, resolveEventId } from './event-id';
import { CommerceInput, ConversionInput } from './event-model';
import { EventNameConfig, EventNameDecision, otherSetName, resolveEventName } from './event-names';
import { CoreToolkit, toText } from './toolkit';
import { UserDataFields, UserDataOptions, UserDataPlan, planMatchKeys } from './user-data';

export interface ConversionConfig {
  eventNames: EventNameConfig;
  eventId?: { explicit?: unknown; useTransactionFallback?: boolean };
  properties?: PropertiesOptions;
  extraProperties?: ExtraProperty[];
  userFields?: UserDataFields;
  userOptions?: UserDataOptions;
}

export interface Conversion {
  eventName: EventNameDecision;
  eventId: EventIdDecision;
  properties: TikTokProperties;
  /** Normalized match keys (no request details: mapEvent adds those); hash before sending. */
  userPlan: UserDataPlan;
  /** Notes for logs (no PII). */
  warnings: string[];
}

/**
 * TikTok counts a CompletePayment and a Purchase for the same order twice (it deduplicates identical
 * names only), and nothing in a request says which names the other side uses. Two signs are logged:
 * a renamed event sent with no name set chosen (the tags have no default on purpose), and an
 * event_id made for the other name (`T-1001_CompletePayment` on a Purchase: the TikTok Event ID
 * variable or the other tag is set to the other names).
 */
function addNameSetWarnings(warnings: string[], eventName: EventNameDecision, eventId: string | undefined, names: EventNameConfig): void {
  const name = eventName.name;
  const other = name !== undefined ? otherSetName(name) : undefined;
  if (other === undefined) return;
  const translated = eventName.source === 'standard_map' || eventName.source === 'tiktok_name';
  if (translated && names.nameSet === undefined) {
    warnings.push('TikTok event names not chosen: sent as ' + name + '; a tag sending ' + other + ' counts it twice');
  }
  const suffix = '_' + other;
  if (eventId !== undefined && eventId.length > suffix.length && eventId.lastIndexOf(suffix) === eventId.length - suffix.length) {
    warnings.push('the event_id was made for ' + other + ' but this tag sends ' + name + ': counted twice');
  }
}

/** The same commerce input without its transaction_id (the event model's objects are plain). */
function withoutTransaction(commerce: CommerceInput): CommerceInput {
  const from = commerce as unknown as { [key: string]: unknown };
  const copy: { [key: string]: unknown } = {};
  for (const key in from) if (key !== 'transactionId') copy[key] = from[key];
  return copy as unknown as CommerceInput;
}

/** Name -> event_id -> properties (+ extra properties) -> user plan, from the event model only. */
export function mapConversion(event: ConversionInput, config: ConversionConfig, tk: CoreToolkit): Conversion {
  const eventName = resolveEventName(event.name, config.eventNames);
  let commerce = event.commerce;
  let warnings: string[] = [];
  if (!isOrderEvent(event.name, eventName.name) && toText(commerce.transactionId, tk) !== undefined) {
    // A transaction_id outside an order event is the order's, left in the data layer (event-id.ts).
    commerce = withoutTransaction(commerce);
    warnings.push('transaction_id ignored: not a purchase');
  }
  const idConfig = config.eventId || {};
  const eventId = resolveEventId({
    explicit: idConfig.explicit, candidates: event.eventIdCandidates, transactionId: commerce.transactionId,
    useTransactionFallback: idConfig.useTransactionFallback, tiktokEventName: eventName.name,
  }, tk);
  addNameSetWarnings(warnings, eventName, eventId.eventId, config.eventNames);
  const props = buildProperties(commerce, config.properties || {}, tk);
  warnings = warnings.concat(props.warnings);
  const properties = applyExtraProperties(props.properties, config.extraProperties, tk, warnings);
  // Checked after the extra properties, which may add a currency: TikTok needs one to report the
  // value as revenue and to optimise for value.
  if (properties.value !== undefined && properties.value !== 0 && properties.currency === undefined) {
    warnings.push('value sent without a currency: TikTok counts no revenue');
  }
  const userPlan = planMatchKeys(event.user, config.userFields || {}, config.userOptions || {}, tk);
  return { eventName: eventName, eventId: eventId, properties: properties, userPlan: userPlan, warnings: warnings.concat(userPlan.warnings) };
}
