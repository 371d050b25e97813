// The server side of one event: the conversion both sides send (conversion.ts) plus what only a
// server has: the consent signals of the event, its time, page, the ttclid/_ttp identity (cookies
// of the incoming request) and device details. The Events API tag calls this with the event model
// of its event data (server-input.ts) and then only does the effects (hashing, cookies, HTTP).

import { ConsentDecision, ConsentSettings, decideEventConsent } from './consent';
import { ConversionConfig, mapConversion } from './conversion';
import { TikTokProperties } from './contents';
import { EventIdDecision } from './event-id';
import { IncomingEvent } from './event-model';
import { EventNameDecision } from './event-names';
import { IdentifierResult, TtclidSource, TtpGenerator, TtpSource, resolveIdentity } from './identity';
import {
  EventTimeResult, TikTokDevice, TikTokEvent, TikTokPage, buildDevice, buildPage, buildTikTokEvent, resolveEventTime,
  resolveLimitedDataUse,
} from './payload';
import { CoreToolkit } from './toolkit';
import { UserDataPlan, addRequestDetails, buildTikTokUser, stripPersonalData } from './user-data';

export interface MappingConfig extends ConversionConfig {
  eventTime?: unknown;
  /** Consent settings (the event's signals come from the model). Default mode 'ignore'. */
  consent?: ConsentSettings;
  limitedDataUse?: { checkbox?: unknown };
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
  /** Extra ttclid candidates (e.g. a tag field), checked after the event's own. */
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

/** consent -> conversion (name, id, properties, user plan) -> time -> page -> ttclid/_ttp -> device -> LDU. */
export function mapEvent(event: IncomingEvent, config: MappingConfig, sources: IdentitySources, nowMs: number, tk: CoreToolkit): MappedEvent {
  const consent = decideEventConsent(config.consent || { mode: 'ignore' }, event.consent, tk);
  const conversion = mapConversion(event, config, tk);
  const eventTime = resolveEventTime(config.eventTime, event.eventTime, nowMs, tk);
  const warnings: string[] = [];
  if (eventTime.warning !== undefined) warnings.push(eventTime.warning);
  conversion.warnings.forEach((w) => warnings.push(w));

  addRequestDetails(conversion.userPlan, event.user, config.userFields || {}, tk);
  const userPlan = consent.sendPersonalData ? conversion.userPlan : stripPersonalData(conversion.userPlan);
  const page = buildPage(event.page, config.page || {}, tk);
  const identity = resolveIdentity({
    readCookies: consent.readCookies, pageUrl: page.url, pageReferrer: page.referrer,
    ttclidCandidates: event.identifiers.ttclid.concat(sources.ttclidExtra || []),
    ttpCandidates: event.identifiers.ttp.concat(sources.ttpExtra || []),
    readTtclidCookies: sources.readTtclidCookies, readTtpCookies: sources.readTtpCookies,
    generateTtp: sources.generateTtp,
  }, tk);
  if (identity.ttclid.value !== undefined) userPlan.ttclid = identity.ttclid.value;
  if (identity.ttp.value !== undefined) userPlan.ttp = identity.ttp.value;
  const ldu = config.limitedDataUse || {};

  const eventName = conversion.eventName;
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
    skip: skip, reason: reason, consent: consent, eventName: eventName, eventId: conversion.eventId, eventTime: eventTime,
    properties: conversion.properties, userPlan: userPlan, ttclid: identity.ttclid, ttp: identity.ttp, page: page,
    device: consent.sendPersonalData ? buildDevice(event.clientHints, tk) : undefined,
    limitedDataUse: resolveLimitedDataUse(ldu.checkbox, event.limitedDataUse), warnings: warnings,
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
