// Kysely table types for citizen reception booking (migration 0026, issue 11; snake_case columns, as in SQL).
import type { ColumnType, Generated } from 'kysely';
import type { BookingState, DeclineReason, SessionKind, SessionState } from '../../domain/reception/index.ts';
import type { Json, Timestamp } from './core.ts';

export interface Applicant {
  kind: 'individual' | 'organisation' | 'group';
  organisation: { name: string; position: string } | null;
  representatives: { fullName: string; phone: string | null }[];
}

export interface EarlierDecision {
  agency: string;
  number: string | null;
  date: string | null;
  summary: string | null;
}

export interface Outcome {
  received: string;
  answeredBy: string;
  dueWorkingDays: number;
  dueAt: string;
  calendarVersion: number;
}

export interface ReceptionSessionsTable {
  id: string;
  code: string;
  agency_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  receiver: string;
  capacity: number;
  booked: Generated<number>;
  topics: ColumnType<string[], string[], string[]>;
  kind: SessionKind;
  state: SessionState;
  booking_closes_at: Timestamp;
  cancel_reason: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReceptionBookingsTable {
  id: string;
  code: string;
  session_id: string;
  citizen_id: string;
  applicant: Json<Applicant>;
  summary: string;
  category: string;
  matter_key: string;
  handled_elsewhere: boolean;
  earlier_decision: Json<EarlierDecision> | null;
  attachments: ColumnType<string[], string[], string[]>;
  state: BookingState;
  info_request: string | null;
  info_answer: string | null;
  decline_reason: DeclineReason | null;
  decline_explanation: string | null;
  decline_where_to_go: string | null;
  checked_in_at: Timestamp | null;
  outcome: Json<Outcome> | null;
  reminded_at: Timestamp | null;
  idempotency_key: string | null;
  idempotency_hash: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReceptionTables {
  reception_sessions: ReceptionSessionsTable;
  reception_bookings: ReceptionBookingsTable;
}
