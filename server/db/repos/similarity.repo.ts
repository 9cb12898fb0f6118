/**
 * Near-duplicate search (issue 5, R-6.2c; ADR 0006): the only SQL of photo-hash and text-signature look-ups.
 * Photos: multi-index hashing over `upload_photo_hashes` (three btree-indexed chunks, then bit_count on the
 * candidates). Texts: LSH band keys in a GIN index over `report_text_signatures` (read through the function
 * `report_text_candidates`), minima compared by the caller.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { photoHashChunkRadius, photoHashChunks, photoHashFromBits } from '../../domain/integrity/similarity/index.ts';
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

/**
 * The SQL predicate "within `maxDistance` bits of `hash`" on upload_photo_hashes `h`, through the chunk indexes:
 * each chunk equal to the query's chunk XOR a mask of at most ⌊maxDistance / 3⌋ bits (photo_hash_masks; chunk
 * widths as PHOTO_HASH_CHUNKS: 21, 21, 22).
 */
function nearPredicate(hash: string, maxDistance: number) {
  const [c0, c1, c2] = photoHashChunks(hash) as [number, number, number];
  const r = photoHashChunkRadius(maxDistance);
  const q = photoHashValue(hash);
  const probes = (chunk: number, bits: number) => sql`ARRAY(SELECT ${chunk}::integer # m.mask FROM photo_hash_masks m WHERE m.bits = ${bits} AND m.weight <= ${r})`;
  // The OR of three indexed look-ups is a BitmapOr of three index scans; bit_count then drops the candidates
  // that agree in a chunk but differ in more than maxDistance bits overall.
  return sql<boolean>`(h.c0 = ANY(${probes(c0, 21)}) OR h.c1 = ANY(${probes(c1, 21)}) OR h.c2 = ANY(${probes(c2, 22)}))
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
  /**
   * The hashes (16 hex) a search compares: a photo's whole frame; a video's sampled frames (migration 0014), in
   * time order. Empty for photos without one (flat) and videos not sampled.
   */
  hashes: string[];
}

export async function uploadsForSimilarity(q: Q, ids: readonly string[]): Promise<UploadForSimilarity[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom('uploads as u')
    .select(['u.id', 'u.kind', 'u.sha256', 'u.phash'])
    .select(sql<string[] | null>`CASE WHEN u.kind = 'video' THEN ARRAY(SELECT h.phash::text FROM upload_photo_hashes h WHERE h.upload_id = u.id ORDER BY h.view) END`.as('frames'))
    .where('u.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    sha256: r.sha256,
    hashes: (r.kind === 'video' ? (r.frames ?? []) : r.phash === null ? [] : [r.phash]).map(photoHashFromBits),
  }));
}

export interface EvidenceMatchRow {
  /** The matching evidence of another report (the same upload id when the same owner sent the same bytes). */
  matchUploadId: string;
  matchReportId: string;
  matchReporterId: string;
  matchSubmittedAt: Date;
  /** Hamming distance of the perceptual hashes (0–64); 0 for exact copies. */
  distance: number;
  /** The very same bytes (SHA-256). */
  exact: boolean;
}

/**
 * Reports whose evidence (R-5.2) includes the same bytes as `upload` (any kind) or a photo or video frame within
 * `maxDistance` bits of one of its hashes (a photo's, or a video's frames): the exact ones first, then by distance, then the earliest report. Proof photos of
 * officers (R-12.2) are not evidence and never match.
 */
export async function evidenceMatching(
  q: Q,
  o: { upload: UploadForSimilarity; maxDistance: number; excludeReportId?: string | undefined; limit: number },
): Promise<EvidenceMatchRow[]> {
  const { upload } = o;
  // Every stored photo view or video frame within maxDistance of any of the upload's hashes, at its nearest.
  const near = upload.hashes.length
    ? sql`SELECT x.upload_id, min(x.distance)::int AS distance FROM (${sql.join(
        upload.hashes.map(
          (hash) => sql`SELECT h.upload_id, bit_count(h.phash # ${photoHashValue(hash)}::bit(64)) AS distance FROM upload_photo_hashes h WHERE ${nearPredicate(hash, o.maxDistance)}`,
        ),
        sql` UNION ALL `,
      )}) x GROUP BY x.upload_id`
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
 * Reports sharing at least one LSH band key with `bands`, with their minima (bytes): through the function
 * `report_text_candidates` of migration 0010, which keeps the planner on the GIN index.
 *
 * The minima travel as hex text, decoded here: PGlite's own bytea decoding was measured to cost ~25 µs a row
 * (p99 of a search 15 ms against 3 ms at 300,000 reports); Buffer's hex decoding is native on both engines.
 */
export async function textCandidates(
  q: Q,
  o: { bands: readonly number[]; excludeReportId?: string | undefined },
): Promise<{ reportId: string; minhash: Uint8Array }[]> {
  const { rows } = await sql<{ report_id: string; minhash_hex: string }>`
    SELECT report_id, encode(minhash, 'hex') AS minhash_hex
    FROM report_text_candidates(${[...o.bands]}::integer[], ${o.excludeReportId ?? null}::uuid, ${TEXT_CANDIDATE_CAP})`.execute(q);
  return rows.map((r) => ({ reportId: r.report_id, minhash: Buffer.from(r.minhash_hex, 'hex') }));
}

/** Every stored text signature, a page at a time in report-id order (the benchmark's linear-scan baseline). */
export async function textSignaturesPage(q: Q, afterReportId: string | null, limit: number): Promise<{ reportId: string; minhash: Uint8Array }[]> {
  const after = afterReportId ? sql`WHERE report_id > ${afterReportId}` : sql``;
  const { rows } = await sql<{ report_id: string; minhash_hex: string }>`
    SELECT report_id, encode(minhash, 'hex') AS minhash_hex FROM report_text_signatures ${after} ORDER BY report_id LIMIT ${limit}`.execute(q);
  return rows.map((r) => ({ reportId: r.report_id, minhash: Buffer.from(r.minhash_hex, 'hex') }));
}

export async function insertTextSignatures(tx: Q, rows: readonly Insertable<ReportTextSignaturesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('report_text_signatures').values([...rows]).execute();
}
