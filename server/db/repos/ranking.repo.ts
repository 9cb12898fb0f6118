/**
 * Rankings and evaluation (R-22, R-25.4, R-27.4): the figures behind them (server/domain/oversight/ranking.ts
 * decides) and the criteria's versions (migration 0025). The only SQL of the rankings.
 *
 * Agencies: read from the overseer's rollup (`oversight_rollup`, ADR 0011) — the 'all' facet's reports and late,
 * the 'rating' facet's counts per rating — so an agency's figures are those of the dashboard (handling agency,
 * Vietnam month of submission, lateness with superseded deadlines excluded).
 *
 * Officers: read directly from the reports whose result was published in the period (index
 * `reports_published_idx`, migration 0021): the report's assignee, its handling agency, its rating, and whether a
 * deadline of the officer's clocks was late (the shared rules of deadline-rules.ts). The assignee is staff — a
 * work identity; no reporter is read (R-5.7).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EvaluationCriteria } from '../../domain/oversight/ranking.ts';
import type { DB } from '../schema.ts';
import { deadlineInForce, deadlineLateAt } from './deadline-rules.ts';
import { HANDLING_AGENCY } from './oversight.repo.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Serialises edits of the criteria (the next version is the latest + 1). */
const CRITERIA_LOCK = 7_240_060;

export interface AgencyRankingRow {
  agencyId: string;
  reports: number;
  late: number;
  satisfied: number;
  rated: number;
}

/** Per handling agency, over the months [fromMonth, toMonth] (YYYY-MM) of submission: reports, late, "Hài lòng", rated. */
export async function agencyRankingFigures(q: Q, f: { fromMonth: string; toMonth: string; kind?: string | undefined }): Promise<AgencyRankingRow[]> {
  const kind = f.kind ? sql`AND o.kind = ${f.kind}` : sql``;
  const { rows } = await sql<{ agency_id: string; reports: number; late: number; satisfied: number; rated: number }>`
    SELECT o.agency_id,
      COALESCE(sum(o.reports) FILTER (WHERE o.facet = 'all'), 0)::int AS reports,
      COALESCE(sum(o.late) FILTER (WHERE o.facet = 'all'), 0)::int AS late,
      COALESCE(sum(o.reports) FILTER (WHERE o.facet = 'rating' AND o.value = 'satisfied'), 0)::int AS satisfied,
      COALESCE(sum(o.reports) FILTER (WHERE o.facet = 'rating' AND o.value IS NOT NULL), 0)::int AS rated
    FROM oversight_rollup o
    WHERE o.grain = 0 AND o.facet IN ('all', 'rating') AND o.month >= ${f.fromMonth} AND o.month <= ${f.toMonth} ${kind}
    GROUP BY o.agency_id
    ORDER BY o.agency_id`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, reports: Number(r.reports), late: Number(r.late), satisfied: Number(r.satisfied), rated: Number(r.rated) }));
}

export interface OfficerRow {
  officerId: string;
  officerName: string;
  agencyId: string;
  handled: number;
  onTime: number;
  satisfied: number;
  rated: number;
}

/**
 * Per officer (the report's assignee) and handling agency: the results published in [start, end) they handled,
 * how many had no deadline of `clocks` late at `now`, how many were rated, how many "Hài lòng".
 */
export async function officerFigures(
  q: Q,
  f: { start: Date; end: Date; now: Date; clocks: readonly string[]; agencies: 'all' | readonly string[] },
): Promise<OfficerRow[]> {
  if (f.agencies !== 'all' && f.agencies.length === 0) return [];
  const scope = f.agencies === 'all' ? sql`` : sql`WHERE p.agency_id IN (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})`;
  const { rows } = await sql<{ officer_id: string; officer_name: string; agency_id: string; handled: number; on_time: number; satisfied: number; rated: number }>`
    WITH p AS (
      SELECT r.assignee_id, r.rating,
        ${HANDLING_AGENCY} AS agency_id,
        EXISTS (
          SELECT 1 FROM deadlines d
          WHERE d.subject_type = 'report' AND d.subject_id = r.id::text
            AND d.clock IN (${sql.join(f.clocks.map((c) => sql`${c}`))})
            AND ${deadlineLateAt(f.now)} AND ${deadlineInForce}
        ) AS late
      FROM reports r
      WHERE r.result_published_at >= ${f.start} AND r.result_published_at < ${f.end} AND r.assignee_id IS NOT NULL
    )
    SELECT p.assignee_id AS officer_id, u.display_name AS officer_name, p.agency_id,
      count(*)::int AS handled,
      (count(*) FILTER (WHERE NOT p.late))::int AS on_time,
      (count(*) FILTER (WHERE p.rating = 'satisfied'))::int AS satisfied,
      (count(*) FILTER (WHERE p.rating IS NOT NULL))::int AS rated
    FROM p JOIN users u ON u.id = p.assignee_id
    ${scope}
    GROUP BY p.assignee_id, u.display_name, p.agency_id
    ORDER BY p.assignee_id, p.agency_id`.execute(q);
  return rows.map((r) => ({
    officerId: r.officer_id,
    officerName: r.officer_name,
    agencyId: r.agency_id,
    handled: Number(r.handled),
    onTime: Number(r.on_time),
    satisfied: Number(r.satisfied),
    rated: Number(r.rated),
  }));
}

export interface CriteriaVersion {
  version: number;
  criteria: EvaluationCriteria;
  note: string;
  createdAt: Date;
  /** Null for the defaults set by the migration. */
  createdBy: { id: string; name: string } | null;
}

/** The criteria in force: the newest version (migration 0025 stores the first). */
export async function currentCriteria(q: Q): Promise<CriteriaVersion> {
  const row = await q
    .selectFrom('evaluation_criteria_versions as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .selectAll('c')
    .select('u.display_name')
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    version: row.id,
    criteria: {
      onTimeWeight: row.on_time_weight,
      satisfactionWeight: row.satisfaction_weight,
      minReports: row.min_reports,
      officerMinHandled: row.officer_min_handled,
      officerMinSatisfactionPercent: row.officer_min_satisfaction_percent,
      officerMinOnTimePercent: row.officer_min_on_time_percent,
      officerMaxListed: row.officer_max_listed,
    },
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by ? { id: row.created_by, name: row.display_name ?? '' } : null,
  };
}

/** Takes the criteria's edit lock for the transaction: the latest version read after it is the one replaced. */
export async function lockCriteria(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CRITERIA_LOCK})`.execute(tx);
}

export async function insertCriteriaVersion(tx: Transaction<DB>, v: { version: number; criteria: EvaluationCriteria; note: string; createdAt: Date; createdBy: string | null }): Promise<void> {
  const c = v.criteria;
  await tx
    .insertInto('evaluation_criteria_versions')
    .values({
      id: v.version,
      on_time_weight: c.onTimeWeight,
      satisfaction_weight: c.satisfactionWeight,
      min_reports: c.minReports,
      officer_min_handled: c.officerMinHandled,
      officer_min_satisfaction_percent: c.officerMinSatisfactionPercent,
      officer_min_on_time_percent: c.officerMinOnTimePercent,
      officer_max_listed: c.officerMaxListed,
      note: v.note,
      created_at: v.createdAt,
      created_by: v.createdBy,
    })
    .execute();
}
