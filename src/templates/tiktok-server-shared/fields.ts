// Field and permission definitions shared by the TikTok server variables and the Cookie Keeper tag
// (Node side only: imported by template.ts files, never by sandboxed code). Not a template itself:
// the folder has no template.ts, so the build skips it.
//
// The consent fields use the Events API tag's names and values so users can copy its settings, and
// every template then takes the same consent decision through src/core/consent.ts.

import { PermissionSpec, TemplateParameter } from '../../tpl/definition';

/** Event-data keys src/core/consent.ts reads (CONSENT_EVENT_KEYS in src/core/server-identity.ts). */
export const CONSENT_KEYS = ['consent_state', 'x-ga-gcs', 'x-ga-gcd', 'x-ga-mp2-gcd'];
/** The event-data key of the optional forwarded cookie map. */
export const COOKIE_MAP_KEY = 'cookies';

const notIgnored = [{ paramName: 'consentMode', paramValue: 'ignore', type: 'NOT_EQUALS' as const }];

/**
 * Consent mode, overrides and the unknown-signal rule; `withUserData` adds the ad_user_data override.
 * `respectHelp` says what "Respect consent" does for this template.
 */
export function consentParameters(withUserData: boolean, respectHelp: string): TemplateParameter[] {
  const fields: TemplateParameter[] = [
    {
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
        { value: 'ignore', displayValue: 'Ignore consent signals', help: 'Only when consent is handled by the trigger.' },
      ],
    },
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
  return [{ type: 'GROUP', name: 'consentGroup', displayName: 'Consent', groupStyle: 'ZIPPY_CLOSED', subParams: fields }];
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

/** read_event_data for exactly `keys` (+ consent keys and the cookie map), get_cookies for `cookieNames`. */
export function identityPermissions(cookieNames: string | string[], keys: string[]): PermissionSpec[] {
  const cookies = typeof cookieNames === 'string' ? [cookieNames] : cookieNames;
  return [
    { publicId: 'read_event_data', params: { eventDataAccess: 'specific', keyPatterns: keys.concat(CONSENT_KEYS, [COOKIE_MAP_KEY]) } },
    { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: cookies } },
  ];
}
