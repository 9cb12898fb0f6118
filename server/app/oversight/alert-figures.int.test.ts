/** Reports on alert activity (R-18.3b): alerts sent per level with their reach and read rate. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { generateVapidKeys, WebPushSender } from '../../adapters/push/web-push-sender.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { alertsTestApp } from '../../../test/alerts.ts';
import { startPushStub } from '../../../test/push-stub.ts';
import { runPushJobs } from '../push/push.ts';
import type { AlertFigures } from './alert-figures.ts';

type H = Record<string, string>;

const stub = await startPushStub();
after(() => stub.close());
const sender = new WebPushSender({ ...generateVapidKeys(), subject: 'mailto:test@example.vn' });

/**
 * March 2026 (the alerts test app's clock: Mon 2 March 09:00 in Hà Nội). Residents: a in Phường Hoàn Kiếm and b in
 * Phường Ba Đình (today's structure); c in Phường Hàng Bạc and f in Phường Trần Hưng Đạo of the former Quận Hoàn
 * Kiếm, e in Phường Trúc Bạch of the former Quận Ba Đình (2025-01 structure: reached through their successors,
 * R-28.1 — Hàng Bạc went wholly into Phường Hoàn Kiếm, Trần Hưng Đạo into Phường Cửa Nam, Trúc Bạch into Phường Ba
 * Đình); d has no residence. Sent: C1 by the city (09:00), D1 by Quận Hoàn Kiếm, active again for the test
 * (10:00), K1 by Phường Hoàn Kiếm (11:00, information), K2 by Phường Ba Đình (12:00, cancelled at 13:00). A draft
 * is never sent. Reads: a reads C1 and K1 one by one and marks everything up to C1 read too (counted once); b marks
 * up to C1; c marks up to K1 (C1, D1, K1); e and f read nothing. Web push: a has two devices, c one; the queue runs
 * after K2's cancellation (so K2 is never pushed).
 */
