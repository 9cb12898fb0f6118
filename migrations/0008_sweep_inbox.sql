-- 0008 — the deadline sweep (R-8.5 "late units answer for it", R-18.4) and the reporter's inbox (R-13).

-- The sweep looks for open deadlines it has not yet seen overdue, oldest due first.
CREATE INDEX deadlines_sweep_idx ON deadlines (due_at) WHERE stopped_at IS NULL AND overdue_at IS NULL;
-- Lateness per month reads every deadline due in a month, open or stopped, across agencies.
CREATE INDEX deadlines_due_idx ON deadlines (due_at);

-- Notifications are derived from the audit trail of the reporter's own reports (no copy of them is kept);
-- this table only records which of them the reporter has read.
CREATE TABLE notification_reads (
  user_id uuid NOT NULL REFERENCES users (id),
  event_id uuid NOT NULL REFERENCES audit_events (id),
  read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, event_id)
);
