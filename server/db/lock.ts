/**
 * PGlite neither locks its data directory nor fsyncs (STACK-NOTES): two processes on one directory silently
 * lose committed rows. The server therefore holds an exclusive lock (proper-lockfile: a lock directory whose
 * mtime is refreshed; a crashed holder's lock goes stale after STALE_MS) and a second start is refused.
 */
import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

const STALE_MS = 10_000;

export class DataDirLockedError extends Error {
  constructor(readonly dir: string) {
    super(
      `Another iHanoi process is already using the embedded database in ${dir}. ` +
        `Stop it first (two processes on one PGlite directory lose data), or set PGLITE_DATA_DIR to another folder. ` +
        `If that process crashed, its lock expires within ${STALE_MS / 1000} s.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the lock or throws DataDirLockedError; returns the release function. `wait` (the server) waits out a
 * crashed holder's stale lock; a command-line tool asks once and moves on.
 */
export async function lockDataDir(
  dir: string,
  opts: { wait: boolean; onCompromised?: (err: Error) => void },
): Promise<() => Promise<void>> {
  // The lock target must exist: create the data directory on first start.
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      stale: STALE_MS,
      update: STALE_MS / 2,
      realpath: false,
      lockfilePath: `${dir}/.ihanoi.lock`,
      // A crashed holder's lock becomes stale after STALE_MS: wait that long before refusing, so that a
      // restart right after a crash succeeds while a second live process is still refused.
      retries: opts.wait ? { retries: 6, minTimeout: 2_000, maxTimeout: 2_000, factor: 1 } : 0,
      ...(opts.onCompromised ? { onCompromised: opts.onCompromised } : {}),
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw err;
  }
}
