/**
 * Sanctions of repeat violators: the lists for administrators and the Center, lifting a sanction with
 * a written reason (administrators), and flagging a serious case for referral (a receiving officer of the
 * report's agency, or the Center). Violations themselves are recorded by the `reject` action of a report.
 */
import { Type } from 'typebox';
import { flagForReferral, liftSanction, sanctionList, violationList } from '../../app/accounts/sanctions.ts';
import { VIOLATION_KINDS } from '../../domain/sanctions/index.ts';
import type { App } from '../app.ts';
import { Paging, Strict } from './schemas.ts';

const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const At = Type.String({ description: 'Giờ Việt Nam (+07:00)' });

const Sanction = Type.Object(
  {
    id: Type.String(),
    userId: Type.String(),
    displayName: Type.String(),
    reason: Type.String(),
    startsAt: At,
    endsAt: At,
    reportCode: Type.String({ description: 'Phản ánh có vi phạm thứ 4 liên tiếp' }),
    inForce: Type.Boolean(),
    lifted: Type.Union([Type.Object({ at: At, by: Type.String(), reason: Type.String() }, Strict), Type.Null()]),
  },
  Strict,
);

const Violation = Type.Object(
  {
    id: Type.String(),
    userId: Type.String(),
    displayName: Type.String(),
    reportId: Type.String(),
    reportCode: Type.String(),
    kind: Type.Enum(Object.keys(VIOLATION_KINDS)),
    kindLabel: Type.String(),
    rejectReason: Type.String(),
    recordedAt: At,
    recordedBy: Type.String({ description: 'Cán bộ không tiếp nhận phản ánh' }),
    runPosition: Type.Integer({ description: 'Thứ tự trong chuỗi vi phạm liên tiếp khi ghi nhận' }),
    sanctionId: Type.Union([Type.String(), Type.Null()]),
    referral: Type.Union([Type.Object({ reason: Type.String(), at: At, by: Type.String() }, Strict), Type.Null()]),
  },
  Strict,
);

export default async function sanctionsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/admin/sanctions',
    {
      schema: {
        tags: ['admin'],
        summary: 'Tài khoản bị tạm dừng gửi phản ánh do vi phạm quá 3 lần liên tiếp (R-27.3) — quản trị viên, Trung tâm',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            active: Type.Optional(Type.Boolean({ description: 'true: đang có hiệu lực; false: đã gỡ hoặc đã hết hạn' })),
            userId: Type.Optional(Type.String({ format: 'uuid' })),
            ...Paging,
          },
          Strict,
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Sanction) }, Strict) },
      },
    },
    async (req) => sanctionList(ctx, req.actor, { active: req.query.active, userId: req.query.userId, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 }),
  );

  app.post(
    '/api/v1/admin/sanctions/:id/lift',
    {
      schema: {
        tags: ['admin'],
        summary: 'Gỡ bỏ biện pháp tạm dừng gửi phản ánh, nêu lý do (R-27.3) — quản trị viên',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object({ reason: Reason }, Strict),
        response: { 200: Sanction },
      },
    },
    async (req) => liftSanction(ctx, req.actor, req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/admin/violations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Vi phạm của người phản ánh (sai sự thật, quảng cáo, xúc phạm); referred=true: trường hợp nghiêm trọng đề nghị xử lý (R-27.3)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            referred: Type.Optional(Type.Boolean({ description: 'true: chỉ vi phạm đã được đề nghị xử lý' })),
            userId: Type.Optional(Type.String({ format: 'uuid' })),
            ...Paging,
          },
          Strict,
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Violation) }, Strict) },
      },
    },
    async (req) => violationList(ctx, req.actor, { referred: req.query.referred, userId: req.query.userId, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 }),
  );

  app.post(
    '/api/v1/reports/:id/referral',
    {
      schema: {
        tags: ['reports'],
        summary: 'Đề nghị xử lý trường hợp vi phạm nghiêm trọng (R-27.3) — cán bộ tiếp nhận của cơ quan, Trung tâm',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object({ reason: Reason }, Strict),
      },
    },
    async (req, reply) => {
      await flagForReferral(ctx, req.actor, req.params.id, req.body.reason);
      return reply.code(204).send();
    },
  );
}
