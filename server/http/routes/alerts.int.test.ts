/** Alerts to residents (Art. 15–17; issue 6): workflow, audience, the no-re-send rule, the residents' inboxes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { sweep } from '../../jobs/deadline-sweep.ts';
import { alertsTestApp } from '../../../test/alerts.ts';

test('R-15 R-17 a city alert reaches every resident; a commune alert only that commune’s; the inbox counts, lists and marks read', async () => {
  const t = await alertsTestApp();
  const [a, b, c] = [await t.resident(t.hkUnit), await t.resident(t.otherUnit), await t.resident(null)];
  const city = await t.send(t.cityEditor, t.cityApprover);
  assert.equal(city.state, 'sent');
  assert.match(city.code, /^TB-2026-\d{6}$/);
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  const commune = await t.send(t.hkEditor, t.hkApprover, { kind: 'information', severity: 'Minor', urgency: 'Future', category: 'Infra', title: 'Lịch cắt nước phố Hàng Bạc', body: 'Ngày 5/3 cắt nước từ 8 giờ đến 16 giờ để sửa đường ống trên phố Hàng Bạc; các hộ dân chủ động trữ nước.' });

  const ia = await t.inbox(a.h);
  assert.deepEqual(ia.items.map((i) => i.code), [commune.code, city.code], 'newest first');
  assert.deepEqual([ia.total, ia.unread], [2, 2]);
  assert.deepEqual(ia.items[1]!.issuer, { name: t.center.name, level: 'city' });
  const ib = await t.inbox(b.h);
  assert.deepEqual(ib.items.map((i) => i.code), [city.code], 'another commune’s resident gets the city alert only');
  assert.deepEqual(await t.inbox(c.h), { residenceMissing: true, total: 0, unread: 0, items: [] });

  // Marks: one by one, then everything up to an alert.
  assert.deepEqual(await t.post(a.h, '/api/v1/me/alerts/read', { ids: [commune.id] }, 200), { unread: 1 });
  assert.deepEqual((await t.inbox(a.h, '?unreadOnly=true')).items.map((i) => i.code), [city.code]);
  assert.deepEqual(await t.post(b.h, '/api/v1/me/alerts/read', { upTo: city.id }, 200), { unread: 0 });
  await t.post(b.h, '/api/v1/me/alerts/read', { upTo: commune.id }, 404); // not one of b's alerts: no hint it exists
  await t.post(a.h, '/api/v1/me/alerts/read', {}, 400);
  assert.equal((await t.inbox(a.h)).unread, 1, 'b’s marks are b’s');
  // Staff have no resident inbox; anonymous callers sign in first.
  assert.equal((await t.app.inject({ url: '/api/v1/me/alerts', headers: t.hkEditor })).statusCode, 403);
  assert.equal((await t.app.inject({ url: '/api/v1/me/alerts' })).statusCode, 401);
});

test('R-15.6 R-17.3 every step is an event naming who, in which role and unit; overseers read the trail, other units do not', async () => {
  const t = await alertsTestApp();
  const created = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Phun thuốc diệt muỗi phòng sốt xuất huyết', body: 'Sáng thứ Bảy, tổ dân phố phun thuốc diệt muỗi; các hộ dân mở cửa để đội phun làm việc.' }), 201);
  const editedBody = { ...t.draft({ title: 'Phun thuốc diệt muỗi phòng sốt xuất huyết (sửa giờ)', body: 'Sáng thứ Bảy từ 7 giờ, tổ dân phố phun thuốc diệt muỗi; các hộ dân mở cửa để đội phun làm việc.' }) };
  // The approver cannot edit; the editor cannot approve.
  const notEditor = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${created.id}/actions`, headers: t.hkApprover, payload: { action: 'edit', version: created.version, draft: editedBody } });
  assert.equal(notEditor.statusCode, 403);
  assert.match(notEditor.json().detail, /R-15\.5/);
  const edited = await t.post(t.hkEditor, `/api/v1/alerts/${created.id}/actions`, { action: 'edit', version: created.version, draft: editedBody }, 200);
  const submitted = await t.post(t.hkEditor, `/api/v1/alerts/${created.id}/actions`, { action: 'submit', version: edited.version }, 200);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${created.id}/actions`, headers: t.hkEditor, payload: { action: 'approve', version: submitted.version } })).statusCode, 403);
  await t.post(t.hkApprover, `/api/v1/alerts/${created.id}/actions`, { action: 'return', version: submitted.version, comment: '' }, 400);
  const returned = await t.post(t.hkApprover, `/api/v1/alerts/${created.id}/actions`, { action: 'return', version: submitted.version, comment: 'Ghi rõ số điện thoại tổ dân phố' }, 200);
  assert.equal(returned.returnComment, 'Ghi rõ số điện thoại tổ dân phố');
  const again = await t.post(t.hkEditor, `/api/v1/alerts/${created.id}/actions`, { action: 'submit', version: returned.version }, 200);
  // Two approvers at once: exactly one wins.
  const stale = { action: 'approve', version: again.version };
  const sent = await t.post(t.hkApprover, `/api/v1/alerts/${created.id}/actions`, stale, 200);
  const late = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${created.id}/actions`, headers: t.hkApprover, payload: stale });
  assert.equal(late.statusCode, 409);
  assert.equal(sent.state, 'sent');

  const overseer = await t.staff(t.center.id, 'city_overseer');
  const trail = await t.app.inject({ url: `/api/v1/alerts/${created.id}`, headers: overseer });
  assert.equal(trail.statusCode, 200, trail.body);
  assert.deepEqual(
    trail.json().events.map((e: { action: string; actorRole: string; actorAgencyId: string }) => [e.action, e.actorRole, e.actorAgencyId]),
    [
      ['alert.create', 'alert_editor', t.hoanKiem.id],
      ['alert.edit', 'alert_editor', t.hoanKiem.id],
      ['alert.submit', 'alert_editor', t.hoanKiem.id],
      ['alert.return', 'alert_approver', t.hoanKiem.id],
      ['alert.submit', 'alert_editor', t.hoanKiem.id],
      ['alert.approve', 'alert_approver', t.hoanKiem.id],
      ['alert.send', 'alert_approver', t.hoanKiem.id],
    ],
  );
  const otherUnit = await t.staff(t.other.id, 'alert_approver');
  assert.equal((await t.app.inject({ url: `/api/v1/alerts/${created.id}`, headers: otherUnit })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${created.id}/actions`, headers: otherUnit, payload: { action: 'cancel', version: sent.version } })).statusCode, 404);
  assert.deepEqual((await t.app.inject({ url: '/api/v1/alerts', headers: otherUnit })).json().items, []);
});

test('R-17 R-15 a unit sends only to its own area (403 naming the rule); bad content gets 400 naming each field', async () => {
  const t = await alertsTestApp();
  const outside = await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: t.hkEditor, payload: t.draft({ communes: [t.otherUnit.code] }) });
  assert.equal(outside.statusCode, 403);
  assert.match(outside.json().detail, /R-17/);
  assert.deepEqual(outside.json().outside, [t.otherUnit.code]);
  const sxd = (await findAgency(t.ctx.db, { code: 'so-xay-dung' }))!;
  const department = await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: await t.staff(sxd.id, 'alert_editor'), payload: t.draft() });
  assert.equal(department.statusCode, 403);
  assert.match(department.json().detail, /R-15, R-16, R-17/);
  // The Center may address some communes of the city.
  const some = await t.post(t.cityEditor, '/api/v1/alerts', t.draft({ communes: [t.hkUnit.code, t.otherUnit.code] }), 201);
  assert.deepEqual(some.audience.units.map((u: { code: string }) => u.code), [t.hkUnit.code, t.otherUnit.code]);
  assert.equal(some.audience.wholeArea, false);

  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/alerts',
    headers: t.hkEditor,
    payload: t.draft({ kind: 'information', severity: 'Extreme', title: 'Mưa', startsAt: '2026-03-05T08:00:00+07:00', expiresAt: '2026-03-04T08:00:00+07:00', links: [{ title: 'Chi tiết', url: 'http://example.vn' }] }),
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['body.expiresAt', 'body.links.0.url', 'body.severity', 'body.title']);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: t.hkEditor, payload: t.draft({ expiresAt: 'mai' }) })).statusCode, 400);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: (await t.resident(t.hkUnit)).h, payload: t.draft() })).statusCode, 403);
});

test('R-16.2 R-17.2 a commune copy of a city alert is blocked at approval naming it; an override needs a written reason, recorded', async () => {
  const t = await alertsTestApp();
  const city = await t.send(t.cityEditor, t.cityApprover);
  t.clock.set(vietnamTime(2026, 3, 2, 11, 0));
  const copy = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Cảnh báo mưa lớn, ngập úng', body: 'Từ chiều nay đến hết ngày mai, Hà Nội có mưa to đến rất to, lượng mưa phổ biến 80–150 mm. Người dân hạn chế ra đường ở các tuyến phố thường xuyên ngập, không trú mưa dưới gốc cây.' }), 201);
  const submitted = await t.post(t.hkEditor, `/api/v1/alerts/${copy.id}/actions`, { action: 'submit', version: copy.version }, 200);
  const blocked = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${copy.id}/actions`, headers: t.hkApprover, payload: { action: 'approve', version: submitted.version } });
  assert.equal(blocked.statusCode, 409);
  assert.equal(blocked.json().code, 'ALERT_REPEATS_HIGHER_LEVEL');
  assert.equal(blocked.json().earlierAlert.code, city.code);
  assert.match(blocked.json().detail, new RegExp(`R-17\\.2.*${city.code}`));
  const short = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${copy.id}/actions`, headers: t.hkApprover, payload: { action: 'approve', version: submitted.version, overrideReason: 'cần gửi' } });
  assert.equal(short.statusCode, 409, 'a reason of a few words is not a written reason');
  const reason = 'Phường bổ sung danh sách điểm ngập trên địa bàn cho người dân';
  const sent = await t.post(t.hkApprover, `/api/v1/alerts/${copy.id}/actions`, { action: 'approve', version: submitted.version, overrideReason: reason }, 200);
  assert.equal(sent.state, 'sent');
  assert.equal(sent.resendOverride.code, city.code);
  assert.equal(sent.resendOverride.reason, reason);
  const approveEvent = (await t.app.inject({ url: `/api/v1/alerts/${copy.id}`, headers: t.hkApprover })).json().events.find((e: { action: string }) => e.action === 'alert.approve');
  assert.equal(approveEvent.payload.resendOverride.reason, reason);

  // Other content passes; so does the same content once the window (7 days) has passed.
  await t.send(t.hkEditor, t.hkApprover, { title: 'Lịch tiêm chủng mở rộng tháng 3', body: 'Trạm y tế phường tiêm vắc xin sởi cho trẻ từ 9 tháng tuổi vào sáng thứ Năm tuần này; phụ huynh mang theo sổ tiêm.' });
  t.clock.set(vietnamTime(2026, 3, 10, 9, 0));
  const later = await t.send(t.hkEditor, t.hkApprover, { expiresAt: '2026-03-12T18:00:00+07:00' });
  assert.equal(later.state, 'sent');
  // A city alert is never blocked by a commune's (only a lower level re-sending a higher one is).
  assert.equal((await t.send(t.cityEditor, t.cityApprover, { expiresAt: '2026-03-12T18:00:00+07:00' })).state, 'sent');
});

test('R-16 in a three-level structure a district alert reaches its communes’ residents; R-28.1 a former-unit residence still gets city alerts', async () => {
  const t = await alertsTestApp();
  // The three-level era: Quận Hoàn Kiếm (2025-01, code 002) as an active issuing committee.
  await t.ctx.db.updateTable('agencies').set({ active: true }).where('code', '=', 'ubnd-quan-hoan-kiem').execute();
  const district = (await findAgency(t.ctx.db, { code: 'ubnd-quan-hoan-kiem' }))!;
  const wardsOf = (parent: string) => t.ctx.db.selectFrom('units').select('code').where('structure_version', '=', '2025-01').where('parent_code', '=', parent).orderBy('code').execute();
  const inDistrict = (await wardsOf('002'))[0]!.code;
  const elsewhere = (await wardsOf('001'))[0]!.code;
  const [a, b] = [await t.resident({ version: '2025-01', code: inDistrict }), await t.resident({ version: '2025-01', code: elsewhere })];
  const editor = await t.staff(district.id, 'alert_editor');
  const approver = await t.staff(district.id, 'alert_approver');
  const d = await t.send(editor, approver, { title: 'Quận thông báo phân luồng giao thông', body: 'Từ 20 giờ tối thứ Sáu, phố Tràng Tiền cấm xe để tổ chức phố đi bộ; người dân đi theo hướng dẫn của lực lượng chức năng.' });
  assert.equal(d.audience.structureVersion, '2025-01');
  assert.deepEqual((await t.inbox(a.h)).items.map((i) => [i.code, i.issuer.level]), [[d.code, 'district']]);
  assert.deepEqual((await t.inbox(b.h)).items, []);
  // A city alert of today's structure reaches a residence recorded in a former unit through the merge mapping.
  const city = await t.send(t.cityEditor, t.cityApprover);
  assert.ok((await t.inbox(a.h)).items.some((i) => i.code === city.code));
  assert.ok((await t.inbox(b.h)).items.some((i) => i.code === city.code));
});

test('R-15.5 issue 6 a scheduled alert is sent by the sweep at its time; one that expired first is never delivered; a cancelled one says so', async () => {
  const t = await alertsTestApp();
  const a = await t.resident(t.hkUnit);
  const scheduled = await t.send(t.hkEditor, t.hkApprover, { scheduledAt: '2026-03-02T17:00:00+07:00' });
  assert.equal(scheduled.state, 'scheduled');
  assert.equal((await t.inbox(a.h)).total, 0, 'not before its time');
  assert.equal((await sweep(t.ctx)).alertsSent, 0);
  t.clock.set(vietnamTime(2026, 3, 2, 17, 1));
  assert.equal((await sweep(t.ctx)).alertsSent, 1);
  assert.deepEqual((await t.inbox(a.h)).items.map((i) => i.code), [scheduled.code]);

  const tooLate = await t.send(t.hkEditor, t.hkApprover, { title: 'Thông báo hẹn giờ sẽ hết hạn', body: 'Nội dung thử nghiệm cho thông báo hẹn giờ gửi sau khi đã hết hiệu lực.', scheduledAt: '2026-03-03T08:00:00+07:00', expiresAt: '2026-03-03T09:00:00+07:00' });
  t.clock.set(vietnamTime(2026, 3, 3, 10, 0)); // the server was down through its whole window
  assert.equal((await sweep(t.ctx)).alertsSent, 0);
  const trail = (await t.app.inject({ url: `/api/v1/alerts/${tooLate.id}`, headers: t.hkApprover })).json();
  assert.equal(trail.state, 'cancelled');
  assert.equal(trail.events.at(-1).action, 'alert.expireUnsent');
  assert.ok(!(await t.inbox(a.h)).items.some((i) => i.code === tooLate.code));

  const cancelled = await t.post(t.hkApprover, `/api/v1/alerts/${scheduled.id}/actions`, { action: 'cancel', version: (await t.app.inject({ url: `/api/v1/alerts/${scheduled.id}`, headers: t.hkApprover })).json().version }, 200);
  assert.equal(cancelled.state, 'cancelled');
  const after = await t.inbox(a.h);
  assert.deepEqual(after.items.map((i) => [i.code, i.cancelled]), [[scheduled.code, true]]);
  assert.equal(after.unread, 0, 'a cancelled alert is not waiting to be read');
  // Approving an expired alert is refused: it would never be delivered.
  const expired = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Thông báo đã quá hạn', expiresAt: '2026-03-03T12:00:00+07:00', startsAt: '2026-03-03T11:00:00+07:00' }), 201);
  const sub = await t.post(t.hkEditor, `/api/v1/alerts/${expired.id}/actions`, { action: 'submit', version: expired.version }, 200);
  t.clock.set(vietnamTime(2026, 3, 3, 13, 0));
  const refused = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${expired.id}/actions`, headers: t.hkApprover, payload: { action: 'approve', version: sub.version } });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().code, 'ALERT_TRANSITION_NOT_ALLOWED');
});

test('R-15 R-17 issue 6 a resident with the app open gets each alert sent to their place at once over server-sent events — not others’', async () => {
  const t = await alertsTestApp({ alertStreamPollMs: 20 });
  const a = await t.resident(t.hkUnit);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/me/alerts/stream`, { headers: a.h, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body!.getReader();
  let received = '';
  // One read at a time: a read left pending by a timeout keeps its chunk for the next turn.
  let pending: ReturnType<typeof reader.read> | null = null;
  const next = async (pattern: RegExp) => {
    const deadline = Date.now() + 10_000;
    while (!pattern.test(received) && Date.now() < deadline) {
      pending ??= reader.read();
      const got = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (!got) continue;
      pending = null;
      if (got.done) break;
      received += Buffer.from(got.value).toString('utf8');
    }
    return pattern.test(received);
  };
  assert.ok(await next(/: connected/), received);
  const elsewhere = await t.send(t.cityEditor, t.cityApprover, { communes: [t.otherUnit.code], title: 'Chỉ gửi xã khác', body: 'Thông báo này chỉ gửi đến người dân của một xã khác, không phải Hoàn Kiếm.' });
  const mine = await t.send(t.hkEditor, t.hkApprover, { title: 'Cảnh báo cây đổ phố Hàng Bạc', body: 'Cây xanh trên phố Hàng Bạc có nguy cơ gãy đổ sau mưa lớn; người dân không đỗ xe, không đứng dưới gốc cây.' });
  assert.ok(await next(new RegExp(`event: alert\\ndata: .*"code":"${mine.code}"`)), received);
  const event = JSON.parse(/data: (.*)\n/.exec(received.slice(received.indexOf('event: alert')))![1]!);
  assert.deepEqual([event.code, event.title, event.issuer.level, event.read], [mine.code, 'Cảnh báo cây đổ phố Hàng Bạc', 'commune', false]);
  assert.ok(!received.includes(elsewhere.code), 'an alert for another commune is not pushed here');
  assert.equal(received.match(/event: alert/g)?.length, 1, 'pushed once');
  abort.abort();
  // Staff have no resident stream; a resident without a place of residence is told to declare one.
  assert.equal((await t.app.inject({ url: '/api/v1/me/alerts/stream', headers: t.hkEditor })).statusCode, 403);
  const nowhere = await t.resident(null);
  const bad = await t.app.inject({ url: '/api/v1/me/alerts/stream', headers: nowhere.h });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /nơi cư trú/);
});
