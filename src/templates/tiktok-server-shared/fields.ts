// Field and permission definitions shared by the TikTok server templates: the Events API tag, the
// server variables and the Cookie Keeper tag (Node side only: imported by template.ts files, never by
// sandboxed code). Not a template itself: the folder has no template.ts, so the build skips it.
//
// The fields keep the Events API tag's names and values so users can copy its settings, and every
// template then reads them alike and takes the same decisions through src/core (consent.ts,
// user-data.ts, cookies.ts). Help texts that describe what a template does with a value (sends it,
// returns it) stay with the template and are passed in.

import { CONSENT_EVENT_KEYS } from '../../core/server-identity';
import { PermissionSpec, RadioItem, TemplateBrand, TemplateParameter, ValueValidator } from '../../tpl/definition';

/** The brand of every template here; the thumbnail path is relative to a src/templates/<id>/ folder. */
export const TEMPLATE_BRAND: TemplateBrand = {
  id: 'brand_dummy', displayName: 'tiktok-gtm-templates', thumbnail: '../../../assets/brand-thumbnail.png',
};

/** Appended to a field's REGEX alternatives so a {{variable}} reference also validates. */
export const VARIABLE_OR = '|\\{\\{[^}]+\\}\\}';

/** Event-data keys src/core/consent.ts reads: the core's own list, so the permissions follow it. */
export const CONSENT_KEYS = CONSENT_EVENT_KEYS;
/** The event-data key of the optional forwarded cookie map. */
export const COOKIE_MAP_KEY = 'cookies';

const notIgnored = [{ paramName: 'consentMode', paramValue: 'ignore', type: 'NOT_EQUALS' as const }];

/** The consent mode radio's "ignore" choice, worded alike in every template. */
export const IGNORE_CONSENT_ITEM: RadioItem = { value: 'ignore', displayValue: 'Ignore consent signals', help: 'Only when consent is handled by the trigger.' };

/**
 * The consent overrides and the unknown-signal rule (src/core/consent.ts reads them), shown unless
 * the mode is "ignore"; `withUserData` adds the ad_user_data override.
 */
export function consentSignalParameters(withUserData: boolean): TemplateParameter[] {
  const fields: TemplateParameter[] = [
    {
      type: 'TEXT',
      name: 'adStorageConsent',
      displayName: 'ad_storage consent override (optional)',
      help: 'A variable from your consent platform returning granted/denied or true/false. Empty: read from the event (consent_state, then x-ga-gcs, then x-ga-gcd).',
      enablingConditions: notIgnored,
    },
  ];
  if (withUserData) {
    fields.push({
      type: 'TEXT',
      name: 'adUserDataConsent',
      displayName: 'ad_user_data consent override (optional)',
      help: 'Empty: read from the event (consent_state, then x-ga-gcd).',
      enablingConditions: notIgnored,
    });
  }
  fields.push({
    type: 'SELECT',
    name: 'consentUnknownAs',
    displayName: 'When the event carries no consent signal',
    defaultValue: 'granted',
    enablingConditions: notIgnored,
    selectItems: [
      { value: 'granted', displayValue: 'Treat as granted (what Google tags do)' },
      { value: 'denied', displayValue: 'Treat as denied' },
    ],
  });
  return fields;
}

/**
 * The server variables' and the Cookie Keeper's consent group: mode, then consentSignalParameters.
 * `respectHelp` says what "Respect consent" does for this template. (The Events API tag words the
 * modes for sending and adds Limited Data Use, so it builds its own group around the same fields.)
 */
export function consentParameters(withUserData: boolean, respectHelp: string): TemplateParameter[] {
  const mode: TemplateParameter = {
    type: 'RADIO',
    name: 'consentMode',
    displayName: 'Google Consent Mode (use the same setting as your TikTok Events API tag)',
    defaultValue: 'minimize',
    radioItems: [
      {
        value: 'minimize',
        displayValue: 'Respect consent',
        help: respectHelp,
      },
      {
        value: 'require_ad_storage',
        displayValue: 'Only with ad_storage consent',
        help: 'ad_storage denied: undefined (the Events API tag sends nothing in this mode).',
      },
      IGNORE_CONSENT_ITEM,
    ],
  };
  const fields: TemplateParameter[] = [mode];
  const subParams = fields.concat(consentSignalParameters(withUserData));
  return [{ type: 'GROUP', name: 'consentGroup', displayName: 'Consent', groupStyle: 'ZIPPY_CLOSED', subParams: subParams }];
}

