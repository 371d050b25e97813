// TikTok User Data variable: the `user` object the TikTok Events API tag would send (without ttp and
// ttclid, which have their own variables). Same core functions as the tag: planUserData ->
// stripPersonalData when ad_user_data is denied -> buildTikTokUserSync (sha256Sync). Raw personal data
// never leaves this variable: hashed keys are hashed, or dropped when they cannot be.

import getEventData from 'getEventData';

import { decideConsent } from '../../core/consent';
import { PlainObject, toText } from '../../core/toolkit';
import { buildTikTokUserSync, planUserData, stripPersonalData } from '../../core/user-data';
import { consentSettings, put, tk } from '../tiktok-server-shared/sandbox';

const OUTPUT_KEYS = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code', 'city', 'state', 'country', 'ip', 'user_agent', 'locale'];

/** The event-data keys planUserData and the consent decision read, and nothing else. */
function readEventData(): PlainObject {
  const eventData: PlainObject = {};
  put(eventData, 'user_data', getEventData('user_data'));
  put(eventData, 'email', getEventData('email'));
  put(eventData, 'phone', getEventData('phone'));
  put(eventData, 'phone_number', getEventData('phone_number'));
  put(eventData, 'external_id', getEventData('external_id'));
  put(eventData, 'user_id', getEventData('user_id'));
  put(eventData, 'ip_override', getEventData('ip_override'));
  put(eventData, 'ip_address', getEventData('ip_address'));
  put(eventData, 'ip', getEventData('ip'));
  put(eventData, 'user_agent', getEventData('user_agent'));
  put(eventData, 'language', getEventData('language'));
  put(eventData, 'consent_state', getEventData('consent_state'));
  put(eventData, 'x-ga-gcs', getEventData('x-ga-gcs'));
  put(eventData, 'x-ga-gcd', getEventData('x-ga-gcd'));
  put(eventData, 'x-ga-mp2-gcd', getEventData('x-ga-mp2-gcd'));
  return eventData;
}

export function main(): unknown {
  const eventData = readEventData();
  const settings = consentSettings();
  const consent = decideConsent({
    mode: settings.mode, adStorageField: settings.adStorageField, adUserDataField: data.adUserDataConsent,
    unknownAs: settings.unknownAs, eventData: eventData,
  }, tk);
  // In "only with ad_storage consent" mode the tag sends nothing: there is no user object to match.
  if (!consent.send) return undefined;
  let plan = planUserData(eventData, {
    email: data.userEmail, phone: data.userPhone, external_id: data.userExternalId,
    first_name: data.userFirstName, last_name: data.userLastName, zip_code: data.userZip,
    city: data.userCity, state: data.userState, country: data.userCountry,
    ip: data.userIp, user_agent: data.userAgent, locale: data.userLocale,
  }, {
    defaultCountryCode: toText(data.defaultCountryCode, tk),
    userIdAsExternalId: data.userIdAsExternalId !== false,
  }, tk);
  if (!consent.sendPersonalData) plan = stripPersonalData(plan);
  const user = buildTikTokUserSync(plan, tk) as PlainObject;
  const outputKey = data.outputKey;
  if (typeof outputKey === 'string' && OUTPUT_KEYS.indexOf(outputKey) !== -1) return user[outputKey];
  return tk.keys(user).length > 0 ? user : undefined;
}
