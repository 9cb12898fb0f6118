/**
 * Advertising (R-6.2e): a report that sells something. Signals: Vietnamese phone numbers (any spacing, dots or
 * dashes; validated with libphonenumber-js full metadata), web addresses and domains, @handles and e-mails,
 * prices and discounts, and the promotional vocabulary of data/integrity/text-advertising.json. The vocabulary of a report
 * (phản ánh, đề nghị xử lý, lấn chiếm, tờ rơi, quảng cáo trái phép …) counts against: a citizen who quotes the
 * phone number painted on a shop that blocks the pavement, or reports leaflets glued to a pole, is not
 * advertising. A phone number alone never reaches a finding.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { maskPhone } from '../../identity/contact.ts';
import { compileCues, logistic, positiveTerms, scoreCues, type CueScore } from './cues.ts';
import type { AdvertisingList } from './lists.ts';
import type { Token } from './tokens.ts';

export interface AdvertisingSignals {
  /** E.164 numbers found */
  phones: string[];
  /** domains of web addresses (www., http…, bare domains), without the ignored ones */
  domains: string[];
  /** @handles and e-mail addresses */
  handles: string[];
  /** prices as written ("12tr/tháng" → "12tr", "99.000đ") */
  prices: string[];
  /** discounts ("giảm 20%") */
  discounts: string[];
}

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}_@./-])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}_])';
// A run of digits with separators that could be a phone number someone spread out to dodge filters
// ("0 9 1 2 . 3 4 5 . 6 7 8"); each candidate is validated with libphonenumber-js.
const SPREAD_PHONE = /(?<![\d+])(?:\+\s?84|84|0)(?:[\s.\-_()]{0,3}\d){8,10}(?!\d)/g;
const TLDS = 'com\\.vn|net\\.vn|org\\.vn|edu\\.vn|gov\\.vn|com|net|org|info|biz|vn|shop|store|online|site|xyz|top|club|live|me|io|co|app|link|asia|vip|fun|bet|win|tv|ly|gl|ee|to|cc';
const URL = new RegExp(
  `(?:https?://|www\\.)[^\\s<>"']+|${NOT_LETTER_BEFORE}[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.(?:${TLDS})${NOT_LETTER_AFTER}(?:/[^\\s<>"']*)?`,
  'giu',
);
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const HANDLE = /(?<![\p{L}\p{N}_.])@[a-z0-9_.]{3,30}(?![\p{L}\p{N}_@])/giu;
// Prices ("12tr", "1tr5", "99.000đ", "500k") and discounts ("giảm 20%", "sale 40%", "off 50%").
const DISCOUNT = /(?<![\p{L}\p{N}])(?:giảm|giam|sale|off|chiết khấu|chiet khau)\s?(?:đến\s|den\s|tới\s)?\d{1,2}\s?%/giu;
const PRICE = new RegExp(
  `${NOT_LETTER_BEFORE}(?:\\d+tr\\d+|\\d+(?:[.,]\\d{3})*(?:[.,]\\d+)?\\s?(?:k|tr|triệu|trieu|nghìn|nghin|ngàn|ngan|đ|đồng|dong|vnđ|vnd|tỷ|ty))${NOT_LETTER_AFTER}`,
  'giu',
);

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Vietnamese numbers have 9–10 digits after the leading 0 (mobile, fixed line), except the 8-digit 1800/1900
 * service numbers; shorter "valid" numbers are mostly dates ("12.03.2025") and house numbers.
 */
function plausible(p: PhoneNumber): boolean {
  if (p.country !== 'VN' || !p.isValid()) return false;
  const n = p.nationalNumber as string;
  return n.length >= 9 || /^1[89]00/.test(n);
}

function vietnamesePhone(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.replace(/[^\d+]/g, ''), 'VN');
  return parsed && plausible(parsed) ? parsed.number : null;
}

function domainOf(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .split(/[/?#:]/)[0]!
    .replace(/[.,;)]+$/, '')
    .toLowerCase();
}

/** The signals found without a word list, in one text. */
export function advertisingSignals(text: string, ignoredDomains: readonly string[]): AdvertisingSignals {
  const t = text.normalize('NFC');
  const phones = findPhoneNumbersInText(t, 'VN')
    .filter((f) => plausible(f.number))
    .map((f) => f.number.number as string);
  for (const m of t.matchAll(SPREAD_PHONE)) {
    const n = vietnamesePhone(m[0]);
    if (n) phones.push(n);
  }
  const emails = [...t.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
  const withoutEmails = t.replace(EMAIL, ' ');
  const ignored = (d: string) => ignoredDomains.some((s) => d === s || d.endsWith(`.${s}`));
  const domains = [...withoutEmails.matchAll(URL)].map((m) => domainOf(m[0])).filter((d) => d.includes('.') && !ignored(d));
  const handles = [...withoutEmails.matchAll(HANDLE)].map((m) => m[0].toLowerCase());
  const prices = [...t.matchAll(PRICE)].map((m) => m[0]);
  const discounts = [...t.matchAll(DISCOUNT)].map((m) => m[0]);
  return { phones: uniq(phones), domains: uniq(domains), handles: uniq([...handles, ...emails]), prices: uniq(prices), discounts: uniq(discounts) };
}

export interface AdvertisingVerdict {
  confidence: number;
  signals: AdvertisingSignals;
  score: CueScore;
}

export function scoreAdvertising(fields: readonly string[], tokens: readonly Token[], list: AdvertisingList): AdvertisingVerdict {
  const signals = advertisingSignals(fields.join('\n'), list.ignoredDomains);
  const score = scoreCues(compileCues(list), tokens);
  const w = list.signals;
  // Each kind of signal counts once: three phone numbers are no more an advertisement than one.
  const logit =
    score.logit +
    (signals.phones.length > 0 ? w.phone : 0) +
    (signals.domains.length > 0 ? w.url : 0) +
    (signals.handles.length > 0 ? w.handle : 0) +
    (signals.prices.length > 0 ? w.price : 0) +
    (signals.discounts.length > 0 ? w.discount : 0);
  return { confidence: logistic(logit), signals, score: { ...score, logit } };
}

/** The officer's summary: what was seen, phone numbers masked. */
export function advertisingSummary(v: AdvertisingVerdict): string {
  const parts: string[] = [];
  if (v.signals.phones.length) parts.push(`số điện thoại ${v.signals.phones.map(maskPhone).join(', ')}`);
  if (v.signals.domains.length) parts.push(`địa chỉ web ${v.signals.domains.join(', ')}`);
  if (v.signals.handles.length) parts.push(`tài khoản liên hệ ${v.signals.handles.length}`);
  if (v.signals.prices.length) parts.push(`giá ${v.signals.prices.join(', ')}`);
  if (v.signals.discounts.length) parts.push(`giảm giá ${v.signals.discounts.join(', ')}`);
  const words = positiveTerms(v.score);
  if (words.length) parts.push(`từ ngữ: ${words.join(', ')}`);
  return `Dấu hiệu quảng cáo (Điều 6.2e): ${parts.join('; ')}`;
}
