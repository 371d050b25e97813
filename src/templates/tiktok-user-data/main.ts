// TikTok User Data variable: the `user` object the TikTok Events API tag would send (without ttp and
// ttclid, which have their own variables). Same core functions as the tag: planUserData ->
// stripPersonalData when ad_user_data is denied -> buildTikTokUserSync (sha256Sync). Raw personal data
// never leaves this variable: hashed keys are hashed, or dropped when they cannot be.

import { CONSENT_EVENT_KEYS, decideEventConsent } from '../../core/consent';
import { eventFromServerData } from '../../core/server-input';
import { PlainObject } from '../../core/toolkit';
import { TIKTOK_USER_KEYS, buildTikTokUserSync, planUserData, stripPersonalData } from '../../core/user-data';
import { readConsentSettings } from '../../template-kit/consent.read';
import { SERVER_SETTING_KEYS, applySharedSettings } from '../../template-kit/shared-settings.read';
import { USER_KEYS } from '../../template-kit/event-data.read';
import { readEventDataKeys } from '../../template-kit/sandbox/server';
import { tk } from '../../template-kit/sandbox/server-toolkit';
import { readUserFields, readUserOptions } from '../../template-kit/user.read';

export function main(): unknown {
  const event = eventFromServerData(readEventDataKeys(USER_KEYS.concat(CONSENT_EVENT_KEYS)), {}, tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  // In "only with ad_storage consent" mode the tag sends nothing: there is no user object to match.
  if (!consent.send) return undefined;
  let plan = planUserData(event.user, readUserFields(data), readUserOptions(data, tk), tk);
  if (!consent.sendPersonalData) plan = stripPersonalData(plan);
  const user = buildTikTokUserSync(plan, tk) as PlainObject;
  const outputKey = data.outputKey;
  if (typeof outputKey === 'string' && TIKTOK_USER_KEYS.indexOf(outputKey) !== -1) return user[outputKey];
  return tk.keys(user).length > 0 ? user : undefined;
}
