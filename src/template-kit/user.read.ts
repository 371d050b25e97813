// The one reader of the customer information group (user.fields.ts builds it).
import { CoreToolkit, toText } from '../core/toolkit';
import { UserDataFields, UserDataOptions } from '../core/user-data';

export interface UserFields {
  userEmail?: unknown;
  userPhone?: unknown;
  defaultCountryCode?: unknown;
  userExternalId?: unknown;
  userIdAsExternalId?: unknown;
  userFirstName?: unknown;
  userLastName?: unknown;
  userZip?: unknown;
  userCity?: unknown;
  userState?: unknown;
  userCountry?: unknown;
  userIp?: unknown;
  userAgent?: unknown;
  userLocale?: unknown;
}

/** The tag-field overrides planUserData takes (fields win over event data). */
export function readUserFields(fields: UserFields): UserDataFields {
  return {
    email: fields.userEmail, phone: fields.userPhone, external_id: fields.userExternalId,
    first_name: fields.userFirstName, last_name: fields.userLastName, zip_code: fields.userZip,
    city: fields.userCity, state: fields.userState, country: fields.userCountry,
    ip: fields.userIp, user_agent: fields.userAgent, locale: fields.userLocale,
  };
}

export function readUserOptions(fields: UserFields, tk: CoreToolkit): UserDataOptions {
  return {
    defaultCountryCode: toText(fields.defaultCountryCode, tk),
    userIdAsExternalId: fields.userIdAsExternalId !== false,
  };
}
