import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/context.ts';
import { migrate, readMigrations } from './migrate.ts';

test('migrations are idempotent: a second run applies nothing and changes nothing', async () => {
  const database = await freshDatabase();
  const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(database.db);
  assert.equal(before.rows[0]!.n, readMigrations().length, 'the template has every migration');
  assert.deepEqual(await migrate(database), []);
  assert.deepEqual(await migrate(database), []);
  const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(database.db);
  assert.equal(after.rows[0]!.n, before.rows[0]!.n);
});

test('a migration file changed after it was applied stops the start', async () => {
  const database = await freshDatabase();
  const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
  await assert.rejects(() => migrate(database, changed), /forward-only/);
});

test('a new migration is applied once, in one transaction with its record', async () => {
  const database = await freshDatabase();
  const extra = { version: '9999', name: 'probe', sql: 'CREATE TABLE probe_t (id int);', checksum: 'x' };
  assert.deepEqual(await migrate(database, [...readMigrations(), extra]), ['9999']);
  assert.deepEqual(await migrate(database, [...readMigrations(), extra]), []);
  const broken = { version: '9998', name: 'broken', sql: 'CREATE TABLE probe_u (id int); SELECT no_such_fn();', checksum: 'y' };
  await assert.rejects(() => migrate(database, [...readMigrations(), extra, broken]));
  const t = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'probe_u'`.execute(database.db);
  assert.equal(t.rows[0]!.n, 0, 'a failed migration leaves nothing behind');
});
