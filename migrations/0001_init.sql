-- 0001 — the audit trail shared by every state change (DESIGN: use cases own transaction and audit).
-- Each event records its actor and, per subject, chains to the previous event's hash so that a removed or
-- edited event is detectable.
CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text NOT NULL,
  actor_agency_id uuid,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  from_state text,
  to_state text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text,
  hash text NOT NULL
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, occurred_at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at);
