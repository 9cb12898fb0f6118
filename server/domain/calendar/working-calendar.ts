/**
 * The compiled working calendar: per civil day of the covered years, whether it is a working day and how many
 * working milliseconds precede it (prefix sums). With those, "working time elapsed since the calendar start"
 * W(t) is O(1) and its inverse is one binary search — deadline arithmetic never walks minutes.
 *
 * Rules applied when compiling (README of data/calendar):
 * - a day is a working day when its weekday is not in `weeklyRest`, or when it is listed in `extraWorkDays`
 *   (make-up Saturdays count as full working days);
 * - a day listed in `offDays` — or in `pending` with `enabled: true` — is not a working day;
 * - `pending` entries without `enabled: true` are not in force and change nothing.
 */
import type { CalendarDefinition, OffDayKind } from './calendar-definition.ts';
import { InvalidCalendarError, parseCalendarDefinition, parseWallClock } from './calendar-definition.ts';
import {
  MS_PER_DAY,
  MS_PER_MINUTE,
  civilDayOf,
  civilFromDays,
  civilMsOfDay,
  daysFromCivil,
  formatVietnamTime,
  parseIsoDate,
  startOfCivilDay,
  weekdayOf,
  type Weekday,
} from './civil-time.ts';

/** An instant or a computed deadline falls outside the years the calendar covers: the schedule is unknown there. */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
  /** The civil year that would be needed. */
  readonly year: number;
  readonly firstYear: number;
  readonly lastYear: number;
  constructor(year: number, firstYear: number, lastYear: number, detail: string) {
    super(`No working calendar for ${year} (the calendar covers ${firstYear}–${lastYear}): ${detail}`);
    this.year = year;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

export type DayKind = 'working' | 'make_up' | 'weekly_rest' | OffDayKind;

export interface DayInfo {
  date: string;
  weekday: Weekday;
  working: boolean;
  kind: DayKind;
  reason?: string;
}

/** Read-only; build it with {@link buildWorkingCalendar}. The typed arrays are internal to this module's helpers. */
export interface WorkingCalendar {
  readonly definition: CalendarDefinition;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly hoursPerWorkingDay: number;
  readonly minutesPerWorkingDay: number;
  /** First covered instant: 00:00 (+07:00) on 1 January of `firstYear`. */
  readonly startMs: number;
  /** First instant no longer covered: 00:00 (+07:00) on 1 January of `lastYear + 1`. */
  readonly endMs: number;
  /** Epoch day of 1 January of `firstYear`. */
  readonly firstDay: number;
  readonly dayCount: number;
  /** 1 for a working day, 0 otherwise; index = epoch day − firstDay. */
  readonly working: Uint8Array;
  /** Working milliseconds before each day; length dayCount + 1 (the last entry is the total). */
  readonly cumulativeMs: Float64Array;
  /** Working intervals in ms since 00:00, and working ms of the day before each interval starts. */
  readonly intervalStartMs: Float64Array;
  readonly intervalEndMs: Float64Array;
  readonly intervalBeforeMs: Float64Array;
  /** Working ms in one working day (= sum of the intervals = hoursPerWorkingDay × 3,600,000). */
  readonly dayMs: number;
  readonly offDayInfo: ReadonlyMap<number, { kind: OffDayKind; reason: string }>;
  readonly makeUpInfo: ReadonlyMap<number, string>;
}

/**
 * Validates and compiles a definition. Throws {@link InvalidCalendarError} listing every problem when the
 * definition is not sound (use `parseCalendarDefinition` first to get the list without an exception).
 */
export function buildWorkingCalendar(def: CalendarDefinition): WorkingCalendar {
  const checked = parseCalendarDefinition(def);
  if (!checked.ok) throw new InvalidCalendarError(checked.problems);

  const years = Object.keys(def.years).map(Number).sort((a, b) => a - b);
  const firstYear = years[0] as number;
  const lastYear = years[years.length - 1] as number;
  const firstDay = daysFromCivil(firstYear, 1, 1);
  const dayCount = daysFromCivil(lastYear + 1, 1, 1) - firstDay;

  const rest = new Set<Weekday>(def.weeklyRest);
  const offDayInfo = new Map<number, { kind: OffDayKind; reason: string }>();
  const makeUpInfo = new Map<number, string>();
  for (const year of Object.values(def.years)) {
    for (const off of year.offDays) offDayInfo.set(parseIsoDate(off.date) as number, { kind: off.kind, reason: off.reason });
    for (const p of year.pending ?? []) {
      if (p.enabled === true) offDayInfo.set(parseIsoDate(p.date) as number, { kind: 'holiday', reason: p.reason });
    }
    for (const extra of year.extraWorkDays) makeUpInfo.set(parseIsoDate(extra.date) as number, extra.reason);
  }

  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  let dayMs = 0;
  for (const [s, e] of def.workingIntervals) {
    const startMs = (parseWallClock(s) as number) * MS_PER_MINUTE;
    const endMs = (parseWallClock(e) as number) * MS_PER_MINUTE;
    starts.push(startMs);
    ends.push(endMs);
    before.push(dayMs);
    dayMs += endMs - startMs;
  }

  const working = new Uint8Array(dayCount);
  const cumulativeMs = new Float64Array(dayCount + 1);
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    const isWorking = !offDayInfo.has(day) && (makeUpInfo.has(day) || !rest.has(weekdayOf(day)));
    working[i] = isWorking ? 1 : 0;
    cumulativeMs[i + 1] = (cumulativeMs[i] as number) + (isWorking ? dayMs : 0);
  }

  return Object.freeze({
    definition: def,
    firstYear,
    lastYear,
    hoursPerWorkingDay: def.hoursPerWorkingDay,
    minutesPerWorkingDay: def.hoursPerWorkingDay * 60,
    startMs: startOfCivilDay(firstDay),
    endMs: startOfCivilDay(firstDay + dayCount),
    firstDay,
    dayCount,
    working,
    cumulativeMs,
    intervalStartMs: Float64Array.from(starts),
    intervalEndMs: Float64Array.from(ends),
    intervalBeforeMs: Float64Array.from(before),
    dayMs,
    offDayInfo,
    makeUpInfo,
  });
}

