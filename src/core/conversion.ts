// What the browser and the server both send for one event, computed by the same code from the
// event model: the TikTok event name, event_id, properties and the normalized (unhashed) match
// keys. The web Pixel tag calls only this (with web-input.ts); the server tag calls it through
// mapEvent (map-event.ts), which adds what only a server has (consent signals, time, page,
// identity cookies, device). Keeping this module free of server-only logic keeps the Pixel tag's
// code small: GTM compiles every web template into gtm.js, which every visitor downloads.

import { ExtraProperty, PropertiesOptions, TikTokProperties, applyExtraProperties, buildProperties } from './contents';
import { EventIdDecision, resolveEventId } from './event-id';
import { CommerceInput, IncomingEvent } from './event-model';
import { EventNameConfig, EventNameDecision, isPageviewEvent, resolveEventName } from './event-names';
import { CoreToolkit } from './toolkit';
import { UserDataFields, UserDataOptions, UserDataPlan, planMatchKeys } from './user-data';

export interface ConversionConfig {
  eventNames: EventNameConfig;
  eventId?: { explicit?: unknown; useTransactionFallback?: boolean };
  properties?: PropertiesOptions;
  extraProperties?: ExtraProperty[];
  userFields?: UserDataFields;
  userOptions?: UserDataOptions;
  /**
   * Web: a page view carries no e-commerce data. A GA4 page view sends none, and the data layer may
   * still hold an earlier push's order, which would give the page view a transaction-based
   * event_id the server never computes.
   */
  pageviewWithoutCommerce?: boolean;
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

const NO_COMMERCE: CommerceInput = { contentType: [], searchTerm: [] };

/** Name -> event_id -> properties (+ extra properties) -> user plan, from the event model only. */
export function mapConversion(event: IncomingEvent, config: ConversionConfig, tk: CoreToolkit): Conversion {
  const eventName = resolveEventName(event.name, config.eventNames);
  const commerce = config.pageviewWithoutCommerce === true && isPageviewEvent(eventName.name) ? NO_COMMERCE : event.commerce;
  const idConfig = config.eventId || {};
  const eventId = resolveEventId({
    explicit: idConfig.explicit, candidates: event.eventIdCandidates, transactionId: commerce.transactionId,
    useTransactionFallback: idConfig.useTransactionFallback, tiktokEventName: eventName.name,
  }, tk);
  const warnings: string[] = [];
  const props = buildProperties(commerce, config.properties || {}, tk);
  props.warnings.forEach((w) => warnings.push(w));
  const properties = applyExtraProperties(props.properties, config.extraProperties, tk, warnings);
  const userPlan = planMatchKeys(event.user, config.userFields || {}, config.userOptions || {}, tk);
  userPlan.warnings.forEach((w) => warnings.push(w));
  return { eventName: eventName, eventId: eventId, properties: properties, userPlan: userPlan, warnings: warnings };
}
