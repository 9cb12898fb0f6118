/** What every use case and route may use: built once by the composition root (server/main.ts, tests). */
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../adapters/pii-cipher.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { DB } from '../db/schema.ts';
import type { Clock, IdentityVerifier, MediaStore } from './ports.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  clock: Clock;
  pii: PiiCipher;
  identity: IdentityVerifier;
  /** Uploaded photos and videos, by content hash (MEDIA_DIR). */
  media: MediaStore;
}
