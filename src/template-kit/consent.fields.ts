// Google Consent Mode fields of the server templates (Node side; consent.read.ts reads them): the
// Events API tag, the server variables and the Cookie Keeper tag use the same names and values, so
// users can copy the tag's settings and every template takes the same decision (src/core/consent.ts).
//
// What happens when no signal arrives is asked on first open (consentUnknownParameter, outside the
// closed consent section): for visitors in the EU/EEA, Google requires their consent before
// advertising cookies and personal data are used, so "treat as granted" is a choice a user must see.
import type { RadioItem, TemplateParameter } from '../tpl/definition';
import { CONSENT_MODE_URL, EEA_CONSENT_URL, glossaryLink, link } from './help.fields';
import { inheriting } from './inherit.fields';

const notIgnored = [{ paramName: 'consentMode', paramValue: 'ignore', type: 'NOT_EQUALS' as const }];

/** The consent mode radio's "ignore" choice, worded alike in every template. */
export const IGNORE_CONSENT_ITEM: RadioItem = { value: 'ignore', displayValue: 'Ignore consent signals', help: 'Only when the trigger waits for consent.' };

/** What one mode does in a template (its help text says it for that template). */
export interface ConsentModeChoice {
  displayValue: string;
  help: string;
}

/** The consentMode radio: minimize (default), require_ad_storage, ignore; `inherit` adds "As in the settings variable". */
export function consentModeParameter(minimize: ConsentModeChoice, requireAdStorage: ConsentModeChoice, inherit: boolean): TemplateParameter {
  const parameter: TemplateParameter = {
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
  return inherit ? inheriting(parameter, minimize.displayValue.split(',')[0]) : parameter;
}

/**
 * The first-open choice for events without a consent signal. `deniedMeans` says what "treat as
 * denied" does in this template.
 */
export function consentUnknownParameter(deniedMeans: string, inherit: boolean): TemplateParameter {
  const parameter: TemplateParameter = {
    type: 'RADIO',
    name: 'consentUnknownAs',
    displayName: 'When no consent signal arrives',
    defaultValue: 'granted',
    enablingConditions: notIgnored,
    help: 'The visitor\'s choice in your consent banner (' + glossaryLink('consent-mode', 'consent mode') + ', ' + link(CONSENT_MODE_URL, 'Google\'s guide') + '). A page without a banner sends none.',
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
  return inherit ? inheriting(parameter, 'treat as granted') : parameter;
}

/**
 * The consent overrides, shown unless the mode is "ignore"; `withUserData` adds the personal-data
 * one. With `inherit`, an empty field takes the settings variable's.
 */
export function consentOverrideParameters(withUserData: boolean, inherit: boolean): TemplateParameter[] {
  const empty = inherit ? ' Empty: the settings variable\'s, else the event\'s.' : ' Empty: the event\'s.';
  const fields: TemplateParameter[] = [
    {
      type: 'TEXT',
      name: 'adStorageConsent',
      displayName: 'Advertising cookies consent (optional)',
      help: 'A variable giving granted/denied or true/false.' + empty,
      enablingConditions: notIgnored,
    },
  ];
  if (withUserData) {
    fields.push({
      type: 'TEXT',
      name: 'adUserDataConsent',
      displayName: 'Personal data consent (optional)',
      help: 'The same for personal data.' + empty,
      enablingConditions: notIgnored,
    });
  }
  return fields;
}

/** The server tag's Limited Data Use: for every event, or per event by a key of the incoming event. */
export function limitedDataUseParameters(inherit: boolean): TemplateParameter[] {
  const help = 'Asks TikTok to limit its use of the events, for US state privacy laws.';
  const every: TemplateParameter = inherit
    ? inheriting({
      type: 'SELECT',
      name: 'limitedDataUse',
      displayName: 'Limited Data Use',
      selectItems: [
        { value: 'false', displayValue: 'Only for events whose key below says so' },
        { value: 'true', displayValue: 'For every event' },
      ],
      help: help,
    }, 'only for events whose key says so')
    : { type: 'CHECKBOX', name: 'limitedDataUse', checkboxText: 'Limited Data Use for every event', defaultValue: false, help: help };
  const key: TemplateParameter = {
    type: 'TEXT',
    name: 'limitedDataUseKey',
    displayName: 'Event data key that switches on Limited Data Use per event',
    help: 'A key of the incoming event; true or 1 there limits that event (US privacy laws).' + (inherit ? ' Empty: the settings variable\'s, else limited_data_use.' : ''),
  };
  if (!inherit) key.defaultValue = 'limited_data_use';
  return [every, key];
}

/** The web Pixel tag's consent radio: Google Consent Mode, a consent value, or none. */
export function webConsentModeParameter(inherit: boolean): TemplateParameter {
  const parameter: TemplateParameter = {
    type: 'RADIO',
    name: 'consentMode',
    displayName: 'Consent',
    defaultValue: 'googleConsentMode',
    help: 'A page that sets no consent state counts as granted (GTM\'s rule): for visitors in the EU/EEA let your consent banner set denied by default (' + link(EEA_CONSENT_URL, 'Google\'s EEA rules') + ').',
    radioItems: [
      {
        value: 'googleConsentMode',
        displayValue: 'Google Consent Mode (advertising cookies)',
        help: 'Consent to advertising cookies (ad_storage) denied when the tag first runs: events wait in the pixel (<code>ttq.holdConsent</code>) until your consent banner grants it. Later changes grant or revoke it (' + glossaryLink('consent-mode', 'consent mode') + ').',
      },
      {
        value: 'manual',
        displayValue: 'A consent value (variable)',
        subParams: [
          {
            type: 'TEXT',
            name: 'consentValue',
            displayName: 'Consent granted?',
            valueHint: '{{CMP marketing consent}}',
            help: 'granted, true or 1: events are sent (<code>ttq.grantConsent</code>). Anything else: they wait, or a consent given earlier on this page is revoked.',
          },
        ],
      },
      { value: 'none', displayValue: 'Do not manage consent', help: 'Only when the trigger waits for consent.' },
    ],
  };
  return inherit ? inheriting(parameter, 'Google Consent Mode') : parameter;
}

/** The web Pixel tag's Limited Data Use: off, per pixel (load option) or per event. */
export function webLimitedDataUseParameter(inherit: boolean): TemplateParameter {
  const parameter: TemplateParameter = {
    type: 'SELECT',
    name: 'limitedDataUse',
    displayName: 'Limited Data Use',
    defaultValue: 'off',
    selectItems: [
      { value: 'off', displayValue: 'Off' },
      { value: 'pixel', displayValue: 'For every event of these pixels (load option)' },
      { value: 'event', displayValue: 'For this event only (event parameter)' },
    ],
    help: 'Asks TikTok to limit its use of the events, for US state privacy laws. The load option applies when this tag is the first to load the pixel.',
  };
  return inherit ? inheriting(parameter, 'off') : parameter;
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
    true,
  );
  return [
    consentUnknownParameter(deniedMeans, true),
    {
      type: 'GROUP',
      name: 'consentGroup',
      displayName: 'Consent (use the same settings as your Countersign TikTok Events API tag)',
      groupStyle: 'ZIPPY_CLOSED',
      subParams: [mode].concat(consentOverrideParameters(withUserData, true)),
    },
  ];
}
