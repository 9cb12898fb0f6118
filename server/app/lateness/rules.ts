/**
 * What counts as late for R-18.4(2): "an agency with more than 30% of a month's reports late in receiving or
 * processing". Pure: the figures come from the database, the judgement from here.
 *
 * Receiving is Art. 6–7: verification (R-6.2d) and receiving (R-7.2d). Processing is the deadlines sets
 * for the five steps — assigning and processing (also ). The result stages (R-12.1 rework,
 * approval, R-13 clarification answer) are reported per stage but are not part of the flag: the
 * regulation's flag names receiving and processing only.
 */
import type { DeadlineStage } from '../../domain/calendar/index.ts';

export const LATENESS_GROUPS = {
  receiving: ['verify', 'receive'],
  processing: ['assign', 'process'],
} as const satisfies Record<string, readonly DeadlineStage[]>;
export type LatenessGroup = keyof typeof LATENESS_GROUPS;

/** R-18.4(2): more than 30 % — exactly 30 % is not flagged. Integer arithmetic: no rounding at the edge. */
export function over30Percent(late: number, reports: number): boolean {
  return reports > 0 && late * 10 > reports * 3;
}

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
