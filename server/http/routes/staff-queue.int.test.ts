import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';

interface Item {
  id: string;
  code: string;
  state: string;
  assigneeId: string | null;
  deadlines: { stage: string; due: string; overdue: boolean; workingMinutesLeft: number | null }[];
}

/**
 * Four field reports at Sở Xây dựng's and the receiving agency's desks (Mon 2 March 2026):
 * - `waiting`   submitted 09:00, not yet received — receive due Tue 3 March 09:00 (8 WH, R-7.2d);
 * - `mine`      accepted, taken, assigned to `officer` at 10:00 — process due Wed 11 March 10:00 (7 WD, R-8.5);
 * - `theirs`    the same, assigned to `colleague` at 10:30 — process due Wed 11 March 10:30;
 * - `untaken`   accepted at 10:00, not taken — assign due Mon 2 March 15:00 (4 WH, R-8.5).
 */
async function setup() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const [center, sxd, syt] = [await agency('trung-tam-phuc-vu-hanh-chinh-cong'), await agency('so-xay-dung'), await agency('so-y-te')];
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const operator = await staff(center.id, 'center_operator');
  const head = await staff(sxd.id, 'agency_head');
  const officer = await staff(sxd.id, 'processing_officer');
  const colleague = await staff(sxd.id, 'processing_officer');
  const elsewhere = await staff(syt.id, 'agency_head');
  const c = await createCitizen(app, { verified: true });
  const citizen = { ...c, h: await signInHeaders(app, c.phone) };

  const submit = async (minute: number) => {
    clock.set(vietnamTime(2026, 3, 2, 9, minute));
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody() });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const waiting = await submit(0);
  const mine = await submit(1);
  const theirs = await submit(2);
  const untaken = await submit(3);
  const receivingAgencyId = (await app.inject({ url: `/api/v1/reports/${waiting}`, headers: operator.h })).json().receivingAgency.id as string;
  const receiver = await staff(receivingAgencyId, 'receiving_officer');

  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  for (const id of [mine, theirs, untaken]) await reportActionOk(app, operator.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  for (const id of [mine, theirs]) await reportActionOk(app, head.h, id, { action: 'take' });
  await reportActionOk(app, head.h, mine, { action: 'assign', assigneeId: officer.id });
  clock.set(vietnamTime(2026, 3, 2, 10, 30));
  await reportActionOk(app, head.h, theirs, { action: 'assign', assigneeId: colleague.id });

  // Tue 3 March 10:00: `waiting` (receive) and `untaken` (assign) are late; the two being processed are not.
  clock.set(vietnamTime(2026, 3, 3, 10, 0));
  const queue = async (h: Record<string, string>, qs = '') => {
    const res = await app.inject({ url: `/api/v1/staff/reports${qs}`, headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { total: number; items: Item[] };
  };
  return { ...t, sxd, operator, head, officer, colleague, elsewhere, receiver, receivingAgencyId, citizen, ids: { waiting, mine, theirs, untaken }, queue };
}

test('R-8.5 queues sort by the nearest running deadline and show each one with its due instant and whether it is overdue', async () => {
  const t = await setup();
  const { waiting, mine, theirs, untaken } = t.ids;
  const all = await t.queue(t.operator.h);
  assert.equal(all.total, 4);
  assert.deepEqual(
    all.items.map((i) => i.id),
    [untaken, waiting, mine, theirs],
    'what is late, or about to be, comes first',
  );
  const byId = new Map(all.items.map((i) => [i.id, i]));
  // Now is Tue 3 March 10:00; working hours 08:00–12:00 and 13:00–17:00: Mon 15:00 was 2 + 2 working hours ago,
  // and Wed 11 March 10:00 is 6 + 5 × 8 + 2 working hours ahead.
  assert.deepEqual(byId.get(untaken)!.deadlines, [{ stage: 'assign', due: '2026-03-02T15:00:00+07:00', overdue: true, workingMinutesLeft: -240 }]);
  assert.deepEqual(byId.get(waiting)!.deadlines, [{ stage: 'receive', due: '2026-03-03T09:00:00+07:00', overdue: true, workingMinutesLeft: -60 }]);
  assert.deepEqual(byId.get(mine)!.deadlines, [{ stage: 'process', due: '2026-03-11T10:00:00+07:00', overdue: false, workingMinutesLeft: 48 * 60 }]);
  assert.equal(byId.get(mine)!.assigneeId, t.officer.id);

  // The submission order is still available: newest first.
  const bySubmission = await t.queue(t.operator.h, '?sort=submitted');
  assert.deepEqual(bySubmission.items.map((i) => i.id), [untaken, theirs, mine, waiting]);

  // Paging follows the same order.
  const page2 = await t.queue(t.operator.h, '?limit=2&offset=2');
  assert.deepEqual([page2.total, ...page2.items.map((i) => i.id)], [4, mine, theirs]);
});

test('R-8.5 overdue=true lists only reports with a running deadline past due, within the caller\'s scope', async () => {
  const t = await setup();
  const { waiting, untaken } = t.ids;
  const late = await t.queue(t.operator.h, '?overdue=true');
  assert.deepEqual([late.total, ...late.items.map((i) => i.id)], [2, untaken, waiting]);
  const sxdLate = await t.queue(t.head.h, '?overdue=true');
  const expected = t.receivingAgencyId === t.sxd.id ? [untaken, waiting] : [untaken];
  assert.deepEqual(sxdLate.items.map((i) => i.id), expected, 'R-4.3 only the reports of the head\'s agency');
  assert.equal((await t.queue(t.elsewhere.h, '?overdue=true')).total, 0, 'nothing of another agency');
  assert.equal((await t.queue(t.operator.h, '?overdue=false')).total, 4, 'false does not filter');

  // Once `untaken` is taken and assigned, its late assign clock stops and it leaves the overdue queue.
  await reportActionOk(t.app, t.head.h, untaken, { action: 'take' });
  await reportActionOk(t.app, t.head.h, untaken, { action: 'assign', assigneeId: t.officer.id });
  assert.deepEqual((await t.queue(t.operator.h, '?overdue=true')).items.map((i) => i.id), [waiting]);
});

test('R-8.1 assignee=me is the officer\'s own work; actionable=true is what waits for a step by the caller\'s roles', async () => {
  const t = await setup();
  const { waiting, mine, theirs, untaken } = t.ids;
  const own = await t.queue(t.officer.h, '?assignee=me');
  assert.deepEqual([own.total, ...own.items.map((i) => i.id)], [1, mine]);
  assert.deepEqual((await t.queue(t.colleague.h, '?assignee=me')).items.map((i) => i.id), [theirs]);
  assert.equal((await t.queue(t.head.h, '?assignee=me')).total, 0, 'nothing is assigned to the head');

  // The officer drafts on the report assigned to them only; the head must take `untaken` (the two being
  // processed wait for the officers, not for the head); the Center and the receiving officer must receive `waiting`.
  assert.deepEqual((await t.queue(t.officer.h, '?actionable=true')).items.map((i) => i.id), [mine]);
  assert.deepEqual((await t.queue(t.head.h, '?actionable=true')).items.map((i) => i.id), [untaken]);
  assert.deepEqual((await t.queue(t.operator.h, '?actionable=true')).items.map((i) => i.id), [waiting]);
  assert.deepEqual((await t.queue(t.receiver.h, '?actionable=true')).items.map((i) => i.id), [waiting]);
  assert.equal((await t.queue(t.elsewhere.h, '?actionable=true')).total, 0);

  // After the officer drafts, the report waits for the head's approval (R-8.1 step 5), no longer for the officer.
  await reportActionOk(t.app, t.officer.h, mine, { action: 'draftResult', resultText: 'Đã vá ổ gà.', proofs: [{ kind: 'site_photo', title: 'Ảnh sau khi sửa' }] });
  assert.deepEqual((await t.queue(t.officer.h, '?actionable=true')).total, 0);
  const head = await t.queue(t.head.h, '?actionable=true');
  assert.deepEqual(head.items.map((i) => i.id), [untaken, mine], 'the late assignment first, then the approval (1 WD, R-12.3)');
  assert.deepEqual(head.items[1]!.deadlines, [{ stage: 'approve_publication', due: '2026-03-04T10:00:00+07:00', overdue: false, workingMinutesLeft: 480 }]);
  // Filters combine: actionable and overdue.
  assert.deepEqual((await t.queue(t.head.h, '?actionable=true&overdue=true')).items.map((i) => i.id), [untaken]);
});

test('R-4.3 queue parameters are validated (400 problem+json naming each one); citizens 403, anonymous 401', async () => {
  const t = await setup();
  const bad = await t.app.inject({ url: '/api/v1/staff/reports?assignee=someone&sort=nearest&overdue=maybe&actionable=2', headers: t.officer.h });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  const problem = bad.json();
  assert.equal(problem.code, 'VALIDATION_FAILED');
  const fields = new Set(problem.errors.map((e: { field: string }) => e.field));
  for (const f of ['querystring.assignee', 'querystring.sort', 'querystring.overdue', 'querystring.actionable']) assert.ok(fields.has(f), `${f} in ${[...fields].join(', ')}`);
  assert.equal((await t.app.inject({ url: '/api/v1/staff/reports?assignee=me', headers: t.citizen.h })).statusCode, 403);
  assert.equal((await t.app.inject({ url: '/api/v1/staff/reports?assignee=me' })).statusCode, 401);
});

test('R-8.2 R-8.4 queues filter by several states, by classification, by code or title, and list the cooperation asked of my agency', async () => {
  const t = await setup();
  const { waiting, mine, theirs, untaken } = t.ids;
  const ids = async (h: Record<string, string>, qs: string) => (await t.queue(h, qs)).items.map((i) => i.id).sort();
  assert.deepEqual(await ids(t.operator.h, '?state=submitted,assigned'), [waiting, mine, theirs].sort());
  assert.deepEqual(await ids(t.operator.h, '?state=accepted'), [untaken]);

  const complex = (await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: t.citizen.h, payload: fieldReportBody({ title: 'Sạt lở bờ kè hồ cần nhiều cơ quan' }) })).json();
  await reportActionOk(t.app, t.operator.h, complex.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'complex' });
  await reportActionOk(t.app, t.head.h, complex.id, { action: 'take' });
  assert.deepEqual(await ids(t.operator.h, '?classification=complex'), [complex.id]);
  assert.equal((await t.queue(t.operator.h, '?classification=normal')).total, 3);

  assert.deepEqual(await ids(t.operator.h, `?q=${complex.code}`), [complex.id], 'by code');
  assert.deepEqual(await ids(t.operator.h, `?q=${encodeURIComponent('bờ kè')}`), [complex.id], 'by words of the title, any case');
  assert.equal((await t.queue(t.operator.h, `?q=${encodeURIComponent('100%_')}`)).total, 0, 'LIKE wildcards are searched as text');

  // Sở Y tế is asked to help; its head finds the report among its cooperation requests, not in its own queue.
  const sytId = (await findAgency(t.ctx.db, { code: 'so-y-te' }))!.id;
  await reportActionOk(t.app, t.head.h, complex.id, { action: 'requestCooperation', targetAgencyId: sytId });
  assert.deepEqual(await ids(t.elsewhere.h, '?cooperating=true'), [complex.id]);
  assert.equal((await t.queue(t.elsewhere.h, '')).total, 0, 'the cooperating agency does not handle it');
  assert.equal((await t.queue(t.head.h, '?cooperating=true')).total, 0, 'the lead agency was not asked');
  const returned = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${complex.id}/cooperations/${sytId}/return`, headers: t.elsewhere.h, payload: { resultText: 'Sở Y tế đã kiểm tra nguồn nước quanh hồ.' } });
  assert.equal(returned.statusCode, 204, returned.body);
  assert.equal((await t.queue(t.elsewhere.h, '?cooperating=true')).total, 0, 'answered requests leave the list');

  const bad = await t.app.inject({ url: '/api/v1/staff/reports?state=submitted;drop&classification=huge&q=', headers: t.operator.h });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['querystring.classification', 'querystring.q', 'querystring.state']);
});
