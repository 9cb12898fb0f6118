/**
 * Citizen reception with the City's Citizen Reception Board (R-3.8, R-5.4; issue 11). Public: the upcoming
 * sessions and their iCalendar feed. Citizens: book (Idempotency-Key), read, cancel, answer, download the .ics of
 * an accepted booking — under /api/v1/me/reception. The Board's officers: sessions, the review of bookings, check-in,
 * outcome, the day's list — under /api/v1/reception.
 */
import { Type, type Static } from 'typebox';
import { bookSession, actOnBooking, citizenActOnBooking, dayList, myBooking, myBookings, staffBooking, staffBookings } from '../../app/reception/bookings.ts';
import { bookingIcs, sessionsFeedIcs } from '../../app/reception/ics.ts';
import { cancelSession, editSession, feedSessions, publishSession, staffSession, staffSessions, upcomingSessions, type SessionInput } from '../../app/reception/sessions.ts';
import { parseVietnamInstant } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import {
  BOOKING_STATES,
  DECLINE_REASONS,
  DECLINE_REASON_CODES,
  MATTER_CATEGORIES,
  MATTER_CATEGORY_CODES,
  OFFICER_ACTIONS,
  RECEPTION_LIMITS as L,
  SESSION_KINDS,
  SESSION_STATES,
} from '../../domain/reception/index.ts';
import { citizensByIds } from '../../db/repos/reception.repo.ts';
import { presentBooking, presentPublicSession, presentStaffBooking, presentStaffSession } from '../presenters/reception.ts';
import type { App } from '../app.ts';
import { Paging, Strict } from './schemas.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);
const When = (description: string) => Type.String({ maxLength: 40, description: `${description} (ISO 8601; không ghi múi giờ: giờ Việt Nam)` });
const Version = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Phiên bản đang xem (chống ghi đè)' });
const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

const SessionFields = {
  startsAt: When('Bắt đầu'),
  endsAt: When('Kết thúc'),
  place: Type.String({ minLength: 1, maxLength: L.placeMax, description: 'Địa điểm tiếp công dân' }),
  receiver: Type.String({ minLength: 1, maxLength: L.receiverMax, description: 'Lãnh đạo hoặc bộ phận tiếp' }),
  capacity: Type.Integer({ minimum: 1, maximum: L.capacityMax, description: 'Số lượt công dân được tiếp' }),
  topics: Type.Optional(Type.Array(Type.String({ maxLength: L.topicMax }), { maxItems: L.topicsMax, description: 'Chủ đề, lĩnh vực tiếp' })),
  kind: Type.Optional(Type.Enum([...SESSION_KINDS], { description: 'regular: định kỳ; extra: đột xuất, bổ sung' })),
};

function sessionInput(b: { startsAt: string; endsAt: string; place: string; receiver: string; capacity: number; topics?: string[] | undefined; kind?: 'regular' | 'extra' | undefined }): SessionInput {
  const problems: FieldProblem[] = [];
  const at = (v: string, field: string) => {
    const d = parseVietnamInstant(v);
    if (!d) problems.push({ field: `body.${field}`, message: `"${v}" không phải thời điểm ISO 8601` });
    return d ?? new Date(NaN);
  };
  const input = { startsAt: at(b.startsAt, 'startsAt'), endsAt: at(b.endsAt, 'endsAt'), place: b.place, receiver: b.receiver, capacity: b.capacity, topics: b.topics ?? [], kind: b.kind ?? 'regular' };
  if (problems.length) throw invalid(problems);
  return input;
}

/** A `from`/`to` of the query as an instant (no zone: Vietnam time), or null when absent; 400 naming the field. */
function queryInstant(v: string | undefined, field: string): Date | null {
  if (v === undefined) return null;
  const d = parseVietnamInstant(v);
  if (!d) throw invalid([{ field: `querystring.${field}`, message: `"${v}" không phải thời điểm ISO 8601` }]);
  return d;
}

