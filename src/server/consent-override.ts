// Consent set on the debug page for the next events: each Consent Mode signal can be left as the
// page sends it, or forced to granted or denied. The server writes the result into the event data
// the way the GA4 client would have produced it from the hit (`x-ga-gcs`, `x-ga-gcd`), and into a
// `consent_state` object when the event data has one (a client other than GA4's), so every
// template reads the changed state from where it normally looks.
//
// The encodings are GA4's (docs/contracts/ga4-event-data.md):
// - gcs "G1xy": x = ad_storage, y = analytics_storage; '1' granted, '0' denied, '-' not set.
// - gcd: one character per signal at positions 2 (ad_storage), 4 (analytics_storage),
//   6 (ad_user_data) and 8 (ad_personalization), a base64url digit v (alphabet 0-9 a-z A-Z - _)
//   with v = 16 + 4 * default + update, where default and update are 1 not set, 2 denied, 3 granted
//   ('l' = 21: neither set; 'n' = 23: updated to granted; 'm' = 22: updated to denied). The page's
//   default is kept and the forced value is written as its update, which is what the tags read.

export const CONSENT_SIGNALS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'] as const;
export type ConsentSignal = (typeof CONSENT_SIGNALS)[number];
export type ForcedConsent = Partial<Record<ConsentSignal, 'granted' | 'denied'>>;

const GCD_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const GCD_POSITION: Record<ConsentSignal, number> = { ad_storage: 2, analytics_storage: 4, ad_user_data: 6, ad_personalization: 8 };
const GCS_POSITION: Partial<Record<ConsentSignal, number>> = { ad_storage: 2, analytics_storage: 3 };
/** What gtag sends when no signal has a default or an update (the journeys' browser builds the same). */
const GCD_NOTHING_SET = '13l3l3l3l5l1';
const NOT_SET = 1;
const CODE: Record<'granted' | 'denied', number> = { denied: 2, granted: 3 };

/** Reads a change request `{signal: 'granted' | 'denied' | null}`; a signal set to null is no longer forced. */
export function parseConsentChange(body: unknown): { change: Partial<Record<ConsentSignal, 'granted' | 'denied' | null>> } | { error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'expected a JSON object such as {"ad_storage": "denied"}' };
  const change: Partial<Record<ConsentSignal, 'granted' | 'denied' | null>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!(CONSENT_SIGNALS as readonly string[]).includes(key)) return { error: `unknown consent signal "${key.slice(0, 40)}" (known: ${CONSENT_SIGNALS.join(', ')})` };
    if (value !== 'granted' && value !== 'denied' && value !== null) return { error: `${key}: expected "granted", "denied" or null (as the page sends it)` };
    change[key as ConsentSignal] = value;
  }
  return { change };
}

export function applyConsentChange(forced: ForcedConsent, change: Partial<Record<ConsentSignal, 'granted' | 'denied' | null>>): void {
  for (const signal of CONSENT_SIGNALS) {
    if (!(signal in change)) continue;
    const value = change[signal];
    if (value === null || value === undefined) delete forced[signal];
    else forced[signal] = value;
  }
}

/** "ad_storage denied, ad_user_data granted", or undefined when nothing is forced. */
export function describeForcedConsent(forced: ForcedConsent): string | undefined {
  const parts = CONSENT_SIGNALS.filter((signal) => forced[signal] !== undefined).map((signal) => `${signal} ${forced[signal]}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A copy of the event data with the forced signals written in; the original is not changed. */
export function withForcedConsent(eventData: Record<string, unknown>, forced: ForcedConsent): Record<string, unknown> {
  const signals = CONSENT_SIGNALS.filter((signal) => forced[signal] !== undefined);
  if (signals.length === 0) return eventData;
  const copy: Record<string, unknown> = { ...eventData };

  const gcs = typeof copy['x-ga-gcs'] === 'string' && /^G1[01-][01-]/.test(copy['x-ga-gcs'] as string) ? (copy['x-ga-gcs'] as string) : 'G1--';
  const gcsChars = gcs.split('');
  for (const signal of signals) {
    const at = GCS_POSITION[signal];
    if (at !== undefined) gcsChars[at] = forced[signal] === 'granted' ? '1' : '0';
  }
  copy['x-ga-gcs'] = gcsChars.join('');

  const sentGcd = typeof copy['x-ga-gcd'] === 'string' ? (copy['x-ga-gcd'] as string) : undefined;
  const gcdChars = (sentGcd !== undefined && sentGcd.length > 8 ? sentGcd : GCD_NOTHING_SET).split('');
  for (const signal of signals) {
    const at = GCD_POSITION[signal];
    const digit = GCD_ALPHABET.indexOf(gcdChars[at]);
    const byDefault = digit === -1 ? NOT_SET : Math.floor(digit / 4) % 4 || NOT_SET;
    gcdChars[at] = GCD_ALPHABET.charAt(16 + 4 * byDefault + CODE[forced[signal]!]);
  }
  copy['x-ga-gcd'] = gcdChars.join('');

  const state = copy.consent_state;
  if (state !== null && typeof state === 'object' && !Array.isArray(state)) {
    const changed: Record<string, unknown> = { ...(state as Record<string, unknown>) };
    for (const signal of signals) changed[signal] = forced[signal];
    copy.consent_state = changed;
  }
  return copy;
}
