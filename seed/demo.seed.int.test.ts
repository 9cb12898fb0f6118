import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAFF_ROLES } from '../server/domain/access/index.ts';
import { testApp } from '../test/context.ts';
import { signInHeaders } from '../test/factories.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.seed.ts';

test('R-4.1 demo logins: one verified citizen and one staff account per role, each able to sign in; seeding twice adds nothing', async () => {
  const { app, ctx } = await testApp();
  const logins = await seedDemo(ctx);
  assert.deepEqual(new Set(logins.map((l) => l.role)), new Set(['citizen', ...STAFF_ROLES]), 'every role has a demo login');
  const users = Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  assert.deepEqual(await seedDemo(ctx), logins);
  assert.equal(Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), users);

  const citizen = logins.find((l) => l.role === 'citizen')!;
  const me = (await app.inject({ url: '/api/v1/me', headers: await signInHeaders(app, citizen.login, DEMO_PASSWORD) })).json();
  assert.equal(me.identityVerified, true, 'R-3.9 the demo citizen can report straight away');
  for (const l of logins.filter((x) => x.role !== 'citizen')) {
    const m = (await app.inject({ url: '/api/v1/me', headers: await signInHeaders(app, l.login, DEMO_PASSWORD) })).json();
    assert.ok(m.memberships.some((x: { role: string }) => x.role === l.role), l.login);
  }
});
