/**
 * Citizen identity card number (Căn cước / CCCD, R-5.5): 12 digits = 3-digit province of birth registration
 * + 1 digit for century and sex + 2 digits of the birth year + 6 random digits (Thông tư 07/2016/TT-BCA,
 * Điều 7). The province codes are those of the 63 provinces before 2025; the card numbers did not change
 * when provinces merged.
 */
const PROVINCE_CODES = new Set(
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'.split(
    ' ',
  ),
);

export type CccdProblem = 'format' | 'province' | 'birthYear';

export interface CccdInfo {
  provinceCode: string;
  birthYear: number;
  sex: 'male' | 'female';
}

/** Removes spaces and dots people type in the middle of the number. */
export function normaliseCccd(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/**
 * Decodes a CCCD or names what is wrong with it. `currentYear` bounds the birth year (a card cannot encode a
 * birth in the future); `dateOfBirth` (YYYY-MM-DD), when given, must agree with the encoded year.
 */
export function checkCccd(
  raw: string,
  currentYear: number,
  dateOfBirth?: string,
): { ok: true; value: string; info: CccdInfo } | { ok: false; problem: CccdProblem } {
  const value = normaliseCccd(raw);
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'format' };
  const provinceCode = value.slice(0, 3);
  if (!PROVINCE_CODES.has(provinceCode)) return { ok: false, problem: 'province' };
  const centuryDigit = Number(value[3]);
  const birthYear = 1900 + Math.floor(centuryDigit / 2) * 100 + Number(value.slice(4, 6));
  if (birthYear > currentYear) return { ok: false, problem: 'birthYear' };
  if (dateOfBirth && Number(dateOfBirth.slice(0, 4)) !== birthYear) return { ok: false, problem: 'birthYear' };
  return { ok: true, value, info: { provinceCode, birthYear, sex: centuryDigit % 2 === 0 ? 'male' : 'female' } };
}

export const CCCD_MESSAGES: Record<CccdProblem, { vi: string; en: string }> = {
  format: { vi: 'Số CCCD phải gồm đúng 12 chữ số', en: 'The CCCD number must have exactly 12 digits' },
  province: {
    vi: 'Ba chữ số đầu của số CCCD không phải mã tỉnh, thành phố hợp lệ',
    en: 'The first three digits of the CCCD are not a valid province code',
  },
  birthYear: {
    vi: 'Năm sinh trong số CCCD không khớp với ngày sinh hoặc không hợp lệ',
    en: 'The birth year encoded in the CCCD does not match the date of birth or is not valid',
  },
};
