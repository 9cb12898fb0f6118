/** Web push (migration 0016, issue 6): settings, subscriptions and the delivery queue — the only SQL of push. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { PushJobsTable, PushSubscriptionsTable } from '../schema/push.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type PushJobRow = Selectable<PushJobsTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export async function readSetting(q: Q, key: string): Promise<string | undefined> {
  return (await q.selectFrom('platform_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Stores the setting unless another server stored it first; returns the stored value either way. */
export async function writeSettingOnce(q: Q, key: string, value: string, at: Date): Promise<string> {
  await q.insertInto('platform_settings').values({ key, value, created_at: at }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await readSetting(q, key))!;
}

/** Adds (or gives back to this user) the subscription of an endpoint. */
export async function upsertSubscription(q: Q, s: { id: string; userId: string; endpoint: string; p256dh: string; auth: string; at: Date }): Promise<PushSubscriptionRow> {
  return q
    .insertInto('push_subscriptions')
    .values({ id: s.id, user_id: s.userId, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth, created_at: s.at })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: s.userId, p256dh: s.p256dh, auth: s.auth, created_at: s.at, removed_at: null, removed_reason: null }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function removeSubscription(q: Q, f: { userId: string; endpoint: string; at: Date; reason: string }): Promise<boolean> {
  const r = await q
    .updateTable('push_subscriptions')
    .set({ removed_at: f.at, removed_reason: f.reason })
    .where('user_id', '=', f.userId)
    .where('endpoint', '=', f.endpoint)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertFanoutJob(tx: Q, job: { id: string; alertId: string; at: Date }): Promise<void> {
  await tx.insertInto('push_jobs').values({ id: job.id, kind: 'alert_fanout', alert_id: job.alertId, subscription_ids: null, state: 'queued', run_at: job.at, created_at: job.at }).execute();
}

/**
 * Splits the live subscriptions of users living in `residences` (structure version + unit code) into batch jobs of
 * `batchSize`, in one statement whatever their number. Returns how many subscriptions were queued.
 */
export async function insertBatchJobs(tx: Q, f: { alertId: string; residences: readonly { version: string; code: string }[]; batchSize: number; at: Date }): Promise<number> {
  if (f.residences.length === 0) return 0;
  const { rows } = await sql<{ n: number | string }>`
    WITH targets AS (
      SELECT s.id, (row_number() OVER (ORDER BY s.id) - 1) / ${f.batchSize} AS batch
      FROM push_subscriptions s JOIN users u ON u.id = s.user_id
      WHERE s.removed_at IS NULL
        AND (u.residence_structure_version, u.residence_unit_code) IN (SELECT * FROM unnest(${f.residences.map((r) => r.version)}::text[], ${f.residences.map((r) => r.code)}::text[]))
    ), jobs AS (
      INSERT INTO push_jobs (id, kind, alert_id, subscription_ids, state, run_at, created_at)
      SELECT gen_random_uuid(), 'alert_batch', ${f.alertId}::uuid, array_agg(id ORDER BY id), 'queued', ${f.at}::timestamptz, ${f.at}::timestamptz
      FROM targets GROUP BY batch
      RETURNING cardinality(subscription_ids) AS n
    )
    SELECT coalesce(sum(n), 0) AS n FROM jobs`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

/** Takes the next due job (or one whose runner stopped before it finished: its lock expired) for this runner. */
export async function claimPushJob(q: Q, now: Date, lockMs: number): Promise<PushJobRow | undefined> {
  const { rows } = await sql<PushJobRow>`
    UPDATE push_jobs SET state = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + lockMs)}
    WHERE id = (
      SELECT id FROM push_jobs
      WHERE (state = 'queued' AND run_at <= ${now}) OR (state = 'running' AND locked_until < ${now})
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(q);
  return rows[0];
}

export async function finishPushJob(q: Q, id: string, r: { sent: number; gone: number; failed: number; skipped: number; lastError: string | null; at: Date }): Promise<void> {
  await q
    .updateTable('push_jobs')
    .set({ state: 'done', sent: r.sent, gone: r.gone, failed: r.failed, skipped: r.skipped, last_error: r.lastError, finished_at: r.at, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** The same batch again, for the subscriptions whose push service asked to come back later. */
export async function insertRetryBatch(q: Q, job: PushJobRow, retry: { subscriptionIds: readonly string[]; runAt: Date; at: Date }): Promise<void> {
  await q
    .insertInto('push_jobs')
    .values({
      id: crypto.randomUUID(),
      kind: job.kind,
      alert_id: job.alert_id,
      event_id: job.event_id,
      payload: job.payload === null ? null : JSON.stringify(job.payload),
      subscription_ids: [...retry.subscriptionIds],
      generation: job.generation + 1,
      state: 'queued',
      run_at: retry.runAt,
      created_at: retry.at,
    })
    .execute();
}

export async function liveSubscriptions(q: Q, ids: readonly string[]): Promise<PushSubscriptionRow[]> {
  if (ids.length === 0) return [];
  return q.selectFrom('push_subscriptions').selectAll().where('id', 'in', [...ids]).where('removed_at', 'is', null).execute();
}

export async function markSubscriptionsSent(q: Q, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length) await q.updateTable('push_subscriptions').set({ last_sent_at: at }).where('id', 'in', [...ids]).execute();
}

export async function markSubscriptionsGone(q: Q, ids: readonly string[], at: Date, reason: string): Promise<void> {
  if (ids.length) await q.updateTable('push_subscriptions').set({ removed_at: at, removed_reason: reason }).where('id', 'in', [...ids]).where('removed_at', 'is', null).execute();
}

/** Delivery of one alert: subscriptions queued (not yet tried or waiting to retry), sent, gone, failed, skipped. */
export async function deliveryOfAlert(q: Q, alertId: string): Promise<{ queued: number; sent: number; gone: number; failed: number; skipped: number }> {
  const r = await q
    .selectFrom('push_jobs')
    .where('alert_id', '=', alertId)
    .where('kind', '=', 'alert_batch')
    .select([
      sql<number>`coalesce(sum(cardinality(subscription_ids)) FILTER (WHERE state <> 'done'), 0)`.as('queued'),
      sql<number>`coalesce(sum(sent), 0)`.as('sent'),
      sql<number>`coalesce(sum(gone), 0)`.as('gone'),
      sql<number>`coalesce(sum(failed), 0)`.as('failed'),
      sql<number>`coalesce(sum(skipped), 0)`.as('skipped'),
    ])
    .executeTakeFirstOrThrow();
  return { queued: Number(r.queued), sent: Number(r.sent), gone: Number(r.gone), failed: Number(r.failed), skipped: Number(r.skipped) };
}

/** Those following the report since before `at`. */
export async function followersSince(q: Q, reportId: string, at: Date): Promise<string[]> {
  return (await q.selectFrom('report_followers').select('user_id').where('report_id', '=', reportId).where('followed_at', '<=', at).execute()).map((r) => r.user_id);
}

/** Staff holding one of `agencyRoles` at the agency, or one of `cityRoles` anywhere. */
export async function staffInRoles(q: Q, f: { agencyId: string; agencyRoles: readonly string[]; cityRoles: readonly string[] }): Promise<string[]> {
  const rows = await q
    .selectFrom('memberships')
    .select('user_id')
    .distinct()
    .where((eb) =>
      eb.or([
        ...(f.agencyRoles.length ? [eb.and([eb('agency_id', '=', f.agencyId), eb('role', 'in', [...f.agencyRoles])])] : []),
        ...(f.cityRoles.length ? [eb('role', 'in', [...f.cityRoles])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Records the event as pushed (false when another server did first) and queues notice batches for the recipients'
 * live subscriptions, in the caller's transaction.
 */
export async function queueNotice(tx: Q, f: { eventId: string; userIds: readonly string[]; payload: Record<string, unknown>; batchSize: number; at: Date }): Promise<boolean> {
  const mine = await tx
    .insertInto('notification_pushes')
    .values({ event_id: f.eventId, recipients: f.userIds.length, queued_at: f.at })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  if (!mine || f.userIds.length === 0) return Boolean(mine);
  await sql`
    INSERT INTO push_jobs (id, kind, event_id, payload, subscription_ids, state, run_at, created_at)
    SELECT gen_random_uuid(), 'notice', ${f.eventId}::uuid, ${JSON.stringify(f.payload)}::jsonb, array_agg(id ORDER BY id), 'queued', ${f.at}::timestamptz, ${f.at}::timestamptz
    FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${f.batchSize} AS batch FROM push_subscriptions WHERE removed_at IS NULL AND user_id = ANY(${[...f.userIds]}::uuid[])) s
    GROUP BY batch`.execute(tx);
  return true;
}
