import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import type { OversightSummary } from '../../app/oversight/summary.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk, submitFieldReport } from '../../../test/reports.ts';

const PROOF = [{ kind: 'inspection_record', title: 'Biên bản kiểm tra hiện trường số 12/BB' }];

/**
 * March 2026: four pothole reports submitted Mon 2 March 09:00 (receiving due Tue 3 March 09:00, R-7.2d).
 * A is accepted on time, handled by Sở Xây dựng, published and rated "Hài lòng"; B is accepted a day late and
 * assigned; C is never received; D is turned away on time. Then (April) E, submitted at 06:00 on 1 April in
 * Hà Nội — still 31 March in UTC.
 */
async function scenario() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const operator = await staff(center.id, 'center_operator');
  const overseer = await staff(center.id, 'city_overseer');
  const admin = await staff(center.id, 'administrator');
  const head = await staff(sxd.id, 'agency_head');
  const officer = await staff(sxd.id, 'processing_officer');
  const citizen = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, citizen.phone);

  const submit = () => submitFieldReport(app, citizenH);
  const [a, b, c, d] = [await submit(), await submit(), await submit(), await submit()];
  const receiving = (await app.inject({ url: `/api/v1/reports/${c}`, headers: operator.h })).json().receivingAgency as { id: string; name: string };
  assert.notEqual(receiving.id, sxd.id, 'the scenario needs the receiving agency to differ from the processing one');

  const get = async (h: Record<string, string>, qs: string) => {
    const res = await app.inject({ url: `/api/v1/oversight/summary?${qs}`, headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as OversightSummary;
  };
  // Just submitted: nothing is late yet.
  const fresh = await get(overseer.h, 'from=2026-03&to=2026-03');

  const handle = async (id: string) => {
    await reportActionOk(app, operator.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
    await reportActionOk(app, head.h, id, { action: 'take' });
    await reportActionOk(app, head.h, id, { action: 'assign', assigneeId: officer.id });
  };
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await handle(a);
  await reportActionOk(app, operator.h, d, { action: 'reject', rejectReason: 'c', explanation: 'Trùng với phản ánh đã có về cùng ổ gà.' });
  await reportActionOk(app, officer.h, a, { action: 'draftResult', resultText: 'Đã vá ổ gà, hoàn trả mặt đường.', proofs: PROOF });
  await reportActionOk(app, head.h, a, { action: 'approve' });
  await reportActionOk(app, citizenH, a, { action: 'rate', rating: 'satisfied', comment: 'Xử lý nhanh.' });
  clock.set(vietnamTime(2026, 3, 3, 10, 0));
  await handle(b);
  // Thu 5 March, noon: C's receiving deadline (Tue 09:00) has passed with the report still open.
  clock.set(vietnamTime(2026, 3, 5, 12, 0));
  return { ...t, get, fresh, sxd, receiving, operator, overseer, admin, head, officer, citizen, citizenH, reports: { a, b, c, d } };
}

const figures = (received: number, published: number, late: number, o: { accepted?: number; rejected?: number; transferred?: number; inProgress?: number } = {}) => {
  const pct = (n: number) => (received === 0 ? 0 : Math.round((n * 1000) / received) / 10);
  return {
    received,
    accepted: o.accepted ?? 0,
    rejected: o.rejected ?? 0,
    transferred: o.transferred ?? 0,
    inProgress: o.inProgress ?? 0,
    published,
    onTime: received - late,
    late,
    publishedPercent: pct(published),
    onTimePercent: pct(received - late),
    latePercent: pct(late),
  };
};
// A published, B accepted and in progress (Sở Xây dựng); C waiting, D rejected (the receiving agency).
const SXD = { accepted: 2, inProgress: 1 };
const RECEIVING = { rejected: 1, inProgress: 1 };
const ALL = { accepted: 2, rejected: 1, inProgress: 2 };

test('R-18.3b R-8.5 counts by state, and per handling agency and month: received, published, on time, late (stopped after due or open past due)', async () => {
  const t = await scenario();
  assert.equal(t.fresh.total, 4);
  assert.deepEqual(t.fresh.totals, figures(4, 0, 0, { inProgress: 4 }), 'just submitted, no deadline is overdue');

  const body = await t.get(t.overseer.h, 'from=2026-03&to=2026-03');
  assert.equal(body.from, '2026-03');
  assert.equal(body.to, '2026-03');
  assert.deepEqual(body.months, ['2026-03']);
  assert.deepEqual(body.period, { start: '2026-03-01T00:00:00+07:00', end: '2026-04-01T00:00:00+07:00' });
  assert.equal(body.asOf, '2026-03-05T12:00:00+07:00');
  assert.deepEqual(body.filters, { agencyId: null, unitCode: null, categoryCode: null, kind: null });
  assert.equal(body.total, 4);
  assert.deepEqual(body.byState, [
    { state: 'submitted', label: 'Chờ tiếp nhận', count: 1 },
    { state: 'rejected', label: 'Không tiếp nhận', count: 1 },
    { state: 'assigned', label: 'Đang xử lý', count: 1 },
    { state: 'rated', label: 'Đã đánh giá', count: 1 },
  ]);
  // Sở Xây dựng handles A (published, on time) and B (accepted after its receiving deadline: late).
  // The receiving agency still holds C (open past due: late) and D (turned away in time: on time).
  assert.deepEqual(
    body.byAgencyMonth.map((r) => ({ ...r })).sort((x, y) => x.agencyId.localeCompare(y.agencyId)),
    [
      { agencyId: t.sxd.id, agencyName: t.sxd.name, month: '2026-03', ...figures(2, 1, 1, SXD) },
      { agencyId: t.receiving.id, agencyName: t.receiving.name, month: '2026-03', ...figures(2, 0, 1, RECEIVING) },
    ].sort((x, y) => x.agencyId.localeCompare(y.agencyId)),
  );
  assert.deepEqual(body.totals, figures(4, 1, 2, ALL));
  assert.deepEqual(body.totals, { received: 4, accepted: 2, rejected: 1, transferred: 0, inProgress: 2, published: 1, onTime: 2, late: 2, publishedPercent: 25, onTimePercent: 50, latePercent: 50 });
  assert.equal(body.byAgency.length, 2);
  assert.deepEqual(body.byAgency.find((x) => x.agencyId === t.sxd.id), { agencyId: t.sxd.id, agencyName: t.sxd.name, ...figures(2, 1, 1, SXD) });
});

test('R-13 R-18.3b ratings distribution and satisfaction rate of the period\'s reports', async () => {
  const t = await scenario();
  const body = await t.get(t.overseer.h, 'from=2026-03&to=2026-03');
  assert.deepEqual(body.ratings, { satisfied: 1, acceptable: 0, unsatisfied: 0, rated: 1, satisfactionPercent: 100 });
  const none = await t.get(t.overseer.h, 'from=2026-02&to=2026-02');
  assert.deepEqual(none.ratings, { satisfied: 0, acceptable: 0, unsatisfied: 0, rated: 0, satisfactionPercent: 0 });
  assert.equal(none.total, 0);
  assert.deepEqual(none.byState, []);
  assert.deepEqual(none.byAgencyMonth, []);
});

test('R-18.3b months are Vietnam civil months of submission: 06:00 on 1 April in Hà Nội is April; a period spans several months', async () => {
  const t = await scenario();
  t.clock.set(vietnamTime(2026, 4, 1, 6, 0));
  const citizenH = await signInHeaders(t.app, t.citizen.phone); // the March sign-ins have expired by now
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizenH, payload: fieldReportBody() });
  assert.equal(res.statusCode, 201, res.body);
  const h = await signInHeaders(t.app, t.overseer.username);
  const body = await t.get(h, 'from=2026-03&to=2026-04');
  assert.deepEqual(body.months, ['2026-03', '2026-04']);
  assert.equal(body.total, 5);
  const receiving = body.byAgencyMonth.filter((r) => r.agencyId === t.receiving.id).map((r) => [r.month, r.received]);
  assert.deepEqual(receiving, [
    ['2026-03', 2],
    ['2026-04', 1],
  ]);
  const april = await t.get(h, 'from=2026-04&to=2026-04');
  assert.equal(april.total, 1);
  // By now B's processing deadline (7 working days, R-8.5) has passed too; B was late already: still one report.
  const march = await t.get(h, 'from=2026-03&to=2026-03');
  assert.deepEqual(march.totals, figures(4, 1, 2, ALL));
});

