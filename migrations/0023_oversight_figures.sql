-- 0023 — the overseer's figures of issue 10 (R-18.3b, R-22, R-25.4, R-28.1; ADR 0011, revised).
--
-- 1. A stage's working time (median / 90th percentile per stage): `worked_minutes` is the working time a deadline's
--    clock ran, from its start to its stop, by the working calendar in force when it stopped (set by the workflow
--    when it stops a clock; older rows are filled by the rollup's rebuild, app/oversight/rollup.ts).
ALTER TABLE deadlines ADD COLUMN worked_minutes integer CHECK (worked_minutes >= 0);
CREATE INDEX deadlines_unmeasured_idx ON deadlines (id) WHERE stopped_at IS NOT NULL AND worked_minutes IS NULL;

-- 2. Reports filed under a former administrative unit, counted under today's (R-28.1): the unit of today's
--    structure each such report belongs to — the commune containing its pin, else the only successor of its unit;
--    NULL when its unit was split and it has no pin. Derived data, rebuilt for every report whose unit is not of
--    `structure_version` when the structure in force changes.
CREATE TABLE report_units_today (
  report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  structure_version text NOT NULL,
  unit_code text
);

-- 3. The rollup gains the unit of today, the receiving outcomes and two facets: 'reason' (value = the Art. 6.2
--    reason of a rejected report) and 'decision' (value = an initiative's decision). Every figure is kept at four
--    grains, so that each reader sums only as many rows as its filters need: `grain` 0 — per agency × kind; 1 —
--    also per unit (`unit_code`; NULL there: no place, or not determinable); 2 — also per category; 3 — per unit and
--    category. The month × agency table and every unfiltered figure read grain 0; a unit filter or the figures per
--    unit read grain 1; a category filter grain 2; both grain 3 (category_code is NULL in grains 0 and 1). The rows
--    are rebuilt from scratch (the rollup's version is raised).
DELETE FROM oversight_rollup;
DELETE FROM oversight_rollup_state;
ALTER TABLE oversight_rollup ADD COLUMN grain smallint NOT NULL DEFAULT 0 CHECK (grain BETWEEN 0 AND 3);
ALTER TABLE oversight_rollup ADD COLUMN unit_code text;
ALTER TABLE oversight_rollup ALTER COLUMN category_code DROP NOT NULL;
ALTER TABLE oversight_rollup ADD COLUMN accepted integer NOT NULL DEFAULT 0;
ALTER TABLE oversight_rollup ADD COLUMN rejected integer NOT NULL DEFAULT 0;
ALTER TABLE oversight_rollup ADD COLUMN transferred integer NOT NULL DEFAULT 0;
ALTER TABLE oversight_rollup ADD COLUMN in_progress integer NOT NULL DEFAULT 0;
ALTER TABLE oversight_rollup DROP CONSTRAINT oversight_rollup_facet_check;
ALTER TABLE oversight_rollup ADD CONSTRAINT oversight_rollup_facet_check CHECK (facet IN ('all', 'state', 'rating', 'reason', 'decision'));
DROP INDEX oversight_rollup_facet_idx;
CREATE INDEX oversight_rollup_facet_idx ON oversight_rollup (grain, facet, month, agency_id);
CREATE INDEX oversight_rollup_unit_idx ON oversight_rollup (facet, unit_code, month) WHERE grain IN (1, 3);
CREATE INDEX oversight_rollup_category_idx ON oversight_rollup (facet, category_code, month) WHERE grain IN (2, 3);
-- The rollup state also names the administrative structure its units were mapped to.
ALTER TABLE oversight_rollup_state ADD COLUMN structure_version text NOT NULL DEFAULT '';

-- 4. Per stage (deadline clock): the deadlines of the month's reports that each agency owed (the deadline's agency,
--    R-8.5), how many were late, and how long the stopped ones took in working time, counted per bucket of working
--    minutes (domain/oversight/working-time.ts; bucket NULL: still running), at the same four grains. Superseded
--    deadlines (an extension) are not counted.
CREATE TABLE oversight_stage_rollup (
  month text NOT NULL,
  grain smallint NOT NULL CHECK (grain BETWEEN 0 AND 3),
  agency_id uuid,
  unit_code text,
  category_code text,
  kind text NOT NULL,
  stage text NOT NULL,
  bucket smallint,
  deadlines integer NOT NULL,
  late integer NOT NULL
);
CREATE INDEX oversight_stage_rollup_month_idx ON oversight_stage_rollup (grain, month, agency_id);
CREATE INDEX oversight_stage_rollup_unit_idx ON oversight_stage_rollup (unit_code, month) WHERE grain IN (1, 3);
CREATE INDEX oversight_stage_rollup_category_idx ON oversight_stage_rollup (category_code, month) WHERE grain IN (2, 3);
