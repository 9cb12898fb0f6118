-- 0018 — photos attached to an alert (issue 6 item 1: "optional attachments and links"): the editor's own
-- uploaded photos, each shown by its public copy (no EXIF, no GPS). Kept as [{uploadId, publicSha256}].
ALTER TABLE alerts ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
