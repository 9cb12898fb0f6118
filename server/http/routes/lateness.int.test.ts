import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { insertDeadline, latestCalendarVersionId } from '../../db/repos/calendar.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { reportActionOk, submitFieldReport } from '../../../test/reports.ts';



interface Stage {
  stage: string;
  due: number;
  met: number;
  late: number;
  pending: number;
  lateShare: number;
}
interface AgencyFigures {
  agencyId: string;
  agencyName: string;
  stages: Stage[];
  receiving: { reports: number; late: number; lateShare: number; over30Percent: boolean };
  processing: { reports: number; late: number; lateShare: number; over30Percent: boolean };
  over30Percent: boolean;
}

/**
 * March 2026: three reports submitted Mon 2 March 09:00 (receiving due Tue 3 March 09:00, R-7.2d). A is accepted
 * on time, B a day late, C never; Sở Xây dựng takes and assigns A and B within their 4 working hours.
 */
async function march() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const other = (await findAgency(ctx.db, { code: 'so-y-te' }))!;
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const operator = await staff(center.id, 'center_operator');
  const head = await staff(sxd.id, 'agency_head');
  const officer = await staff(sxd.id, 'processing_officer');
  const overseer = await staff(center.id, 'city_overseer');
  const otherHead = await staff(other.id, 'agency_head');
  const citizen = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, citizen.phone);

  const submit = () => submitFieldReport(app, citizenH);
  const [a, b, c] = [await submit(), await submit(), await submit()];
  const receiving = (await app.inject({ url: `/api/v1/reports/${a}`, headers: operator.h })).json().receivingAgency.id as string;
  assert.notEqual(receiving, sxd.id, 'the scenario needs the receiving agency to differ from the processing one');

  const handle = async (id: string) => {
    await reportActionOk(app, operator.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
    clock.advance(30 * 60_000);
    await reportActionOk(app, head.h, id, { action: 'take' });
    await reportActionOk(app, head.h, id, { action: 'assign', assigneeId: officer.id });
  };
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await handle(a);
  clock.set(vietnamTime(2026, 3, 3, 10, 0));
  await handle(b);
  // Thu 5 March, noon: the process clocks (7 working days, R-8.5) are running, due later in March.
  clock.set(vietnamTime(2026, 3, 5, 12, 0));
  return { ...t, sxd, receiving, citizenH, operator, head, officer, overseer, otherHead, reports: { a, b, c } };
}

const byId = (list: AgencyFigures[], id: string) => list.find((x) => x.agencyId === id);

test('R-8.5 R-18.4(2) lateness per agency and stage for a month: met, late (stopped after due or open past due), pending, the 30 % flag', async () => {
  const t = await march();
  const res = await t.app.inject({ url: '/api/v1/oversight/lateness?month=2026-03', headers: t.overseer.h });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.month, '2026-03');
  assert.equal(body.from, '2026-03-01T00:00:00+07:00');
  assert.equal(body.to, '2026-04-01T00:00:00+07:00');
  assert.equal(body.asOf, '2026-03-05T12:00:00+07:00');
  assert.equal(body.complete, false);

  // The receiving agency: A on time, B accepted late, C still open past its due instant.
  const rec = byId(body.agencies, t.receiving)!;
  assert.deepEqual(rec.stages, [{ stage: 'receive', due: 3, met: 1, late: 2, pending: 0, lateShare: 0.6667 }]);
  assert.deepEqual(rec.receiving, { reports: 3, late: 2, lateShare: 0.6667, over30Percent: true });
  assert.deepEqual(rec.processing, { reports: 0, late: 0, lateShare: 0, over30Percent: false });
  assert.equal(rec.over30Percent, true, 'R-18.4(2): more than 30 % of the month\'s reports late in receiving');

  // Sở Xây dựng answers for the stages that were its clock: assigned on time, processing still running.
  const sxd = byId(body.agencies, t.sxd.id)!;
  assert.equal(sxd.agencyName, t.sxd.name);
  assert.deepEqual(sxd.stages, [
    { stage: 'assign', due: 2, met: 2, late: 0, pending: 0, lateShare: 0 },
    { stage: 'process', due: 2, met: 0, late: 0, pending: 2, lateShare: 0 },
  ]);
  assert.deepEqual(sxd.processing, { reports: 2, late: 0, lateShare: 0, over30Percent: false });
  assert.equal(sxd.over30Percent, false);
  assert.equal(body.agencies[0].over30Percent, true, 'flagged agencies come first');

  // After the process deadlines pass unanswered, the same month flags Sở Xây dựng too (open past due = late).
  t.clock.set(vietnamTime(2026, 4, 2, 9, 0));
  const h = await signInHeaders(t.app, t.overseer.username); // the March sign-in has expired by now
  const later = (await t.app.inject({ url: '/api/v1/oversight/lateness?month=2026-03', headers: h })).json();
  assert.equal(later.complete, true);
  assert.deepEqual(byId(later.agencies, t.sxd.id)!.processing, { reports: 2, late: 2, lateShare: 1, over30Percent: true });

  // Other months have none of it.
  const feb = (await t.app.inject({ url: '/api/v1/oversight/lateness?month=2026-02', headers: h })).json();
  assert.deepEqual(feb.agencies, []);
});

