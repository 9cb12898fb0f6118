/**
 * Web push (issue 6 item 5): the platform's VAPID keys, residents' subscriptions, and the delivery queue.
 *
 * Keys: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when configured; otherwise made on first start and kept in
 * `platform_settings` (the private half encrypted with the PII key), so every server uses the same pair and
 * subscriptions survive restarts.
 *
 * Delivery: sending an alert writes one `alert_fanout` job in the same transaction (publishing stays O(1)). A
 * runner takes due jobs one at a time (`FOR UPDATE SKIP LOCKED`: several servers share the queue): the fan-out
 * splits the subscriptions of the residents reached into batches of BATCH_SIZE; a batch pushes to each with a
 * bounded concurrency. A push service that says a subscription is gone (404/410) gets it removed; one that asks
 * to slow down (429, 5xx, a network error) gets those subscriptions again in a later batch, with exponential
 * backoff (or its Retry-After), up to MAX_GENERATIONS; a refusal (other 4xx) is final. A batch whose runner
 * stopped midway is taken again when its lock expires: batches already done are never re-sent (only the
 * interrupted batch may repeat some of its pushes). An alert cancelled or expired before its batch runs is not
 * pushed.
 *
 * The inbox's notifications go through the same channel: each run first looks for recent audit events that some
 * inbox shows (reporter, account, follower, reception booking, staff-alert allow-lists — the inbox's own), records
 * each once and queues a `notice` batch for its recipients' devices.
 */
import { uuidv7 } from 'uuidv7';
import { backoffMs } from '../../adapters/retry.ts';
import { generateVapidKeys, type PushMessage, type VapidKeys, type WebPushSender } from '../../adapters/push/web-push-sender.ts';
import { ROLE_GRANTS, type Actor } from '../../domain/access/index.ts';
import { findReport } from '../../db/repos/reports.repo.ts';
import { findBooking } from '../../db/repos/reception.repo.ts';
import { BOOKING_SUBJECT } from '../reception/sessions.ts';
import { unhandledEvents, type AuditEventRef } from '../../db/repos/audit.repo.ts';
import { INTEGRITY_SUBJECT } from '../integrity/check-report.ts';
import {
  ACCOUNT_NOTIFICATION_ACTIONS,
  BOOKING_NOTIFICATION_ACTIONS,
  bookingNotificationTitle,
  FOLLOWER_NOTIFICATION_ACTIONS,
  REPORTER_NOTIFICATION_ACTIONS,
  STAFF_NOTIFICATION_ACTIONS,
  accountNotificationTitle,
  notificationTitle,
} from '../notifications/reporter-notifications.ts';
import { audienceResidences } from '../../domain/alerts/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { findAlert, type AlertRow } from '../../db/repos/alerts.repo.ts';
import {
  followersSince,
  queueNotice,
  staffInRoles,
  claimPushJob,
  finishPushJob,
  insertBatchJobs,
  insertFanoutJob,
  insertRetryBatch,
  liveSubscriptions,
  markSubscriptionsGone,
  markSubscriptionsSent,
  readSetting,
  removeSubscription,
  upsertSubscription,
  writeSettingOnce,
  type PushJobRow,
} from '../../db/repos/push.repo.ts';
import { allSuccessions, listUnits } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import type { Tx } from '../unit-of-work.ts';

export const BATCH_SIZE = 500;
export const MAX_GENERATIONS = 5;
const CONCURRENCY = 20;
const LOCK_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;

type PushContext = Pick<AppContext, 'db' | 'clock' | 'config' | 'pii'>;

/** The platform's VAPID keys: configured, or made once and shared through the database. */
export async function vapidKeys(ctx: PushContext): Promise<VapidKeys> {
  const subject = ctx.config.vapidSubject;
  if (ctx.config.vapidPublicKey && ctx.config.vapidPrivateKey) return { publicKey: ctx.config.vapidPublicKey, privateKey: ctx.config.vapidPrivateKey, subject };
  const stored = await readSetting(ctx.db, 'vapid');
  const value = stored ?? (await writeSettingOnce(ctx.db, 'vapid', JSON.stringify(sealed(ctx, generateVapidKeys())), ctx.clock.now()));
  const { publicKey, privateKeyEnc } = JSON.parse(value) as { publicKey: string; privateKeyEnc: string };
  return { publicKey, privateKey: ctx.pii.decrypt(privateKeyEnc), subject };
}

