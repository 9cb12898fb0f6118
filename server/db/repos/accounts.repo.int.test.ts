/** ADR 0007: session look-ups made at the same moment share one query; each keeps its own answer and instant. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '../../app/accounts/sessions.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, PASSWORD } from '../../../test/factories.ts';
import { fieldReportBody } from '../../../test/reports.ts';
import { findLiveSession } from './accounts.repo.ts';

test('ADR 0007 R-27.3 batched session look-ups: each token, each instant, each sanction on its own', async () => {
  const { app, ctx, clock } = await testApp({ config: { sessionTtlHours: 1 } });
  const signIn = async (phone: string) =>
    (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: phone, password: PASSWORD, mode: 'bearer' } })).json().token as string;
  const a = await createCitizen(app, { verified: true });
  const b = await createCitizen(app);
  const [ta, tb] = [await signIn(a.phone), await signIn(b.phone)];
  const now = clock.now();
  const later = new Date(now.getTime() + 2 * 3_600_000); // after the one-hour session has expired
  // A sanction of citizen a that ends in 90 minutes: in force now, over at `later`.
  const report = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { authorization: `Bearer ${ta}` }, payload: fieldReportBody() });
  assert.equal(report.statusCode, 201, report.body);
  await ctx.db
    .insertInto('sanctions')
    .values({ id: crypto.randomUUID(), user_id: a.id, report_id: report.json().id, reason: 'thử nghiệm', starts_at: now, ends_at: new Date(now.getTime() + 90 * 60_000) })
    .execute();

  const [aNow, bNow, aLater, unknown, aAgain] = await Promise.all([
    findLiveSession(ctx.db, hashToken(ta), now),
    findLiveSession(ctx.db, hashToken(tb), now),
    findLiveSession(ctx.db, hashToken(ta), later),
    findLiveSession(ctx.db, hashToken('khong-phai-token'), now),
    findLiveSession(ctx.db, hashToken(ta), new Date(now.getTime() + 30 * 60_000)),
  ]);
  assert.equal(aNow?.user_id, a.id);
  assert.ok(aNow?.sanctioned_until, 'the sanction in force now is seen');
  assert.equal(bNow?.user_id, b.id);
  assert.equal(bNow?.sanctioned_until, null);
  assert.equal(aLater, undefined, 'an expired session is not live, even when read in a batch with earlier instants');
  assert.equal(unknown, undefined);
  assert.equal(aAgain?.sanctioned_until?.getTime(), now.getTime() + 90 * 60_000);
});
