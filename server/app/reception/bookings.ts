/**
 * Reception bookings: a verified citizen books a seat of a session and states the matter; the
 * Board's officers accept, ask for more information or decline with a reason (R-1.3: a complaint or denunciation
 * goes to its own procedure), check in at the session and record its outcome. Every change is one unit of work
 * with its audited event — which is also the citizen's inbox notice (app/notifications).
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { can, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { addWorkingTime, civilDate, civilYearOf, formatVietnamTime } from '../../domain/calendar/index.ts';
import {
  DECLINE_REASONS,
  OPEN_BOOKING_STATES,
  RECEPTION_LIMITS,
  holdsSeat,
  matterKey,
  nextBookingState,
  type BookingState,
  type DeclineReason,
  type MatterCategory,
  type OfficerAction,
} from '../../domain/reception/index.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  findBooking,
  findBookingByIdempotencyKey,
  findSession,
  insertBooking,
  listBookings,
  nextReceptionCode,
  releaseSeat,
  takeSeat,
  updateBooking,
  type BookingRow,
  type BookingWithSession,
} from '../../db/repos/reception.repo.ts';
import type { Applicant, EarlierDecision, Outcome } from '../../db/schema/reception.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../reference/reference-data.ts';
import { claimUploads } from '../uploads/index.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { BOOKING_SUBJECT, inScope, receptionScope } from './sessions.ts';

export interface BookingInput {
  sessionId: string;
  applicant: Applicant;
  summary: string;
  category: MatterCategory;
  handledElsewhere: boolean;
  earlierDecision: EarlierDecision | null;
  attachments: string[];
}

function citizenOf(actor: Actor, needsVerified: boolean): string {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  if (needsVerified && !can(actor, 'reception.book', { any: true })) throw new AppError('IDENTITY_NOT_VERIFIED');
  return actor.userId;
}

function checkInput(b: BookingInput): void {
  const problems: FieldProblem[] = [];
  const summary = b.summary.trim();
  if (summary.length < RECEPTION_LIMITS.summaryMin) problems.push({ field: 'body.summary', message: `Cần trình bày nội dung vụ việc (ít nhất ${RECEPTION_LIMITS.summaryMin} ký tự)` });
  const a = b.applicant;
  if (a.kind === 'organisation' && !a.organisation) problems.push({ field: 'body.applicant.organisation', message: 'Cần ghi tên tổ chức và chức vụ người đại diện' });
  if (a.kind !== 'individual' && a.representatives.length === 0)
    problems.push({ field: 'body.applicant.representatives', message: a.kind === 'group' ? 'Nhóm đông người cần cử người đại diện (tối đa 5 người)' : 'Cần ghi người đại diện của tổ chức' });
  a.representatives.forEach((r, i) => {
    if (r.fullName.trim().length < 2) problems.push({ field: `body.applicant.representatives.${i}.fullName`, message: 'Cần ghi họ và tên người đại diện' });
  });
  if (b.handledElsewhere && !b.earlierDecision) problems.push({ field: 'body.earlierDecision', message: 'Vụ việc đã được giải quyết ở nơi khác: cần ghi cơ quan đã giải quyết (và văn bản, nếu có)' });
  if (problems.length) throw invalid(problems);
}

function fingerprint(b: BookingInput): string {
  return createHash('sha256').update(JSON.stringify(b)).digest('hex');
}

const OPEN_MATTER_INDEX = 'reception_bookings_open_matter_idx';

function matterBooked(): AppError {
  return new AppError('RECEPTION_MATTER_ALREADY_BOOKED', {
    errors: [{ field: 'body.summary', message: 'Bạn đã có lịch hẹn đang mở cho vụ việc này; hủy lịch hẹn đó hoặc chờ kết quả trước khi đăng ký lại' }],
  });
}

/** Books a seat. With an Idempotency-Key, a retry returns the booking already made. */
export async function bookSession(ctx: AppContext, actor: Actor, input: BookingInput, idempotencyKey: string | undefined): Promise<{ booking: BookingWithSession; replayed: boolean }> {
  const citizenId = citizenOf(actor, true);
  checkInput(input);
  const hash = fingerprint(input);
  const replayOf = async () => {
    const earlier = idempotencyKey ? await findBookingByIdempotencyKey(ctx.db, citizenId, idempotencyKey) : undefined;
    if (!earlier) return null;
    if (earlier.idempotency_hash !== hash)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', { errors: [{ field: 'headers.idempotency-key', message: 'Khóa này đã dùng cho một đăng ký khác; mỗi đăng ký mới cần một khóa mới' }] });
    return { booking: await withSession(ctx, earlier), replayed: true };
  };
  const replay = await replayOf();
  if (replay) return replay;
  const key = matterKey(input.category, input.summary);
  try {
    const booking = await unitOfWork(ctx, auditActor(actor), async (w) => {
      const seen = await findSession(w.tx, input.sessionId);
      if (!seen) throw new AppError('NOT_FOUND', { detail: { vi: 'Không tìm thấy buổi tiếp công dân này', en: 'No such reception session' } });
      const open = await w.tx
        .selectFrom('reception_bookings')
        .select('id')
        .where('citizen_id', '=', citizenId)
        .where('matter_key', '=', key)
        .where('state', 'in', [...OPEN_BOOKING_STATES])
        .executeTakeFirst();
      if (open) throw matterBooked();
      const session = await takeSeat(w.tx, input.sessionId, w.now);
      if (!session) {
        const now = (await findSession(w.tx, input.sessionId)) ?? seen;
        if (now.state !== 'scheduled') throw new AppError('RECEPTION_SESSION_NOT_OPEN');
        if (now.booking_closes_at.getTime() <= w.now.getTime())
          throw new AppError('RECEPTION_BOOKING_CLOSED', {
            detail: { vi: `Buổi tiếp ${now.code} đã hết hạn đăng ký lúc ${formatVietnamTime(now.booking_closes_at)}`, en: `Booking for session ${now.code} closed at ${formatVietnamTime(now.booking_closes_at)}` },
          });
        throw new AppError('RECEPTION_SESSION_FULL', {
          detail: { vi: `Buổi tiếp ${now.code} đã đủ ${now.capacity} chỗ; vui lòng chọn buổi tiếp khác`, en: `Session ${now.code} has all its ${now.capacity} seats taken; choose another session` },
        });
      }
      const attachments = await claimUploads(w.tx, citizenId, input.attachments, 'body.attachments');
      const row = await insertBooking(w.tx, {
        id: uuidv7(),
        code: await nextReceptionCode(w.tx, 'booking', civilYearOf(w.now.getTime())),
        session_id: session.id,
        citizen_id: citizenId,
        applicant: JSON.stringify(input.applicant),
        summary: input.summary.trim(),
        category: input.category,
        matter_key: key,
        handled_elsewhere: input.handledElsewhere,
        earlier_decision: input.earlierDecision ? JSON.stringify(input.earlierDecision) : null,
        attachments: attachments.map((u) => u.id),
        state: 'requested',
        idempotency_key: idempotencyKey ?? null,
        idempotency_hash: idempotencyKey ? hash : null,
        created_at: w.now,
        updated_at: w.now,
      });
      await w.audit({ action: 'reception.book', subjectType: BOOKING_SUBJECT, subjectId: row.id, toState: 'requested', payload: { bookingCode: row.code, sessionCode: session.code, category: row.category } });
      return { ...row, session };
    });
    return { booking, replayed: false };
  } catch (err) {
    if (isUniqueViolation(err)) {
      const constraint = (err as { constraint?: unknown }).constraint;
      if (constraint === OPEN_MATTER_INDEX) throw matterBooked();
      const again = await replayOf();
      if (again) return again;
      throw matterBooked();
    }
    throw err;
  }
}