async function scenario() {
  const t = await alertsTestApp();
  const { ctx, clock } = t;
  await ctx.db.updateTable('agencies').set({ active: true }).where('code', '=', 'ubnd-quan-hoan-kiem').execute();
  const district = (await findAgency(ctx.db, { code: 'ubnd-quan-hoan-kiem' }))!;
  const baDinh = (await findAgency(ctx.db, { code: 'ubnd-phuong-ba-dinh' }))!;
  const former = (code: string) => ({ version: '2025-01', code });
  assert.deepEqual([t.hkUnit.code, baDinh.jurisdiction[0]!.code], ['00070', '00004'], 'Phường Hoàn Kiếm, Phường Ba Đình');
  const [a, b, c, d, e, f] = [
    await t.resident(t.hkUnit),
    await t.resident({ version: '2025-07', code: '00004' }),
    await t.resident(former('00061')),
    await t.resident(null),
    await t.resident(former('00004')),
    await t.resident(former('00082')),
  ];
  const districtEditor = await t.staff(district.id, 'alert_editor');
  const districtApprover = await t.staff(district.id, 'alert_approver');
  const otherEditor = await t.staff(baDinh.id, 'alert_editor');
  const otherApprover = await t.staff(baDinh.id, 'alert_approver');
  const device = () => stub.subscription(`${process.pid}-${Math.random().toString(36).slice(2)}`);
  await t.post(a.h, '/api/v1/me/push-subscriptions', device(), 201);
  await t.post(a.h, '/api/v1/me/push-subscriptions', device(), 201);
  await t.post(c.h, '/api/v1/me/push-subscriptions', device(), 201);

  const c1 = await t.send(t.cityEditor, t.cityApprover);
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  const d1 = await t.send(districtEditor, districtApprover, {
    title: 'Quận thông báo phân luồng giao thông',
    body: 'Từ 20 giờ tối thứ Sáu, phố Tràng Tiền cấm xe để tổ chức phố đi bộ; người dân đi theo hướng dẫn của lực lượng chức năng.',
  });
  clock.set(vietnamTime(2026, 3, 2, 11, 0));
  const k1 = await t.send(t.hkEditor, t.hkApprover, {
    kind: 'information',
    severity: 'Minor',
    urgency: 'Future',
    category: 'Infra',
    title: 'Lịch cắt nước phố Hàng Bạc',
    body: 'Ngày 5/3 cắt nước từ 8 giờ đến 16 giờ để sửa đường ống trên phố Hàng Bạc; các hộ dân chủ động trữ nước.',
  });
  clock.set(vietnamTime(2026, 3, 2, 12, 0));
  const k2 = await t.send(otherEditor, otherApprover, {
    category: 'Fire',
    title: 'Cảnh báo nguy cơ cháy nổ mùa hanh khô',
    body: 'Các hộ gia đình kiểm tra hệ thống điện, không để vật dễ cháy gần bếp, trang bị bình chữa cháy mini.',
  });
  clock.set(vietnamTime(2026, 3, 2, 13, 0));
  await t.post(otherApprover, `/api/v1/alerts/${k2.id}/actions`, { action: 'cancel', version: k2.version }, 200);
  while ((await runPushJobs(ctx, sender)) > 0);
  await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Bản nháp chưa gửi', body: 'Thông báo này chỉ là bản nháp và không bao giờ được gửi đến người dân.' }), 201);
  await t.post(a.h, '/api/v1/me/alerts/read', { ids: [c1.id, k1.id] }, 200);
  await t.post(a.h, '/api/v1/me/alerts/read', { upTo: c1.id }, 200);
  await t.post(b.h, '/api/v1/me/alerts/read', { upTo: c1.id }, 200);
  await t.post(c.h, '/api/v1/me/alerts/read', { upTo: k1.id }, 200);

  const overseer = await t.staff(t.center.id, 'city_overseer');
  const operator = await t.staff(t.center.id, 'center_operator');
  const get = async (h: H, qs: string) => {
    const res = await t.app.inject({ url: `/api/v1/oversight/alert-figures?${qs}`, headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as AlertFigures;
  };
  return { ...t, district, baDinh, residents: { a, b, c, d, e, f }, alerts: { c1, d1, k1, k2 }, overseer, operator, get };
}

const activity = (sent: number, information: number, cancelled: number, reach: number, read: number, readPercent: number, pushed: number) => ({
  sent,
  information,
  warning: sent - information,
  cancelled,
  reach,
  read,
  readPercent,
  pushed,
});

test('R-18.3b R-15 R-16 R-17 alerts sent in the month per level, agency and month, with their reach and read rate; R-28.1 former-unit residences are reached through their successors', async () => {
  const t = await scenario();
  const march = await t.get(t.overseer, 'from=2026-03&to=2026-03');
  assert.deepEqual([march.from, march.to, march.months], ['2026-03', '2026-03', ['2026-03']]);
  assert.deepEqual(march.period, { start: '2026-03-01T00:00:00+07:00', end: '2026-04-01T00:00:00+07:00' });
  assert.deepEqual(march.filters, { agencyId: null, level: null });
  // C1 reaches a, b (today's units) and c, e, f (former units, through their successors) — not d (no residence);
  // read by a (one by one, and by the marker: once), b and c (markers).
  // D1 (2025-01 Quận Hoàn Kiếm) reaches c and f, not a (a new-structure residence is not in a former unit); read by c.
  // K1 (Phường Hoàn Kiếm) reaches a and c (Hàng Bạc went into it), not f (Cửa Nam); read by a (single) and c (marker).
  // K2 (Phường Ba Đình, cancelled after sending) reaches b and e (Trúc Bạch went into it); sent after b's marker: unread.
  assert.deepEqual(
    march.byLevel.map((l) => [l.level, l]),
    [
      ['city', { level: 'city', ...activity(1, 0, 0, 5, 3, 60, 3) }],
      ['district', { level: 'district', ...activity(1, 0, 0, 2, 1, 50, 1) }],
      ['commune', { level: 'commune', ...activity(2, 1, 1, 4, 2, 50, 3) }],
    ],
  );
  assert.deepEqual(march.totals, activity(4, 1, 1, 11, 6, 54.5, 7));
  assert.deepEqual(
    march.byAgency.map((x) => [x.agencyName, x.level, x.sent, x.reach, x.read, x.readPercent]),
    [
      [t.center.name, 'city', 1, 5, 3, 60],
      [t.district.name, 'district', 1, 2, 1, 50],
      ...[
        [t.hoanKiem.name, 'commune', 1, 2, 2, 100],
        [t.baDinh.name, 'commune', 1, 2, 0, 0],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]), 'vi')),
    ],
  );
  assert.deepEqual(march.byMonth, [{ month: '2026-03', ...activity(4, 1, 1, 11, 6, 54.5, 7) }]);
  assert.deepEqual(march.bySeverity, [
    { severity: 'Extreme', sent: 0 },
    { severity: 'Severe', sent: 3 },
    { severity: 'Moderate', sent: 0 },
    { severity: 'Minor', sent: 1 },
    { severity: 'Unknown', sent: 0 },
  ]);

  // The same sets as the residents' inboxes: every (resident, alert) pair of an inbox is one reached, read when the inbox says so.
  const sentInMarch = new Set(Object.values(t.alerts).map((x) => x.id));
  let reach = 0;
  let read = 0;
  for (const r of Object.values(t.residents)) {
    const items = (await t.inbox(r.h, '?limit=100')).items.filter((i) => sentInMarch.has(i.id));
    reach += items.length;
    read += items.filter((i) => i.read).length;
  }
  assert.deepEqual([reach, read], [march.totals.reach, march.totals.read]);

  // The Center reads the same figures; the default period is the current month.
  assert.deepEqual((await t.get(t.operator, '')).totals, march.totals);

  // April: a city alert sent at 00:30 on 1 April in Hà Nội (still 31 March in UTC) belongs to April; e reads it.
  t.clock.set(vietnamTime(2026, 4, 1, 0, 30));
  const c2 = await t.send(t.cityEditor, t.cityApprover, {
    title: 'Cảnh báo nắng nóng gay gắt',
    body: 'Hai ngày tới nhiệt độ cao nhất 38–39 độ; người dân hạn chế ra ngoài từ 11 giờ đến 16 giờ, uống đủ nước.',
    expiresAt: '2026-04-03T18:00:00+07:00',
  });
  await t.post(t.residents.e.h, '/api/v1/me/alerts/read', { ids: [c2.id] }, 200);
  const both = await t.get(t.overseer, 'from=2026-03&to=2026-04');
  assert.deepEqual(
    both.byMonth.map((m) => [m.month, m.sent, m.reach, m.read, m.readPercent]),
    [
      ['2026-03', 4, 11, 6, 54.5],
      ['2026-04', 1, 5, 1, 20],
    ],
  );
  assert.deepEqual(both.totals, activity(5, 1, 1, 16, 7, 43.8, 7));
  assert.deepEqual((await t.get(t.overseer, 'from=2026-03&to=2026-03')).totals, march.totals, 'March is unchanged');
});

