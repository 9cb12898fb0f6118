/**
 * Bulk loading through COPY, one chunk at a time, each chunk in one transaction (all its tables or none).
 *
 * - PostgreSQL: `COPY … FROM STDIN` on a connection of its own (pg-copy-streams).
 * - PGlite: the platform's `Database` does not hand out the PGlite instance (server/db/client.ts), so the
 *   `blob` option of `PGlite.query` (`COPY … FROM '/dev/blob'`) is out of reach. The chunk is sent instead as one
 *   text parameter, written into PGlite's in-memory file system as a large object (`lo_from_bytea`,
 *   `lo_export`; PGlite runs as the superuser of its own in-process server) and read by `COPY … FROM '<file>'` —
 *   the same COPY parser, through the ordinary connection and transaction.
 *
 * Values are written in COPY's text format (`encodeRow`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../server/db/client.ts';

export type CopyValue = string | number | boolean | Date | null | readonly string[];

/** A table's rows of one chunk, as COPY text (one line per row). */
export interface TableChunk {
  table: string;
  columns: readonly string[];
  text: string;
  rows: number;
}

export interface CopyWriter {
  /** Loads the tables in order, in one transaction. */
  write(chunks: readonly TableChunk[]): Promise<void>;
  close(): Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return escape(v);
  // A text[] literal: every element double-quoted (quotes and backslashes escaped), then escaped for COPY.
  return escape(`{${v.map((e) => `"${e.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

function escape(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

export function encodeRow(values: readonly CopyValue[]): string {
  return `${values.map(field).join('\t')}\n`;
}

/** Collects the rows of one table for a chunk. */
export class TableBuffer<R> {
  private parts: string[] = [];
  private count = 0;
  constructor(
    readonly table: string,
    readonly columns: readonly (keyof R & string)[],
  ) {}

  add(row: R): void {
    this.parts.push(encodeRow(this.columns.map((c) => row[c] as CopyValue)));
    this.count++;
  }

  /** The chunk so far, and an empty buffer for the next. */
  take(): TableChunk {
    const chunk = { table: this.table, columns: this.columns, text: this.parts.join(''), rows: this.count };
    this.parts = [];
    this.count = 0;
    return chunk;
  }
}

const copySql = (c: TableChunk, source: string) => `COPY ${c.table} (${c.columns.join(', ')}) FROM ${source}`;

/** The file in PGlite's in-memory file system that each COPY reads (outside its data directory). */
const PGLITE_COPY_FILE = '/tmp/ihanoi-synthetic.copy';

function pgliteWriter(database: Database): CopyWriter {
  return {
    async write(chunks) {
      await database.db.transaction().execute(async (tx) => {
        for (const c of chunks) {
          if (c.rows === 0) continue;
          const { rows } = await sql<{ oid: number }>`SELECT lo_from_bytea(0, convert_to(${c.text}, 'UTF8')) AS oid`.execute(tx);
          const oid = rows[0]!.oid;
          await sql`SELECT lo_export(${oid}::oid, ${PGLITE_COPY_FILE}), lo_unlink(${oid}::oid)`.execute(tx);
          await sql.raw(copySql(c, `'${PGLITE_COPY_FILE}'`)).execute(tx);
        }
      });
    },
    async close() {
      // Leaves an empty file behind rather than the last chunk (the file system is in memory).
      const { rows } = await sql<{ oid: number }>`SELECT lo_from_bytea(0, ''::bytea) AS oid`.execute(database.db);
      await sql`SELECT lo_export(${rows[0]!.oid}::oid, ${PGLITE_COPY_FILE}), lo_unlink(${rows[0]!.oid}::oid)`.execute(database.db);
    },
  };
}

async function postgresWriter(url: string): Promise<CopyWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async write(chunks) {
      await client.query('BEGIN');
      try {
        for (const c of chunks) {
          if (c.rows === 0) continue;
          await pipeline(Readable.from([c.text]), client.query(copyFrom(copySql(c, 'STDIN'))));
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    close: () => client.end(),
  };
}

/** The writer for this database: PGlite in-process, or a connection of its own to the PostgreSQL server at `url`. */
export async function openCopyWriter(database: Database, url: string | undefined): Promise<CopyWriter> {
  if (database.engine === 'pglite') return pgliteWriter(database);
  if (!url) throw new Error('COPY on PostgreSQL needs the URL of the database (DATABASE_URL)');
  return postgresWriter(url);
}
