/**
 * The working calendar as plain, JSON-serialisable data — the shape of `data/calendar/vn-civil-service-calendar.json`
 * — and its validator. The calendar is data an administrator edits (schedules are announced late: the
 * 02/01/2026 swap was approved on 25/12/2025), so bad input must come back as a list of every problem, never
 * as a half-applied calendar.
 */
import type { FieldProblem } from '../errors.ts';
import { WEEKDAYS, civilFromDays, parseIsoDate, weekdayOf, type Weekday } from './civil-time.ts';

/** Why a day is off: a holiday of Labour Code 2019 Art. 112, a government swap, or a compensatory day (Art. 111(3)). */
export type OffDayKind = 'holiday' | 'swap' | 'compensatory' | 'other';
export const OFF_DAY_KINDS: readonly OffDayKind[] = ['holiday', 'swap', 'compensatory', 'other'];

export type YearStatus = 'final' | 'provisional';

export interface OffDay {
  /** `YYYY-MM-DD`, Vietnam civil date. */
  date: string;
  reason: string;
  kind: OffDayKind;
}

/** A make-up day (ngày làm bù), usually a Saturday: a full working day. */
export interface ExtraWorkDay {
  date: string;
  reason: string;
}

/**
 * A proposed day off that is not law yet (e.g. 24/11, Ngày Văn hóa Việt Nam). It changes nothing until an
 * administrator sets `enabled: true`; then it counts as an off day of kind `holiday`.
 */
export interface PendingOffDay {
  date: string;
  reason: string;
  enabled: boolean;
}

export interface CalendarYear {
  status: YearStatus;
  /** Every date of each break may be listed, weekend dates included; only working days change the arithmetic. */
  offDays: OffDay[];
  extraWorkDays: ExtraWorkDay[];
  pending?: PendingOffDay[];
  sources?: string[];
  /** Notes for administrators, e.g. what a generated provisional year assumed. */
  warnings?: string[];
}

/** `[start, end]` wall-clock times `HH:MM` in Vietnam, end exclusive; `24:00` allowed as an end. */
export type WorkingInterval = [string, string];

export interface LunarReference {
  note?: string;
  tet: Record<string, string>;
  gioTo: Record<string, string>;
}

export interface CalendarDefinition {
  name?: string;
  /** Only `Asia/Ho_Chi_Minh` is supported (fixed UTC+07:00, see civil-time.ts). */
  timezone: 'Asia/Ho_Chi_Minh';
  weeklyRest: Weekday[];
  /** The same intervals apply to every working day, make-up Saturdays included. */
  workingIntervals: WorkingInterval[];
  /** One "ngày làm việc" = this many working hours; must equal the total length of `workingIntervals`. */
  hoursPerWorkingDay: number;
  notes?: string[];
  /** Keyed by the year as a string (`"2026"`); the years must be consecutive. */
  years: Record<string, CalendarYear>;
  lunarReference?: LunarReference;
}

export type CalendarValidation =
  | { ok: true; calendar: CalendarDefinition }
  | { ok: false; problems: FieldProblem[] };

