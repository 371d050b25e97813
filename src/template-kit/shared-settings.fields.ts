// The shared settings (Node side; shared-settings.read.ts reads them): the fields of the Countersign
// TikTok Settings variable, built once for both containers, the "Settings variable" field of the tags
// and variables that read it, and the "As in the settings variable" option their own shared fields
// get. Precedence: shared-settings.read.ts.
import type { TemplateParameter } from '../tpl/definition';
import { TEMPLATE_NAMES } from './brand';
import { consentModeParameter, consentOverrideParameters, consentUnknownParameter, limitedDataUseParameters, webConsentModeParameter, webLimitedDataUseParameter } from './consent.fields';
import { transactionEventIdParameter } from './event-id.fields';
import { nameSetParameter, eventNameOverridesParameter, unmappedPolicyParameter } from './event-name.fields';
import { SettingsContainer } from './shared-settings.read';
import { VARIABLE_OR } from './validators.fields';

/** The "Settings variable" field of a tag or variable (first open: it decides the shared settings). */
export function settingsVariableParameter(): TemplateParameter {
  return {
    type: 'TEXT',
    name: 'settingsVariable',
    displayName: 'Settings variable (optional)',
    valueHint: '{{' + TEMPLATE_NAMES.settings + '}}',
    help: 'A ' + TEMPLATE_NAMES.settings + ' variable sets event names, consent and Limited Data Use (US privacy laws) once per container; fields at "As in the settings variable" take its values.',
    valueValidators: [{ type: 'REGEX', args: ['\\s*(' + VARIABLE_OR.slice(1) + ')?\\s*'], errorMessage: 'Choose a variable, e.g. {{' + TEMPLATE_NAMES.settings + '}}.' }],
  };
}

/** A field without its enabling conditions (the settings variable has no event-name mode field). */
function unconditional(parameter: TemplateParameter): TemplateParameter {
  const copy = { ...parameter };
  delete copy.enablingConditions;
  return copy;
}

/** The fields of the Countersign TikTok Settings variable for one container. */
export function settingsVariableFields(container: SettingsContainer): TemplateParameter[] {
  const otherTag = container === 'server' ? TEMPLATE_NAMES.pixel + ' tag' : TEMPLATE_NAMES.eventsApi + ' tag';
  const names: TemplateParameter = {
    type: 'GROUP',
    name: 'eventNamesGroup',
    displayName: 'Event names and ID',
    groupStyle: 'NO_ZIPPY',
    subParams: [nameSetParameter(otherTag, false), transactionEventIdParameter(false)],
  };
  const more: TemplateParameter[] = [
    unconditional(unmappedPolicyParameter(container === 'server' ? 'Do not send (logged)' : 'Do not send (the pixel is still loaded)')),
    unconditional(eventNameOverridesParameter(container === 'server' ? 'Incoming event name' : 'dataLayer event name')),
  ];
  const consent: TemplateParameter[] = [];
  if (container === 'server') {
    consent.push(
      consentUnknownParameter('No TikTok cookies, no personal data (nothing at all with "Send only with consent…").', false),
      consentModeParameter(
        { displayValue: 'Respect consent, send a reduced event when denied', help: 'Cookies denied: no TikTok cookies, only an ad click ID in the page address. Personal data denied: none sent.' },
        { displayValue: 'Send only with consent to advertising cookies', help: 'Cookies denied: nothing sent.' },
        false,
      ),
    );
    more.push(...consentOverrideParameters(true, false), ...limitedDataUseParameters(false));
  } else {
    consent.push(webConsentModeParameter(false));
    more.push(webLimitedDataUseParameter(false));
  }
  return [
    {
      type: 'LABEL',
      name: 'settingsLabel',
      displayName: 'Choose this variable in the Settings variable field of every Countersign TikTok tag and variable of this container. Use the same choices in the other container\'s settings variable.',
    },
    names,
    { type: 'GROUP', name: 'consentGroup', displayName: 'Consent', groupStyle: 'NO_ZIPPY', subParams: consent },
    { type: 'GROUP', name: 'moreGroup', displayName: 'More settings', groupStyle: 'ZIPPY_CLOSED', subParams: more },
  ];
}
