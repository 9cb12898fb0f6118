/**
 * The database a benchmark runs on: embedded PGlite in memory, or — with BENCH_DATABASE_URL — a throw-away
 * database created on that PostgreSQL server and dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PopulationRegisterStandIn } from '../server/adapters/identity/population-register-stand-in.ts';
import { FileContentStore } from '../server/adapters/media/index.ts';
import { PiiCipher } from '../server/adapters/pii-cipher.ts';
import type { AppContext } from '../server/app/context.ts';
import { systemClock } from '../server/app/ports.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { openPglite, openPostgres, type Database } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedReference } from '../seed/index.ts';

/** A benchmark's configuration: the test defaults, silent logs, and the keys the benchmark sets. */
export const benchConfig = (env: Record<string, string> = {}): Config => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, undefined);

/** What the use cases need, on a benchmark's database, with the machine clock and a throw-away PII key. */
export function benchContext(database: Database, config: Config = benchConfig()): AppContext {
  return { config, database, db: database.db, clock: systemClock, pii: new PiiCipher(Buffer.alloc(32, 5)), identity: new PopulationRegisterStandIn(), media: new FileContentStore(config.mediaDir) };
}

export interface BenchDatabase {
  database: Database;
  label: string;
  /** The throw-away PostgreSQL database's URL (for work on a connection of its own, e.g. COPY); none on PGlite. */
  url?: string;
  drop: () => Promise<void>;
}

/**
 * PGlite in memory, or on disk in a temporary folder (`onDisk`: a million reports do not fit in its in-memory
 * file system); with BENCH_DATABASE_URL, a throw-away database on that server.
 */
export async function openBenchDatabase(opts: { prefix: string; poolSize: number; onDisk?: boolean }): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    if (!opts.onDisk) return { database: await openPglite(undefined), label: 'embedded PGlite (in memory)', drop: async () => undefined };
    const dir = mkdtempSync(join(tmpdir(), `${opts.prefix}-`));
    return { database: await openPglite(dir), label: 'embedded PGlite (on disk)', drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${opts.prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    database: openPostgres(u.toString(), opts.poolSize),
    label: `PostgreSQL server, pool of ${opts.poolSize}`,
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A migrated, reference-seeded database on disk (or PostgreSQL) for the benchmarks that load many rows. */
export async function openSeededBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const opened = await openBenchDatabase({ prefix, poolSize: 4, onDisk: true });
  await migrate(opened.database);
  await seedReference(benchContext(opened.database));
  return opened;
}
