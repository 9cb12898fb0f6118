-- 0012 — intake integrity findings (issue 5, R-6.1, R-6.2, R-5.1, R-5.2, R-1.3, R-8.4) and followers.

-- What the photo's metadata says about its origin, for the signs of editing (R-6.1b, R-6.2b): the camera
-- (EXIF Make + Model) and every tool named in it (EXIF Software and ProcessingSoftware, XMP CreatorTool and
-- the XMP history's software agents).
ALTER TABLE uploads ADD COLUMN camera text;
ALTER TABLE uploads ADD COLUMN edit_tools text[] NOT NULL DEFAULT '{}';

-- Findings, not verdicts: what the checks saw, for the receiving officer, who decides. A re-check replaces a
-- report's findings as a whole (in one transaction, audited).
CREATE TABLE report_findings (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id),
  check_kind text NOT NULL,
  confidence real NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  summary text NOT NULL,
  -- never identity data (no CCCD, phone, e-mail, no photo GPS): staff read it and it is exported
  evidence jsonb NOT NULL DEFAULT '{}',
  matched_report_id uuid REFERENCES reports (id),
  upload_id uuid REFERENCES uploads (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX report_findings_report_idx ON report_findings (report_id);
CREATE INDEX report_findings_matched_idx ON report_findings (matched_report_id) WHERE matched_report_id IS NOT NULL;

-- When the checks last ran on a report; null = not yet (a sweep catches what the submission's own run missed).
ALTER TABLE reports ADD COLUMN integrity_checked_at timestamptz;
CREATE INDEX reports_unchecked_idx ON reports (submitted_at) WHERE integrity_checked_at IS NULL;

-- "This is my problem too": citizens who follow someone else's report instead of sending the same again.
CREATE TABLE report_followers (
  report_id uuid NOT NULL REFERENCES reports (id),
  user_id uuid NOT NULL REFERENCES users (id),
  followed_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_followers_user_idx ON report_followers (user_id);
