import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { sweepDeadlines } from '../../jobs/deadline-sweep.ts';
import type { App } from '../app.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';


interface Item {
  id: string;
  reportId: string;
  reportCode: string;
  action: string;
  at: string;
  title: string;
  said: Record<string, string>;
  following: boolean;
  read: boolean;
}


async function setup() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const operator = await createStaff(ctx, [{ agencyId: center.id, role: 'center_operator' }]);
  const head = await createStaff(ctx, [{ agencyId: sxd.id, role: 'agency_head' }]);
  const citizen = async () => {
    const c = await createCitizen(app, { verified: true });
    return { ...c, h: await signInHeaders(app, c.phone) };
  };
  const submit = async (h: Record<string, string>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody() });
    assert.equal(res.statusCode, 201, res.body);
    return { id: res.json().id as string, code: res.json().code as string };
  };
  return { ...t, sxd, operator, operatorH: await signInHeaders(app, operator.username), head, headH: await signInHeaders(app, head.username), citizen, submit };
}

const inbox = async (app: App, h: Record<string, string>, qs = '') => {
  const res = await app.inject({ url: `/api/v1/me/notifications${qs}`, headers: h });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { total: number; unread: number; items: Item[] };
};

test('R-13 R-7.2 R-6.2 the reporter is told of accept and reject on their own reports — never of another citizen\'s, never of their own actions or internal steps', async () => {
  const t = await setup();
  const alice = await t.citizen();
  const bob = await t.citizen();
  const x = await t.submit(alice.h);
  const y = await t.submit(bob.h);

  // Verification asks Alice something (R-6.2d, R-7.1); her answer is her own action; then the Center accepts.
  t.clock.set(vietnamTime(2026, 3, 2, 9, 30));
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'startVerification', question: 'Xin cho biết số nhà gần nhất?' });
  t.clock.set(vietnamTime(2026, 3, 2, 9, 45));
  await reportActionOk(t.app, alice.h, x.id, { action: 'provideInformation', answer: 'Trước số nhà 12 Đinh Tiên Hoàng.' });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' });
  await reportActionOk(t.app, t.operatorH, y.id, { action: 'reject', rejectReason: 'c', explanation: 'Trùng với phản ánh đã có về cùng ổ gà.' });
  // Internal steps and oversight records are not notifications: the head takes it; the assign clock runs late.
  await reportActionOk(t.app, t.headH, x.id, { action: 'take' });
  t.clock.set(vietnamTime(2026, 3, 4, 9, 0));
  assert.ok((await sweepDeadlines(t.ctx)).newlyOverdue >= 1);

  const a = await inbox(t.app, alice.h);
  assert.equal(a.total, 2);
  assert.equal(a.unread, 2);
  assert.deepEqual(
    a.items.map((i) => [i.action, i.title, i.at, i.read, i.reportId, i.reportCode]),
    [
      ['accept', `Phản ánh ${x.code} đã được tiếp nhận`, '2026-03-02T10:00:00+07:00', false, x.id, x.code],
      ['startVerification', `Phản ánh ${x.code} đang được xác minh, có thể cần bạn bổ sung thông tin`, '2026-03-02T09:30:00+07:00', false, x.id, x.code],
    ],
  );
  assert.deepEqual(a.items[1]!.said, { question: 'Xin cho biết số nhà gần nhất?' });
  assert.deepEqual(a.items[0]!.said, {});
  // Allow-listed shape only: no staff identity, no agency id, no classification, no routing.
  for (const item of a.items) assert.deepEqual(Object.keys(item).sort(), ['action', 'at', 'following', 'id', 'read', 'reportCode', 'reportId', 'said', 'title']);
  const raw = (await t.app.inject({ url: '/api/v1/me/notifications', headers: alice.h })).body;
  for (const secret of [t.operator.id, t.operator.username, t.head.id, t.sxd.id, 'normal', 'center_operator']) assert.ok(!raw.includes(secret), `leaked ${secret}`);

  const b = await inbox(t.app, bob.h);
  assert.deepEqual(
    b.items.map((i) => [i.action, i.title, i.said]),
    [['reject', `Phản ánh ${y.code} không được tiếp nhận`, { rejectReason: 'c', explanation: 'Trùng với phản ánh đã có về cùng ổ gà.' }]],
  );
  assert.ok(!JSON.stringify(b).includes(x.code), 'another citizen\'s report never reaches this inbox');
});

