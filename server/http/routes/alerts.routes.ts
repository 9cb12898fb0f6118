/**
 * Alerts to residents (Art. 15–17; issue 6): the issuing unit's editors and approvers work under
 * `/api/v1/alerts`; residents read theirs under `/api/v1/me/alerts`.
 */
import { Type, type Static } from 'typebox';
import { actOnAlert, alertsOfMyUnits, alertWithEvents, createAlert, type AlertDraft } from '../../app/alerts/alerts.ts';
import { markResidentAlertsRead, residentAlerts, residentKeys } from '../../app/alerts/inbox.ts';
import { listenForAlerts } from '../../app/alerts/live.ts';
import { referenceData } from '../../app/reference/reference-data.ts';
import { ALERT_ACTIONS, ALERT_CATEGORIES, ALERT_CERTAINTIES, ALERT_KINDS, ALERT_LIMITS, ALERT_SEVERITIES, ALERT_STATES, ALERT_URGENCIES } from '../../domain/alerts/index.ts';
import { parseVietnamInstant } from '../../domain/calendar/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { presentAlertEvent, presentResidentAlert, presentStaffAlert } from '../presenters/alert.ts';
import type { App } from '../app.ts';
import { readMarksBody, readMarksOf } from '../read-marks.ts';
import { Paging, Strict } from './schemas.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);

const When = (description: string) => Type.String({ maxLength: 40, description: `${description} (ISO 8601; không ghi múi giờ: giờ Việt Nam)` });

const DraftFields = {
  kind: Type.Enum([...ALERT_KINDS], { description: 'information: thông tin; warning: cảnh báo' }),
  category: Type.Enum([...ALERT_CATEGORIES], { description: 'Nhóm theo CAP 1.2 (Met: khí tượng, Fire: cháy, Health: y tế …)' }),
  severity: Type.Enum([...ALERT_SEVERITIES], { description: 'Mức độ nghiêm trọng (CAP)' }),
  urgency: Type.Enum([...ALERT_URGENCIES], { description: 'Mức độ khẩn cấp (CAP)' }),
  certainty: Type.Optional(Type.Enum([...ALERT_CERTAINTIES], { description: 'Mức độ chắc chắn (CAP); mặc định Likely' })),
  title: Type.String({ maxLength: ALERT_LIMITS.titleMax * 2 }),
  body: Type.String({ maxLength: ALERT_LIMITS.bodyMax * 2 }),
  links: Type.Optional(Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), url: Type.String({ maxLength: 2000 }) }, Strict), { maxItems: ALERT_LIMITS.links * 2 })),
  polygon: Type.Optional(Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { maxItems: 500, description: 'Vùng áp dụng: các điểm [vĩ độ, kinh độ], điểm cuối trùng điểm đầu' })),
  startsAt: Type.Optional(When('Bắt đầu hiệu lực; mặc định lúc gửi')),
  expiresAt: When('Hết hiệu lực'),
  scheduledAt: Type.Optional(When('Hẹn giờ gửi; không ghi: gửi ngay khi được duyệt')),
  attachments: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: ALERT_LIMITS.attachments * 2, description: 'Ảnh đính kèm: mã các ảnh bạn đã tải lên (POST /api/v1/uploads)' })),
  communes: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{2,5}$' }), { maxItems: 200, description: 'Chỉ gửi đến một số xã/phường trong địa bàn (mã đơn vị); mặc định toàn địa bàn' })),
};
const DraftBody = Type.Object(DraftFields, Strict);

function draftOf(b: Static<typeof DraftBody>): AlertDraft {
  const problems: FieldProblem[] = [];
  const at = (v: string | undefined, field: string) => {
    if (v === undefined) return null;
    const d = parseVietnamInstant(v);
    if (!d) problems.push({ field: `body.${field}`, message: `"${v}" không phải thời điểm ISO 8601` });
    return d;
  };
  const draft = {
    kind: b.kind,
    category: b.category,
    severity: b.severity,
    urgency: b.urgency,
    certainty: b.certainty ?? 'Likely',
    title: b.title,
    body: b.body,
    links: b.links ?? [],
    polygon: b.polygon ?? null,
    startsAt: at(b.startsAt, 'startsAt'),
    expiresAt: at(b.expiresAt, 'expiresAt') ?? new Date(NaN),
    scheduledAt: at(b.scheduledAt, 'scheduledAt'),
    communes: b.communes ?? null,
    attachments: b.attachments ?? [],
  };
  if (problems.length) throw invalid(problems);
  return draft;
}

