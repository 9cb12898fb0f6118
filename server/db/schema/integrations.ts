import type { Json, Timestamp } from './core.ts';

/** Open311 integration keys (migration 0019): only the SHA-256 of a key is stored. */
export interface IntegrationKeysTable {
  id: string;
  key_hash: string;
  user_id: string;
  name: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

export interface Open311SubmissionsTable {
  report_id: string;
  key_id: string;
  device_id: string | null;
  attributes: Json<Record<string, string>>;
  /** JSON of the writer's first/last name, e-mail and phone, sealed with the PII cipher; null for a citizen's key. */
  contact_enc: string | null;
  created_at: Timestamp;
}

export interface IntegrationsTables {
  integration_keys: IntegrationKeysTable;
  open311_submissions: Open311SubmissionsTable;
}
