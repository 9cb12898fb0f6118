// Kysely table types for alerts to residents (migration 0015, issue 6; snake_case columns, as in SQL).
import type { ColumnType, Generated } from 'kysely';
import type { AlertContent, AlertState, IssuingLevel } from '../../domain/alerts/index.ts';
import type { Json, Timestamp } from './core.ts';

export interface AlertsTable extends Pick<AlertContent, 'kind' | 'category' | 'severity' | 'urgency' | 'certainty' | 'title' | 'body'> {
  id: string;
  code: string;
  issuing_agency_id: string;
  level: IssuingLevel;
  structure_version: string;
  audience_units: ColumnType<string[], string[], string[]>;
  audience_keys: ColumnType<string[], string[], string[]>;
  whole_area: boolean;
  links: Json<{ title: string; url: string }[]>;
  /** Photos attached (migration 0018): the upload and its public copy. */
  attachments: ColumnType<{ uploadId: string; publicSha256: string }[], string | undefined, string>;
  polygon: Json<[number, number][]> | null;
  starts_at: Timestamp;
  expires_at: Timestamp;
  scheduled_at: Timestamp | null;
  state: AlertState;
  msg_type: Generated<'Alert' | 'Update' | 'Cancel'>;
  references_alert_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  sent_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  return_comment: string | null;
  resend_override: Json<{ alertId: string; code: string; similarity: number; reason: string }> | null;
  version: Generated<number>;
}

export interface AlertReadMarksTable {
  user_id: string;
  read_up_to: Timestamp;
}

export interface AlertReadsTable {
  user_id: string;
  alert_id: string;
  read_at: Timestamp;
}

export interface AlertsTables {
  alerts: AlertsTable;
  alert_read_marks: AlertReadMarksTable;
  alert_reads: AlertReadsTable;
}
