import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../db/repos/agencies.repo.ts';
import { vietnamTime } from '../domain/calendar/index.ts';
import { testApp } from '../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../test/factories.ts';
import { reportActionOk, submitFieldReport } from '../../test/reports.ts';
import { DEADLINE_OVERDUE, sweepDeadlines } from './deadline-sweep.ts';


async function setup() {
  const t = await testApp();
  // Mon 2 March 2026, 09:00 in Hà Nội: the receiving deadline (8 working hours, R-7.2d) is Tue 3 March 09:00.
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const citizen = await createCitizen(t.app, { verified: true });
  const citizenH = await signInHeaders(t.app, citizen.phone);
  const center = (await findAgency(t.ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(t.ctx.db, { code: 'so-xay-dung' }))!;
  const operator = await createStaff(t.ctx, [{ agencyId: center.id, role: 'center_operator' }]);
  const operatorH = await signInHeaders(t.app, operator.username);
  const submit = async () => {
    const id = await submitFieldReport(t.app, citizenH);
    const detail = (await t.app.inject({ url: `/api/v1/reports/${id}`, headers: operatorH })).json();
    return { id, receivingAgencyId: detail.receivingAgency.id as string };
  };
  return { ...t, sxd, operatorH, submit };
}


async function overdueEvents(t: Awaited<ReturnType<typeof setup>>, reportId: string) {
  return t.ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', 'report')
    .where('subject_id', '=', reportId)
    .where('action', '=', DEADLINE_OVERDUE)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

test('R-8.5 R-7.2d the sweep marks an overdue receive deadline exactly once, with an event naming the responsible agency', async () => {
  const t = await setup();
  const { id, receivingAgencyId } = await t.submit();

  // Not yet due: nothing to mark.
  t.clock.set(vietnamTime(2026, 3, 3, 8, 59));
  assert.deepEqual(await sweepDeadlines(t.ctx), { newlyOverdue: 0 });

  t.clock.set(vietnamTime(2026, 3, 3, 9, 1));
  assert.deepEqual(await sweepDeadlines(t.ctx), { newlyOverdue: 1 });
  const row = await t.ctx.db.selectFrom('deadlines').selectAll().where('subject_id', '=', id).where('clock', '=', 'receive').executeTakeFirstOrThrow();
  assert.equal(row.overdue_at?.getTime(), vietnamTime(2026, 3, 3, 9, 1).getTime());
  assert.equal(row.stopped_at, null, 'the clock keeps running: overdue is a record, not a stop');

  const events = await overdueEvents(t, id);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.actor_role, 'system');
  assert.equal(events[0]!.actor_id, null);
  assert.deepEqual(events[0]!.payload, { clock: 'receive', due: '2026-03-03T09:00:00+07:00', agencyId: receivingAgencyId });
  // The event is chained to the report's trail like every other event (tamper evidence).
  assert.ok(events[0]!.prev_hash);

  // Idempotent: later runs mark nothing twice.
  t.clock.set(vietnamTime(2026, 3, 4, 9, 0));
  assert.deepEqual(await sweepDeadlines(t.ctx), { newlyOverdue: 0 });
  assert.equal((await overdueEvents(t, id)).length, 1);

  // The report's detail shows the deadline overdue (the presenter compares with now).
  const detail = (await t.app.inject({ url: `/api/v1/reports/${id}`, headers: t.operatorH })).json();
  assert.equal(detail.deadlines.find((d: { stage: string }) => d.stage === 'receive').overdue, true);
});

test('R-8.5 stopped deadlines are ignored, on time or late; the next stage is marked against the processing agency', async () => {
  const t = await setup();
  const onTime = await t.submit();
  const late = await t.submit();

  // One accepted within the 8 working hours, one after them (its receive clock stopped late, never swept).
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(t.app, t.operatorH, onTime.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' });
  t.clock.set(vietnamTime(2026, 3, 3, 10, 0));
  await reportActionOk(t.app, t.operatorH, late.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' });

  // Thu 5 March: both assign clocks (4 working hours, R-8.5) are past due and still open.
  t.clock.set(vietnamTime(2026, 3, 5, 9, 0));
  assert.deepEqual(await sweepDeadlines(t.ctx), { newlyOverdue: 2 });
  for (const r of [onTime, late]) {
    const events = await overdueEvents(t, r.id);
    assert.deepEqual(
      events.map((e) => [e.payload.clock, e.payload.agencyId]),
      [['assign', t.sxd.id]],
    );
    const receive = await t.ctx.db.selectFrom('deadlines').select(['overdue_at', 'stopped_at']).where('subject_id', '=', r.id).where('clock', '=', 'receive').executeTakeFirstOrThrow();
    assert.equal(receive.overdue_at, null, 'a stopped deadline is never marked');
    assert.ok(receive.stopped_at);
  }
});

test('R-8.5 two sweeps at once mark each deadline once (the second skips what the first holds)', async () => {
  const t = await setup();
  const reports = [await t.submit(), await t.submit(), await t.submit()];
  t.clock.set(vietnamTime(2026, 3, 3, 10, 0));
  const results = await Promise.all([sweepDeadlines(t.ctx), sweepDeadlines(t.ctx), sweepDeadlines(t.ctx, { batchSize: 1 })]);
  assert.equal(results.reduce((n, r) => n + r.newlyOverdue, 0), 3);
  for (const r of reports) assert.equal((await overdueEvents(t, r.id)).length, 1);
});

test('R-8.5 a sweep racing a workflow action on the same report keeps the report\'s audit chain linear', async () => {
  const t = await setup();
  const { id } = await t.submit();
  t.clock.set(vietnamTime(2026, 3, 3, 10, 0));
  const version = (await t.app.inject({ url: `/api/v1/reports/${id}`, headers: t.operatorH })).json().version;
  const [accepted] = await Promise.all([
    t.app.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions`, headers: t.operatorH, payload: { version, action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' } }),
    sweepDeadlines(t.ctx),
  ]);
  assert.equal(accepted.statusCode, 200, accepted.body);
  // Whichever went first, the next run finds nothing new and every event chains to the one before it.
  await sweepDeadlines(t.ctx);
  assert.ok((await overdueEvents(t, id)).length <= 1);
  const trail = await t.ctx.db.selectFrom('audit_events').select(['hash', 'prev_hash']).where('subject_type', '=', 'report').where('subject_id', '=', id).orderBy('occurred_at').orderBy('id').execute();
  trail.forEach((e, i) => assert.equal(e.prev_hash, i === 0 ? null : trail[i - 1]!.hash, `event ${i} chains to event ${i - 1}`));
});