/** Checkbox: also read `cookieNames` from a cookie map forwarded in event data `cookies`. */
export function forwardedCookieParameter(cookieNames: string[]): TemplateParameter {
  const example = cookieNames.map((name) => '"' + name + '": "…"').join(', ');
  const header = cookieNames.map((name) => name + '=…').join('; ');
  return {
    type: 'CHECKBOX',
    name: 'readCookieMap',
    checkboxText: 'Also read ' + cookieNames.join(' and ') + ' from a cookie map forwarded in the event data key "cookies"',
    defaultValue: false,
    help: 'For clients that forward the browser\'s cookies in the event: <code>cookies</code> may be an object (<code>{' + example + '}</code>) or a Cookie header string (<code>a=1; ' + header + '</code>). Checked last, after the sources the Events API tag uses, so the two agree whenever the tag finds a value.',
  };
}

/** get_cookies for exactly `cookieNames`. */
export function getCookiesPermission(cookieNames: string[]): PermissionSpec {
  return { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: cookieNames } };
}

/** read_event_data for exactly `keyPatterns` (a template reading only what it needs). */
export function readEventDataPermission(keyPatterns: string[]): PermissionSpec {
  return { publicId: 'read_event_data', params: { eventDataAccess: 'specific', keyPatterns: keyPatterns } };
}

/** read_event_data for exactly `keys` (+ consent keys and the cookie map), get_cookies for `cookieNames`. */
export function identityPermissions(cookieNames: string | string[], keys: string[]): PermissionSpec[] {
  const cookies = typeof cookieNames === 'string' ? [cookieNames] : cookieNames;
  return [readEventDataPermission(keys.concat(CONSENT_KEYS, [COOKIE_MAP_KEY])), getCookiesPermission(cookies)];
}

/**
 * set_cookies for the two cookies planIdentityCookies (src/core/cookies.ts) writes: path /, Secure,
 * persistent, any domain (the domain is a field).
 */
export const SET_IDENTITY_COOKIES_PERMISSION: PermissionSpec = {
  publicId: 'set_cookies',
  params: {
    allowedCookies: [
      { name: 'ttclid', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
      { name: '_ttp', domain: '*', path: '/', secure: 'secure', session: 'non_session' },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Cookie fields of the templates that write ttclid/_ttp (Events API tag, Cookie Keeper) or derive
// a _ttp suffix from the cookie domain (Browser ID variable).

/** The cookie domain field's check: auto, a domain, or a {{variable}}. */
export const COOKIE_DOMAIN_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*' + VARIABLE_OR + ')\\s*'],
  errorMessage: 'auto or a domain like example.com',
};

/** Checkbox "store the URL's click ID in a ttclid cookie" with its lifetime in days. */
export function persistTtclidParameter(): TemplateParameter {
  return {
    type: 'CHECKBOX',
    name: 'persistTtclid',
    checkboxText: 'Store the click ID from the URL in a first-party ttclid cookie',
    defaultValue: true,
    subParams: [
      {
        type: 'TEXT', name: 'ttclidDays', displayName: 'ttclid cookie lifetime (days)', defaultValue: '30',
        enablingConditions: [{ paramName: 'persistTtclid', paramValue: true, type: 'EQUALS' }],
        valueValidators: [{ type: 'POSITIVE_NUMBER' }],
        help: 'Match it to your click-through attribution window (TikTok Attribution Manager).',
      },
    ],
  };
}

/** Checkbox "re-set _ttp from the server" with its lifetime in days, then `moreSubParams`. */
export function refreshTtpParameter(moreSubParams: TemplateParameter[]): TemplateParameter {
  const subParams: TemplateParameter[] = [{
    type: 'TEXT', name: 'ttpDays', displayName: '_ttp cookie lifetime (days)', defaultValue: '396',
    enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }],
    valueValidators: [{ type: 'POSITIVE_NUMBER' }],
    help: 'TikTok states 13 months.',
  }];
  return {
    type: 'CHECKBOX',
    name: 'refreshTtp',
    checkboxText: 'Re-set the _ttp cookie from the server (extends its life where browsers cap script-set cookies)',
    defaultValue: true,
    subParams: subParams.concat(moreSubParams),
  };
}

