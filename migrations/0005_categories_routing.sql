-- 0005 — the report-category catalogue and the routing rules that choose a report's receiving agency
-- (R-1.2, R-5.9, R-5.10, R-6, R-7, R-28.1). Both are data an administrator edits; the code only holds the
-- fallback when no rule applies (server/domain/catalogue/routing.ts).

-- Report kinds and field codes are checked in the domain (server/domain/calendar/policies.ts,
-- server/domain/agencies/fields.ts), as for agency_fields: adding one needs no migration.
CREATE TABLE report_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+([-_][a-z0-9]+)*$' AND length(code) <= 64),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  kinds text[] NOT NULL CHECK (cardinality(kinds) >= 1),
  field text NOT NULL CHECK (field ~ '^[a-z][a-z_]*$'),
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX report_categories_order_idx ON report_categories (sort_order, code);

-- Rules are evaluated in `position` order (kept as: priority descending, then more conditions first, then the
-- administrator's order). An empty condition matches everything. The list is replaced as a whole.
CREATE TABLE routing_rules (
  id uuid PRIMARY KEY,
  position integer NOT NULL UNIQUE CHECK (position >= 1),
  priority integer NOT NULL CHECK (priority BETWEEN 0 AND 1000),
  kind text CHECK (kind ~ '^[a-z][a-z_]*$'),
  category_code text REFERENCES report_categories (code),
  field text CHECK (field ~ '^[a-z][a-z_]*$'),
  unit_version text,
  unit_code text,
  target text NOT NULL CHECK (target IN ('commune_of_place', 'agency')),
  agency_id uuid REFERENCES agencies (id),
  note text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  FOREIGN KEY (unit_version, unit_code) REFERENCES units (structure_version, code),
  CHECK ((unit_version IS NULL) = (unit_code IS NULL)),
  CHECK ((target = 'agency') = (agency_id IS NOT NULL))
);