test('R-18.3b filters: handling agency, category, kind', async () => {
  const t = await scenario();
  const bySxd = await t.get(t.overseer.h, `from=2026-03&to=2026-03&agencyId=${t.sxd.id}`);
  assert.equal(bySxd.total, 2);
  assert.deepEqual(bySxd.filters, { agencyId: t.sxd.id, unitCode: null, categoryCode: null, kind: null });
  assert.deepEqual(bySxd.byAgencyMonth.map((r) => r.agencyId), [t.sxd.id]);
  assert.deepEqual(bySxd.byState.map((s) => [s.state, s.count]), [
    ['assigned', 1],
    ['rated', 1],
  ]);
  assert.equal((await t.get(t.overseer.h, 'from=2026-03&to=2026-03&categoryCode=hu-hong-mat-duong')).total, 4);
  assert.equal((await t.get(t.overseer.h, 'from=2026-03&to=2026-03&categoryCode=dat-dai-xay-dung')).total, 0);
  assert.equal((await t.get(t.overseer.h, 'from=2026-03&to=2026-03&kind=field_report')).total, 4);
  const initiatives = await t.get(t.overseer.h, 'from=2026-03&to=2026-03&kind=initiative');
  assert.equal(initiatives.total, 0);
  assert.deepEqual(initiatives.totals, figures(0, 0, 0));
  // Without a period: the current month (March).
  const current = await t.get(t.overseer.h, '');
  assert.deepEqual([current.from, current.to, current.total], ['2026-03', '2026-03', 4]);
});

