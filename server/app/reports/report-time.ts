/**
 * The instant a report is presented at, with the working time left until its deadlines (R-8.5: deadlines run in
 * working hours, so "how long is left" is counted on the working calendar, not the clock).
 */
import { CalendarRangeError, workingTimeBetween } from '../../domain/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../reference/reference-data.ts';

export interface ReportTime {
  now: Date;
  /** Working minutes from now until `due`, negative once past; null when the calendar does not cover it. */
  workingMinutesLeft(due: Date): number | null;
}

export async function reportTime(ctx: Pick<AppContext, 'db' | 'config'>, now: Date): Promise<ReportTime> {
  const { calendar } = await currentCalendar(ctx);
  return {
    now,
    workingMinutesLeft(due) {
      try {
        return Math.round(workingTimeBetween(calendar, now, due));
      } catch (err) {
        if (err instanceof CalendarRangeError) return null;
        throw err;
      }
    },
  };
}
