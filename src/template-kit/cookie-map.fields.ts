// The forwarded cookie map option of the identity variables and the Cookie Keeper (Node side;
// cookie-map.read.ts reads it).
import type { TemplateParameter } from '../tpl/definition';

/** What each cookie is, in plain words, for the help text. */
const COOKIE_MEANING: { [name: string]: string } = {
  ttclid: 'ttclid is the click ID of a TikTok ad',
  _ttp: '_ttp is TikTok\'s browser ID',
};

/** Checkbox: also read `cookieNames` from a cookie map forwarded in event data `cookies`. */
export function forwardedCookieParameter(cookieNames: string[]): TemplateParameter {
  const example = cookieNames.map((name) => '"' + name + '": "…"').join(', ');
  const header = cookieNames.map((name) => name + '=…').join('; ');
  const meanings = cookieNames.map((name) => COOKIE_MEANING[name]).join('; ');
  return {
    type: 'CHECKBOX',
    name: 'readCookieMap',
    checkboxText: 'Also read ' + cookieNames.join(' and ') + ' from a cookie list sent with the event',
    defaultValue: false,
    help: meanings + '. For clients that forward the browser\'s cookies in the incoming event\'s <code>cookies</code> key (<code>{' + example + '}</code> or <code>a=1; ' + header + '</code>). Read last, so this agrees with the Events API tag.',
  };
}