test('R-18.3b R-25.4 R-4.3 the city overseer and the Center see the figures; an agency head its own agency\'s only; others are refused; a bad period is a 400 problem', async () => {
  const t = await scenario();
  const get = (h: Record<string, string> | undefined, qs = 'from=2026-03&to=2026-03') =>
    t.app.inject({ url: `/api/v1/oversight/summary?${qs}`, ...(h ? { headers: h } : {}) });

  assert.equal((await get(t.overseer.h)).statusCode, 200);
  assert.equal((await get(t.operator.h)).statusCode, 200, 'the Center reports on report handling (R-18.3b)');
  // every agency reports its own figures — Sở Xây dựng's head reads Sở Xây dựng's, and no other agency's.
  const own = await get(t.head.h);
  assert.equal(own.statusCode, 200, own.body);
  const ownFigures = own.json() as OversightSummary;
  assert.deepEqual(ownFigures.byAgency.map((a) => a.agencyId), [t.sxd.id]);
  assert.equal(ownFigures.totals.received, 2, 'A and B, which Sở Xây dựng handles');
  const other = await get(t.head.h, `from=2026-03&to=2026-03&agencyId=${t.receiving.id}`);
  assert.equal(other.statusCode, 403);
  for (const [who, h] of [
    ['administrator', t.admin.h],
    ['processing officer', t.officer.h],
    ['citizen', t.citizenH],
  ] as const) {
    const res = await get(h);
    assert.equal(res.statusCode, 403, who);
    assert.equal(res.json().code, 'FORBIDDEN', who);
  }
  const anonymous = await get(undefined);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');

  for (const qs of ['from=2026-13&to=2026-12', 'from=2026-3', 'from=2026-04&to=2026-03', 'from=2023-01&to=2026-03', 'kind=complaint', 'agencyId=not-a-uuid', 'extra=1']) {
    const res = await get(t.overseer.h, qs);
    assert.equal(res.statusCode, 400, qs);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, qs);
    assert.equal(res.json().code, 'VALIDATION_FAILED', qs);
  }
  const reversed = (await get(t.overseer.h, 'from=2026-04&to=2026-03')).json();
  assert.deepEqual(reversed.errors.map((e: { field: string }) => e.field), ['querystring.from']);
  // The figures are counts: nothing in them names a reporter.
  const text = (await get(t.overseer.h)).body;
  assert.doesNotMatch(text, /reporter|Nguyễn Thị Thử Nghiệm|displayName|phone/);
});
