import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentCalendar } from '../server/app/reference/reference-data.ts';
import { STAFF_ROLES } from '../server/domain/access/index.ts';
import { civilDate } from '../server/domain/calendar/index.ts';
import { sessionDayProblem } from '../server/domain/reception/index.ts';
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

test('R-15 R-17 issue 6 the demo seed fills the demo citizen’s alert inbox and the CAP feed: city and commune alerts, one expired, one scheduled', async () => {
  const { app, ctx } = await testApp();
  const logins = await seedDemo(ctx);
  const citizen = logins.find((l) => l.role === 'citizen')!;
  const inbox = (await app.inject({ url: '/api/v1/me/alerts', headers: await signInHeaders(app, citizen.login, DEMO_PASSWORD) })).json();
  assert.deepEqual(
    inbox.items.map((i: { issuer: { level: string }; expired: boolean }) => [i.issuer.level, i.expired]),
    [['commune', false], ['city', false], ['city', false], ['city', true]],
  );
  assert.equal(inbox.unread, 3, 'the expired one is not waiting to be read');
  const scheduled = await ctx.db.selectFrom('alerts').select('code').where('state', '=', 'scheduled').execute();
  assert.equal(scheduled.length, 1);
  const feed = (await app.inject({ url: '/cap/alerts.atom' })).body;
  assert.equal(feed.match(/<entry>/g)?.length, 3);
  assert.ok(!feed.includes(scheduled[0]!.code));
  await seedDemo(ctx);
  assert.equal(Number((await ctx.db.selectFrom('alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 5, 'seeding twice adds nothing');
});

test('R-5.4 issue 11 the demo seed publishes three reception sessions of the Board, on working days after tomorrow, open for booking', async () => {
  const { app, ctx } = await testApp();
  await seedDemo(ctx);
  const { calendar } = await currentCalendar(ctx);
  const list = (await app.inject({ url: '/api/v1/reception/sessions' })).json() as { items: { startsAt: string; endsAt: string; bookingOpen: boolean; seatsLeft: number }[] };
  assert.equal(list.items.length, 3);
  const tomorrow = civilDate(new Date(ctx.clock.now().getTime() + 86_400_000));
  for (const s of list.items) {
    assert.equal(sessionDayProblem(calendar, new Date(s.startsAt), new Date(s.endsAt)), null, `${s.startsAt} is a working day`);
    assert.ok(s.startsAt.slice(0, 10) > tomorrow, s.startsAt);
    assert.equal(s.bookingOpen, true);
    assert.equal(s.seatsLeft, 20);
  }
  await seedDemo(ctx);
  assert.equal(((await app.inject({ url: '/api/v1/reception/sessions' })).json() as { total: number }).total, 3, 'seeding twice adds nothing');
});
