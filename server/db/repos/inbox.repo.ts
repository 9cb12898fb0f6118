/**
 * The reporter's inbox: notifications are the audit events of the reporter's own reports — and of their
 * account (R-27.3 sanctions), and of the reports they follow (issue 5, "Tôi cũng gặp vấn đề này") since they
 * followed them — with one of the given actions, not made by the reporter. Nothing is copied;
 * `notification_reads` records what was read. Of a followed report's events nothing but the action is read:
 * what was said in them is the reporter's.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface InboxFilter {
  userId: string;
  /** Audit actions on the reporter's reports that concern them (allow-list). */
  actions: readonly string[];
  /** Audit actions on the reporter's account that concern them (allow-list; sanctions). */
  accountActions: readonly string[];
  /** Audit actions on reports the user follows that they are told about (allow-list). */
  followedActions: readonly string[];
  /** Audit actions on the user's reception bookings that concern them (allow-list; ). */
  bookingActions: readonly string[];
  /**
   * Staff: alerts about reports received at these agencies ('all': city-wide) — events of `actions` on
   * `subjectType` (the report's id), e.g. a report suggested as urgent.
   */
  staffAlerts: { subjectType: string; actions: readonly string[]; agencies: 'all' | readonly string[] };
}

export interface InboxRow {
  id: string;
  occurredAt: Date;
  action: string;
  payload: Record<string, unknown>;
  /** Null for a notice about the account rather than one report. */
  reportId: string | null;
  reportCode: string | null;
  reportKind: string | null;
  /** An event of a report the user follows, not their own. */
  following: boolean;
  read: boolean;
}

const allowed = (actions: readonly string[]) => (actions.length > 0 ? [...actions] : ['-']);

/**
 * The events of the reporter's reports, of their account and of the reports they follow — for staff, the alerts
 * of their desk — one UNION ALL (each branch on its own index).
 */
function inboxEvents(q: Q, f: InboxFilter) {
  const notByMe = sql<boolean>`(e.actor_id IS NULL OR e.actor_id <> ${f.userId})`;
  const aboutReports = q
    .selectFrom('audit_events as e')
    .innerJoin('reports as r', (j) => j.on(sql<boolean>`e.subject_id = r.id::text`))
    .where('e.subject_type', '=', 'report')
    .where('r.reporter_id', '=', f.userId)
    .where('e.action', 'in', allowed(f.actions))
    .where(notByMe)
    .select(['e.id', 'e.occurred_at', 'e.action', 'e.payload', 'r.id as report_id', 'r.code as report_code', 'r.kind as report_kind', sql<boolean>`false`.as('following')]);
  const aboutFollowed = q
    .selectFrom('report_followers as rf')
    .innerJoin('reports as r', 'r.id', 'rf.report_id')
    .innerJoin('audit_events as e', (j) => j.on(sql<boolean>`e.subject_type = 'report' AND e.subject_id = r.id::text AND e.occurred_at >= rf.followed_at`))
    .where('rf.user_id', '=', f.userId)
    .where('e.action', 'in', allowed(f.followedActions))
    .select([
      'e.id',
      'e.occurred_at',
      'e.action',
      sql<Record<string, unknown>>`'{}'::jsonb`.as('payload'),
      'r.id as report_id',
      'r.code as report_code',
      'r.kind as report_kind',
      sql<boolean>`true`.as('following'),
    ]);
  const aboutAccount = q
    .selectFrom('audit_events as e')
    .where('e.subject_type', '=', 'user')
    .where('e.subject_id', '=', f.userId)
    .where('e.action', 'in', allowed(f.accountActions))
    .where(notByMe)
    .select([
      'e.id',
      'e.occurred_at',
      'e.action',
      'e.payload',
      sql<string | null>`NULL::uuid`.as('report_id'),
      sql<string | null>`NULL::text`.as('report_code'),
      sql<string | null>`NULL::text`.as('report_kind'),
      sql<boolean>`false`.as('following'),
    ]);
  // Reception bookings: the booking's code rides in report_code with the kind 'reception_booking'.
  const aboutBookings = q
    .selectFrom('audit_events as e')
    .innerJoin('reception_bookings as b', (j) => j.on(sql<boolean>`e.subject_id = b.id::text`))
    .where('e.subject_type', '=', 'reception_booking')
    .where('b.citizen_id', '=', f.userId)
    .where('e.action', 'in', allowed(f.bookingActions))
    .where(notByMe)
    .select([
      'e.id',
      'e.occurred_at',
      'e.action',
      'e.payload',
      'b.id as report_id',
      'b.code as report_code',
      sql<string | null>`'reception_booking'::text`.as('report_kind'),
      sql<boolean>`false`.as('following'),
    ]);
  const { staffAlerts } = f;
  let forStaff = q
    .selectFrom('audit_events as e')
    .innerJoin('reports as r', (j) => j.on(sql<boolean>`e.subject_id = r.id::text`))
    .where('e.subject_type', '=', staffAlerts.subjectType)
    .where('e.action', 'in', allowed(staffAlerts.actions))
    .select(['e.id', 'e.occurred_at', 'e.action', 'e.payload', 'r.id as report_id', 'r.code as report_code', 'r.kind as report_kind', sql<boolean>`false`.as('following')]);
  if (staffAlerts.agencies !== 'all')
    forStaff = staffAlerts.agencies.length ? forStaff.where('r.receiving_agency_id', 'in', [...staffAlerts.agencies]) : forStaff.where(sql<boolean>`false`);
  return q
    .selectFrom(aboutAccount.unionAll(aboutReports).unionAll(aboutFollowed).unionAll(aboutBookings).unionAll(forStaff).as('e'))
    .leftJoin('notification_reads as nr', (j) => j.onRef('nr.event_id', '=', 'e.id').on('nr.user_id', '=', f.userId));
}

