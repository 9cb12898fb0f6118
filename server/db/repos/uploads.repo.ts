/** Uploads and the media of reports: the only SQL of the uploads module. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { ReportsTable } from '../schema/reports.ts';
import type { ReportMediaRole, UploadsTable, VideoFramesState } from '../schema/uploads.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type UploadRow = Selectable<UploadsTable>;
export type { ReportMediaRole, UploadKind } from '../schema/uploads.ts';

/** An upload attached to a report, with its role and its place in the report's list of that role. */
export type ReportMediaItem = UploadRow & { role: ReportMediaRole; position: number };

/**
 * Inserts the upload unless its owner already has one with the same content; either way returns the row that
 * stands for it (`created` false for the earlier one). Two racing requests with the same file end on one row.
 */
export async function insertUploadIfNew(tx: Q, row: Insertable<UploadsTable>): Promise<{ row: UploadRow; created: boolean }> {
  const inserted = await tx
    .insertInto('uploads')
    .values(row)
    .onConflict((oc) => oc.columns(['owner_id', 'sha256']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await findUploadOfOwnerBySha256(tx, row.owner_id, row.sha256);
  if (!existing) throw new Error('insertUploadIfNew: conflicting upload vanished');
  return { row: existing, created: false };
}

export async function findUpload(q: Q, id: string): Promise<UploadRow | undefined> {
  return q.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUploadOfOwnerBySha256(q: Q, ownerId: string, sha256: string): Promise<UploadRow | undefined> {
  return q.selectFrom('uploads').selectAll().where('owner_id', '=', ownerId).where('sha256', '=', sha256).executeTakeFirst();
}

/** The uploads with these ids (any owner), in no particular order. Ids must be UUIDs. */
export async function findUploadsByIds(q: Q, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return q.selectFrom('uploads').selectAll().where('id', 'in', [...ids]).execute();
}

/** True when some upload's public copy has this address: the only content `GET /api/v1/media/:sha256` serves. */
export async function isPublicCopy(q: Q, sha256: string): Promise<boolean> {
  const row = await q.selectFrom('uploads').select('id').where('public_sha256', '=', sha256).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Attaches uploads to a report in the given order, after those it already has in that role. Run it in the
 * caller's transaction (the submission's or the result's); an upload already attached to the report is refused
 * by the primary key (SQLSTATE 23505), so check for duplicates before (claimUploads does).
 */
export async function attachToReport(
  tx: Transaction<DB>,
  reportId: string,
  uploads: readonly Pick<UploadRow, 'id'>[],
  role: ReportMediaRole,
): Promise<void> {
  if (uploads.length === 0) return;
  const last = await tx
    .selectFrom('report_media')
    .select(sql<number>`coalesce(max(position), -1)::int`.as('last'))
    .where('report_id', '=', reportId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  const start = Number(last.last) + 1;
  await tx
    .insertInto('report_media')
    .values(uploads.map((u, i) => ({ report_id: reportId, upload_id: u.id, role, position: start + i })))
    .execute();
}

/** The reports an upload is attached to (usually one). */
export async function reportsWithUpload(q: Q, uploadId: string): Promise<Selectable<ReportsTable>[]> {
  return q
    .selectFrom('report_media')
    .innerJoin('reports', 'reports.id', 'report_media.report_id')
    .selectAll('reports')
    .where('report_media.upload_id', '=', uploadId)
    .orderBy('reports.id')
    .execute();
}

/** The media of a report: evidence first, then proofs, each in the order attached. */
export async function mediaOfReport(q: Q, reportId: string): Promise<ReportMediaItem[]> {
  const rows = await q
    .selectFrom('report_media')
    .innerJoin('uploads', 'uploads.id', 'report_media.upload_id')
    .selectAll('uploads')
    .select(['report_media.role', 'report_media.position'])
    .where('report_media.report_id', '=', reportId)
    .orderBy(sql`CASE report_media.role WHEN 'evidence' THEN 0 ELSE 1 END`)
    .orderBy('report_media.position')
    .execute();
  return rows;
}

/** Videos whose frames have not been sampled yet, received before `before`, oldest first (migration 0014). */
export async function pendingVideoIds(q: Q, before: Date, limit: number): Promise<string[]> {
  const rows = await q.selectFrom('uploads').select('id').where('frames_state', '=', 'pending').where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Records how the sampling of a pending video ended; false when it was no longer pending (another server did
 * it). The frames' hashes go in with `insertPhotoHashes` (view = frame number) in the same transaction.
 */
export async function recordVideoFrames(tx: Q, uploadId: string, state: Exclude<VideoFramesState, 'pending'>, sampled: number): Promise<boolean> {
  const res = await tx
    .updateTable('uploads')
    .set({ frames_state: state, frames_sampled: state === 'done' ? sampled : null })
    .where('id', '=', uploadId)
    .where('frames_state', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Videos a server without ffmpeg could not sample go back to pending once one with ffmpeg starts. */
export async function requeueUnsampledVideos(q: Q): Promise<number> {
  const res = await q.updateTable('uploads').set({ frames_state: 'pending' }).where('frames_state', '=', 'unavailable').executeTakeFirst();
  return Number(res.numUpdatedRows);
}
