// The server side of one event: the conversion both sides send (conversion.ts) plus what only a
// server has: the consent signals of the event, its time, page, the ttclid/_ttp identity (cookies
// of the incoming request), device details and the event source (web, app, offline, crm:
// event-source.ts). The Events API tag calls this with the event model of its event data
// (server-input.ts) and then only does the effects (hashing, cookies, HTTP).

import { ConsentDecision, ConsentSettings, decideEventConsent } from './consent';
import { ConversionConfig, mapConversion } from './conversion';
import { TikTokProperties } from './contents';
import { EventIdDecision } from './event-id';
import { IncomingEvent } from './event-model';
import { EventNameDecision } from './event-names';
import { SourceParts, SourceSettings, eventNameProblem, planEventSource, sourceNameOverrides } from './event-source';
import { IdentifierResult, ResolvedIdentity, TtclidSource, TtpGenerator, TtpSource, resolveIdentity } from './identity';
import {
  EventTimeResult, TikTokDevice, TikTokEvent, TikTokPage, buildDevice, buildPage, buildTikTokEvent, resolveEventTime,
  resolveLimitedDataUse,
} from './payload';
import { RememberedKeysResult, applyRememberedKeys, rememberedKeysGate, rememberedKeysOff } from './remembered-keys';
import { CoreToolkit } from './toolkit';
import { UserDataPlan, addRequestDetails, buildTikTokUser, stripPersonalData } from './user-data';

export interface MappingConfig extends ConversionConfig {
  eventTime?: unknown;
  /** Consent settings (the event's signals come from the model). Default mode 'ignore'. */
  consent?: ConsentSettings;
  limitedDataUse?: { checkbox?: unknown };
  page?: { url?: unknown; referrer?: unknown };
  /** The event source and its fields; default web. */
  source?: SourceSettings;
  /** Remembered match keys (remembered-keys.ts): web events only. */
  rememberedKeys?: { enabled: boolean };
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
  /** getCookieValues of the remembered-keys cookie: called only while ad_storage and ad_user_data are granted. */
  readRememberedKeys?: () => unknown;
}

export interface MappedEvent {
  /** true -> send nothing (consent, unmapped event, or a field the source requires is missing); `reason` says why. */
  skip: boolean;
  /** With skip: the event lacks what its source requires (a configuration or data error, not a decision). */
  missingRequired: boolean;
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
  /** What the event source adds (app, lead, device ids, shop). */
  source: SourceParts;
  /** The remembered-keys cookie: what it held, what was filled in, whether it may be kept. */
  rememberedKeys: RememberedKeysResult;
  /** Notes for logs (no PII). */
  warnings: string[];
}

/** The config with the source's own name rows after the user's overrides (app: GA4 app events). */
function withSourceNames(config: MappingConfig, settings: SourceSettings): MappingConfig {
  const extra = sourceNameOverrides(settings.source);
  if (extra.length === 0) return config;
  const names = config.eventNames;
  const copy: MappingConfig = {
    eventNames: {
      nameSet: names.nameSet, fixedEvent: names.fixedEvent, unmappedPolicy: names.unmappedPolicy,
      overrides: (names.overrides || []).concat(extra),
    },
    eventId: config.eventId, properties: config.properties, extraProperties: config.extraProperties,
    userFields: config.userFields, userOptions: config.userOptions,
  };
  return copy;
}

function hasEmailOrPhone(plan: UserDataPlan): boolean {
  return plan.email.length + plan.phone.length > 0;
}

