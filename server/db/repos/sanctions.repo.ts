/** Violations, runs of consecutive violations and sanctions of reporters (R-27.3, migration 0011). */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { SanctionsTable, ViolationsTable } from '../schema/sanctions.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type SanctionRow = Selectable<SanctionsTable>;
export type ViolationRow = Selectable<ViolationsTable>;

/**
 * One more violation in the reporter's run; returns the run's new length. The row lock of the upsert makes two
 * rejections of the same reporter's reports count in turn (the second waits for the first to commit).
 */
export async function extendViolationRun(tx: Q, userId: string, at: Date): Promise<number> {
  const row = await tx
    .insertInto('violation_runs')
    .values({ user_id: userId, length: 1, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ length: sql<number>`violation_runs.length + 1`, updated_at: at }))
    .returning('length')
    .executeTakeFirstOrThrow();
  return row.length;
}

/** Ends the reporter's run; returns its length before (0 when there was none, and nothing is written then). */
export async function endViolationRun(tx: Q, userId: string, at: Date): Promise<number> {
  const row = await tx.selectFrom('violation_runs').select('length').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  if (!row || row.length === 0) return 0;
  await tx.updateTable('violation_runs').set({ length: 0, updated_at: at }).where('user_id', '=', userId).execute();
  return row.length;
}

export async function insertViolation(tx: Q, row: Insertable<ViolationsTable>): Promise<void> {
  await tx.insertInto('violations').values(row).execute();
}

/** The reporter's latest violations, newest first, with their report codes. */
export async function latestViolations(q: Q, userId: string, n: number) {
  return q
    .selectFrom('violations as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['v.id', 'v.report_id', 'r.code', 'v.kind', 'v.recorded_at'])
    .where('v.user_id', '=', userId)
    .orderBy('v.recorded_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(n)
    .execute();
}

export async function insertSanction(tx: Q, row: Insertable<SanctionsTable>): Promise<void> {
  await tx.insertInto('sanctions').values(row).execute();
}

export async function attachViolationsToSanction(tx: Q, violationIds: readonly string[], sanctionId: string): Promise<void> {
  if (violationIds.length === 0) return;
  await tx.updateTable('violations').set({ sanction_id: sanctionId }).where('id', 'in', [...violationIds]).execute();
}

export async function findSanction(q: Q, id: string): Promise<SanctionRow | undefined> {
  return q.selectFrom('sanctions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lifts a sanction not lifted yet; undefined when it was (or does not exist). */
export async function markSanctionLifted(tx: Q, id: string, lift: { at: Date; by: string; reason: string }): Promise<SanctionRow | undefined> {
  return tx
    .updateTable('sanctions')
    .set({ lifted_at: lift.at, lifted_by: lift.by, lift_reason: lift.reason })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export interface SanctionListFilter {
  /** true: only in force at `now`; false: only lifted or ended. */
  active?: boolean | undefined;
  userId?: string | undefined;
  id?: string | undefined;
  now: Date;
  limit: number;
  offset: number;
}

/** Sanctions, newest first, with the reporter's display name and the report that completed the run. */
export async function listSanctions(q: Q, f: SanctionListFilter) {
  let query = q
    .selectFrom('sanctions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('reports as r', 'r.id', 's.report_id');
  if (f.userId) query = query.where('s.user_id', '=', f.userId);
  if (f.id) query = query.where('s.id', '=', f.id);
  if (f.active === true) query = query.where('s.lifted_at', 'is', null).where('s.ends_at', '>', f.now);
  if (f.active === false) query = query.where((eb) => eb.or([eb('s.lifted_at', 'is not', null), eb('s.ends_at', '<=', f.now)]));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('s')
    .select(['u.display_name', 'r.code as report_code'])
    .orderBy('s.starts_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total), rows };
}

export interface ViolationListFilter {
  /** true: only those flagged for referral (R-27.3 serious cases). */
  referred?: boolean | undefined;
  userId?: string | undefined;
  limit: number;
  offset: number;
}

/** Violations, newest first (flagged ones by when they were flagged), with report codes and the reporter's name. */
export async function listViolations(q: Q, f: ViolationListFilter) {
  let query = q
    .selectFrom('violations as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .innerJoin('reports as r', 'r.id', 'v.report_id');
  if (f.userId) query = query.where('v.user_id', '=', f.userId);
  if (f.referred === true) query = query.where('v.referred_at', 'is not', null);
  if (f.referred === false) query = query.where('v.referred_at', 'is', null);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ordered = f.referred === true ? query.orderBy('v.referred_at', 'desc') : query.orderBy('v.recorded_at', 'desc');
  const rows = await ordered
    .selectAll('v')
    .select(['u.display_name', 'r.code as report_code'])
    .orderBy('v.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total), rows };
}

export async function findViolationByReport(q: Q, reportId: string): Promise<ViolationRow | undefined> {
  return q.selectFrom('violations').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

/** Flags a violation for referral unless it already is; undefined when it was. */
export async function markViolationReferred(tx: Q, id: string, flag: { at: Date; by: string; reason: string }): Promise<ViolationRow | undefined> {
  return tx
    .updateTable('violations')
    .set({ referral_reason: flag.reason, referred_at: flag.at, referred_by: flag.by })
    .where('id', '=', id)
    .where('referred_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
