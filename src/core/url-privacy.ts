// Personal data in page URLs. Sites put it there more often than one would think: confirmation
// pages (`/confirm?email=jane.doe@example.com`), pre-filled forms (`?phone=%2B15551234567`),
// newsletter links, password-reset links. A page URL is sent to TikTok as `page.url` and
// `page.referrer`, so the server templates send it without:
// - the values of query parameters named like personal data (email, phone, name, address, zip,
//   birth date, user / customer / external id, password; PERSONAL_NAMES / PERSONAL_NAME_PARTS),
// - query values (and path segments, and a fragment) that contain an email address, in plain or
//   percent-encoded form,
// - query values that look like a phone number: 10 to 15 digits once spaces, dashes, dots, slashes
//   and brackets are removed, or 8 to 15 after a leading + or 00, not glued to letters (a long
//   digit run such as a millisecond timestamp cannot be told from a phone number, so it goes too),
// - user name and password in the authority (`https://user:pass@host/`).
// Such a value is replaced by REDACTED_VALUE; the parameter name and everything else stay as they
// were, byte for byte (ttclid and UTM parameters keep working; TikTok's URL rules keep matching the
// host and path). `ttclid` is never touched: TikTok needs it raw.
//
// Pure sandbox-subset code (no regex: see README.md); used by buildPage in payload.ts.

import { CoreToolkit } from './toolkit';

export const REDACTED_VALUE = 'redacted';

/** Parameter names (compared lower-case, letters and digits only) whose values are personal data. */
export const PERSONAL_NAMES = [
  'email', 'mail', 'emailaddress', 'phone', 'phonenumber', 'tel', 'telephone', 'mobile', 'mobilenumber', 'cell',
  'cellphone', 'name', 'fullname', 'firstname', 'lastname', 'fname', 'lname', 'givenname', 'familyname', 'surname',
  'middlename', 'username', 'address', 'address1', 'address2', 'street', 'zip', 'zipcode', 'postcode', 'postalcode',
  'dob', 'birthday', 'birthdate', 'dateofbirth', 'externalid', 'userid', 'uid', 'customerid', 'ssn', 'password',
  'passwd', 'pwd', 'pass',
];

/** Parts of a parameter name that mark it as personal wherever they appear (`billing_email`, `user[phone]`). */
export const PERSONAL_NAME_PARTS = [
  'email', 'phone', 'firstname', 'lastname', 'fullname', 'surname', 'birth', 'street', 'postcode', 'postalcode',
  'zipcode', 'externalid', 'userid', 'customerid', 'password',
];

/** Parameters sent unchanged whatever they hold (TikTok's click id must reach it raw). */
export const KEPT_PARAMETERS = ['ttclid'];

const LETTERS_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Characters that end an email address in free text (besides whitespace). */
const EMAIL_STOPS = ' \t\n\r\u000b\f\u00a0@/?&=#,;:<>"\'()[]{}|\\!*$^`~';
/** Characters a phone number is written with. */
const PHONE_DECORATION = ' \t\u00a0-.()/';
const PHONE_CHARS = DIGITS + '+' + PHONE_DECORATION;

/** `billing_E-Mail[0]` → `billingemail0`. */
export function compactName(name: string): string {
  const lower = name.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower.charAt(i);
    if (LETTERS_AND_DIGITS.indexOf(ch) !== -1) out += ch;
  }
  return out;
}

export function isPersonalParameterName(name: string): boolean {
  const compact = compactName(name);
  if (compact.length === 0) return false;
  if (PERSONAL_NAMES.indexOf(compact) !== -1) return true;
  return PERSONAL_NAME_PARTS.some((part) => compact.indexOf(part) !== -1);
}

/** Whether the text contains something shaped like an email address (local@domain.tld). */
export function containsEmail(text: string): boolean {
  let at = text.indexOf('@');
  while (at !== -1) {
    if (at > 0 && EMAIL_STOPS.indexOf(text.charAt(at - 1)) === -1 && hasDomainAfter(text, at + 1)) return true;
    at = text.indexOf('@', at + 1);
  }
  return false;
}

/** A domain with an inner dot starts at `from`: `example.com`, `mail.exämple.de` (not `example.`). */
function hasDomainAfter(text: string, from: number): boolean {
  let end = from;
  while (end < text.length && EMAIL_STOPS.indexOf(text.charAt(end)) === -1) end++;
  while (end > from && text.charAt(end - 1) === '.') end--;
  const domain = text.substring(from, end);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1;
}

/** A phone number on its own: digits with phone decoration, see the file comment for the counts. */
export function looksLikePhone(text: string): boolean {
  let digits = '';
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (DIGITS.indexOf(ch) !== -1) {
      digits += ch;
    } else if (ch === '+') {
      if (plus || digits.length > 0) return false;
      plus = true;
    } else if (PHONE_DECORATION.indexOf(ch) === -1) {
      return false;
    }
  }
  let international = plus;
  if (!plus && digits.substring(0, 2) === '00') {
    international = true;
    digits = digits.substring(2);
  }
  if (digits.length > 15) return false;
  return international ? digits.length >= 8 : digits.length >= 10;
}

