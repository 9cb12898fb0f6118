-- 0011 — sanctions for repeat violators (R-27.2, R-27.3).
-- A report rejected as false (R-6.2đ), as advertising (R-6.2e) or as abusive (R-5.2, marked by the officer) is a
-- violation of its reporter; more than 3 consecutive violations suspend the account's right to submit for 30
-- days. Kept apart from users.status / users.locked_until (the sign-in lockout): a sanctioned reporter still
-- signs in and reads, and neither lock can lift or shorten the other.

-- A suspension of submitting, imposed by the platform on the violation that ended a run; lifted only by an
-- administrator with a written reason. In force while not lifted and ends_at is in the future.
CREATE TABLE sanctions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- the rejected report whose violation completed the run
  report_id uuid NOT NULL REFERENCES reports (id),
  lifted_at timestamptz,
  lifted_by uuid REFERENCES users (id),
  lift_reason text,
  CHECK (ends_at > starts_at),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
-- The session look-up asks "in force for this user?" on every request.
CREATE INDEX sanctions_user_idx ON sanctions (user_id, ends_at DESC);
CREATE INDEX sanctions_starts_idx ON sanctions (starts_at DESC);

-- One row per rejected-for-violation report: which report, which kind, when, by whom, its place in the run.
CREATE TABLE violations (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  report_id uuid NOT NULL UNIQUE REFERENCES reports (id),
  kind text NOT NULL CHECK (kind IN ('false_report', 'advertising', 'abusive')),
  reject_reason text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_by_role text NOT NULL,
  recorded_by_agency_id uuid REFERENCES agencies (id),
  run_position integer NOT NULL CHECK (run_position >= 1),
  -- the sanction its run imposed (set on every violation of that run)
  sanction_id uuid REFERENCES sanctions (id),
  -- serious cases flagged for referral to the competent authority (R-27.3)
  referral_reason text,
  referred_at timestamptz,
  referred_by uuid REFERENCES users (id),
  CHECK ((referral_reason IS NULL) = (referred_at IS NULL) AND (referred_at IS NULL) = (referred_by IS NULL))
);
CREATE INDEX violations_user_idx ON violations (user_id, recorded_at DESC);
CREATE INDEX violations_recorded_idx ON violations (recorded_at DESC);
CREATE INDEX violations_referred_idx ON violations (referred_at DESC) WHERE referred_at IS NOT NULL;

-- The length of each reporter's current run of consecutive violations: counted up by a violation, set to 0
-- by a valid (accepted) report and by the sanction the run imposed. One row per reporter, locked by the
-- update, so two rejections of one reporter's reports at once count in turn.
CREATE TABLE violation_runs (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  length integer NOT NULL CHECK (length >= 0),
  updated_at timestamptz NOT NULL
);
