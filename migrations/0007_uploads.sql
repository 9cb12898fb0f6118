-- 0007 — uploaded media and the media of reports (R-5.2, R-6.1b, R-5.7, R-14).
-- Uploads come first, the JSON submission then names them: per-file progress and retries in the browser,
-- nothing a citizen sent is lost, and the submission stays idempotent. The bytes live in the content-addressed
-- store (MEDIA_DIR, by SHA-256); a row here says who sent them and what the inspection found.

CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id),
  -- the original, as received: never changed (its name is its hash), so an officer can trust it (R-6.1b)
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  kind text NOT NULL CHECK (kind IN ('photo', 'video')),
  -- decided by the content, never by the name or the Content-Type the client sent
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  -- the client's file name made safe to show (last path segment, no control/bidi characters, ≤ 80 chars)
  original_name text NOT NULL,
  width integer,
  height integer,
  -- EXIF DateTimeOriginal (+ OffsetTimeOriginal), read as Hanoi time when no offset is given
  taken_at timestamptz,
  -- EXIF GPS of the photo: personal data (often the sender's home). Kept for the officer's check against
  -- the reported place; never in public output (R-5.7, R-14). The public copy carries no metadata at all.
  gps_lat double precision,
  gps_lng double precision,
  -- EXIF Software (an editor's name is a sign of editing shown to the officer)
  software text,
  -- the public copy (re-encoded JPEG without metadata); null for videos, which have none yet
  public_sha256 text CHECK (public_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL,
  -- the same file sent again by the same person is the same upload (a retried upload creates nothing new)
  UNIQUE (owner_id, sha256),
  CHECK ((gps_lat IS NULL) = (gps_lng IS NULL)),
  CHECK (kind = 'photo' OR public_sha256 IS NULL)
);
CREATE INDEX uploads_public_sha256_idx ON uploads (public_sha256) WHERE public_sha256 IS NOT NULL;

-- What a report shows: the citizen's evidence (R-5.2) and the handling's proof (R-12.2), in order.
CREATE TABLE report_media (
  report_id uuid NOT NULL REFERENCES reports (id),
  upload_id uuid NOT NULL REFERENCES uploads (id),
  role text NOT NULL CHECK (role IN ('evidence', 'proof')),
  position integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (report_id, upload_id),
  UNIQUE (report_id, role, position)
);
CREATE INDEX report_media_upload_idx ON report_media (upload_id);
