// Personal data as it reaches a server container or a dataLayer, with every form a template could
// leak it in. Each token is distinctive (a random suffix of letters that are not hex digits, or a
// digit run long enough to be unique), so finding one of its forms in an output means it leaked and
// not that it coincided with a hash, a timestamp or a price.
import fc from 'fast-check';

export type PiiKind = 'email' | 'phone' | 'first_name' | 'last_name' | 'zip' | 'external_id';

export interface PiiToken {
  kind: PiiKind;
  /** The value exactly as it is placed into event data or a field. */
  raw: string | number;
  /** Text forms searched (case-insensitively) in every output: raw, trimmed, normalized. */
  forms: string[];
  /** Digit runs searched with digit boundaries (phones, numeric zips and ids). */
  digitRuns: string[];
}

/** Letters that cannot occur in a hex digest, so a suffix of them never matches inside a hash. */
const NON_HEX = 'ghjkmnpqrstvwxyz';
const suffix = fc.string({ unit: fc.constantFrom(...NON_HEX.split('')), minLength: 4, maxLength: 6 });
const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });
const spacing = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0');

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length >= 4))];
}

function textForms(raw: string, extra: string[] = []): string[] {
  const trimmed = raw.trim();
  const lower = trimmed.toLowerCase();
  const compact = lower.replace(/\s+/g, '');
  const letters = compact.replace(/[^\p{L}\p{N}@.+_-]/gu, '');
  return unique([raw, trimmed, lower, compact, letters, ...extra]);
}

const FIRST_NAMES = ['Jane', 'Zoë', 'José', 'Łukasz', 'María José', "D'Arcy", 'Nguyễn', '李', 'Анна', 'Renée', 'JOHN'];
const LAST_NAMES = ['Doe', 'Müller', "O'Brien", 'van der Berg', 'Smith-Jones', 'Østergård', '山田', 'Ибрагимов'];
const DOMAINS = ['example.com', 'Mail.Example.org', 'exämple.de', 'EXAMPLE.NET', 'sub.example.co.uk'];

export const emailToken: fc.Arbitrary<PiiToken> = fc
  .record({
    base: fc.constantFrom('jane', 'Jane.Doe', 'j_doe', 'ALICE', 'bob+tiktok', 'zoë'),
    tag: suffix,
    domain: fc.constantFrom(...DOMAINS),
    before: spacing,
    after: spacing,
    upper: fc.boolean(),
  })
  .map(({ base, tag, domain, before, after, upper }) => {
    const local = base + '.' + tag;
    const address = local + '@' + domain;
    const raw = before + (upper ? address.toUpperCase() : address) + after;
    return { kind: 'email' as const, raw, forms: textForms(raw, [local, local.toLowerCase()]), digitRuns: [] };
  });

/**
 * Phone numbers in the shapes people type them: E.164, 00-prefix, national, spaced, dashed, (+cc),
 * and with the national trunk prefix in brackets after the country code (`+44 (0)20 …`).
 */
export const phoneToken: fc.Arbitrary<PiiToken> = fc
  .record({
    cc: fc.constantFrom('1', '49', '44', '33', '81', '971'),
    first: fc.constantFrom(...'123456789'.split('')),
    rest: digits(8, 10),
    shape: fc.constantFrom('e164', '00', 'national', 'spaced', 'dashed', 'paren', 'trunk', 'plain'),
    before: spacing,
  })
  .map(({ cc, first, rest, shape, before }) => {
    const national = first + rest;
    const chunks = national.match(/.{1,3}/g) ?? [national];
    const raw =
      shape === 'e164' ? '+' + cc + national
      : shape === '00' ? '00' + cc + national
      : shape === 'national' ? '0' + national
      : shape === 'spaced' ? '+' + cc + ' ' + chunks.join(' ')
      : shape === 'dashed' ? '+' + cc + '-' + chunks.join('-')
      : shape === 'paren' ? '(+' + cc + ') ' + chunks.join(' ')
      : shape === 'trunk' ? '+' + cc + ' (0)' + chunks.join(' ')
      : cc + national;
    const full = cc + national;
    return { kind: 'phone' as const, raw: before + raw, forms: unique([before + raw, raw, '+' + full]), digitRuns: [full, national] };
  });

function nameToken(kind: 'first_name' | 'last_name', pool: string[]): fc.Arbitrary<PiiToken> {
  return fc.record({ base: fc.constantFrom(...pool), tag: suffix, before: spacing, upper: fc.boolean() }).map(({ base, tag, before, upper }) => {
    const name = base + tag;
    const raw = before + (upper ? name.toUpperCase() : name);
    return { kind, raw, forms: textForms(raw), digitRuns: [] };
  });
}

