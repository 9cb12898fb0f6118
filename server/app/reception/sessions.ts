/**
 * Reception sessions: the Board's officers publish, move and cancel them; the public reads the upcoming
 * ones. A session falls on a working day of the calendar in force; a calendar edit that makes its day off flags it
 * `needs_rescheduling` (flagSessionsOffCalendar, called in the edit's unit of work). Every change that concerns
 * the bookers (moved, cancelled, to be rescheduled) is an audited event on each open booking — their inbox.
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { civilYearOf, formatVietnamTime, type WorkingCalendar } from '../../domain/calendar/index.ts';
import {
  OPEN_BOOKING_STATES,
  RECEPTION_LIMITS,
  bookingClosesAt,
  sessionDayProblem,
  type SessionKind,
} from '../../domain/reception/index.ts';
import {
  findSession,
  insertSession,
  listSessions,
  lockBookingsOfSession,
  lockScheduledSessionsFrom,
  lockSession,
  nextReceptionCode,
  updateBooking,
  updateSession,
  type SessionRow,
} from '../../db/repos/reception.repo.ts';
import { uuidv7 } from 'uuidv7';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../reference/reference-data.ts';
import { unitOfWork, type Work } from '../unit-of-work.ts';

export const SESSION_SUBJECT = 'reception_session';
export const BOOKING_SUBJECT = 'reception_booking';

/** The agencies where the actor manages reception (the Board): 401 anonymous, 403 without the permission. */
export function receptionScope(actor: Actor): 'all' | string[] {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const scope = agencyScope(actor, 'reception.manage');
  if (scope !== 'all' && scope.length === 0) throw new AppError('FORBIDDEN');
  return scope;
}

export const inScope = (scope: 'all' | string[], agencyId: string) => scope === 'all' || scope.includes(agencyId);

export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
  place: string;
  receiver: string;
  capacity: number;
  topics: string[];
  kind: SessionKind;
}

function checkSession(cal: WorkingCalendar, now: Date, s: SessionInput, booked = 0): void {
  const problems: FieldProblem[] = [];
  if (s.startsAt.getTime() <= now.getTime()) problems.push({ field: 'body.startsAt', message: 'Buổi tiếp phải bắt đầu sau thời điểm hiện tại' });
  if (s.endsAt.getTime() <= s.startsAt.getTime()) problems.push({ field: 'body.endsAt', message: 'Giờ kết thúc phải sau giờ bắt đầu' });
  else {
    const day = sessionDayProblem(cal, s.startsAt, s.endsAt);
    if (day) problems.push({ field: 'body.startsAt', message: day });
  }
  if (!s.place.trim()) problems.push({ field: 'body.place', message: 'Cần ghi địa điểm tiếp công dân' });
  if (!s.receiver.trim()) problems.push({ field: 'body.receiver', message: 'Cần ghi lãnh đạo hoặc bộ phận tiếp công dân' });
  if (s.capacity < booked) problems.push({ field: 'body.capacity', message: `Không được ít hơn số chỗ đã đăng ký (${booked})` });
  s.topics.forEach((t, i) => {
    if (!t.trim()) problems.push({ field: `body.topics.${i}`, message: 'Chủ đề không được để trống' });
  });
  if (problems.length) throw invalid(problems);
}

/** The columns a published or edited session stores from its input: trimmed texts, scheduled, booking's close. */
function sessionFields(input: SessionInput, closesHours: number) {
  return {
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    place: input.place.trim(),
    receiver: input.receiver.trim(),
    capacity: input.capacity,
    topics: input.topics.map((t) => t.trim()),
    kind: input.kind,
    state: 'scheduled' as const,
    booking_closes_at: bookingClosesAt(input.startsAt, closesHours),
  };
}

function sessionCalendar(ctx: AppContext) {
  return currentCalendar(ctx);
}

function outOfCalendar(err: unknown): never {
  if (err instanceof RangeError) throw invalid([{ field: 'body.startsAt', message: 'Ngày này nằm ngoài lịch làm việc đã có' }]);
  throw err;
}

