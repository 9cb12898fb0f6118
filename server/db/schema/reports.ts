// Kysely table types for the reports module (snake_case columns, as in SQL).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './core.ts';

/** One proof of the handling. */
export interface ResultProof {
  kind: 'inspection_record' | 'site_photo' | 'reply_letter' | 'other';
  title: string;
  /** A stored attachment (content address), when uploaded: an upload of the officer who drafted the result. */
  sha256?: string;
  /** Of that upload, recorded with the draft: its type, and the address of its metadata-free public copy (photos). */
  mime?: string;
  publicSha256?: string | null;
}

export interface ReportsTable {
  id: string;
  code: string;
  kind: string;
  category_code: string;
  title: string;
  description: string;
  reporter_id: string;
  confidential: boolean;
  lat: number | null;
  lng: number | null;
  address: string | null;
  unit_version: string | null;
  unit_code: string | null;
  occurred_at: Timestamp | null;
  state: string;
  classification: 'urgent' | 'normal' | 'complex' | null;
  receiving_agency_id: string;
  processing_agency_id: string | null;
  dispatched_agency_id: string | null;
  assignee_id: string | null;
  routing_note: string;
  result_text: string | null;
  /** Defaults to none (`[]`). */
  result_proofs: ColumnType<ResultProof[], string | ResultProof[] | undefined, string | ResultProof[]>;
  decision: string | null;
  result_published_at: Timestamp | null;
  rating: 'satisfied' | 'acceptable' | 'unsatisfied' | null;
  rating_comment: string | null;
  reject_reason: string | null;
  extended_to_days: number | null;
  version: Generated<number>;
  /** When the intake integrity checks last ran (migration 0012); null = not yet. */
  integrity_checked_at: Timestamp | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  idempotency_key: string | null;
  idempotency_hash: string | null;
}

export interface ReportCooperationsTable {
  id: string;
  report_id: string;
  agency_id: string;
  requested_at: Timestamp;
  requested_by: string;
  state: 'open' | 'returned' | 'closed';
  result_text: string | null;
  closed_reason: string | null;
  closed_at: Timestamp | null;
}

export interface ReportFindingsTable {
  id: string;
  report_id: string;
  check_kind: string;
  confidence: number;
  summary: string;
  evidence: Json<Record<string, unknown>>;
  matched_report_id: string | null;
  upload_id: string | null;
  created_at: Timestamp;
}

export interface ReportFollowersTable {
  report_id: string;
  user_id: string;
  followed_at: Timestamp;
}

export interface ReportsTables {
  reports: ReportsTable;
  report_cooperations: ReportCooperationsTable;
  report_findings: ReportFindingsTable;
  report_followers: ReportFollowersTable;
}
