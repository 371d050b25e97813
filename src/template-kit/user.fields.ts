// The "Customer information (match keys)" group of the Events API tag and the User Data variable
// (Node side; user.read.ts reads it): the field names planUserData (src/core/user-data.ts) takes as
// overrides, in the tag's order, so both templates can be filled in the same way and compute the
// same hashes.
import type { TemplateParameter } from '../tpl/definition';
import { COUNTRY_CALLING_CODE_VALIDATOR } from './validators.fields';

/** One free-text match-key field of the customer information group. */
export function userField(name: string, displayName: string, help: string): TemplateParameter {
  return { type: 'TEXT', name: name, displayName: displayName, help: help };
}

/** The help texts of the customer information group that differ between templates. */
export interface UserGroupTexts {
  label: string;
  /** "sent" (the tag) or "returned" (the variable). */
  verb: string;
}

export function userMatchKeyGroup(texts: UserGroupTexts): TemplateParameter {
  const scrambled = 'Scrambled (SHA-256).';
  const plainText = (what: string) => what + ' ' + texts.verb + ' lower-case, not scrambled (as TikTok asks).';
  return {
    type: 'GROUP',
    name: 'userGroup',
    displayName: 'Customer details for matching',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      { type: 'LABEL', name: 'userLabel', displayName: texts.label },
      userField('userEmail', 'Email', 'Plain or already scrambled (SHA-256); a list works too.'),
      userField('userPhone', 'Phone', 'In international format, e.g. +44 20 7946 0958; plain or already scrambled (SHA-256).'),
      {
        type: 'TEXT',
        name: 'defaultCountryCode',
        displayName: 'Country calling code for national numbers',
        valueHint: '49',
        help: 'For numbers without + or 00: with 49, 0151 1234567 becomes +49 151 1234567. Empty: left out.',
        valueValidators: [COUNTRY_CALLING_CODE_VALIDATOR],
      },
      userField('userExternalId', 'External ID', 'Your customer ID, scrambled (SHA-256). Empty: the event\'s user_id (a logged-in customer\'s ID).'),
      {
        type: 'CHECKBOX',
        name: 'userIdAsExternalId',
        checkboxText: 'Use the event\'s user_id as external ID',
        defaultValue: true,
        help: 'user_id: your site\'s ID of a logged-in customer, sent scrambled as your customer ID.',
      },
      userField('userFirstName', 'First name', scrambled),
      userField('userLastName', 'Last name', scrambled),
      userField('userZip', 'Zip / postal code', scrambled),
      userField('userCity', 'City', plainText('The city is')),
      userField('userState', 'State / region', plainText('The state is')),
      userField('userCountry', 'Country', 'Two-letter code, e.g. DE.'),
      userField('userIp', 'IP address override', 'Empty: the visitor\'s IP address.'),
      userField('userAgent', 'User agent override', 'Empty: the event\'s text that describes the browser.'),
      userField('userLocale', 'Locale override', 'Empty: the event\'s language.'),
    ],
  };
}
