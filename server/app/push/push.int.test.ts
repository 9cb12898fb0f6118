/** Web push of alerts (issue 6 item 5): batches, retries with backoff, gone subscriptions, crash resume; the inbox's notices. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { generateVapidKeys, WebPushSender } from '../../adapters/push/web-push-sender.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { claimPushJob } from '../../db/repos/push.repo.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';
import { checkReport } from '../integrity/check-report.ts';
import { alertsTestApp } from '../../../test/alerts.ts';
import { receptionTestApp } from '../../../test/reception.ts';
import { startPushStub } from '../../../test/push-stub.ts';
import { runPushJobs, vapidKeys } from './push.ts';

const stub = await startPushStub();
after(() => stub.close());
const sender = new WebPushSender({ ...generateVapidKeys(), subject: 'mailto:test@example.vn' });

async function withSubscribers() {
  const t = await alertsTestApp();
  const [a, b, c] = [await t.resident(t.hkUnit), await t.resident(t.hkUnit), await t.resident(t.otherUnit)];
  const name = (s: string) => `${process.pid}-${Math.random().toString(36).slice(2)}-${s}`;
  const devices = { aPhone: name('a-phone'), aLaptop: name('a-laptop'), bPhone: name('b-phone'), cPhone: name('c-phone') };
  await t.post(a.h, '/api/v1/me/push-subscriptions', stub.subscription(devices.aPhone), 201);
  await t.post(a.h, '/api/v1/me/push-subscriptions', stub.subscription(devices.aLaptop), 201);
  await t.post(b.h, '/api/v1/me/push-subscriptions', stub.subscription(devices.bPhone), 201);
  await t.post(c.h, '/api/v1/me/push-subscriptions', stub.subscription(devices.cPhone), 201);
  const got = (device: string) => stub.received.filter((r) => r.name === device);
  const delivery = async (id: string) => (await t.app.inject({ url: `/api/v1/alerts/${id}`, headers: t.hkApprover })).json().delivery;
  return { ...t, a, b, c, devices, got, delivery };
}

test('R-17 issue 6 a commune alert is pushed to its residents’ devices only; gone subscriptions are removed; a busy push service is retried after backoff', async () => {
  const t = await withSubscribers();
  stub.answer(t.devices.bPhone, [410]);
  stub.answer(t.devices.aLaptop, [429]);
  const alert = await t.send(t.hkEditor, t.hkApprover);
  const jobs = await t.ctx.db.selectFrom('push_jobs').select(['kind']).where('alert_id', '=', alert.id).execute();
  assert.deepEqual(jobs.map((j) => j.kind), ['alert_fanout'], 'sending wrote one job, whatever the audience');

  assert.equal(await runPushJobs(t.ctx, sender), 2, 'the fan-out, then one batch');
  assert.equal(t.got(t.devices.aPhone).length, 1);
  assert.equal(t.got(t.devices.bPhone).length, 1);
  assert.equal(t.got(t.devices.aLaptop).length, 1);
  assert.equal(t.got(t.devices.cPhone).length, 0, 'another commune’s resident');
  const push = t.got(t.devices.aPhone)[0]!;
  assert.equal(push.headers['content-encoding'], 'aes128gcm');
  assert.match(String(push.headers.authorization), /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
  assert.equal(push.headers.urgency, 'normal');
  assert.ok(Number(push.headers.ttl) > 0);
  assert.ok(push.bytes > 0, 'an encrypted payload');
  assert.deepEqual(await t.delivery(alert.id), { queued: 1, sent: 1, gone: 1, failed: 0, skipped: 0 });
  const gone = await t.ctx.db.selectFrom('push_subscriptions').select(['removed_reason']).where('endpoint', 'like', `%${t.devices.bPhone}`).executeTakeFirstOrThrow();
  assert.equal(gone.removed_reason, 'gone');

  assert.equal(await runPushJobs(t.ctx, sender), 0, 'the retry waits for its backoff');
  t.clock.set(new Date(t.clock.now().getTime() + 31_000));
  assert.equal(await runPushJobs(t.ctx, sender), 1);
  assert.equal(t.got(t.devices.aLaptop).length, 2);
  assert.deepEqual(await t.delivery(alert.id), { queued: 0, sent: 2, gone: 1, failed: 0, skipped: 0 });
  t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
  assert.equal(await runPushJobs(t.ctx, sender), 0);
  assert.equal(t.got(t.devices.aPhone).length, 1, 'never twice');
});

test('R-15 issue 6 a runner that stopped midway: its batch is taken again once its lock expires; finished batches are not re-sent', async () => {
  const t = await withSubscribers();
  const alert = await t.send(t.hkEditor, t.hkApprover);
  assert.equal(await runPushJobs(t.ctx, sender, 1), 1, 'the fan-out only');
  // A runner takes the batch and dies before sending anything.
  const taken = await claimPushJob(t.ctx.db, t.clock.now(), 5 * 60_000);
  assert.equal(taken?.kind, 'alert_batch');
  assert.equal(await runPushJobs(t.ctx, sender), 0, 'locked by the runner that died');
  t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000 + 1000));
  assert.equal(await runPushJobs(t.ctx, sender), 1);
  assert.equal(t.got(t.devices.aPhone).length, 1);
  assert.equal(t.got(t.devices.bPhone).length, 1);
  assert.deepEqual(await t.delivery(alert.id), { queued: 0, sent: 3, gone: 0, failed: 0, skipped: 0 });
  const attempts = await t.ctx.db.selectFrom('push_jobs').select('attempts').where('id', '=', taken!.id).executeTakeFirstOrThrow();
  assert.equal(attempts.attempts, 2);
});

test('R-15.5 issue 6 an alert cancelled before its batch ran is never pushed; a refusal is final; bad subscriptions get 400', async () => {
  const t = await withSubscribers();
  const alert = await t.send(t.hkEditor, t.hkApprover);
  await runPushJobs(t.ctx, sender, 1);
  const current = (await t.app.inject({ url: `/api/v1/alerts/${alert.id}`, headers: t.hkApprover })).json();
  await t.post(t.hkApprover, `/api/v1/alerts/${alert.id}/actions`, { action: 'cancel', version: current.version }, 200);
  await runPushJobs(t.ctx, sender);
  assert.equal(t.got(t.devices.aPhone).length + t.got(t.devices.bPhone).length, 0);
  assert.deepEqual(await t.delivery(alert.id), { queued: 0, sent: 0, gone: 0, failed: 0, skipped: 3 });

  stub.answer(t.devices.aPhone, [400]);
  const second = await t.send(t.hkEditor, t.hkApprover, { title: 'Thông báo thứ hai về mưa lớn', body: 'Nội dung thông báo thứ hai, khác thông báo trước, gửi cùng người dân của phường.' });
  await runPushJobs(t.ctx, sender);
  assert.deepEqual(await t.delivery(second.id), { queued: 0, sent: 2, gone: 0, failed: 1, skipped: 0 });

  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers: t.a.h, payload: { endpoint: 'http://push.example.com/x', keys: { p256dh: 'abc', auth: 'def' } } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['body.endpoint', 'body.keys.auth', 'body.keys.p256dh']);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', payload: stub.subscription('x') })).statusCode, 401);
  const mine = stub.subscription(`${process.pid}-removed`);
  await t.post(t.a.h, '/api/v1/me/push-subscriptions', mine, 201);
  assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/v1/me/push-subscriptions', headers: t.b.h, payload: { endpoint: mine.endpoint } })).statusCode, 404, 'not b’s');
  assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/v1/me/push-subscriptions', headers: t.a.h, payload: { endpoint: mine.endpoint } })).statusCode, 204);
});

test('R-15 issue 6 the VAPID key pair is made once and shared through the database, its private half never stored in clear', async () => {
  const t = await alertsTestApp();
  const first = await vapidKeys(t.ctx);
  assert.deepEqual(await vapidKeys(t.ctx), first);
  const res = await t.app.inject({ url: '/api/v1/push/vapid-public-key' });
  assert.deepEqual(res.json(), { publicKey: first.publicKey });
  const stored = (await t.ctx.db.selectFrom('platform_settings').select('value').where('key', '=', 'vapid').executeTakeFirstOrThrow()).value;
  assert.ok(!stored.includes(first.privateKey));
});

test('issue 6 R-13 the inbox’s notifications go out by web push too: the reporter and followers of an accepted report, the officers alerted of an urgent one — once', async () => {
  const t = await withSubscribers();
  const report = await t.post(t.a.h, '/api/v1/reports', fieldReportBody(), 201);
  await t.post(t.b.h, `/api/v1/public/reports/${report.code}/follow`, {}, 200);
  await runPushJobs(t.ctx, sender);
  assert.equal(stub.received.filter((r) => Object.values(t.devices).includes(r.name)).length, 0, 'nothing to tell yet');
  const operator = await t.staff(t.center.id, 'center_operator');
  const sxd = (await findAgency(t.ctx.db, { code: 'so-xay-dung' }))!;
  await reportActionOk(t.app, operator, report.id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await runPushJobs(t.ctx, sender);
  assert.equal(t.got(t.devices.aPhone).length, 1, 'the reporter, on each device');
  assert.equal(t.got(t.devices.aLaptop).length, 1);
  assert.equal(t.got(t.devices.bPhone).length, 1, 'the follower');
  assert.equal(t.got(t.devices.cPhone).length, 0);
  await runPushJobs(t.ctx, sender);
  assert.equal(t.got(t.devices.aPhone).length, 1, 'once');

  // an urgent report alerts the receiving desk's devices, at high urgency.
  const officerPhone = `${process.pid}-${Math.random().toString(36).slice(2)}-officer`;
  await t.post(operator, '/api/v1/me/push-subscriptions', stub.subscription(officerPhone), 201);
  const fire = await t.post(t.c.h, '/api/v1/reports', fieldReportBody({ categoryCode: 'phong-chay-chua-chay', title: 'Cháy nhà dân', description: 'Đang có cháy lớn ở nhà dân trong ngõ, khói đen bốc cao, người dân đang dập lửa, đề nghị cử lực lượng đến ngay.' }), 201);
  await checkReport(t.ctx, fire.id);
  await runPushJobs(t.ctx, sender);
  const alerted = stub.received.filter((r) => r.name === officerPhone);
  assert.equal(alerted.length, 1);
  assert.equal(alerted[0]!.headers.urgency, 'high');
});

test('R-5.4 issue 11 a reception booking\'s notices go out by web push to its citizen: accepted, with the session\'s time as people read it and a link to the booking — not what they did themself', async () => {
  const t = await receptionTestApp();
  const c = await t.citizen();
  const phone = `${process.pid}-${Math.random().toString(36).slice(2)}-booker`;
  assert.equal((await t.call('POST', '/api/v1/me/push-subscriptions', c.h, stub.subscription(phone))).statusCode, 201);
  const session = await t.publish();
  const booked = await t.book(c.h, session.id);
  assert.equal(booked.statusCode, 201, booked.body);
  const booking = booked.json();
  await runPushJobs(t.ctx, sender);
  assert.equal(stub.received.filter((r) => r.name === phone).length, 0, 'booking it oneself is not news');
  const accepted = await t.act(booking.id, { action: 'accept', version: booking.version });
  assert.equal(accepted.statusCode, 200, accepted.body);
  await runPushJobs(t.ctx, sender);
  assert.equal(stub.received.filter((r) => r.name === phone).length, 1);
  const job = await t.ctx.db.selectFrom('push_jobs').select('payload').where('kind', '=', 'notice').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(job.payload, {
    type: 'notice',
    title: `Lịch hẹn tiếp công dân ${booking.code} đã được chấp nhận: 08:00 ngày 10/03/2026 tại ${session.place}`,
    url: `/app/reception/bookings/${booking.id}`,
    bookingCode: booking.code,
  });
  await runPushJobs(t.ctx, sender);
  assert.equal(stub.received.filter((r) => r.name === phone).length, 1, 'once');
});