async function withSession(ctx: AppContext, b: BookingRow): Promise<BookingWithSession> {
  const session = await findSession(ctx.db, b.session_id);
  return { ...b, session: session! };
}

export async function myBookings(ctx: AppContext, actor: Actor, q: { state: BookingState | null; limit: number; offset: number }) {
  const citizenId = citizenOf(actor, false);
  return listBookings(ctx.db, { citizenId, ...(q.state ? { states: [q.state] } : {}), limit: q.limit, offset: q.offset });
}

/** The citizen's own booking; another's is 404 (no hint that it exists). */
export async function myBooking(ctx: AppContext, actor: Actor, id: string): Promise<BookingWithSession> {
  const citizenId = citizenOf(actor, false);
  const b = await findBooking(ctx.db, id);
  if (!b || b.citizen_id !== citizenId) throw new AppError('NOT_FOUND');
  return withSession(ctx, b);
}

export async function staffBookings(ctx: AppContext, actor: Actor, q: { state: BookingState | null; sessionId: string | null; limit: number; offset: number }) {
  const scope = receptionScope(actor);
  return listBookings(ctx.db, { agencies: scope, ...(q.state ? { states: [q.state] } : {}), ...(q.sessionId ? { sessionId: q.sessionId } : {}), limit: q.limit, offset: q.offset });
}

