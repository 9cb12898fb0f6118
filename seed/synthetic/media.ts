/**
 * The citizens' photos of a report (migrations 0007, 0010, 0012): an upload row per photo with what the
 * inspection of a phone photo finds (size, camera, EXIF time and GPS near the pin), its 64-bit perceptual hash,
 * and the report's evidence list. Stored bytes do not exist (nothing is in MEDIA_DIR): only the rows.
 *
 * Perceptual hashes: random 64-bit values (two unrelated photos differ by ~32 bits), except that
 * NEAR_DUPLICATE_SHARE of photos re-take a recent photo of the same commune — the same pothole photographed by
 * someone else — within 1–6 bits, inside the 8-bit radius of the duplicate search (ADR 0006).
 * Simplified: only the whole frame's hash (view 0) goes into upload_photo_hashes, not the 15 cropped views.
 */
import type { Insertable } from 'kysely';
import type { ReportMediaTable, UploadsTable } from '../../server/db/schema/uploads.ts';
import type { UploadPhotoHashesTable } from '../../server/db/schema/similarity.ts';
import { photoHashValue } from '../../server/db/repos/similarity.repo.ts';
import type { Rng } from './prng.ts';
import { uuidV7At } from './prng.ts';

export const PHOTO_SHARES = [0.25, 0.45, 0.2, 0.1] as const; // 0, 1, 2, 3 photos
export const NEAR_DUPLICATE_SHARE = 0.03;
const RECENT_PER_COMMUNE = 32;
const CAMERAS = ['Apple iPhone 13', 'Apple iPhone 15 Pro', 'samsung SM-A536E', 'samsung SM-S918B', 'OPPO CPH2391', 'Xiaomi 23053RN02A', 'vivo V2207'];

/** Flips `bits` distinct bits of a 16-hex-digit hash. */
export function flipBits(hash: string, bits: number, rng: Rng): string {
  let v = BigInt(`0x${hash}`);
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(rng.int(64));
  for (const b of flipped) v ^= 1n << BigInt(b);
  return v.toString(16).padStart(16, '0');
}

/** Hamming distance of two 16-hex-digit hashes. */
export function hashDistance(a: string, b: string): number {
  let v = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (v) {
    n += Number(v & 1n);
    v >>= 1n;
  }
  return n;
}

export interface ReportPhotos {
  uploads: Insertable<UploadsTable>[];
  media: Insertable<ReportMediaTable>[];
  hashes: Insertable<UploadPhotoHashesTable>[];
}

/** Recent hashes per commune, for near-duplicates. */
export class RecentPhotos {
  private readonly byCommune = new Map<string, string[]>();

  hashFor(commune: string | null, rng: Rng): string {
    const recent = commune ? this.byCommune.get(commune) : undefined;
    const hash = recent?.length && rng.chance(NEAR_DUPLICATE_SHARE) ? flipBits(rng.pick(recent), 1 + rng.int(6), rng) : rng.hex(16);
    if (commune) {
      const list = recent ?? [];
      list.push(hash);
      if (list.length > RECENT_PER_COMMUNE) list.shift();
      this.byCommune.set(commune, list);
    }
    return hash;
  }
}

function photoCount(rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < PHOTO_SHARES.length; i++) if ((u -= PHOTO_SHARES[i] as number) < 0) return i;
  return 0;
}

export function reportPhotos(
  r: { id: string; reporterId: string; submittedAt: Date; lat: number | null; lng: number | null; commune: string | null },
  recent: RecentPhotos,
  rng: Rng,
): ReportPhotos {
  const out: ReportPhotos = { uploads: [], media: [], hashes: [] };
  const count = photoCount(rng);
  const camera = rng.pick(CAMERAS);
  for (let position = 0; position < count; position++) {
    const createdAt = new Date(r.submittedAt.getTime() - (count - position) * 20_000 - rng.int(20 * 60_000));
    const takenAt = new Date(createdAt.getTime() - 5 * 60_000 - rng.int(3 * 3_600_000));
    const stamp = takenAt.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
    const gps = r.lat !== null && r.lng !== null && rng.chance(0.7);
    const phash = recent.hashFor(r.commune, rng);
    const id = uuidV7At(createdAt.getTime(), rng);
    const landscape = rng.chance(0.6);
    out.uploads.push({
      id,
      owner_id: r.reporterId,
      sha256: rng.hex(64),
      kind: 'photo',
      mime: 'image/jpeg',
      size: 1_200_000 + rng.int(3_500_000),
      original_name: `IMG_${stamp}.jpg`,
      width: landscape ? 4032 : 3024,
      height: landscape ? 3024 : 4032,
      taken_at: takenAt,
      gps_lat: gps ? (r.lat as number) + (rng.next() - 0.5) * 0.0006 : null,
      gps_lng: gps ? (r.lng as number) + (rng.next() - 0.5) * 0.0006 : null,
      software: null,
      phash: photoHashValue(phash),
      camera,
      public_sha256: rng.hex(64),
      created_at: createdAt,
      frames_state: null,
      frames_sampled: null,
    });
    out.media.push({ report_id: r.id, upload_id: id, role: 'evidence', position });
    out.hashes.push({ upload_id: id, view: 0, phash: photoHashValue(phash) });
  }
  return out;
}
