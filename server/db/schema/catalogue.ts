// Kysely table types for migrations of the catalogue module (snake_case columns, as in SQL): report
// categories and routing rules (0005_categories_routing.sql).
import type { ColumnType, Generated } from 'kysely';
import type { ReportKind } from '../../domain/calendar/index.ts';
import type { RoutingTarget } from '../../domain/catalogue/index.ts';
import type { Timestamp } from './core.ts';

export interface ReportCategoriesTable {
  code: string;
  name: string;
  description: Generated<string>;
  kinds: ColumnType<ReportKind[], ReportKind[], ReportKind[]>;
  field: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: string;
  position: number;
  priority: number;
  kind: ReportKind | null;
  category_code: string | null;
  field: string | null;
  unit_version: string | null;
  unit_code: string | null;
  target: RoutingTarget;
  agency_id: string | null;
  note: Generated<string>;
  updated_at: Timestamp;
}

export interface CatalogueTables {
  report_categories: ReportCategoriesTable;
  routing_rules: RoutingRulesTable;
}
