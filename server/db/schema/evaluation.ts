// Kysely table types for the evaluation criteria (migration 0025, issue 10 item 3; snake_case columns, as in SQL).
import type { Timestamp } from './core.ts';

export interface EvaluationCriteriaVersionsTable {
  id: number;
  on_time_weight: number;
  satisfaction_weight: number;
  min_reports: number;
  officer_min_handled: number;
  officer_min_satisfaction_percent: number;
  officer_min_on_time_percent: number;
  officer_max_listed: number;
  note: string;
  created_at: Timestamp;
  /** Null: the defaults set by the migration. */
  created_by: string | null;
}

export interface EvaluationTables {
  evaluation_criteria_versions: EvaluationCriteriaVersionsTable;
}
