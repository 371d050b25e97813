// One call that turns event data into everything a TikTok template needs, minus the effects
// (hashing, cookies, HTTP, ttq calls). The server tag and the web Pixel tag both go through it, so
// the event name, event_id, properties and normalized match keys agree by construction.

import { ConsentDecision, ConsentSettings, consentSignalsFromEventData, decideEventConsent } from './consent';
import { ExtraProperty, PropertiesOptions, TikTokProperties, applyExtraProperties, buildProperties } from './contents';
import { EventIdDecision, resolveEventId } from './event-id';
import { EventNameConfig, EventNameDecision, resolveEventName } from './event-names';
import {
  IdentifierResult, TTCLID_EVENT_KEYS, TTP_EVENT_KEYS, TtclidSource, TtpGenerator, TtpSource, eventDataValues, resolveIdentity,
} from './identity';
import {
  EventTimeResult, TikTokDevice, TikTokEvent, TikTokPage, buildDevice, buildPage, buildTikTokEvent, resolveEventTime,
  resolveLimitedDataUse,
} from './payload';
import { CoreToolkit, getPath } from './toolkit';
import { UserDataFields, UserDataOptions, UserDataPlan, buildTikTokUser, planUserData, stripPersonalData } from './user-data';

export interface MappingConfig {
  /** Incoming event name; default event data `event_name`. */
  incomingEventName?: unknown;
  eventNames: EventNameConfig;
  eventId?: { explicit?: unknown; key?: string; useTransactionFallback?: boolean };
  eventTime?: unknown;
  properties?: PropertiesOptions;
  extraProperties?: ExtraProperty[];
  userFields?: UserDataFields;
  userOptions?: UserDataOptions;
  /** Consent settings (the event's signals are read here). Default mode 'ignore'. */
  consent?: ConsentSettings;
  limitedDataUse?: { checkbox?: unknown; key?: string };
  page?: { url?: unknown; referrer?: unknown };
}

/** Identity inputs only a server context has (cookies of the incoming request). */
export interface IdentitySources {
  /**
   * getCookieValues('ttclid') / getCookieValues('_ttp'): called only when consent allows reading
   * cookies, so cookies are not even read when ad_storage is denied.
   */
  readTtclidCookies?: () => unknown;
  readTtpCookies?: () => unknown;
  /** Extra ttclid candidates (e.g. a tag field), checked after event data keys. */
  ttclidExtra?: unknown[];
  ttpExtra?: unknown[];
  /** Present only when the user enabled _ttp generation. */
  generateTtp?: TtpGenerator;
}

export interface MappedEvent {
  /** true -> send nothing (consent or unmapped event); `reason` says why. */
  skip: boolean;
  reason: string;
  consent: ConsentDecision;
  eventName: EventNameDecision;
  eventId: EventIdDecision;
  eventTime: EventTimeResult;
  properties: TikTokProperties;
  /** Normalized, consent-filtered match keys with ttp/ttclid filled in; hash before sending. */
  userPlan: UserDataPlan;
  ttclid: IdentifierResult<TtclidSource>;
  ttp: IdentifierResult<TtpSource>;
  page: TikTokPage;
  /** From client_hints; left out when ad_user_data is denied (device details add to fingerprinting). */
  device?: TikTokDevice;
  limitedDataUse: boolean;
  /** Notes for logs (no PII). */
  warnings: string[];
}

export function mapEvent(eventData: unknown, config: MappingConfig, sources: IdentitySources, nowMs: number, tk: CoreToolkit): MappedEvent {
  const consent = decideEventConsent(config.consent || { mode: 'ignore' }, consentSignalsFromEventData(eventData, tk), tk);
  const incoming = config.incomingEventName !== undefined ? config.incomingEventName : getPath(eventData, 'event_name', tk);
  const eventName = resolveEventName(incoming, config.eventNames);
  const idConfig = config.eventId || {};
  const eventId = resolveEventId({
    explicit: idConfig.explicit, key: idConfig.key, useTransactionFallback: idConfig.useTransactionFallback,
    eventData: eventData, tiktokEventName: eventName.name,
  }, tk);
  const eventTime = resolveEventTime(config.eventTime, eventData, nowMs, tk);
  const warnings: string[] = [];
  if (eventTime.warning !== undefined) warnings.push(eventTime.warning);

  const props = buildProperties(eventData, config.properties || {}, tk);
  props.warnings.forEach((w) => warnings.push(w));
  const properties = applyExtraProperties(props.properties, config.extraProperties, tk, warnings);

  let userPlan = planUserData(eventData, config.userFields || {}, config.userOptions || {}, tk);
  userPlan.warnings.forEach((w) => warnings.push(w));
  if (!consent.sendPersonalData) userPlan = stripPersonalData(userPlan);

  const pageOverrides = config.page || {};
  const page = buildPage(eventData, pageOverrides, tk);
  const identity = resolveIdentity({
    readCookies: consent.readCookies, pageUrl: page.url, pageReferrer: page.referrer,
    ttclidCandidates: eventDataValues(eventData, TTCLID_EVENT_KEYS, tk).concat(sources.ttclidExtra || []),
    ttpCandidates: eventDataValues(eventData, TTP_EVENT_KEYS, tk).concat(sources.ttpExtra || []),
    readTtclidCookies: sources.readTtclidCookies, readTtpCookies: sources.readTtpCookies,
    generateTtp: sources.generateTtp,
  }, tk);
  const ttclid = identity.ttclid;
  const ttp = identity.ttp;
  if (ttclid.value !== undefined) userPlan.ttclid = ttclid.value;
  if (ttp.value !== undefined) userPlan.ttp = ttp.value;

  const ldu = config.limitedDataUse || {};
  const limitedDataUse = resolveLimitedDataUse(ldu.checkbox, eventData, ldu.key || '', tk);

  let skip = false;
  let reason = eventName.reason + '; ' + consent.reason;
  if (!consent.send) {
    skip = true;
    reason = consent.reason;
  } else if (eventName.skip) {
    skip = true;
    reason = 'not sent: ' + eventName.reason;
  }
  return {
    skip: skip, reason: reason, consent: consent, eventName: eventName, eventId: eventId, eventTime: eventTime,
    properties: properties, userPlan: userPlan, ttclid: ttclid, ttp: ttp, page: page,
    device: consent.sendPersonalData ? buildDevice(getPath(eventData, 'client_hints', tk), tk) : undefined,
    limitedDataUse: limitedDataUse, warnings: warnings,
  };
}

/** The data[] item for a mapped, non-skipped event; `hashLookup` as in buildTikTokUser. */
export function toTikTokEvent(mapped: MappedEvent, hashLookup: (normalized: string) => string | undefined): TikTokEvent {
  return buildTikTokEvent({
    event: mapped.eventName.name || '',
    eventTime: mapped.eventTime.eventTime,
    eventId: mapped.eventId.eventId,
    user: buildTikTokUser(mapped.userPlan, hashLookup),
    page: mapped.page,
    properties: mapped.properties,
    device: mapped.device,
    limitedDataUse: mapped.limitedDataUse,
  });
}
