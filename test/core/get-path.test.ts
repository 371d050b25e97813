// getPath reads a property before it walks an object's keys (most keys asked for are absent). Its
// answers must stay those of the plain rule: an exact own key wins, else the dot path through own
// keys and array indices; inherited members (toString, constructor...) are never read.
import fc from 'fast-check';

import { PlainObject, getPath, hasKey, toNumber } from '../../src/core/toolkit';
import { tk } from './node-toolkit';

/** The rule written out without shortcuts: hasKey before every read. */
function referencePath(root: unknown, path: string): unknown {
  if (path.length === 0) return undefined;
  if (tk.getType(root) === 'object' && hasKey(root as PlainObject, path)) return (root as PlainObject)[path];
  let current: unknown = root;
  for (const key of path.split('.')) {
    const type = tk.getType(current);
    if (type === 'object') {
      if (!hasKey(current as PlainObject, key)) return undefined;
      current = (current as PlainObject)[key];
    } else if (type === 'array') {
      const index = toNumber(key, tk);
      const list = current as unknown[];
      if (index === undefined || Math.floor(index) !== index || index < 0 || index >= list.length) return undefined;
      current = list[index];
    } else {
      return undefined;
    }
  }
  return current;
}

const NAMES = ['a', 'b', '0', '1', 'a.b', 'b.0', 'constructor', 'toString', 'hasOwnProperty', 'length', '__proto__'];

/** Objects keyed by NAMES (defineProperty: `__proto__` is a plain own key), values undefined included. */
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(undefined, null, 0, '', 'x', 7),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 5 }).map((entries) => {
      const obj: PlainObject = {};
      for (const key of Object.keys(entries)) Object.defineProperty(obj, key, { value: entries[key], enumerable: true, writable: true, configurable: true });
      return obj;
    }),
  ),
})).node;

const paths = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

describe('getPath', () => {
  test('gives what the plain rule gives, for exact dotted keys, undefined values, arrays and inherited names', () => {
    fc.assert(fc.property(tree, paths, (root, path) => {
      expect(getPath(root, path, tk)).toBe(referencePath(root, path));
    }), { numRuns: 5000 });
  });

  test('an exact key wins over the path, also when it holds undefined', () => {
    expect(getPath({ 'a.b': 1, a: { b: 2 } }, 'a.b', tk)).toBe(1);
    expect(getPath({ 'a.b': undefined, a: { b: 2 } }, 'a.b', tk)).toBeUndefined();
    expect(getPath({ a: { b: 2 } }, 'a.b', tk)).toBe(2);
    expect(getPath({}, 'constructor', tk)).toBeUndefined();
    expect(getPath({ a: {} }, 'a.toString', tk)).toBeUndefined();
  });
});
