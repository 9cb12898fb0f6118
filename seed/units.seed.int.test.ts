import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { PGLITE_OPTIONS, wrapPglite } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { freshDatabase, makeContext } from '../test/context.ts';
import { seedAgencies } from './agencies.seed.ts';
import { seedUnits } from './units.seed.ts';

async function counts(ctx: ReturnType<typeof makeContext>) {
  const { rows } = await sql<{ structure_version: string; level: string; n: number }>`
    SELECT structure_version, level, count(*)::int AS n FROM units GROUP BY 1, 2 ORDER BY 1, 2`.execute(ctx.db);
  return Object.fromEntries(rows.map((r) => [`${r.structure_version}/${r.level}`, r.n]));
}

test('R-28.1 seeding an empty database loads every structure; seeding again inserts nothing', async (t) => {
  const pglite = await PGlite.create(PGLITE_OPTIONS);
  const database = wrapPglite(pglite);
  t.after(() => database.close());
  await migrate(database);
  const ctx = makeContext(database);

  const first = await seedUnits(ctx);
  assert.match(first ?? '', /2025-07: 126 communes; 2025-01: 30 districts, 526 communes; 2024: 30 districts, 579 communes; 1353 merge links; 127 boundaries/);
  assert.deepEqual(await counts(ctx), {
    '2024/city': 1, '2024/commune': 579, '2024/district': 30,
    '2025-01/city': 1, '2025-01/commune': 526, '2025-01/district': 30,
    '2025-07/city': 1, '2025-07/commune': 126,
  });
  assert.match((await seedAgencies(ctx)) ?? '', /126 commune committees, 30 former district committees/);

  const audit = await ctx.db.selectFrom('audit_events').select(['action', 'actor_role']).where('subject_type', '=', 'reference').orderBy('action', 'desc').execute();
  assert.deepEqual(audit, [
    { action: 'reference.units.load', actor_role: 'system' },
    { action: 'reference.agencies.load', actor_role: 'system' },
  ]);

  assert.equal(await seedUnits(ctx), null);
  assert.equal(await seedAgencies(ctx), null);
  const again = await ctx.db.selectFrom('audit_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  assert.equal(again.n, 2, 'a run that inserts nothing records nothing');
});

test('R-28.1 the template database is seeded: re-running the seed on it inserts nothing', async () => {
  const database = await freshDatabase();
  const ctx = makeContext(database);
  assert.equal(await seedUnits(ctx), null);
  assert.equal(await seedAgencies(ctx), null);
  assert.equal((await counts(ctx))['2025-07/commune'], 126);
});

test('R-28.1 boundaries an operator replaced are never overwritten by the seed', async () => {
  const database = await freshDatabase();
  const ctx = makeContext(database);
  await ctx.db.deleteFrom('unit_boundaries').where('unit_code', '<>', '00070').execute();
  assert.equal(await seedUnits(ctx), null, 'one boundary left: the set is the operator’s');
});
