/**
 * Rankings and evaluation on a fixture with known answers, built through the real workflow:
 * every report is submitted, accepted to its agency, taken, assigned to an officer, drafted, approved and (some)
 * rated through the API; the late ones are drafted after their processing deadline (R-8.5 normal: 7 working days).
 *
 * April 2026 (submitted Mon 6 April), per agency — reports, late, rated, "Hài lòng" — and officer:
 *   Sở Xây dựng   10, 1 late, 8 rated, 6 satisfied (90 % on time, 75 % satisfied): X 5 on time, 5 satisfied;
 *                 Y 5 (1 late), satisfied + acceptable + unsatisfied + 2 unrated
 *   Sở Y tế       10, 3 late, 5 rated, 5 satisfied (70 %, 100 %): W 3 on time, 3 satisfied; Z 7 (3 late), 2 satisfied
 *   Sở Công Thương 8, 0 late, 4 rated, 2 satisfied (100 %, 50 %): U 2 satisfied; V 6, 2 acceptable, 4 unrated
 *   Sở Tài chính   2, 0 late, unrated: T 2 — fewer than the 5 reports needed to be ranked
 * May 2026 (Mon 4 May): Sở Xây dựng 2 more, by X, on time, 1 satisfied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import type { AgencyRanking, Commendations } from '../../app/oversight/rankings.ts';
import type { CriteriaInForce } from '../../app/oversight/evaluation-criteria.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { reportActionOk, submitFieldReport } from '../../../test/reports.ts';

type H = Record<string, string>;
type Rating = 'satisfied' | 'acceptable' | 'unsatisfied';
const PROOF = [{ kind: 'inspection_record', title: 'Biên bản kiểm tra hiện trường số 7/BB' }];

// Sessions outlive the fixture's three months of clock.
const t = await testApp({ config: { rateLimitPerMinute: 1_000_000, sessionTtlHours: 24 * 365 } });
const { app, ctx, clock } = t;
clock.set(vietnamTime(2026, 4, 6, 8, 0));
const agencyOf = async (code: string) => (await findAgency(ctx.db, { code }))!;
const [center, sxd, syt, sct, stc] = await Promise.all(['trung-tam-phuc-vu-hanh-chinh-cong', 'so-xay-dung', 'so-y-te', 'so-cong-thuong', 'so-tai-chinh'].map(agencyOf));
const operator = await signedInStaff(app, center!.id, 'center_operator');
const overseer = await signedInStaff(app, center!.id, 'city_overseer');
const admin = await signedInStaff(app, center!.id, 'administrator');
const heads = new Map<string, H>();
for (const a of [sxd!, syt!, sct!, stc!]) heads.set(a.id, (await signedInStaff(app, a.id, 'agency_head')).h);
const officer = (a: { id: string }) => signedInStaff(app, a.id, 'processing_officer');
const officers = { X: await officer(sxd!), Y: await officer(sxd!), W: await officer(syt!), Z: await officer(syt!), U: await officer(sct!), V: await officer(sct!), T: await officer(stc!) };
const citizen = await createCitizen(app, { verified: true });
const citizenH = await signInHeaders(app, citizen.phone);

const call = async (method: 'GET' | 'PUT', url: string, h: H, payload?: Record<string, unknown>) => app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
const getOk = async <T>(url: string, h: H = overseer.h): Promise<T> => {
  const res = await call('GET', url, h);
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res.json() as T;
};

const DEFAULTS = { onTimeWeight: 60, satisfactionWeight: 40, minReports: 10, officerMinHandled: 5, officerMinSatisfactionPercent: 80, officerMinOnTimePercent: 90, officerMaxListed: 20 };
const FIXTURE = { ...DEFAULTS, minReports: 5, officerMinHandled: 3, officerMaxListed: 10 };
const initialCriteria = await getOk<CriteriaInForce>('/api/v1/oversight/evaluation-criteria');
async function setCriteria(criteria: Record<string, number>, note = 'Kế hoạch cải cách hành chính năm 2026'): Promise<CriteriaInForce> {
  const res = await call('PUT', '/api/v1/oversight/evaluation-criteria', admin.h, { ...criteria, note });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as CriteriaInForce;
}

/** One report through the workflow: [agency, officer, late?, rating?]. */
type Spec = [agency: { id: string }, officer: keyof typeof officers, late: boolean, rating: Rating | null];
async function runMonth(year: number, month: number, day: number, specs: Spec[]) {
  clock.set(vietnamTime(year, month, day, 9, 0));
  const ids: string[] = [];
  for (let i = 0; i < specs.length; i++) ids.push(await submitFieldReport(app, citizenH));
  clock.set(vietnamTime(year, month, day, 10, 0));
  for (const [i, [agency, who]] of specs.entries()) {
    const head = heads.get(agency.id)!;
    await reportActionOk(app, operator.h, ids[i]!, { action: 'accept', targetAgencyId: agency.id, classification: 'normal' });
    await reportActionOk(app, head, ids[i]!, { action: 'take' });
    await reportActionOk(app, head, ids[i]!, { action: 'assign', assigneeId: officers[who].id });
  }
  const finish = async (late: boolean) => {
    for (const [i, [agency, who, isLate, rating]] of specs.entries()) {
      if (isLate !== late) continue;
      await reportActionOk(app, officers[who].h, ids[i]!, { action: 'draftResult', resultText: 'Đã vá ổ gà, hoàn trả mặt đường.', proofs: PROOF });
      await reportActionOk(app, heads.get(agency.id)!, ids[i]!, { action: 'approve' });
      if (rating) await reportActionOk(app, citizenH, ids[i]!, { action: 'rate', rating });
    }
  };
  clock.set(vietnamTime(year, month, day, 11, 0));
  await finish(false);
  // Two weeks later: past the 7 working days of a normal report's processing.
  clock.set(vietnamTime(year, month, day + 14, 10, 0));
  await finish(true);
}
const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);
await runMonth(2026, 4, 6, [
  ...times<Spec>(5, [sxd!, 'X', false, 'satisfied']),
  [sxd!, 'Y', true, 'satisfied'],
  [sxd!, 'Y', false, 'acceptable'],
  [sxd!, 'Y', false, 'unsatisfied'],
  ...times<Spec>(2, [sxd!, 'Y', false, null]),
  ...times<Spec>(3, [syt!, 'W', false, 'satisfied']),
  ...times<Spec>(3, [syt!, 'Z', true, null]),
  ...times<Spec>(2, [syt!, 'Z', false, 'satisfied']),
  ...times<Spec>(2, [syt!, 'Z', false, null]),
  ...times<Spec>(2, [sct!, 'U', false, 'satisfied']),
  ...times<Spec>(2, [sct!, 'V', false, 'acceptable']),
  ...times<Spec>(4, [sct!, 'V', false, null]),
  ...times<Spec>(2, [stc!, 'T', false, null]),
]);
await runMonth(2026, 5, 4, [
  [sxd!, 'X', false, 'satisfied'],
  [sxd!, 'X', false, null],
]);
clock.set(vietnamTime(2026, 7, 6, 9, 0));
await setCriteria(FIXTURE);

