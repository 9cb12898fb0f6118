/**
 * Composition root: config → database (PGlite with its directory lock, or PostgreSQL) → migrations →
 * reference data and demo accounts → HTTP → listen. `npm start` runs this.
 */
import { PopulationRegisterStandIn } from './adapters/identity/population-register-stand-in.ts';
import { PiiCipher, resolvePiiKey } from './adapters/pii-cipher.ts';
import type { AppContext } from './app/context.ts';
import { systemClock } from './app/ports.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openPglite, openPostgres, type Database } from './db/client.ts';
import { DataDirLockedError, lockDataDir } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { seedDemo, seedReference } from '../seed/index.ts';

async function openDatabase(config: Config): Promise<{ database: Database; unlock: () => Promise<void> }> {
  if (config.databaseUrl) return { database: openPostgres(config.databaseUrl, config.databasePoolSize), unlock: async () => undefined };
  const unlock = await lockDataDir(config.pgliteDir, (err) => {
    console.error(`The lock on ${config.pgliteDir} was lost (${err.message}); stopping to protect the data.`);
    process.exit(1);
  });
  return { database: await openPglite(config.pgliteDir), unlock };
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const { database, unlock } = await openDatabase(config);
  const applied = await migrate(database);
  const piiKey = resolvePiiKey(config.piiKey, config.dataDir, config.env);
  const ctx: AppContext = { config, database, db: database.db, clock: systemClock, pii: new PiiCipher(piiKey.key), identity: new PopulationRegisterStandIn() };
  const seeded = await seedReference(ctx);
  const demo = config.seedDemo ? await seedDemo(ctx) : [];
  const app = await buildApp(ctx);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    await unlock();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `iHanoi is ready at ${url}  (API docs: ${url}/docs)   [${((performance.now() - started) / 1000).toFixed(1)} s]`,
    config.databaseUrl
      ? 'Database: PostgreSQL server (DATABASE_URL)'
      : `Database: embedded PGlite in ${config.pgliteDir} — for development and demos; production uses PostgreSQL`,
    ...(applied.length ? [`Migrations applied: ${applied.join(', ')}`] : []),
    ...seeded.map((s) => `Seeded: ${s}`),
    ...(piiKey.generated ? [`Generated a development PII key in ${piiKey.path} — set PII_KEY in production`] : []),
    ...(demo.length
      ? ['Demo logins (password for all is shown beside each):', ...demo.map((d) => `  ${d.login.padEnd(28)} ${d.password.padEnd(14)} ${d.role} — ${d.note}`)]
      : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
