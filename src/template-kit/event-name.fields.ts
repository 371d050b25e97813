// Event-name fields offered by both the TikTok Pixel web tag and the TikTok Events API server tag
// (Node side: loaded by template.ts files). TikTok deduplicates a browser and a server event only
// when pixel, event name and event_id agree, so both tags offer the same choices with the same field
// names; event-name.read.ts reads them. What differs on purpose (wording about the dataLayer vs.
// event data) is passed in by each template.
import { TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS } from '../core/event-names';
import type { SelectItem, TemplateParameter } from '../tpl/definition';
import { inheritItem } from './inherit.fields';

const onlyInMappedMode = () => [{ paramName: 'eventMode', paramValue: 'mapped', type: 'EQUALS' as const }];

/** Fixed-event dropdown: current names first, then Pageview, then the legacy-only names. */
export function fixedEventItems(pageviewDisplayValue: string): SelectItem[] {
  return TIKTOK_CURRENT_EVENTS.map((name) => ({ value: name, displayValue: name }))
    .concat([{ value: 'Pageview', displayValue: pageviewDisplayValue }])
    .concat(
      TIKTOK_LEGACY_EVENTS.filter((name) => TIKTOK_CURRENT_EVENTS.indexOf(name) === -1).map((name) => ({
        value: name,
        displayValue: name + ' (legacy)',
      })),
    );
}

/** eventMode radio: mapped from the incoming event, or one fixed event (fixedEvent). */
export function eventModeParameter(wording: {
  mappedDisplayValue: string;
  mappedHelp: string;
  pageviewDisplayValue: string;
}): TemplateParameter {
  return {
    type: 'RADIO',
    name: 'eventMode',
    displayName: 'Event name',
    defaultValue: 'mapped',
    radioItems: [
      {
        value: 'mapped',
        displayValue: wording.mappedDisplayValue,
        help: wording.mappedHelp,
      },
      {
        value: 'fixed',
        displayValue: 'Always send one event',
        subParams: [
          {
            type: 'SELECT',
            name: 'fixedEvent',
            displayName: 'TikTok event',
            macrosInSelect: true,
            selectItems: fixedEventItems(wording.pageviewDisplayValue),
            defaultValue: 'Purchase',
            help: 'A TikTok event (legacy: names TikTok renamed in 2025) or a variable; a name TikTok does not know is reported, not used for ads.',
          },
        ],
      },
    ],
  };
}

/**
 * nameSet: current (Purchase, Lead) or legacy (CompletePayment, SubmitForm) event names. No default:
 * TikTok counts a CompletePayment and a Purchase for the same order twice (docs/contracts/tiktok-dedup.md,
 * rule 2), and which one the other side sends (TikTok's own templates: legacy; ours and Stape's web
 * tag: current) is something only the user knows, so GTM asks for the choice when the tag, variable
 * or settings variable is saved, and a template run without one sends current names and logs a
 * warning (conversion.ts). With `inherit` (tags and variables that read the settings variable), a
 * first choice "As in the settings variable" is added, also without being the default: a settings
 * variable missing or without a name set must not turn into a silent default either.
 */
export function nameSetParameter(otherTag: string, inherit: boolean): TemplateParameter {
  const items: SelectItem[] = [
    { value: 'current', displayValue: 'Current (Purchase, Lead)' },
    { value: 'legacy', displayValue: 'Legacy (CompletePayment, SubmitForm)' },
  ];
  const help = 'TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the ' + otherTag +
    ', or TikTok counts the event twice. No default: only you know which names the other side sends (TikTok\'s own templates send Legacy).';
  return {
    type: 'SELECT',
    name: 'nameSet',
    displayName: 'TikTok event names',
    notSetText: 'Choose the names the other side sends',
    valueValidators: [{ type: 'NON_EMPTY', errorMessage: 'Choose the TikTok event names: a browser and a server copy with different names are counted twice.' }],
    selectItems: inherit ? [inheritItem()].concat(items) : items,
    help: inherit ? help + ' "As in the settings variable" with no settings variable that names them: Current, and a warning in the log.' : help,
  };
}

/** unmappedPolicy: skip or send as a custom event when a name has no TikTok meaning. */
export function unmappedPolicyParameter(skipDisplayValue: string): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'unmappedPolicy',
    displayName: 'Events TikTok has no name for',
    defaultValue: 'skip',
    enablingConditions: onlyInMappedMode(),
    help: 'e.g. view_cart. A custom event (a name TikTok does not know) is reported, not used for ads.',
    selectItems: [
      { value: 'skip', displayValue: skipDisplayValue },
      { value: 'custom', displayValue: 'Send as a custom event with the same name' },
    ],
  };
}

/** eventNameOverrides table (from → to), checked before the built-in mapping. */
export function eventNameOverridesParameter(fromColumnDisplayName: string): TemplateParameter {
  return {
    type: 'SIMPLE_TABLE',
    name: 'eventNameOverrides',
    displayName: 'Event name overrides',
    enablingConditions: onlyInMappedMode(),
    help: 'Checked first, e.g. <code>view_cart</code> → <code>ViewContent</code>; the same rows in both tags. Letter case is corrected (<code>purchase</code> → <code>Purchase</code>).',
    newRowButtonText: 'Add override',
    simpleTableColumns: [
      { name: 'from', displayName: fromColumnDisplayName, type: 'TEXT', isUnique: true, valueValidators: [{ type: 'NON_EMPTY' }] },
      { name: 'to', displayName: 'TikTok event name', type: 'TEXT', valueValidators: [{ type: 'NON_EMPTY' }] },
    ],
  };
}
