/**
 * Reports (issue 4): submission with an Idempotency-Key, the reporter's own list, one workflow-action endpoint
 * for every kind and role, staff queues scoped to the actor's agencies, and the public list and detail.
 */
import { Type } from 'typebox';
import { actOnReport } from '../../app/reports/act-on-report.ts';
import { checkReportSoon } from '../../app/integrity/check-report.ts';
import { draftWarnings, followReport, suggestExisting, unfollowReport } from '../../app/integrity/suggest.ts';
import { FINDING_CHECKS } from '../../domain/integrity/findings.ts';
import { followerCount, isFollowing } from '../../db/repos/findings.repo.ts';
import { finishCooperationRequest } from '../../app/reports/cooperation.ts';
import { myReports, publicReport, publicReports, reportForActor, reportNames, staffReports } from '../../app/reports/read-reports.ts';
import { submitReport } from '../../app/reports/submit-report.ts';
import { CLASSIFICATIONS, REPORT_KINDS, parseVietnamInstant } from '../../domain/calendar/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { SUBMISSION_LIMITS } from '../../domain/reports/index.ts';
import { VIOLATION_MARKERS } from '../../domain/sanctions/index.ts';
import { INITIATIVE_DECISIONS, RATINGS, REJECT_REASONS } from '../../domain/workflow/index.ts';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import type { App } from '../app.ts';
import { reportTime } from '../../app/reports/report-time.ts';
import { presentPublicReport, presentPublicSummary, presentReporterReport, presentStaffQueueItem, presentStaffReport } from '../presenters/report.ts';
import { Paging, Strict } from './schemas.ts';

const L = SUBMISSION_LIMITS;
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const ListFilters = {
  kind: Type.Optional(Type.Enum(REPORT_KINDS)),
  category: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(Type.String({ maxLength: 400, pattern: '^[A-Za-z]+(,[A-Za-z]+)*$', description: 'Trạng thái, ví dụ submitted, assigned, published; nhiều trạng thái cách nhau bởi dấu phẩy' })),
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{4}(-[0-9]{2})?/[0-9]{2,5}$', description: 'Xã/phường: <phiên bản>/<mã>, ví dụ 2025-07/00070' })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Gửi từ thời điểm (ISO 8601)' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Gửi trước thời điểm (ISO 8601)' })),
  ...Paging,
};

interface ListQuery {
  kind?: string | undefined;
  category?: string | undefined;
  state?: string | undefined;
  unit?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function listFilter(q: ListQuery) {
  const problems: FieldProblem[] = [];
  const instant = (v: string | undefined, field: string) => {
    if (v === undefined) return undefined;
    const at = parseVietnamInstant(v);
    if (!at) problems.push({ field, message: `"${v}" không phải thời điểm ISO 8601` });
    return at ?? undefined;
  };
  const submittedFrom = instant(q.from, 'querystring.from');
  const submittedTo = instant(q.to, 'querystring.to');
  if (problems.length) throw invalid(problems);
  const [version, code] = q.unit ? q.unit.split('/') : [];
  return {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.category ? { categoryCode: q.category } : {}),
    ...(q.state ? { states: [...new Set(q.state.split(','))] } : {}),
    ...(version && code ? { unit: { version, code } } : {}),
    ...(submittedFrom ? { submittedFrom } : {}),
    ...(submittedTo ? { submittedTo } : {}),
    limit: q.limit ?? 20,
    offset: q.offset ?? 0,
  };
}