/** The domain the written cookies get (auto: the server container's domain). */
export function cookieDomainParameter(): TemplateParameter {
  return {
    type: 'TEXT',
    name: 'cookieDomain',
    displayName: 'Cookie domain',
    defaultValue: 'auto',
    help: '<code>auto</code> uses the domain of the server container URL. Or type a domain such as <code>example.com</code>.',
    valueValidators: [COOKIE_DOMAIN_VALIDATOR],
  };
}

/** The SameSite attribute of the written cookies. */
export function cookieSameSiteParameter(): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'cookieSameSite',
    displayName: 'Cookie SameSite',
    defaultValue: 'Lax',
    selectItems: [
      { value: 'Lax', displayValue: 'Lax (recommended)' },
      { value: 'Strict', displayValue: 'Strict' },
      { value: 'None', displayValue: 'None' },
    ],
  };
}

/** One free-text match-key field of the customer information group. */
export function userField(name: string, displayName: string, help: string): TemplateParameter {
  return { type: 'TEXT', name: name, displayName: displayName, help: help };
}

/** The help texts of the customer information group that differ between templates. */
export interface UserGroupTexts {
  label: string;
  defaultCountryCodeHelp: string;
  cityHelp: string;
  stateHelp: string;
  countryHelp: string;
  ipHelp: string;
}

/**
 * The "Customer information (match keys)" group: the field names planUserData (src/core/user-data.ts)
 * takes as overrides, in the Events API tag's order, so the tag and the User Data variable can be
 * filled in the same way and compute the same hashes.
 */
export function userMatchKeyGroup(texts: UserGroupTexts): TemplateParameter {
  return {
    type: 'GROUP',
    name: 'userGroup',
    displayName: 'Customer information (match keys)',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      { type: 'LABEL', name: 'userLabel', displayName: texts.label },
      userField('userEmail', 'Email', 'Plain or SHA-256. Trimmed and lower-cased before hashing. A list (array) is accepted.'),
      userField('userPhone', 'Phone', 'Plain or SHA-256. Converted to E.164, e.g. <code>+49 151 1234-5678</code> → <code>+4915112345678</code>.'),
      {
        type: 'TEXT',
        name: 'defaultCountryCode',
        displayName: 'Default country calling code for national phone numbers',
        valueHint: '49',
        help: texts.defaultCountryCodeHelp,
        valueValidators: [{ type: 'REGEX', args: ['\\s*(\\+?[1-9][0-9]{0,2}' + VARIABLE_OR + ')?\\s*'], errorMessage: '1 to 3 digits, e.g. 49 or +1.' }],
      },
      userField('userExternalId', 'External ID', 'Your customer id. Trimmed (case kept) and hashed. Empty: the event\'s user_id is used when the box below is ticked.'),
      {
        type: 'CHECKBOX',
        name: 'userIdAsExternalId',
        checkboxText: 'Use the event\'s user_id as external ID',
        defaultValue: true,
      },
      userField('userFirstName', 'First name', 'Lower-cased, spaces removed, hashed.'),
      userField('userLastName', 'Last name', 'Lower-cased, spaces removed, hashed.'),
      userField('userZip', 'Zip / postal code', 'Lower-cased, spaces removed, hashed.'),
      userField('userCity', 'City', texts.cityHelp),
      userField('userState', 'State / region', texts.stateHelp),
      userField('userCountry', 'Country', texts.countryHelp),
      userField('userIp', 'IP address override', texts.ipHelp),
      userField('userAgent', 'User agent override', 'Default: the event\'s user_agent.'),
      userField('userLocale', 'Locale override', 'Default: the event\'s language (e.g. en-us → en-US).'),
    ],
  };
}