/** Raised by `buildWorkingCalendar` when handed a definition that does not validate. */
export class InvalidCalendarError extends Error {
  override readonly name = 'InvalidCalendarError';
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(`Invalid working calendar: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}

const HHMM = /^(\d{2}):(\d{2})$/;

/** `HH:MM` → minutes since midnight (00:00–24:00), or null. */
export function parseWallClock(text: string): number | null {
  const m = HHMM.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Unknown keys are reported, never silently dropped (DESIGN: reject, don't strip): a typo like `extraWorkdays` would otherwise lose data. */
function checkKeys(obj: Json, allowed: readonly string[], path: string, problems: FieldProblem[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push({ field: `${path}${key}`, message: 'unknown field' });
  }
}

function checkStringList(v: unknown, field: string, problems: FieldProblem[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) problems.push({ field, message: 'must be a list of strings' });
}

/**
 * Checks an untrusted object (e.g. `JSON.parse` of the data file, or an administrator's edit) and returns
 * either the typed definition or every problem found. The returned definition is the input object itself
 * (validated, not copied): treat it as read-only.
 */
export function parseCalendarDefinition(input: unknown): CalendarValidation {
  const problems: FieldProblem[] = [];
  if (!isObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };

  checkKeys(input, ['name', 'timezone', 'weeklyRest', 'workingIntervals', 'hoursPerWorkingDay', 'notes', 'years', 'lunarReference'], '', problems);
  if (input.name !== undefined && typeof input.name !== 'string') problems.push({ field: 'name', message: 'must be a string' });
  checkStringList(input.notes, 'notes', problems);

  if (input.timezone !== 'Asia/Ho_Chi_Minh') {
    problems.push({ field: 'timezone', message: 'only Asia/Ho_Chi_Minh is supported (fixed UTC+07:00)' });
  }

  const weeklyRest = input.weeklyRest;
  if (!Array.isArray(weeklyRest)) {
    problems.push({ field: 'weeklyRest', message: 'must be a list of weekdays (MON…SUN)' });
  } else {
    const seen = new Set<unknown>();
    weeklyRest.forEach((d, i) => {
      if (!WEEKDAYS.includes(d as Weekday)) problems.push({ field: `weeklyRest/${i}`, message: `must be one of ${WEEKDAYS.join(', ')}` });
      else if (seen.has(d)) problems.push({ field: `weeklyRest/${i}`, message: 'duplicate weekday' });
      seen.add(d);
    });
    if (weeklyRest.length >= 7) problems.push({ field: 'weeklyRest', message: 'at least one weekday must be a working day' });
  }

  let intervalMinutes: number | null = null;
  const intervals = input.workingIntervals;
  if (!Array.isArray(intervals) || intervals.length === 0) {
    problems.push({ field: 'workingIntervals', message: 'must be a non-empty list of ["HH:MM", "HH:MM"] pairs' });
  } else {
    let total = 0;
    let previousEnd = -1;
    let sound = true;
    intervals.forEach((pair, i) => {
      const field = `workingIntervals/${i}`;
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        problems.push({ field, message: 'must be a pair ["HH:MM", "HH:MM"]' });
        sound = false;
        return;
      }
      const start = parseWallClock(pair[0]);
      const end = parseWallClock(pair[1]);
      if (start === null || end === null) {
        problems.push({ field, message: 'times must be HH:MM between 00:00 and 24:00' });
        sound = false;
        return;
      }
      if (start >= end) {
        problems.push({ field, message: 'start must be before end' });
        sound = false;
        return;
      }
      if (start < previousEnd) {
        problems.push({ field, message: 'intervals must be in order and must not overlap' });
        sound = false;
      }
      previousEnd = end;
      total += end - start;
    });
    if (sound) intervalMinutes = total;
  }

  const hpd = input.hoursPerWorkingDay;
  if (typeof hpd !== 'number' || !Number.isFinite(hpd) || hpd <= 0) {
    problems.push({ field: 'hoursPerWorkingDay', message: 'must be a positive number' });
  } else if (intervalMinutes !== null && Math.abs(intervalMinutes - hpd * 60) > 1e-9) {
    // "N ngày làm việc" = N × hoursPerWorkingDay working hours; if the intervals disagree, one working day would
    // spill into the next civil day and "1 day" would stop meaning one day. Make the administrator fix one.
    problems.push({
      field: 'hoursPerWorkingDay',
      message: `working intervals total ${intervalMinutes / 60} h but hoursPerWorkingDay is ${hpd}`,
    });
  }

  // Checked against make-up days only when weeklyRest itself is sound, so one typo is reported once, not per make-up day.
  const restSet = problems.some((p) => p.field.startsWith('weeklyRest')) ? null : new Set<Weekday>(weeklyRest as Weekday[]);
  const years = input.years;
  if (!isObject(years) || Object.keys(years).length === 0) {
    problems.push({ field: 'years', message: 'must be an object with at least one year' });
  } else {
    const numbers: number[] = [];
    for (const [key, value] of Object.entries(years)) {
      if (!/^\d{4}$/.test(key)) {
        problems.push({ field: `years/${key}`, message: 'year keys must be four digits' });
        continue;
      }
      numbers.push(Number(key));
      checkYear(Number(key), value, `years/${key}/`, restSet, problems);
    }
    numbers.sort((a, b) => a - b);
    for (let i = 1; i < numbers.length; i++) {
      const prev = numbers[i - 1] as number;
      if ((numbers[i] as number) !== prev + 1) {
        problems.push({ field: 'years', message: `years must be consecutive: ${prev + 1} is missing` });
      }
    }
  }

  if (input.lunarReference !== undefined) checkLunarReference(input.lunarReference, problems);

  return problems.length === 0 ? { ok: true, calendar: input as unknown as CalendarDefinition } : { ok: false, problems };
}

function checkDate(value: unknown, year: number, field: string, problems: FieldProblem[]): number | null {
  if (typeof value !== 'string') {
    problems.push({ field, message: 'must be a date YYYY-MM-DD' });
    return null;
  }
  const day = parseIsoDate(value);
  if (day === null) {
    problems.push({ field, message: `${JSON.stringify(value)} is not a date YYYY-MM-DD` });
    return null;
  }
  if (civilFromDays(day).year !== year) {
    problems.push({ field, message: `${value} is not in ${year}` });
    return null;
  }
  return day;
}

function checkYear(year: number, value: unknown, path: string, rest: ReadonlySet<Weekday> | null, problems: FieldProblem[]): void {
  if (!isObject(value)) {
    problems.push({ field: path.slice(0, -1), message: 'must be an object' });
    return;
  }
  checkKeys(value, ['status', 'offDays', 'extraWorkDays', 'pending', 'sources', 'warnings'], path, problems);
  if (value.status !== 'final' && value.status !== 'provisional') {
    problems.push({ field: `${path}status`, message: 'must be "final" or "provisional"' });
  }
  checkStringList(value.sources, `${path}sources`, problems);
  checkStringList(value.warnings, `${path}warnings`, problems);

  const offDates = new Map<number, string>();
  if (!Array.isArray(value.offDays)) {
    problems.push({ field: `${path}offDays`, message: 'must be a list' });
  } else {
    value.offDays.forEach((entry, i) => {
      const field = `${path}offDays/${i}`;
      if (!isObject(entry)) { problems.push({ field, message: 'must be an object {date, reason, kind}' }); return; }
      checkKeys(entry, ['date', 'reason', 'kind'], `${field}/`, problems);
      if (!isNonEmptyString(entry.reason)) problems.push({ field: `${field}/reason`, message: 'must be a non-empty string' });
      if (!OFF_DAY_KINDS.includes(entry.kind as OffDayKind)) {
        problems.push({ field: `${field}/kind`, message: `must be one of ${OFF_DAY_KINDS.join(', ')}` });
      }
      const day = checkDate(entry.date, year, `${field}/date`, problems);
      if (day === null) return;
      if (offDates.has(day)) problems.push({ field: `${field}/date`, message: `${String(entry.date)} is listed twice` });
      offDates.set(day, field);
    });
  }

  const extraDates = new Set<number>();
  if (!Array.isArray(value.extraWorkDays)) {
    problems.push({ field: `${path}extraWorkDays`, message: 'must be a list' });
  } else {
    value.extraWorkDays.forEach((entry, i) => {
      const field = `${path}extraWorkDays/${i}`;
      if (!isObject(entry)) { problems.push({ field, message: 'must be an object {date, reason}' }); return; }
      checkKeys(entry, ['date', 'reason'], `${field}/`, problems);
      if (!isNonEmptyString(entry.reason)) problems.push({ field: `${field}/reason`, message: 'must be a non-empty string' });
      const day = checkDate(entry.date, year, `${field}/date`, problems);
      if (day === null) return;
      if (extraDates.has(day)) problems.push({ field: `${field}/date`, message: `${String(entry.date)} is listed twice` });
      extraDates.add(day);
      if (offDates.has(day)) problems.push({ field: `${field}/date`, message: `${String(entry.date)} is also an off day` });
      // A make-up day on a day that is already a working day changes nothing: almost certainly a typo.
      if (rest !== null && !rest.has(weekdayOf(day))) problems.push({ field: `${field}/date`, message: `${String(entry.date)} is not a weekly rest day` });
    });
  }

  if (value.pending !== undefined) {
    if (!Array.isArray(value.pending)) {
      problems.push({ field: `${path}pending`, message: 'must be a list' });
    } else {
      value.pending.forEach((entry, i) => {
        const field = `${path}pending/${i}`;
        if (!isObject(entry)) { problems.push({ field, message: 'must be an object {date, reason, enabled}' }); return; }
        checkKeys(entry, ['date', 'reason', 'enabled'], `${field}/`, problems);
        if (!isNonEmptyString(entry.reason)) problems.push({ field: `${field}/reason`, message: 'must be a non-empty string' });
        if (typeof entry.enabled !== 'boolean') problems.push({ field: `${field}/enabled`, message: 'must be true or false' });
        const day = checkDate(entry.date, year, `${field}/date`, problems);
        if (day !== null && extraDates.has(day)) problems.push({ field: `${field}/date`, message: `${String(entry.date)} is also a make-up day` });
      });
    }
  }
}

function checkLunarReference(value: unknown, problems: FieldProblem[]): void {
  if (!isObject(value)) { problems.push({ field: 'lunarReference', message: 'must be an object' }); return; }
  checkKeys(value, ['note', 'tet', 'gioTo'], 'lunarReference/', problems);
  for (const key of ['tet', 'gioTo'] as const) {
    const table = value[key];
    if (!isObject(table)) {
      problems.push({ field: `lunarReference/${key}`, message: 'must be an object {year: date}' });
      continue;
    }
    for (const [year, date] of Object.entries(table)) {
      if (!/^\d{4}$/.test(year)) problems.push({ field: `lunarReference/${key}/${year}`, message: 'year keys must be four digits' });
      else checkDate(date, Number(year), `lunarReference/${key}/${year}`, problems);
    }
  }
}
