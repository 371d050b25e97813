// The brand and the display names of every template of this repository. GTM shows the brand in the
// template gallery and in the container's template list; the Community Template Gallery's style
// guide asks for "Organization Name Template Name"
// (https://developers.google.com/tag-platform/tag-manager/templates/style), so every template's
// name starts with the project's name. The thumbnail path is relative to a src/templates/<id>/
// folder: the build embeds the file as a data URI.
import type { TemplateBrand } from '../tpl/definition';

/** The project's name: the browser Pixel and the server both "sign" one event_id, so TikTok counts the event once. */
export const BRAND_NAME = 'Countersign';

/** The GitHub owner of the gallery repositories and of this repository (gallery-metadata.yaml `owner`). */
export const GITHUB_OWNER = 'countersign-gtm';
/** This repository on GitHub and its published branch (gallery-metadata.yaml `sourceRepository`, `sourceBranch`). */
export const SOURCE_REPOSITORY = 'tiktok-gtm-templates';
export const SOURCE_BRANCH = 'main';

export const TEMPLATE_BRAND: TemplateBrand = {
  id: 'github.com_' + GITHUB_OWNER, displayName: BRAND_NAME, thumbnail: '../../../assets/brand-thumbnail.png',
};

/** Each template's display name, also used where one template's help names another. */
export const TEMPLATE_NAMES = {
  eventsApi: BRAND_NAME + ' TikTok Events API',
  pixel: BRAND_NAME + ' TikTok Pixel',
  eventId: BRAND_NAME + ' TikTok Event ID',
  clickId: BRAND_NAME + ' TikTok Click ID',
  browserId: BRAND_NAME + ' TikTok Browser ID',
  userData: BRAND_NAME + ' TikTok User Data',
  cookieKeeper: BRAND_NAME + ' TikTok Cookie Keeper',
  settings: BRAND_NAME + ' TikTok Settings',
} as const;
