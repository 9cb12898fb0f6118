/**
 * Intake integrity administration (issue 5 item 4): the list of known public images that reports' photos are
 * compared with. The findings themselves are shown on each report to the staff who may read it.
 */
import { Type } from 'typebox';
import { addKnownImage, knownImages, removeFromKnownImages } from '../../app/integrity/known-images.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { KnownImage } from '../../db/repos/known-images.repo.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

/** 10 MB of picture, base64-encoded (4 characters per 3 bytes). */
const MAX_IMAGE_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3);

const present = (k: KnownImage) => ({ id: k.id, label: k.label, source: k.source, addedAt: formatVietnamTime(k.addedAt) });

export default async function integrityRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.post(
    '/api/v1/admin/known-images',
    {
      bodyLimit: MAX_IMAGE_BASE64 + 64 * 1024,
      schema: {
        tags: ['admin'],
        summary: 'Thêm ảnh công khai đã biết (Internet, báo chí): ảnh phản ánh là bản sao của nó sẽ được cảnh báo (R-5.2, R-6.2c). Chỉ lưu mã băm cảm nhận, không lưu ảnh.',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            image: Type.String({ minLength: 4, maxLength: MAX_IMAGE_BASE64, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'Ảnh (JPEG, PNG, WebP, HEIC) mã hóa base64' }),
            label: Type.String({ minLength: 1, maxLength: 300 }),
            source: Type.Optional(Type.String({ maxLength: 500, description: 'Nơi ảnh đã đăng (địa chỉ, tên báo)' })),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const known = await addKnownImage(ctx, req.actor, { image: Buffer.from(req.body.image, 'base64'), label: req.body.label, source: req.body.source });
      return reply.code(201).send(present(known));
    },
  );

  app.get('/api/v1/admin/known-images', { schema: { tags: ['admin'], summary: 'Danh sách ảnh công khai đã biết', security: [{ bearer: [] }] } }, async (req) => ({
    items: (await knownImages(ctx, req.actor)).map(present),
  }));

  app.delete(
    '/api/v1/admin/known-images/:id',
    { schema: { tags: ['admin'], summary: 'Bỏ một ảnh khỏi danh sách', security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict) } },
    async (req, reply) => {
      await removeFromKnownImages(ctx, req.actor, req.params.id);
      return reply.code(204).send();
    },
  );
}
