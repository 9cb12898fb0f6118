import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import type { SanctionView } from '../../app/accounts/sanctions.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { MS_PER_DAY, formatVietnamTime, vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { fieldReportBody, reportAction, reportActionOk } from '../../../test/reports.ts';

type H = Record<string, string>;

async function setup() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const operator = await createStaff(ctx, [{ agencyId: center.id, role: 'center_operator' }]);
  const admin = await createStaff(ctx, [{ agencyId: center.id, role: 'administrator' }]);
  const operatorH = await signInHeaders(app, operator.username);
  const adminH = await signInHeaders(app, admin.username);
  const citizen = async () => {
    const c = await createCitizen(app, { verified: true });
    return { ...c, h: await signInHeaders(app, c.phone) };
  };
  const submitRes = (h: H, body = fieldReportBody()) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: body });
  const submit = async (h: H) => {
    const res = await submitRes(h);
    assert.equal(res.statusCode, 201, res.body);
    return { id: res.json().id as string, code: res.json().code as string };
  };
  /** Rejects as the Center; `violation` marks an R-6.2a rejection abusive. */
  const reject = (id: string, rejectReason: string, extra: Record<string, unknown> = {}) =>
    reportActionOk(app, operatorH, id, { action: 'reject', rejectReason, explanation: `Không tiếp nhận (lý do ${rejectReason})`, ...extra });
  const accept = (id: string) => reportActionOk(app, operatorH, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  const sanctions = async (h: H, qs = '') => {
    const res = await app.inject({ url: `/api/v1/admin/sanctions${qs}`, headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { total: number; items: SanctionView[] };
  };
  return { ...t, center, sxd, operator, operatorH, admin, adminH, citizen, submitRes, submit, reject, accept, sanctions };
}

/** Four reports rejected for each kind of violation in turn: false, advertising, abusive, false. */
async function fourViolations(t: Awaited<ReturnType<typeof setup>>, h: H) {
  const reports = [await t.submit(h), await t.submit(h), await t.submit(h), await t.submit(h)];
  await t.reject(reports[0]!.id, 'd2');
  await t.reject(reports[1]!.id, 'e');
  await t.reject(reports[2]!.id, 'a', { violation: 'abusive' });
  return { reports, fourth: () => t.reject(reports[3]!.id, 'd2') };
}

test('R-27.3 R-6.2đ R-6.2e R-5.2 four consecutive violations lock submitting for 30 days (three do not), with a notice giving the reason and the end', async () => {
  const t = await setup();
  const alice = await t.citizen();
  const { reports, fourth } = await fourViolations(t, alice.h);

  // Three violations: still allowed to submit.
  const third = await t.submitRes(alice.h);
  assert.equal(third.statusCode, 201, 'three consecutive violations do not lock');

  t.clock.set(vietnamTime(2026, 3, 2, 10, 15));
  await fourth();
  const until = new Date(vietnamTime(2026, 3, 2, 10, 15).getTime() + 30 * MS_PER_DAY);
  assert.equal(formatVietnamTime(until), '2026-04-01T10:15:00+07:00');

  // Submitting is refused, naming the end (Vietnamese, +07:00).
  const refused = await t.submitRes(alice.h);
  assert.equal(refused.statusCode, 403, refused.body);
  const problem = refused.json();
  assert.equal(problem.code, 'ACCOUNT_SANCTIONED');
  assert.equal(problem.sanctionedUntil, '2026-04-01T10:15:00+07:00');
  assert.match(problem.detail, /đến 10:15 ngày 01\/04\/2026/);
  assert.equal(problem.rule, 'R-27.3');

  // The sanction is not the sign-in lockout: the account stays active and unlocked; signing in and reading work.
  const user = await findUserById(t.ctx.db, alice.id);
  assert.equal(user?.status, 'active');
  assert.equal(user?.locked_until, null);
  const h = await signInHeaders(t.app, alice.phone);
  const mine = await t.app.inject({ url: '/api/v1/me/reports', headers: h });
  assert.equal(mine.statusCode, 200, mine.body);
  assert.equal(mine.json().total, 5);
  const detail = await t.app.inject({ url: `/api/v1/reports/${reports[0]!.id}`, headers: h });
  assert.equal(detail.statusCode, 200, detail.body);
  assert.equal(detail.json().state, 'rejected');

  // The notice in the inbox: the reason (the four reports) and the end date.
  const inbox = await t.app.inject({ url: '/api/v1/me/notifications', headers: h });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const notice = (inbox.json().items as { action: string; reportId: string | null; reportCode: string | null; title: string; said: Record<string, string> }[]).find(
    (n) => n.action === 'account.sanction',
  );
  assert.ok(notice, 'the sanction is in the inbox');
  assert.equal(notice.reportId, null);
  assert.equal(notice.reportCode, null);
  assert.equal(notice.title, 'Tài khoản của bạn bị tạm dừng gửi phản ánh đến 10:15 ngày 01/04/2026 (giờ Việt Nam)');
  assert.equal(notice.said.until, '2026-04-01T10:15:00+07:00');
  for (const r of reports) assert.ok(notice.said.explanation?.includes(r.code), `the reason names ${r.code}`);
  assert.match(notice.said.explanation ?? '', /R-27\.3/);

  // Recorded: which report, which kind, when, by whom, and the run; the sanction by the platform, audited.
  const violations = await t.app.inject({ url: `/api/v1/admin/violations?userId=${alice.id}`, headers: t.operatorH });
  assert.equal(violations.statusCode, 200, violations.body);
  const items = violations.json().items as { reportCode: string; kind: string; runPosition: number; recordedBy: string; sanctionId: string | null }[];
  assert.deepEqual(
    items.map((v) => [v.reportCode, v.kind, v.runPosition]).reverse(),
    [
      [reports[0]!.code, 'false_report', 1],
      [reports[1]!.code, 'advertising', 2],
      [reports[2]!.code, 'abusive', 3],
      [reports[3]!.code, 'false_report', 4],
    ],
  );
  assert.ok(items.every((v) => v.recordedBy === t.operator.id));
  const list = await t.sanctions(t.adminH, `?userId=${alice.id}`);
  assert.equal(list.total, 1);
  const s = list.items[0]!;
  assert.ok(items.every((v) => v.sanctionId === s.id));
  assert.deepEqual([s.startsAt, s.endsAt, s.reportCode, s.inForce, s.lifted], ['2026-03-02T10:15:00+07:00', '2026-04-01T10:15:00+07:00', reports[3]!.code, true, null]);
  const trail = await listAuditEvents(t.ctx.db, 'user', alice.id);
  const sanction = trail.find((e) => e.action === 'account.sanction');
  assert.equal(sanction?.actor_role, 'system');
  assert.equal(trail.filter((e) => e.action === 'account.violation').length, 4);
  assert.ok(trail.filter((e) => e.action === 'account.violation').every((e) => e.actor_id === t.operator.id));

  // A day before the end: still refused; after 30 days: allowed again (a new session: the old one has expired).
  t.clock.set(vietnamTime(2026, 3, 31, 10, 15));
  assert.equal((await t.submitRes(await signInHeaders(t.app, alice.phone))).statusCode, 403);
  t.clock.set(vietnamTime(2026, 4, 1, 10, 16));
  const again = await t.submitRes(await signInHeaders(t.app, alice.phone), fieldReportBody({ occurredAt: '2026-04-01T08:00:00+07:00' }));
  assert.equal(again.statusCode, 201, again.body);
  assert.equal((await t.sanctions(await signInHeaders(t.app, t.admin.username), `?userId=${alice.id}&active=true`)).total, 0);
});

test('R-27.3 a valid (accepted) report in between resets the run; the 4th after it locks', async () => {
  const t = await setup();
  const bob = await t.citizen();
  const r = [];
  for (let i = 0; i < 8; i++) r.push(await t.submit(bob.h));
  await t.reject(r[0]!.id, 'd2');
  await t.reject(r[1]!.id, 'e');
  await t.reject(r[2]!.id, 'a', { violation: 'abusive' });
  await t.accept(r[3]!.id); // a valid report: the run of three ends
  await t.reject(r[4]!.id, 'e');
  await t.reject(r[5]!.id, 'd2');
  await t.reject(r[6]!.id, 'e');
  assert.equal((await t.submitRes(bob.h)).statusCode, 201, 'three after the valid report do not lock');
  const trail = await listAuditEvents(t.ctx.db, 'user', bob.id);
  const ended = trail.find((e) => e.action === 'account.violationRunEnded');
  assert.equal((ended?.payload as { runLength?: number } | undefined)?.runLength, 3);
  await t.reject(r[7]!.id, 'd2');
  const refused = await t.submitRes(bob.h);
  assert.equal(refused.statusCode, 403, refused.body);
  assert.equal(refused.json().code, 'ACCOUNT_SANCTIONED');
});

test('R-27.3 R-6.2 a rejection that is not a violation (reason a without the marker, c) neither counts nor resets the run', async () => {
  const t = await setup();
  const carol = await t.citizen();
  const r = [];
  for (let i = 0; i < 6; i++) r.push(await t.submit(carol.h));
  await t.reject(r[0]!.id, 'd2');
  await t.reject(r[1]!.id, 'a');
  await t.reject(r[2]!.id, 'c');
  await t.reject(r[3]!.id, 'e');
  await t.reject(r[4]!.id, 'a', { violation: 'abusive' });
  assert.equal((await t.submitRes(carol.h)).statusCode, 201, 'three violations among five rejections do not lock');
  const violations = await t.app.inject({ url: `/api/v1/admin/violations?userId=${carol.id}`, headers: t.adminH });
  assert.equal(violations.json().total, 3);
  await t.reject(r[5]!.id, 'd2');
  assert.equal((await t.submitRes(carol.h)).statusCode, 403, 'the non-violations did not end the run');
});

test('R-27.3 R-5.2 the violation marker is checked: only "abusive", only on reject under reason a', async () => {
  const t = await setup();
  const dan = await t.citizen();
  const x = await t.submit(dan.h);
  const cases: [Record<string, unknown>, string][] = [
    [{ action: 'reject', rejectReason: 'd2', explanation: 'Sai sự thật', violation: 'abusive' }, 'd2 is a violation already'],
    [{ action: 'reject', rejectReason: 'c', explanation: 'Trùng lặp', violation: 'abusive' }, 'a duplicate is not abuse'],
    [{ action: 'reject', rejectReason: 'a', explanation: 'Xúc phạm', violation: 'spam' }, 'unknown marker'],
    [{ action: 'accept', targetAgencyId: t.sxd.id, classification: 'normal', violation: 'abusive' }, 'only on reject'],
  ];
  for (const [body, why] of cases) {
    const res = await reportAction(t.app, t.operatorH, x.id, body);
    assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
    assert.ok((res.json().errors as { field: string }[]).some((e) => e.field === 'body.violation'), why);
  }
  const detail = await t.app.inject({ url: `/api/v1/reports/${x.id}`, headers: t.operatorH });
  assert.equal(detail.json().state, 'submitted', 'nothing happened');
});

test('R-27.3 an administrator lifts a sanction with a written reason (audited, told to the reporter); the reporter may submit at once', async () => {
  const t = await setup();
  const erin = await t.citizen();
  const { fourth } = await fourViolations(t, erin.h);
  await fourth();
  assert.equal((await t.submitRes(erin.h)).statusCode, 403);
  const [s] = (await t.sanctions(t.operatorH, '?active=true')).items.filter((x) => x.userId === erin.id);
  assert.ok(s, 'the Center lists sanctions in force');

  const lift = (h: H, body: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/admin/sanctions/${s.id}/lift`, headers: h, payload: body as Record<string, unknown> });
  assert.equal((await lift(t.operatorH, { reason: 'Trung tâm không gỡ được' })).statusCode, 403, 'only administrators lift');
  assert.equal((await lift(erin.h, { reason: 'Tôi tự gỡ' })).statusCode, 403);
  assert.equal((await lift(t.adminH, {})).statusCode, 400, 'a reason is required');
  assert.equal((await lift(t.adminH, { reason: '   ' })).statusCode, 400, 'a written reason, not blanks');

  t.clock.set(vietnamTime(2026, 3, 3, 14, 0));
  const lifted = await lift(t.adminH, { reason: 'Người dân đã giải trình, phản ánh PA thứ 4 bị từ chối nhầm' });
  assert.equal(lifted.statusCode, 200, lifted.body);
  assert.equal(lifted.json().inForce, false);
  assert.deepEqual(lifted.json().lifted, { at: '2026-03-03T14:00:00+07:00', by: t.admin.id, reason: 'Người dân đã giải trình, phản ánh PA thứ 4 bị từ chối nhầm' });
  assert.equal((await lift(t.adminH, { reason: 'Lần nữa' })).statusCode, 409, 'a lifted sanction cannot be lifted again');

  const trail = await listAuditEvents(t.ctx.db, 'user', erin.id);
  const event = trail.find((e) => e.action === 'account.sanctionLift');
  assert.equal(event?.actor_id, t.admin.id);
  assert.equal((event?.payload as { explanation?: string }).explanation, 'Người dân đã giải trình, phản ánh PA thứ 4 bị từ chối nhầm');

  // At once: the same session may submit again, and the inbox says so.
  const res = await t.submitRes(erin.h, fieldReportBody({ occurredAt: '2026-03-03T08:00:00+07:00' }));
  assert.equal(res.statusCode, 201, res.body);
  const inbox = await t.app.inject({ url: '/api/v1/me/notifications', headers: erin.h });
  const notice = (inbox.json().items as { action: string; title: string; said: Record<string, string> }[]).find((n) => n.action === 'account.sanctionLift');
  assert.equal(notice?.title, 'Tài khoản của bạn đã được gỡ bỏ biện pháp tạm dừng gửi phản ánh');
  assert.equal(notice?.said.explanation, 'Người dân đã giải trình, phản ánh PA thứ 4 bị từ chối nhầm');
});

test('R-27.3 a sign-in lockout and a sanction are separate: neither lifts nor shortens the other', async () => {
  const t = await setup();
  const fay = await t.citizen();
  const { fourth } = await fourViolations(t, fay.h);
  await fourth();
  // A sign-in lockout that has already ended (locked_until in the past) does not end the sanction.
  await t.ctx.db.updateTable('users').set({ locked_until: vietnamTime(2026, 3, 2, 8, 30) }).where('id', '=', fay.id).execute();
  const h = await signInHeaders(t.app, fay.phone);
  assert.equal((await t.submitRes(h)).statusCode, 403, 'still sanctioned');
  // Lifting the sanction leaves a sign-in lockout as it is.
  const lockedUntil = vietnamTime(2026, 3, 2, 12, 0);
  await t.ctx.db.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', fay.id).execute();
  const [s] = (await t.sanctions(t.adminH, `?userId=${fay.id}`)).items;
  const lifted = await t.app.inject({ method: 'POST', url: `/api/v1/admin/sanctions/${s!.id}/lift`, headers: t.adminH, payload: { reason: 'Gỡ theo giải trình' } });
  assert.equal(lifted.statusCode, 200, lifted.body);
  assert.equal((await findUserById(t.ctx.db, fay.id))?.locked_until?.getTime(), lockedUntil.getTime());
});

test('R-27.3 serious cases are flagged for referral by a receiving officer or the Center, audited and listed for the Center', async () => {
  const t = await setup();
  const gil = await t.citizen();
  const x = await t.submit(gil.h);
  const y = await t.submit(gil.h);
  const staffView = await t.app.inject({ url: `/api/v1/reports/${x.id}`, headers: t.operatorH });
  const receivingAgencyId = staffView.json().receivingAgency.id as string;
  const officer = await createStaff(t.ctx, [{ agencyId: receivingAgencyId, role: 'receiving_officer' }]);
  const officerH = await signInHeaders(t.app, officer.username);
  const otherAgency = receivingAgencyId === t.sxd.id ? t.center : t.sxd;
  const outsider = await createStaff(t.ctx, [{ agencyId: otherAgency.id, role: 'receiving_officer' }]);
  const outsiderH = await signInHeaders(t.app, outsider.username);

  await t.reject(x.id, 'a', { violation: 'abusive' });
  await t.reject(y.id, 'c');
  const refer = (h: H, id: string, reason = 'Lời lẽ đe dọa cán bộ, đề nghị chuyển cơ quan công an') =>
    t.app.inject({ method: 'POST', url: `/api/v1/reports/${id}/referral`, headers: h, payload: { reason } });

  assert.equal((await refer(outsiderH, x.id)).statusCode, 404, 'another agency\'s officer does not see it');
  assert.equal((await refer(gil.h, x.id)).statusCode, 404);
  assert.equal((await refer(officerH, y.id)).statusCode, 409, 'a rejection that is not a violation is not referred');
  assert.equal((await refer(officerH, x.id)).statusCode, 204);
  assert.equal((await refer(t.operatorH, x.id)).statusCode, 409, 'already flagged');

  const trail = await listAuditEvents(t.ctx.db, 'user', gil.id);
  const event = trail.find((e) => e.action === 'account.referral');
  assert.equal(event?.actor_id, officer.id);
  assert.equal((event?.payload as { reportCode?: string }).reportCode, x.code);

  assert.equal((await t.app.inject({ url: '/api/v1/admin/violations?referred=true', headers: officerH })).statusCode, 403, 'the list is for the Center');
  const listed = await t.app.inject({ url: '/api/v1/admin/violations?referred=true', headers: t.operatorH });
  assert.equal(listed.statusCode, 200, listed.body);
  const mine = (listed.json().items as { reportCode: string; referral: { reason: string; by: string } | null }[]).filter((v) => v.reportCode === x.code);
  assert.equal(mine.length, 1);
  assert.deepEqual(mine[0]!.referral && { reason: mine[0]!.referral.reason, by: mine[0]!.referral.by }, { reason: 'Lời lẽ đe dọa cán bộ, đề nghị chuyển cơ quan công an', by: officer.id });

  // The reporter is not told of a referral.
  const inbox = await t.app.inject({ url: '/api/v1/me/notifications', headers: gil.h });
  assert.ok(!(inbox.json().items as { action: string }[]).some((n) => n.action.startsWith('account.')));
});

test('R-27.3 four violations rejected at once count in turn: one run of 1–4, exactly one sanction', async () => {
  const t = await setup();
  const hal = await t.citizen();
  const r = [];
  for (let i = 0; i < 4; i++) r.push(await t.submit(hal.h));
  await Promise.all(r.map((x, i) => t.reject(x.id, i % 2 ? 'e' : 'd2')));
  const violations = await t.app.inject({ url: `/api/v1/admin/violations?userId=${hal.id}`, headers: t.adminH });
  assert.deepEqual((violations.json().items as { runPosition: number }[]).map((v) => v.runPosition).sort(), [1, 2, 3, 4]);
  assert.equal((await t.sanctions(t.adminH, `?userId=${hal.id}`)).total, 1);
  assert.equal((await t.submitRes(hal.h)).statusCode, 403);
});
