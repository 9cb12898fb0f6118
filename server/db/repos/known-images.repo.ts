/** Known public images (migration 0013): the list, and the evidence photos of a report that match it. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { photoHashValue } from './similarity.repo.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface KnownImage {
  id: string;
  label: string;
  source: string | null;
  addedAt: Date;
}

export async function insertKnownImage(
  tx: Q,
  k: { id: string; label: string; source: string | null; addedBy: string; addedAt: Date; views: readonly string[] },
): Promise<void> {
  await tx.insertInto('known_images').values({ id: k.id, label: k.label, source: k.source, added_by: k.addedBy, added_at: k.addedAt, removed_at: null }).execute();
  await tx
    .insertInto('known_image_hashes')
    .values(k.views.map((h, view) => ({ known_image_id: k.id, view, phash: photoHashValue(h) })))
    .execute();
}

/** Marks it removed (kept for the audit trail); false when there is no such listed image. */
export async function removeKnownImage(tx: Q, id: string, at: Date): Promise<boolean> {
  const r = await tx.updateTable('known_images').set({ removed_at: at }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listKnownImages(q: Q): Promise<KnownImage[]> {
  const rows = await q.selectFrom('known_images').select(['id', 'label', 'source', 'added_at']).where('removed_at', 'is', null).orderBy('added_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, label: r.label, source: r.source, addedAt: r.added_at }));
}

/**
 * The report's evidence photos — and videos through their sampled frames — within `maxDistance` bits of a view
 * of a listed image, nearest first.
 */
export async function knownImagesInReport(q: Q, reportId: string, maxDistance: number): Promise<{ uploadId: string; knownImageId: string; label: string; source: string | null; distance: number }[]> {
  const { rows } = await sql<{ upload_id: string; id: string; label: string; source: string | null; distance: number }>`
    WITH hashes AS (
      SELECT u.id AS upload_id, u.phash FROM report_media rm JOIN uploads u ON u.id = rm.upload_id
      WHERE rm.report_id = ${reportId} AND rm.role = 'evidence' AND u.phash IS NOT NULL
      UNION ALL
      SELECT u.id, f.phash FROM report_media rm JOIN uploads u ON u.id = rm.upload_id JOIN upload_photo_hashes f ON f.upload_id = u.id
      WHERE rm.report_id = ${reportId} AND rm.role = 'evidence' AND u.kind = 'video'
    )
    SELECT x.upload_id, k.id, k.label, k.source, min(bit_count(h.phash # x.phash))::int AS distance
    FROM hashes x
    JOIN known_image_hashes h ON bit_count(h.phash # x.phash) <= ${maxDistance}
    JOIN known_images k ON k.id = h.known_image_id AND k.removed_at IS NULL
    GROUP BY x.upload_id, k.id, k.label, k.source
    ORDER BY distance`.execute(q);
  return rows.map((r) => ({ uploadId: r.upload_id, knownImageId: r.id, label: r.label, source: r.source, distance: Number(r.distance) }));
}
