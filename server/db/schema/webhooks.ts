// Kysely table types for webhooks (migration 0020, issue 8; snake_case columns, as in SQL).
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './core.ts';

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string | null;
  secret_enc: string;
  events: ColumnType<string[], string[], string[]>;
  state: 'active' | 'paused' | 'deleted';
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookSourcesTable {
  event_id: string;
  events: number;
  handled_at: Timestamp;
}

export interface WebhookEventsTable {
  id: string;
  seq: ColumnType<string, never, never>;
  source_event_id: string;
  type: string;
  subject_key: string;
  occurred_at: Timestamp;
  body: string;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  subject_key: string;
  seq: ColumnType<string, string | number, string | number>;
  state: 'pending' | 'running' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  first_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  finished_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WebhooksTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_sources: WebhookSourcesTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
