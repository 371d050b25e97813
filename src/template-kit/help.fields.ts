// Links the templates' help texts use (Node side). A help text that needs a technical word either
// explains it in the same text or links the word's entry in the user guide's glossary
// (docs/guide/glossary.md); test/templates/help-texts.test.ts checks every built template for it.
import { GITHUB_OWNER, SOURCE_BRANCH, SOURCE_REPOSITORY } from './brand';

/** The glossary page as GitHub shows it (GTM opens help links in a new tab). */
export const GLOSSARY_URL = 'https://github.com/' + GITHUB_OWNER + '/' + SOURCE_REPOSITORY + '/blob/' + SOURCE_BRANCH + '/docs/guide/glossary.md';

/** Google's consent mode overview, and its page on consent for visitors in the EEA. */
export const CONSENT_MODE_URL = 'https://developers.google.com/tag-platform/security/concepts/consent-mode';
export const EEA_CONSENT_URL = 'https://support.google.com/tagmanager/answer/13695607';

/** TikTok's pages the help texts rely on. */
export const TIKTOK_EVENTS_API_URL = 'https://ads.tiktok.com/help/article/events-api';
export const TIKTOK_DEDUPLICATION_URL = 'https://ads.tiktok.com/help/article/event-deduplication';
export const TIKTOK_STANDARD_EVENTS_URL = 'https://ads.tiktok.com/help/article/supported-standard-events';

/** A link to a glossary entry: `anchor` is the entry heading's GitHub anchor. */
export function glossaryLink(anchor: string, text: string): string {
  return link(GLOSSARY_URL + '#' + anchor, text);
}

/** An HTML link for a help text, opened in a new tab. */
export function link(url: string, text: string): string {
  return '<a href="' + url + '" target="_blank">' + text + '</a>';
}
