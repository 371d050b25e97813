// GA4 shapes that reach both the server (event data) and the web (data layer): the `user_data`
// object and an e-commerce object. Read here once for both input adapters (server-input.ts,
// web-input.ts). Shapes: https://developers.google.com/analytics/devguides/collection/ga4/ecommerce
// and docs/contracts/ga4-event-data.md.

import { CommerceInput, MatchKeyValues, emptyMatchKeys } from './event-model';
import { CoreToolkit, PlainObject, isPlainObject, toList } from './toolkit';

/** Keys of an e-commerce object (GA4 event parameters, or a client's nested `ecommerce`). */
export const COMMERCE_KEYS = ['items', 'value', 'currency', 'transaction_id'];

/** Whether `source` is an object carrying at least one e-commerce key. */
export function hasCommerce(source: unknown, tk: CoreToolkit): boolean {
  if (!isPlainObject(source, tk)) return false;
  // A for-in loop rather than tk.keys: an API call would copy the whole object (its items) first.
  for (const key in source) if (COMMERCE_KEYS.indexOf(key) !== -1) return true;
  return false;
}

/**
 * items, value, currency and transaction_id from ONE object: the order total comes with its own
 * items and currency, never mixed with another object's (a stale order's value, an item sum).
 */
export function commerceFrom(source: unknown, into: CommerceInput, tk: CoreToolkit): void {
  if (!isPlainObject(source, tk)) return;
  into.items = source.items;
  into.value = source.value;
  into.currency = source.currency;
  into.transactionId = source.transaction_id;
}

/** The first address of GA4 user_data.address (object, array, or "0"-keyed object). */
function firstAddress(userData: PlainObject, tk: CoreToolkit): PlainObject {
  const list = toList(userData.address, tk);
  for (let i = 0; i < list.length; i++) if (isPlainObject(list[i], tk)) return list[i] as PlainObject;
  return {};
}

/**
 * Match-key values of a GA4 `user_data` object, in both shapes (documented: email_address,
 * phone_number, address object; GA4 client: email, phone_number, address array) with the sha256_*
 * variants; plain values first, then hashed, then the first address.
 */
export function matchKeysFromUserData(value: unknown, tk: CoreToolkit): MatchKeyValues {
  if (!isPlainObject(value, tk)) return emptyMatchKeys();
  const ud = value;
  const address = firstAddress(ud, tk);
  return {
    email: [ud.email_address, ud.email, ud.sha256_email_address, ud.sha256_email],
    phone: [ud.phone_number, ud.phone, ud.sha256_phone_number, ud.sha256_phone],
    external_id: [ud.external_id, ud.sha256_external_id],
    first_name: [ud.first_name, ud.sha256_first_name, address.first_name, address.sha256_first_name],
    last_name: [ud.last_name, ud.sha256_last_name, address.last_name, address.sha256_last_name],
    zip_code: [ud.postal_code, ud.zip_code, ud.sha256_postal_code, address.postal_code, address.zip_code, address.sha256_postal_code],
    city: [address.city, ud.city],
    state: [address.region, address.state, ud.region],
    country: [address.country, ud.country],
  };
}
