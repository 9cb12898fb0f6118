/**
 * Duplicate media (issue 5 item 2, R-6.2c "reused from another reporter's earlier report"): for each upload of a
 * submission, the other reports whose evidence has the same bytes (SHA-256; photos and videos) or a photo whose
 * perceptual hash is within a few bits of it (resized, re-encoded, lightly cropped, brightened). Findings, not
 * verdicts: the caller tells the same reporter's own photo (a follow-up) from someone else's (a violation) with
 * `matchReporterId`, and shows the distance to the officer.
 *
 * A video is compared through the perceptual hashes of its sampled frames (video-frames.ts) once they are in;
 * until then, or without ffmpeg, only its exact copies are found and the caller says the video was not compared.
 */
import type { Kysely, Transaction } from 'kysely';
import { PHOTO_HASH_MAX_SEARCH_DISTANCE } from '../../domain/integrity/similarity/index.ts';
import { evidenceMatching, uploadsForSimilarity, type EvidenceMatchRow } from '../../db/repos/similarity.repo.ts';
import type { DB } from '../../db/schema.ts';

/**
 * The distance up to which two photos are near duplicates. Measured (bench/integrity/photo-quality.bench.ts,
 * ADR 0006): resized, re-encoded and brightened copies are within 4 bits of their original, light crops within
 * 8 of one of its views (95th percentile; recall 0.993); different photos were never closer than 12–14. 8 is
 * also where multi-index hashing with three chunks probes at most 2 bits per chunk (718 look-ups a search).
 */
export const SIMILAR_PHOTO_MAX_DISTANCE = 8;

/** A match of one of the looked-up uploads: which one, and the other report's evidence it matches. */
export interface SimilarUpload extends EvidenceMatchRow {
  /** The upload of the submission that was looked up. */
  uploadId: string;
}

/**
 * The evidence of other reports matching each of `uploadIds`, exact ones first, then nearest, then earliest.
 * Call it before the submission's report exists, or name it in `excludeReportId` (its own media would match).
 * `limitPerUpload` bounds the answer for a photo already re-used many times (default 20).
 */
export async function similarUploads(
  db: Kysely<DB> | Transaction<DB>,
  o: { uploadIds: readonly string[]; maxDistance?: number; excludeReportId?: string; limitPerUpload?: number },
): Promise<SimilarUpload[]> {
  const maxDistance = o.maxDistance ?? SIMILAR_PHOTO_MAX_DISTANCE;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > PHOTO_HASH_MAX_SEARCH_DISTANCE) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${PHOTO_HASH_MAX_SEARCH_DISTANCE}`);
  }
  const uploads = await uploadsForSimilarity(db, [...new Set(o.uploadIds)]);
  const byId = new Map(uploads.map((u) => [u.id, u]));
  const out: SimilarUpload[] = [];
  // In the order given; one statement per upload (a report has at most 10).
  for (const id of new Set(o.uploadIds)) {
    const upload = byId.get(id);
    if (!upload) continue;
    const rows = await evidenceMatching(db, { upload, maxDistance, excludeReportId: o.excludeReportId, limit: o.limitPerUpload ?? 20 });
    for (const r of rows) out.push({ uploadId: id, ...r });
  }
  return out;
}
