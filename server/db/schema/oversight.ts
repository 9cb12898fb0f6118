// Kysely table types for the overseer's rollup (migration 0022, issue 9, ADR 0011; snake_case columns, as in SQL).
import type { Timestamp } from './core.ts';

export interface OversightRollupTable {
  /** YYYY-MM, the Vietnam civil month of submission. */
  month: string;
  agency_id: string;
  category_code: string;
  kind: string;
  facet: 'all' | 'state' | 'rating';
  /** The state (facet 'state'), the rating (facet 'rating'; null: not rated), null for 'all'. */
  value: string | null;
  reports: number;
  published: number;
  late: number;
}

export interface OversightRollupMonthsTable {
  month: string;
  refreshed_at: Timestamp;
}

export interface OversightRollupStateTable {
  id: boolean;
  version: number;
  calendar_version: number;
  refreshed_at: Timestamp;
}

export interface OversightTables {
  oversight_rollup: OversightRollupTable;
  oversight_rollup_months: OversightRollupMonthsTable;
  oversight_rollup_state: OversightRollupStateTable;
}