export async function staffBooking(ctx: AppContext, actor: Actor, id: string): Promise<BookingWithSession> {
  const scope = receptionScope(actor);
  const b = await findBooking(ctx.db, id);
  if (!b) throw new AppError('NOT_FOUND');
  const full = await withSession(ctx, b);
  if (!inScope(scope, full.session.agency_id)) throw new AppError('NOT_FOUND');
  return full;
}

function notAllowed(vi: string, en: string): AppError {
  return new AppError('RECEPTION_TRANSITION_NOT_ALLOWED', { detail: { vi, en } });
}

export interface OfficerActionInput {
  action: OfficerAction;
  version: number;
  question?: string;
  reason?: DeclineReason;
  explanation?: string;
  whereToGo?: string;
  outcome?: { received: string; answeredBy: string; dueWorkingDays: number };
}

/** An officer's action on a booking of their Board (accept, requestInfo, decline, checkIn, complete, noShow). */
export async function actOnBooking(ctx: AppContext, actor: Actor, id: string, input: OfficerActionInput): Promise<BookingWithSession> {
  const scope = receptionScope(actor);
  const problems: FieldProblem[] = [];
  const text = (v: string | undefined) => (v ?? '').trim();
  if (input.action === 'requestInfo' && text(input.question).length < 5) problems.push({ field: 'body.question', message: 'Cần ghi thông tin cần công dân bổ sung (ít nhất 5 ký tự)' });
  if (input.action === 'decline') {
    if (!input.reason) problems.push({ field: 'body.reason', message: 'Cần chọn lý do từ chối' });
    else if ((input.reason === 'other' || input.reason === 'not_city_authority') && text(input.explanation).length < 5)
      problems.push({ field: 'body.explanation', message: 'Cần giải thích lý do và nơi công dân nên liên hệ (ít nhất 5 ký tự)' });
  }
  if (input.action === 'complete') {
    const o = input.outcome;
    if (!o) problems.push({ field: 'body.outcome', message: 'Cần ghi kết quả buổi tiếp' });
    else {
      if (o.received.trim().length < 5) problems.push({ field: 'body.outcome.received', message: 'Cần ghi nội dung đã tiếp nhận (ít nhất 5 ký tự)' });
      if (o.answeredBy.trim().length < 2) problems.push({ field: 'body.outcome.answeredBy', message: 'Cần ghi cơ quan, người sẽ trả lời' });
    }
  }
  if (problems.length) throw invalid(problems);
  const cal = input.action === 'complete' ? await currentCalendar(ctx) : null;

  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const b = await w.tx.selectFrom('reception_bookings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!b) throw new AppError('NOT_FOUND');
    const session = (await findSession(w.tx, b.session_id))!;
    if (!inScope(scope, session.agency_id)) throw new AppError('NOT_FOUND');
    if (b.version !== input.version) throw new AppError('RECEPTION_VERSION_CONFLICT');
    const to = nextBookingState(b.state, input.action);
    if (!to) throw notAllowed(`Lịch hẹn đang ở trạng thái "${b.state}", không thực hiện được "${input.action}"`, `A booking in state ${b.state} does not allow ${input.action}`);
    const patch: Parameters<typeof updateBooking>[3] = { state: to, updated_at: w.now };
    const payload: Record<string, unknown> = { bookingCode: b.code, sessionCode: session.code };
    switch (input.action) {
      case 'accept':
        if (session.state !== 'scheduled') throw notAllowed('Buổi tiếp đã bị hủy hoặc đang chờ bố trí lại', 'The session is cancelled or awaiting rescheduling');
        payload.startsAt = formatVietnamTime(session.starts_at);
        payload.place = session.place;
        break;
      case 'requestInfo':
        patch.info_request = text(input.question);
        patch.info_answer = null;
        payload.question = text(input.question);
        break;
      case 'decline': {
        const reason = input.reason!;
        const whereToGo = text(input.whereToGo) || DECLINE_REASONS[reason].whereToGo;
        patch.decline_reason = reason;
        patch.decline_explanation = text(input.explanation) || null;
        patch.decline_where_to_go = whereToGo;
        Object.assign(payload, { reason, rejectReason: DECLINE_REASONS[reason].label, explanation: text(input.explanation) || DECLINE_REASONS[reason].label, whereToGo });
        break;
      }
      case 'checkIn':
        if (session.state !== 'scheduled') throw notAllowed('Buổi tiếp đã bị hủy hoặc đang chờ bố trí lại', 'The session is cancelled or awaiting rescheduling');
        if (civilDate(w.now) !== civilDate(session.starts_at))
          throw notAllowed(`Chỉ điểm danh trong ngày của buổi tiếp (${civilDate(session.starts_at)})`, `Check-in only on the session's day (${civilDate(session.starts_at)})`);
        patch.checked_in_at = w.now;
        break;
      case 'noShow':
        if (w.now.getTime() < session.starts_at.getTime()) throw notAllowed('Buổi tiếp chưa bắt đầu', 'The session has not started');
        break;
      case 'complete': {
        const o = input.outcome!;
        const due = addWorkingTime(cal!.calendar, w.now, { days: o.dueWorkingDays });
        const outcome: Outcome = { received: o.received.trim(), answeredBy: o.answeredBy.trim(), dueWorkingDays: o.dueWorkingDays, dueAt: formatVietnamTime(due), calendarVersion: cal!.version };
        patch.outcome = JSON.stringify(outcome);
        Object.assign(payload, { answeredBy: outcome.answeredBy, dueAt: outcome.dueAt, dueWorkingDays: outcome.dueWorkingDays });
        break;
      }
    }
    const saved = await updateBooking(w.tx, b.id, b.version, patch);
    if (!saved) throw new AppError('RECEPTION_VERSION_CONFLICT');
    if (holdsSeat(b.state) && !holdsSeat(to)) await releaseSeat(w.tx, session.id);
    await w.audit({ action: `reception.${input.action}`, subjectType: BOOKING_SUBJECT, subjectId: b.id, fromState: b.state, toState: to, payload });
    return { ...saved, session: (await findSession(w.tx, session.id))! };
  });
}