/** consent -> conversion (name, id, properties, user plan) -> time -> remembered keys -> source -> page -> ttclid/_ttp -> device -> LDU. */
export function mapEvent(event: IncomingEvent, config: MappingConfig, sources: IdentitySources, nowMs: number, tk: CoreToolkit): MappedEvent {
  const consent = decideEventConsent(config.consent || { mode: 'ignore' }, event.consent, tk);
  const sourceSettings: SourceSettings = config.source || { source: 'web' };
  const web = sourceSettings.source === 'web';
  const conversion = mapConversion(event, withSourceNames(config, sourceSettings), tk);
  const eventTime = resolveEventTime(config.eventTime, event.eventTime, nowMs, tk);
  const warnings: string[] = [];
  if (eventTime.warning !== undefined) warnings.push(eventTime.warning);
  conversion.warnings.forEach((w) => warnings.push(w));

  addRequestDetails(conversion.userPlan, event.user, config.userFields || {}, tk);
  const userPlan = consent.sendPersonalData ? conversion.userPlan : stripPersonalData(conversion.userPlan);
  const remember = config.rememberedKeys;
  const rememberedKeys = web && remember !== undefined && remember.enabled
    ? applyRememberedKeys(userPlan, rememberedKeysGate(config.consent || { mode: 'ignore' }, event.consent, tk), sources.readRememberedKeys || (() => undefined), tk)
    : rememberedKeysOff();
  const source = planEventSource(event, sourceSettings, consent.readCookies && consent.sendPersonalData, tk);
  source.warnings.forEach((w) => warnings.push(w));
  if (source.shopId !== undefined && conversion.properties.shop_id === undefined) conversion.properties.shop_id = source.shopId;
  // Page, ttclid and _ttp belong to web events: other sources neither read nor write browser cookies.
  const page = web ? buildPage(event.page, config.page || {}, tk) : {};
  if (web && page.url === undefined) warnings.push('no page URL (page_location, or the request\'s Referer): sent without page, which TikTok requires for web events');
  const identity: ResolvedIdentity = web
    ? resolveIdentity({
      readCookies: consent.readCookies, pageUrl: page.url, pageReferrer: page.referrer,
      ttclidCandidates: event.identifiers.ttclid.concat(sources.ttclidExtra || []),
      ttpCandidates: event.identifiers.ttp.concat(sources.ttpExtra || []),
      readTtclidCookies: sources.readTtclidCookies, readTtpCookies: sources.readTtpCookies,
      generateTtp: sources.generateTtp,
    }, tk)
    : { ttclid: { source: 'none' }, ttp: { source: 'none' } };
  if (identity.ttclid.value !== undefined) userPlan.ttclid = identity.ttclid.value;
  if (identity.ttp.value !== undefined) userPlan.ttp = identity.ttp.value;
  const ldu = config.limitedDataUse || {};

  const eventName = conversion.eventName;
  const nameProblem = eventName.name !== undefined ? eventNameProblem(eventName.name, sourceSettings.source) : undefined;
  let skip = false;
  let missingRequired = false;
  let reason = eventName.reason + '; ' + consent.reason;
  if (!consent.send) {
    skip = true;
    reason = consent.reason;
  } else if (eventName.skip) {
    skip = true;
    reason = 'not sent: ' + eventName.reason;
  } else if (nameProblem !== undefined) {
    skip = true;
    reason = 'not sent: ' + nameProblem;
  } else if (source.missing !== undefined) {
    skip = true;
    missingRequired = true;
    reason = 'not sent: ' + source.missing;
  } else if (sourceSettings.source === 'offline' && !hasEmailOrPhone(userPlan)) {
    skip = true;
    // Left out by consent: a decision, like any other consent skip. Never given: the event is unusable.
    missingRequired = !hasEmailOrPhone(conversion.userPlan);
    reason = missingRequired
      ? 'not sent: offline events need an email or a phone number to be matched'
      : 'not sent: offline events need an email or a phone number, and ad_user_data consent is denied; ' + consent.reason;
  }
  return {
    skip: skip, missingRequired: missingRequired, reason: reason, consent: consent, eventName: eventName, eventId: conversion.eventId, eventTime: eventTime,
    properties: conversion.properties, userPlan: userPlan, ttclid: identity.ttclid, ttp: identity.ttp, page: page,
    device: consent.sendPersonalData ? buildDevice(event.clientHints, tk) : undefined,
    limitedDataUse: resolveLimitedDataUse(ldu.checkbox, event.limitedDataUse), source: source, rememberedKeys: rememberedKeys, warnings: warnings,
  };
}

/** The data[] item for a mapped, non-skipped event; `hashLookup` as in buildTikTokUser. */
export function toTikTokEvent(mapped: MappedEvent, hashLookup: (normalized: string) => string | undefined): TikTokEvent {
  return buildTikTokEvent({
    source: mapped.source.source,
    app: mapped.source.app,
    lead: mapped.source.lead,
    deviceIds: mapped.source.deviceIds,
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
