/**
 * The list of known public images (issue 5 item 4, R-5.2 "no media reused from the internet", R-6.2c): an
 * administrator adds a photo seen on the Internet or in the press; only its perceptual hashes are kept. Every
 * report whose evidence photo is a copy of one (re-encoded, resized, lightly cropped) gets a finding.
 */
import { uuidv7 } from 'uuidv7';
import { inspectMedia } from '../../adapters/media/index.ts';
import { perceptualHash } from '../../adapters/media/perceptual-hash.ts';
import { can, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { insertKnownImage, listKnownImages, removeKnownImage, type KnownImage } from '../../db/repos/known-images.repo.ts';
import { auditActor, requirePermission } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';

const SUBJECT = 'known_image';

export interface NewKnownImage {
  /** The picture's bytes (sent base64 in JSON: it is hashed, never stored). */
  image: Buffer;
  label: string;
  source?: string | undefined;
}

export async function addKnownImage(ctx: AppContext, actor: Actor, input: NewKnownImage): Promise<KnownImage> {
  requirePermission(actor, can(actor, 'integrity.manage', { any: true }));
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const label = input.label.normalize('NFC').trim();
  if (label.length < 3) throw invalid([{ field: 'body.label', message: 'Cần mô tả ảnh (ít nhất 3 ký tự), ví dụ "Ảnh ngập phố Hàng Bài, báo X, 2024"' }]);
  const inspected = await inspectMedia(input.image, 'known-image');
  if (!inspected.ok) throw invalid([{ field: 'body.image', message: inspected.message }]);
  if (inspected.kind !== 'photo') throw invalid([{ field: 'body.image', message: 'Chỉ nhận ảnh (JPEG, PNG, WebP, HEIC), không nhận video' }]);
  const hashed = await perceptualHash(input.image, { mime: inspected.mime });
  if (!hashed.ok)
    throw invalid([
      {
        field: 'body.image',
        message: hashed.reason === 'flat' ? 'Ảnh gần như không có chi tiết (một màu): không thể nhận ra bản sao của nó' : 'Không đọc được điểm ảnh của ảnh này',
      },
    ]);
  const known = { id: uuidv7(), label, source: input.source?.trim() || null, addedAt: ctx.clock.now() };
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    await insertKnownImage(w.tx, { ...known, addedBy: actor.userId, addedAt: w.now, views: hashed.views });
    await w.audit({ action: 'knownImage.added', subjectType: SUBJECT, subjectId: known.id, payload: { label, source: known.source, sha256: inspected.sha256 } });
  });
  return known;
}

export async function knownImages(ctx: AppContext, actor: Actor): Promise<KnownImage[]> {
  requirePermission(actor, can(actor, 'integrity.manage', { any: true }));
  return listKnownImages(ctx.db);
}

export async function removeFromKnownImages(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, can(actor, 'integrity.manage', { any: true }));
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    if (!(await removeKnownImage(w.tx, id, w.now))) throw new AppError('NOT_FOUND');
    await w.audit({ action: 'knownImage.removed', subjectType: SUBJECT, subjectId: id });
  });
}
