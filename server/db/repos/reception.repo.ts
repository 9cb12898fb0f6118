/**
 * Citizen reception: sessions and bookings. The seat counter `booked` moves only through `takeSeat` (a
 * conditional UPDATE … WHERE booked < capacity, whose row lock makes concurrent bookings count in turn) and
 * `releaseSeat`.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { BookingState } from '../../domain/reception/index.ts';
import type { DB } from '../schema.ts';
import type { ReceptionBookingsTable, ReceptionSessionsTable } from '../schema/reception.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type SessionRow = Selectable<ReceptionSessionsTable>;
export type BookingRow = Selectable<ReceptionBookingsTable>;

const pad6 = (n: string | number) => String(n).padStart(6, '0');

/** `TD-2026-000012` (buổi tiếp dân) or `LH-2026-000123` (lịch hẹn): the year and the sequence's next number. */
export async function nextReceptionCode(q: Q, what: 'session' | 'booking', year: number): Promise<string> {
  const { rows } =
    what === 'session'
      ? await sql<{ n: string | number }>`SELECT nextval('reception_session_code_seq') AS n`.execute(q)
      : await sql<{ n: string | number }>`SELECT nextval('reception_booking_code_seq') AS n`.execute(q);
  return `${what === 'session' ? 'TD' : 'LH'}-${year}-${pad6(rows[0]!.n)}`;
}