test('R-18.4(2) months are Vietnam civil months, whatever the server\'s zone: 06:00 on 1 April in Hà Nội is April', async () => {
  const t = await march();
  const calendarVersion = (await latestCalendarVersionId(t.ctx.db))!;
  // 2026-04-01T06:00+07:00 is still 31 March in UTC (the tests run with TZ=UTC).
  await insertDeadline(t.ctx.db, {
    id: uuidv7(),
    subjectType: 'report',
    subjectId: t.reports.c,
    clock: 'process',
    startedAt: vietnamTime(2026, 3, 20, 8, 0),
    amount: { days: 7 },
    dueAt: vietnamTime(2026, 4, 1, 6, 0),
    calendarVersion,
    agencyId: t.sxd.id,
  });
  const get = async (month: string) => (await t.app.inject({ url: `/api/v1/oversight/lateness?month=${month}&agencyId=${t.sxd.id}`, headers: t.overseer.h })).json();
  const mar = await get('2026-03');
  assert.deepEqual(byId(mar.agencies, t.sxd.id)!.stages.find((s: Stage) => s.stage === 'process')!.due, 2);
  const apr = await get('2026-04');
  assert.deepEqual(apr.agencies.map((a: AgencyFigures) => [a.agencyId, a.stages]), [[t.sxd.id, [{ stage: 'process', due: 1, met: 0, late: 0, pending: 1, lateShare: 0 }]]]);
});

test('R-4.3 R-8.5 an agency head sees only their own agency; a head elsewhere sees none of it; others are refused', async () => {
  const t = await march();
  const get = (h: Record<string, string> | undefined, qs = 'month=2026-03') => t.app.inject({ url: `/api/v1/oversight/lateness?${qs}`, ...(h ? { headers: h } : {}) });

  const own = await get(t.head.h);
  assert.equal(own.statusCode, 200, own.body);
  assert.deepEqual(own.json().agencies.map((a: AgencyFigures) => a.agencyId), [t.sxd.id]);

  const elsewhere = await get(t.otherHead.h);
  assert.equal(elsewhere.statusCode, 200);
  assert.deepEqual(elsewhere.json().agencies, [], 'a head of another agency sees none of Sở Xây dựng');
  const asked = await get(t.otherHead.h, `month=2026-03&agencyId=${t.sxd.id}`);
  assert.equal(asked.statusCode, 403, 'asking for an agency outside one\'s scope is refused');

  assert.equal((await get(t.officer.h)).statusCode, 403, 'an officer does not read the agency\'s lateness');
  assert.equal((await get(t.operator.h)).statusCode, 200, 'the Center reads every agency\'s lateness (R-18.3b)');
  assert.equal((await get(t.citizenH)).statusCode, 403);
  assert.equal((await get(undefined)).statusCode, 401);
  assert.equal((await get(t.overseer.h, 'month=2026-13')).statusCode, 400);
  const overseerAll = (await get(t.overseer.h)).json();
  assert.ok(overseerAll.agencies.some((a: AgencyFigures) => a.agencyId === t.receiving) && overseerAll.agencies.some((a: AgencyFigures) => a.agencyId === t.sxd.id));
});
