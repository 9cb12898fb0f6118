/** Test helpers: a context and an app on a fresh copy of the template database, with captured logs. */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PopulationRegisterStandIn } from '../server/adapters/identity/population-register-stand-in.ts';
import { FileContentStore } from '../server/adapters/media/index.ts';
import { PiiCipher } from '../server/adapters/pii-cipher.ts';
import type { AppContext } from '../server/app/context.ts';
import { FixedClock, type Clock } from '../server/app/ports.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { PGLITE_OPTIONS, openPostgres, wrapPglite, type Database } from '../server/db/client.ts';
import { buildApp, type App } from '../server/http/app.ts';

export const TEST_PII_KEY = Buffer.alloc(32, 7);

const testMediaDirs: string[] = [];

/**
 * A media folder of its own for each test configuration, under the system's temporary folder (created by the
 * store on first write) and removed when the test process exits, so that no test writes into ./data/media and
 * each app can check what it alone stored.
 */
function freshTestMediaDir(): string {
  if (testMediaDirs.length === 0) {
    process.once('exit', () => {
      for (const dir of testMediaDirs) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = join(tmpdir(), `ihanoi-test-media-${randomBytes(6).toString('hex')}`);
  testMediaDirs.push(dir);
  return dir;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Integrity checks run when a test asks (checkReport, the sweep): none racing a test's own steps.
  // The API alone unless a test serves a web build of its own (e2e/, server/http/web.int.test.ts).
  // Public feeds answer fresh (their micro-cache would outlive a test's frozen clock; server/http/public-cache tests it).
  const base = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'info', MEDIA_DIR: freshTestMediaDir(), INTEGRITY_CHECK_ON_SUBMIT: 'false', WEB_DIR: join(tmpdir(), 'ihanoi-no-web'), PUBLIC_CACHE_SECONDS: '0' },
    undefined,
  );
  return { ...base, ...overrides };
}

export function makeContext(database: Database, overrides: Partial<AppContext> = {}): AppContext {
  const config = overrides.config ?? testConfig();
  return {
    config,
    database,
    db: database.db,
    clock: new FixedClock(new Date('2026-03-02T02:00:00Z')),
    pii: new PiiCipher(TEST_PII_KEY),
    identity: new PopulationRegisterStandIn(),
    media: new FileContentStore(config.mediaDir),
    ...overrides,
  };
}

/** On PostgreSQL runs: a new database copied from the run's template, dropped after the test file. */
export async function freshPostgresUrl(): Promise<string | null> {
  const pgTemplate = process.env.IHANOI_TEST_PG_TEMPLATE;
  const adminUrl = process.env.DATABASE_URL;
  if (!pgTemplate || !adminUrl) return null;
  const name = `ihanoi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`);
  await admin.end();
  after(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database copied from the run's template; closed (and dropped) after the test file. */
export async function freshDatabase(): Promise<Database> {
  const url = await freshPostgresUrl();
  if (url) {
    const database = openPostgres(url, 4);
    after(() => database.close());
    return database;
  }
  const templateFile = process.env.IHANOI_TEST_PGLITE_TEMPLATE;
  if (!templateFile) throw new Error('Run the tests with `npm test` (it prepares the template database)');
  const pglite = await PGlite.create({
    loadDataDir: new Blob([readFileSync(templateFile)]),
    ...PGLITE_OPTIONS,
  });
  const database = wrapPglite(pglite);
  after(() => database.close());
  return database;
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: FixedClock;
  /** Every log line written so far, as text. */
  logs(): string;
}

export async function testApp(overrides: { clock?: Clock; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = overrides.clock instanceof FixedClock ? overrides.clock : new FixedClock(new Date('2026-03-02T02:00:00Z'));
  const ctx = makeContext(database, { clock, config: testConfig(overrides.config) });
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp(ctx, { logStream });
  after(() => app.close());
  return { app, ctx, clock, logs: () => chunks.join('') };
}
