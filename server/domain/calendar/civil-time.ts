/**
 * Civil time in Asia/Ho_Chi_Minh, computed with integer arithmetic only.
 *
 * Why not the `Date` local getters (`getHours()`, `getDay()`…) or `Intl`: they answer in the *process* time
 * zone, and the server may run in UTC or anywhere else (tests run with TZ=UTC and TZ=America/New_York to prove
 * nothing depends on it). Why a constant offset rather than a tz database: Vietnam has kept UTC+07:00, with no
 * daylight-saving time, since 13 June 1975; every instant this calendar can represent (2020 onwards) uses it.
 * If that ever changes, this constant is the one place to replace with a rule.
 *
 * Vocabulary: an *epoch day* is the number of civil days since 1970-01-01 (in Vietnam); an *instant* is a
 * `Date` or its epoch milliseconds.
 */

/** UTC offset of Asia/Ho_Chi_Minh: fixed at +07:00 since 1975 (see the module comment). */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * MS_PER_MINUTE;

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (H. Hinnant's days_from_civil; exact, no Date). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0: puts the leap day at the end of the computed year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of the week of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): Weekday {
  const mondayBased = (((epochDay + 3) % 7) + 7) % 7;
  return WEEKDAYS[mondayBased] as Weekday;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → epoch day, or null when the text is not a real calendar date. */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Epoch day → `YYYY-MM-DD`. */
export function formatIsoDate(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** The Vietnamese civil day (epoch day) that contains the instant. */
export function civilDayOf(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since 00:00 Vietnam time of the instant's civil day, in [0, MS_PER_DAY). */
export function civilMsOfDay(ms: number): number {
  const local = ms + OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** The instant (epoch ms) of 00:00 Vietnam time on an epoch day. */
export function startOfCivilDay(epochDay: number): number {
  return epochDay * MS_PER_DAY - OFFSET_MS;
}

/** The Vietnamese civil date (`YYYY-MM-DD`) of an instant, e.g. "today" for a clock reading. */
export function civilDate(at: Date): string {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('civilDate: invalid Date');
  return formatIsoDate(civilDayOf(ms));
}

/** The civil year (in Vietnam) of an instant. */
export function civilYearOf(ms: number): number {
  return civilFromDays(civilDayOf(ms)).year;
}

/**
 * ISO 8601 in Vietnam time with an explicit `+07:00`, e.g. `2026-01-05T17:00:00+07:00`. Milliseconds are
 * written only when not zero (`…T17:00:00.250+07:00`), so whole-second instants read the way people write them.
 * Throws a RangeError for an invalid Date.
 */
export function formatVietnamTime(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('formatVietnamTime: invalid Date');
  const day = civilDayOf(ms);
  const { year, month, day: dom } = civilFromDays(day);
  const inDay = civilMsOfDay(ms);
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / MS_PER_MINUTE);
  const seconds = Math.floor((inDay % MS_PER_MINUTE) / 1000);
  const millis = inDay % 1000;
  const frac = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  const sign = VIETNAM_OFFSET_MINUTES >= 0 ? '+' : '-';
  const off = Math.abs(VIETNAM_OFFSET_MINUTES);
  return `${pad4(year)}-${pad2(month)}-${pad2(dom)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${frac}${sign}${pad2(Math.floor(off / 60))}:${pad2(off % 60)}`;
}

// Strict ISO 8601 / RFC 3339 date-time: seconds and fraction optional, the offset (`Z` or ±hh:mm / ±hhmm)
// mandatory — a time without an offset is ambiguous, and guessing the zone is how deadlines drift by 7 hours.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 instant that carries `Z` or a UTC offset. Returns **null** (rather than throwing) for text
 * without an offset, for unparsable text and for impossible values (month 13, 31/04, 24:00, leap second 60):
 * callers at the edge turn null into a validation problem. Fractions beyond milliseconds are truncated.
 */
export function parseInstant(text: string): Date | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis;
  return new Date(ms);
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/;

/**
 * For people at the edges (API query strings, the CLI): like {@link parseInstant}, and a date-time written
 * without an offset is read as Vietnam wall-clock time — the platform's one business time zone, never the
 * server's. Returns null for anything else.
 */
export function parseVietnamInstant(text: string): Date | null {
  const trimmed = text.trim();
  if (LOCAL_DATE_TIME.test(trimmed)) return parseInstant(`${trimmed.replace(' ', 'T')}+07:00`);
  return parseInstant(trimmed);
}

/**
 * Builds the instant of a Vietnam wall-clock time. Handy for code and tests that think in local time:
 * `vietnamTime(2026, 1, 5, 8, 0)` = 2026-01-05T08:00:00+07:00.
 */
export function vietnamTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(startOfCivilDay(daysFromCivil(year, month, day)) + ((hour * 60 + minute) * 60 + second) * 1000);
}