/** Whether a run of phone characters, not glued to letters, somewhere in the text looks like a phone. */
export function containsPhone(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (PHONE_CHARS.indexOf(text.charAt(i)) === -1) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && PHONE_CHARS.indexOf(text.charAt(end)) !== -1) end++;
    const next = end;
    // Spaces and dashes at the edges belong to the surrounding text, not to the number.
    let start = i;
    while (start < end && (DIGITS + '+(').indexOf(text.charAt(start)) === -1) start++;
    while (end > start && (DIGITS + ')').indexOf(text.charAt(end - 1)) === -1) end--;
    if (end > start) {
      const before = start > 0 ? text.charAt(start - 1) : '';
      const after = end < text.length ? text.charAt(end) : '';
      const glued = (before !== '' && ASCII_LETTERS.indexOf(before) !== -1) || (after !== '' && ASCII_LETTERS.indexOf(after) !== -1);
      if (!glued && looksLikePhone(text.substring(start, end))) return true;
    }
    i = next;
  }
  return false;
}

/** The text percent-decoded (`+` as a space) up to three times, for double-encoded links. */
function decodedForms(raw: string, tk: CoreToolkit): string[] {
  const forms = [raw];
  let current = raw;
  for (let round = 0; round < 3 && current.indexOf('%') !== -1; round++) {
    const decoded = tk.decodeUriComponent(current.split('+').join(' '));
    if (decoded === undefined || decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  if (current.indexOf('+') !== -1 && current.indexOf('%') === -1) forms.push(current.split('+').join(' '));
  return forms;
}

function isPersonalValue(raw: string, checkPhone: boolean, tk: CoreToolkit): boolean {
  const forms = decodedForms(raw, tk);
  for (let i = 0; i < forms.length; i++) {
    if (containsEmail(forms[i])) return true;
    if (checkPhone && containsPhone(forms[i])) return true;
  }
  return false;
}

function decodedName(raw: string, tk: CoreToolkit): string {
  const forms = decodedForms(raw, tk);
  return forms[forms.length - 1];
}

/** `a=1&email=x&ttclid=E.C.P.y` with personal values replaced; separators and order kept. */
export function redactQuery(query: string, tk: CoreToolkit): string {
  if (query.length === 0) return query;
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.substring(0, eq);
    const rawValue = eq === -1 ? '' : pair.substring(eq + 1);
    const name = decodedName(rawName, tk);
    if (KEPT_PARAMETERS.indexOf(name) !== -1) continue;
    if (isPersonalValue(rawName, false, tk)) {
      // The name itself is personal (`?jane@example.com`): nothing of the pair can stay.
      pairs[i] = REDACTED_VALUE;
    } else if (rawValue.length > 0 && (isPersonalParameterName(name) || isPersonalValue(rawValue, true, tk))) {
      pairs[i] = rawName + '=' + REDACTED_VALUE;
    }
  }
  return pairs.join('&');
}

/** Path segments holding an email address, or a phone number written with + or 00, are replaced. */
function redactPath(path: string, tk: CoreToolkit): string {
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.length === 0) continue;
    const forms = decodedForms(segment, tk);
    for (let j = 0; j < forms.length; j++) {
      const text = forms[j].trim();
      const international = text.charAt(0) === '+' || text.substring(0, 2) === '00';
      if (containsEmail(text) || (international && looksLikePhone(text))) {
        segments[i] = REDACTED_VALUE;
        break;
      }
    }
  }
  return segments.join('/');
}

/** A fragment is redacted like a query when it holds parameters (`#/confirm?email=…`, `#email=…`). */
function redactFragment(fragment: string, tk: CoreToolkit): string {
  const q = fragment.indexOf('?');
  if (q !== -1) return redactPath(fragment.substring(0, q), tk) + '?' + redactQuery(fragment.substring(q + 1), tk);
  if (fragment.indexOf('=') !== -1) return redactQuery(fragment, tk);
  return redactPath(fragment, tk);
}

/**
 * The URL without personal data (see the file comment). Text that is not an absolute URL is
 * handled as far as it goes: a query after `?` and a fragment after `#` are redacted all the same.
 */
export function redactPersonalData(url: string, tk: CoreToolkit): string {
  let rest = url;
  let fragment: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.substring(hash + 1);
    rest = rest.substring(0, hash);
  }
  let query: string | undefined;
  const q = rest.indexOf('?');
  if (q !== -1) {
    query = rest.substring(q + 1);
    rest = rest.substring(0, q);
  }
  let prefix = '';
  const scheme = rest.indexOf('://');
  if (scheme !== -1) {
    const authorityStart = scheme + 3;
    let authorityEnd = rest.indexOf('/', authorityStart);
    if (authorityEnd === -1) authorityEnd = rest.length;
    let authority = rest.substring(authorityStart, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1) authority = authority.substring(at + 1);
    prefix = rest.substring(0, authorityStart) + authority;
    rest = rest.substring(authorityEnd);
  }
  let out = prefix + redactPath(rest, tk);
  if (query !== undefined) out += '?' + redactQuery(query, tk);
  if (fragment !== undefined) out += '#' + redactFragment(fragment, tk);
  return out;
}
