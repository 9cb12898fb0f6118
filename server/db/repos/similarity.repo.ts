/**
 * Near-duplicate search (issue 5, R-6.2c; ADR 0006): the only SQL of photo-hash and text-signature look-ups.
 * Photos: multi-index hashing over `upload_photo_hashes` (three btree-indexed chunks, then bit_count on the
 * candidates). Texts: LSH band keys in a GIN index over `report_text_signatures`, minima compared by the caller.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { photoHashFromBits, photoHashProbes } from '../../domain/integrity/similarity/index.ts';
import type { DB } from '../schema.ts';
import type { ReportTextSignaturesTable } from '../schema/similarity.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** A hash (16 hex) as PostgreSQL `bit(64)` input: bit_in reads a leading 'x' as hexadecimal. */
export function photoHashValue(hash: string): string {
  return `x${hash}`;
}

/** Stores the hashes of every view of a photo (views[0] = the whole frame). */
export async function insertPhotoHashes(tx: Q, uploadId: string, views: readonly string[]): Promise<void> {
  if (views.length === 0) return;
  await tx
    .insertInto('upload_photo_hashes')
    .values(views.map((h, view) => ({ upload_id: uploadId, view, phash: photoHashValue(h) })))
    .execute();
}

/** The SQL predicate "within `maxDistance` bits of `hash`" on upload_photo_hashes `h`, through the chunk indexes. */
function nearPredicate(hash: string, maxDistance: number) {
  const [p0, p1, p2] = photoHashProbes(hash, maxDistance) as [number[], number[], number[]];
  const q = photoHashValue(hash);
  // The OR of three indexed look-ups is a BitmapOr of three index scans; bit_count then drops the candidates
  // that only agree in one chunk.
  return sql<boolean>`(h.c0 = ANY(${p0}::integer[]) OR h.c1 = ANY(${p1}::integer[]) OR h.c2 = ANY(${p2}::integer[]))
    AND bit_count(h.phash # ${q}::bit(64)) <= ${maxDistance}`;
}

/** Every upload with a view within `maxDistance` bits of `hash`, with the distance of its nearest view. */
export async function uploadsNearPhotoHash(q: Q, hash: string, maxDistance: number): Promise<{ uploadId: string; distance: number }[]> {
  const { rows } = await sql<{ upload_id: string; distance: number }>`
    SELECT h.upload_id, min(bit_count(h.phash # ${photoHashValue(hash)}::bit(64)))::int AS distance
    FROM upload_photo_hashes h
    WHERE ${nearPredicate(hash, maxDistance)}
    GROUP BY h.upload_id`.execute(q);
  return rows.map((r) => ({ uploadId: r.upload_id, distance: Number(r.distance) }));
}

/**
 * The same answer as uploadsNearPhotoHash by reading every stored hash (no index can serve `bit_count(…) <= d`):
 * the baseline of the benchmark and the reference of the tests.
 */
export async function uploadsNearPhotoHashByScan(q: Q, hash: string, maxDistance: number): Promise<{ uploadId: string; distance: number }[]> {
  const { rows } = await sql<{ upload_id: string; distance: number }>`
    SELECT h.upload_id, min(bit_count(h.phash # ${photoHashValue(hash)}::bit(64)))::int AS distance
    FROM upload_photo_hashes h
    WHERE bit_count(h.phash # ${photoHashValue(hash)}::bit(64)) <= ${maxDistance}
    GROUP BY h.upload_id`.execute(q);
  return rows.map((r) => ({ uploadId: r.upload_id, distance: Number(r.distance) }));
}

export interface UploadForSimilarity {
  id: string;
  kind: string;
  sha256: string;
  /** The whole frame's perceptual hash (16 hex), null for videos and photos without one. */
  phash: string | null;
}

export async function uploadsForSimilarity(q: Q, ids: readonly string[]): Promise<UploadForSimilarity[]> {
  if (ids.length === 0) return [];
  const rows = await q.selectFrom('uploads').select(['id', 'kind', 'sha256', 'phash']).where('id', 'in', [...ids]).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, sha256: r.sha256, phash: r.phash === null ? null : photoHashFromBits(r.phash) }));
}

export interface EvidenceMatchRow {
  matchUploadId: string;
  matchReportId: string;
  matchReporterId: string;
  matchSubmittedAt: Date;
  distance: number;
  exact: boolean;
}

/**
 * Reports whose evidence includes the same bytes as `upload` (any kind) or, for a photo, a photo within
 * `maxDistance` bits: the exact ones first, then by distance, then the earliest report. Proof photos of
 * officers are not evidence and never match.
 */
