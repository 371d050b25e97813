// Event-name fields offered by both the TikTok Pixel web tag and the TikTok Events API server tag
// (Node side: loaded by template.ts files). TikTok deduplicates a browser and a server event only
// when pixel, event name and event_id agree, so both tags offer the same choices with the same field
// names; event-name.read.ts reads them. What differs on purpose (wording about the dataLayer vs.
// event data) is passed in by each template.
import { TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS } from '../core/event-names';
import type { SelectItem, TemplateParameter } from '../tpl/definition';

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

/** nameSet: current (Purchase, Lead) or legacy (CompletePayment, SubmitForm) event names. */
export function nameSetParameter(otherTag: string): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'nameSet',
    displayName: 'TikTok event names',
    defaultValue: 'current',
    selectItems: [
      { value: 'current', displayValue: 'Current (Purchase, Lead)' },
      { value: 'legacy', displayValue: 'Legacy (CompletePayment, SubmitForm)' },
    ],
    help: 'TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the ' + otherTag + ', or TikTok counts the event twice.',
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
