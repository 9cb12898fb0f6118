/**
 * Web push subscriptions (issue 6 item 5): the web app asks for the platform's VAPID public key, subscribes the
 * browser with the Push API and hands the subscription over; signing out of a device removes it.
 */
import { Type } from 'typebox';
import { subscribe, unsubscribe, vapidKeys } from '../../app/push/push.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const Endpoint = Type.String({ minLength: 10, maxLength: 2000, description: 'PushSubscription.endpoint' });

export default async function pushRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/push/vapid-public-key',
    { schema: { tags: ['alerts'], summary: 'Khóa công khai VAPID để trình duyệt đăng ký nhận thông báo đẩy (applicationServerKey)' } },
    async () => ({ publicKey: (await vapidKeys(ctx)).publicKey }),
  );

  app.post(
    '/api/v1/me/push-subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Đăng ký nhận thông báo đẩy trên thiết bị này (PushSubscription.toJSON())',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            endpoint: Endpoint,
            expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
            keys: Type.Object({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }, Strict),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await subscribe(ctx, req.actor, req.body)),
  );

  app.delete(
    '/api/v1/me/push-subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Hủy nhận thông báo đẩy trên một thiết bị',
        security: [{ bearer: [] }],
        body: Type.Object({ endpoint: Endpoint }, Strict),
      },
    },
    async (req, reply) => {
      await unsubscribe(ctx, req.actor, req.body.endpoint);
      return reply.code(204).send();
    },
  );
}
