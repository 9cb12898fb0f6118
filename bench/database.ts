/**
 * The database a benchmark runs on: embedded PGlite in memory, or — with BENCH_DATABASE_URL — a throw-away
 * database created on that PostgreSQL server and dropped afterwards.
 */
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../server/db/client.ts';

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
