-- 0017 — the inbox's notifications also go out as web push (issue 6 item 5: "reporter notifications go through
-- the same channel"). The push runner reads recent audit events that some inbox shows, records each one here
-- once (so several servers never push it twice), and queues a `notice` batch for the recipients' devices.
CREATE TABLE notification_pushes (
  event_id uuid PRIMARY KEY REFERENCES audit_events (id),
  recipients integer NOT NULL,
  queued_at timestamptz NOT NULL
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

ALTER TABLE push_jobs ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE push_jobs ADD COLUMN event_id uuid REFERENCES audit_events (id);
-- What a notice batch pushes (title, url): worked out when it was queued.
ALTER TABLE push_jobs ADD COLUMN payload jsonb;
ALTER TABLE push_jobs DROP CONSTRAINT push_jobs_kind_check;
ALTER TABLE push_jobs ADD CONSTRAINT push_jobs_kind_check CHECK (kind IN ('alert_fanout', 'alert_batch', 'notice'));
ALTER TABLE push_jobs ADD CONSTRAINT push_jobs_subject_check CHECK ((kind = 'notice') = (alert_id IS NULL) AND (kind = 'notice') = (event_id IS NOT NULL AND payload IS NOT NULL));
ALTER TABLE push_jobs DROP CONSTRAINT push_jobs_check;
ALTER TABLE push_jobs ADD CONSTRAINT push_jobs_batch_check CHECK ((kind = 'alert_fanout') = (subscription_ids IS NULL));
