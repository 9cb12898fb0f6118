/**
 * The webhook runner (issue 8 item 2, ADR 0010), started by every server on a timer (`WEBHOOK_WORKER_SECONDS`).
 *
 * 1. Fan-out: audit events that integrators follow (events.ts) and that no server handled yet become webhook
 *    events — their body fixed now, from the public presenter — with one delivery per endpoint that wants them and
 *    existed when the event happened. One server at a time (a transaction-scoped advisory lock), oldest event
 *    first, so the order of `seq` is the order of events.
 * 2. Delivery: due deliveries are taken one at a time per worker (`FOR UPDATE SKIP LOCKED`, a lock that expires
 *    if the runner dies) and POSTed, signed. A delivery is not taken while an earlier event of the same report (or
 *    alert) is undelivered at that endpoint: a receiver that was down gets a report's events later, in order.
 *    A failure is retried with exponential backoff (or the receiver's Retry-After) until WEBHOOK_GIVE_UP_HOURS
 *    after the first attempt, then marked failed — visible in the endpoint's history — and the next event goes.
 */
import { uuidv7 } from 'uuidv7';
import { backoffMs } from '../../adapters/retry.ts';
import type { WebhookSender } from '../../adapters/webhooks/webhook-sender.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { unhandledEvents, type AuditEventRef } from '../../db/repos/audit.repo.ts';
import { findAlert, type AlertRow } from '../../db/repos/alerts.repo.ts';
import { findReport, type ReportRow } from '../../db/repos/reports.repo.ts';
import { claimDelivery, finishAttempt, insertWebhookEvents, liveEndpoints, withFanoutLock, type ClaimedDelivery } from '../../db/repos/webhooks.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData, type ReferenceData } from '../reference/reference-data.ts';
import { reportNames, type ReportNames } from '../reports/read-reports.ts';
import { WEBHOOK_SOURCE_ACTIONS, webhookTypesOf } from './events.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'pii'>;

/**
 * What integrators see of a report or an alert: the public presenters' allow-lists (server/http/presenters/webhook.ts),
 * handed in by the composition root so that this layer never builds a view of its own. `report` gives null for a
 * report the public may not see (rejected: R-6.2e advertising, R-5.2 abuse).
 */
export interface WebhookPresenter {
  report(r: ReportRow, names: ReportNames): Record<string, unknown> | null;
  alert(a: AlertRow, ref: ReferenceData): Record<string, unknown>;
}

export interface WebhookDeps {
  sender: WebhookSender;
  present: WebhookPresenter;
}

/** How far back the fan-out looks for events not handled yet: longer than any stop of every server it should catch up on. */
const LOOKBACK_MS = 7 * 86_400_000;
const FANOUT_BATCH = 200;
const LOCK_MS = 2 * 60_000;
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
const CONCURRENCY = 8;

async function bodyOf(ctx: Ctx, deps: WebhookDeps, e: AuditEventRef, type: string, id: string, names: ReportNames, ref: ReferenceData): Promise<string | null> {
  let data: Record<string, unknown>;
  if (e.subjectType === 'alert') {
    const alert = await findAlert(ctx.db, { id: e.subjectId });
    if (!alert) return null;
    data = { alert: deps.present.alert(alert, ref) };
  } else {
    const report = await findReport(ctx.db, { id: e.subjectId });
    if (!report) return null;
    data = { report: deps.present.report(report, names), change: { action: e.action.replace(/^report\./, ''), from: e.fromState, to: e.toState } };
  }
  return JSON.stringify({ id, event: type, occurredAt: formatVietnamTime(e.occurredAt), data });
}

/**
 * Turns audit events not handled yet into webhook events and deliveries; returns the deliveries queued (0 when
 * another server is doing it now).
 */
export async function queueWebhookEvents(ctx: Ctx, deps: WebhookDeps): Promise<number> {
  const now = ctx.clock.now();
  const endpoints = await liveEndpoints(ctx.db);
  if (endpoints.length === 0) return 0;
  // Nothing before the oldest endpoint can be for anyone.
  const since = new Date(Math.max(now.getTime() - LOOKBACK_MS, Math.min(...endpoints.map((x) => x.created_at.getTime()))));
  // Read before the transaction (PGlite has one connection; the reference data may query).
  const names = await reportNames(ctx);
  const ref = await referenceData(ctx);
  const queued = await ctx.db.transaction().execute((tx) =>
    withFanoutLock(tx, async () => {
      let n = 0;
      for (const e of await unhandledEvents(tx, { since, actions: WEBHOOK_SOURCE_ACTIONS, handledIn: 'webhook_sources', limit: FANOUT_BATCH })) {
        const events = [];
        for (const type of webhookTypesOf(e)) {
          const id = uuidv7();
          const body = await bodyOf({ ...ctx, db: tx }, deps, e, type, id, names, ref);
          if (body === null) continue;
          const endpointIds = endpoints.filter((x) => x.events.includes(type) && x.created_at.getTime() <= e.occurredAt.getTime()).map((x) => x.id);
          events.push({ id, type, subjectKey: `${e.subjectType}:${e.subjectId}`, occurredAt: e.occurredAt, body, endpointIds });
        }
        n += await insertWebhookEvents(tx, { sourceEventId: e.id, at: now, events });
      }
      return n;
    }),
  );
  return queued ?? 0;
}

async function attempt(ctx: Ctx, deps: WebhookDeps, d: ClaimedDelivery, now: Date): Promise<'delivered' | 'retry' | 'failed'> {
  const eventId = (JSON.parse(d.body) as { id: string }).id;
  const r = await deps.sender.send({ url: d.url, secret: ctx.pii.decrypt(d.secret_enc), body: d.body, timestamp: Math.floor(now.getTime() / 1000), event: d.type, eventId, deliveryId: d.id });
  if (r.kind === 'delivered') {
    await finishAttempt(ctx.db, d, { state: 'delivered', status: r.status, error: null, nextAttemptAt: null, at: now });
    return 'delivered';
  }
  const firstAttempt = d.first_attempt_at ?? now;
  const giveUp = now.getTime() - firstAttempt.getTime() >= ctx.config.webhookGiveUpHours * 3_600_000;
  const wait = Math.min(BACKOFF_MAX_MS, Math.max(backoffMs(d.attempts - 1, { baseMs: BACKOFF_BASE_MS, maxMs: BACKOFF_MAX_MS }), r.retryAfterMs ?? 0));
  await finishAttempt(ctx.db, d, { state: giveUp ? 'failed' : 'pending', status: r.status, error: r.detail, nextAttemptAt: giveUp ? null : new Date(now.getTime() + wait), at: now });
  return giveUp ? 'failed' : 'retry';
}

/** One run: the fan-out, then due deliveries until none is due (or `limit` attempts). */
export async function runWebhooks(ctx: Ctx, deps: WebhookDeps, limit = 1000): Promise<{ queued: number; delivered: number; retried: number; failed: number }> {
  const queued = await queueWebhookEvents(ctx, deps);
  const out = { queued, delivered: 0, retried: 0, failed: 0 };
  let taken = 0;
  const worker = async () => {
    while (taken < limit) {
      const now = ctx.clock.now();
      const d = await claimDelivery(ctx.db, now, LOCK_MS);
      if (!d) return;
      taken++;
      const r = await attempt(ctx, deps, d, now);
      if (r === 'delivered') out.delivered++;
      else if (r === 'retry') out.retried++;
      else out.failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return out;
}
