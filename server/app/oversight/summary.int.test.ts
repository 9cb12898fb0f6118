/**
 * Issue 10 item 1: the Center's figures on a small fixture with known answers, through the real API — every report
 * walked by the workflow at known instants (Mon 2 March 2026; working hours 08:00–12:00, 13:00–17:00), three of
 * them then re-filed under units of the former three-level structure (2025-01) as reports from before 1 July
 * 2025 are.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import { signedInStaff } from '../../../test/factories.ts';
import { agencyByCode, oversightCast } from '../../../test/oversight.ts';
import { reportActionOk, submitFieldReport } from '../../../test/reports.ts';
import type { OversightSummary } from './summary.ts';

async function fixture() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const { center, sxd, operator, overseer, head, officer, citizenH: h } = await oversightCast(app);
  const [syt, khcn] = [await agencyByCode(app, 'so-y-te'), await agencyByCode(app, 'so-khoa-hoc-va-cong-nghe')];
  const khcnHead = await signedInStaff(app, khcn.id, 'agency_head');

  // Seven field reports at 09:00 by Hồ Hoàn Kiếm (Phường Hoàn Kiếm, 00070) and one initiative (no place).
  const [a, b, c, d, e, f, g] = [await submitFieldReport(app, h), await submitFieldReport(app, h), await submitFieldReport(app, h), await submitFieldReport(app, h), await submitFieldReport(app, h), await submitFieldReport(app, h), await submitFieldReport(app, h)];
  const i = await submitFieldReport(app, h, {
    kind: 'initiative',
    categoryCode: 'sang-kien-chuyen-doi-so',
    title: 'Sáng kiến bản đồ số điểm sạc xe điện',
    description: 'Đề xuất xây dựng bản đồ số các điểm sạc xe điện công cộng trên toàn Thành phố, cập nhật theo thời gian thực.',
    place: undefined,
    occurredAt: undefined,
  });

  // 10:00 — A accepted (its receiving took 60 working minutes), B rejected for reason a, C transferred to Sở Y tế.
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(app, operator.h, a, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await reportActionOk(app, operator.h, b, { action: 'reject', rejectReason: 'a', explanation: 'Thiếu vị trí cụ thể.' });
  await reportActionOk(app, operator.h, c, { action: 'transfer', targetAgencyId: syt.id, explanation: 'Thuộc thẩm quyền ngành y tế.' });
  await reportActionOk(app, operator.h, i, { action: 'distribute', targetAgencyId: khcn.id });
  // 10:30 — A taken and assigned (assignment 30 working minutes); 11:00 drafted, approved, published.
  clock.set(vietnamTime(2026, 3, 2, 10, 30));
  await reportActionOk(app, head.h, a, { action: 'take' });
  await reportActionOk(app, head.h, a, { action: 'assign', assigneeId: officer.id });
  clock.set(vietnamTime(2026, 3, 2, 11, 0));
  await reportActionOk(app, officer.h, a, { action: 'draftResult', resultText: 'Đã vá ổ gà, hoàn trả mặt đường.', proofs: [{ kind: 'inspection_record', title: 'Biên bản số 3/BB' }] });
  await reportActionOk(app, head.h, a, { action: 'approve' });
  await reportActionOk(app, khcnHead.h, i, { action: 'decide', decision: 'adopt', resultText: 'Tiếp thu; giao Trung tâm chuyển đổi số xây dựng trong năm 2026.' });
  clock.set(vietnamTime(2026, 3, 2, 14, 0));
  await reportActionOk(app, h, a, { action: 'rate', rating: 'satisfied' });

  // Reports filed before 1 July 2025 name a ward of the former structure: E in Phường Quán Thánh (wholly
  // in today's Phường Ba Đình, 00004), without a pin; F and G in Phường Điện Biên (split among four wards) — F
  // with its pin by Hồ Hoàn Kiếm, G without one.
  await ctx.db.updateTable('reports').set({ unit_version: '2025-01', unit_code: '00013', lat: null, lng: null }).where('id', '=', e).execute();
  await ctx.db.updateTable('reports').set({ unit_version: '2025-01', unit_code: '00019' }).where('id', '=', f).execute();
  await ctx.db.updateTable('reports').set({ unit_version: '2025-01', unit_code: '00019', lat: null, lng: null }).where('id', '=', g).execute();

  // Thu 5 March, noon: the receiving deadlines still open (8 working hours, due Tue 09:00) are late: C (now Sở Y
  // tế's), D, E, F, G.
  clock.set(vietnamTime(2026, 3, 5, 12, 0));
  const summary = async (query = '') => {
    const res = await app.inject({ url: `/api/v1/oversight/summary?from=2026-03&to=2026-03${query}`, headers: overseer.h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as OversightSummary;
  };
  return { t, summary, ids: { a, b, c, d, e, f, g, i }, sxd, syt, khcn, center, overseer, h };
}

test('R-18.3b R-22 R-6.2 R-7.2c R-9 R-13: received, accepted, rejected by reason, transferred, in progress, published, late, ratings and initiatives of a month', async () => {
  const { summary, sxd, syt, khcn } = await fixture();
  const s = await summary();
  assert.equal(s.asOf, '2026-03-05T12:00:00+07:00');
  assert.equal(s.total, 8);
  assert.deepEqual(
    { ...s.totals },
    {
      received: 8,
      accepted: 2, // A (Sở Xây dựng) and the initiative (distributed)
      rejected: 1,
      transferred: 1,
      inProgress: 5, // C, D, E, F, G
      published: 2, // A and the initiative's answer
      onTime: 3, // A, B, the initiative
      late: 5,
      publishedPercent: 25,
      onTimePercent: 37.5,
      latePercent: 62.5,
    },
  );
  assert.deepEqual(s.rejectedByReason, [{ reason: 'a', label: 'Nội dung không đầy đủ, không chính xác (R-6.2a)', count: 1 }]);
  assert.deepEqual(s.ratings, { satisfied: 1, acceptable: 0, unsatisfied: 0, rated: 1, satisfactionPercent: 100 });
  assert.deepEqual(s.initiatives, { received: 1, answered: 1, adopted: 1, adoptedInPart: 0, declined: 0, adoptedPercent: 100 });
  const agency = (id: string) => s.byAgency.find((x) => x.agencyId === id);
  const hoanKiem = s.byAgency.find((x) => x.agencyName === 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.deepEqual([hoanKiem?.received, hoanKiem?.rejected, hoanKiem?.late], [5, 1, 4], 'B (rejected by it), D, E, F, G: the receiving commune committee\'s (routing)');
  assert.equal(agency(sxd.id)?.received, 1);
  assert.equal(agency(syt.id)?.received, 1, 'C, transferred: now Sở Y tế receives it');
  assert.equal(agency(khcn.id)?.received, 1);
  assert.equal(s.byState.find((x) => x.state === 'rated')?.count, 1);
});

test('R-28.1 reports filed under former units are counted under today\'s: by the pin, else the only successor, else "not determinable"', async () => {
  const { summary } = await fixture();
  const s = await summary();
  assert.deepEqual(
    s.byUnit.map((u) => [u.unitCode, u.unitName, u.received, u.late]),
    [
      ['00070', 'Phường Hoàn Kiếm', 5, 3], // A, B, C, D and F (its pin); late: C, D, F
      ['00004', 'Phường Ba Đình', 1, 1], // E, filed in Phường Quán Thánh (2025-01)
      [null, 'Không xác định được đơn vị hành chính', 2, 1], // G (split Phường Điện Biên, no pin) and the initiative (no place)
    ],
  );
  const baDinh = await summary('&unitCode=00004');
  assert.equal(baDinh.total, 1);
  assert.deepEqual(baDinh.filters, { agencyId: null, unitCode: '00004', categoryCode: null, kind: null });
  assert.equal(baDinh.stages.find((x) => x.stage === 'receive')?.late, 1);
});

test('R-8.5 R-18.3b per stage: deadlines met and missed, by the agency that owed them, and the median and 90th-percentile working time', async () => {
  const { summary, sxd, syt } = await fixture();
  const s = await summary();
  const row = (x: { stage: string; deadlines: number; onTime: number; late: number }) => [x.stage, x.deadlines, x.onTime, x.late];
  assert.deepEqual(
    s.stages.map((x) => [...row(x), x.finished, x.running, x.medianWithinMinutes, x.p90WithinMinutes]),
    [
      ['receive', 7, 2, 5, 2, 5, 60, 60], // A and B stopped after 60 working minutes; C–G still open past Tue 09:00
      ['assign', 1, 1, 0, 1, 0, 30, 30], // A: accepted 10:00, assigned 10:30
      ['process', 2, 2, 0, 2, 0, 30, 60], // A 30 minutes, the initiative 60: median the 1st, p90 the 2nd of two
      ['approve_publication', 1, 1, 0, 1, 0, 15, 15], // drafted and approved at 11:00: 0 minutes, "within 15"
    ],
  );
  assert.equal(s.stages[0]!.label, 'Tiếp nhận');
  // C's receiving deadline went with it to Sở Y tế (R-7.2c, R-8.5): the late stage is Sở Y tế's.
  assert.deepEqual(s.byAgencyStage.filter((x) => x.agencyId === syt.id).map(row), [['receive', 1, 0, 1]]);
  const ofSxd = await summary(`&agencyId=${sxd.id}`);
  assert.deepEqual(ofSxd.stages.map(row), [
    ['assign', 1, 1, 0],
    ['process', 1, 1, 0],
    ['approve_publication', 1, 1, 0],
  ]);
  assert.equal(ofSxd.total, 1, 'the reports Sở Xây dựng handles: A');
});
