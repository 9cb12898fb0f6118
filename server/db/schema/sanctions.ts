// Kysely table types for sanctions of repeat violators (migration 0011, R-27.3; snake_case columns, as in SQL).
import type { Timestamp } from './core.ts';

export interface SanctionsTable {
  id: string;
  user_id: string;
  reason: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  report_id: string;
  lifted_at: Timestamp | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

export interface ViolationsTable {
  id: string;
  user_id: string;
  report_id: string;
  kind: 'false_report' | 'advertising' | 'abusive';
  reject_reason: string;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
  recorded_by_agency_id: string | null;
  run_position: number;
  sanction_id: string | null;
  referral_reason: string | null;
  referred_at: Timestamp | null;
  referred_by: string | null;
}

export interface ViolationRunsTable {
  user_id: string;
  length: number;
  updated_at: Timestamp;
}

export interface SanctionsTables {
  sanctions: SanctionsTable;
  violations: ViolationsTable;
  violation_runs: ViolationRunsTable;
}
