-- 0025 — the criteria of the agencies' ranking and of the officers' commendation (issue 10 item 3; R-22, R-25.4,
-- R-27.4) as data an administrator edits ('evaluation.manage'). Versions, as the working calendar: an edit adds a
-- row (the newest is in force; earlier ones say what a past ranking used), in the unit of work of its audit event
-- `evaluation.criteria.update` (actor, before and after). The meaning of each column is in
-- server/domain/oversight/ranking.ts; the limits below are that file's CRITERIA_LIMITS.
CREATE TABLE evaluation_criteria_versions (
  id integer PRIMARY KEY,
  -- The score: the weighted mean of the on-time rate and the satisfaction rate, weights in percent.
  on_time_weight integer NOT NULL CHECK (on_time_weight BETWEEN 0 AND 100),
  satisfaction_weight integer NOT NULL CHECK (satisfaction_weight BETWEEN 0 AND 100),
  -- An agency with fewer reports in the period is listed "chưa đủ số liệu", not ranked.
  min_reports integer NOT NULL CHECK (min_reports BETWEEN 1 AND 100000),
  -- An officer is listed for commendation with at least this many results published in the period, at least
  -- these rates (percent), best first, at most `officer_max_listed` of them.
  officer_min_handled integer NOT NULL CHECK (officer_min_handled BETWEEN 1 AND 100000),
  officer_min_satisfaction_percent integer NOT NULL CHECK (officer_min_satisfaction_percent BETWEEN 0 AND 100),
  officer_min_on_time_percent integer NOT NULL CHECK (officer_min_on_time_percent BETWEEN 0 AND 100),
  officer_max_listed integer NOT NULL CHECK (officer_max_listed BETWEEN 1 AND 1000),
  note text NOT NULL,
  created_at timestamptz NOT NULL,
  -- NULL: the defaults below, set by this migration.
  created_by uuid REFERENCES users (id),
  CHECK (on_time_weight + satisfaction_weight = 100)
);

-- Defaults: deadlines are set by the regulation (R-8.5) and apply to every report, while ratings (R-13) come from
-- the reporters who choose to rate — so on time weighs more. Ten reports before a rate means anything (one report
-- moves a rate of ten by ten points). An officer: five results or more, 80 % "Hài lòng", 90 % on time, twenty listed.
INSERT INTO evaluation_criteria_versions
  (id, on_time_weight, satisfaction_weight, min_reports, officer_min_handled, officer_min_satisfaction_percent,
   officer_min_on_time_percent, officer_max_listed, note, created_at, created_by)
VALUES (1, 60, 40, 10, 5, 80, 90, 20, 'Tiêu chí mặc định khi cài đặt', now(), NULL);