function sealed(ctx: PushContext, keys: { publicKey: string; privateKey: string }) {
  return { publicKey: keys.publicKey, privateKeyEnc: ctx.pii.encrypt(keys.privateKey) };
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** A browser's PushSubscription, as the Push API gives it (`subscription.toJSON()`). */
export async function subscribe(ctx: PushContext, actor: Actor, s: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const problems = [];
  if (!/^https:\/\/[^\s]+$/.test(s.endpoint) && !(ctx.config.env !== 'production' && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(s.endpoint)))
    problems.push({ field: 'body.endpoint', message: 'Địa chỉ nhận thông báo phải là https:// của dịch vụ push của trình duyệt' });
  const p256dh = Buffer.from(s.keys.p256dh, 'base64url');
  if (!BASE64URL.test(s.keys.p256dh) || p256dh.length !== 65 || p256dh[0] !== 4) problems.push({ field: 'body.keys.p256dh', message: 'Khóa p256dh phải là khóa công khai P-256 (65 byte, base64url)' });
  if (!BASE64URL.test(s.keys.auth) || Buffer.from(s.keys.auth, 'base64url').length !== 16) problems.push({ field: 'body.keys.auth', message: 'Khóa auth phải là 16 byte, base64url' });
  if (problems.length) throw invalid(problems);
  const row = await upsertSubscription(ctx.db, { id: uuidv7(), userId: actor.userId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, at: ctx.clock.now() });
  return { id: row.id, endpoint: row.endpoint };
}

export async function unsubscribe(ctx: PushContext, actor: Actor, endpoint: string): Promise<void> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!(await removeSubscription(ctx.db, { userId: actor.userId, endpoint, at: ctx.clock.now(), reason: 'unsubscribed' }))) throw new AppError('NOT_FOUND');
}

/** In the transaction that sends an alert: its push delivery starts once that commits. */
export function queueAlertPush(tx: Tx, alertId: string, at: Date): Promise<void> {
  return insertFanoutJob(tx, { id: uuidv7(), alertId, at });
}

function messageOf(a: AlertRow, now: Date): PushMessage {
  const urgent = a.urgency === 'Immediate' || a.severity === 'Extreme';
  return {
    payload: { type: 'alert', id: a.id, code: a.code, title: a.title, body: a.body.length > 300 ? `${a.body.slice(0, 297)}…` : a.body, url: `/app/alerts#${a.code}` },
    // Kept for an offline phone until the alert expires (push services keep at most about four weeks).
    ttlSeconds: Math.max(60, Math.min(28 * 86_400, Math.floor((a.expires_at.getTime() - now.getTime()) / 1000))),
    urgency: urgent ? 'high' : a.kind === 'warning' ? 'normal' : 'low',
    topic: a.code.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
  };
}

async function runFanout(ctx: PushContext, job: PushJobRow, now: Date): Promise<void> {
  const alert = job.alert_id ? await findAlert(ctx.db, { id: job.alert_id }) : undefined;
  const ref = await referenceData(ctx);
  if (alert && alert.state === 'sent') {
    const unitOf = (v: string, c: string) => ref.unit(v, c);
    const audience = alert.audience_units.flatMap((c) => ref.unit(alert.structure_version, c) ?? []);
    const residences = audienceResidences(audience, await listUnits(ctx.db, {}), await allSuccessions(ctx.db), unitOf);
    await ctx.db.transaction().execute(async (tx) => {
      await insertBatchJobs(tx, { alertId: alert.id, residences, batchSize: BATCH_SIZE, at: now });
      await finishPushJob(tx, job.id, { sent: 0, gone: 0, failed: 0, skipped: 0, lastError: null, at: now });
    });
  } else await finishPushJob(ctx.db, job.id, { sent: 0, gone: 0, failed: 0, skipped: 0, lastError: alert ? `alert ${alert.state}` : 'no such alert', at: now });
}

/** What a batch pushes: the alert (null when it must not go out any more), or the notice queued with it. */
async function messageOfJob(ctx: PushContext, job: PushJobRow, now: Date): Promise<PushMessage | null> {
  if (job.kind === 'notice')
    return { payload: job.payload ?? {}, ttlSeconds: 7 * 86_400, urgency: job.payload?.urgent === true ? 'high' : 'normal' };
  const alert = job.alert_id ? await findAlert(ctx.db, { id: job.alert_id }) : undefined;
  // Never delivered: an alert cancelled, or expired, before this batch ran.
  if (!alert || alert.state !== 'sent' || alert.expires_at.getTime() <= now.getTime()) return null;
  return messageOf(alert, now);
}

async function runBatch(ctx: PushContext, sender: WebPushSender, job: PushJobRow, now: Date): Promise<void> {
  const ids = job.subscription_ids ?? [];
  const message = await messageOfJob(ctx, job, now);
  if (!message) {
    await finishPushJob(ctx.db, job.id, { sent: 0, gone: 0, failed: 0, skipped: ids.length, lastError: null, at: now });
    return;
  }
  const subs = await liveSubscriptions(ctx.db, ids);
  const sent: string[] = [];
  const gone: string[] = [];
  const retry: string[] = [];
  let refused = 0;
  let waitMs = 0;
  let lastError: string | null = null;
  for (let i = 0; i < subs.length; i += CONCURRENCY) {
    await Promise.all(
      subs.slice(i, i + CONCURRENCY).map(async (s) => {
        const r = await sender.send(s, message);
        if (r.kind === 'sent') sent.push(s.id);
        else if (r.kind === 'gone') gone.push(s.id);
        else if (r.kind === 'retry') {
          retry.push(s.id);
          waitMs = Math.max(waitMs, r.retryAfterMs ?? 0);
          lastError = r.detail;
        } else {
          refused++;
          lastError = r.detail;
        }
      }),
    );
  }
  const last = job.generation + 1 >= MAX_GENERATIONS;
  await ctx.db.transaction().execute(async (tx) => {
    await markSubscriptionsSent(tx, sent, now);
    await markSubscriptionsGone(tx, gone, now, 'gone');
    if (retry.length && !last) await insertRetryBatch(tx, job, { subscriptionIds: retry, runAt: new Date(now.getTime() + Math.max(waitMs, backoffMs(job.generation, { baseMs: BACKOFF_BASE_MS }))), at: now });
    await finishPushJob(tx, job.id, { sent: sent.length, gone: gone.length, failed: refused + (last ? retry.length : 0), skipped: ids.length - subs.length, lastError, at: now });
  });
}

