import { defineTemplate } from '../../tpl/definition';
import { TEMPLATE_BRAND, TEMPLATE_NAMES } from '../../template-kit/brand';
import { settingsVariableFields } from '../../template-kit/shared-settings.fields';

// One definition for both containers (src/template-kit/shared-settings.fields.ts): a variable
// template has one container context, so the server variant is tiktok-settings-server.
export default defineTemplate({
  info: {
    type: 'MACRO',
    displayName: TEMPLATE_NAMES.settings,
    description:
      'One place for the settings every Countersign TikTok tag and variable of a web container must share: event names, consent and Limited Data Use. Choose it in their Settings variable field, as GTM\'s "Google tag: Event Settings" variable works for Google tags.',
    categories: ['ADVERTISING', 'CONVERSIONS', 'UTILITY'],
    brand: TEMPLATE_BRAND,
    containerContexts: ['WEB'],
  },
  parameters: settingsVariableFields('web'),
  permissions: [],
  notes: 'Web variable. Returns the shared settings object (src/template-kit/shared-settings.read.ts); the tags and variables merge it into their own fields.',
});