/** Epoch ms of a Date, refusing invalid Dates (NaN would otherwise poison every comparison silently). */
export function instantMs(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${what} must be a valid Date`);
  return ms;
}

/** Throws {@link CalendarRangeError} unless `startMs ≤ ms < endMs`. */
export function assertCovered(cal: WorkingCalendar, ms: number, what: string): void {
  if (ms < cal.startMs || ms >= cal.endMs) {
    const year = civilFromDays(civilDayOf(ms)).year;
    throw new CalendarRangeError(year, cal.firstYear, cal.lastYear, `${what} ${formatVietnamTime(new Date(ms))}`);
  }
}

/**
 * W(t): working milliseconds from the calendar start to the instant `ms` (which must be covered). It is
 * continuous and non-decreasing; it grows only inside working intervals of working days.
 */
export function workedMsAt(cal: WorkingCalendar, ms: number): number {
  const index = civilDayOf(ms) - cal.firstDay;
  let worked = cal.cumulativeMs[index] as number;
  if (cal.working[index] === 1) {
    const inDay = civilMsOfDay(ms);
    const n = cal.intervalStartMs.length;
    for (let i = 0; i < n; i++) {
      const s = cal.intervalStartMs[i] as number;
      if (inDay <= s) break;
      const e = cal.intervalEndMs[i] as number;
      worked += (inDay < e ? inDay : e) - s;
    }
  }
  return worked;
}

/**
 * The earliest instant t with W(t) ≥ target, for `cumulativeMs[0] < target ≤ total`. Because W is flat outside
 * working time, the earliest such instant always lies in (interval start, interval end] of a working day — so a
 * deadline that uses up a morning ends at 12:00, not 13:00.
 */
export function instantAtWorked(cal: WorkingCalendar, target: number): number {
  const cum = cal.cumulativeMs;
  // Smallest j in [1, dayCount] with cum[j] ≥ target; the target is reached during day j − 1.
  let lo = 1;
  let hi = cal.dayCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) >= target) hi = mid;
    else lo = mid + 1;
  }
  const index = lo - 1;
  const within = target - (cum[index] as number); // in (0, dayMs]
  const n = cal.intervalStartMs.length;
  let i = 0;
  while (i < n - 1 && (cal.intervalBeforeMs[i] as number) + ((cal.intervalEndMs[i] as number) - (cal.intervalStartMs[i] as number)) < within) i++;
  // Civil days are all 24 h long (fixed offset), so day `index` starts index × MS_PER_DAY after startMs.
  return cal.startMs + index * MS_PER_DAY + (cal.intervalStartMs[i] as number) + (within - (cal.intervalBeforeMs[i] as number));
}

function dayIndexOf(cal: WorkingCalendar, isoDate: string): number {
  const day = parseIsoDate(isoDate);
  if (day === null) throw new TypeError(`${JSON.stringify(isoDate)} is not a date YYYY-MM-DD`);
  const index = day - cal.firstDay;
  if (index < 0 || index >= cal.dayCount) {
    throw new CalendarRangeError(civilFromDays(day).year, cal.firstYear, cal.lastYear, `date ${isoDate}`);
  }
  return index;
}

/** Whether a civil date (`YYYY-MM-DD`, Vietnam) is a working day. */
export function isWorkingDay(cal: WorkingCalendar, isoDate: string): boolean {
  return cal.working[dayIndexOf(cal, isoDate)] === 1;
}

/** Why a civil date is or is not a working day (for people: the calendar screen, deadline explanations). */
export function describeDay(cal: WorkingCalendar, isoDate: string): DayInfo {
  const index = dayIndexOf(cal, isoDate);
  const day = cal.firstDay + index;
  const weekday = weekdayOf(day);
  const off = cal.offDayInfo.get(day);
  if (off) return { date: isoDate, weekday, working: false, kind: off.kind, reason: off.reason };
  const makeUp = cal.makeUpInfo.get(day);
  if (makeUp !== undefined) return { date: isoDate, weekday, working: true, kind: 'make_up', reason: makeUp };
  const working = cal.working[index] === 1;
  return { date: isoDate, weekday, working, kind: working ? 'working' : 'weekly_rest' };
}

/** Whether the instant lies inside a working interval [start, end) of a working day. */
export function isWorkingTime(cal: WorkingCalendar, at: Date): boolean {
  const ms = instantMs(at, 'at');
  assertCovered(cal, ms, 'instant');
  if (cal.working[civilDayOf(ms) - cal.firstDay] !== 1) return false;
  const inDay = civilMsOfDay(ms);
  for (let i = 0; i < cal.intervalStartMs.length; i++) {
    if (inDay >= (cal.intervalStartMs[i] as number) && inDay < (cal.intervalEndMs[i] as number)) return true;
  }
  return false;
}
