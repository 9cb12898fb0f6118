// Kysely table types for near-duplicate search (migration 0010, ADR 0006).
import type { GeneratedAlways } from 'kysely';

/**
 * The perceptual hash of each view of a photo (view 0 = the whole frame), with its three chunks for
 * multi-index hashing. `phash` is PostgreSQL `bit(64)`: written as 'x' + 16 hex digits, read as 64 '0'/'1'.
 */
export interface UploadPhotoHashesTable {
  upload_id: string;
  view: number;
  phash: string;
  c0: GeneratedAlways<number>;
  c1: GeneratedAlways<number>;
  c2: GeneratedAlways<number>;
}

/** A report's text signature: 128 MinHash minima (low 16 bits each, big-endian) and 32 LSH band keys. */
export interface ReportTextSignaturesTable {
  report_id: string;
  minhash: Uint8Array;
  bands: number[];
}

/** Every `bits`-bit mask with `weight` bits set (weights 0–3): what a search XORs into the query's chunks. */
export interface PhotoHashMasksTable {
  bits: number;
  weight: number;
  mask: number;
}

export interface SimilarityTables {
  upload_photo_hashes: UploadPhotoHashesTable;
  photo_hash_masks: PhotoHashMasksTable;
  report_text_signatures: ReportTextSignaturesTable;
}
