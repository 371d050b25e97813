// assertThat's matchers (Truth-style, as GTM's test API documents them), on host copies of the
// sandbox values. `raw` values are the sandbox values themselves (for strict equality).

export interface MatcherInput {
  actual: unknown;
  rawActual: unknown;
  expected: unknown[];
  rawExpected: unknown[];
}

/**
 * A list: an array, or an Arguments object (GTM's types have none; inside the sandbox `arguments` is
 * an array already, src/sandbox/instrument.ts, but page code can hand one over).
 */
function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || Object.prototype.toString.call(value) === '[object Arguments]';
}

const listItems = (value: ArrayLike<unknown>): unknown[] => Array.from(value);

/** Returns undefined when the assertion holds, else what went wrong. */
export type Matcher = (input: MatcherInput) => string | undefined;

/** Deep equality for data; functions (and other non-data values) by reference; NaN equals NaN. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (isList(a) !== isList(b)) return false;
  if (isList(a) && isList(b)) {
    if (a.length !== b.length) return false;
    return listItems(a).every((item, i) => deepEqual(item, b[i]));
  }
  if (a instanceof RegExp || b instanceof RegExp) {
    return a instanceof RegExp && b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  }
  // Keys holding undefined count as absent (JSON-like data equality).
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** A readable rendering of a value in failure messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const seen = new WeakSet<object>();
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (v === undefined) return '<undefined>';
      if (typeof v === 'function') return '[function]';
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (v !== null && typeof v === 'object') {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}

const typeOf = (value: unknown): string => (value === null ? 'null' : isList(value) ? 'array' : typeof value);

function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string' || isList(value)) return value.length;
  return undefined;
}

function check(ok: boolean, failure: () => string): string | undefined {
  return ok ? undefined : failure();
}

function contains(container: unknown, element: unknown): boolean {
  if (typeof container === 'string') return typeof element === 'string' && container.includes(element);
  if (Array.isArray(container)) return container.some((item) => deepEqual(item, element));
  return false;
}

/** Multiset equality of array elements (any order). */
function sameElements(actual: unknown[], expected: unknown[]): boolean {
  if (actual.length !== expected.length) return false;
  const remaining = [...expected];
  for (const item of actual) {
    const index = remaining.findIndex((candidate) => deepEqual(item, candidate));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}

function requireContainer(name: string, actual: unknown): string | undefined {
  if (typeof actual === 'string' || Array.isArray(actual)) return undefined;
  return `${name}: the subject must be an array or a string, got ${typeOf(actual)} ${show(actual)}`;
}

function compareNumbers(op: string, test: (a: number, b: number) => boolean): Matcher {
  return ({ actual, expected }) => {
    if (typeof actual !== 'number' || typeof expected[0] !== 'number') {
      return `expected ${show(actual)} to be ${op} ${show(expected[0])} (both must be numbers)`;
    }
    return check(test(actual, expected[0]), () => `expected ${show(actual)} to be ${op} ${show(expected[0])}`);
  };
}

export const MATCHERS: Record<string, Matcher> = {
  isEqualTo: ({ actual, expected }) =>
    check(deepEqual(actual, expected[0]), () => `expected ${show(actual)} to equal ${show(expected[0])}`),
  isNotEqualTo: ({ actual, expected }) =>
    check(!deepEqual(actual, expected[0]), () => `expected ${show(actual)} not to equal ${show(expected[0])}`),
  isStrictlyEqualTo: ({ actual, rawActual, expected, rawExpected }) =>
    check(rawActual === rawExpected[0] || (Number.isNaN(rawActual) && Number.isNaN(rawExpected[0])), () =>
      `expected ${show(actual)} to be strictly equal (===) to ${show(expected[0])}`,
    ),
  isNotStrictlyEqualTo: ({ actual, rawActual, expected, rawExpected }) =>
    check(rawActual !== rawExpected[0], () => `expected ${show(actual)} not to be strictly equal (===) to ${show(expected[0])}`),
  isDefined: ({ actual }) => check(actual !== undefined, () => 'expected a defined value, got undefined'),
  isUndefined: ({ actual }) => check(actual === undefined, () => `expected undefined, got ${show(actual)}`),
  isNull: ({ actual }) => check(actual === null, () => `expected null, got ${show(actual)}`),
  isNotNull: ({ actual }) => check(actual !== null, () => 'expected a value other than null, got null'),
  isTrue: ({ actual }) => check(actual === true, () => `expected true, got ${show(actual)}`),
  isFalse: ({ actual }) => check(actual === false, () => `expected false, got ${show(actual)}`),
  isTruthy: ({ actual }) => check(Boolean(actual), () => `expected a truthy value, got ${show(actual)}`),
  isFalsy: ({ actual }) => check(!actual, () => `expected a falsy value, got ${show(actual)}`),
  isNaN: ({ actual }) => check(typeof actual === 'number' && Number.isNaN(actual), () => `expected NaN, got ${show(actual)}`),
  isNotNaN: ({ actual }) => check(!(typeof actual === 'number' && Number.isNaN(actual)), () => 'expected a value other than NaN, got NaN'),
  isInfinity: ({ actual }) =>
    check(actual === Infinity || actual === -Infinity, () => `expected Infinity or -Infinity, got ${show(actual)}`),
  isNotInfinity: ({ actual }) =>
    check(actual !== Infinity && actual !== -Infinity, () => `expected a value other than Infinity, got ${show(actual)}`),
  isGreaterThan: compareNumbers('greater than', (a, b) => a > b),
  isGreaterThanOrEqualTo: compareNumbers('greater than or equal to', (a, b) => a >= b),
  isLessThan: compareNumbers('less than', (a, b) => a < b),
  isLessThanOrEqualTo: compareNumbers('less than or equal to', (a, b) => a <= b),
  isAnyOf: ({ actual, expected }) =>
    check(expected.some((candidate) => deepEqual(actual, candidate)), () => `expected ${show(actual)} to be any of ${show(expected)}`),
  isNoneOf: ({ actual, expected }) =>
    check(!expected.some((candidate) => deepEqual(actual, candidate)), () => `expected ${show(actual)} to be none of ${show(expected)}`),
  contains: ({ actual, expected }) => {
    const wrongType = requireContainer('contains', actual);
    if (wrongType) return wrongType;
    const missing = expected.filter((element) => !contains(actual, element));
    return check(missing.length === 0, () => `expected ${show(actual)} to contain ${missing.map(show).join(', ')}`);
  },
  doesNotContain: ({ actual, expected }) => {
    const wrongType = requireContainer('doesNotContain', actual);
    if (wrongType) return wrongType;
    const present = expected.filter((element) => contains(actual, element));
    return check(present.length === 0, () => `expected ${show(actual)} not to contain ${present.map(show).join(', ')}`);
  },
  containsExactly: ({ actual, expected }) => {
    const wrongType = requireContainer('containsExactly', actual);
    if (wrongType) return wrongType;
    const ok = Array.isArray(actual) ? sameElements(actual, expected) : actual === expected.join('');
    return check(ok, () => `expected ${show(actual)} to contain exactly ${show(expected)} (any order, nothing else)`);
  },
  doesNotContainExactly: ({ actual, expected }) => {
    const wrongType = requireContainer('doesNotContainExactly', actual);
    if (wrongType) return wrongType;
    const same = Array.isArray(actual) ? sameElements(actual, expected) : actual === expected.join('');
    return check(!same, () => `expected ${show(actual)} not to contain exactly ${show(expected)}`);
  },
  hasLength: ({ actual, expected }) => {
    const length = lengthOf(actual);
    if (length === undefined) return `hasLength: the subject must be an array or a string, got ${typeOf(actual)} ${show(actual)}`;
    return check(length === expected[0], () => `expected length ${show(expected[0])}, got ${length} (${show(actual)})`);
  },
  isEmpty: ({ actual }) => {
    const length = lengthOf(actual);
    if (length === undefined) return `isEmpty: the subject must be an array or a string, got ${typeOf(actual)} ${show(actual)}`;
    return check(length === 0, () => `expected an empty value, got ${show(actual)}`);
  },
  isNotEmpty: ({ actual }) => {
    const length = lengthOf(actual);
    if (length === undefined) return `isNotEmpty: the subject must be an array or a string, got ${typeOf(actual)} ${show(actual)}`;
    return check(length > 0, () => `expected a non-empty value, got ${show(actual)}`);
  },
  isArray: ({ actual }) => check(Array.isArray(actual), () => `expected an array, got ${typeOf(actual)} ${show(actual)}`),
  isBoolean: ({ actual }) => check(typeof actual === 'boolean', () => `expected a boolean, got ${typeOf(actual)} ${show(actual)}`),
  isFunction: ({ actual }) => check(typeof actual === 'function', () => `expected a function, got ${typeOf(actual)} ${show(actual)}`),
  isNumber: ({ actual }) => check(typeof actual === 'number', () => `expected a number, got ${typeOf(actual)} ${show(actual)}`),
  isObject: ({ actual }) =>
    check(typeOf(actual) === 'object', () => `expected an object, got ${typeOf(actual)} ${show(actual)}`),
  isString: ({ actual }) => check(typeof actual === 'string', () => `expected a string, got ${typeOf(actual)} ${show(actual)}`),
};
