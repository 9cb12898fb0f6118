/** Calendar versions and stored deadlines. */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CalendarDefinition, WorkingAmount } from '../../domain/calendar/index.ts';
import type { DB } from '../schema.ts';
import type { DeadlinesTable } from '../schema/calendar.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface CalendarVersionRow {
  id: number;
  definition: CalendarDefinition;
  note: string;
  createdAt: Date;
  createdBy: string | null;
}

export async function latestCalendarVersionId(q: Q): Promise<number | null> {
  const row = await q.selectFrom('calendar_versions').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function findCalendarVersion(q: Q, id: number): Promise<CalendarVersionRow | undefined> {
  const row = await q.selectFrom('calendar_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, definition: row.definition, note: row.note, createdAt: row.created_at, createdBy: row.created_by };
}

/** The newest version, locked until the transaction ends: calendar edits are serialised. */
export async function lockLatestCalendarVersion(tx: Transaction<DB>): Promise<CalendarVersionRow | undefined> {
  const row = await tx.selectFrom('calendar_versions').selectAll().orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();
  return row && { id: row.id, definition: row.definition, note: row.note, createdAt: row.created_at, createdBy: row.created_by };
}

export async function listCalendarVersions(q: Q): Promise<Omit<CalendarVersionRow, 'definition'>[]> {
  const rows = await q.selectFrom('calendar_versions').select(['id', 'note', 'created_at', 'created_by']).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, note: r.note, createdAt: r.created_at, createdBy: r.created_by }));
}

export async function insertCalendarVersion(
  tx: Q,
  v: { id: number; definition: CalendarDefinition; note: string; createdAt: Date; createdBy: string | null },
): Promise<void> {
  await tx
    .insertInto('calendar_versions')
    .values({ id: v.id, definition: JSON.stringify(v.definition), note: v.note, created_at: v.createdAt, created_by: v.createdBy })
    .execute();
}

export interface OpenDeadline {
  id: string;
  subjectType: string;
  subjectId: string;
  clock: string;
  startedAt: Date;
  amount: WorkingAmount;
  dueAt: Date;
}

export async function lockOpenDeadlines(tx: Transaction<DB>): Promise<OpenDeadline[]> {
  const rows = await tx
    .selectFrom('deadlines')
    .select(['id', 'subject_type', 'subject_id', 'clock', 'started_at', 'amount_unit', 'amount', 'due_at'])
    .where('stopped_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    clock: r.clock,
    startedAt: r.started_at,
    amount: r.amount_unit === 'hours' ? { hours: r.amount } : { days: r.amount },
    dueAt: r.due_at,
  }));
}

/** A clock started: its due instant computed with `calendarVersion`, owed by `agencyId`. */
export interface NewDeadline extends OpenDeadline {
  calendarVersion: number;
  /** Null for clocks that are no agency's (a citizen's window). */
  agencyId?: string | null | undefined;
}

export function deadlineValues(d: NewDeadline): Insertable<DeadlinesTable> {
  return {
    id: d.id,
    subject_type: d.subjectType,
    subject_id: d.subjectId,
    clock: d.clock,
    started_at: d.startedAt,
    amount_unit: 'hours' in d.amount ? 'hours' : 'days',
    amount: 'hours' in d.amount ? d.amount.hours : d.amount.days,
    due_at: d.dueAt,
    calendar_version: d.calendarVersion,
    stopped_at: null,
    agency_id: d.agencyId ?? null,
    overdue_at: null,
  };
}

export async function insertDeadline(tx: Q, d: NewDeadline): Promise<void> {
  await tx.insertInto('deadlines').values(deadlineValues(d)).execute();
}

export async function updateDeadlineDue(tx: Q, id: string, dueAt: Date, calendarVersion: number): Promise<void> {
  await tx.updateTable('deadlines').set({ due_at: dueAt, calendar_version: calendarVersion }).where('id', '=', id).execute();
}

/** Records that every open deadline now follows calendar `version` (its due instant was checked against it). */
export async function stampOpenDeadlines(tx: Q, calendarVersion: number): Promise<void> {
  await tx.updateTable('deadlines').set({ calendar_version: calendarVersion }).where('stopped_at', 'is', null).execute();
}

export interface DeadlineRow {
  id: string;
  clock: string;
  agencyId: string | null;
  startedAt: Date;
  amount: WorkingAmount;
  dueAt: Date;
  calendarVersion: number;
  stoppedAt: Date | null;
}

export async function deadlinesOf(q: Q, subjectType: string, subjectId: string): Promise<DeadlineRow[]> {
  const rows = await q.selectFrom('deadlines').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('id').execute();
  return rows.map(deadlineRow);
}

function deadlineRow(r: Selectable<DeadlinesTable>): DeadlineRow {
  return {
    id: r.id,
    clock: r.clock,
    agencyId: r.agency_id,
    startedAt: r.started_at,
    amount: r.amount_unit === 'hours' ? { hours: r.amount } : { days: r.amount },
    dueAt: r.due_at,
    calendarVersion: r.calendar_version,
    stoppedAt: r.stopped_at,
  };
}

/** The running clocks of many subjects in one query (a page of a queue), nearest due first. */
export async function openDeadlinesOf(q: Q, subjectType: string, subjectIds: readonly string[]): Promise<(DeadlineRow & { subjectId: string })[]> {
  if (subjectIds.length === 0) return [];
  const rows = await q
    .selectFrom('deadlines')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', [...subjectIds])
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...deadlineRow(r), subjectId: r.subject_id }));
}

/** Stops the open deadlines of these clocks; returns the stopped rows (for lateness records). */
/**
 * Stops the running clocks named, recording how long each ran in working minutes (`workedMinutes` of its start;
 * the caller holds the subject's lock, so no other action stops them meanwhile).
 */
export async function stopDeadlines(tx: Q, subjectType: string, subjectId: string, clocks: readonly string[], at: Date, workedMinutes: (startedAt: Date) => number) {
  if (clocks.length === 0) return [];
  const running = await tx
    .selectFrom('deadlines')
    .select(['id', 'clock', 'due_at', 'started_at'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('clock', 'in', clocks)
    .where('stopped_at', 'is', null)
    .execute();
  for (const d of running) {
    await tx.updateTable('deadlines').set({ stopped_at: at, worked_minutes: workedMinutes(d.started_at) }).where('id', '=', d.id).execute();
  }
  return running.map(({ id, clock, due_at }) => ({ id, clock, due_at }));
}

/** Moves running clocks to another agency (a transfer hands the receiving over, R-7.2c; lateness follows it). */
export async function reassignOpenDeadlines(tx: Q, subjectType: string, subjectId: string, clocks: readonly string[], agencyId: string): Promise<void> {
  await tx
    .updateTable('deadlines')
    .set({ agency_id: agencyId })
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('clock', 'in', clocks)
    .where('stopped_at', 'is', null)
    .execute();
}