type Row = AgencyRanking['agencies'][number];
const ours = (body: AgencyRanking) => body.agencies.filter((a) => [sxd, syt, sct, stc].some((x) => x!.id === a.agencyId));
const brief = (rows: Row[]) => rows.map((a) => [a.agencyName, a.rank, a.score]);

test('R-22 R-25.4 April 2026: agencies ranked by the score of their on-time and satisfaction rates; one with fewer than the minimum listed "Chưa đủ số liệu"', async () => {
  const body = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04');
  assert.equal(body.period, '2026-04');
  assert.equal(body.periodKind, 'month');
  assert.deepEqual(body.months, ['2026-04']);
  assert.equal(body.start, '2026-04-01T00:00:00+07:00');
  assert.equal(body.end, '2026-05-01T00:00:00+07:00');
  assert.equal(body.complete, true);
  assert.equal(body.asOf, '2026-07-06T09:00:00+07:00');
  assert.deepEqual(body.criteria, { version: 2, ...FIXTURE });
  // Our four agencies are the only ones with reports in the month.
  assert.equal(body.agencies.length, 4);
  const [a, b, c, d] = body.agencies;
  assert.deepEqual(a, {
    rank: 1, ranked: true, note: null, agencyId: sxd!.id, agencyName: 'Sở Xây dựng', score: 84,
    reports: 10, onTime: 9, late: 1, onTimePercent: 90, rated: 8, satisfied: 6, satisfactionPercent: 75,
  });
  assert.deepEqual(b, {
    rank: 2, ranked: true, note: null, agencyId: syt!.id, agencyName: 'Sở Y tế', score: 82,
    reports: 10, onTime: 7, late: 3, onTimePercent: 70, rated: 5, satisfied: 5, satisfactionPercent: 100,
  });
  assert.deepEqual(c, {
    rank: 3, ranked: true, note: null, agencyId: sct!.id, agencyName: 'Sở Công Thương', score: 80,
    reports: 8, onTime: 8, late: 0, onTimePercent: 100, rated: 4, satisfied: 2, satisfactionPercent: 50,
  });
  assert.deepEqual(d, {
    rank: null, ranked: false, note: 'Chưa đủ số liệu: 2 phản ánh, cần ít nhất 5', agencyId: stc!.id, agencyName: 'Sở Tài chính', score: 60,
    reports: 2, onTime: 2, late: 0, onTimePercent: 100, rated: 0, satisfied: 0, satisfactionPercent: 0,
  });
  // The minimum is inclusive: at 2 the agency is ranked.
  await setCriteria({ ...FIXTURE, minReports: 2 });
  const all = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04');
  assert.deepEqual(brief(all.agencies), [['Sở Xây dựng', 1, 84], ['Sở Y tế', 2, 82], ['Sở Công Thương', 3, 80], ['Sở Tài chính', 4, 60]]);
  await setCriteria(FIXTURE);
  // The report kind filter: all of them are field reports.
  assert.deepEqual((await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04&kind=field_report')).agencies, body.agencies);
  assert.deepEqual((await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04&kind=initiative')).agencies, []);
});

test('R-18.3b R-22 a quarter is the sum of its three months, a year of its twelve; Q2 2026 ranked on the sums', async () => {
  const quarter = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-Q2');
  assert.equal(quarter.periodKind, 'quarter');
  assert.deepEqual(quarter.months, ['2026-04', '2026-05', '2026-06']);
  assert.equal(quarter.end, '2026-07-01T00:00:00+07:00');
  const months = await Promise.all(quarter.months.map((m) => getOk<AgencyRanking>(`/api/v1/oversight/rankings?period=${m}`)));
  for (const a of quarter.agencies) {
    const rows = months.flatMap((m) => m.agencies.filter((x) => x.agencyId === a.agencyId));
    const sum = (k: 'reports' | 'late' | 'rated' | 'satisfied' | 'onTime') => rows.reduce((n, r) => n + r[k], 0);
    assert.deepEqual([a.reports, a.late, a.rated, a.satisfied, a.onTime], [sum('reports'), sum('late'), sum('rated'), sum('satisfied'), sum('onTime')], a.agencyName);
  }
  // Sở Xây dựng: 12 reports, 1 late (91.7 %), 9 rated, 7 satisfied (77.8 %) → 0.6 × 91.7 + 0.4 × 77.8 = 86.14.
  const s = quarter.agencies[0]!;
  assert.deepEqual([s.agencyName, s.rank, s.reports, s.late, s.onTimePercent, s.rated, s.satisfied, s.satisfactionPercent, s.score], ['Sở Xây dựng', 1, 12, 1, 91.7, 9, 7, 77.8, 86.14]);
  assert.deepEqual(brief(ours(quarter)), [['Sở Xây dựng', 1, 86.14], ['Sở Y tế', 2, 82], ['Sở Công Thương', 3, 80], ['Sở Tài chính', null, 60]]);

  const year = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026');
  assert.equal(year.periodKind, 'year');
  assert.equal(year.months.length, 12);
  assert.deepEqual([year.start, year.end], ['2026-01-01T00:00:00+07:00', '2027-01-01T00:00:00+07:00']);
  assert.equal(year.complete, false, 'the year has not ended on 6 July');
  assert.deepEqual(year.agencies, quarter.agencies, 'no report outside Q2');
  const q3 = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-Q3');
  assert.deepEqual([q3.from, q3.to, q3.agencies], ['2026-07', '2026-09', []]);
});

test('R-22 the criteria are data: editing the weights changes the order as predicted; every edit is a version, audited with its actor', async () => {
  assert.deepEqual(initialCriteria, { version: 1, criteria: DEFAULTS, note: 'Tiêu chí mặc định khi cài đặt', changedAt: initialCriteria.changedAt, changedBy: null });
  assert.match(initialCriteria.changedAt, /\+07:00$/);

  clock.set(vietnamTime(2026, 7, 6, 9, 30));
  const edited = await setCriteria({ ...FIXTURE, onTimeWeight: 20, satisfactionWeight: 80 }, 'Quyết định số 12/QĐ-UBND: ưu tiên sự hài lòng');
  assert.equal(edited.criteria.onTimeWeight, 20);
  assert.equal(edited.changedAt, '2026-07-06T09:30:00+07:00');
  assert.deepEqual(edited.changedBy, { id: admin.id, name: `Cán bộ ${admin.username}` });
  assert.deepEqual(await getOk<CriteriaInForce>('/api/v1/oversight/evaluation-criteria', admin.h), edited, 'GET returns the criteria in force, who and when');
  // 20/80: Sở Y tế 0.2 × 70 + 0.8 × 100 = 94; Sở Xây dựng 18 + 60 = 78; Sở Công Thương 20 + 40 = 60.
  const bySatisfaction = await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04');
  assert.equal(bySatisfaction.criteria.version, edited.version);
  assert.deepEqual(brief(bySatisfaction.agencies), [['Sở Y tế', 1, 94], ['Sở Xây dựng', 2, 78], ['Sở Công Thương', 3, 60], ['Sở Tài chính', null, 20]]);
  // 100/0: on time alone — Sở Công Thương 100, Sở Xây dựng 90, Sở Y tế 70.
  await setCriteria({ ...FIXTURE, onTimeWeight: 100, satisfactionWeight: 0 });
  assert.deepEqual(brief((await getOk<AgencyRanking>('/api/v1/oversight/rankings?period=2026-04')).agencies), [['Sở Công Thương', 1, 100], ['Sở Xây dựng', 2, 90], ['Sở Y tế', 3, 70], ['Sở Tài chính', null, 100]]);
  const last = await setCriteria(FIXTURE);

  const events = (await listAuditEvents(ctx.db, 'evaluation_criteria', 'criteria')).filter((e) => e.action === 'evaluation.criteria.update');
  assert.ok(events.length >= 4);
  const e = events.find((x) => x.to_state === String(edited.version))!;
  assert.equal(e.actor_id, admin.id);
  assert.equal(e.actor_role, 'administrator');
  assert.equal(e.from_state, String(edited.version - 1));
  assert.deepEqual(e.payload, {
    note: 'Quyết định số 12/QĐ-UBND: ưu tiên sự hài lòng',
    changed: { onTimeWeight: { from: 60, to: 20 }, satisfactionWeight: { from: 40, to: 80 } },
  });
  assert.equal(events.at(-1)!.to_state, String(last.version));
});

test('R-22 R-27.4 invalid criteria are refused with a 400 naming the field; only the administrator edits them; nothing changes', async () => {
  const before = await getOk<CriteriaInForce>('/api/v1/oversight/evaluation-criteria');
  const put = (h: H, body: Record<string, unknown>) => call('PUT', '/api/v1/oversight/evaluation-criteria', h, body);
  const problem = async (body: Record<string, unknown>) => {
    const res = await put(admin.h, body);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    return (res.json() as { errors: { field: string; message: string }[] }).errors;
  };
  const valid = { ...FIXTURE, note: 'Thử tiêu chí sai' };
  const sum = await problem({ ...valid, onTimeWeight: 70 });
  assert.deepEqual(sum.map((p) => p.field), ['body.onTimeWeight', 'body.satisfactionWeight']);
  assert.match(sum[0]!.message, /phải bằng 100 \(đang là 110\)/);
  assert.ok((await problem({ ...valid, minReports: -1 })).some((p) => p.field === 'body.minReports'));
  assert.ok((await problem({ ...valid, officerMinSatisfactionPercent: 101 })).some((p) => p.field === 'body.officerMinSatisfactionPercent'));
  assert.ok((await problem({ ...valid, officerMaxListed: 2.5 })).some((p) => p.field === 'body.officerMaxListed'));
  assert.ok((await problem({ ...valid, note: '  ' })).some((p) => p.field === 'body.note'));
  assert.ok((await problem({ ...valid, extra: 1 })).length > 0, 'an unknown field is refused, not dropped');
  const { officerMaxListed: _, ...missing } = valid;
  assert.ok((await problem(missing)).some((p) => p.field.includes('officerMaxListed')));

  for (const h of [overseer.h, operator.h, heads.get(sxd!.id)!, officers.X.h]) {
    const res = await put(h, valid);
    assert.equal(res.statusCode, 403, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  }
  assert.equal((await put({}, valid)).statusCode, 401);
  assert.equal((await call('GET', '/api/v1/oversight/evaluation-criteria', officers.X.h)).statusCode, 403);
  assert.deepEqual(await getOk<CriteriaInForce>('/api/v1/oversight/evaluation-criteria'), before, 'nothing changed');
});

test('R-27.4 officers listed for commendation: exactly those at or above every threshold, best first, at most the maximum', async () => {
  await setCriteria(FIXTURE);
  const april = await getOk<Commendations>('/api/v1/oversight/commendations?period=2026-04');
  // X: 5 results, all on time and satisfied; W: 3 (exactly the minimum), likewise — equal score, more results first.
  // Not listed: Y (80 % on time), Z (57.1 % on time), U (2 results), V (no "Hài lòng"), T (2 results, unrated).
  assert.deepEqual(april.officers, [
    { officerId: officers.X.id, officerName: `Cán bộ ${officers.X.username}`, agencyId: sxd!.id, agencyName: 'Sở Xây dựng', score: 100, handled: 5, onTime: 5, onTimePercent: 100, rated: 5, satisfied: 5, satisfactionPercent: 100 },
    { officerId: officers.W.id, officerName: `Cán bộ ${officers.W.username}`, agencyId: syt!.id, agencyName: 'Sở Y tế', score: 100, handled: 3, onTime: 3, onTimePercent: 100, rated: 3, satisfied: 3, satisfactionPercent: 100 },
  ]);
  assert.deepEqual(april.criteria, { version: april.criteria.version, ...FIXTURE });
  // Y: on time 80 % — listed once the threshold is 80 (inclusive) and satisfaction is not asked.
  await setCriteria({ ...FIXTURE, officerMinOnTimePercent: 80, officerMinSatisfactionPercent: 0 });
  const relaxed = (await getOk<Commendations>('/api/v1/oversight/commendations?period=2026-04')).officers.map((o) => o.officerId);
  assert.ok(relaxed.includes(officers.Y.id) && relaxed.includes(officers.V.id) && !relaxed.includes(officers.Z.id) && !relaxed.includes(officers.U.id), relaxed.join(' '));
  await setCriteria({ ...FIXTURE, officerMaxListed: 1 });
  assert.deepEqual((await getOk<Commendations>('/api/v1/oversight/commendations?period=2026-04')).officers.map((o) => o.officerId), [officers.X.id]);
  await setCriteria(FIXTURE);
  // May: X published 2 — below the minimum of 3. The quarter: X with 7 (6 rated, all satisfied), then W.
  assert.deepEqual((await getOk<Commendations>('/api/v1/oversight/commendations?period=2026-05')).officers, []);
  const q2 = await getOk<Commendations>('/api/v1/oversight/commendations?period=2026-Q2');
  assert.deepEqual(q2.officers.map((o) => [o.officerId, o.handled, o.rated, o.satisfied, o.onTimePercent]), [[officers.X.id, 7, 6, 6, 100], [officers.W.id, 3, 3, 3, 100]]);
  // staff names only, never the reporter.
  const res = await call('GET', '/api/v1/oversight/commendations?period=2026-Q2', overseer.h);
  assert.ok(!res.body.includes(citizen.fullName) && !res.body.includes(citizen.phone) && !res.body.includes(citizen.id));
});

test('R-22 R-27.4 a bad period is a problem+json 400 naming it; only the oversight roles read the rankings and commendations', async () => {
  for (const bad of ['2026-13', '2026-Q5', '1999', '2101-Q1', '26-04', '2026-4', '']) {
    for (const path of ['rankings', 'commendations']) {
      const res = await call('GET', `/api/v1/oversight/${path}?period=${bad}`, overseer.h);
      assert.equal(res.statusCode, 400, `${path} ${bad}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.ok((res.json() as { errors: { field: string }[] }).errors.some((e) => e.field === 'querystring.period'), `${bad}: ${res.body}`);
    }
  }
  assert.equal((await call('GET', '/api/v1/oversight/rankings', overseer.h)).statusCode, 400, 'the period is required');
  assert.equal((await call('GET', '/api/v1/oversight/rankings?period=2026-04&kind=khac', overseer.h)).statusCode, 400);
  for (const path of ['rankings', 'commendations']) {
    assert.equal((await call('GET', `/api/v1/oversight/${path}?period=2026-04`, {})).statusCode, 401);
    for (const h of [admin.h, officers.X.h, citizenH]) assert.equal((await call('GET', `/api/v1/oversight/${path}?period=2026-04`, h)).statusCode, 403);
    assert.equal((await call('GET', `/api/v1/oversight/${path}?period=2026-04`, operator.h)).statusCode, 200);
  }
  // an agency head reads the whole ranking (a comparison), and the commendations of its own agency only.
  const headH = heads.get(sxd!.id)!;
  const ranking = await call('GET', '/api/v1/oversight/rankings?period=2026-04', headH);
  assert.equal(ranking.statusCode, 200);
  assert.ok((ranking.json() as { agencies: unknown[] }).agencies.length > 1, 'every agency, not only its own');
  const everyone = (await call('GET', '/api/v1/oversight/commendations?period=2026-Q2', operator.h)).json() as { officers: { agencyId: string }[] };
  const own = (await call('GET', '/api/v1/oversight/commendations?period=2026-Q2', headH)).json() as { officers: { agencyId: string }[] };
  assert.ok(everyone.officers.some((o) => o.agencyId !== sxd!.id) && own.officers.length > 0, 'officers of several agencies in Q2');
  assert.deepEqual(own.officers, everyone.officers.filter((o) => o.agencyId === sxd!.id));
});
