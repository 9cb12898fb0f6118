// Kysely table types for known public images (migration 0013).
import type { Timestamp } from './core.ts';

export interface KnownImagesTable {
  id: string;
  label: string;
  source: string | null;
  added_by: string;
  added_at: Timestamp;
  removed_at: Timestamp | null;
}

/** `phash` is PostgreSQL bit(64), written as 'x' + 16 hex digits. */
export interface KnownImageHashesTable {
  known_image_id: string;
  view: number;
  phash: string;
}

export interface KnownImagesTables {
  known_images: KnownImagesTable;
  known_image_hashes: KnownImageHashesTable;
}
