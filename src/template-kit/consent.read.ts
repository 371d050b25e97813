// The one reader of the server templates' consent fields (consent.fields.ts builds them).
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
