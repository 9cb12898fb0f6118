/**
 * The database a benchmark runs on: embedded PGlite in memory, or — with BENCH_DATABASE_URL — a throw-away
 * database created on that PostgreSQL server and dropped afterwards.
 */
import pg from 'pg';
import { PopulationRegisterStandIn } from '../server/adapters/identity/population-register-stand-in.ts';
import { FileContentStore } from '../server/adapters/media/index.ts';
import { PiiCipher } from '../server/adapters/pii-cipher.ts';
import type { AppContext } from '../server/app/context.ts';
import { systemClock } from '../server/app/ports.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { openPglite, openPostgres, type Database } from '../server/db/client.ts';

/** A benchmark's configuration: the test defaults, silent logs, and the keys the benchmark sets. */
export const benchConfig = (env: Record<string, string> = {}): Config => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, undefined);

/** What the use cases need, on a benchmark's database, with the machine clock and a throw-away PII key. */
export function benchContext(database: Database, config: Config = benchConfig()): AppContext {
  return { config, database, db: database.db, clock: systemClock, pii: new PiiCipher(Buffer.alloc(32, 5)), identity: new PopulationRegisterStandIn(), media: new FileContentStore(config.mediaDir) };
}

export async function openBenchDatabase(opts: { prefix: string; poolSize: number }): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { database: await openPglite(undefined), label: 'embedded PGlite (in memory)', drop: async () => undefined };
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
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
