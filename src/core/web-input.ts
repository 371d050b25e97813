// The web data layer as GTM exposes it to a tag, read into the event the mapping works on.

/**
 * GTM's own page-load events mean "page view" for a tag fired on them (the GA4 Google tag sends
 * page_view on the same GTM event, so the server sees page_view). Everything else is taken as is.
 */
const PAGE_LOAD_EVENTS: string[] = ['gtm.js', 'gtm.dom', 'gtm.load', 'gtm.historyChange', 'gtm.historyChange-v2'];

export function webIncomingEventName(dataLayerEvent: unknown): unknown {
  if (typeof dataLayerEvent === 'string' && PAGE_LOAD_EVENTS.indexOf(dataLayerEvent) !== -1) return 'page_view';
  return dataLayerEvent;
}
