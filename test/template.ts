/**
 * The migrated, reference-seeded template every test database is copied from (DESIGN: migrate once, copy per
 * test file). Prepared once per `npm test` run by scripts/run-tests.mjs:
 * - PGlite: a dump of a migrated in-memory database, written to a file; each test file loads it.
 * - PostgreSQL: a template database; each test file gets `CREATE DATABASE … TEMPLATE` of it.
 */
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgres, wrapPglite, type Database } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedReference } from '../seed/index.ts';
import { makeContext } from './context.ts';

async function prepare(database: Database): Promise<void> {
  await migrate(database);
  await seedReference(makeContext(database));
}

export async function preparePgliteTemplate(file: string): Promise<void> {
  const pglite = await PGlite.create();
  const database = wrapPglite(pglite);
  await prepare(database);
  const dump = await pglite.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}

export async function preparePostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const database = openPostgres(withDatabase(adminUrl, name), 2);
  await prepare(database);
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// Run directly by scripts/run-tests.mjs: `tsx test/template.ts pglite <file>` or `… postgres <url> <name>`.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [kind, a, b] = process.argv.slice(2);
  const run = kind === 'pglite' ? preparePgliteTemplate(a!) : preparePostgresTemplate(a!, b!);
  run.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
