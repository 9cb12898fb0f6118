// Kysely table types for web push (migration 0016, issue 6; snake_case columns, as in SQL).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './core.ts';

export interface PlatformSettingsTable {
  key: string;
  value: string;
  created_at: Timestamp;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Timestamp;
  last_sent_at: Timestamp | null;
  removed_at: Timestamp | null;
  removed_reason: string | null;
}

export interface PushJobsTable {
  id: string;
  kind: 'alert_fanout' | 'alert_batch' | 'notice';
  alert_id: string | null;
  /** notice: the audit event pushed (migration 0017), and what is pushed. */
  event_id: string | null;
  payload: Json<Record<string, unknown>> | null;
  subscription_ids: ColumnType<string[] | null, string[] | null, string[] | null>;
  generation: Generated<number>;
  state: 'queued' | 'running' | 'done';
  attempts: Generated<number>;
  run_at: Timestamp;
  locked_until: Timestamp | null;
  sent: Generated<number>;
  gone: Generated<number>;
  failed: Generated<number>;
  skipped: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface NotificationPushesTable {
  event_id: string;
  recipients: number;
  queued_at: Timestamp;
}

export interface PushTables {
  notification_pushes: NotificationPushesTable;
  platform_settings: PlatformSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
  push_jobs: PushJobsTable;
}
