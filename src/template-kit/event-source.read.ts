// The one reader of the "Event source" group (event-source.fields.ts builds it).
import { SourceSettings, normalizeEventSource } from '../core/event-source';
import { CoreToolkit } from '../core/toolkit';

export interface EventSourceFields {
  eventSource?: unknown;
  androidAppSourceId?: unknown;
  appId?: unknown;
  leadId?: unknown;
  leadEventSource?: unknown;
}

export interface EventSourceSettingsRead {
  settings: SourceSettings;
  /** The TikTok App ID for Android events (app source). */
  androidAppSourceId: unknown;
}

export function readEventSourceSettings(fields: EventSourceFields, _tk: CoreToolkit): EventSourceSettingsRead {
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
  };
}
