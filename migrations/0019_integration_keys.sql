-- 0019 — integration keys for the Open311 GeoReport v2 server (issue 8, R-18.5, R-20): an outside system posts
-- reports as the account its key is bound to — an organisation, or a citizen who authorised the app — under
-- the same identity rules as the app (R-5.5). Like session tokens, only the key's SHA-256 is stored: a database
-- leak yields no usable key. Keys are never deleted, only revoked, so the trail keeps naming them.
CREATE TABLE integration_keys (
  id uuid PRIMARY KEY,
  key_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  revoked_by uuid REFERENCES users (id),
  revoked_at timestamptz
);
CREATE INDEX integration_keys_user_idx ON integration_keys (user_id);

-- What an integration said about a report it posted, beyond the report itself: the device, the attributes of
-- its own system (e.g. FixMyStreet's fixmystreet_id) and, for an organisation's key, the person who wrote it
-- (first/last name, e-mail, phone — encrypted like every identity field, R-5.8). Never shown in Open311 answers.
CREATE TABLE open311_submissions (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  key_id uuid NOT NULL REFERENCES integration_keys (id),
  device_id text,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  contact_enc text,
  created_at timestamptz NOT NULL
);
CREATE INDEX open311_submissions_key_idx ON open311_submissions (key_id, created_at);

-- servicerequestupdates.{xml,json} reads the reports' events by time, across reports.
CREATE INDEX audit_events_type_time_idx ON audit_events (subject_type, occurred_at);
