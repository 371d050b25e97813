// Event-name fields offered by both the TikTok Pixel web tag and the TikTok Events API server tag
// (Node side: loaded by template.ts files). TikTok deduplicates a browser and a server event only
// when pixel, event name and event_id agree, so both tags offer the same choices with the same field
// names; event-name.read.ts reads them. What differs on purpose (wording about the dataLayer vs.
// event data, help texts) is passed in by each template.
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
  fixedEventHelp: string;
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
            help: wording.fixedEventHelp,
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
 * tag: current) is something only the user knows, so GTM asks for the choice when the tag is saved
 * and a template run without one logs a warning (conversion.ts).
 */
export function nameSetParameter(help: string): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'nameSet',
    displayName: 'TikTok event names',
    notSetText: 'Choose the names the other side sends',
    valueValidators: [{ type: 'NON_EMPTY', errorMessage: 'Choose the TikTok event names: a browser and a server copy with different names are counted twice.' }],
    selectItems: [
      { value: 'current', displayValue: 'Current (Purchase, Lead)' },
      { value: 'legacy', displayValue: 'Legacy (CompletePayment, SubmitForm)' },
    ],
    help,
  };
}

/** unmappedPolicy: skip or send as a custom event when a name has no TikTok meaning. */
export function unmappedPolicyParameter(skipDisplayValue: string, help?: string): TemplateParameter {
  const parameter: TemplateParameter = {
    type: 'SELECT',
    name: 'unmappedPolicy',
    displayName: 'Events without a TikTok meaning',
    defaultValue: 'skip',
    enablingConditions: onlyInMappedMode(),
    selectItems: [
      { value: 'skip', displayValue: skipDisplayValue },
      { value: 'custom', displayValue: 'Send as a custom event with the same name' },
    ],
  };
  if (help !== undefined) parameter.help = help;
  return parameter;
}

/** eventNameOverrides table (from → to), checked before the built-in mapping. */
export function eventNameOverridesParameter(help: string, fromColumnDisplayName: string): TemplateParameter {
  return {
    type: 'SIMPLE_TABLE',
    name: 'eventNameOverrides',
    displayName: 'Event name overrides',
    enablingConditions: onlyInMappedMode(),
    help,
    newRowButtonText: 'Add override',
    simpleTableColumns: [
      { name: 'from', displayName: fromColumnDisplayName, type: 'TEXT', isUnique: true, valueValidators: [{ type: 'NON_EMPTY' }] },
      { name: 'to', displayName: 'TikTok event name', type: 'TEXT', valueValidators: [{ type: 'NON_EMPTY' }] },
    ],
  };
}
