/**
 * The calendar in force, compiled: the newest stored version, extended with provisional years through 2050.
 * Servers keep it with the rest of the reference data (server/app/reference, `currentCalendar`).
 */
import { buildWorkingCalendar, withProvisionalYears, type CalendarDefinition, type WorkingCalendar } from '../../domain/calendar/index.ts';

export interface CurrentCalendar {
  version: number;
  /** The stored definition (announced and provisional years as an administrator saved them). */
  stored: CalendarDefinition;
  /** Compiled over the stored years plus generated provisional years. */
  calendar: WorkingCalendar;
  /** Whether `year` has no announced schedule (stored as provisional, or generated). */
  isProvisional(year: number): boolean;
}

export function compileCalendar(version: number, stored: CalendarDefinition): CurrentCalendar {
  const calendar = buildWorkingCalendar(withProvisionalYears(stored));
  return {
    version,
    stored,
    calendar,
    isProvisional: (year) => calendar.definition.years[String(year)]?.status !== 'final',
  };
}
