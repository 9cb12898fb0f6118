/**
 * Webhooks for integrators such as the city's LGSP (issue 8 item 2, R-18.5 / R-20): administrators register,
 * list, pause, resume and delete endpoints and read each one's delivery history. Deliveries are signed
 * (README, "Webhooks"); the secret is shown once, in the answer to the registration.
 */
import { Type } from 'typebox';
import {
  URL_MAX,
  WEBHOOK_EVENT_TYPES,
  changeWebhookEndpoint,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  webhookDeliveries,
  webhookEndpoint,
  webhookEndpoints,
  type WebhookEndpoint,
} from '../../app/webhooks/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const time = (d: Date | null) => (d ? formatVietnamTime(d) : null);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);
const Events = Type.Array(Type.Enum(WEBHOOK_EVENT_TYPES), { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, description: `Sự kiện muốn nhận: ${WEBHOOK_EVENT_TYPES.join(', ')}` });

const present = ({ row, deliveries }: WebhookEndpoint) => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events,
  state: row.state,
  createdAt: formatVietnamTime(row.created_at),
  updatedAt: formatVietnamTime(row.updated_at),
  deliveries,
});

export default async function webhooksRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const admin = { tags: ['admin', 'integration'], security: [{ bearer: [] }] };

  app.post(
    '/api/v1/admin/webhooks',
    {
      schema: {
        ...admin,
        summary: 'Đăng ký địa chỉ nhận sự kiện (webhook) cho hệ thống tích hợp (LGSP, R-20); khóa ký (secret) chỉ hiện một lần trong câu trả lời này',
        body: Type.Object(
          {
            url: Type.String({ minLength: 8, maxLength: URL_MAX, description: 'http:// hoặc https://' }),
            events: Events,
            description: Type.Optional(Type.String({ maxLength: 300 })),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const { endpoint, secret } = await createWebhookEndpoint(ctx, req.actor, req.body);
      return reply.code(201).send({ ...present(endpoint), secret });
    },
  );

  app.get('/api/v1/admin/webhooks', { schema: { ...admin, summary: 'Các địa chỉ nhận sự kiện và số lần gửi theo trạng thái' } }, async (req) => ({
    items: (await webhookEndpoints(ctx, req.actor)).map(present),
  }));

  app.get('/api/v1/admin/webhooks/:id', { schema: { ...admin, summary: 'Một địa chỉ nhận sự kiện', params: Id } }, async (req) => present(await webhookEndpoint(ctx, req.actor, req.params.id)));

  app.patch(
    '/api/v1/admin/webhooks/:id',
    {
      schema: {
        ...admin,
        summary: 'Tạm dừng (paused) hoặc bật lại (active) một địa chỉ, đổi các sự kiện muốn nhận; sự kiện trong lúc tạm dừng được gửi theo thứ tự khi bật lại',
        params: Id,
        body: Type.Object({ state: Type.Optional(Type.Enum(['active', 'paused'])), events: Type.Optional(Events) }, { ...Strict, minProperties: 1 }),
      },
    },
    async (req) => present(await changeWebhookEndpoint(ctx, req.actor, req.params.id, req.body)),
  );

  app.delete('/api/v1/admin/webhooks/:id', { schema: { ...admin, summary: 'Xóa một địa chỉ: không gửi gì thêm đến địa chỉ này', params: Id } }, async (req, reply) => {
    await deleteWebhookEndpoint(ctx, req.actor, req.params.id);
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/admin/webhooks/:id/deliveries',
    {
      schema: {
        ...admin,
        summary: 'Lịch sử gửi của một địa chỉ, mới nhất trước: trạng thái, số lần thử, mã trả lời cuối, lỗi cuối',
        params: Id,
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Enum(['pending', 'running', 'delivered', 'failed'])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          Strict,
        ),
      },
    },
    async (req) => {
      const { rows, total } = await webhookDeliveries(ctx, req.actor, req.params.id, { state: req.query.state, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 });
      return {
        total,
        items: rows.map((d) => ({
          id: d.id,
          eventId: d.event_id,
          event: d.type,
          subject: d.subject_key,
          occurredAt: formatVietnamTime(d.occurred_at),
          state: d.state,
          attempts: d.attempts,
          lastStatus: d.last_status,
          lastError: d.last_error,
          createdAt: formatVietnamTime(d.created_at),
          firstAttemptAt: time(d.first_attempt_at),
          lastAttemptAt: time(d.last_attempt_at),
          nextAttemptAt: d.state === 'pending' ? time(d.next_attempt_at) : null,
          finishedAt: time(d.finished_at),
        })),
      };
    },
  );
}
