import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testApp } from '../../../test/context.ts';
import { PASSWORD, citizenIdentity, createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { listAgencies } from '../../db/repos/agencies.repo.ts';

test('R-5.5 sign-up validates every identity field and names each bad one', async () => {
  const { app } = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { ...citizenIdentity(), cccd: '123', phone: '0123', email: 'nope', nickname: 'x' },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'VALIDATION_FAILED');
  const fields = res.json().errors.map((e: { field: string }) => e.field);
  assert.deepEqual(fields, ['body.nickname'], 'unknown fields are rejected first, by the schema');
  const res2 = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...citizenIdentity(), cccd: '123', phone: '0123', email: 'nope' } });
  assert.equal(res2.statusCode, 400);
  assert.deepEqual(res2.json().errors.map((e: { field: string }) => e.field).sort(), ['body.cccd', 'body.email', 'body.phone']);
  assert.match(res2.json().errors[0].message, /[ảạốếđ]/u, 'messages are Vietnamese');
});

test('R-26.3 one account per person: a CCCD, phone or e-mail already registered is refused with 409 naming it', async () => {
  const { app } = await testApp();
  const first = await createCitizen(app);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { ...citizenIdentity(), phone: first.phone.replace(/^0/, '+84') },
  });
  assert.equal(res.statusCode, 409);
  assert.deepEqual(res.json().errors.map((e: { field: string }) => e.field), ['body.phone'], 'the phone is recognised in another format');
});

test('R-5.8 identity fields are stored encrypted: the database holds no plain CCCD, phone or e-mail', async () => {
  const { app, ctx } = await testApp();
  const c = await createCitizen(app);
  const row = await sql<Record<string, unknown>>`SELECT * FROM users WHERE id = ${c.id}`.execute(ctx.db);
  const text = JSON.stringify(row.rows);
  assert.ok(!text.includes(c.cccd));
  assert.ok(!text.includes(c.phone.slice(1)));
  assert.ok(!text.includes(c.email));
});

test('R-26.3 sign-in by phone, e-mail or CCCD; /me shows the owner their own details; sign-out ends the session', async () => {
  const { app } = await testApp();
  const c = await createCitizen(app);
  for (const login of [c.phone, c.email.toUpperCase(), c.cccd]) {
    const h = await signInHeaders(app, login);
    const me = await app.inject({ url: '/api/v1/me', headers: h });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().cccd, c.cccd);
    assert.equal(me.json().identityVerified, false);
  }
  const cookieLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: c.phone, password: PASSWORD } });
  const setCookie = String(cookieLogin.headers['set-cookie']);
  assert.match(setCookie, /ihanoi_session=/);
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Lax/i);
  const cookie = setCookie.split(';')[0]!;
  assert.equal((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode, 200);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } })).statusCode, 204);
  assert.equal((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode, 401);
});

test('a wrong password is refused with one message whether or not the login exists', async () => {
  const { app } = await testApp();
  const c = await createCitizen(app);
  const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: c.phone, password: 'sai-mat-khau' } });
  const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: '0987000111', password: 'sai-mat-khau' } });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.json().detail, unknown.json().detail);
});

test('sign-in attempts are throttled per address and login', async () => {
  const { app } = await testApp({ config: { loginAttemptsPerWindow: 3 } });
  const codes = [];
  for (let i = 0; i < 5; i++)
    codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: 'ai-do', password: 'x' } })).statusCode);
  assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  const other = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: 'nguoi-khac', password: 'x' } });
  assert.equal(other.statusCode, 401, 'another login is not locked out');
});

test('R-3.9 identity verification goes through the population register; a mismatch is refused and audited', async () => {
  const { app, ctx } = await testApp();
  // A person of the demo register (data/demo/population-register.json).
  const reg = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { kind: 'individual', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-03-14', cccd: '001090004319', phone: '0912000001', email: 'an@example.vn', password: PASSWORD },
  });
  assert.equal(reg.statusCode, 201);
  const h = await signInHeaders(app, '0912000001');
  const ok = await app.inject({ method: 'POST', url: '/api/v1/me/identity-verification', headers: h });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await app.inject({ url: '/api/v1/me', headers: h })).json().identityVerified, true);

  const stranger = await createCitizen(app);
  const h2 = await signInHeaders(app, stranger.phone);
  const no = await app.inject({ method: 'POST', url: '/api/v1/me/identity-verification', headers: h2 });
  assert.equal(no.statusCode, 422);
  assert.equal(no.json().code, 'IDENTITY_VERIFICATION_FAILED');
  const events = await ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', stranger.id).execute();
  assert.ok(events.some((e) => e.action === 'account.identityVerificationFailed'));
});

test('R-4.3 staff see the members of their own agency only; administrators create staff accounts', async () => {
  const { app, ctx } = await testApp();
  const [a, b] = (await listAgencies(ctx.db, {})).filter((x) => x.level === 'commune');
  assert.ok(a && b);
  const head = await createStaff(ctx, [{ agencyId: a.id, role: 'agency_head' }]);
  const admin = await createStaff(ctx, [{ agencyId: a.id, role: 'administrator' }]);
  const hh = await signInHeaders(app, head.username);
  assert.equal((await app.inject({ url: `/api/v1/agencies/${a.id}/members`, headers: hh })).statusCode, 200);
  assert.equal((await app.inject({ url: `/api/v1/agencies/${b.id}/members`, headers: hh })).statusCode, 403);
  assert.equal((await app.inject({ url: `/api/v1/agencies/${a.id}/members` })).statusCode, 401);

  const body = { username: 'can-bo.moi', displayName: 'Cán bộ Mới', password: PASSWORD, memberships: [{ agencyId: b.id, role: 'processing_officer' }] };
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: hh, payload: body })).statusCode, 403, 'a head is no administrator');
  const ah = await signInHeaders(app, admin.username);
  const created = await app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: ah, payload: body });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: ah, payload: body })).statusCode, 409);
  const bad = await app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: ah, payload: { ...body, memberships: [{ agencyId: b.id, role: 'king' }] } });
  assert.equal(bad.statusCode, 400);
  const members = await app.inject({ url: `/api/v1/agencies/${b.id}/members`, headers: ah });
  assert.ok(members.json().items.some((m: { username: string }) => m.username === 'can-bo.moi'));
});

test('R-5.7 R-5.8 identity fields never reach the logs, even when code logs the request', async () => {
  const { app, logs } = await testApp({ config: { logLevel: 'trace' } });
  const c = await createCitizen(app);
  await signInHeaders(app, c.phone);
  app.log.info({ body: { cccd: c.cccd, phone: c.phone, email: c.email } }, 'probe');
  const text = logs();
  assert.ok(text.length > 0, 'logs were captured');
  for (const secret of [c.cccd, c.phone, c.email, PASSWORD]) assert.ok(!text.includes(secret), `log leaks ${secret}`);
});
