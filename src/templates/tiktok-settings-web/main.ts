// Countersign TikTok Settings (web container): the settings object the tags and variables read
// through their "Settings variable" field (src/template-kit/shared-settings.read.ts).

import { PlainObject } from '../../core/toolkit';
import { webSettingsObject } from '../../template-kit/shared-settings.read';
import { tk } from '../../template-kit/sandbox/toolkit';

export function main(): PlainObject {
  return webSettingsObject(data, tk);
}
