// Kysely table types for the overseer's rollup (migrations 0022–0023, issues 9–10, ADR 0011; snake_case columns, as in SQL).
import type { Timestamp } from './core.ts';

export interface OversightRollupTable {
  /** YYYY-MM, the Vietnam civil month of submission. */
  month: string;
  agency_id: string;
  /** The grain (migration 0023): 0 agency × kind, 1 + unit, 2 + category, 3 + unit and category. */
  grain: number;
  /** The unit of today's structure in grains 1 and 3; null there: no place, or a split former unit without a pin. */
  unit_code: string | null;
  /** In grains 2 and 3; null in 0 and 1. */
  category_code: string | null;
  kind: string;
  facet: 'all' | 'state' | 'rating' | 'reason' | 'decision';
  /** The state, the rating (null: not rated), the Art. 6.2 reason, the initiative's decision; null for 'all'. */
  value: string | null;
  reports: number;
  published: number;
  late: number;
  accepted: number;
  rejected: number;
  transferred: number;
  in_progress: number;
}

export interface OversightStageRollupTable {
  month: string;
  grain: number;
  agency_id: string | null;
  unit_code: string | null;
  category_code: string | null;
  kind: string;
  stage: string;
  /** Working-time bucket of stopped deadlines (domain/oversight/working-time.ts); null: still running. */
  bucket: number | null;
  deadlines: number;
  late: number;
}

export interface ReportUnitsTodayTable {
  report_id: string;
  structure_version: string;
  unit_code: string | null;
}

export interface OversightRollupMonthsTable {
  month: string;
  refreshed_at: Timestamp;
}

export interface OversightRollupStateTable {
  id: boolean;
  version: number;
  calendar_version: number;
  structure_version: string;
  refreshed_at: Timestamp;
}

export interface OversightTables {
  oversight_rollup: OversightRollupTable;
  oversight_rollup_months: OversightRollupMonthsTable;
  oversight_rollup_state: OversightRollupStateTable;
  oversight_stage_rollup: OversightStageRollupTable;
  report_units_today: ReportUnitsTodayTable;
}
