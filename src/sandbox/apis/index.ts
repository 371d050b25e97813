// Entry point of the GTM API implementations used by the sandbox runtime.
//
// serverApis / webApis map an API name (what `require(name)` takes) to a factory building the host
// implementation for one run. createPermissionChecker turns a template's permission JSON into the
// checker every API asserts against before any effect.
//
// GTM behaviour that is undocumented and therefore chosen here (keep in sync with the code):
// - sendHttpRequest/sendHttpGet callback form on a transport failure or timeout: the callback
//   gets (0, {}, ''); the promise form rejects {reason: 'failed' | 'timed_out'}.
// - getRequestHeader for an absent header: '' in test mode (GTM's test page has no request and
//   published suites assert such values are defined), undefined in production.
// - logging 'debug': a run counts as debug when containerVersion.debugMode or previewMode is true,
//   or in test mode when neither is set; outside debug, logToConsole drops the line silently.
// - URL patterns: scheme + host (`*.` = the domain and its subdomains) + optional port; `*` in the
//   path matches anything; a pattern ending in `/` allows every path below; query/fragment ignored.
// - Key patterns (event data, dataLayer): `a.*` and `a` both allow `a` and everything below it.
// - set_cookies: secure 'secure' requires options.secure; session 'session' forbids max-age/expires,
//   'non_session' requires one; the domain is compared as passed ('auto' only matches '*'/'auto').
// - setCookie domain 'auto': server = eTLD+1 of the Host header (fallbackDomain, else no Domain);
//   web = eTLD+1 of the page URL. The eTLD list is a small built-in subset of the PSL.
// - createRegex returns null for RE2-unsupported syntax (look-around, back-references) and flags
//   other than g/i. isRequestMpv1/2 need no permission. getGoogleScript rejects offline.
// - setResponseBody with a non-utf8 encoding and setPixelResponse store the body as a latin1
//   (binary) string: send it with Buffer.from(body, 'latin1').
// - State shared across runs is keyed by objects the runs share (event data for messages and
//   event callbacks, the request for claimRequest, env.consent for consent listeners, env.window
//   for the injectScript cacheToken).

export { serverApis } from './server';
export { webApis } from './web';
export { createPermissionChecker, parsePermissions, permissionEntry, typed, keyMatchesPattern, KNOWN_PERMISSIONS } from './permissions';
export type { PermissionCheckerOptions } from './permissions';
export { fireEventCallbacks, isRequestClaimed } from './state';
export { updateWebConsent, dataLayerModel } from './web';
export { parseUrl, urlMatchesPattern, effectiveTldPlusOne } from './url';
export { isDebugRun, logText, CONTAINER_VERSION_DEFAULTS } from './common';
export { PermissionError } from './types';
export { RAW_ARGUMENTS, wantsRawArguments } from './raw';
export type { ApiHost, ApiTable, ApiFactory, PermissionChecker } from './types';
