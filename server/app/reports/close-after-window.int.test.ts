import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { sweep } from '../../jobs/deadline-sweep.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';
import { closeAfterClarificationWindow } from './close-after-window.ts';

async function setup() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  // Mon 2 March 2026, 09:00 in Hà Nội.
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const operator = await staff(center.id, 'center_operator');
  const head = await staff(sxd.id, 'agency_head');
  const officer = await staff(sxd.id, 'processing_officer');
  const c = await createCitizen(app, { verified: true });
  const citizen = { ...c, h: await signInHeaders(app, c.phone) };

  /** A field report submitted now and taken to `published` by Sở Xây dựng, its result approved at `approvedAt`. */
  const published = async (approvedAt: Date) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody() });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    await reportActionOk(app, operator.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
    await reportActionOk(app, head.h, id, { action: 'take' });
    await reportActionOk(app, head.h, id, { action: 'assign', assigneeId: officer.id });
    await reportActionOk(app, officer.h, id, {
      action: 'draftResult',
      resultText: 'Đã vá ổ gà và thảm lại mặt đường.',
      proofs: [{ kind: 'site_photo', title: 'Ảnh hiện trường sau khi sửa' }],
    });
    const before = clock.now();
    clock.set(approvedAt);
    const approved = await reportActionOk(app, head.h, id, { action: 'approve' });
    assert.equal(approved.json().state, 'published');
    clock.set(before);
    return { id, code: res.json().code as string };
  };
  const stateOf = async (id: string) => (await ctx.db.selectFrom('reports').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).state;
  const closeEvents = (id: string) =>
    ctx.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'report').where('subject_id', '=', id).where('action', '=', 'report.close').execute();
  return { ...t, operator, head, officer, citizen, published, stateOf, closeEvents };
}

// Result approved Tue 3 March 10:00: the window runs Wed 4 and Thu 5 March and ends at 24:00 on Thu 5 March
// (Civil Code Art. 147–148), i.e. the report may be closed from Fri 6 March 00:00 (+07:00).
const APPROVED = vietnamTime(2026, 3, 3, 10, 0);
const LAST_MINUTE = vietnamTime(2026, 3, 5, 23, 59);
const WINDOW_ENDS = vietnamTime(2026, 3, 6, 0, 0);

test('R-13 the sweep closes a published report once the clarification window has ended, as the system, and tells the reporter', async () => {
  const t = await setup();
  const { id, code } = await t.published(APPROVED);

  // Before the window ends: it stays published.
  t.clock.set(LAST_MINUTE);
  // (The sweep also runs the integrity checks the submission left to it: tests do not run them on submit.)
  assert.deepEqual(await sweep(t.ctx), { newlyOverdue: 0, closed: 0, sampled: 0, checked: 1, alertsSent: 0 });
  assert.equal(await t.stateOf(id), 'published');

  t.clock.set(WINDOW_ENDS);
  assert.deepEqual(await sweep(t.ctx), { newlyOverdue: 0, closed: 1, sampled: 0, checked: 0, alertsSent: 0 });
  assert.equal(await t.stateOf(id), 'closed');
  const events = await t.closeEvents(id);
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.deepEqual([e.actor_role, e.actor_id, e.actor_agency_id, e.from_state, e.to_state], ['system', null, null, 'published', 'closed']);
  assert.equal(e.occurred_at.getTime(), WINDOW_ENDS.getTime());
  assert.deepEqual(e.payload, { action: 'close', rule: 'R-13', clarificationWindowClosedAt: '2026-03-06T00:00:00+07:00' });
  assert.ok(e.prev_hash, 'chained to the report\'s trail');

  // The reporter sees it on the report and in the inbox, like the other actions that concern them.
  const detail = (await t.app.inject({ url: `/api/v1/reports/${id}`, headers: t.citizen.h })).json();
  assert.equal(detail.state, 'closed');
  assert.equal(detail.stateLabel, 'Đã kết thúc');
  assert.deepEqual(detail.actions, ['rate'], 'no more clarification; R-13 sets no end to the rating');
  assert.equal(detail.timeline.at(-1).label, 'Kết thúc (hết thời hạn làm rõ)');
  const inbox = (await t.app.inject({ url: '/api/v1/me/notifications', headers: t.citizen.h })).json();
  assert.equal(inbox.items[0].action, 'close');
  assert.equal(inbox.items[0].title, `Phản ánh ${code} đã kết thúc`);
  // No clock is left running in the terminal state.
  assert.deepEqual(await t.ctx.db.selectFrom('deadlines').select('clock').where('subject_id', '=', id).where('stopped_at', 'is', null).execute(), []);

  // Idempotent: later runs find nothing to close.
  t.clock.set(vietnamTime(2026, 3, 9, 9, 0));
  assert.equal((await closeAfterClarificationWindow(t.ctx)).closed, 0);
  assert.equal((await t.closeEvents(id)).length, 1);

  // The reporter rates it afterwards (e.g. once a late clarification answer came).
  // (Signed in again: a week on, the first session has expired.)
  const rated = await reportActionOk(t.app, await signInHeaders(t.app, t.citizen.phone), id, { action: 'rate', rating: 'acceptable', comment: 'Đã sửa nhưng chậm' });
  assert.equal(rated.json().state, 'rated');
});

test('R-13 a report under clarification or already rated is not closed when the window ends', async () => {
  const t = await setup();
  const asked = await t.published(APPROVED);
  const rated = await t.published(APPROVED);
  t.clock.set(vietnamTime(2026, 3, 4, 9, 0));
  await reportActionOk(t.app, t.citizen.h, asked.id, { action: 'requestClarification', question: 'Vì sao chỉ vá một phần mặt đường?' });
  await reportActionOk(t.app, t.citizen.h, rated.id, { action: 'rate', rating: 'satisfied' });

  t.clock.set(vietnamTime(2026, 3, 9, 9, 0));
  assert.equal((await sweep(t.ctx)).closed, 0);
  assert.equal(await t.stateOf(asked.id), 'clarificationRequested', 'the agency still owes an answer (R-13: within 2 working days)');
  assert.equal(await t.stateOf(rated.id), 'rated');
  assert.equal((await t.closeEvents(asked.id)).length + (await t.closeEvents(rated.id)).length, 0);
});

test('R-13 each report is closed in its own unit of work; two sweeps at once close it once (the version check skips the loser)', async () => {
  const t = await setup();
  const first = await t.published(APPROVED);
  const second = await t.published(vietnamTime(2026, 3, 3, 11, 0));
  const later = await t.published(vietnamTime(2026, 3, 5, 9, 0)); // window ends at 24:00 on Sat 7 → runs to Mon 9 March (Art. 148(1))

  t.clock.set(vietnamTime(2026, 3, 9, 9, 0));
  const results = await Promise.all([closeAfterClarificationWindow(t.ctx), closeAfterClarificationWindow(t.ctx, { batchSize: 1 })]);
  assert.equal(results[0].closed + results[1].closed, 2);
  for (const r of [first, second]) {
    assert.equal(await t.stateOf(r.id), 'closed');
    assert.equal((await t.closeEvents(r.id)).length, 1);
  }
  assert.equal(await t.stateOf(later.id), 'published', 'its window ends at 24:00 on Mon 9 March, the next working day');

  t.clock.set(vietnamTime(2026, 3, 10, 0, 0));
  assert.equal((await closeAfterClarificationWindow(t.ctx)).closed, 1);
  assert.equal(await t.stateOf(later.id), 'closed');
  assert.equal((await t.closeEvents(later.id))[0]!.payload.clarificationWindowClosedAt, '2026-03-10T00:00:00+07:00');
});