test('R-18.3b R-25.4 filters by issuing agency and by level; an agency\'s leader counts only that agency’s alerts', async () => {
  const t = await scenario();
  const hk = await t.get(t.overseer, `from=2026-03&agencyId=${t.hoanKiem.id}&to=2026-03`);
  assert.deepEqual(hk.filters, { agencyId: t.hoanKiem.id, level: null });
  assert.deepEqual(hk.totals, activity(1, 1, 0, 2, 2, 100, 3));
  assert.deepEqual(hk.byAgency.map((x) => x.agencyId), [t.hoanKiem.id]);
  const district = await t.get(t.overseer, 'from=2026-03&to=2026-03&level=district');
  assert.deepEqual(district.byLevel, [{ level: 'district', ...activity(1, 0, 0, 2, 1, 50, 1) }]);
  assert.deepEqual(district.totals, activity(1, 0, 0, 2, 1, 50, 1));

  // the commune's leader reads its own committee's alerts only.
  const leader = await t.staff(t.hoanKiem.id, 'commune_leader');
  const own = await t.get(leader, 'from=2026-03&to=2026-03');
  assert.deepEqual(own.byAgency.map((x) => x.agencyId), [t.hoanKiem.id]);
  assert.deepEqual(own.totals, hk.totals);
  const other = await t.app.inject({ url: `/api/v1/oversight/alert-figures?from=2026-03&to=2026-03&agencyId=${t.district.id}`, headers: leader });
  assert.equal(other.statusCode, 403);
});

test('R-18.3b R-4.3 only holders of oversight.read see the alert figures; a bad period or filter is a 400 problem', async () => {
  const t = await scenario();
  const get = (h: H | undefined, qs = 'from=2026-03&to=2026-03') => t.app.inject({ url: `/api/v1/oversight/alert-figures?${qs}`, ...(h ? { headers: h } : {}) });
  for (const [who, h] of [
    ['citizen', t.residents.a.h],
    ['alert editor', t.hkEditor],
    ['alert approver', t.cityApprover],
  ] as const) {
    const res = await get(h);
    assert.equal(res.statusCode, 403, who);
    assert.equal(res.json().code, 'FORBIDDEN', who);
  }
  const anonymous = await get(undefined);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');

  for (const qs of ['from=2026-13&to=2026-12', 'from=2026-3', 'from=2026-04&to=2026-03', 'from=2023-01&to=2026-03', 'level=province', 'agencyId=not-a-uuid', 'extra=1']) {
    const res = await get(t.overseer, qs);
    assert.equal(res.statusCode, 400, qs);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, qs);
    assert.equal(res.json().code, 'VALIDATION_FAILED', qs);
  }
  const reversed = (await get(t.overseer, 'from=2026-04&to=2026-03')).json();
  assert.deepEqual(reversed.errors.map((e: { field: string }) => e.field), ['querystring.from']);
  assert.match(reversed.errors[0].message, /Tháng bắt đầu \(2026-04\) sau tháng kết thúc \(2026-03\)/);
  // Counts only: no resident is named.
  const text = (await get(t.overseer)).body;
  assert.doesNotMatch(text, new RegExp(`${t.residents.a.id}|${t.residents.a.phone.replace('+', '\\+')}|displayName`));
});
