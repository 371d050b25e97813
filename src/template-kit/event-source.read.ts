// The one reader of the "Event source and more pixels" group (event-source.fields.ts builds it).
import { DestinationRow, SourceSettings, normalizeEventSource } from '../core/event-source';
import { CoreToolkit } from '../core/toolkit';
import { tableRows } from './tables.read';

export interface EventSourceFields {
  eventSource?: unknown;
  androidAppSourceId?: unknown;
  appId?: unknown;
  leadId?: unknown;
  leadEventSource?: unknown;
  moreDestinations?: unknown;
}

export interface EventSourceSettingsRead {
  settings: SourceSettings;
  /** The TikTok App ID for Android events (app source). */
  androidAppSourceId: unknown;
  rows: DestinationRow[];
}

export function readEventSourceSettings(fields: EventSourceFields, tk: CoreToolkit): EventSourceSettingsRead {
  const source = normalizeEventSource(fields.eventSource);
  const settings: SourceSettings = { source: source };
  if (source === 'app') settings.appId = fields.appId;
  if (source === 'crm') {
    settings.leadId = fields.leadId;
    settings.leadEventSource = fields.leadEventSource;
  }
  return {
    settings: settings,
    androidAppSourceId: source === 'app' ? fields.androidAppSourceId : undefined,
    rows: tableRows(fields.moreDestinations, tk).map((row) => ({ id: row.destinationId, token: row.destinationToken })),
  };
}
