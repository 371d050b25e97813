// Google Consent Mode fields of the server templates (Node side; consent.read.ts reads them): the
// Events API tag, the server variables and the Cookie Keeper tag use the same names and values, so
// users can copy the tag's settings and every template takes the same decision (src/core/consent.ts).
//
// What happens when no signal arrives is asked on first open (consentUnknownParameter, outside the
// closed consent section): for visitors in the EU/EEA, Google requires their consent before
// advertising cookies and personal data are used, so "treat as granted" is a choice a user must see.
import type { RadioItem, TemplateParameter } from '../tpl/definition';
import { CONSENT_MODE_URL, EEA_CONSENT_URL, glossaryLink, link } from './help.fields';

const notIgnored = [{ paramName: 'consentMode', paramValue: 'ignore', type: 'NOT_EQUALS' as const }];

/** The consent mode radio's "ignore" choice, worded alike in every template. */
export const IGNORE_CONSENT_ITEM: RadioItem = { value: 'ignore', displayValue: 'Ignore consent signals', help: 'Only when the trigger waits for consent.' };

/** What one mode does in a template (its help text says it for that template). */
export interface ConsentModeChoice {
  displayValue: string;
  help: string;
}

/** The consentMode radio: minimize (default), require_ad_storage, ignore. */
export function consentModeParameter(minimize: ConsentModeChoice, requireAdStorage: ConsentModeChoice): TemplateParameter {
  return {
    type: 'RADIO',
    name: 'consentMode',
    displayName: 'How consent is applied',
    defaultValue: 'minimize',
    help: 'Your consent banner\'s choices for advertising cookies (ad_storage) and personal data (ad_user_data), via Google\'s ' + glossaryLink('consent-mode', 'consent mode') + '.',
    radioItems: [
      { value: 'minimize', displayValue: minimize.displayValue, help: minimize.help },
      { value: 'require_ad_storage', displayValue: requireAdStorage.displayValue, help: requireAdStorage.help },
      IGNORE_CONSENT_ITEM,
    ],
  };
}

/**
 * The first-open choice for events without a consent signal. `deniedMeans` says what "treat as
 * denied" does in this template.
 */
export function consentUnknownParameter(deniedMeans: string): TemplateParameter {
  return {
    type: 'RADIO',
    name: 'consentUnknownAs',
    displayName: 'When no consent signal arrives',
    defaultValue: 'granted',
    enablingConditions: notIgnored,
    help: 'The visitor\'s choice in your consent banner, passed on by Google\'s ' + glossaryLink('consent-mode', 'consent mode') + ' (' + link(CONSENT_MODE_URL, 'Google\'s guide') + '). A page without a banner sends none.',
    radioItems: [
      {
        value: 'granted',
        displayValue: 'Treat as granted',
        help: 'What Google\'s tags do. In the EU/EEA consent must come first (' + link(EEA_CONSENT_URL, 'Google\'s EEA rules') + '): only if your banner always answers there.',
      },
      {
        value: 'denied',
        displayValue: 'Treat as denied',
        help: deniedMeans + ' Safe for EU/EEA visitors.',
      },
    ],
  };
}

/** The consent overrides, shown unless the mode is "ignore"; `withUserData` adds the personal-data one. */
export function consentOverrideParameters(withUserData: boolean): TemplateParameter[] {
  const fields: TemplateParameter[] = [
    {
      type: 'TEXT',
      name: 'adStorageConsent',
      displayName: 'Advertising cookies consent (optional)',
      help: 'A variable returning granted/denied or true/false; wins over the event\'s signal.',
      enablingConditions: notIgnored,
    },
  ];
  if (withUserData) {
    fields.push({
      type: 'TEXT',
      name: 'adUserDataConsent',
      displayName: 'Personal data consent (optional)',
      help: 'The same for personal data.',
      enablingConditions: notIgnored,
    });
  }
  return fields;
}

/**
 * The server variables' and the Cookie Keeper's consent fields: the first-open choice for events
 * without a signal, then a closed section with the mode and the overrides. `respectHelp` says what
 * "Respect consent" does for this template; `deniedMeans` what "treat as denied" does. (The Events
 * API tag words the modes for sending and adds Limited Data Use, so it builds its own section from
 * the same builders.)
 */
export function consentParameters(withUserData: boolean, respectHelp: string, deniedMeans: string): TemplateParameter[] {
  const mode = consentModeParameter(
    { displayValue: 'Respect consent', help: respectHelp },
    { displayValue: 'Only with consent to advertising cookies', help: 'Advertising cookies denied: nothing (as the Events API tag sends nothing).' },
  );
  return [
    consentUnknownParameter(deniedMeans),
    {
      type: 'GROUP',
      name: 'consentGroup',
      displayName: 'Consent (use the same settings as your Countersign TikTok Events API tag)',
      groupStyle: 'ZIPPY_CLOSED',
      subParams: [mode as TemplateParameter].concat(consentOverrideParameters(withUserData)),
    },
  ];
}
