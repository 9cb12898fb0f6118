// Kysely table types for the reporter's inbox (snake_case columns, as in SQL).
import type { Timestamp } from './core.ts';

/** Which notification (an audit event on one of the reporter's reports) the reporter has read. */
export interface NotificationReadsTable {
  user_id: string;
  event_id: string;
  read_at: Timestamp;
}

export interface InboxTables {
  notification_reads: NotificationReadsTable;
}
