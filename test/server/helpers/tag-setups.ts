// The two server tags the pipeline and browser tests run: the hand-written fixture (tests the
// server path on its own) and the project's TikTok Events API tag (templates/tiktok-events-api.tpl).

import * as path from 'path';
import { REPO_ROOT } from '../../../src/server/app';

export const PIXEL = 'C9Q2MJ3C77U4P674RPG0';

export interface TagSetup {
  label: string;
  tag: { name: string; template: string; fields: Record<string, unknown> };
  /** SameSite the tag gives the ttclid cookie with these fields. */
  sameSite: 'None' | 'Lax';
}

export const FIXTURE_TAG: TagSetup = {
  label: 'the fixture tag (test/fixtures/server)',
  tag: {
    name: 'TikTok (fixture)',
    template: path.join(REPO_ROOT, 'test/fixtures/server/tiktok-test-tag.tpl'),
    fields: { pixelId: PIXEL, accessToken: 'mock-token' },
  },
  sameSite: 'None',
};

export const PROJECT_TAG: TagSetup = {
  label: 'the project server tag (templates/tiktok-events-api.tpl)',
  tag: {
    name: 'TikTok Events API',
    template: path.join(REPO_ROOT, 'templates/tiktok-events-api.tpl'),
    // Every other field keeps the template's default, as a fresh tag in GTM would. Consent:
    // "send only with ad_storage consent", so a denied hit sends nothing.
    fields: { pixelId: PIXEL, accessToken: 'mock-token', consentMode: 'require_ad_storage' },
  },
  sameSite: 'Lax',
};