const Person = Type.Object(
  { fullName: Type.String({ minLength: 1, maxLength: 200 }), phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9+ ]{8,15}$' }), Type.Null()])) },
  Strict,
);
const BookingBody = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid', description: 'Buổi tiếp chọn đăng ký' }),
    applicant: Type.Optional(
      Type.Object(
        {
          kind: Type.Enum(['individual', 'organisation', 'group'], { description: 'individual: cá nhân; organisation: người đại diện tổ chức; group: nhóm đông người (cử người đại diện)' }),
          organisation: Type.Optional(Type.Union([Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), position: Type.String({ maxLength: 200 }) }, Strict), Type.Null()])),
          representatives: Type.Optional(Type.Array(Person, { maxItems: L.representativesMax, description: 'Người đại diện đến buổi tiếp (nhóm: tối đa 5 người)' })),
        },
        Strict,
      ),
    ),
    summary: Type.String({ maxLength: L.summaryMax, description: 'Nội dung vụ việc' }),
    category: Type.Enum([...MATTER_CATEGORY_CODES], { description: 'Lĩnh vực vụ việc' }),
    handledElsewhere: Type.Boolean({ description: 'Vụ việc đã được cơ quan khác xem xét, giải quyết chưa' }),
    earlierDecision: Type.Optional(
      Type.Union([
        Type.Object(
          {
            agency: Type.String({ minLength: 1, maxLength: 300 }),
            number: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
            date: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
            summary: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          },
          Strict,
        ),
        Type.Null(),
      ]),
    ),
    attachments: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: L.attachmentsMax, description: 'Tài liệu kèm theo: mã các tệp đã tải lên (POST /api/v1/uploads)' })),
  },
  Strict,
);

