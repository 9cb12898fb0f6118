/**
 * "Trong vòng 02 ngày kể từ ngày nhận được kết quả xử lý" the reporter may ask for clarification. The
 * regulation says "ngày", not "ngày làm việc", so these are calendar days, counted per Civil Code 2015:
 * - Art. 147(1): a period in days starts on the day after the event — the day of receipt does not count;
 * - Art. 148(2): the period ends at 24:00 of its last day;
 * - Art. 148(1): when the last day is a weekly rest day or a holiday, the period ends at the end of the next
 *   working day.
 * "Working day" here is the calendar's working day, so a make-up Saturday counts as one (it is a working day
 * for the agency that must receive the request).
 */
import { civilDayOf, formatIsoDate, startOfCivilDay } from './civil-time.ts';
import { CalendarRangeError, assertCovered, instantMs, type WorkingCalendar } from './working-calendar.ts';

/** Calendar days of the reporter's clarification window (R-13, "02 ngày"). */
export const CLARIFICATION_WINDOW_DAYS = 2;

/**
 * The end of the reporter's window to ask for clarification, as an exclusive instant: 24:00 of the last day is
 * returned as 00:00 (+07:00) of the following day — a request is in time when it arrives strictly before it.
 * Throws {@link CalendarRangeError} when the days it must inspect are not covered by the calendar.
 */
export function clarificationWindow(cal: WorkingCalendar, resultReceivedAt: Date): Date {
  const received = instantMs(resultReceivedAt, 'resultReceivedAt');
  assertCovered(cal, received, 'receipt');
  let last = civilDayOf(received) + CLARIFICATION_WINDOW_DAYS;
  for (;;) {
    const index = last - cal.firstDay;
    if (index >= cal.dayCount) {
      throw new CalendarRangeError(cal.lastYear + 1, cal.firstYear, cal.lastYear, `the clarification window reaches ${formatIsoDate(last)}`);
    }
    if (cal.working[index] === 1) break;
    last += 1; // Art. 148(1): runs on to the end of the next working day
  }
  return new Date(startOfCivilDay(last + 1));
}
