/**
 * The reporter's inbox (R-13, issue 4 part 10): notifications at each change of their reports that concerns
 * them, and marking them read. Responses are serialised through the schemas below (allow-lists): no staff
 * identity, agency id or internal payload can reach the reporter through here.
 */
import { Type } from 'typebox';
import { markNotificationsRead, inboxOf } from '../../app/notifications/inbox.ts';
import type { App } from '../app.ts';
import { readMarksBody, readMarksOf } from '../read-marks.ts';
import { Strict } from './schemas.ts';


const Notification = Type.Object(
  {
    id: Type.String({ description: 'Mã sự kiện' }),
    reportId: Type.Union([Type.String(), Type.Null()], { description: 'null: thông báo về tài khoản (tạm dừng gửi phản ánh, R-27.3)' }),
    reportCode: Type.Union([Type.String(), Type.Null()]),
    bookingId: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Chỉ có ở thông báo về lịch hẹn tiếp công dân (R-5.4): lịch hẹn mà thông báo nói đến' })),
    bookingCode: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Mã lịch hẹn, ví dụ LH-2026-000123' })),
    action: Type.String({ description: 'Thao tác trên phản ánh (accept, reject …) hoặc account.sanction / account.sanctionLift' }),
    at: Type.String({ description: 'Thời điểm, giờ Việt Nam (+07:00)' }),
    title: Type.String(),
    said: Type.Object(
      {
        question: Type.Optional(Type.String()),
        answer: Type.Optional(Type.String()),
        explanation: Type.Optional(Type.String()),
        rejectReason: Type.Optional(Type.String()),
        until: Type.Optional(Type.String({ description: 'Hết hạn tạm dừng gửi phản ánh, giờ Việt Nam (+07:00) — R-27.3' })),
      },
      Strict,
    ),
    following: Type.Boolean({ description: 'Thông báo về phản ánh bạn theo dõi (“Tôi cũng gặp vấn đề này”), không phải của bạn' }),
    read: Type.Boolean(),
  },
  Strict,
);

export default async function notificationsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Thông báo: với người dân, mỗi thay đổi liên quan đến phản ánh của mình (tiếp nhận, từ chối, chuyển, xác minh, kết quả, trả lời làm rõ) và phản ánh mình theo dõi; với cán bộ tiếp nhận, phản ánh mới có dấu hiệu khẩn (R-8.4)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            unreadOnly: Type.Optional(Type.Boolean({ default: false, description: 'Chỉ thông báo chưa đọc' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(Notification) }, Strict) },
      },
    },
    async (req) => inboxOf(ctx, req.actor, { unreadOnly: req.query.unreadOnly ?? false, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 }),
  );

  app.post(
    '/api/v1/me/notifications/read',
    {
      schema: {
        tags: ['reports'],
        summary: 'Đánh dấu đã đọc: các thông báo `ids`, hoặc mọi thông báo đến hết `upTo` (kể cả nó)',
        security: [{ bearer: [] }],
        body: readMarksBody(200),
        response: { 200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }, Strict) },
      },
    },
    async (req) => markNotificationsRead(ctx, req.actor, readMarksOf(req.body)),
  );
}
