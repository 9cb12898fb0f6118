/**
 * Forward-only, numbered plain-SQL migrations (`migrations/NNNN_name.sql`), the same files on PGlite and
 * PostgreSQL. Each runs in its own transaction together with its row in `schema_migrations`; an advisory lock
 * makes concurrent starts against one PostgreSQL server safe. An applied file must never change: its
 * checksum is recorded and a mismatch stops the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './client.ts';
import { PROJECT_ROOT_URL } from '../paths.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('migrations/', PROJECT_ROOT_URL));
const MIGRATION_LOCK = 7_240_001;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(dir + file, 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** Applies pending migrations; returns the versions applied now. */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  await database.runScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const applied = new Map(
    (
      await sql<{ version: string; checksum: string }>`SELECT version, checksum FROM schema_migrations`.execute(
        database.db,
      )
    ).rows.map((r) => [r.version, r.checksum]),
  );
  const done: string[] = [];
  for (const m of migrations) {
    const existing = applied.get(m.version);
    if (existing !== undefined) {
      if (existing !== m.checksum)
        throw new Error(
          `Migration ${m.version}_${m.name}.sql was changed after it was applied; migrations are forward-only: add a new file instead`,
        );
      continue;
    }
    const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
    // The lock and the re-check make two servers starting at once apply each file exactly once.
    await database.runScript(`
      SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = ${quoted(m.version)}) THEN
          RAISE EXCEPTION 'ihanoi:migration-already-applied';
        END IF;
      END $$;
      ${m.sql}
      ;
      INSERT INTO schema_migrations (version, name, checksum)
        VALUES (${quoted(m.version)}, ${quoted(m.name)}, ${quoted(m.checksum)});`).catch((err: unknown) => {
      if (err instanceof Error && err.message.includes('ihanoi:migration-already-applied')) return;
      throw err;
    });
    done.push(m.version);
  }
  return done;
}