export async function insertSession(tx: Q, row: Insertable<ReceptionSessionsTable>): Promise<SessionRow> {
  return tx.insertInto('reception_sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSession(q: Q, id: string): Promise<SessionRow | undefined> {
  return q.selectFrom('reception_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockSession(tx: Q, id: string): Promise<SessionRow | undefined> {
  return tx.selectFrom('reception_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Saves a session's change if its version is still `version`; undefined when someone changed it meanwhile. */
export async function updateSession(tx: Q, id: string, version: number, patch: Updateable<ReceptionSessionsTable>): Promise<SessionRow | undefined> {
  return tx
    .updateTable('reception_sessions')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes one seat of a session that is scheduled, open for booking at `now` and not full — in one statement, so
 * that concurrent bookings never take more seats than the capacity. Undefined when any of that does not hold.
 */
export async function takeSeat(tx: Q, sessionId: string, now: Date): Promise<SessionRow | undefined> {
  return tx
    .updateTable('reception_sessions')
    .set({ booked: sql<number>`booked + 1` })
    .where('id', '=', sessionId)
    .where('state', '=', 'scheduled')
    .where('booking_closes_at', '>', now)
    .where(sql<boolean>`booked < capacity`)
    .returningAll()
    .executeTakeFirst();
}

export async function releaseSeat(tx: Q, sessionId: string): Promise<void> {
  await tx.updateTable('reception_sessions').set({ booked: sql<number>`booked - 1` }).where('id', '=', sessionId).where('booked', '>', 0).execute();
}

export interface SessionFilter {
  agencies: 'all' | readonly string[];
  from?: Date;
  to?: Date;
  states?: readonly string[];
  limit: number;
  offset: number;
}

export async function listSessions(q: Q, f: SessionFilter): Promise<{ rows: SessionRow[]; total: number }> {
  let base = q.selectFrom('reception_sessions');
  if (f.agencies !== 'all') base = f.agencies.length ? base.where('agency_id', 'in', [...f.agencies]) : base.where(sql<boolean>`false`);
  if (f.from) base = base.where('starts_at', '>=', f.from);
  if (f.to) base = base.where('starts_at', '<', f.to);
  if (f.states?.length) base = base.where('state', 'in', [...f.states] as SessionRow['state'][]);
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('starts_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertBooking(tx: Q, row: Insertable<ReceptionBookingsTable>): Promise<BookingRow> {
  return tx.insertInto('reception_bookings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findBooking(q: Q, id: string): Promise<BookingRow | undefined> {
  return q.selectFrom('reception_bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBookingByIdempotencyKey(q: Q, citizenId: string, key: string): Promise<BookingRow | undefined> {
  return q.selectFrom('reception_bookings').selectAll().where('citizen_id', '=', citizenId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function updateBooking(tx: Q, id: string, version: number | null, patch: Updateable<ReceptionBookingsTable>): Promise<BookingRow | undefined> {
  let u = tx.updateTable('reception_bookings').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id);
  if (version !== null) u = u.where('version', '=', version);
  return u.returningAll().executeTakeFirst();
}

export interface BookingFilter {
  citizenId?: string;
  agencies?: 'all' | readonly string[];
  sessionId?: string;
  sessionIds?: readonly string[];
  states?: readonly BookingState[];
  limit: number;
  offset: number;
}

export type BookingWithSession = BookingRow & { session: SessionRow };

function withSessions(bookings: BookingRow[], sessions: SessionRow[]): BookingWithSession[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return bookings.map((b) => ({ ...b, session: byId.get(b.session_id)! }));
}

export async function sessionsByIds(q: Q, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return q.selectFrom('reception_sessions').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function listBookings(q: Q, f: BookingFilter): Promise<{ rows: BookingWithSession[]; total: number }> {
  let base = q.selectFrom('reception_bookings as b').innerJoin('reception_sessions as s', 's.id', 'b.session_id');
  if (f.citizenId) base = base.where('b.citizen_id', '=', f.citizenId);
  if (f.agencies && f.agencies !== 'all') base = f.agencies.length ? base.where('s.agency_id', 'in', [...f.agencies]) : base.where(sql<boolean>`false`);
  if (f.sessionId) base = base.where('b.session_id', '=', f.sessionId);
  if (f.sessionIds) base = f.sessionIds.length ? base.where('b.session_id', 'in', [...f.sessionIds]) : base.where(sql<boolean>`false`);
  if (f.states?.length) base = base.where('b.state', 'in', [...f.states]);
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('b').orderBy('s.starts_at').orderBy('b.created_at').orderBy('b.id').limit(f.limit).offset(f.offset).execute();
  return { rows: withSessions(rows, await sessionsByIds(q, rows.map((r) => r.session_id))), total: Number(total.n) };
}

/** The bookings of a session in the given states, locked for the caller's transaction. */
export async function lockBookingsOfSession(tx: Q, sessionId: string, states: readonly BookingState[]): Promise<BookingRow[]> {
  return tx.selectFrom('reception_bookings').selectAll().where('session_id', '=', sessionId).where('state', 'in', [...states]).orderBy('id').forUpdate().execute();
}

/** Scheduled sessions starting at or after `from`, locked (a calendar edit re-checks their days). */
export async function lockScheduledSessionsFrom(tx: Q, from: Date): Promise<SessionRow[]> {
  return tx.selectFrom('reception_sessions').selectAll().where('state', '=', 'scheduled').where('starts_at', '>=', from).orderBy('id').forUpdate().execute();
}

/**
 * Accepted bookings not yet reminded whose session starts in (now, until]: locked with SKIP LOCKED, so that two
 * servers running the reminders at once share them rather than send one twice.
 */
export async function lockBookingsToRemind(tx: Q, now: Date, until: Date, limit: number): Promise<BookingWithSession[]> {
  const rows = await tx
    .selectFrom('reception_bookings as b')
    .innerJoin('reception_sessions as s', 's.id', 'b.session_id')
    .selectAll('b')
    .where('b.state', '=', 'accepted')
    .where('b.reminded_at', 'is', null)
    .where('s.state', '=', 'scheduled')
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', until)
    .orderBy('b.id')
    .limit(limit)
    .forUpdate('b')
    .skipLocked()
    .execute();
  return withSessions(rows, await sessionsByIds(tx, rows.map((r) => r.session_id)));
}

/** The accounts that booked, for the Board's view of who comes. */
export async function citizensByIds(q: Q, ids: readonly string[]): Promise<Selectable<DB['users']>[]> {
  if (ids.length === 0) return [];
  return q.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}
