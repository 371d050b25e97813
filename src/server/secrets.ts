// Credentials never appear in anything the local server or `gtm-tpl run` shows: not in the mock's
// request log, not in the debug page, not in printed requests. Not even partly: a prefix and
// suffix of a token narrow it down, and logs get pasted into issues and chats.
//
// Two layers: headers and query parameters named like credentials are replaced by HIDDEN, and the
// values of configured fields named like credentials (e.g. a tag's `accessToken`) are cut out of
// every string shown, wherever a template may have put them (a log line, a URL, a body).

export const HIDDEN = '[hidden]';

/** Header, field and query-parameter names that hold credentials (compared without case, - and _). */
const SECRET_WORDS = ['token', 'secret', 'password', 'passwd', 'apikey', 'authorization', 'signature'];
const SECRET_NAMES = new Set(['auth']);

export function isSecretName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[-_.\s]/g, '');
  return SECRET_NAMES.has(compact) || SECRET_WORDS.some((word) => compact.includes(word));
}

/** A copy of a header map with credential values replaced (names lower-cased, lists joined). */
export function hideSecretHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : value;
    setOwn(out, lower, isSecretName(lower) && text !== '' ? HIDDEN : text);
  }
  return out;
}

/** The URL with the values of credential-named query parameters replaced; other text unchanged. */
export function hideSecretQueryValues(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const hash = url.indexOf('#', q);
  const end = hash === -1 ? url.length : hash;
  const pairs = url.slice(q + 1, end).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair;
    let name = pair.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // keep the raw name
    }
    return isSecretName(name) && eq < pair.length - 1 ? `${pair.slice(0, eq)}=${encodeURIComponent(HIDDEN)}` : pair;
  });
  return url.slice(0, q + 1) + pairs.join('&') + url.slice(end);
}

/** Values of credential-named fields (any depth) worth cutting out of output: 4+ characters. */
export function secretValuesOf(fields: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, name: string, depth: number) => {
    if (depth > 8) return;
    if (typeof value === 'string') {
      if (isSecretName(name) && value.trim().length >= 4) found.add(value.trim());
    } else if (Array.isArray(value)) {
      for (const entry of value) visit(entry, name, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) visit(entry, key, depth + 1);
    }
  };
  visit(fields, '', 0);
  // Longest first, so a secret containing another is replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** Every occurrence of every secret in `text` replaced by HIDDEN. */
export function hideSecretsInText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(HIDDEN);
  return out;
}

/**
 * A deep copy with credentials hidden: header-like maps keep their names, values of
 * credential-named keys become HIDDEN, and known secret values are cut out of every string.
 */
export function hideSecrets(value: unknown, secrets: readonly string[], key = '', depth = 0): unknown {
  if (typeof value === 'string') {
    if (key !== '' && isSecretName(key) && value !== '') return HIDDEN;
    return hideSecretsInText(value, secrets);
  }
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => hideSecrets(entry, secrets, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [childKey, child] of Object.entries(value)) setOwn(out, childKey, hideSecrets(child, secrets, childKey, depth + 1));
  return out;
}

/** Sets an own property even for the name `__proto__` (plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
