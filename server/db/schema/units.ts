// Kysely table types for migrations of the units module (snake_case columns, as in SQL): units, the merge
// mapping, boundaries, and the agencies with their jurisdictions (0002_units_agencies.sql).
import type { ColumnType, Generated } from 'kysely';
import type { AgencyKind, AgencyLevel } from '../../domain/agencies/index.ts';
import type { SuccessionScope, UnitLevel, UnitType } from '../../domain/units/index.ts';
import type { Json, Timestamp } from './core.ts';

/** A civil date (YYYY-MM-DD): the client parses `date` as a string on both engines. */
type CivilDate = string;

export interface StructureVersionsTable {
  version: string;
  name: string;
  legal_basis: string | null;
  valid_from: CivilDate;
  valid_to: CivilDate | null;
}

export interface UnitsTable {
  structure_version: string;
  code: string;
  level: UnitLevel;
  type: UnitType;
  name: string;
  full_name: string;
  name_en: string | null;
  name_variants: ColumnType<string[], string[] | undefined, string[]>;
  search_key: string;
  full_search_key: string;
  parent_code: string | null;
}

export interface UnitSuccessionsTable {
  from_version: string;
  from_code: string;
  to_version: string;
  to_code: string;
  scope: SuccessionScope;
}

export interface UnitBoundariesTable {
  structure_version: string;
  unit_code: string;
  geometry: Json<unknown>;
  area_km2: number | null;
  source: string;
  updated_at: Timestamp;
}

export interface AgenciesTable {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  active: Generated<boolean>;
  valid_from: CivilDate | null;
  valid_to: CivilDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgencyJurisdictionsTable {
  agency_id: string;
  structure_version: string;
  unit_code: string;
}

export interface AgencyFieldsTable {
  agency_id: string;
  field: string;
}

export interface AgencyFocalOfficersTable {
  id: string;
  agency_id: string;
  sort_order: number;
  name: string;
  position: string;
  phone: string | null;
  email: string | null;
  updated_at: Timestamp;
}

export interface UnitsTables {
  structure_versions: StructureVersionsTable;
  units: UnitsTable;
  unit_successions: UnitSuccessionsTable;
  unit_boundaries: UnitBoundariesTable;
  agencies: AgenciesTable;
  agency_jurisdictions: AgencyJurisdictionsTable;
  agency_fields: AgencyFieldsTable;
  agency_focal_officers: AgencyFocalOfficersTable;
}
