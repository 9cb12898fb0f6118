/**
 * The Vietnamese lunisolar calendar, for the two lunar holidays of Labour Code 2019 Art. 112: Tết (1/1 âm lịch)
 * and Giỗ Tổ Hùng Vương (10/3 âm lịch).
 *
 * Why our own code: the Vietnamese calendar is computed for UTC+7, the Chinese one for UTC+8, and a new moon
 * close to midnight puts a month (and Tết) on different days — Tết 2030 is 02/02 in Vietnam, 03/02 in China. The
 * npm libraries at hand compute the Chinese calendar (or, like date-holidays, only give holidays, not a working
 * calendar). This is Hồ Ngọc Đức's well-known algorithm (new moons after Jean Meeus, "Astronomical Algorithms";
 * a lunar month starts on the civil day of the new moon; month 11 contains the winter solstice; a leap month is
 * the first month of a 13-month year without a major solar term), run with the time zone +7.
 *
 * {@link LUNAR_HOLIDAYS} is the precomputed result for 2020–2050 (a test checks that the algorithm still
 * reproduces it and that it agrees with the data file's `lunarReference`).
 */
import { VIETNAM_OFFSET_MINUTES, formatIsoDate } from './civil-time.ts';

const TIME_ZONE_HOURS = VIETNAM_OFFSET_MINUTES / 60;
const INT = Math.floor;
const DR = Math.PI / 180;
const JDN_UNIX_EPOCH = 2440588; // Julian day number of 1970-01-01

/** Julian day number of a Gregorian date. */
function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

