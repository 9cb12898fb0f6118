-- 0002 — administrative units as versioned data, the merge mapping between structures, boundaries, and the
-- agencies with their jurisdictions, fields of competence and focal officers (R-2, R-18.2b, R-28.1).
-- A unit is identified by (structure_version, code): Hanoi's 2025 reform reused old commune codes.

CREATE TABLE structure_versions (
  version text PRIMARY KEY CHECK (version ~ '^[0-9]{4}(-[0-9]{2})?$'),
  name text NOT NULL,
  legal_basis text,
  valid_from date NOT NULL,
  -- last day in force (inclusive); NULL while in force
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE units (
  structure_version text NOT NULL REFERENCES structure_versions (version),
  code text NOT NULL CHECK (code ~ '^[0-9]{2,5}$'),
  level text NOT NULL CHECK (level IN ('city', 'district', 'commune')),
  type text NOT NULL CHECK (type IN ('thanh_pho', 'quan', 'huyen', 'thi_xa', 'phuong', 'xa', 'thi_tran')),
  name text NOT NULL,
  full_name text NOT NULL,
  name_en text,
  -- other official spellings (tone mark on another vowel), shown but not needed for search
  name_variants text[] NOT NULL DEFAULT '{}',
  -- lower-case ASCII words of the name and of the full name ("yen hoa", "phuong yen hoa"): see
  -- server/domain/units/names.ts; kept in step by the code that writes units
  search_key text NOT NULL,
  full_search_key text NOT NULL,
  parent_code text,
  PRIMARY KEY (structure_version, code),
  FOREIGN KEY (structure_version, parent_code) REFERENCES units (structure_version, code),
  CHECK ((level = 'city') = (parent_code IS NULL))
);
CREATE INDEX units_parent_idx ON units (structure_version, parent_code);
CREATE INDEX units_level_idx ON units (structure_version, level);

-- old unit → unit of a later structure: full (whole unit), partial (the old unit was split), code_kept (the
-- code lived on in the next list; the sources give nothing finer)
CREATE TABLE unit_successions (
  from_version text NOT NULL,
  from_code text NOT NULL,
  to_version text NOT NULL,
  to_code text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('full', 'partial', 'code_kept')),
  PRIMARY KEY (from_version, from_code, to_version, to_code),
  FOREIGN KEY (from_version, from_code) REFERENCES units (structure_version, code),
  FOREIGN KEY (to_version, to_code) REFERENCES units (structure_version, code),
  CHECK (from_version <> to_version)
);
CREATE INDEX unit_successions_to_idx ON unit_successions (to_version, to_code);

-- GeoJSON geometry (Polygon or MultiPolygon, WGS84) per unit; an operator may replace it. The in-memory geo
-- index of the current communes is built from these rows.
CREATE TABLE unit_boundaries (
  structure_version text NOT NULL,
  unit_code text NOT NULL,
  geometry jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  -- as given by the source (the measured polygon area can differ, see data/hanoi/README.md)
  area_km2 double precision,
  source text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (structure_version, unit_code),
  FOREIGN KEY (structure_version, unit_code) REFERENCES units (structure_version, code)
);

CREATE TABLE agencies (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL,
  short_name text,
  level text NOT NULL CHECK (level IN ('city', 'district', 'commune')),
  kind text NOT NULL CHECK (kind IN ('center', 'department', 'inspectorate', 'reception_board', 'police',
    'public_service', 'district_committee', 'commune_committee')),
  active boolean NOT NULL DEFAULT true,
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agencies_level_idx ON agencies (level, kind);

CREATE TABLE agency_jurisdictions (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  structure_version text NOT NULL,
  unit_code text NOT NULL,
  PRIMARY KEY (agency_id, structure_version, unit_code),
  FOREIGN KEY (structure_version, unit_code) REFERENCES units (structure_version, code)
);
CREATE INDEX agency_jurisdictions_unit_idx ON agency_jurisdictions (structure_version, unit_code);

-- field codes are listed in server/domain/agencies/fields.ts (checked there, so that adding one needs no migration)
CREATE TABLE agency_fields (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  field text NOT NULL CHECK (field ~ '^[a-z][a-z_]*$'),
  PRIMARY KEY (agency_id, field)
);
CREATE INDEX agency_fields_field_idx ON agency_fields (field);

-- work contacts of officials (R-18.2b), not citizens' identity data: stored in clear
CREATE TABLE agency_focal_officers (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  sort_order integer NOT NULL,
  name text NOT NULL,
  position text NOT NULL,
  phone text,
  email text,
  updated_at timestamptz NOT NULL,
  UNIQUE (agency_id, sort_order)
);