/** How far back the runner looks for inbox events to push: longer than any outage it should catch up on. */
const NOTICE_LOOKBACK_MS = 60 * 60_000;
const RECEIVING_ROLES = (Object.entries(ROLE_GRANTS) as [string, (typeof ROLE_GRANTS)[keyof typeof ROLE_GRANTS]][]).filter(([, g]) => g.permissions.includes('report.receive'));

/** Who an inbox event is for, and what their devices show: the same allow-lists as the inbox itself. */
async function noticeOf(ctx: PushContext, e: AuditEventRef): Promise<{ userIds: string[]; payload: Record<string, unknown> } | null> {
  if (e.subjectType === 'user' && ACCOUNT_NOTIFICATION_ACTIONS.includes(e.action)) {
    if (e.actorId === e.subjectId) return null;
    return { userIds: [e.subjectId], payload: { type: 'notice', title: accountNotificationTitle(e.action, e.payload), url: '/app/profile' } };
  }
  if (e.subjectType === BOOKING_SUBJECT) {
    // A reception booking: its citizen, unless they did it themself.
    const booking = BOOKING_NOTIFICATION_ACTIONS.includes(e.action) ? await findBooking(ctx.db, e.subjectId) : undefined;
    if (!booking || e.actorId === booking.citizen_id) return null;
    return { userIds: [booking.citizen_id], payload: { type: 'notice', title: bookingNotificationTitle(e.action, booking.code, e.payload), url: `/app/reception/bookings/${booking.id}`, bookingCode: booking.code } };
  }
  const report = await findReport(ctx.db, { id: e.subjectId });
  if (!report) return null;
  const payload = { type: 'notice', title: notificationTitle(e.action, report.kind, report.code), url: `/app/reports/${report.id}?code=${report.code}`, reportCode: report.code };
  if (e.subjectType === INTEGRITY_SUBJECT) {
    const userIds = await staffInRoles(ctx.db, {
      agencyId: report.receiving_agency_id,
      agencyRoles: RECEIVING_ROLES.filter(([, g]) => g.scope === 'agency').map(([r]) => r),
      cityRoles: RECEIVING_ROLES.filter(([, g]) => g.scope === 'city').map(([r]) => r),
    });
    return { userIds, payload: { ...payload, url: `/staff/reports/${report.id}`, urgent: true } };
  }
  const reporter = REPORTER_NOTIFICATION_ACTIONS.includes(e.action) && e.actorId !== report.reporter_id ? [report.reporter_id] : [];
  const followers = FOLLOWER_NOTIFICATION_ACTIONS.includes(e.action) ? await followersSince(ctx.db, report.id, e.occurredAt) : [];
  return { userIds: [...new Set([...reporter, ...followers])], payload };
}

/**
 * The inbox's notifications as web push (issue 6 item 5): events of the last hour that some inbox shows and that
 * were not pushed yet are recorded once — whichever server gets there first — with notice batches for their
 * recipients' devices.
 */
export async function queueNotificationPushes(ctx: PushContext, now: Date): Promise<number> {
  const actions = [...new Set([...REPORTER_NOTIFICATION_ACTIONS, ...ACCOUNT_NOTIFICATION_ACTIONS, ...STAFF_NOTIFICATION_ACTIONS, ...BOOKING_NOTIFICATION_ACTIONS])];
  let queued = 0;
  for (const e of await unhandledEvents(ctx.db, { since: new Date(now.getTime() - NOTICE_LOOKBACK_MS), actions, handledIn: 'notification_pushes', limit: 500 })) {
    const notice = await noticeOf(ctx, e);
    const done = await ctx.db.transaction().execute((tx) => queueNotice(tx, { eventId: e.id, userIds: notice?.userIds ?? [], payload: notice?.payload ?? {}, batchSize: BATCH_SIZE, at: now }));
    if (done && notice?.userIds.length) queued++;
  }
  return queued;
}

/** Runs due jobs until none is due; returns how many ran. */
export async function runPushJobs(ctx: PushContext, sender: WebPushSender, limit = 1000): Promise<number> {
  await queueNotificationPushes(ctx, ctx.clock.now());
  let ran = 0;
  while (ran < limit) {
    const now = ctx.clock.now();
    const job = await claimPushJob(ctx.db, now, LOCK_MS);
    if (!job) break;
    if (job.kind === 'alert_fanout') await runFanout(ctx, job, now);
    else await runBatch(ctx, sender, job, now);
    ran++;
  }
  return ran;
}