export async function listInbox(
  q: Q,
  f: InboxFilter & { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: InboxRow[]; total: number; unread: number }> {
  const counts = await inboxEvents(q, f)
    .select((eb) => [eb.fn.countAll<number>().as('total'), sql<number>`count(*) FILTER (WHERE nr.event_id IS NULL)`.as('unread')])
    .executeTakeFirstOrThrow();
  let query = inboxEvents(q, f);
  if (f.unreadOnly) query = query.where('nr.event_id', 'is', null);
  const rows = await query
    .select(['e.id', 'e.occurred_at', 'e.action', 'e.payload', 'e.report_id', 'e.report_code', 'e.report_kind', 'e.following', sql<boolean>`nr.event_id IS NOT NULL`.as('read')])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: f.unreadOnly ? Number(counts.unread) : Number(counts.total),
    unread: Number(counts.unread),
    rows: rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      action: r.action,
      payload: r.payload,
      reportId: r.report_id,
      reportCode: r.report_code,
      reportKind: r.report_kind,
      following: r.following,
      read: r.read,
    })),
  };
}

/** Where a notification stands in the inbox's order, or undefined when it is not in this reporter's inbox. */
export async function inboxPosition(q: Q, f: InboxFilter, eventId: string): Promise<{ occurredAt: Date; id: string } | undefined> {
  const row = await inboxEvents(q, f).select(['e.id', 'e.occurred_at']).where('e.id', '=', eventId).executeTakeFirst();
  return row && { occurredAt: row.occurred_at, id: row.id };
}

/**
 * Marks notifications read: the given ids, or every notification up to and including a position. Ids that are
 * not in this reporter's inbox are ignored (they name nothing the reporter may see). Returns how many were
 * newly marked.
 */
export async function markInboxRead(
  q: Q,
  f: InboxFilter,
  which: { ids: readonly string[] } | { upTo: { occurredAt: Date; id: string } },
  at: Date,
): Promise<number> {
  let events = inboxEvents(q, f).where('nr.event_id', 'is', null);
  if ('ids' in which) {
    if (which.ids.length === 0) return 0;
    events = events.where('e.id', 'in', [...which.ids]);
  } else {
    const { occurredAt, id } = which.upTo;
    events = events.where((eb) => eb.or([eb('e.occurred_at', '<', occurredAt), eb.and([eb('e.occurred_at', '=', occurredAt), eb('e.id', '<=', id)])]));
  }
  const res = await q
    .insertInto('notification_reads')
    .columns(['user_id', 'event_id', 'read_at'])
    .expression(events.select([sql<string>`${f.userId}::uuid`.as('user_id'), 'e.id', sql<Date>`${at}::timestamptz`.as('read_at')]))
    .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}
