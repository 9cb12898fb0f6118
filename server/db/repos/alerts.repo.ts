/** Alerts to residents (migration 0015, issue 6): the only SQL of the alerts module. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { AlertState, IssuingLevel } from '../../domain/alerts/index.ts';
import type { DB } from '../schema.ts';
import type { AlertsTable } from '../schema/alerts.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type AlertRow = Selectable<AlertsTable>;

/** `TB-2026-000123` (thông báo): the year and the next number of alert_code_seq. */
export async function nextAlertCode(q: Q, year: number): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`SELECT nextval('alert_code_seq') AS n`.execute(q);
  return `TB-${year}-${String(Number(rows[0]!.n)).padStart(6, '0')}`;
}

export async function insertAlert(tx: Q, row: Insertable<AlertsTable>): Promise<AlertRow> {
  return tx.insertInto('alerts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAlert(q: Q, by: { id: string } | { code: string }): Promise<AlertRow | undefined> {
  const query = q.selectFrom('alerts').selectAll();
  return ('id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)).executeTakeFirst();
}

/** Applies `changes` only if the alert is still at `expectedVersion`; the updated row, or undefined when another action won. */
export async function updateAlertIfVersion(tx: Q, id: string, expectedVersion: number, changes: Updateable<AlertsTable>): Promise<AlertRow | undefined> {
  return tx
    .updateTable('alerts')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** Alerts issued by these agencies ('all': every agency), newest first. */
export async function listAlerts(q: Q, f: { agencies: 'all' | readonly string[]; states?: readonly AlertState[]; limit: number; offset: number }): Promise<{ rows: AlertRow[]; total: number }> {
  if (f.agencies !== 'all' && f.agencies.length === 0) return { rows: [], total: 0 };
  let query = q.selectFrom('alerts');
  if (f.agencies !== 'all') query = query.where('issuing_agency_id', 'in', [...f.agencies]);
  if (f.states?.length) query = query.where('state', 'in', [...f.states]);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Alerts sent (and not cancelled) since `since` by agencies of these levels: the candidates of the no-re-send rule. */
export async function sentAlertsSince(q: Q, f: { since: Date; levels: readonly IssuingLevel[] }): Promise<AlertRow[]> {
  if (f.levels.length === 0) return [];
  return q.selectFrom('alerts').selectAll().where('state', '=', 'sent').where('sent_at', '>=', f.since).where('level', 'in', [...f.levels]).orderBy('sent_at', 'desc').execute();
}

/** Scheduled alerts whose time has come, oldest first. */
export async function dueScheduledAlerts(q: Q, now: Date, limit: number): Promise<AlertRow[]> {
  return q.selectFrom('alerts').selectAll().where('state', '=', 'scheduled').where('scheduled_at', '<=', now).orderBy('scheduled_at').limit(limit).execute();
}

/**
 * Whether the alert `a` is read by the account whose marker is `m` (its alert_read_marks row, if any) and whose
 * single read of `a` is `r` (its alert_reads row, if any): sent up to the marker, or read one by one. The one
 * definition of "read" — the inbox and the alert figures (alert-figures.repo.ts) share it.
 */
export const alertReadByMarker = sql<boolean>`(a.sent_at <= coalesce(m.read_up_to, '-infinity'::timestamptz))`;
export const alertRead = sql<boolean>`(${alertReadByMarker} OR r.alert_id IS NOT NULL)`;

export interface ResidentInboxRow extends AlertRow {
  read: boolean;
}

/**
 * A resident's alerts: sent alerts whose audience shares a key with `keys` (their residence and its ancestors),
 * newest first, each with whether it is read (sent up to the account's marker, or read one by one). `unread`
 * counts those in force at `now` (not cancelled, not expired) and not read.
 */
export async function residentInbox(
  q: Q,
  f: { userId: string; keys: readonly string[]; now: Date; unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: ResidentInboxRow[]; total: number; unread: number }> {
  if (f.keys.length === 0) return { rows: [], total: 0, unread: 0 };
  const keys = sql`${[...f.keys]}::text[]`;
  const unreadWhere = sql<boolean>`NOT ${alertRead} AND a.state = 'sent' AND a.expires_at > ${f.now}`;
  // The resident's alerts first, through the audience index (materialized: left to itself, the planner walks the
  // sent_at index and filters nearly every alert — 4 ms against 2 ms at 10,000 alerts), then read state and order.
  let base = q
    .with(
      (cte) => cte('a').materialized(),
      (w) => w.selectFrom('alerts').selectAll().where('sent_at', 'is not', null).where(sql<boolean>`audience_keys && ${keys}`),
    )
    .selectFrom('a')
    .leftJoin('alert_read_marks as m', (j) => j.on('m.user_id', '=', f.userId))
    // The resident's single reads first, then joined: one small hash, not a probe per alert.
    .leftJoin(q.selectFrom('alert_reads').select('alert_id').where('user_id', '=', f.userId).as('r'), 'r.alert_id', 'a.id');
  if (f.unreadOnly) base = base.where(unreadWhere);
  // One pass: the page and, over the whole match (window functions run before LIMIT), the counts.
  const rows = await base
    .selectAll('a')
    .select([alertRead.as('read'), sql<number>`count(*) OVER ()`.as('total_count'), sql<number>`count(*) FILTER (WHERE ${unreadWhere}) OVER ()`.as('unread_count')])
    .orderBy('a.sent_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  if (rows.length === 0 && f.offset > 0) {
    // A page past the end: the counts still say how many there are.
    const c = await base.select([sql<number>`count(*)`.as('total_count'), sql<number>`count(*) FILTER (WHERE ${unreadWhere})`.as('unread_count')]).executeTakeFirstOrThrow();
    return { rows: [], total: Number(c.total_count), unread: Number(c.unread_count) };
  }
  const first = rows[0];
  return {
    rows: rows.map(({ total_count: _t, unread_count: _u, ...a }) => a),
    total: first ? Number(first.total_count) : 0,
    unread: first ? Number(first.unread_count) : 0,
  };
}

/** Moves the account's marker forward to `upTo` (never back). */
export async function markAlertsReadUpTo(q: Q, userId: string, upTo: Date): Promise<void> {
  await q
    .insertInto('alert_read_marks')
    .values({ user_id: userId, read_up_to: upTo })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ read_up_to: sql`greatest(alert_read_marks.read_up_to, excluded.read_up_to)` }))
    .execute();
}

/** Marks read those of `alertIds` that were sent to the resident (audience sharing a key with `keys`). */
export async function markAlertsRead(q: Q, f: { userId: string; keys: readonly string[]; alertIds: readonly string[]; at: Date }): Promise<void> {
  if (f.alertIds.length === 0 || f.keys.length === 0) return;
  await q
    .insertInto('alert_reads')
    .columns(['user_id', 'alert_id', 'read_at'])
    .expression(
      q
        .selectFrom('alerts')
        .select([sql<string>`${f.userId}::uuid`.as('user_id'), 'id', sql<Date>`${f.at}::timestamptz`.as('read_at')])
        .where('id', 'in', [...f.alertIds])
        .where('sent_at', 'is not', null)
        .where(sql<boolean>`audience_keys && ${[...f.keys]}::text[]`),
    )
    .onConflict((oc) => oc.columns(['user_id', 'alert_id']).doNothing())
    .execute();
}

/** Sent alerts still in force at `now` — and those cancelled after being sent, so readers learn of it — newest change first. */
export async function alertsInForce(q: Q, now: Date, limit: number): Promise<AlertRow[]> {
  return q.selectFrom('alerts').selectAll().where('sent_at', 'is not', null).where('expires_at', '>', now).orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Alerts sent at or after `since`, oldest first: what the live stream pushes to connected residents. */
export async function alertsSentSince(q: Q, since: Date, limit: number): Promise<AlertRow[]> {
  return q.selectFrom('alerts').selectAll().where('sent_at', '>=', since).orderBy('sent_at').orderBy('id').limit(limit).execute();
}
