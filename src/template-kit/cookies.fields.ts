// Identity-cookie fields of the server templates that write ttclid/_ttp (Events API tag, Cookie
// Keeper) or derive a _ttp suffix from the cookie domain (Browser ID variable). Node side;
// cookies.read.ts reads them.
import type { CheckboxParameter, EnablingCondition, TemplateParameter } from '../tpl/definition';
import { MAX_COOKIE_DAYS } from './cookies.read';
import { COOKIE_DOMAIN_VALIDATOR, wholeNumberValidators } from './validators.fields';

/** Checkbox "store the URL's click ID in a ttclid cookie" with its lifetime in days. */
export function persistTtclidParameter(): TemplateParameter {
  return {
    type: 'CHECKBOX',
    name: 'persistTtclid',
    checkboxText: 'Store the click ID from the page address in a ttclid cookie',
    defaultValue: true,
    help: 'TikTok adds ttclid to the page address after a TikTok ad click; the cookie keeps it for later purchases.',
    subParams: [
      {
        type: 'TEXT', name: 'ttclidDays', displayName: 'ttclid cookie lifetime (days)', defaultValue: '30',
        enablingConditions: [{ paramName: 'persistTtclid', paramValue: true, type: 'EQUALS' }],
        valueValidators: wholeNumberValidators(1, MAX_COOKIE_DAYS),
        help: '1 to ' + MAX_COOKIE_DAYS + '. Match how long a TikTok ad click counts in TikTok Ads Manager.',
      },
    ],
  };
}

/** Checkbox "re-set _ttp from the server" with its lifetime in days, then `moreSubParams`. */
export function refreshTtpParameter(moreSubParams: TemplateParameter[]): TemplateParameter {
  const subParams: TemplateParameter[] = [{
    type: 'TEXT', name: 'ttpDays', displayName: '_ttp cookie lifetime (days)', defaultValue: '396',
    enablingConditions: [{ paramName: 'refreshTtp', paramValue: true, type: 'EQUALS' }],
    valueValidators: wholeNumberValidators(1, MAX_COOKIE_DAYS),
    help: '1 to ' + MAX_COOKIE_DAYS + '; TikTok keeps its browser ID 13 months.',
  }];
  return {
    type: 'CHECKBOX',
    name: 'refreshTtp',
    checkboxText: 'Re-set the _ttp cookie from the server (it then lasts longer in Safari)',
    defaultValue: true,
    help: '_ttp is TikTok\'s browser ID; Safari shortens cookies set by page scripts, not those set by the server.',
    subParams: subParams.concat(moreSubParams),
  };
}

/** Checkbox "create a _ttp when the visitor has none" (help and placement differ per template). */
export function generateTtpParameter(help: string, options: { enablingConditions?: EnablingCondition[]; subParams?: TemplateParameter[] } = {}): TemplateParameter {
  const parameter: CheckboxParameter = {
    type: 'CHECKBOX',
    name: 'generateTtp',
    checkboxText: 'Create a _ttp when the visitor has none',
    defaultValue: false,
  };
  if (options.enablingConditions !== undefined) parameter.enablingConditions = options.enablingConditions;
  parameter.help = help;
  if (options.subParams !== undefined) parameter.subParams = options.subParams;
  return parameter;
}

/** The domain the written cookies get (auto: the server container's domain). */
export function cookieDomainParameter(): TemplateParameter {
  return {
    type: 'TEXT',
    name: 'cookieDomain',
    displayName: 'Cookie domain',
    defaultValue: 'auto',
    help: '<code>auto</code>: your site\'s domain, from the server container\'s address; or e.g. <code>example.com</code>.',
    valueValidators: [COOKIE_DOMAIN_VALIDATOR],
  };
}

/** The SameSite attribute of the written cookies. */
export function cookieSameSiteParameter(): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'cookieSameSite',
    displayName: 'Cookie SameSite',
    defaultValue: 'Lax',
    help: 'Sending the cookies when another site links to yours: Lax on links (recommended), Strict never, None always.',
    selectItems: [
      { value: 'Lax', displayValue: 'Lax (recommended)' },
      { value: 'Strict', displayValue: 'Strict' },
      { value: 'None', displayValue: 'None' },
    ],
  };
}