export async function evidenceMatching(
  q: Q,
  o: { upload: UploadForSimilarity; maxDistance: number; excludeReportId?: string | undefined; limit: number },
): Promise<EvidenceMatchRow[]> {
  const { upload } = o;
  const near = upload.phash
    ? sql`SELECT h.upload_id, min(bit_count(h.phash # ${photoHashValue(upload.phash)}::bit(64)))::int AS distance
          FROM upload_photo_hashes h WHERE ${nearPredicate(upload.phash, o.maxDistance)} GROUP BY h.upload_id`
    : sql`SELECT NULL::uuid AS upload_id, NULL::int AS distance WHERE false`;
  const exclude = o.excludeReportId ? sql`AND r.id <> ${o.excludeReportId}` : sql``;
  const { rows } = await sql<{ upload_id: string; report_id: string; reporter_id: string; submitted_at: Date; distance: number; exact: boolean }>`
    WITH near AS (${near}),
    exact AS (SELECT id AS upload_id FROM uploads WHERE sha256 = ${upload.sha256}),
    matched AS (
      SELECT coalesce(e.upload_id, n.upload_id) AS upload_id, e.upload_id IS NOT NULL AS exact,
             CASE WHEN e.upload_id IS NOT NULL THEN 0 ELSE n.distance END AS distance
      FROM near n FULL JOIN exact e ON e.upload_id = n.upload_id
    )
    SELECT m.upload_id, rm.report_id, r.reporter_id, r.submitted_at, m.distance, m.exact
    FROM matched m
    JOIN report_media rm ON rm.upload_id = m.upload_id AND rm.role = 'evidence'
    JOIN reports r ON r.id = rm.report_id
    WHERE true ${exclude}
    ORDER BY m.exact DESC, m.distance, r.submitted_at, r.id
    LIMIT ${o.limit}`.execute(q);
  return rows.map((r) => ({
    matchUploadId: r.upload_id,
    matchReportId: r.report_id,
    matchReporterId: r.reporter_id,
    matchSubmittedAt: r.submitted_at,
    distance: Number(r.distance),
    exact: r.exact,
  }));
}

/** At most this many candidates are read per text search (a flood of copies of one text, see ADR 0006). */
export const TEXT_CANDIDATE_CAP = 5000;

/**
 * Reports sharing at least one LSH band key with `bands`, with their minima (bytes); those sharing the most keys
 * first when more than TEXT_CANDIDATE_CAP share one.
 *
 * One GIN look-up per key (a LATERAL join) rather than `bands && $keys`: PostgreSQL keeps no statistics on
 * elements as rare as band keys, assumes each matches 0.5 % of rows (15 % for 32 keys) and would read the whole
 * table; per key, the same guess still makes the index the cheaper plan. Measured in ADR 0006.
 */
export async function textCandidates(
  q: Q,
  o: { bands: readonly number[]; excludeReportId?: string | undefined },
): Promise<{ reportId: string; minhash: Uint8Array; sharedBands: number }[]> {
  const exclude = o.excludeReportId ? sql`WHERE s.report_id <> ${o.excludeReportId}` : sql``;
  const { rows } = await sql<{ report_id: string; minhash: Uint8Array; shared: number }>`
    SELECT s.report_id, (array_agg(s.minhash))[1] AS minhash, count(*)::int AS shared
    FROM unnest(${[...o.bands]}::integer[]) AS k(key)
    CROSS JOIN LATERAL (SELECT t.report_id, t.minhash FROM report_text_signatures t WHERE t.bands @> ARRAY[k.key]) s
    ${exclude}
    GROUP BY s.report_id
    ORDER BY shared DESC
    LIMIT ${TEXT_CANDIDATE_CAP}`.execute(q);
  return rows.map((r) => ({ reportId: r.report_id, minhash: r.minhash, sharedBands: Number(r.shared) }));
}

/** Every stored text signature, a page at a time in report-id order (the benchmark's linear-scan baseline). */
export async function textSignaturesPage(q: Q, afterReportId: string | null, limit: number): Promise<{ reportId: string; minhash: Uint8Array }[]> {
  let query = q.selectFrom('report_text_signatures').select(['report_id', 'minhash']).orderBy('report_id').limit(limit);
  if (afterReportId) query = query.where('report_id', '>', afterReportId);
  const rows = await query.execute();
  return rows.map((r) => ({ reportId: r.report_id, minhash: r.minhash }));
}

export async function insertTextSignatures(tx: Q, rows: readonly Insertable<ReportTextSignaturesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('report_text_signatures').values([...rows]).execute();
}
