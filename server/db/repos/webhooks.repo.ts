/** Webhooks (migration 0020, issue 8 item 2): endpoints, events and the delivery queue — the only SQL of webhooks. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema/webhooks.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

/** What the runner needs to send one delivery. */
export interface ClaimedDelivery extends WebhookDeliveryRow {
  url: string;
  secret_enc: string;
  type: string;
  body: string;
}

/** One server at a time turns audit events into webhook events (the order of `seq` is then the events' order). */
const FANOUT_LOCK = 7_240_020;

export async function insertEndpoint(q: Q, e: { id: string; url: string; description: string | null; secretEnc: string; events: readonly string[]; createdBy: string; at: Date }): Promise<WebhookEndpointRow> {
  return q
    .insertInto('webhook_endpoints')
    .values({ id: e.id, url: e.url, description: e.description, secret_enc: e.secretEnc, events: [...e.events], state: 'active', created_by: e.createdBy, created_at: e.at, updated_at: e.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEndpoint(q: Q, id: string): Promise<WebhookEndpointRow | undefined> {
  return q.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('state', '<>', 'deleted').executeTakeFirst();
}

export async function listEndpoints(q: Q): Promise<WebhookEndpointRow[]> {
  return q.selectFrom('webhook_endpoints').selectAll().where('state', '<>', 'deleted').orderBy('created_at').orderBy('id').execute();
}

export async function updateEndpoint(q: Q, id: string, changes: { state?: 'active' | 'paused' | 'deleted'; events?: readonly string[]; at: Date }): Promise<WebhookEndpointRow | undefined> {
  return q
    .updateTable('webhook_endpoints')
    .set({ ...(changes.state ? { state: changes.state } : {}), ...(changes.events ? { events: [...changes.events] } : {}), updated_at: changes.at })
    .where('id', '=', id)
    .where('state', '<>', 'deleted')
    .returningAll()
    .executeTakeFirst();
}

/** Deliveries per state of each endpoint (for the list). */
export async function deliveryCounts(q: Q, endpointIds: readonly string[]): Promise<Map<string, Record<'pending' | 'running' | 'delivered' | 'failed', number>>> {
  const out = new Map<string, Record<'pending' | 'running' | 'delivered' | 'failed', number>>();
  if (endpointIds.length === 0) return out;
  const rows = await q
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'state', sql<number>`count(*)::int`.as('n')])
    .where('endpoint_id', 'in', [...endpointIds])
    .groupBy(['endpoint_id', 'state'])
    .execute();
  for (const id of endpointIds) out.set(id, { pending: 0, running: 0, delivered: 0, failed: 0 });
  for (const r of rows) out.get(r.endpoint_id)![r.state] = Number(r.n);
  return out;
}

export async function listDeliveries(q: Q, f: { endpointId: string; state?: string; limit: number; offset: number }) {
  let query = q.selectFrom('webhook_deliveries as d').innerJoin('webhook_events as e', 'e.id', 'd.event_id').where('d.endpoint_id', '=', f.endpointId);
  if (f.state) query = query.where('d.state', '=', f.state as WebhookDeliveryRow['state']);
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['d.id', 'd.event_id', 'e.type', 'e.subject_key', 'e.occurred_at', 'd.state', 'd.attempts', 'd.next_attempt_at', 'd.first_attempt_at', 'd.last_attempt_at', 'd.last_status', 'd.last_error', 'd.finished_at', 'd.created_at'])
    .orderBy('d.seq', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * Runs `fn` holding the fan-out lock for this transaction; returns null without running it when another server
 * holds it (that server is doing the work).
 */
export async function withFanoutLock<T>(tx: Transaction<DB>, fn: () => Promise<T>): Promise<T | null> {
  const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${FANOUT_LOCK}) AS ok`.execute(tx);
  return rows[0]?.ok ? fn() : null;
}

/** Endpoints that may receive events now or later (active or paused), oldest first. */
export async function liveEndpoints(q: Q): Promise<Pick<WebhookEndpointRow, 'id' | 'events' | 'created_at'>[]> {
  return q.selectFrom('webhook_endpoints').select(['id', 'events', 'created_at']).where('state', 'in', ['active', 'paused']).orderBy('created_at').execute();
}

/**
 * Records that the audit event was handled, and each webhook event it gave with a delivery to every endpoint in
 * `endpointIds` (in the caller's transaction, under the fan-out lock).
 */
export async function insertWebhookEvents(
  tx: Transaction<DB>,
  f: { sourceEventId: string; at: Date; events: readonly { id: string; type: string; subjectKey: string; occurredAt: Date; body: string; endpointIds: readonly string[] }[] },
): Promise<number> {
  let deliveries = 0;
  for (const e of f.events) {
    const row = await tx
      .insertInto('webhook_events')
      .values({ id: e.id, source_event_id: f.sourceEventId, type: e.type, subject_key: e.subjectKey, occurred_at: e.occurredAt, body: e.body, created_at: f.at })
      .returning('seq')
      .executeTakeFirstOrThrow();
    if (e.endpointIds.length === 0) continue;
    await tx
      .insertInto('webhook_deliveries')
      .values(e.endpointIds.map((endpointId) => ({ id: crypto.randomUUID(), endpoint_id: endpointId, event_id: e.id, subject_key: e.subjectKey, seq: row.seq, state: 'pending' as const, next_attempt_at: f.at, created_at: f.at })))
      .execute();
    deliveries += e.endpointIds.length;
  }
  await tx.insertInto('webhook_sources').values({ event_id: f.sourceEventId, events: f.events.length, handled_at: f.at }).execute();
  return deliveries;
}

/**
 * Takes the next due delivery of an active endpoint — or one whose runner stopped (its lock expired) — unless an
 * earlier event of the same subject is still undelivered at that endpoint: a subject's events go out in order.
 * `FOR UPDATE SKIP LOCKED` and the state re-checked on the locked row make each delivery taken by one runner.
 */
export async function claimDelivery(q: Q, now: Date, lockMs: number): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<ClaimedDelivery>`
    WITH claimed AS (
      UPDATE webhook_deliveries SET state = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + lockMs)},
        first_attempt_at = coalesce(first_attempt_at, ${now}), last_attempt_at = ${now}
      WHERE id = (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
        WHERE w.state = 'active'
          AND ((d.state = 'pending' AND d.next_attempt_at <= ${now}) OR (d.state = 'running' AND d.locked_until < ${now}))
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries p
            WHERE p.endpoint_id = d.endpoint_id AND p.subject_key = d.subject_key AND p.seq < d.seq AND p.state IN ('pending', 'running')
          )
        ORDER BY d.next_attempt_at, d.seq
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED
      )
      AND (state = 'pending' OR (state = 'running' AND locked_until < ${now}))
      RETURNING *
    )
    SELECT c.*, w.url, w.secret_enc, e.type, e.body
    FROM claimed c JOIN webhook_endpoints w ON w.id = c.endpoint_id JOIN webhook_events e ON e.id = c.event_id`.execute(q);
  return rows[0];
}

/**
 * The outcome of an attempt, written only while the delivery is still this attempt's (`attempts` unchanged and
 * still running): a runner whose lock expired meanwhile cannot overwrite the one that took it over.
 */
export async function finishAttempt(
  q: Q,
  d: { id: string; attempts: number },
  r: { state: 'delivered' | 'failed' | 'pending'; status: number | null; error: string | null; nextAttemptAt: Date | null; at: Date },
): Promise<boolean> {
  const res = await q
    .updateTable('webhook_deliveries')
    .set({
      state: r.state,
      last_status: r.status,
      last_error: r.error,
      locked_until: null,
      ...(r.nextAttemptAt ? { next_attempt_at: r.nextAttemptAt } : {}),
      ...(r.state === 'pending' ? {} : { finished_at: r.at }),
    })
    .where('id', '=', d.id)
    .where('attempts', '=', d.attempts)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
