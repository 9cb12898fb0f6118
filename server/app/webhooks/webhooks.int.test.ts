/** Webhooks for integrators (issue 8 item 2, R-18.5 / R-20): signed deliveries, in order per report, once, with retries. */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { HttpWebhookSender } from '../../adapters/webhooks/webhook-sender.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { webhookPresenter } from '../../http/presenters/webhook.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';
import { alertsTestApp } from '../../../test/alerts.ts';
import { runWebhooks } from './index.ts';

const deps = { sender: new HttpWebhookSender({ timeoutMs: 5000 }), present: webhookPresenter };

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; event: string; occurredAt: string; data: Record<string, unknown> & { report?: { code: string } | null; change?: { to: string } } };
  status: number;
}

/** A receiver on 127.0.0.1 that checks every signature; `answer` decides the status (503: down for maintenance). */
async function receiver(secret: () => string, opts: { port?: number; delayMs?: number } = {}) {
  const all: Received[] = [];
  let answer = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-ihanoi-timestamp']);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret()).update(`${ts}.${raw}`).digest('hex')}`);
      const got = Buffer.from(String(req.headers['x-ihanoi-signature']));
      assert.ok(got.length === expected.length && timingSafeEqual(got, expected), 'the signature is HMAC-SHA256 of timestamp.body');
      const status = answer;
      all.push({ headers: req.headers, raw, body: JSON.parse(raw), status });
      setTimeout(() => res.writeHead(status).end(), opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  after(() => new Promise<void>((ok) => server.close(() => ok())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ihanoi/webhook`,
    all,
    /** What was answered 2xx, in the order received. */
    delivered: () => all.filter((r) => r.status < 300),
    answer: (status: number) => void (answer = status),
  };
}

async function setup() {
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(t.ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(t.ctx.db, { code: 'so-xay-dung' }))!;
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(t.app, agencyId, role);
  const admin = await staff(center.id, 'administrator');
  const operator = await staff(center.id, 'center_operator');
  const c = await createCitizen(t.app, { verified: true });
  const citizen = { ...c, h: await signInHeaders(t.app, c.phone) };
  const register = async (url: string, events = ['report.created', 'report.status_changed', 'report.published', 'alert.sent']) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: admin.h, payload: { url, events, description: 'LGSP thử nghiệm' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; secret: string };
  };
  const submit = async (over: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody(over) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; code: string };
  };
  const accept = (id: string) => reportActionOk(t.app, operator.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  const history = async (id: string, qs = '') => (await t.app.inject({ url: `/api/v1/admin/webhooks/${id}/deliveries${qs}`, headers: admin.h })).json();
  const run = () => runWebhooks(t.ctx, deps);
  return { ...t, admin, operator, citizen, sxd, register, submit, accept, history, run, staff };
}

/** The events of one report, in the order received. */
const ofReport = (rs: Received[], code: string) => rs.filter((r) => r.body.data.report?.code === code).map((r) => `${r.body.event}:${r.body.data.change?.to}`);

test('R-20 R-5.7 an administrator registers an endpoint and sees its secret once; deliveries are signed, in Vietnam time, with the public view only', async () => {
  const t = await setup();
  let secret = '';
  const rx = await receiver(() => secret);
  const ep = await t.register(rx.url);
  secret = ep.secret;
  assert.match(secret, /^whsec_[\w-]{43}$/);
  const list = (await t.app.inject({ url: '/api/v1/admin/webhooks', headers: t.admin.h })).json();
  assert.equal(list.items.length, 1);
  assert.equal(list.items[0].secret, undefined, 'shown once, at registration');
  assert.ok(!JSON.stringify(await t.ctx.db.selectFrom('webhook_endpoints').selectAll().execute()).includes(secret), 'stored encrypted');

  const report = await t.submit({ confidential: true });
  await t.accept(report.id);
  assert.deepEqual(await t.run(), { queued: 2, delivered: 2, retried: 0, failed: 0 });
  assert.deepEqual(ofReport(rx.all, report.code), ['report.created:submitted', 'report.status_changed:accepted']);
  const first = rx.all[0]!;
  assert.equal(first.headers['x-ihanoi-event'], 'report.created');
  assert.equal(first.headers['x-ihanoi-event-id'], first.body.id);
  assert.equal(first.headers['x-ihanoi-timestamp'], String(Math.floor(t.clock.now().getTime() / 1000)));
  assert.equal(first.body.occurredAt, '2026-03-02T09:00:00+07:00');
  assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
  for (const r of rx.all)
    for (const secretOfReporter of [t.citizen.id, t.citizen.fullName, t.citizen.phone, t.citizen.email, t.citizen.cccd, 'reporter', 'confidential'])
      assert.ok(!r.raw.includes(secretOfReporter), `no ${secretOfReporter} in a delivery (R-5.7)`);

  const history = await t.history(ep.id);
  assert.equal(history.total, 2);
  assert.deepEqual(history.items.map((d: { state: string; attempts: number; lastStatus: number }) => [d.state, d.attempts, d.lastStatus]), [['delivered', 1, 200], ['delivered', 1, 200]]);
  assert.deepEqual(await t.run(), { queued: 0, delivered: 0, retried: 0, failed: 0 }, 'nothing twice');

  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: t.admin.h, payload: { url: 'ftp://lgsp.hanoi.gov.vn/x', events: ['report.created'] } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['body.url']);
  const creds = await t.app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: t.admin.h, payload: { url: 'https://u:p@lgsp.hanoi.gov.vn/x', events: ['report.created'] } });
  assert.equal(creds.statusCode, 400);
  const unknownEvent = await t.app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: t.admin.h, payload: { url: 'https://lgsp.hanoi.gov.vn/x', events: ['report.deleted'] } });
  assert.equal(unknownEvent.statusCode, 400);
  assert.equal((await t.app.inject({ url: '/api/v1/admin/webhooks', headers: t.operator.h })).statusCode, 403, 'administrators only');
  assert.equal((await t.app.inject({ url: '/api/v1/admin/webhooks' })).statusCode, 401);
});

test('R-20 a receiver that is down (503, or refusing connections) gets the events later, once, in order per report', async () => {
  const t = await setup();
  let secret = '';
  const rx = await receiver(() => secret);
  secret = (await t.register(rx.url)).secret;
  // A second integrator whose server is not running yet: connections are refused.
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((ok) => probe.close(() => ok()));
  let secret2 = '';
  const ep2 = await t.register(`http://127.0.0.1:${port}/hook`, ['report.created', 'report.status_changed']);
  secret2 = ep2.secret;

  rx.answer(503);
  const a = await t.submit();
  await t.accept(a.id);
  const b = await t.submit();
  const r1 = await t.run();
  assert.equal(r1.queued, 6);
  assert.equal(r1.delivered, 0);
  assert.deepEqual(ofReport(rx.all, a.code), ['report.created:submitted'], 'the next event of a report waits for the previous one');
  assert.deepEqual(ofReport(rx.all, b.code), ['report.created:submitted']);
  const waiting = await t.history(ep2.id);
  assert.ok(waiting.items.some((d: { attempts: number; lastStatus: number | null; lastError: string }) => d.attempts === 1 && d.lastStatus === null && d.lastError.length > 0), 'a refused connection is recorded');

  assert.equal((await t.run()).delivered + rx.all.length, 2, 'no attempt before the backoff');
  rx.answer(200);
  const rx2 = await receiver(() => secret2, { port });
  t.clock.advance(11_000);
  const r2 = await t.run();
  assert.equal(r2.delivered, 6);
  assert.deepEqual(ofReport(rx.delivered(), a.code), ['report.created:submitted', 'report.status_changed:accepted']);
  assert.deepEqual(ofReport(rx.delivered(), b.code), ['report.created:submitted']);
  assert.deepEqual(ofReport(rx2.delivered(), a.code), ['report.created:submitted', 'report.status_changed:accepted']);
  const ids = rx.delivered().map((r) => r.body.id);
  assert.equal(new Set(ids).size, ids.length, 'each event delivered once');
  const retried = rx.all.filter((r) => r.body.data.report?.code === a.code && r.body.event === 'report.created');
  assert.equal(retried.length, 2);
  assert.equal(retried[0]!.raw, retried[1]!.raw, 'a retry sends the same body');
  t.clock.advance(3_600_000);
  assert.equal((await t.run()).delivered, 0);
  assert.equal(rx.delivered().length, 3);
});

test('R-20 two runners at once send each delivery once, each report in order', async () => {
  const t = await setup();
  let secret = '';
  const rx = await receiver(() => secret, { delayMs: 15 });
  secret = (await t.register(rx.url)).secret;
  const reports = [];
  for (let i = 0; i < 5; i++) {
    const r = await t.submit();
    await t.accept(r.id);
    reports.push(r);
  }
  const [x, y] = await Promise.all([t.run(), t.run()]);
  assert.equal(x.delivered + y.delivered, 10);
  assert.equal(x.queued + y.queued, 10, 'the fan-out is done once');
  const ids = rx.all.map((r) => r.body.id);
  assert.equal(ids.length, 10);
  assert.equal(new Set(ids).size, 10, 'no delivery sent twice');
  for (const r of reports) assert.deepEqual(ofReport(rx.all, r.code), ['report.created:submitted', 'report.status_changed:accepted']);
});

test('R-20 a delivery failing for WEBHOOK_GIVE_UP_HOURS is marked failed and the report’s next event goes; a paused endpoint waits; a deleted one gets nothing', async () => {
  const t = await setup();
  let secret = '';
  const rx = await receiver(() => secret);
  const ep = await t.register(rx.url);
  secret = ep.secret;
  rx.answer(500);
  const a = await t.submit();
  await t.accept(a.id);
  await t.run();
  for (let h = 0; h < 25; h++) {
    t.clock.advance(3_600_000);
    await t.run();
  }
  const failed = await t.history(ep.id, '?state=failed');
  assert.equal(failed.total, 1);
  assert.equal(failed.items[0].event, 'report.created');
  assert.equal(failed.items[0].lastStatus, 500);
  assert.ok(failed.items[0].attempts >= 5, 'retried with backoff until given up');
  assert.ok(failed.items[0].finishedAt);
  assert.ok(rx.all.some((r) => r.body.event === 'report.status_changed'), 'then the next event was tried');

  rx.answer(200);
  t.clock.advance(3_600_000);
  await t.run();
  const paused = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/webhooks/${ep.id}`, headers: t.admin.h, payload: { state: 'paused' } });
  assert.equal(paused.json().state, 'paused');
  const b = await t.submit();
  await t.run();
  assert.deepEqual(ofReport(rx.all, b.code), [], 'paused: queued, not sent');
  await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/webhooks/${ep.id}`, headers: t.admin.h, payload: { state: 'active' } });
  await t.run();
  assert.deepEqual(ofReport(rx.all, b.code), ['report.created:submitted'], 'sent on resuming');

  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${ep.id}`, headers: t.admin.h })).statusCode, 204);
  const c = await t.submit();
  await t.run();
  assert.deepEqual(ofReport(rx.all, c.code), []);
  assert.equal((await t.app.inject({ url: `/api/v1/admin/webhooks/${ep.id}`, headers: t.admin.h })).statusCode, 404);
  const trail = await t.ctx.db.selectFrom('audit_events').select(['action', 'payload']).where('subject_type', '=', 'webhook_endpoint').where('subject_id', '=', ep.id).orderBy('occurred_at').orderBy('id').execute();
  assert.deepEqual(trail.map((e) => e.action), ['webhook.create', 'webhook.change', 'webhook.change', 'webhook.delete']);
  assert.ok(!JSON.stringify(trail).includes(secret));
});

test('R-20 R-15 a sent alert reaches an endpoint that asked for alert.sent with its public view and CAP link; one that did not ask gets nothing', async () => {
  const t = await alertsTestApp();
  const admin = (await signedInStaff(t.app, t.center.id, 'administrator')).h;
  const register = async (url: string, events: string[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: admin, payload: { url, events, description: 'Cổng LGSP' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { secret: string };
  };
  let alertsSecret = '';
  let reportsSecret = '';
  const alerts = await receiver(() => alertsSecret);
  const reports = await receiver(() => reportsSecret);
  alertsSecret = (await register(alerts.url, ['alert.sent'])).secret;
  reportsSecret = (await register(reports.url, ['report.created'])).secret;

  const sent = await t.send(t.hkEditor, t.hkApprover, { title: 'Cảnh báo ngập sâu phố Hàng Bài' });
  await runWebhooks(t.ctx, deps);
  assert.equal(alerts.delivered().length, 1);
  const [d] = alerts.delivered();
  assert.equal(d!.body.event, 'alert.sent');
  assert.match(d!.body.occurredAt, /\+07:00$/);
  const alert = d!.body.data.alert as { code: string; title: string; capUrl?: string };
  assert.equal(alert.code, sent.code);
  assert.equal(alert.title, 'Cảnh báo ngập sâu phố Hàng Bài');
  assert.ok(JSON.stringify(alert).includes('/cap/'), 'with the link to its CAP document');
  assert.equal(reports.all.length, 0, 'an endpoint that did not ask for alerts gets none');
  await runWebhooks(t.ctx, deps);
  assert.equal(alerts.all.length, 1, 'once');
});
