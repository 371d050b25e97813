// Google Consent Mode fields of the server templates (Node side; consent.read.ts reads them): the
// Events API tag, the server variables and the Cookie Keeper tag use the same names and values, so
// users can copy the tag's settings and every template takes the same decision (src/core/consent.ts).
import type { RadioItem, TemplateParameter } from '../tpl/definition';

const notIgnored = [{ paramName: 'consentMode', paramValue: 'ignore', type: 'NOT_EQUALS' as const }];

/** The consent mode radio's "ignore" choice, worded alike in every template. */
export const IGNORE_CONSENT_ITEM: RadioItem = { value: 'ignore', displayValue: 'Ignore consent signals', help: 'Only when consent is handled by the trigger.' };

/** What one mode does in a template (its help text says it for that template). */
export interface ConsentModeChoice {
  displayValue: string;
  help: string;
}

/** The consentMode radio: minimize (default), require_ad_storage, ignore. */
export function consentModeParameter(displayName: string, minimize: ConsentModeChoice, requireAdStorage: ConsentModeChoice): TemplateParameter {
  return {
    type: 'RADIO',
    name: 'consentMode',
    displayName: displayName,
    defaultValue: 'minimize',
    radioItems: [
      { value: 'minimize', displayValue: minimize.displayValue, help: minimize.help },
      { value: 'require_ad_storage', displayValue: requireAdStorage.displayValue, help: requireAdStorage.help },
      IGNORE_CONSENT_ITEM,
    ],
  };
}

/**
 * The consent overrides and the unknown-signal rule, shown unless the mode is "ignore";
 * `withUserData` adds the ad_user_data override.
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
 * modes for sending and adds Limited Data Use, so it builds its own group from the same builders.)
 */
export function consentParameters(withUserData: boolean, respectHelp: string): TemplateParameter[] {
  const mode = consentModeParameter(
    'Google Consent Mode (use the same setting as your Countersign TikTok Events API tag)',
    { displayValue: 'Respect consent', help: respectHelp },
    { displayValue: 'Only with ad_storage consent', help: 'ad_storage denied: undefined (the Events API tag sends nothing in this mode).' },
  );
  const fields: TemplateParameter[] = [mode];
  const subParams = fields.concat(consentSignalParameters(withUserData));
  return [{ type: 'GROUP', name: 'consentGroup', displayName: 'Consent', groupStyle: 'ZIPPY_CLOSED', subParams: subParams }];
}