/** Julian day number (civil day at UTC+7) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, abridged). */
function newMoonDay(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return INT(jd1 + c1 - deltaT + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Sector (0–11, 30° each) of the sun's ecliptic longitude at the start of a civil day at UTC+7. */
function sunLongitudeSector(jdn: number): number {
  const T = (jdn - 2451545.5 - TIME_ZONE_HOURS / 24) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L -= Math.PI * 2 * INT(L / (Math.PI * 2));
  return INT((L / Math.PI) * 6);
}

/** Julian day of the start of lunar month 11 (the month containing the winter solstice) of Gregorian year yy. */
function lunarMonth11(yy: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k);
  if (sunLongitudeSector(nm) >= 9) nm = newMoonDay(k - 1); // sector ≥ 9 (≥ 270°): solstice already passed
  return nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month year starting at a11. */
function leapMonthOffset(a11: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * Epoch day (Vietnam civil day) of a lunar date of the Vietnamese calendar. `leap` asks for the leap month of
 * that number; returns null when that lunar year has no such leap month.
 */
export function lunarToEpochDay(lunarDay: number, lunarMonth: number, lunarYear: number, leap = false): number | null {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1);
    b11 = lunarMonth11(lunarYear);
  } else {
    a11 = lunarMonth11(lunarYear);
    b11 = lunarMonth11(lunarYear + 1);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off);
  return monthStart + lunarDay - 1 - JDN_UNIX_EPOCH;
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/** Can Chi name of a lunar year, e.g. 2026 → "Bính Ngọ" (the 60-year cycle; 4 CE was Giáp Tý). */
export function canChi(lunarYear: number): string {
  const n = lunarYear - 4;
  return `${STEMS[((n % 10) + 10) % 10] as string} ${BRANCHES[((n % 12) + 12) % 12] as string}`;
}

export interface LunarHolidays {
  /** 1/1 of the lunar year, `YYYY-MM-DD`. */
  tet: string;
  /** 10/3 of the lunar year (Giỗ Tổ Hùng Vương). */
  gioTo: string;
  /** Days in the lunar month before Tết (tháng Chạp): 29 or 30, so "28 Chạp" is Tết − 2 or Tết − 3. */
  chapDays: 29 | 30;
  canChi: string;
}

/** Computes the lunar holidays of a Gregorian year with the algorithm (no table). */
export function computeLunarHolidays(year: number): LunarHolidays {
  const tet = lunarToEpochDay(1, 1, year) as number;
  const gioTo = lunarToEpochDay(10, 3, year) as number;
  // The month before Tết starts at the previous new moon, whatever its number (a leap Chạp included).
  const tetJdn = tet + JDN_UNIX_EPOCH;
  let k = INT(0.5 + (tetJdn - 2415021.076998695) / 29.530588853);
  while (newMoonDay(k) > tetJdn) k--;
  while (newMoonDay(k) < tetJdn) k++;
  const chapDays = tetJdn - newMoonDay(k - 1);
  if (chapDays !== 29 && chapDays !== 30) throw new Error(`lunar: the month before Tết ${year} has ${chapDays} days`);
  return { tet: formatIsoDate(tet), gioTo: formatIsoDate(gioTo), chapDays, canChi: canChi(year) };
}

export const LUNAR_TABLE_FIRST_YEAR = 2020;
export const LUNAR_TABLE_LAST_YEAR = 2050;

/** Precomputed by {@link computeLunarHolidays} (Vietnam, UTC+7) for 2020–2050. */
export const LUNAR_HOLIDAYS: Readonly<Record<number, Readonly<LunarHolidays>>> = Object.freeze({
  2020: { tet: '2020-01-25', gioTo: '2020-04-02', chapDays: 30, canChi: 'Canh Tý' },
  2021: { tet: '2021-02-12', gioTo: '2021-04-21', chapDays: 30, canChi: 'Tân Sửu' },
  2022: { tet: '2022-02-01', gioTo: '2022-04-10', chapDays: 29, canChi: 'Nhâm Dần' },
  2023: { tet: '2023-01-22', gioTo: '2023-04-29', chapDays: 30, canChi: 'Quý Mão' },
  2024: { tet: '2024-02-10', gioTo: '2024-04-18', chapDays: 30, canChi: 'Giáp Thìn' },
  2025: { tet: '2025-01-29', gioTo: '2025-04-07', chapDays: 29, canChi: 'Ất Tỵ' },
  2026: { tet: '2026-02-17', gioTo: '2026-04-26', chapDays: 29, canChi: 'Bính Ngọ' },
  2027: { tet: '2027-02-06', gioTo: '2027-04-16', chapDays: 29, canChi: 'Đinh Mùi' },
  2028: { tet: '2028-01-26', gioTo: '2028-04-04', chapDays: 29, canChi: 'Mậu Thân' },
  2029: { tet: '2029-02-13', gioTo: '2029-04-23', chapDays: 29, canChi: 'Kỷ Dậu' },
  2030: { tet: '2030-02-02', gioTo: '2030-04-12', chapDays: 29, canChi: 'Canh Tuất' },
  2031: { tet: '2031-01-23', gioTo: '2031-04-01', chapDays: 29, canChi: 'Tân Hợi' },
  2032: { tet: '2032-02-11', gioTo: '2032-04-19', chapDays: 29, canChi: 'Nhâm Tý' },
  2033: { tet: '2033-01-31', gioTo: '2033-04-09', chapDays: 30, canChi: 'Quý Sửu' },
  2034: { tet: '2034-02-19', gioTo: '2034-04-28', chapDays: 30, canChi: 'Giáp Dần' },
  2035: { tet: '2035-02-08', gioTo: '2035-04-17', chapDays: 30, canChi: 'Ất Mão' },
  2036: { tet: '2036-01-28', gioTo: '2036-04-06', chapDays: 30, canChi: 'Bính Thìn' },
  2037: { tet: '2037-02-15', gioTo: '2037-04-24', chapDays: 30, canChi: 'Đinh Tỵ' },
  2038: { tet: '2038-02-04', gioTo: '2038-04-13', chapDays: 30, canChi: 'Mậu Ngọ' },
  2039: { tet: '2039-01-24', gioTo: '2039-04-03', chapDays: 29, canChi: 'Kỷ Mùi' },
  2040: { tet: '2040-02-12', gioTo: '2040-04-20', chapDays: 29, canChi: 'Canh Thân' },
  2041: { tet: '2041-02-01', gioTo: '2041-04-10', chapDays: 29, canChi: 'Tân Dậu' },
  2042: { tet: '2042-01-22', gioTo: '2042-04-29', chapDays: 30, canChi: 'Nhâm Tuất' },
  2043: { tet: '2043-02-10', gioTo: '2043-04-19', chapDays: 30, canChi: 'Quý Hợi' },
  2044: { tet: '2044-01-30', gioTo: '2044-04-07', chapDays: 30, canChi: 'Giáp Tý' },
  2045: { tet: '2045-02-17', gioTo: '2045-04-26', chapDays: 30, canChi: 'Ất Sửu' },
  2046: { tet: '2046-02-06', gioTo: '2046-04-15', chapDays: 30, canChi: 'Bính Dần' },
  2047: { tet: '2047-01-26', gioTo: '2047-04-04', chapDays: 30, canChi: 'Đinh Mão' },
  2048: { tet: '2048-02-14', gioTo: '2048-04-22', chapDays: 30, canChi: 'Mậu Thìn' },
  2049: { tet: '2049-02-02', gioTo: '2049-04-11', chapDays: 29, canChi: 'Kỷ Tỵ' },
  2050: { tet: '2050-01-23', gioTo: '2050-04-01', chapDays: 29, canChi: 'Canh Ngọ' },
});

/** The lunar holidays of a year: from the table for 2020–2050, computed otherwise. */
export function lunarHolidays(year: number): LunarHolidays {
  return LUNAR_HOLIDAYS[year] ?? computeLunarHolidays(year);
}
