-- 0015 — information and warnings to residents (Art. 15–17; issue 6).
-- An alert is one row whatever its audience: residents' inboxes are computed from the alerts that target their
-- residence unit or one of its ancestors (a pull model), with a read marker per account.

CREATE SEQUENCE alert_code_seq;

CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  -- TB-2026-000123 (thông báo), from alert_code_seq.
  code text NOT NULL UNIQUE,
  issuing_agency_id uuid NOT NULL REFERENCES agencies (id),
  level text NOT NULL CHECK (level IN ('city', 'district', 'commune')),
  -- The audience: units of one structure version (the issuing unit's area, or some of its communes), and the same
  -- as 'version/code' keys for the inbox's index (a resident's residence and ancestors as keys overlap them).
  structure_version text NOT NULL,
  audience_units text[] NOT NULL CHECK (cardinality(audience_units) > 0),
  audience_keys text[] NOT NULL CHECK (cardinality(audience_keys) = cardinality(audience_units)),
  whole_area boolean NOT NULL,
  kind text NOT NULL CHECK (kind IN ('information', 'warning')),
  category text NOT NULL CHECK (category IN ('Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other')),
  severity text NOT NULL CHECK (severity IN ('Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown')),
  urgency text NOT NULL CHECK (urgency IN ('Immediate', 'Expected', 'Future', 'Past', 'Unknown')),
  certainty text NOT NULL CHECK (certainty IN ('Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown')),
  title text NOT NULL,
  body text NOT NULL,
  links jsonb NOT NULL DEFAULT '[]',
  polygon jsonb,
  starts_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > starts_at),
  scheduled_at timestamptz,
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'scheduled', 'sent', 'cancelled')),
  -- CAP msgType: a Cancel references the alert it cancels (an Update likewise).
  msg_type text NOT NULL DEFAULT 'Alert' CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  references_alert_id uuid REFERENCES alerts (id),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz,
  sent_at timestamptz,
  cancelled_at timestamptz,
  return_comment text,
  -- R-16.2, R-17.2: the higher-level alert this one repeats, approved anyway with a written reason.
  resend_override jsonb,
  version integer NOT NULL DEFAULT 1,
  CHECK ((state IN ('sent', 'cancelled')) OR sent_at IS NULL)
);
CREATE INDEX alerts_audience_idx ON alerts USING gin (audience_keys) WHERE sent_at IS NOT NULL;
CREATE INDEX alerts_sent_idx ON alerts (sent_at DESC, id DESC) WHERE sent_at IS NOT NULL;
CREATE INDEX alerts_due_idx ON alerts (scheduled_at) WHERE state = 'scheduled';
CREATE INDEX alerts_agency_idx ON alerts (issuing_agency_id, created_at DESC);

-- Everything sent up to read_up_to is read; alert_reads holds alerts read one by one after it.
CREATE TABLE alert_read_marks (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  read_up_to timestamptz NOT NULL
);
CREATE TABLE alert_reads (
  user_id uuid NOT NULL REFERENCES users (id),
  alert_id uuid NOT NULL REFERENCES alerts (id),
  read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, alert_id)
);

-- The merge mapping is reference data too now (a residence in a former unit is reached through its successor).
CREATE TRIGGER unit_successions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_successions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