export async function publishSession(ctx: AppContext, actor: Actor, input: SessionInput & { agencyId: string | null }): Promise<SessionRow> {
  const scope = receptionScope(actor);
  const agencyId = input.agencyId ?? (scope === 'all' ? null : scope[0]!);
  if (!agencyId) throw invalid([{ field: 'body.agencyId', message: 'Cần chọn cơ quan tổ chức tiếp công dân' }]);
  if (!inScope(scope, agencyId)) throw new AppError('FORBIDDEN');
  const { calendar } = await sessionCalendar(ctx);
  try {
    checkSession(calendar, ctx.clock.now(), input);
  } catch (err) {
    outOfCalendar(err);
  }
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const row = await insertSession(w.tx, {
      id: uuidv7(),
      code: await nextReceptionCode(w.tx, 'session', civilYearOf(w.now.getTime())),
      agency_id: agencyId,
      ...sessionFields(input, ctx.config.receptionBookingClosesHours),
      created_by: actor.kind === 'staff' ? actor.userId : '',
      created_at: w.now,
      updated_at: w.now,
    });
    await w.audit({
      action: 'reception.session.publish',
      subjectType: SESSION_SUBJECT,
      subjectId: row.id,
      toState: 'scheduled',
      payload: { code: row.code, kind: row.kind, startsAt: formatVietnamTime(row.starts_at), endsAt: formatVietnamTime(row.ends_at), capacity: row.capacity },
    });
    return row;
  });
}

async function lockedSessionInScope(w: Work, scope: 'all' | string[], id: string, version: number): Promise<SessionRow> {
  const s = await lockSession(w.tx, id);
  if (!s || !inScope(scope, s.agency_id)) throw new AppError('NOT_FOUND');
  if (s.version !== version) throw new AppError('RECEPTION_VERSION_CONFLICT');
  return s;
}

/** Tells each open booking of a session (an audited event on the booking, read by the booker's inbox). */
async function tellBookers(w: Work, sessionId: string, action: string, payload: Record<string, unknown>): Promise<number> {
  const open = await lockBookingsOfSession(w.tx, sessionId, OPEN_BOOKING_STATES);
  for (const b of open)
    await w.audit({ action, subjectType: BOOKING_SUBJECT, subjectId: b.id, fromState: b.state, toState: b.state, payload: { ...payload, bookingCode: b.code } });
  return open.length;
}

/**
 * PUT: the session's published details, whole. A new time (or place) is told to every open booking; a session
 * flagged for rescheduling becomes scheduled again once it is on a working day. Reminders go again for the new time.
 */
export async function editSession(ctx: AppContext, actor: Actor, id: string, input: SessionInput & { version: number }): Promise<{ session: SessionRow; notified: number }> {
  const scope = receptionScope(actor);
  const { calendar } = await sessionCalendar(ctx);
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const s = await lockedSessionInScope(w, scope, id, input.version);
    if (s.state === 'cancelled') throw new AppError('RECEPTION_TRANSITION_NOT_ALLOWED', { detail: { vi: 'Buổi tiếp đã bị hủy, không sửa được', en: 'The session was cancelled' } });
    try {
      checkSession(calendar, w.now, input, s.booked);
    } catch (err) {
      outOfCalendar(err);
    }
    const moved = s.starts_at.getTime() !== input.startsAt.getTime() || s.ends_at.getTime() !== input.endsAt.getTime() || s.place !== input.place.trim();
    const saved = await updateSession(w.tx, id, s.version, {
      ...sessionFields(input, ctx.config.receptionBookingClosesHours),
      updated_at: w.now,
    });
    if (!saved) throw new AppError('RECEPTION_VERSION_CONFLICT');
    const from = { startsAt: formatVietnamTime(s.starts_at), endsAt: formatVietnamTime(s.ends_at), place: s.place };
    const to = { startsAt: formatVietnamTime(saved.starts_at), endsAt: formatVietnamTime(saved.ends_at), place: saved.place };
    await w.audit({ action: moved ? 'reception.session.move' : 'reception.session.edit', subjectType: SESSION_SUBJECT, subjectId: id, fromState: s.state, toState: saved.state, payload: { code: s.code, from, to, capacity: saved.capacity } });
    let notified = 0;
    if (moved) {
      notified = await tellBookers(w, id, 'reception.sessionMoved', { sessionCode: s.code, from, to });
      // A reminder goes again for the new time.
      const open = await lockBookingsOfSession(w.tx, id, ['accepted']);
      for (const b of open) if (b.reminded_at) await updateBooking(w.tx, b.id, null, { reminded_at: null, updated_at: w.now });
    }
    return { session: saved, notified };
  });
}

