// Cookie parsing and serialisation shared by server (Set-Cookie headers) and web (document.cookie).

import type { ApiHost } from './types';
import { isPlainObject, requireString } from './common';

/** Parses a Cookie header / document.cookie string into name -> values (in order, raw). */
export function parseCookieString(header: string): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name === '') continue;
    const value = part.slice(index + 1).trim();
    const list = cookies.get(name) ?? [];
    list.push(value);
    cookies.set(name, list);
  }
  return cookies;
}

export function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const SAMESITE: Record<string, string> = { lax: 'Lax', strict: 'Strict', none: 'None' };

export interface CookieAttributes {
  domain?: string;
  path?: string;
  maxAge?: number;
  expires?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
}

/**
 * Reads GTM's setCookie options. `max-age` wins over `expires` (only one is emitted); `samesite`
 * is accepted in any case (and as `sameSite`, which the stape typings use).
 */
export function cookieAttributes(options: Record<string, unknown>, resolvedDomain: string | undefined): CookieAttributes {
  const attributes: CookieAttributes = {};
  if (resolvedDomain) attributes.domain = resolvedDomain;
  if (options.path !== undefined && options.path !== null) attributes.path = String(options.path);
  const maxAge = options['max-age'] ?? options.maxAge;
  if (maxAge !== undefined && maxAge !== null && maxAge !== '') {
    attributes.maxAge = Math.trunc(Number(maxAge));
  } else if (options.expires !== undefined && options.expires !== null && options.expires !== '') {
    const expires = options.expires;
    attributes.expires = typeof expires === 'number' ? new Date(expires).toUTCString() : String(expires);
  }
  if (options.secure === true) attributes.secure = true;
  if (options.httpOnly === true || options.httponly === true) attributes.httpOnly = true;
  const sameSite = options.samesite ?? options.sameSite ?? options.SameSite;
  if (typeof sameSite === 'string' && sameSite !== '') {
    attributes.sameSite = SAMESITE[sameSite.toLowerCase()] ?? sameSite;
  }
  return attributes;
}

/** `name=value; Domain=…; Path=…; Expires=…; Max-Age=…; Secure; HttpOnly; SameSite=…` */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${value}`];
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  if (attributes.path) parts.push(`Path=${attributes.path}`);
  if (attributes.expires) parts.push(`Expires=${attributes.expires}`);
  if (attributes.maxAge !== undefined && !Number.isNaN(attributes.maxAge)) parts.push(`Max-Age=${attributes.maxAge}`);
  if (attributes.secure) parts.push('Secure');
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.sameSite) parts.push(`SameSite=${attributes.sameSite}`);
  return parts.join('; ');
}

/** Encoding of cookie values: GTM URI-encodes them (encodeURIComponent) unless told not to. */
export function encodeCookieValue(value: string): string {
  return encodeURIComponent(value);
}

export interface CookieWrite {
  name: string;
  /** The value as written (URI-encoded unless the template asked not to). */
  written: string;
  attributes: CookieAttributes;
}

/**
 * The part of setCookie that server and web share: argument checks, the set_cookies permission
 * (before any effect), encoding, and the record entry. The caller says where the domain 'auto'
 * resolves to and whether the value is encoded (the flag's polarity differs between the contexts).
 */
export function recordCookieWrite(
  host: ApiHost,
  name: unknown,
  value: unknown,
  options: unknown,
  encoded: boolean,
  resolveDomain: (options: Record<string, unknown>) => string | undefined,
): CookieWrite {
  const cookieName = requireString('setCookie', 'name', name);
  const opts = isPlainObject(options) ? { ...options } : {};
  host.permissions.assert('set_cookies', cookieName, opts);
  const raw = value === undefined || value === null ? '' : String(value);
  const written = encoded ? encodeCookieValue(raw) : raw;
  const attributes = cookieAttributes(opts, resolveDomain(opts));
  const header = serializeCookie(cookieName, written, attributes);
  host.record.cookiesSet.push({ name: cookieName, value: raw, options: opts, encoded, header });
  return { name: cookieName, written, attributes };
}
