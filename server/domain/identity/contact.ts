/**
 * Phone numbers and e-mail addresses as the platform stores and looks them up: phones are
 * Vietnamese mobile or fixed-line numbers in E.164 (+84…); e-mails are trimmed and lower-cased.
 * libphonenumber-js with full metadata knows Vietnam's current numbering plan (the 2018 re-numbering included).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const ACCEPTED_TYPES = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

/** E.164 form of a Vietnamese phone number, or null when it is not one. */
export function normalisePhone(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'VN');
  if (!parsed || !parsed.isValid() || parsed.country !== 'VN') return null;
  return ACCEPTED_TYPES.has(parsed.getType() ?? '') ? parsed.number : null;
}

// The practical subset of RFC 5322 that mail systems accept: local@domain.tld, no spaces.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return v.length <= 254 && EMAIL.test(v) ? v : null;
}

/** Shown to staff who may see the reporter but not the full number: `+84 91* *** 678`. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)} ${e164.slice(3, 5)}* *** ${e164.slice(-3)}`;
}
