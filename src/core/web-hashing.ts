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
 * Hash every value and call `done` once with the lookup, after the last hash settles (a value given
 * twice is hashed twice, to the same entry). Values whose hash failed, or came back not as 64 hex
 * characters, are absent from the lookup. `done` runs synchronously when there is nothing to hash.
 */
export function hashAllAsync(values: string[], sha256Hex: AsyncSha256Hex, done: (lookup: HashLookup) => void): void {
  const lookup: HashLookup = {};
  // One more than the hashes: the last settle() below, so `done` waits for the loop to finish.
  let pending = values.length + 1;
  const settle = () => {
    pending--;
    if (pending === 0) done(lookup);
  };
  values.forEach((value) => {
    let settled = false;
    sha256Hex(value, (hex) => {
      // A second callback for the same value (against the contract) must not settle twice.
      if (settled) return;
      settled = true;
      if (typeof hex === 'string' && isSha256Hex(hex)) lookup[value] = hex.toLowerCase();
      settle();
    });
  });
  settle();
}