export const firstNameToken = nameToken('first_name', FIRST_NAMES);
export const lastNameToken = nameToken('last_name', LAST_NAMES);

/** Postal codes: 5-digit (9xxxx, so small prices and quantities never equal them), ZIP+4, UK/CA style. */
export const zipToken: fc.Arbitrary<PiiToken> = fc.oneof(
  digits(4, 4).map((d) => ({ kind: 'zip' as const, raw: '9' + d, forms: [], digitRuns: ['9' + d] })),
  fc.tuple(digits(4, 4), digits(4, 4)).map(([a, b]) => ({ kind: 'zip' as const, raw: '9' + a + '-' + b, forms: ['9' + a + '-' + b], digitRuns: ['9' + a, b, '9' + a + b] })),
  fc.tuple(fc.constantFrom('SW', 'K', 'M', 'GX', 'W'), digits(1, 2), suffix).map(([area, d, tag]) => {
    const raw = area + d + ' ' + d + tag.slice(0, 2).toUpperCase();
    return { kind: 'zip' as const, raw, forms: textForms(raw), digitRuns: [] };
  }),
);

export const externalIdToken: fc.Arbitrary<PiiToken> = fc.oneof(
  suffix.map((tag) => ({ kind: 'external_id' as const, raw: 'cust-' + tag, forms: ['cust-' + tag], digitRuns: [] })),
  fc.uuid().map((id) => ({ kind: 'external_id' as const, raw: id, forms: [id, id.toUpperCase()], digitRuns: [] })),
  digits(11, 11).map((d) => ({ kind: 'external_id' as const, raw: Number('7' + d), forms: [], digitRuns: ['7' + d] })),
  fc.tuple(suffix, spacing).map(([tag, pad]) => ({ kind: 'external_id' as const, raw: pad + 'User_' + tag.toUpperCase() + pad, forms: textForms('User_' + tag.toUpperCase()), digitRuns: [] })),
);

export const piiTokenOf: Record<PiiKind, fc.Arbitrary<PiiToken>> = {
  email: emailToken,
  phone: phoneToken,
  first_name: firstNameToken,
  last_name: lastNameToken,
  zip: zipToken,
  external_id: externalIdToken,
};

// ------------------------------------------------------------------------------------- search

const HEX_DIGEST = /\b[0-9a-f]{64}\b/gi;

/** Every string (and number, as text) inside a value, JSON-looking strings parsed and searched too. */
export function collectTexts(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 40) return out;
  if (typeof value === 'string') {
    out.push(value);
    const trimmed = value.trim();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && trimmed.length < 1_000_000) {
      try {
        collectTexts(JSON.parse(trimmed), out, depth + 1);
      } catch {
        // not JSON: the raw text is already collected
      }
    }
    if (value.includes('%')) {
      try {
        out.push(decodeURIComponent(value));
      } catch {
        // malformed escapes: keep the raw text only
      }
    }
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const entry of value) collectTexts(entry, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      out.push(key);
      collectTexts(entry, out, depth + 1);
    }
  }
  return out;
}

export interface Leak {
  token: PiiToken;
  form: string;
  where: string;
}

function searchOne(tokens: PiiToken[], haystack: string): { token: PiiToken; form: string } | undefined {
  const lower = haystack.replace(HEX_DIGEST, ' ').toLowerCase();
  for (const token of tokens) {
    for (const form of token.forms) {
      if (form.trim().length >= 4 && lower.includes(form.toLowerCase())) return { token, form };
    }
    for (const run of token.digitRuns) {
      if (run.length < 5 || !lower.includes(run)) continue;
      if (new RegExp('(?<![0-9])' + run + '(?![0-9])').test(lower)) return { token, form: run };
    }
  }
  return undefined;
}

/**
 * Finds a form of a token in the texts (case-insensitive; SHA-256 hex digests are cut out first,
 * digit runs must stand alone). All texts are searched at once; the place is looked up afterwards.
 */
export function findLeak(tokens: PiiToken[], texts: { where: string; text: string }[]): Leak | undefined {
  if (tokens.length === 0) return undefined;
  const found = searchOne(tokens, texts.map((t) => t.text).join('\n'));
  if (!found) return undefined;
  const place = texts.find((t) => searchOne([found.token], t.text));
  return { ...found, where: place?.where ?? 'output' };
}
