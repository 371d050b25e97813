// Entry point of the GTM API implementations used by the sandbox runtime.
//
// serverApis / webApis map an API name (what `require(name)` takes) to a factory building the host
// implementation for one run. createPermissionChecker turns a template's permission JSON into the
// checker every API asserts against before any effect.

export { serverApis } from './server';
export { webApis } from './web';
export { createPermissionChecker, parsePermissions, permissionEntry, typed, keyMatchesPattern, KNOWN_PERMISSIONS } from './permissions';
export type { PermissionCheckerOptions } from './permissions';
export { fireEventCallbacks, isRequestClaimed } from './state';
export { updateWebConsent, dataLayerModel } from './web';
export { parseUrl, urlMatchesPattern, effectiveTldPlusOne } from './url';
export { isDebugRun, logText, CONTAINER_VERSION_DEFAULTS } from './common';
export { PermissionError } from './types';
export type { ApiHost, ApiTable, ApiFactory, PermissionChecker } from './types';
