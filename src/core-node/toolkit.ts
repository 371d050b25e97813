// A Node implementation of CoreToolkit, mirroring the sandbox APIs' semantics (getType, makeNumber,
// makeString, decodeUriComponent -> undefined on bad input, JSON.parse -> undefined on bad input,
// sha256Sync hex). Used by the build (build/guide-tables.ts) and by the jest tests, which call the
// src/core functions outside the sandbox. Kept out of src/core because src/core must not import Node.
import { createHash } from 'node:crypto';
import type { CoreToolkit, ValueType } from '../core/toolkit';

export function sha256HexNode(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function nodeToolkit(options: { withSha256?: boolean } = {}): CoreToolkit {
  const tk: CoreToolkit = {
    getType(value: unknown): ValueType {
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'array';
      const t = typeof value;
      if (t === 'bigint' || t === 'symbol') return 'object';
      return t as ValueType;
    },
    makeNumber: (value: unknown) => Number(value),
    makeString: (value: unknown) => String(value),
    decodeUriComponent(value: string) {
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    },
    round: (n: number) => Math.round(n),
    floor: (n: number) => Math.floor(n),
    jsonParse(text: string) {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    },
    jsonStringify: (value: unknown) => JSON.stringify(value),
    keys: (value: object) => Object.keys(value),
  };
  if (options.withSha256 !== false) tk.sha256Hex = sha256HexNode;
  return tk;
}