export default async function alertsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const staffView = async (row: Parameters<typeof presentStaffAlert>[1]) => presentStaffAlert(await referenceData(ctx), row);

  app.post(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Soạn thông báo, cảnh báo gửi người dân trên địa bàn (người soạn thông báo của đơn vị; R-15.5, R-16.1, R-17.1)',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            ...DraftFields,
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị phát hành, khi bạn soạn cho nhiều đơn vị' })),
            updates: Type.Optional(Type.String({ format: 'uuid', description: 'Cập nhật một thông báo đơn vị đã gửi (CAP msgType Update)' })),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const { agencyId, updates, ...rest } = req.body;
      const row = await createAlert(ctx, req.actor, { ...draftOf(rest), agencyId: agencyId ?? null, updates: updates ?? null });
      return reply.code(201).send(await staffView(row));
    },
  );

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Thông báo của đơn vị mình (người soạn, người duyệt) hoặc toàn thành phố (giám sát)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ state: Type.Optional(Type.Enum([...ALERT_STATES])), ...Paging }, Strict),
      },
    },
    async (req) => {
      const { rows, total } = await alertsOfMyUnits(ctx, req.actor, { states: req.query.state ? [req.query.state] : undefined, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      const ref = await referenceData(ctx);
      return { total, items: rows.map((r) => presentStaffAlert(ref, r)) };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    { schema: { tags: ['alerts'], summary: 'Một thông báo với toàn bộ lịch sử: ai soạn, sửa, duyệt, gửi (R-15.6, R-16.3, R-17.3)', security: [{ bearer: [] }], params: Id } },
    async (req) => {
      const { alert, events, delivery } = await alertWithEvents(ctx, req.actor, req.params.id);
      return { ...(await staffView(alert)), events: events.map(presentAlertEvent), delivery };
    },
  );

  app.post(
    '/api/v1/alerts/:id/actions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'edit / submit (người soạn); approve — gửi hoặc hẹn giờ — / return / cancel (người duyệt)',
        security: [{ bearer: [] }],
        params: Id,
        body: Type.Object(
          {
            action: Type.Enum([...ALERT_ACTIONS]),
            version: Type.Integer({ minimum: 1, description: 'Phiên bản thông báo bạn đã xem' }),
            draft: Type.Optional(DraftBody),
            comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Lý do trả lại' })),
            overrideReason: Type.Optional(Type.String({ maxLength: 2000, description: 'Lý do vẫn gửi dù cấp trên đã gửi nội dung tương tự (R-16.2, R-17.2)' })),
          },
          Strict,
        ),
      },
    },
    async (req) => {
      const { draft, ...rest } = req.body;
      const row = await actOnAlert(ctx, req.actor, req.params.id, { ...rest, ...(draft ? { draft: draftOf(draft) } : {}) });
      return staffView(row);
    },
  );

  app.get(
    '/api/v1/me/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Thông báo, cảnh báo gửi đến nơi cư trú của bạn (thành phố, quận/huyện, xã/phường), mới nhất trước',
        security: [{ bearer: [] }],
        querystring: Type.Object({ unreadOnly: Type.Optional(Type.Boolean({ default: false })), ...Paging }, Strict),
      },
    },
    async (req) => {
      const r = await residentAlerts(ctx, req.actor, { unreadOnly: req.query.unreadOnly ?? false, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      const ref = await referenceData(ctx);
      const now = ctx.clock.now();
      return { residenceMissing: r.residenceMissing, total: r.total, unread: r.unread, items: r.rows.map((a) => presentResidentAlert(ref, a, now)) };
    },
  );

  app.post(
    '/api/v1/me/alerts/read',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Đánh dấu đã đọc: mọi thông báo đến hết một thông báo (upTo), hoặc từng thông báo (ids)',
        security: [{ bearer: [] }],
        body: readMarksBody(100),
      },
    },
    async (req) => markResidentAlertsRead(ctx, req.actor, readMarksOf(req.body)),
  );

  app.get(
    '/api/v1/me/alerts/stream',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Luồng sự kiện (text/event-stream): mỗi thông báo mới gửi đến nơi cư trú của bạn, ngay khi được gửi, khi ứng dụng đang mở',
        security: [{ bearer: [] }],
      },
    },
    async (req, reply) => {
      const { keys } = await residentKeys(ctx, req.actor);
      if (!keys) throw invalid([{ field: 'residence', message: 'Bạn chưa khai báo nơi cư trú: hãy cập nhật hồ sơ để nhận thông báo của địa bàn' }]);
      const ref = await referenceData(ctx);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 5000\n: connected\n\n');
      const stop = listenForAlerts(
        ctx,
        {
          keys: new Set(keys),
          deliver: (a) => res.write(`id: ${a.id}\nevent: alert\ndata: ${JSON.stringify(presentResidentAlert(ref, { ...a, read: false }, ctx.clock.now()))}\n\n`),
        },
        (err) => req.log.warn({ err }, 'looking for newly sent alerts failed; the next poll retries'),
      );
      // A comment now and then keeps proxies from closing an idle stream.
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        stop();
      });
    },
  );
}