export default async function receptionRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const now = () => ctx.clock.now();
  const staffViews = async (rows: Parameters<typeof presentStaffBooking>[0][]) => {
    const users = new Map((await citizensByIds(ctx.db, rows.map((r) => r.citizen_id))).map((u) => [u.id, u]));
    return rows.map((b) => presentStaffBooking(b, now(), users.get(b.citizen_id), ctx.pii));
  };

  // ---- public -------------------------------------------------------------------------------------------------
  app.get(
    '/api/v1/reception/sessions',
    {
      schema: {
        tags: ['reception'],
        summary: 'Lịch tiếp công dân sắp tới của Ban Tiếp công dân Thành phố, với số chỗ còn lại (R-5.4)',
        querystring: Type.Object({ from: Type.Optional(When('Từ')), to: Type.Optional(When('Đến')), ...Paging }, Strict),
      },
    },
    async (req) => {
      const { rows, total } = await upcomingSessions(ctx, { from: queryInstant(req.query.from, 'from'), to: queryInstant(req.query.to, 'to'), limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { total, items: rows.map((s) => presentPublicSession(s, now())) };
    },
  );

  app.get(
    '/api/v1/reception/sessions.ics',
    { schema: { tags: ['reception'], summary: 'Lịch tiếp công dân dạng iCalendar (RFC 5545, giờ Asia/Ho_Chi_Minh) để đăng ký theo dõi trên ứng dụng lịch' } },
    async (_req, reply) => {
      const body = sessionsFeedIcs(await feedSessions(ctx), now());
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="lich-tiep-cong-dan.ics"').send(body);
    },
  );

  app.get(
    '/api/v1/reception/reference',
    { schema: { tags: ['reception'], summary: 'Danh mục dùng khi đăng ký tiếp công dân: lĩnh vực vụ việc, lý do từ chối và nơi cần liên hệ (R-1.3)' } },
    async () => ({
      categories: Object.entries(MATTER_CATEGORIES).map(([code, label]) => ({ code, label })),
      declineReasons: Object.entries(DECLINE_REASONS).map(([code, r]) => ({ code, label: r.label, whereToGo: r.whereToGo })),
      bookingStates: [...BOOKING_STATES],
      bookingClosesHoursBefore: ctx.config.receptionBookingClosesHours,
    }),
  );

  // ---- citizens -----------------------------------------------------------------------------------------------
  app.post(
    '/api/v1/me/reception/bookings',
    {
      schema: {
        tags: ['reception'],
        summary: 'Đăng ký tiếp công dân với Ban Tiếp công dân Thành phố (công dân đã xác thực định danh; R-3.8, R-5.4); gửi lại cùng Idempotency-Key không tạo lịch hẹn thứ hai',
        security: [{ bearer: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: L.idempotencyKeyMax })) }),
        body: BookingBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const applicant = b.applicant ?? { kind: 'individual' as const };
      const { booking, replayed } = await bookSession(
        ctx,
        req.actor,
        {
          sessionId: b.sessionId,
          applicant: { kind: applicant.kind, organisation: applicant.organisation ?? null, representatives: (applicant.representatives ?? []).map((p) => ({ fullName: p.fullName, phone: p.phone ?? null })) },
          summary: b.summary,
          category: b.category,
          handledElsewhere: b.handledElsewhere,
          earlierDecision: b.earlierDecision ? { agency: b.earlierDecision.agency, number: b.earlierDecision.number ?? null, date: b.earlierDecision.date ?? null, summary: b.earlierDecision.summary ?? null } : null,
          attachments: b.attachments ?? [],
        },
        req.headers['idempotency-key'],
      );
      return reply.code(replayed ? 200 : 201).send(presentBooking(booking, now()));
    },
  );

  app.get(
    '/api/v1/me/reception/bookings',
    {
      schema: {
        tags: ['reception'],
        summary: 'Các lịch hẹn tiếp công dân của tôi',
        security: [{ bearer: [] }],
        querystring: Type.Object({ state: Type.Optional(Type.Enum([...BOOKING_STATES])), ...Paging }, Strict),
      },
    },
    async (req) => {
      const { rows, total } = await myBookings(ctx, req.actor, { state: req.query.state ?? null, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { total, items: rows.map((b) => presentBooking(b, now())) };
    },
  );

  app.get(
    '/api/v1/me/reception/bookings/:id',
    { schema: { tags: ['reception'], summary: 'Một lịch hẹn tiếp công dân của tôi', security: [{ bearer: [] }], params: Id } },
    async (req) => presentBooking(await myBooking(ctx, req.actor, req.params.id), now()),
  );

  app.get(
    '/api/v1/me/reception/bookings/:id/calendar.ics',
    { schema: { tags: ['reception'], summary: 'Tải lịch hẹn đã được chấp nhận dạng iCalendar (.ics, giờ Asia/Ho_Chi_Minh)', security: [{ bearer: [] }], params: Id } },
    async (req, reply) => {
      const b = await myBooking(ctx, req.actor, req.params.id);
      if (!['accepted', 'checked_in', 'completed'].includes(b.state))
        throw new AppError('RECEPTION_TRANSITION_NOT_ALLOWED', { detail: { vi: 'Lịch hẹn chưa được chấp nhận: chưa có tệp lịch', en: 'The booking is not accepted: no calendar file yet' } });
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${b.code}.ics"`).send(bookingIcs(b, now()));
    },
  );

  app.post(
    '/api/v1/me/reception/bookings/:id/cancel',
    { schema: { tags: ['reception'], summary: 'Hủy lịch hẹn tiếp công dân của tôi', security: [{ bearer: [] }], params: Id, body: Type.Object({ version: Version }, Strict) } },
    async (req) => presentBooking(await citizenActOnBooking(ctx, req.actor, req.params.id, { action: 'cancel', version: req.body.version }), now()),
  );

  app.post(
    '/api/v1/me/reception/bookings/:id/answer',
    {
      schema: {
        tags: ['reception'],
        summary: 'Bổ sung thông tin theo đề nghị của Ban Tiếp công dân',
        security: [{ bearer: [] }],
        params: Id,
        body: Type.Object({ version: Version, answer: Text(L.explanationMax, 'Thông tin bổ sung') }, Strict),
      },
    },
    async (req) => presentBooking(await citizenActOnBooking(ctx, req.actor, req.params.id, { action: 'answerInfo', version: req.body.version, answer: req.body.answer }), now()),
  );

  // ---- the Board's officers -----------------------------------------------------------------------------------
  app.get(
    '/api/v1/reception/staff/sessions',
    {
      schema: {
        tags: ['reception'],
        summary: 'Các buổi tiếp của Ban (cán bộ Ban Tiếp công dân), mọi trạng thái',
        security: [{ bearer: [] }],
        querystring: Type.Object({ from: Type.Optional(When('Từ')), to: Type.Optional(When('Đến')), state: Type.Optional(Type.Enum([...SESSION_STATES])), ...Paging }, Strict),
      },
    },
    async (req) => {
      const { rows, total } = await staffSessions(ctx, req.actor, { from: queryInstant(req.query.from, 'from'), to: queryInstant(req.query.to, 'to'), state: req.query.state ?? null, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { total, items: rows.map((s) => presentStaffSession(s, now())) };
    },
  );

  app.post(
    '/api/v1/reception/sessions',
    {
      schema: {
        tags: ['reception'],
        summary: 'Công bố buổi tiếp công dân (định kỳ hoặc đột xuất) vào ngày làm việc (cán bộ Ban Tiếp công dân; R-5.4)',
        security: [{ bearer: [] }],
        body: Type.Object({ ...SessionFields, agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Cơ quan tổ chức, khi bạn thuộc nhiều cơ quan' })) }, Strict),
      },
    },
    async (req, reply) => {
      const { agencyId, ...rest } = req.body;
      const s = await publishSession(ctx, req.actor, { ...sessionInput(rest), agencyId: agencyId ?? null });
      return reply.code(201).send(presentStaffSession(s, now()));
    },
  );

  app.get(
    '/api/v1/reception/sessions/:id',
    { schema: { tags: ['reception'], summary: 'Một buổi tiếp (cán bộ Ban Tiếp công dân)', security: [{ bearer: [] }], params: Id } },
    async (req) => presentStaffSession(await staffSession(ctx, req.actor, req.params.id), now()),
  );

  app.put(
    '/api/v1/reception/sessions/:id',
    {
      schema: {
        tags: ['reception'],
        summary: 'Sửa hoặc dời buổi tiếp; người đã đăng ký được thông báo khi đổi giờ, địa điểm (R-5.4)',
        security: [{ bearer: [] }],
        params: Id,
        body: Type.Object({ ...SessionFields, version: Version }, Strict),
      },
    },
    async (req) => {
      const { version, ...rest } = req.body;
      const { session, notified } = await editSession(ctx, req.actor, req.params.id, { ...sessionInput(rest), version });
      return { ...presentStaffSession(session, now()), notified };
    },
  );

  app.post(
    '/api/v1/reception/sessions/:id/cancel',
    {
      schema: {
        tags: ['reception'],
        summary: 'Hủy buổi tiếp; các lịch hẹn bị hủy và người đăng ký được thông báo lý do',
        security: [{ bearer: [] }],
        params: Id,
        body: Type.Object({ version: Version, reason: Text(L.explanationMax, 'Lý do hủy') }, Strict),
      },
    },
    async (req) => {
      const { session, notified } = await cancelSession(ctx, req.actor, req.params.id, req.body);
      return { ...presentStaffSession(session, now()), notified };
    },
  );

  app.get(
    '/api/v1/reception/bookings',
    {
      schema: {
        tags: ['reception'],
        summary: 'Lịch hẹn cần xem xét và các lịch hẹn của Ban (cán bộ Ban Tiếp công dân)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ state: Type.Optional(Type.Enum([...BOOKING_STATES])), sessionId: Type.Optional(Type.String({ format: 'uuid' })), ...Paging }, Strict),
      },
    },
    async (req) => {
      const { rows, total } = await staffBookings(ctx, req.actor, { state: req.query.state ?? null, sessionId: req.query.sessionId ?? null, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { total, items: await staffViews(rows) };
    },
  );

  app.get(
    '/api/v1/reception/bookings/:id',
    { schema: { tags: ['reception'], summary: 'Một lịch hẹn (cán bộ Ban Tiếp công dân)', security: [{ bearer: [] }], params: Id } },
    async (req) => (await staffViews([await staffBooking(ctx, req.actor, req.params.id)]))[0],
  );

  const ActionBody = Type.Object(
    {
      action: Type.Enum([...OFFICER_ACTIONS], { description: 'accept: chấp nhận; requestInfo: đề nghị bổ sung; decline: từ chối; checkIn: điểm danh; complete: ghi kết quả; noShow: công dân không đến' }),
      version: Version,
      question: Type.Optional(Text(L.explanationMax, 'requestInfo: thông tin cần bổ sung')),
      reason: Type.Optional(Type.Enum([...DECLINE_REASON_CODES], { description: 'decline: lý do (complaint_procedure — khiếu nại, tố cáo, R-1.3; not_city_authority; already_resolved; other)' })),
      explanation: Type.Optional(Text(L.explanationMax, 'decline: giải thích')),
      whereToGo: Type.Optional(Text(L.explanationMax, 'decline: nơi công dân nên liên hệ (mặc định theo lý do)')),
      outcome: Type.Optional(
        Type.Object(
          {
            received: Text(L.explanationMax, 'Nội dung đã tiếp nhận'),
            answeredBy: Text(300, 'Cơ quan, người sẽ trả lời'),
            dueWorkingDays: Type.Integer({ minimum: 1, maximum: L.outcomeDaysMax, description: 'Thời hạn trả lời, số ngày làm việc' }),
          },
          Strict,
        ),
      ),
    },
    Strict,
  );
  app.post(
    '/api/v1/reception/bookings/:id/actions',
    {
      schema: {
        tags: ['reception'],
        summary: 'Xử lý lịch hẹn: chấp nhận, đề nghị bổ sung, từ chối có lý do (R-1.3), điểm danh, ghi kết quả (R-4.3)',
        security: [{ bearer: [] }],
        params: Id,
        body: ActionBody,
      },
    },
    async (req) => {
      const b: Static<typeof ActionBody> = req.body;
      const booking = await actOnBooking(ctx, req.actor, req.params.id, {
        action: b.action,
        version: b.version,
        ...(b.question !== undefined ? { question: b.question } : {}),
        ...(b.reason !== undefined ? { reason: b.reason } : {}),
        ...(b.explanation !== undefined ? { explanation: b.explanation } : {}),
        ...(b.whereToGo !== undefined ? { whereToGo: b.whereToGo } : {}),
        ...(b.outcome !== undefined ? { outcome: b.outcome } : {}),
      });
      return (await staffViews([booking]))[0];
    },
  );

  app.get(
    '/api/v1/reception/day',
    {
      schema: {
        tags: ['reception'],
        summary: 'Danh sách tiếp công dân trong ngày: các buổi tiếp và người đã được chấp nhận (cán bộ Ban Tiếp công dân)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ date: Type.String({ format: 'date', description: 'Ngày (YYYY-MM-DD, giờ Việt Nam)' }) }, Strict),
      },
    },
    async (req) => {
      const day = await dayList(ctx, req.actor, req.query.date);
      const out = [];
      for (const d of day) out.push({ session: presentStaffSession(d.session, now()), bookings: await staffViews(d.bookings) });
      return { date: req.query.date, sessions: out };
    },
  );
}
