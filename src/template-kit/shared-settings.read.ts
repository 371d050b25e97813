// The one reader of the shared settings (shared-settings.fields.ts builds the fields): the
// Countersign TikTok Settings variable turns its fields into a settings object, and every tag and
// variable with a "Settings variable" field merges that object into its own fields.
//
// Precedence, per setting: a field of the tag (or variable) set to a value wins; a field left at
// "As in the settings variable" (INHERIT, the default of every shared field but the TikTok event
// names, which have no default and must be chosen) takes the settings variable's value; without a
// settings variable (or when it gives something else) the built-in default applies, the one each
// "As in the settings variable" option names; for the event names there is none: they stay not
// chosen, and the tags send Current names with a warning (conversion.ts). Event name override rows
// of the tag are checked before the settings variable's rows. This is how GTM's own "Google tag:
// Event Settings" variable works with the parameters set on a tag.
import { CoreToolkit, PlainObject, isPlainObject } from '../core/toolkit';

/** The value of a shared SELECT or RADIO field that takes the settings variable's value. */
export const INHERIT = 'settings';

/** What a settings object says it is (a variable of another kind is not mistaken for one). */
export const SETTINGS_KIND = 'countersign-tiktok-settings';

export type SettingsContainer = 'server' | 'web';

/** The settings that must agree across the templates of a container, for deduplication and consent. */
export const SERVER_SETTING_KEYS = [
  'nameSet', 'unmappedPolicy', 'eventNameOverrides', 'transactionEventId',
  'consentMode', 'consentUnknownAs', 'adStorageConsent', 'adUserDataConsent', 'limitedDataUse', 'limitedDataUseKey',
];
export const WEB_SETTING_KEYS = ['nameSet', 'unmappedPolicy', 'eventNameOverrides', 'transactionEventId', 'consentMode', 'consentValue', 'limitedDataUse'];
export const SHARED_SETTING_KEYS: { [container: string]: string[] } = { server: SERVER_SETTING_KEYS, web: WEB_SETTING_KEYS };

/** The fields of a settings variable, and of a template that reads one. */
export interface SharedSettingsFields {
  settingsVariable?: unknown;
  nameSet?: unknown;
  unmappedPolicy?: unknown;
  eventNameOverrides?: unknown;
  transactionEventId?: unknown;
  consentMode?: unknown;
  consentUnknownAs?: unknown;
  adStorageConsent?: unknown;
  adUserDataConsent?: unknown;
  consentValue?: unknown;
  limitedDataUse?: unknown;
  limitedDataUseKey?: unknown;
}

/** A settings object from the values of one container's settings variable (undefined values left out). */
function settingsObject(values: PlainObject, container: SettingsContainer, tk: CoreToolkit): PlainObject {
  const settings: PlainObject = { kind: SETTINGS_KIND, version: 1, container: container };
  SHARED_SETTING_KEYS[container].forEach((key) => {
    if (values[key] !== undefined) settings[key] = values[key];
  });
  // A table is a list of rows; anything else (a variable that returned text) is no rows.
  if (tk.getType(settings.eventNameOverrides) !== 'array') settings.eventNameOverrides = [];
  return settings;
}

// One function per container, each reading exactly its variable's fields (GTM's editor and the
// linter see which fields a template reads).

/** The object the server container's Countersign TikTok Settings variable returns. */
export function serverSettingsObject(fields: SharedSettingsFields, tk: CoreToolkit): PlainObject {
  return settingsObject({
    nameSet: fields.nameSet, unmappedPolicy: fields.unmappedPolicy, eventNameOverrides: fields.eventNameOverrides,
    transactionEventId: fields.transactionEventId, consentMode: fields.consentMode, consentUnknownAs: fields.consentUnknownAs,
    adStorageConsent: fields.adStorageConsent, adUserDataConsent: fields.adUserDataConsent,
    limitedDataUse: fields.limitedDataUse, limitedDataUseKey: fields.limitedDataUseKey,
  }, 'server', tk);
}

/** The object the web container's Countersign TikTok Settings variable returns. */
export function webSettingsObject(fields: SharedSettingsFields, tk: CoreToolkit): PlainObject {
  return settingsObject({
    nameSet: fields.nameSet, unmappedPolicy: fields.unmappedPolicy, eventNameOverrides: fields.eventNameOverrides,
    transactionEventId: fields.transactionEventId, consentMode: fields.consentMode, consentValue: fields.consentValue,
    limitedDataUse: fields.limitedDataUse,
  }, 'web', tk);
}

/** Whether a field's own value leaves the setting to the settings variable. */
function inherits(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === INHERIT;
}

export interface AppliedSettings<T> {
  /** The template's fields with the shared settings merged in (every other field as it was). */
  fields: T;
  /** Why a configured settings variable was not used (for the template's log); no personal data. */
  note?: string;
}

/**
 * The template's fields with a settings variable merged in, by the precedence above, for the
 * settings `keys` the template reads (SERVER_SETTING_KEYS or WEB_SETTING_KEYS). `data` is read whole
 * (a copy is returned; GTM's `data` is not changed), with a for-in loop rather than Object.keys: a
 * sandbox API call copies its argument (Stape's gallery web tag copies objects with for-in too).
 * A settings object carries only its own container's settings (settingsObject), so a setting of
 * the other container stays unset.
 */
export function applySharedSettings<T extends SharedSettingsFields>(data: T, keys: string[], tk: CoreToolkit): AppliedSettings<T> {
  const own = data as unknown as PlainObject;
  const fields: PlainObject = {};
  for (const key in own) fields[key] = own[key];
  // Read as data.settingsVariable: the linter sees which fields a template reads through `data`.
  const value = data.settingsVariable;
  const usable = isPlainObject(value, tk) && value.kind === SETTINGS_KIND;
  const shared: PlainObject = usable ? (value as PlainObject) : {};
  keys.forEach((key) => {
    if (key === 'eventNameOverrides') {
      const settingRows = shared[key];
      // Rows are checked in order and the first match wins: the template's rows come first.
      if (tk.getType(settingRows) === 'array' && (settingRows as unknown[]).length > 0) {
        fields[key] = (tk.getType(own[key]) === 'array' ? (own[key] as unknown[]) : []).concat(settingRows as unknown[]);
      }
    } else if (inherits(own[key])) {
      fields[key] = shared[key];
    }
  });
  let note: string | undefined;
  if (!inherits(value) && !usable) {
    note = 'the Settings variable gave no Countersign TikTok Settings';
  }
  return { fields: fields as unknown as T, note: note };
}
