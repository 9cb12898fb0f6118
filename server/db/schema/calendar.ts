// Kysely table types for migrations of the calendar module (snake_case columns, as in SQL).
import type { CalendarDefinition } from '../../domain/calendar/index.ts';
import type { Json, Timestamp } from './core.ts';

export interface CalendarVersionsTable {
  id: number;
  definition: Json<CalendarDefinition>;
  note: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface DeadlinesTable {
  id: string;
  subject_type: string;
  subject_id: string;
  clock: string;
  started_at: Timestamp;
  amount_unit: 'hours' | 'days';
  amount: number;
  due_at: Timestamp;
  calendar_version: number;
  stopped_at: Timestamp | null;
  /** The agency whose clock it is (lateness per unit, R-8.5); null for calendar-only uses. */
  agency_id: string | null;
  /** When the sweep first found it overdue. */
  overdue_at: Timestamp | null;
  /** Working minutes the clock ran, from start to stop (null while running; migration 0023). */
  worked_minutes: number | null;
}

export interface CalendarTables {
  calendar_versions: CalendarVersionsTable;
  deadlines: DeadlinesTable;
}
