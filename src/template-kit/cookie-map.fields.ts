// The forwarded cookie map option of the identity variables and the Cookie Keeper (Node side;
// cookie-map.read.ts reads it).
import type { TemplateParameter } from '../tpl/definition';

/** Checkbox: also read `cookieNames` from a cookie map forwarded in event data `cookies`. */
export function forwardedCookieParameter(cookieNames: string[]): TemplateParameter {
  const example = cookieNames.map((name) => '"' + name + '": "…"').join(', ');
  const header = cookieNames.map((name) => name + '=…').join('; ');
  return {
    type: 'CHECKBOX',
    name: 'readCookieMap',
    checkboxText: 'Also read ' + cookieNames.join(' and ') + ' from a cookie map forwarded in the event data key "cookies"',
    defaultValue: false,
    help: 'For clients that forward the browser\'s cookies in the event: <code>cookies</code> may be an object (<code>{' + example + '}</code>) or a Cookie header string (<code>a=1; ' + header + '</code>). Checked last, after the sources the Events API tag uses, so the two agree whenever the tag finds a value.',
  };
}
