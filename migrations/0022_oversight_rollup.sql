-- 0022 — the overseer's figures pre-aggregated (issue 9, R-18.3b, R-22; ADR 0011). GET /api/v1/oversight/summary
-- reads `oversight_rollup` instead of scanning `reports`. Its rows are per Vietnam civil month of submission,
-- handling agency (dispatched, else processing, else receiving), category and kind, in three facets: 'all' (value
-- NULL), per 'state' (value = the state) and per 'rating' (value = the rating, NULL for unrated reports) — with how
-- many reports are in it, how many have their result published and how many are late (a deadline overdue at the
-- refresh). Facets rather than one row per state × rating: the month × agency table reads only the 'all' rows,
-- several times fewer. Derived data, rebuilt from `reports` and `deadlines` by app/oversight/rollup.ts only.

CREATE TABLE oversight_rollup (
  month text NOT NULL,
  agency_id uuid NOT NULL,
  category_code text NOT NULL,
  kind text NOT NULL,
  facet text NOT NULL CHECK (facet IN ('all', 'state', 'rating')),
  value text,
  reports integer NOT NULL,
  published integer NOT NULL,
  late integer NOT NULL
);
CREATE INDEX oversight_rollup_facet_idx ON oversight_rollup (facet, month, agency_id);
CREATE INDEX oversight_rollup_month_idx ON oversight_rollup (month);

-- One row per month ever refreshed: the refresh of a month locks its row first, so that two servers refreshing
-- the same month take turns (DELETE + INSERT … SELECT in one transaction each; never counted twice).
CREATE TABLE oversight_rollup_months (
  month text PRIMARY KEY,
  refreshed_at timestamptz NOT NULL
);

-- The rollup as a whole: the instant its figures hold at ("as of"), the definition (`version`) and the working
-- calendar its lateness was judged with. No row, an older version or another calendar: rebuilt in full.
CREATE TABLE oversight_rollup_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version integer NOT NULL,
  calendar_version integer NOT NULL,
  refreshed_at timestamptz NOT NULL
);

-- The refresh finds the months to recompute from the reports changed since the last one.
CREATE INDEX reports_updated_idx ON reports (updated_at);