test('R-6.2c a citizen following another\'s report ("Tôi cũng gặp vấn đề này") is told of its decisions from then on — never what was said to the reporter', async () => {
  const t = await setup();
  const [alice, carol, dave] = [await t.citizen(), await t.citizen(), await t.citizen()];
  const x = await t.submit(alice.h);
  const follow = async (h: Record<string, string>) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/public/reports/${x.code}/follow`, headers: h });
    assert.ok([200, 201].includes(res.statusCode), res.body);
  };
  t.clock.set(vietnamTime(2026, 3, 2, 9, 20));
  await follow(carol.h);
  t.clock.set(vietnamTime(2026, 3, 2, 9, 30));
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'startVerification', question: 'Xin cho biết số nhà gần nhất?' });
  await reportActionOk(t.app, alice.h, x.id, { action: 'provideInformation', answer: 'Trước số nhà 12 Đinh Tiên Hoàng.' });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 30));
  await follow(dave.h);

  const c = await inbox(t.app, carol.h);
  assert.deepEqual(
    c.items.map((i) => [i.action, i.title, i.following, i.said, i.reportCode]),
    [['accept', `Phản ánh ${x.code} đã được tiếp nhận`, true, {}, x.code]],
    'the accept, not the question put to the reporter',
  );
  assert.equal(c.unread, 1);
  const raw = (await t.app.inject({ url: '/api/v1/me/notifications', headers: carol.h })).body;
  for (const secret of ['số nhà', alice.fullName, alice.phone]) assert.ok(!raw.includes(secret), `leaked ${secret}`);
  assert.deepEqual((await inbox(t.app, dave.h)).items, [], 'nothing from before following');
  // The reporter's own inbox is unchanged by followers, and marks read are each reader's own.
  assert.equal((await inbox(t.app, alice.h)).items.every((i) => !i.following), true);
  const mark = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: carol.h, payload: { ids: [c.items[0]!.id] } });
  assert.equal(mark.statusCode, 200, mark.body);
  assert.equal((await inbox(t.app, carol.h)).unread, 0);
  assert.equal((await inbox(t.app, alice.h)).unread, 2);
});

test('R-13 notifications are marked read by ids or up to one of them; another citizen cannot mark or probe them', async () => {
  const t = await setup();
  const alice = await t.citizen();
  const bob = await t.citizen();
  const x = await t.submit(alice.h);
  const z = await t.submit(alice.h);
  const w = await t.submit(alice.h);
  const health = (await findAgency(t.ctx.db, { code: 'so-y-te' }))!;
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal' });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 5));
  await reportActionOk(t.app, t.operatorH, z.id, { action: 'reject', rejectReason: 'a', explanation: 'Thiếu vị trí cụ thể.' });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 10));
  await reportActionOk(t.app, t.operatorH, w.id, { action: 'transfer', targetAgencyId: health.id, explanation: 'Thuộc thẩm quyền ngành y tế.' });

  const all = await inbox(t.app, alice.h);
  assert.deepEqual(
    all.items.map((i) => [i.reportCode, i.title]),
    [
      [w.code, `Phản ánh ${w.code} đã được chuyển đến cơ quan có thẩm quyền`],
      [z.code, `Phản ánh ${z.code} không được tiếp nhận`],
      [x.code, `Phản ánh ${x.code} đã được tiếp nhận`],
    ],
  );
  const newest = all.items[0];
  const oldest = all.items.at(-1)!;

  // Bob can neither mark Alice's notifications nor learn that they exist.
  const bobMarks = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: bob.h, payload: { ids: [oldest.id] } });
  assert.equal(bobMarks.statusCode, 200);
  assert.deepEqual(bobMarks.json(), { marked: 0, unread: 0 });
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: bob.h, payload: { upTo: newest!.id } })).statusCode, 404);
  assert.equal((await inbox(t.app, alice.h)).unread, all.items.length);

  const byIds = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: alice.h, payload: { ids: [oldest.id] } });
  assert.deepEqual(byIds.json(), { marked: 1, unread: all.items.length - 1 });
  const unread = await inbox(t.app, alice.h, '?unreadOnly=true');
  assert.deepEqual(unread.items.map((i) => i.id), all.items.filter((i) => i.id !== oldest.id).map((i) => i.id));
  assert.equal(unread.total, all.items.length - 1);

  const upTo = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: alice.h, payload: { upTo: newest!.id } });
  assert.deepEqual(upTo.json(), { marked: all.items.length - 1, unread: 0 }, 'everything up to the newest, except the one already read');
  const after = await inbox(t.app, alice.h);
  assert.ok(after.items.every((i) => i.read));
  assert.deepEqual((await inbox(t.app, alice.h, '?unreadOnly=true')).items, []);
  // Marking again changes nothing.
  assert.deepEqual((await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: alice.h, payload: { upTo: newest!.id } })).json(), { marked: 0, unread: 0 });
});

test('R-13 R-4.3 the citizen\'s inbox is theirs: staff see only their desk\'s alerts, anonymous 401; a mark needs exactly one of upTo and ids', async () => {
  const t = await setup();
  const alice = await t.citizen();
  const x = await t.submit(alice.h);
  await reportActionOk(t.app, t.operatorH, x.id, { action: 'reject', rejectReason: 'c', explanation: 'Trùng với phản ánh đã có.' });
  assert.deepEqual(await inbox(t.app, t.operatorH), { total: 0, unread: 0, items: [] }, 'a report\'s events are the reporter\'s, not staff notifications');
  assert.equal((await t.app.inject({ url: '/api/v1/me/notifications' })).statusCode, 401);
  const none = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: alice.h, payload: {} });
  assert.equal(none.statusCode, 400);
  const both = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: alice.h, payload: { upTo: '01900000-0000-7000-8000-000000000000', ids: ['01900000-0000-7000-8000-000000000000'] } });
  assert.equal(both.statusCode, 400);
  assert.equal((await inbox(t.app, alice.h)).total, 1);
});
