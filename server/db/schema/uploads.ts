// Kysely table types for uploaded media and the media of reports (snake_case columns, as in SQL).
import type { Generated } from 'kysely';
import type { Timestamp } from './core.ts';

export type UploadKind = 'photo' | 'video';
/** evidence: sent by the reporter with the report; proof: attached to the handling's result. */
export type ReportMediaRole = 'evidence' | 'proof';

export interface UploadsTable {
  id: string;
  owner_id: string;
  sha256: string;
  kind: UploadKind;
  mime: string;
  size: number;
  original_name: string;
  width: number | null;
  height: number | null;
  taken_at: Timestamp | null;
  /** EXIF GPS: personal data, for the officer only. */
  gps_lat: number | null;
  gps_lng: number | null;
  software: string | null;
  /** The whole frame's 64-bit perceptual hash, `bit(64)` (migration 0010): written 'x' + 16 hex, read as 64 '0'/'1'; null for videos. */
  phash: string | null;
  /** EXIF Make + Model, when the photo names its camera (migration 0012). */
  camera: string | null;
  /** Every tool named in the photo's metadata (EXIF Software, ProcessingSoftware, XMP CreatorTool, history). */
  edit_tools: Generated<string[]>;
  public_sha256: string | null;
  created_at: Timestamp;
  /** Videos only (migration 0014): how far the sampling of frames for near-duplicate search went. */
  frames_state: VideoFramesState | null;
  /** Videos only: how many sampled frames were hashed (into upload_photo_hashes, view = frame number). */
  frames_sampled: number | null;
}

export type VideoFramesState = 'pending' | 'done' | 'failed' | 'unavailable';

export interface ReportMediaTable {
  report_id: string;
  upload_id: string;
  role: ReportMediaRole;
  position: number;
}

export interface UploadsTables {
  uploads: UploadsTable;
  report_media: ReportMediaTable;
}
