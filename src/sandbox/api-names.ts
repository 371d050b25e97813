// The API names GTM's `require` knows per container context (documented API pages). A template
// that requires any other name is refused when it is loaded; at run time (test code, mocks) an
// unknown name simply gives `undefined`, as GTM documents for unsupported built-ins.

import type { ContainerContext } from './environment';

const SHARED = [
  'JSON', 'Math', 'Object', 'callLater', 'decodeUri', 'decodeUriComponent', 'encodeUri', 'encodeUriComponent',
  'fromBase64', 'toBase64', 'generateRandom', 'getContainerVersion', 'getCookieValues', 'getTimestamp',
  'getTimestampMillis', 'getType', 'logToConsole', 'makeInteger', 'makeNumber', 'makeString', 'makeTableMap',
  'parseUrl', 'queryPermission', 'setCookie', 'sha256', 'addEventCallback',
];

const SERVER_ONLY = [
  'Promise', 'claimRequest', 'getRequestBody', 'getRequestHeader', 'getRequestMethod', 'getRequestPath',
  'getRequestQueryParameter', 'getRequestQueryParameters', 'getRequestQueryString', 'getRemoteAddress',
  'isRequestMpv1', 'isRequestMpv2', 'extractEventsFromMpv1', 'extractEventsFromMpv2', 'runContainer',
  'returnResponse', 'setResponseStatus', 'setResponseHeader', 'setResponseBody', 'setPixelResponse',
  'sendPixelFromBrowser', 'getAllEventData', 'getEventData', 'getClientName', 'addMessageListener',
  'hasMessageListener', 'sendMessage', 'templateDataStorage', 'sendHttpRequest', 'sendHttpGet', 'getGoogleAuth',
  'getGoogleScript', 'sendEventToGoogleAnalytics', 'BigQuery', 'Firestore', 'hmacSha256',
  'computeEffectiveTldPlusOne', 'createRegex', 'testRegex', 'sha256Sync',
];

const WEB_ONLY = [
  'addConsentListener', 'aliasInWindow', 'callInWindow', 'copyFromDataLayer', 'copyFromWindow',
  'createArgumentsQueue', 'createQueue', 'getQueryParameters', 'getReferrerQueryParameters', 'getReferrerUrl',
  'getUrl', 'gtagSet', 'injectHiddenIframe', 'injectScript', 'isConsentGranted', 'setDefaultConsentState',
  'updateConsentState', 'localStorage', 'readAnalyticsStorage', 'readCharacterSet', 'readTitle', 'sendPixel',
  'setInWindow', 'templateStorage',
];

const KNOWN: Record<ContainerContext, Set<string>> = {
  SERVER: new Set([...SHARED, ...SERVER_ONLY]),
  WEB: new Set([...SHARED, ...WEB_ONLY]),
};

export function knownApiNames(context: ContainerContext): ReadonlySet<string> {
  return KNOWN[context];
}
