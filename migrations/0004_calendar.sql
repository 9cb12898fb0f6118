-- 0004 — the working calendar as versioned data (R-8.5, issue 3) and the stored deadlines it drives.
-- Every edit of a year inserts a new version holding the whole definition (small: a few KB), so any
-- deadline can be explained by the exact calendar it was computed with.
CREATE TABLE calendar_versions (
  id integer PRIMARY KEY,
  definition jsonb NOT NULL,
  note text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);

-- A deadline runs from `started_at` for `amount` working hours or days. Open deadlines (stopped_at IS NULL)
-- are recomputed when the calendar changes; stopped ones keep the due instant they had.
CREATE TABLE deadlines (
  id uuid PRIMARY KEY,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  clock text NOT NULL,
  started_at timestamptz NOT NULL,
  amount_unit text NOT NULL CHECK (amount_unit IN ('hours', 'days')),
  amount integer NOT NULL CHECK (amount > 0),
  due_at timestamptz NOT NULL,
  calendar_version integer NOT NULL REFERENCES calendar_versions (id),
  stopped_at timestamptz
);
CREATE INDEX deadlines_subject_idx ON deadlines (subject_type, subject_id);
CREATE INDEX deadlines_open_due_idx ON deadlines (due_at) WHERE stopped_at IS NULL;
