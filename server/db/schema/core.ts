import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface AuditEventsTable {
  id: string;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_role: string;
  actor_agency_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  from_state: string | null;
  to_state: string | null;
  payload: Json<Record<string, unknown>>;
  prev_hash: string | null;
  hash: string;
}

/** One row: moved by triggers whenever reference data changes (migration 0009). */
export interface ReferenceRevisionTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  n: number;
}

export interface CoreTables {
  audit_events: AuditEventsTable;
  reference_revision: ReferenceRevisionTable;
}
