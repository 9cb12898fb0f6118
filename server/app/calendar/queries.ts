/**
 * Deadline questions asked from outside (public API, CLI): the one place that reads the raw parameters, so that
 * `GET /api/v1/calendar/deadline` and `npx ihanoi calendar deadline` give the same answers and the same errors.
 */
import { invalid } from '../../domain/errors.ts';
import {
  CalendarRangeError,
  addWorkingTime,
  civilYearOf,
  clarificationWindow,
  formatVietnamTime,
  parseVietnamInstant,
  type WorkingAmount,
} from '../../domain/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../reference/reference-data.ts';
import type { CurrentCalendar } from './current-calendar.ts';

/** "more than 365 days" is refused (issue 3); the hour limit is the same span. */
export const MAX_DAYS = 365;

export interface DeadlineQuery {
  from?: string | undefined;
  hours?: string | undefined;
  days?: string | undefined;
}

export interface DeadlineAnswer {
  due: string;
  calendarVersion: number;
  provisional: boolean;
}

/** How a parameter is named to the caller: `querystring.from` over HTTP, `--from` on the command line. */
export type ParamName = (name: 'from' | 'hours' | 'days' | 'received') => string;

function instantParam(text: string | undefined, field: string): Date {
  if (text === undefined || text.trim() === '')
    throw invalid([{ field, message: 'Thiếu thời điểm (ISO 8601, ví dụ 2026-01-05T08:00:00+07:00)' }]);
  const at = parseVietnamInstant(text);
  if (!at) throw invalid([{ field, message: `"${text}" không phải thời điểm ISO 8601 hợp lệ (ví dụ 2026-01-05T08:00:00+07:00)` }]);
  return at;
}

function amountParam(q: DeadlineQuery, name: ParamName, hoursPerDay: number): WorkingAmount {
  if (q.hours !== undefined && q.days !== undefined)
    throw invalid([{ field: name('hours'), message: 'Chỉ dùng một trong hai tham số hours hoặc days' }, { field: name('days'), message: 'Chỉ dùng một trong hai tham số hours hoặc days' }]);
  if (q.hours === undefined && q.days === undefined)
    throw invalid([{ field: name('hours'), message: 'Cần số giờ làm việc (hours) hoặc số ngày làm việc (days)' }]);
  const unit = q.hours !== undefined ? 'hours' : 'days';
  const raw = (q.hours ?? q.days ?? '').trim();
  const max = unit === 'days' ? MAX_DAYS : MAX_DAYS * hoursPerDay;
  if (!/^[+-]?\d+$/.test(raw)) throw invalid([{ field: name(unit), message: `"${raw}" không phải số nguyên` }]);
  const n = Number(raw);
  if (n < 0) throw invalid([{ field: name(unit), message: 'Không được là số âm' }]);
  if (n > max) throw invalid([{ field: name(unit), message: `Tối đa ${max} ${unit === 'days' ? 'ngày' : 'giờ'} làm việc (${MAX_DAYS} ngày)` }]);
  return unit === 'hours' ? { hours: n } : { days: n };
}

function outOfRange(err: CalendarRangeError, field: string, cur: CurrentCalendar) {
  return invalid([
    {
      field,
      message: `Lịch làm việc chỉ có các năm ${cur.calendar.firstYear}–${cur.calendar.lastYear}; không tính được cho năm ${err.year}`,
    },
  ]);
}

export async function computeDeadline(ctx: AppContext, q: DeadlineQuery, name: ParamName): Promise<DeadlineAnswer> {
  const from = instantParam(q.from, name('from'));
  const cur = await currentCalendar(ctx);
  const amount = amountParam(q, name, cur.calendar.hoursPerWorkingDay);
  const fromYear = civilYearOf(from.getTime());
  if (fromYear < cur.calendar.firstYear || fromYear > cur.calendar.lastYear)
    throw outOfRange(new CalendarRangeError(fromYear, cur.calendar.firstYear, cur.calendar.lastYear, 'from'), name('from'), cur);
  let due: Date;
  try {
    due = addWorkingTime(cur.calendar, from, amount);
  } catch (err) {
    if (err instanceof CalendarRangeError) throw outOfRange(err, name('hours' in amount ? 'hours' : 'days'), cur);
    throw err;
  }
  return { due: formatVietnamTime(due), calendarVersion: cur.version, provisional: spansProvisional(cur, from, due) };
}

/** Whether any year the deadline runs through has no announced schedule. */
function spansProvisional(cur: CurrentCalendar, from: Date, due: Date): boolean {
  for (let y = civilYearOf(from.getTime()); y <= civilYearOf(due.getTime()); y++) if (cur.isProvisional(y)) return true;
  return false;
}

export async function computeClarificationWindow(ctx: AppContext, received: string | undefined, name: ParamName): Promise<{ closesAt: string }> {
  const at = instantParam(received, name('received'));
  const cur = await currentCalendar(ctx);
  try {
    return { closesAt: formatVietnamTime(clarificationWindow(cur.calendar, at)) };
  } catch (err) {
    if (err instanceof CalendarRangeError) throw outOfRange(err, name('received'), cur);
    throw err;
  }
}
