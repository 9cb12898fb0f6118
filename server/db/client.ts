/**
 * One PostgreSQL dialect, two engines: embedded PGlite (no server to install; the default) or a PostgreSQL
 * server through a node-postgres pool (when DATABASE_URL is set). Both are presented to Kysely as a pg-style
 * pool, so the same migrations and repository code run on both (ADR 0001).
 *
 * Type parsing is made identical on both engines: int8 → number (counts), date → 'YYYY-MM-DD' string (a civil
 * date, never a JS Date in the server's time zone), timestamptz → Date, jsonb → object.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

const INT8 = 20;
const DATE = 1082;

/**
 * Put first in a statement's text to have it prepared (ADR 0013): on a PostgreSQL server it is parsed and
 * planned once per connection, then only bound and run. Only for hot statements whose text never varies (lists
 * as one array parameter); PGlite, in process, reads it as the comment it is.
 */
export const PREPARED = '/* prepared */ ';

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations) inside one transaction. */
  runScript(sql: string): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Serialises use of PGlite's single connection: a transaction holds it from BEGIN to COMMIT. */
class PgliteSingleConnectionPool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  /** Waits for the connection; the returned function gives it back. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.acquire();
    const pglite = this.pglite;
    let released = false;
    return {
      async query(sql: string, parameters: ReadonlyArray<unknown>) {
        const r = await pglite.query<Record<string, unknown>>(sql, parameters as unknown[]);
        const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'SELECT').toUpperCase();
        return {
          command: command as 'SELECT',
          rowCount: r.affectedRows ?? r.rows.length,
          rows: r.rows,
        };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    } as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    const release = await this.acquire();
    release();
  }
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...PGLITE_OPTIONS });
  return wrapPglite(pglite);
}

/** Options every PGlite instance of the platform is created with (same value types as on `pg`). */
export const PGLITE_OPTIONS = { parsers: { [DATE]: (v: string) => v } };

/** Builds the Database over an already opened PGlite (tests clone a migrated template this way). */
export function wrapPglite(pglite: PGlite): Database {
  const pool = new PgliteSingleConnectionPool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'pglite',
    db,
    async runScript(sql) {
      const release = await pool.acquire();
      try {
        await pglite.exec(`BEGIN;\n${sql}\n;COMMIT;`);
      } catch (err) {
        await pglite.exec('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        release();
      }
    },
    async ping() {
      const release = await pool.acquire();
      try {
        await pglite.query('SELECT 1');
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The pool as Kysely uses it, with the statements marked PREPARED sent as named prepared statements. */
function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => names.get(text) ?? names.set(text, `ihanoi_${names.size + 1}`).get(text)!;
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: (sql: string, parameters: ReadonlyArray<unknown>) =>
          client.query(sql.startsWith(PREPARED) ? { name: nameOf(sql), text: sql, values: [...parameters] } : { text: sql, values: [...parameters] }),
        release: () => client.release(),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

export function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (v: string) => Number(v);
        if (oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A server restart or a network cut kills the connections; without a listener their error would crash the
  // process. Idle clients report through the pool; a checked-out one (a transaction between two statements)
  // reports on itself — its next query then fails (503 to the caller) and the pool drops it when released. The
  // pool opens new connections on later checkouts, so the platform recovers by itself when the server is back.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    engine: 'postgres',
    db,
    async runScript(sql) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await db.destroy();
    },
  };
}
