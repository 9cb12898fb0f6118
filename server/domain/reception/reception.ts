/**
 * Citizen reception booking with the City's Citizen Reception Board (R-3.8, R-5.4; Quyết định 12/QĐ-UBND
 * 03/01/2019): what a session and a booking are, which transitions a booking may make and by whom, the reasons a
 * booking is declined (as data, each with where to go instead — ), the categories of matters, and what
 * identifies a matter ("one open booking per matter"). Pure: time is a parameter.
 */
import { civilDate, describeDay, type WorkingCalendar } from '../calendar/index.ts';

export * from './workflow.ts';

export { RECEPTION_LIMITS } from './limits.ts';

/**
 * What identifies a matter: the citizen (the booking's account) with the category and the summary normalised —
 * letters and digits only, lower case, tone marks and diacritics removed, đ → d, whitespace collapsed. Rewording
 * beyond that is a different matter for the platform; the Board's officers decline a duplicate as
 * `already_resolved` or `other`. The database enforces one open booking per (citizen, matter key).
 */
export function matterKey(category: string, summary: string): string {
  const text = summary
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `${category}:${text}`;
}

/** A session must fall on a working day of the calendar in force; the reason in Vietnamese when it does not. */
export function sessionDayProblem(cal: WorkingCalendar, startsAt: Date, endsAt: Date): string | null {
  const day = civilDate(startsAt);
  if (civilDate(endsAt) !== day) return 'Buổi tiếp phải bắt đầu và kết thúc trong cùng một ngày';
  let info;
  try {
    info = describeDay(cal, day);
  } catch {
    return `Lịch làm việc chưa có ngày ${day}`;
  }
  if (info.working) return null;
  const what = info.reason ?? (info.kind === 'weekly_rest' ? 'ngày nghỉ hằng tuần' : 'ngày nghỉ');
  return `Ngày ${day} không phải ngày làm việc theo lịch làm việc hiện hành (${what}); buổi tiếp chỉ tổ chức vào ngày làm việc`;
}

/** Booking closes this many hours before the session starts. */
export function bookingClosesAt(startsAt: Date, closesHoursBefore: number): Date {
  return new Date(startsAt.getTime() - closesHoursBefore * 3_600_000);
}
