// The one reader of the consent fields (consent.fields.ts builds them): the server templates' mode,
// signals and overrides, and the web Pixel tag's consent mode.
import { ConsentSettings } from '../core/consent';

export interface ConsentFields {
  consentMode?: unknown;
  adStorageConsent?: unknown;
  adUserDataConsent?: unknown;
  consentUnknownAs?: unknown;
}

/** Mode minimize unless ignore / require_ad_storage is chosen; a template without the ad_user_data field reads undefined. */
export function readConsentSettings(fields: ConsentFields): ConsentSettings {
  const mode = fields.consentMode;
  return {
    mode: mode === 'ignore' || mode === 'require_ad_storage' ? mode : 'minimize',
    adStorageField: fields.adStorageConsent,
    adUserDataField: fields.adUserDataConsent,
    unknownAs: fields.consentUnknownAs === 'denied' ? 'denied' : 'granted',
  };
}

/** How the web Pixel tag manages consent. */
export type WebConsentMode = 'googleConsentMode' | 'manual' | 'none';

/**
 * Google Consent Mode unless "A consent value" (manual) or "Do not manage consent" (none) is chosen:
 * also when the field is left at "As in the settings variable" without a settings variable, as that
 * option says, and when the settings variable gives something the Pixel does not know.
 */
export function readWebConsentMode(fields: { consentMode?: unknown }): WebConsentMode {
  const mode = fields.consentMode;
  return mode === 'manual' || mode === 'none' ? mode : 'googleConsentMode';
}
