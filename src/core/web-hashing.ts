// Asynchronous hashing for the web, where the sandbox only has the callback-style `sha256` API
// (no sha256Sync). The web Pixel tag plans user data with the same core functions as the server tag
// (planUserData -> valuesToHash -> buildTikTokUser); this file only bridges the async gap: it hashes
// every normalized value first, then hands buildTikTokUser a synchronous lookup. So a value is
// normalized and hashed exactly as on the server, and a value whose hash failed is dropped (never
// sent in plain text), as buildTikTokUser promises.
//
// Pure: the hash function comes in as a capability.

import { isSha256Hex } from './toolkit';

/** Calls `done` exactly once with the lower-case hex SHA-256 of `input`, or undefined on failure. */
export type AsyncSha256Hex = (input: string, done: (hex: string | undefined) => void) => void;

/** normalized value -> lower-case hex digest. */
export interface HashLookup {
  [normalized: string]: string;
}

/**
 * Hash every value (duplicates once) and call `done` once with the lookup, after the last hash
 * settles. Values whose hash failed, or came back not as 64 hex characters, are absent from the
 * lookup. `done` runs synchronously when there is nothing to hash.
 */
export function hashAllAsync(values: string[], sha256Hex: AsyncSha256Hex, done: (lookup: HashLookup) => void): void {
  const unique: string[] = [];
  values.forEach((v) => {
    if (unique.indexOf(v) === -1) unique.push(v);
  });
  const lookup: HashLookup = {};
  let pending = unique.length;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(lookup);
  };
  if (pending === 0) {
    finish();
    return;
  }
  unique.forEach((value) => {
    let settled = false;
    sha256Hex(value, (hex) => {
      // A misbehaving hash function that answers twice must not end the wait early.
      if (settled) return;
      settled = true;
      if (typeof hex === 'string' && isSha256Hex(hex)) lookup[value] = hex.toLowerCase();
      pending--;
      if (pending === 0) finish();
    });
  });
}

/** A lookup as the function buildTikTokUser expects. */
export function lookupFunction(lookup: HashLookup): (normalized: string) => string | undefined {
  return (normalized: string) => (lookup.hasOwnProperty(normalized) ? lookup[normalized] : undefined);
}
