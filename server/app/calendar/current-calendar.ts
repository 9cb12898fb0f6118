/**
 * The calendar in force: the newest stored version, extended with provisional years through 2050, compiled
 * once per version and cached per database. A version check is one indexed query, so an edit made by another
 * process is picked up by the next request.
 */
import type { Kysely } from 'kysely';
import { buildWorkingCalendar, withProvisionalYears, type CalendarDefinition, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { findCalendarVersion, latestCalendarVersionId } from '../../db/repos/calendar.repo.ts';
import type { DB } from '../../db/schema.ts';

export interface CurrentCalendar {
  version: number;
  /** The stored definition (announced and provisional years as an administrator saved them). */
  stored: CalendarDefinition;
  /** Compiled over the stored years plus generated provisional years. */
  calendar: WorkingCalendar;
  /** Whether `year` has no announced schedule (stored as provisional, or generated). */
  isProvisional(year: number): boolean;
}

const cache = new WeakMap<Kysely<DB>, CurrentCalendar>();

export function compileCalendar(version: number, stored: CalendarDefinition): CurrentCalendar {
  const calendar = buildWorkingCalendar(withProvisionalYears(stored));
  return {
    version,
    stored,
    calendar,
    isProvisional: (year) => calendar.definition.years[String(year)]?.status !== 'final',
  };
}

export async function currentCalendar(db: Kysely<DB>): Promise<CurrentCalendar> {
  const version = await latestCalendarVersionId(db);
  if (version === null) throw new Error('No working calendar is stored: the reference seed has not run');
  const cached = cache.get(db);
  if (cached?.version === version) return cached;
  const row = await findCalendarVersion(db, version);
  if (!row) throw new Error(`calendar version ${version} vanished`);
  const compiled = compileCalendar(version, row.definition);
  cache.set(db, compiled);
  return compiled;
}
