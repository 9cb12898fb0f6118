/**
 * reprimand flags on a small fixture with known answers. The reports are submitted through the real API;
 * their deadlines, findings (the re-report links) and ratings are written through the repos (calendar.repo
 * insertDeadline, findings.repo replaceFindings, audit.repo appendAuditEvent + the rating columns), because the
 * API path to 39 deadlines and 10 published, rated reports would be far longer than what it proves here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { appendAuditEvent } from '../../db/repos/audit.repo.ts';
import { insertDeadline, latestCalendarVersionId } from '../../db/repos/calendar.repo.ts';
import { replaceFindings } from '../../db/repos/findings.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import type { FindingCheck } from '../../domain/integrity/findings.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { submitFieldReport } from '../../../test/reports.ts';

async function fixture() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const syt = (await findAgency(ctx.db, { code: 'so-y-te' }))!;
  const citizen = await createCitizen(app, { verified: true });
  const h = await signInHeaders(app, citizen.phone);
  const ids: string[] = [];
  for (let i = 0; i < 29; i++) ids.push(await submitFieldReport(app, h));
  const calendarVersion = (await latestCalendarVersionId(ctx.db))!;

  // Deadlines due in April 2026: Sở Xây dựng owes 29 reports, 9 late (31 %); Sở Y tế 10, 3 late (exactly 30 %).
  const deadline = async (reportId: string, agencyId: string, clock: string, late: boolean, startedAt = vietnamTime(2026, 4, 1, 8, 0)) => {
    const id = uuidv7();
    await insertDeadline(ctx.db, { id, subjectType: 'report', subjectId: reportId, clock, startedAt, amount: { days: 7 }, dueAt: vietnamTime(2026, 4, 10, 17, 0), calendarVersion, agencyId });
    await ctx.db.updateTable('deadlines').set({ stopped_at: late ? vietnamTime(2026, 4, 13, 9, 0) : vietnamTime(2026, 4, 6, 9, 0) }).where('id', '=', id).execute();
  };
  for (let i = 0; i < 29; i++) {
    if (i === 9) await deadline(ids[i]!, sxd.id, 'process', true); // superseded by the extension below: not counted
    await deadline(ids[i]!, sxd.id, i % 2 && i !== 9 ? 'receive' : 'process', i < 9);
    if (i < 3) await deadline(ids[i]!, sxd.id, 'receive', true); // late twice: still one report
  }
  for (let i = 0; i < 10; i++) await deadline(ids[i]!, syt.id, 'assign', i < 3);
  // A late result-stage deadline is not receiving or processing: not counted.
  await deadline(ids[20]!, syt.id, 'approve_publication', true);

  // Matters: A = ids 0–4 linked by re-report findings, 5 "Chưa hài lòng" (the 5th on 20 April); B = ids 10–13
  // with 4, plus id 14 (also not satisfied) linked to B only by a finding that is no re-report link.
  const link = async (from: string, to: string, check: FindingCheck) =>
    ctx.db.transaction().execute((tx) => replaceFindings(tx, from, [{ check, confidence: 0.9, summary: 'thử', evidence: {}, matchedReportId: to }], vietnamTime(2026, 3, 3)));
  await link(ids[1]!, ids[0]!, 'duplicate_text');
  await link(ids[2]!, ids[1]!, 'duplicate_media_near');
  await link(ids[3]!, ids[0]!, 'own_media_again');
  await link(ids[4]!, ids[2]!, 'nearby_report');
  await link(ids[11]!, ids[10]!, 'duplicate_text');
  await link(ids[12]!, ids[10]!, 'duplicate_media_exact');
  await link(ids[13]!, ids[12]!, 'duplicate_text');
  await link(ids[14]!, ids[13]!, 'screenshot');
  const rate = async (id: string, rating: 'satisfied' | 'unsatisfied', day: number) => {
    await ctx.db.updateTable('reports').set({ rating, state: 'rated' }).where('id', '=', id).execute();
    await ctx.db.transaction().execute((tx) =>
      appendAuditEvent(tx, { actor: { id: citizen.id, role: 'citizen', agencyId: null }, occurredAt: vietnamTime(2026, 4, day, 10, 0), action: 'report.rate', subjectType: 'report', subjectId: id, fromState: 'published', toState: 'rated', payload: { rating } }),
    );
  };
  for (const [i, day] of [[0, 2], [1, 5], [2, 9], [3, 15], [4, 20]] as const) await rate(ids[i]!, 'unsatisfied', day);
  for (const i of [10, 11, 12, 13, 14]) await rate(ids[i]!, 'unsatisfied', 8);
  await rate(ids[5]!, 'satisfied', 8);
  clock.set(vietnamTime(2026, 5, 4, 9, 0));
  const overseer = await signedInStaff(app, center.id, 'city_overseer');
  const officer = await signedInStaff(app, sxd.id, 'processing_officer');
  const codes = new Map<string, string>();
  for (const r of await ctx.db.selectFrom('reports').select(['id', 'code']).where('id', 'in', ids).execute()) codes.set(r.id, r.code);
  return { ...t, ids, codes, sxd, syt, overseer, officer };
}

test('R-18.4 reprimand flags for April 2026: Sở Xây dựng at 31 % late flagged, Sở Y tế at exactly 30 % not; the matter with 5 "Chưa hài lòng" flagged, the one with 4 not', async () => {
  const t = await fixture();
  const res = await t.app.inject({ url: '/api/v1/oversight/reprimand-flags?month=2026-04', headers: t.overseer.h });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.complete, true);
  assert.deepEqual(body.thresholds, { unsatisfiedRatings: 5, latePercent: 30 });

  const sxd = body.agencies.find((a: { agencyId: string }) => a.agencyId === t.sxd.id);
  assert.ok(sxd, 'Sở Xây dựng is flagged');
  assert.equal(sxd.reports, 29);
  assert.equal(sxd.late, 9);
  assert.equal(sxd.lateShare, 0.3103);
  assert.deepEqual(sxd.lateCodes, t.ids.slice(0, 9).map((id) => t.codes.get(id)).sort());
  assert.equal(body.agencies.some((a: { agencyId: string }) => a.agencyId === t.syt.id), false, 'exactly 30 % is not flagged');

  assert.equal(body.matters.length, 1, JSON.stringify(body.matters));
  const [m] = body.matters;
  assert.equal(m.matter, t.codes.get(t.ids[0]!));
  assert.equal(m.unsatisfied, 5);
  assert.equal(m.reachedAt, '2026-04-20T10:00:00+07:00');
  assert.deepEqual(m.reports.map((r: { code: string }) => r.code).sort(), t.ids.slice(0, 5).map((id) => t.codes.get(id)).sort());
  assert.ok(m.reports.every((r: { rating: string; ratedAt: string; submittedAt: string; agencyName: string }) => r.rating === 'unsatisfied' && r.ratedAt && r.submittedAt && r.agencyName));
  assert.ok(m.agencies.length >= 1);
  // no reporter identity in the evidence.
  for (const key of ['reporter', 'reporterId', 'phone', 'email', 'cccd', 'fullName']) assert.ok(!res.body.includes(`"${key}"`), key);

  // A matter belongs to the month of its 5th rating only; nothing for the agencies in May.
  const may = (await t.app.inject({ url: '/api/v1/oversight/reprimand-flags?month=2026-05', headers: t.overseer.h })).json();
  assert.deepEqual(may.matters, []);
  assert.equal(may.agencies.some((a: { agencyId: string }) => a.agencyId === t.sxd.id), false);
});

test('R-18.4 reprimand flags: last month by default, a bad month is a problem+json 400, only the oversight roles', async () => {
  const t = await fixture();
  const def = await t.app.inject({ url: '/api/v1/oversight/reprimand-flags', headers: t.overseer.h });
  assert.equal(def.statusCode, 200, def.body);
  assert.equal(def.json().month, '2026-04');
  for (const bad of ['2026-13', '26-04', 'x']) {
    const res = await t.app.inject({ url: `/api/v1/oversight/reprimand-flags?month=${bad}`, headers: t.overseer.h });
    assert.equal(res.statusCode, 400, bad);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  assert.equal((await t.app.inject({ url: '/api/v1/oversight/reprimand-flags' })).statusCode, 401);
  assert.equal((await t.app.inject({ url: '/api/v1/oversight/reprimand-flags', headers: t.officer.h })).statusCode, 403);
});