/** Cancels a session: its open bookings are cancelled with the reason, told, and their seats given back. */
export async function cancelSession(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }): Promise<{ session: SessionRow; notified: number }> {
  const scope = receptionScope(actor);
  if (input.reason.trim().length < 5) throw invalid([{ field: 'body.reason', message: 'Cần ghi lý do hủy buổi tiếp (ít nhất 5 ký tự)' }]);
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const s = await lockedSessionInScope(w, scope, id, input.version);
    if (s.state === 'cancelled') throw new AppError('RECEPTION_TRANSITION_NOT_ALLOWED', { detail: { vi: 'Buổi tiếp đã bị hủy', en: 'The session is already cancelled' } });
    const open = await lockBookingsOfSession(w.tx, id, ['requested', 'info_requested', 'accepted']);
    for (const b of open) {
      await updateBooking(w.tx, b.id, null, { state: 'cancelled', updated_at: w.now });
      await w.audit({
        action: 'reception.sessionCancelled',
        subjectType: BOOKING_SUBJECT,
        subjectId: b.id,
        fromState: b.state,
        toState: 'cancelled',
        payload: { bookingCode: b.code, sessionCode: s.code, explanation: input.reason.trim(), startsAt: formatVietnamTime(s.starts_at) },
      });
    }
    const saved = await updateSession(w.tx, id, s.version, { state: 'cancelled', cancel_reason: input.reason.trim(), booked: Math.max(0, s.booked - open.length), updated_at: w.now });
    if (!saved) throw new AppError('RECEPTION_VERSION_CONFLICT');
    await w.audit({ action: 'reception.session.cancel', subjectType: SESSION_SUBJECT, subjectId: id, fromState: s.state, toState: 'cancelled', payload: { code: s.code, reason: input.reason.trim(), bookingsCancelled: open.length } });
    return { session: saved, notified: open.length };
  });
}

/**
 * After a calendar edit, in its unit of work: scheduled sessions from now on whose day is no longer a working day
 * become `needs_rescheduling`, audited with the calendar version, and their bookers are told.
 */
export async function flagSessionsOffCalendar(w: Work, calendar: WorkingCalendar, calendarVersion: number): Promise<number> {
  const sessions = await lockScheduledSessionsFrom(w.tx, w.now);
  let flagged = 0;
  for (const s of sessions) {
    let problem: string | null;
    try {
      problem = sessionDayProblem(calendar, s.starts_at, s.ends_at);
    } catch {
      problem = 'Ngày này nằm ngoài lịch làm việc';
    }
    if (!problem) continue;
    const saved = await updateSession(w.tx, s.id, s.version, { state: 'needs_rescheduling', updated_at: w.now });
    if (!saved) continue;
    flagged++;
    await w.audit({ action: 'reception.session.needsRescheduling', subjectType: SESSION_SUBJECT, subjectId: s.id, fromState: 'scheduled', toState: 'needs_rescheduling', payload: { code: s.code, calendarVersion, explanation: problem } });
    await tellBookers(w, s.id, 'reception.sessionNeedsRescheduling', { sessionCode: s.code, startsAt: formatVietnamTime(s.starts_at), explanation: problem, calendarVersion });
  }
  return flagged;
}

export async function upcomingSessions(ctx: AppContext, q: { from: Date | null; to: Date | null; limit: number; offset: number }) {
  const now = ctx.clock.now();
  return listSessions(ctx.db, { agencies: 'all', from: q.from && q.from > now ? q.from : now, ...(q.to ? { to: q.to } : {}), states: ['scheduled'], limit: q.limit, offset: q.offset });
}

export async function staffSessions(ctx: AppContext, actor: Actor, q: { from: Date | null; to: Date | null; state: string | null; limit: number; offset: number }) {
  const scope = receptionScope(actor);
  return listSessions(ctx.db, { agencies: scope, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.state ? { states: [q.state] } : {}), limit: q.limit, offset: q.offset });
}

export async function staffSession(ctx: AppContext, actor: Actor, id: string): Promise<SessionRow> {
  const scope = receptionScope(actor);
  const s = await findSession(ctx.db, id);
  if (!s || !inScope(scope, s.agency_id)) throw new AppError('NOT_FOUND');
  return s;
}

/** The feed's sessions: from 30 days ago on, every state (cancelled ones are published as cancelled). */
export async function feedSessions(ctx: AppContext): Promise<SessionRow[]> {
  const from = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  return (await listSessions(ctx.db, { agencies: 'all', from, limit: 2000, offset: 0 })).rows;
}

export const SESSION_LIMITS = RECEPTION_LIMITS;
