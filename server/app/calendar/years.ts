/**
 * A year of the working calendar: read by anyone, edited by administrators (issue 3, R-28.1). An edit stores a
 * new calendar version, recomputes the due instant of every open deadline with it, and audits both — in one
 * transaction, so that no deadline is ever computed with a calendar that was not saved.
 */
import { can, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import {
  LUNAR_TABLE_FIRST_YEAR,
  LUNAR_TABLE_LAST_YEAR,
  addWorkingTime,
  daysFromCivil,
  describeDay,
  formatIsoDate,
  formatVietnamTime,
  generateProvisionalYear,
  parseCalendarDefinition,
  type CalendarDefinition,
  type CalendarYear,
  type DayInfo,
} from '../../domain/calendar/index.ts';
import { insertCalendarVersion, lockLatestCalendarVersion, lockOpenDeadlines, updateDeadlineDue, stampOpenDeadlines } from '../../db/repos/calendar.repo.ts';
import { auditActor, requirePermission } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar, referenceUnitOfWork } from '../reference/reference-data.ts';
import { flagSessionsOffCalendar } from '../reception/sessions.ts';
import { compileCalendar } from './current-calendar.ts';

export interface YearView extends Required<CalendarYear> {
  year: number;
  calendarVersion: number;
  /** True when the year is not stored at all and was generated from the Labour Code for this answer. */
  generated: boolean;
  workingDays: number;
  /** Weekdays that are off and Saturdays/Sundays that are worked, as the arithmetic sees them. */
  exceptions: DayInfo[];
}

function yearNotCovered(year: number, first: number, last: number): AppError {
  return new AppError('NOT_FOUND', {
    detail: { vi: `Lịch làm việc có các năm ${first}–${last}; không có năm ${year}`, en: `The working calendar covers ${first}–${last}; ${year} is not covered` },
  });
}

export async function calendarYear(ctx: AppContext, year: number): Promise<YearView> {
  const cur = await currentCalendar(ctx);
  const { calendar } = cur;
  if (year < calendar.firstYear || year > calendar.lastYear) throw yearNotCovered(year, calendar.firstYear, calendar.lastYear);
  const y = calendar.definition.years[String(year)] as CalendarYear;
  let workingDays = 0;
  const exceptions: DayInfo[] = [];
  for (let d = daysFromCivil(year, 1, 1); d < daysFromCivil(year + 1, 1, 1); d++) {
    const info = describeDay(calendar, formatIsoDate(d));
    if (info.working) workingDays++;
    const weekend = info.weekday === 'SAT' || info.weekday === 'SUN';
    if (info.working === weekend) exceptions.push(info);
  }
  return {
    year,
    calendarVersion: cur.version,
    generated: cur.stored.years[String(year)] === undefined,
    status: y.status,
    offDays: y.offDays,
    extraWorkDays: y.extraWorkDays,
    pending: y.pending ?? [],
    sources: y.sources ?? [],
    warnings: y.warnings ?? [],
    workingDays,
    exceptions,
  };
}

export interface YearEdit extends Omit<CalendarYear, 'warnings'> {
  /** Why: the decision that announced the schedule, or what was corrected. Kept with the version. */
  note: string;
}

export interface YearEditResult {
  calendarVersion: number;
  recomputedDeadlines: number;
  changedDeadlines: number;
  /** Reception sessions now on a day off, flagged `needs_rescheduling`. */
  sessionsToReschedule: number;
}

/** `years/2026/offDays/3/date` (domain validator) → `body.offDays.3.date` (this request). */
function bodyField(field: string, year: number): string {
  const prefix = `years/${year}/`;
  return field.startsWith(prefix) ? `body.${field.slice(prefix.length).replace(/\//g, '.')}` : `body.${field.replace(/\//g, '.')}`;
}

export async function editCalendarYear(ctx: AppContext, actor: Actor, year: number, edit: YearEdit): Promise<YearEditResult> {
  requirePermission(actor, can(actor, 'calendar.manage', { any: true }));
  if (!Number.isInteger(year) || year < LUNAR_TABLE_FIRST_YEAR || year > LUNAR_TABLE_LAST_YEAR)
    throw invalid([{ field: 'params.year', message: `Năm phải trong khoảng ${LUNAR_TABLE_FIRST_YEAR}–${LUNAR_TABLE_LAST_YEAR}` }]);
  if (edit.note.trim().length < 3) throw invalid([{ field: 'body.note', message: 'Cần ghi lý do hoặc văn bản công bố lịch (ít nhất 3 ký tự)' }]);
  const { note, ...yearData } = edit;

  return referenceUnitOfWork(ctx, auditActor(actor), async (w) => {
    const latest = await lockLatestCalendarVersion(w.tx);
    if (!latest) throw new Error('No working calendar is stored: the reference seed has not run');
    const definition = withYear(latest.definition, year, yearData);
    const checked = parseCalendarDefinition(definition);
    if (!checked.ok) throw invalid(checked.problems.map((p) => ({ field: bodyField(p.field, year), message: p.message })));

    const version = latest.id + 1;
    const next = compileCalendar(version, definition);
    await insertCalendarVersion(w.tx, { id: version, definition, note: note.trim(), createdAt: w.now, createdBy: actor.kind === 'anonymous' ? null : actor.userId });
    await w.audit({
      action: 'calendar.yearEdited',
      subjectType: 'calendar',
      subjectId: String(year),
      fromState: String(latest.id),
      toState: String(version),
      payload: { year, status: yearData.status, note: note.trim(), offDays: yearData.offDays.length, extraWorkDays: yearData.extraWorkDays.length },
    });

    const open = await lockOpenDeadlines(w.tx);
    let changed = 0;
    for (const d of open) {
      const due = addWorkingTime(next.calendar, d.startedAt, d.amount);
      if (due.getTime() === d.dueAt.getTime()) continue;
      changed++;
      await updateDeadlineDue(w.tx, d.id, due, version);
      await w.audit({
        action: 'deadline.recomputed',
        subjectType: d.subjectType,
        subjectId: d.subjectId,
        payload: { clock: d.clock, from: formatVietnamTime(d.dueAt), to: formatVietnamTime(due), calendarVersion: version },
      });
    }
    await stampOpenDeadlines(w.tx, version);
    // reception sessions on a day the edit made off are flagged for rescheduling; their bookers are told.
    const sessionsToReschedule = await flagSessionsOffCalendar(w, next.calendar, version);
    return { calendarVersion: version, recomputedDeadlines: open.length, changedDeadlines: changed, sessionsToReschedule };
  });
}

/** The definition with `year` replaced; years between the stored ones and `year` are filled provisionally. */
function withYear(def: CalendarDefinition, year: number, data: Omit<CalendarYear, 'warnings'>): CalendarDefinition {
  const years: Record<string, CalendarYear> = { ...def.years };
  const keys = Object.keys(years).map(Number);
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  for (let y = year + 1; y < first; y++) years[String(y)] = generateProvisionalYear(y, { weeklyRest: def.weeklyRest });
  for (let y = last + 1; y < year; y++) years[String(y)] = generateProvisionalYear(y, { weeklyRest: def.weeklyRest });
  years[String(year)] = data;
  return { ...def, years };
}
