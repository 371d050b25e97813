// Event fields that the TikTok Pixel web tag and the TikTok Events API server tag both offer.
// TikTok deduplicates browser and server events only when pixel, event name and event_id agree, so
// both tags must offer the same choices (name set, mapping mode, overrides, event_id from
// transaction_id, content type, extra properties): one definition serves both. What differs on
// purpose (wording about the dataLayer vs. event data, help texts) is passed in by each template.
// No template.ts here: this folder only holds shared field builders (loaded in Node by the build).
import { TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS } from '../../core/event-names';
import { SelectItem, TemplateParameter } from '../../tpl/definition';

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

/** nameSet: current (Purchase, Lead) or legacy (CompletePayment, SubmitForm) event names. */
export function nameSetParameter(help: string): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'nameSet',
    displayName: 'TikTok event names',
    defaultValue: 'current',
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

/** transactionEventId: without an event ID, use <transaction_id>_<TikTok event> (both tags compute the same). */
export function transactionEventIdParameter(): TemplateParameter {
  return {
    type: 'CHECKBOX',
    name: 'transactionEventId',
    checkboxText: 'Without an event ID, use transaction_id + event name',
    defaultValue: true,
  };
}

/** contentType: product or product_group. */
export function contentTypeParameter(): TemplateParameter {
  return {
    type: 'SELECT',
    name: 'contentType',
    displayName: 'Content type',
    defaultValue: 'product',
    selectItems: [
      { value: 'product', displayValue: 'product (item_id is the catalog SKU id)' },
      { value: 'product_group', displayValue: 'product_group (item_id is the item group id)' },
    ],
  };
}

/** extraProperties table (name → value), applied last. */
export function extraPropertiesParameter(help: string): TemplateParameter {
  return {
    type: 'SIMPLE_TABLE',
    name: 'extraProperties',
    displayName: 'Extra or overriding properties',
    help,
    newRowButtonText: 'Add property',
    simpleTableColumns: [
      { name: 'name', displayName: 'Property', type: 'TEXT', isUnique: true, valueValidators: [{ type: 'NON_EMPTY' }], valueHint: 'shop_id' },
      { name: 'value', displayName: 'Value', type: 'TEXT' },
    ],
  };
}
