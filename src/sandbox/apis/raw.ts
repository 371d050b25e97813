// A few APIs must act on the sandbox's own objects, not on copies: Object.freeze and
// Object.delete change the object the template holds, and testRegex advances the `lastIndex` of
// the template's own regex (GTM documents `g` regexes as stateful). Such host functions carry
// RAW_ARGUMENTS; a runtime that honours it passes the sandbox values uncopied and returns the
// result unchanged when it is one of those values (anything else it copies in as usual). A runtime
// that ignores the marker still gets correct results for every other use.

export const RAW_ARGUMENTS: unique symbol = Symbol.for('gtm-sandbox.rawArguments') as never;

export function rawArguments<T extends (...args: never[]) => unknown>(fn: T): T {
  Object.defineProperty(fn, RAW_ARGUMENTS, { value: true });
  return fn;
}

export function wantsRawArguments(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[RAW_ARGUMENTS] === true;
}

/** RegExp check that works across realms (a sandbox regex is not `instanceof` the host RegExp). */
export function isRegExp(value: unknown): value is RegExp {
  return Object.prototype.toString.call(value) === '[object RegExp]';
}

/**
 * An Arguments object (made by page code, e.g. the function createArgumentsQueue installs). GTM's
 * sandbox types have no Arguments type: such a value is a list, an array on the sandbox side.
 */
export function isArgumentsObject(value: unknown): value is ArrayLike<unknown> {
  return Object.prototype.toString.call(value) === '[object Arguments]';
}
