/**
 * Deadline arithmetic in working time (the platform's rule, data/calendar/README.md):
 * - "N giờ làm việc" = N × 60 working minutes; "N ngày làm việc" = N × hoursPerWorkingDay × 60 working minutes
 *   (480 with the data file), counted from the event instant — not from the next morning.
 * - A start outside working time (lunch, evening, weekend, holiday) moves to the next working interval's start.
 * - The deadline is the EARLIEST instant at which the elapsed working time reaches the amount: Mon 08:00 + 8 h =
 *   Mon 17:00 (not Tue 08:00), 11:00 + 1 h = 12:00 (not 13:00).
 *
 * Precision: arithmetic is exact in milliseconds. An instant inside a minute counts from that very instant (no
 * rounding either way); amounts are converted to whole milliseconds (rounded), so whole minutes stay exact.
 */
import { MS_PER_MINUTE, formatVietnamTime } from './civil-time.ts';
import {
  CalendarRangeError,
  assertCovered,
  instantAtWorked,
  instantMs,
  workedMsAt,
  type WorkingCalendar,
} from './working-calendar.ts';

/** An amount of working time as the regulation states it: "04 giờ làm việc" or "07 ngày làm việc". */
export type WorkingAmount = { hours: number } | { days: number };

/** Working minutes of an amount for this calendar (days use the calendar's hoursPerWorkingDay). */
export function workingMinutesOf(cal: WorkingCalendar, amount: WorkingAmount): number {
  let minutes: number;
  if ('hours' in amount && !('days' in amount)) minutes = amount.hours * 60;
  else if ('days' in amount && !('hours' in amount)) minutes = amount.days * cal.minutesPerWorkingDay;
  else throw new TypeError('a working amount is either {hours} or {days}');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`a working amount must be a finite number ≥ 0, got ${JSON.stringify(amount)}`);
  return minutes;
}

/**
 * The deadline `amount` of working time after `from`. O(log days). An amount of 0 returns `from` unchanged
 * (a copy of the same instant, not moved to the next working time): nothing has to elapse.
 *
 * Throws {@link CalendarRangeError} when `from` or the deadline lies outside the covered years, TypeError for an
 * invalid Date, RangeError for a negative or non-finite amount.
 */
export function addWorkingTime(cal: WorkingCalendar, from: Date, amount: WorkingAmount): Date {
  const start = instantMs(from, 'from');
  const amountMs = Math.round(workingMinutesOf(cal, amount) * MS_PER_MINUTE);
  assertCovered(cal, start, 'start');
  if (amountMs === 0) return new Date(start);
  const target = workedMsAt(cal, start) + amountMs;
  if (target > (cal.cumulativeMs[cal.dayCount] as number)) {
    throw new CalendarRangeError(cal.lastYear + 1, cal.firstYear, cal.lastYear, `a deadline ${JSON.stringify(amount)} after ${formatVietnamTime(from)} runs past ${cal.lastYear}`);
  }
  return new Date(instantAtWorked(cal, target));
}

/**
 * Working minutes elapsed from `a` to `b`: fractional when the instants are not whole minutes, negative when
 * `b` is before `a`. Both instants must be covered (CalendarRangeError otherwise).
 */
export function workingTimeBetween(cal: WorkingCalendar, a: Date, b: Date): number {
  const from = instantMs(a, 'a');
  const to = instantMs(b, 'b');
  assertCovered(cal, from, 'instant');
  assertCovered(cal, to, 'instant');
  return (workedMsAt(cal, to) - workedMsAt(cal, from)) / MS_PER_MINUTE;
}

/**
 * The working time a stage's clock ran, from its start to its stop, in whole working minutes (rounded; never
 * negative): what the overseer's median and 90th percentile per stage are made of (issue 10, R-18.3b).
 */
export function workedMinutes(cal: WorkingCalendar, startedAt: Date, stoppedAt: Date): number {
  return Math.max(0, Math.round(workingTimeBetween(cal, startedAt, stoppedAt)));
}