/** The citizen's own actions: cancel their booking, or answer the Board's request for information. */
export async function citizenActOnBooking(ctx: AppContext, actor: Actor, id: string, input: { action: 'cancel' | 'answerInfo'; version: number; answer?: string }): Promise<BookingWithSession> {
  const citizenId = citizenOf(actor, false);
  if (input.action === 'answerInfo' && (input.answer ?? '').trim().length < 5) throw invalid([{ field: 'body.answer', message: 'Cần ghi thông tin bổ sung (ít nhất 5 ký tự)' }]);
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const b = await w.tx.selectFrom('reception_bookings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!b || b.citizen_id !== citizenId) throw new AppError('NOT_FOUND');
    if (b.version !== input.version) throw new AppError('RECEPTION_VERSION_CONFLICT');
    const to = nextBookingState(b.state, input.action);
    if (!to) throw notAllowed(`Lịch hẹn đang ở trạng thái "${b.state}", không thực hiện được thao tác này`, `A booking in state ${b.state} does not allow ${input.action}`);
    const patch: Parameters<typeof updateBooking>[3] = { state: to, updated_at: w.now };
    const payload: Record<string, unknown> = { bookingCode: b.code };
    if (input.action === 'answerInfo') {
      patch.info_answer = input.answer!.trim();
      payload.answer = input.answer!.trim();
    }
    const saved = await updateBooking(w.tx, b.id, b.version, patch);
    if (!saved) throw new AppError('RECEPTION_VERSION_CONFLICT');
    if (holdsSeat(b.state) && !holdsSeat(to)) await releaseSeat(w.tx, b.session_id);
    await w.audit({ action: `reception.${input.action}`, subjectType: BOOKING_SUBJECT, subjectId: b.id, fromState: b.state, toState: to, payload });
    return { ...saved, session: (await findSession(w.tx, b.session_id))! };
  });
}

/** The Board's list for a day (Vietnam civil date): its sessions and their bookings that were accepted or later. */
export async function dayList(ctx: AppContext, actor: Actor, isoDate: string) {
  const scope = receptionScope(actor);
  const start = new Date(`${isoDate}T00:00:00+07:00`);
  if (Number.isNaN(start.getTime())) throw invalid([{ field: 'querystring.date', message: 'Ngày không hợp lệ (YYYY-MM-DD)' }]);
  const end = new Date(start.getTime() + 86_400_000);
  const sessions = await ctx.db
    .selectFrom('reception_sessions')
    .selectAll()
    .where('starts_at', '>=', start)
    .where('starts_at', '<', end)
    .$if(scope !== 'all', (qb) => qb.where('agency_id', 'in', scope === 'all' ? [] : scope))
    .orderBy('starts_at')
    .execute();
  const { rows } = await listBookings(ctx.db, { sessionIds: sessions.map((s) => s.id), states: ['accepted', 'checked_in', 'completed', 'no_show'], limit: 10_000, offset: 0 });
  return sessions.map((s) => ({ session: s, bookings: rows.filter((b) => b.session_id === s.id) }));
}
