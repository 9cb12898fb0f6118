/** Reports: the only SQL of the reports module. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../schema.ts';
import type { ReportsTable } from '../schema/reports.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type ReportRow = Selectable<ReportsTable>;

/** `PA-2026-000123`: the year of submission and the next number of a sequence (no lock held until commit). */
export async function nextReportCode(q: Q, year: number): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`SELECT nextval('report_code_seq') AS n`.execute(q);
  return `PA-${year}-${String(rows[0]?.n).padStart(6, '0')}`;
}

export async function insertReport(tx: Q, row: Insertable<ReportsTable>): Promise<void> {
  await tx.insertInto('reports').values(row).execute();
}

export async function findReport(q: Q, by: { id: string } | { code: string }): Promise<ReportRow | undefined> {
  const query = q.selectFrom('reports').selectAll();
  return ('id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)).executeTakeFirst();
}

export async function findReportByIdempotencyKey(q: Q, reporterId: string, key: string): Promise<ReportRow | undefined> {
  return q.selectFrom('reports').selectAll().where('reporter_id', '=', reporterId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** Applies `changes` only if the report is still at `expectedVersion`; false when another action won. */
export async function updateReportIfVersion(tx: Q, id: string, expectedVersion: number, changes: Updateable<ReportsTable>): Promise<boolean> {
  const res = await tx
    .updateTable('reports')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface ReportFilter {
  reporterId?: string;
  /** Staff scope: reports received, processed or dispatched at these agencies; 'all' for city-wide roles. */
  agencies?: readonly string[] | 'all';
  states?: readonly string[];
  kind?: string;
  categoryCode?: string;
  unit?: { version: string; code: string };
  submittedFrom?: Date;
  submittedTo?: Date;
  limit: number;
  offset: number;
}

export async function listReports(q: Q, f: ReportFilter): Promise<{ rows: ReportRow[]; total: number }> {
  let query = q.selectFrom('reports');
  if (f.reporterId) query = query.where('reporter_id', '=', f.reporterId);
  const agencies = f.agencies;
  if (agencies && agencies !== 'all') {
    if (agencies.length === 0) return { rows: [], total: 0 };
    query = query.where((eb) =>
      eb.or([eb('receiving_agency_id', 'in', agencies), eb('processing_agency_id', 'in', agencies), eb('dispatched_agency_id', 'in', agencies)]),
    );
  }
  if (f.states?.length) query = query.where('state', 'in', f.states);
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.categoryCode) query = query.where('category_code', '=', f.categoryCode);
  if (f.unit) query = query.where('unit_version', '=', f.unit.version).where('unit_code', '=', f.unit.code);
  if (f.submittedFrom) query = query.where('submitted_at', '>=', f.submittedFrom);
  if (f.submittedTo) query = query.where('submitted_at', '<', f.submittedTo);
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertCooperation(
  tx: Q,
  c: { id: string; reportId: string; agencyId: string; requestedAt: Date; requestedBy: string },
): Promise<void> {
  await tx
    .insertInto('report_cooperations')
    .values({ id: c.id, report_id: c.reportId, agency_id: c.agencyId, requested_at: c.requestedAt, requested_by: c.requestedBy, state: 'open', result_text: null, closed_reason: null, closed_at: null })
    .execute();
}

export async function cooperationsOf(q: Q, reportId: string) {
  return q.selectFrom('report_cooperations').selectAll().where('report_id', '=', reportId).orderBy('requested_at').execute();
}

export async function openCooperationCount(q: Q, reportId: string): Promise<number> {
  const r = await q.selectFrom('report_cooperations').select(sql<number>`count(*)::int`.as('n')).where('report_id', '=', reportId).where('state', '=', 'open').executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function finishCooperation(
  tx: Q,
  reportId: string,
  agencyId: string,
  change: { state: 'returned'; resultText: string; at: Date } | { state: 'closed'; reason: string; at: Date },
): Promise<boolean> {
  const res = await tx
    .updateTable('report_cooperations')
    .set(change.state === 'returned' ? { state: 'returned', result_text: change.resultText, closed_at: change.at } : { state: 'closed', closed_reason: change.reason, closed_at: change.at })
    .where('report_id', '=', reportId)
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
