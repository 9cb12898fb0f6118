/**
 * Opening the platform, shared by `npm start` and the `ihanoi` command line: database (PGlite with its
 * directory lock, or PostgreSQL) → migrations → reference data → the application context.
 */
import { PopulationRegisterStandIn } from './adapters/identity/population-register-stand-in.ts';
import { FileContentStore } from './adapters/media/index.ts';
import { PiiCipher, resolvePiiKey } from './adapters/pii-cipher.ts';
import type { AppContext } from './app/context.ts';
import { systemClock } from './app/ports.ts';
import type { Config } from './config.ts';
import { openPglite, openPostgres } from './db/client.ts';
import { lockDataDir } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { seedReference } from '../seed/index.ts';

export interface OpenedPlatform {
  ctx: AppContext;
  applied: string[];
  seeded: string[];
  piiKey: { generated: boolean; path?: string };
  close(): Promise<void>;
}

export async function openPlatform(
  config: Config,
  opts: { waitForLock: boolean; onLockLost?: (err: Error) => void },
): Promise<OpenedPlatform> {
  let unlock = async (): Promise<void> => undefined;
  let database;
  if (config.databaseUrl) database = openPostgres(config.databaseUrl, config.databasePoolSize);
  else {
    unlock = await lockDataDir(config.pgliteDir, { wait: opts.waitForLock, ...(opts.onLockLost ? { onCompromised: opts.onLockLost } : {}) });
    database = await openPglite(config.pgliteDir);
  }
  try {
    const applied = await migrate(database);
    const piiKey = resolvePiiKey(config.piiKey, config.dataDir, config.env);
    const ctx: AppContext = { config, database, db: database.db, clock: systemClock, pii: new PiiCipher(piiKey.key), identity: new PopulationRegisterStandIn(), media: new FileContentStore(config.mediaDir) };
    const seeded = await seedReference(ctx);
    return {
      ctx,
      applied,
      seeded,
      piiKey: { generated: piiKey.generated, ...(piiKey.path ? { path: piiKey.path } : {}) },
      close: async () => {
        await database.close();
        await unlock();
      },
    };
  } catch (err) {
    await database.close();
    await unlock();
    throw err;
  }
}
