-- 0006 — reports of every kind (R-5 … R-13) with their media, one engine for all kinds (workflow as data).
-- The timeline is the audit trail (audit_events, subject_type 'report'): every action is an event with its
-- actor, role, agency, from/to state and the hash of the report's previous event.

-- Human codes PA-<year of submission>-<number>: the number comes from a sequence, which never makes one
-- submission wait for another (a counter row would serialise every submission of the year until commit). A
-- rolled-back submission leaves a gap; numbers keep growing across years.
CREATE SEQUENCE report_code_seq;

CREATE TABLE reports (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL,
  category_code text NOT NULL REFERENCES report_categories (code),
  title text NOT NULL,
  description text NOT NULL,
  reporter_id uuid NOT NULL REFERENCES users (id),
  -- R-5.7: the reporter's choice; the public presenter never receives identity fields anyway.
  confidential boolean NOT NULL,
  lat double precision,
  lng double precision,
  address text,
  unit_version text,
  unit_code text,
  occurred_at timestamptz,
  state text NOT NULL,
  classification text CHECK (classification IN ('urgent', 'normal', 'complex')),
  receiving_agency_id uuid NOT NULL REFERENCES agencies (id),
  processing_agency_id uuid REFERENCES agencies (id),
  -- the commune committee a head dispatched it to (R-8.1 step 2), which assigns its own officer
  dispatched_agency_id uuid REFERENCES agencies (id),
  assignee_id uuid REFERENCES users (id),
  routing_note text NOT NULL DEFAULT '',
  result_text text,
  -- R-12.2: what proves the handling (inspection record, site photo, reply letter …), at least one to approve
  result_proofs jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- R-9: adopt / adoptInPart / decline
  decision text,
  result_published_at timestamptz,
  rating text CHECK (rating IN ('satisfied', 'acceptable', 'unsatisfied')),
  rating_comment text,
  reject_reason text,
  extended_to_days integer,
  -- optimistic concurrency: every action states the version it saw; exactly one of two concurrent ones wins
  version integer NOT NULL DEFAULT 1,
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  idempotency_key text,
  idempotency_hash text,
  UNIQUE (reporter_id, idempotency_key),
  FOREIGN KEY (unit_version, unit_code) REFERENCES units (structure_version, code),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX reports_reporter_idx ON reports (reporter_id, submitted_at DESC);
CREATE INDEX reports_receiving_idx ON reports (receiving_agency_id, state);
CREATE INDEX reports_processing_idx ON reports (processing_agency_id, state);
CREATE INDEX reports_dispatched_idx ON reports (dispatched_agency_id, state);
CREATE INDEX reports_unit_idx ON reports (unit_version, unit_code, submitted_at DESC);
CREATE INDEX reports_state_idx ON reports (state, submitted_at DESC);

-- Cooperation requests of a complex report (R-8.2): each cooperating agency returns its part to the lead.
CREATE TABLE report_cooperations (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  requested_at timestamptz NOT NULL,
  requested_by uuid NOT NULL REFERENCES users (id),
  state text NOT NULL CHECK (state IN ('open', 'returned', 'closed')),
  result_text text,
  closed_reason text,
  closed_at timestamptz,
  UNIQUE (report_id, agency_id)
);

-- Lateness is per responsible agency (R-8.5 "late units answer for it", R-18.4): each deadline names the agency
-- whose clock it is; the sweep records when it first saw it overdue.
ALTER TABLE deadlines ADD COLUMN agency_id uuid REFERENCES agencies (id);
ALTER TABLE deadlines ADD COLUMN overdue_at timestamptz;
CREATE INDEX deadlines_agency_idx ON deadlines (agency_id, due_at);
