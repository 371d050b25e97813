// The "Customer information (match keys)" group of the Events API tag and the User Data variable
// (Node side; user.read.ts reads it): the field names planUserData (src/core/user-data.ts) takes as
// overrides, in the tag's order, so both templates can be filled in the same way and compute the
// same hashes.
import type { TemplateParameter } from '../tpl/definition';
import { VARIABLE_OR } from './validators.fields';

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
