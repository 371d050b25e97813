// The precedence of the shared settings (src/template-kit/shared-settings.read.ts): a template's
// own field set to a value wins, "As in the settings variable" takes the variable's value, and
// without a settings variable the built-in default applies (the readers' default for undefined);
// the TikTok event names have none and stay not chosen.
import { nodeToolkit } from '../../src/core-node/toolkit';
import { INHERIT, SERVER_SETTING_KEYS, SETTINGS_KIND, WEB_SETTING_KEYS, applySharedSettings as applyWithKeys, webSettingsObject } from '../../src/template-kit/shared-settings.read';
import { readConsentSettings } from '../../src/template-kit/consent.read';
import { readEventIdSettings } from '../../src/template-kit/event-id.read';
import { readEventNameConfig } from '../../src/template-kit/event-name.read';

const tk = nodeToolkit();
// Server templates merge the server settings; the web settings too where a test reads them.
const ALL_KEYS = SERVER_SETTING_KEYS.concat(WEB_SETTING_KEYS);
const applySharedSettings = <T extends object>(data: T, toolkit: typeof tk) => applyWithKeys(data, ALL_KEYS, toolkit);
const serverSettings = { kind: SETTINGS_KIND, version: 1, container: 'server', nameSet: 'legacy', consentMode: 'require_ad_storage', consentUnknownAs: 'denied', adStorageConsent: 'denied', eventNameOverrides: [{ from: 'b', to: 'FromSettings' }], limitedDataUse: true };

describe('applySharedSettings', () => {
  test('fields left at "As in the settings variable" (or empty) take the variable\'s values', () => {
    const { fields, note } = applySharedSettings({ settingsVariable: serverSettings, nameSet: INHERIT, consentMode: INHERIT, consentUnknownAs: INHERIT, adStorageConsent: '', limitedDataUse: INHERIT, eventMode: 'mapped' }, tk);
    expect(fields).toMatchObject({ nameSet: 'legacy', consentMode: 'require_ad_storage', consentUnknownAs: 'denied', adStorageConsent: 'denied', limitedDataUse: true, eventMode: 'mapped' });
    expect(note).toBeUndefined();
    expect(readConsentSettings(fields)).toEqual({ mode: 'require_ad_storage', adStorageField: 'denied', adUserDataField: undefined, unknownAs: 'denied' });
  });

  test('a field set to a value wins, and the template\'s override rows are checked first', () => {
    const own = [{ from: 'b', to: 'FromTag' }];
    const { fields } = applySharedSettings({ settingsVariable: serverSettings, nameSet: 'current', consentMode: 'ignore', limitedDataUse: false, eventNameOverrides: own, eventMode: 'mapped' }, tk);
    expect(fields).toMatchObject({ nameSet: 'current', consentMode: 'ignore', limitedDataUse: false });
    expect(fields.eventNameOverrides).toEqual([{ from: 'b', to: 'FromTag' }, { from: 'b', to: 'FromSettings' }]);
    expect(readEventNameConfig(fields, tk).overrides?.[0]).toEqual({ from: 'b', to: 'FromTag' });
  });

  test('without a settings variable, "As in the settings variable" gives the built-in defaults, but no name set', () => {
    const { fields, note } = applySharedSettings({ nameSet: INHERIT, consentMode: INHERIT, consentUnknownAs: INHERIT, unmappedPolicy: INHERIT }, tk);
    expect(note).toBeUndefined();
    // The TikTok event names have no built-in default: not chosen (the tags send Current and warn).
    expect(readEventNameConfig(fields, tk)).toMatchObject({ nameSet: undefined, unmappedPolicy: 'skip' });
    expect(readConsentSettings(fields)).toMatchObject({ mode: 'minimize', unknownAs: 'granted' });
  });

  test('a settings variable without a name set leaves the names not chosen; one with a name set chooses them', () => {
    const withoutNames = { kind: SETTINGS_KIND, version: 1, container: 'web' };
    expect(readEventNameConfig(applySharedSettings({ settingsVariable: withoutNames, nameSet: INHERIT }, tk).fields, tk).nameSet).toBeUndefined();
    expect(readEventNameConfig(applySharedSettings({ settingsVariable: { ...withoutNames, nameSet: 'current' }, nameSet: INHERIT }, tk).fields, tk).nameSet).toBe('current');
    expect(readEventNameConfig(applySharedSettings({ settingsVariable: { ...withoutNames, nameSet: 'legacy' }, nameSet: INHERIT }, tk).fields, tk).nameSet).toBe('legacy');
  });

  test('something else in the Settings variable field is ignored, with a note', () => {
    for (const value of ['{{Typo}}', { nameSet: 'legacy' }, { kind: 'other', nameSet: 'legacy' }, 42, ['x']]) {
      const { fields, note } = applySharedSettings({ settingsVariable: value, nameSet: INHERIT }, tk);
      expect(fields.nameSet).toBeUndefined();
      expect(note).toContain('gave no Countersign TikTok Settings');
    }
  });

  test('a web settings object brings only web settings', () => {
    const web = webSettingsObject({ nameSet: 'legacy', consentMode: 'manual', consentValue: 'granted', limitedDataUse: 'event', consentUnknownAs: 'denied' }, tk);
    expect(web.consentUnknownAs).toBeUndefined();
    const { fields } = applySharedSettings({ settingsVariable: web, nameSet: INHERIT, consentMode: INHERIT, limitedDataUse: INHERIT, consentUnknownAs: INHERIT }, tk);
    expect(fields).toMatchObject({ nameSet: 'legacy', consentMode: 'manual', consentValue: 'granted', limitedDataUse: 'event' });
    expect(fields.consentUnknownAs).toBeUndefined();
  });

  test('GTM\'s data is not changed', () => {
    const data = { settingsVariable: serverSettings, nameSet: INHERIT };
    applySharedSettings(data, tk);
    expect(data.nameSet).toBe(INHERIT);
  });
});

describe('the drop-downs that were checkboxes', () => {
  test('"Without an event ID" takes the drop-down\'s text values and a saved checkbox\'s booleans', () => {
    expect([true, 'true', false, 'false', INHERIT, undefined].map((v) => readEventIdSettings({ transactionEventId: v }).useTransactionFallback)).toEqual([true, true, false, false, true, true]);
  });
});