/** Staff queues (issue 4 item 11): the list filters, plus what concerns the caller and the order. */
const StaffListFilters = {
  ...ListFilters,
  assignee: Type.Optional(Type.Enum(['me'], { description: 'me: chỉ phản ánh được giao cho tôi xử lý' })),
  actionable: Type.Optional(Type.Boolean({ default: false, description: 'Chỉ phản ánh đang chờ tôi thao tác (theo vai trò của tôi tại phản ánh)' })),
  overdue: Type.Optional(Type.Boolean({ default: false, description: 'Chỉ phản ánh có thời hạn đang chạy đã quá hạn (R-8.5)' })),
  sort: Type.Optional(Type.Enum(['due', 'submitted'], { default: 'due', description: 'due: thời hạn gần nhất trước (mặc định); submitted: gửi mới nhất trước' })),
  finding: Type.Optional(
    Type.Enum(Object.keys(FINDING_CHECKS), { description: 'Chỉ phản ánh có phát hiện này của kiểm tra tự động, ví dụ urgent_suggested: đề xuất xử lý khẩn (R-8.4)' }),
  ),
  classification: Type.Optional(Type.Enum(CLASSIFICATIONS, { description: 'Phân loại: normal, urgent, complex (R-8.4)' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Mã phản ánh (PA-…) hoặc chữ có trong tiêu đề' })),
  cooperating: Type.Optional(Type.Boolean({ default: false, description: 'Chỉ phản ánh cơ quan của tôi được đề nghị phối hợp và chưa gửi kết quả phối hợp (R-8.2)' })),
};

function staffListFilter(
  q: ListQuery & {
    assignee?: string | undefined;
    actionable?: boolean | undefined;
    overdue?: boolean | undefined;
    sort?: string | undefined;
    finding?: string | undefined;
    classification?: string | undefined;
    q?: string | undefined;
    cooperating?: boolean | undefined;
  },
) {
  return {
    ...listFilter(q),
    ...(q.finding ? { findingCheck: q.finding } : {}),
    ...(q.classification ? { classification: q.classification } : {}),
    ...(q.q?.trim() ? { text: q.q.trim() } : {}),
    cooperating: q.cooperating ?? false,
    assignedToMe: q.assignee === 'me',
    actionable: q.actionable ?? false,
    overdue: q.overdue ?? false,
    sort: q.sort === 'submitted' ? ('submitted' as const) : ('due' as const),
  };
}

export default async function reportsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Gửi phản ánh, kiến nghị hoặc sáng kiến (R-5); gửi lại cùng Idempotency-Key không tạo phản ánh thứ hai',
        security: [{ bearer: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: L.idempotencyKeyMax })) }),
        body: Type.Object(
          {
            kind: Type.Enum(REPORT_KINDS),
            categoryCode: Type.String({ minLength: 1, maxLength: 64 }),
            title: Type.String({ maxLength: L.titleMax * 2 }),
            description: Type.String({ maxLength: L.descriptionMax * 2 }),
            place: Type.Optional(
              Type.Object(
                { lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }), address: Type.Optional(Type.String({ maxLength: L.addressMax * 2 })) },
                Strict,
              ),
            ),
            occurredAt: Type.Optional(Type.String({ maxLength: 40, description: 'Thời điểm xảy ra (ISO 8601)' })),
            confidential: Type.Boolean({ description: 'Đề nghị bảo mật danh tính người phản ánh (R-5.7)' }),
            media: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10, description: 'Ảnh, video đã tải lên (POST /api/v1/uploads), theo thứ tự hiển thị' })),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const occurredAt = b.occurredAt === undefined ? undefined : parseVietnamInstant(b.occurredAt);
      if (occurredAt === null) throw invalid([{ field: 'body.occurredAt', message: `"${b.occurredAt}" không phải thời điểm ISO 8601` }]);
      const { bundle, replayed } = await submitReport(ctx, req.actor, { ...b, occurredAt }, req.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      // The integrity checks (issue 5) run after the answer: the citizen does not wait for them.
      else checkReportSoon(ctx, bundle.report.id, req.log);
      return reply.code(replayed ? 200 : 201).send(presentReporterReport(bundle, await reportNames(ctx), await reportTime(ctx, ctx.clock.now())));
    },
  );

  app.get(
    '/api/v1/me/reports',
    { schema: { tags: ['reports'], summary: 'Phản ánh của tôi (lọc theo loại, ví dụ sáng kiến)', security: [{ bearer: [] }], querystring: Type.Object({ ...Paging, kind: ListFilters.kind }, Strict) } },
    async (req) => {
      const { rows, total } = await myReports(ctx, req.actor, { limit: req.query.limit ?? 20, offset: req.query.offset ?? 0, kind: req.query.kind });
      const names = await reportNames(ctx);
      return { total, items: rows.map((r) => ({ id: r.id, ...presentPublicSummary(r, names), confidential: r.confidential })) };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Chi tiết phản ánh cho người phản ánh hoặc cán bộ liên quan: dòng thời gian, thời hạn, thao tác được phép',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
      },
    },
    async (req) => {
      const bundle = await reportForActor(ctx, req.actor, req.params.id);
      const names = await reportNames(ctx);
      const at = await reportTime(ctx, ctx.clock.now());
      if (req.actor.kind === 'citizen') return presentReporterReport(bundle, names, at);
      const reporter = bundle.report.confidential ? null : ((await findUserById(ctx.db, bundle.report.reporter_id))?.display_name ?? null);
      return presentStaffReport(bundle, names, at, reporter);
    },
  );

  app.post(
    '/api/v1/reports/:id/actions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Thao tác trên phản ánh theo quy trình (tiếp nhận, từ chối, chuyển, giao, xử lý, duyệt, làm rõ, đánh giá …)',
        description: 'Các thao tác và thông tin bắt buộc: xem docs/workflows.md. `version` là phiên bản phản ánh bạn đã xem; nếu người khác vừa cập nhật thì trả 409.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object(
          {
            action: Type.String({ minLength: 1, maxLength: 40 }),
            version: Type.Integer({ minimum: 1 }),
            rejectReason: Type.Optional(Type.Enum(Object.keys(REJECT_REASONS))),
            explanation: Type.Optional(Text(2000)),
            question: Type.Optional(Text(2000)),
            answer: Type.Optional(Text(5000)),
            targetAgencyId: Type.Optional(Type.String({ format: 'uuid' })),
            classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
            assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
            resultText: Type.Optional(Text(10_000)),
            proofs: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    kind: Type.Enum(['inspection_record', 'site_photo', 'reply_letter', 'other']),
                    title: Text(300),
                    sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
                  },
                  Strict,
                ),
                { maxItems: 20 },
              ),
            ),
            extendTo: Type.Optional(Type.Integer({ minimum: 16, maximum: 30, description: 'Gia hạn phản ánh phức tạp: tổng số ngày làm việc, tối đa 30 (R-8.5)' })),
            rating: Type.Optional(Type.Enum(Object.keys(RATINGS))),
            comment: Type.Optional(Text(2000)),
            decision: Type.Optional(Type.Enum(Object.keys(INITIATIVE_DECISIONS))),
            violation: Type.Optional(
              Type.Enum([...VIOLATION_MARKERS], {
                description: 'Chỉ với reject lý do a: đánh dấu phản ánh xúc phạm là vi phạm (R-5.2, R-27.3). Lý do d2, e đã là vi phạm.',
              }),
            ),
          },
          Strict,
        ),
      },
    },
    async (req) => {
      const after = await actOnReport(ctx, req.actor, req.params.id, req.body);
      const bundle = await reportForActor(ctx, req.actor, after.id).catch(() => null);
      // The actor may no longer see it (e.g. transferred away): answer with what they may still know.
      if (!bundle) return { id: after.id, code: after.code, state: after.state, version: after.version };
      const names = await reportNames(ctx);
      const at = await reportTime(ctx, ctx.clock.now());
      if (req.actor.kind === 'citizen') return presentReporterReport(bundle, names, at);
      const reporter = after.confidential ? null : ((await findUserById(ctx.db, after.reporter_id))?.display_name ?? null);
      return presentStaffReport(bundle, names, at, reporter);
    },
  );

  app.post(
    '/api/v1/reports/:id/cooperations/:agencyId/return',
    {
      schema: {
        tags: ['reports'],
        summary: 'Cơ quan phối hợp gửi kết quả phần việc của mình cho cơ quan chủ trì (R-8.2)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), agencyId: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object({ resultText: Text(10_000) }, Strict),
      },
    },
    async (req, reply) => {
      await finishCooperationRequest(ctx, req.actor, req.params.id, req.params.agencyId, { kind: 'return', resultText: req.body.resultText });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/reports/:id/cooperations/:agencyId/close',
    {
      schema: {
        tags: ['reports'],
        summary: 'Cơ quan chủ trì đóng yêu cầu phối hợp không còn cần, nêu lý do (R-8.2)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), agencyId: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object({ reason: Text(2000) }, Strict),
      },
    },
    async (req, reply) => {
      await finishCooperationRequest(ctx, req.actor, req.params.id, req.params.agencyId, { kind: 'close', reason: req.body.reason });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/staff/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Hàng đợi phản ánh của cơ quan (chỉ phản ánh thuộc phạm vi của cán bộ), kèm các thời hạn đang chạy; mặc định sắp xếp theo thời hạn gần nhất',
        description:
          'Mỗi phản ánh kèm `deadlines`: các thời hạn đang chạy (giai đoạn, hạn, đã quá hạn chưa), hạn gần nhất trước. `assignee=me`: phản ánh được giao cho tôi; `actionable=true`: phản ánh đang chờ tôi thao tác theo vai trò của tôi tại phản ánh đó; `overdue=true`: phản ánh có thời hạn đang chạy đã quá hạn (R-8.5).',
        security: [{ bearer: [] }],
        querystring: Type.Object(StaffListFilters, Strict),
      },
    },
    async (req) => {
      const { total, items, now } = await staffReports(ctx, req.actor, staffListFilter(req.query));
      const names = await reportNames(ctx);
      const at = await reportTime(ctx, now);
      return { total, items: items.map((item) => presentStaffQueueItem(item, names, at)) };
    },
  );

  app.get(
    '/api/v1/public/reports',
    {
      schema: { tags: ['public'], summary: 'Phản ánh công khai và tiến độ xử lý (R-8.3, R-14), lọc theo xã/phường, lĩnh vực, trạng thái, thời gian', querystring: Type.Object(ListFilters, Strict) },
    },
    async (req) => {
      const { rows, total } = await publicReports(ctx, listFilter(req.query));
      const names = await reportNames(ctx);
      return { total, items: rows.map((r) => presentPublicSummary(r, names)) };
    },
  );

  app.get(
    '/api/v1/public/reports/:code',
    { schema: { tags: ['public'], summary: 'Một phản ánh công khai với kết quả và dòng thời gian (không có danh tính người phản ánh)', params: Type.Object({ code: Type.String({ pattern: '^PA-\\d{4}-\\d{6,}$' }) }, Strict) } },
    async (req) => {
      const bundle = await publicReport(ctx, req.params.code);
      const actor = req.actor;
      // Whether the signed-in citizen already follows it (the page offers to follow or to stop); never who else does.
      const following = actor.kind === 'citizen' ? await isFollowing(ctx.db, bundle.report.id, actor.userId) : false;
      return { ...presentPublicReport(bundle, await reportNames(ctx)), followers: await followerCount(ctx.db, bundle.report.id), following };
    },
  );

  const CodeParams = Type.Object({ code: Type.String({ pattern: '^PA-\\d{4}-\\d{6,}$' }) }, Strict);
  const followSchema = (summary: string) => ({ schema: { tags: ['reports'], summary, security: [{ bearer: [] }], params: CodeParams } });
  app.post('/api/v1/public/reports/:code/follow', followSchema('Tôi cũng gặp vấn đề này: theo dõi phản ánh của người khác thay vì gửi trùng (R-6.2c)'), async (req) => ({
    following: true,
    ...(await followReport(ctx, req.actor, req.params.code)),
  }));
  app.delete('/api/v1/public/reports/:code/follow', followSchema('Bỏ theo dõi phản ánh'), async (req) => ({ following: false, ...(await unfollowReport(ctx, req.actor, req.params.code)) }));

  app.post(
    '/api/v1/reports/similar',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Trước khi gửi: có thể đã có người phản ánh việc này (cùng danh mục, trong 250 m, 30 ngày, đang xử lý), và lưu ý về nội dung (khiếu nại, tố cáo đi kênh khác — R-1.3; quảng cáo; ngôn từ)',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            kind: Type.Enum(REPORT_KINDS),
            categoryCode: Type.String({ minLength: 1, maxLength: 64 }),
            place: Type.Object(
              { lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }), address: Type.Optional(Type.String({ maxLength: L.addressMax * 2 })) },
              Strict,
            ),
            title: Type.Optional(Type.String({ maxLength: L.titleMax * 2 })),
            description: Type.Optional(Type.String({ maxLength: L.descriptionMax * 2 })),
          },
          Strict,
        ),
      },
    },
    async (req) => {
      const b = req.body;
      const found = await suggestExisting(ctx, req.actor, { kind: b.kind, categoryCode: b.categoryCode, lat: b.place.lat, lng: b.place.lng });
      const names = await reportNames(ctx);
      return {
        items: found.map((f) => ({ ...presentPublicSummary(f.report, names), meters: f.meters, followers: f.followers })),
        warnings: draftWarnings({ title: b.title, description: b.description }).map((w) => ({ check: w.check, label: FINDING_CHECKS[w.check], message: w.summary })),
      };
    },
  );
}
