-- 0013 — known public images (issue 5 item 4, R-5.2, R-6.2c): photos from the Internet or the press that an
-- administrator lists, so that a report re-sending one (re-encoded, resized, lightly cropped) is flagged.
-- Only the perceptual hashes are kept, never the picture: the list may hold other people's copyrighted photos.
CREATE TABLE known_images (
  id uuid PRIMARY KEY,
  label text NOT NULL,
  source text,
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL,
  removed_at timestamptz
);

-- The hashes of its views (perceptual-hash.ts PHOTO_HASH_VIEWS), as for uploads: a crop of it matches a view.
-- The list is short (an administrator feeds it by hand): a scan with bit_count is enough.
CREATE TABLE known_image_hashes (
  known_image_id uuid NOT NULL REFERENCES known_images (id),
  view smallint NOT NULL CHECK (view >= 0),
  phash bit(64) NOT NULL,
  PRIMARY KEY (known_image_id, view)
);
