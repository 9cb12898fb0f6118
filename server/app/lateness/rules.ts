import { vietnamTime } from '../../domain/calendar/index.ts';
import { invalid } from '../../domain/errors.ts';

/**
 * Helpers of the monthly lateness figures: shares and Vietnam civil months. What counts as late for R-18.4(2)
 * (the stages, the 30 % rule) is in domain/oversight/reprimand.ts.
 */
/** A share as a fraction with 4 decimals (0.3333), 0 when nothing was due. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** `YYYY-MM` → the Vietnam civil month's numbers, or null. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 && year >= 2000 && year <= 2100 ? { year, month } : null;
}

export function nextMonth(m: { year: number; month: number }): { year: number; month: number } {
  return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
}

/** The Vietnam civil month asked as `YYYY-MM` and its bounds [from, to) in Vietnam time; a 400 naming the field otherwise. */
export function monthBounds(monthText: string): { month: { year: number; month: number }; from: Date; to: Date } {
  const month = parseMonth(monthText);
  if (!month) throw invalid([{ field: 'querystring.month', message: `"${monthText}" không phải tháng dạng YYYY-MM` }]);
  const next = nextMonth(month);
  // Computed here: never the database's or the server's zone.
  return { month, from: vietnamTime(month.year, month.month, 1), to: vietnamTime(next.year, next.month, 1) };
}
