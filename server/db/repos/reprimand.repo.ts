/**
 * R-18.4 reprimand flags: the figures behind them (server/domain/oversight/reprimand.ts decides). The only SQL of
 * the reprimand flags. No reporter identity is read (R-5.7): report ids, codes, dates, ratings and agencies only.
 *
 * A report's agency is the one handling it now (as oversight.repo.ts): COALESCE(dispatched, processing,
 * receiving). Lateness follows lateness.repo.ts: a deadline is late when stopped after its due instant or still
 * open past it at `now`; one superseded by an extension (same clock restarted from the same start) is not counted.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { deadlineInForce, deadlineLateAt } from './deadline-rules.ts';
import { HANDLING_AGENCY } from './oversight.repo.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Reports rated "Chưa hài lòng" (not satisfied) before `before`: the seeds of the matters. */
export async function unsatisfiedReportIds(q: Q, before: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT r.id FROM reports r
    WHERE r.rating = 'unsatisfied'
      AND EXISTS (SELECT 1 FROM audit_events e
                  WHERE e.subject_type = 'report' AND e.subject_id = r.id::text AND e.action = 'report.rate' AND e.occurred_at < ${before})`.execute(q);
  return rows.map((r) => r.id);
}

/** The links (findings of `checks` naming another report) touching any of `ids`, as pairs of report ids. */
export async function matterLinks(q: Q, ids: readonly string[], checks: readonly string[]): Promise<[string, string][]> {
  if (ids.length === 0 || checks.length === 0) return [];
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`));
  const checkList = sql.join(checks.map((c) => sql`${c}`));
  const { rows } = await sql<{ a: string; b: string }>`
    SELECT DISTINCT f.report_id AS a, f.matched_report_id AS b FROM report_findings f
    WHERE f.matched_report_id IS NOT NULL AND f.check_kind IN (${checkList})
      AND (f.report_id IN (${idList}) OR f.matched_report_id IN (${idList}))`.execute(q);
  return rows.map((r) => [r.a, r.b]);
}

export interface MatterReportRow {
  id: string;
  code: string;
  submittedAt: Date;
  rating: string | null;
  /** When the reporter rated it (the latest 'report.rate' event), null when not rated. */
  ratedAt: Date | null;
  agencyId: string;
}

/** What the evidence of a matter shows of each of its reports. */
export async function matterReports(q: Q, ids: readonly string[]): Promise<MatterReportRow[]> {
  if (ids.length === 0) return [];
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{ id: string; code: string; submitted_at: Date; rating: string | null; rated_at: Date | null; agency_id: string }>`
    SELECT r.id, r.code, r.submitted_at, r.rating,
      (SELECT max(e.occurred_at) FROM audit_events e
       WHERE e.subject_type = 'report' AND e.subject_id = r.id::text AND e.action = 'report.rate') AS rated_at,
      ${HANDLING_AGENCY} AS agency_id
    FROM reports r WHERE r.id IN (${idList})
    ORDER BY r.submitted_at, r.code`.execute(q);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    submittedAt: new Date(r.submitted_at),
    rating: r.rating,
    ratedAt: r.rated_at === null ? null : new Date(r.rated_at),
    agencyId: r.agency_id,
  }));
}

export interface AgencyLateRow {
  agencyId: string;
  /** Reports with a deadline of `clocks` owed by the agency and due in the month. */
  reports: number;
  late: number;
  /** Open and not yet due at `now` (only in a month that has not ended). */
  pending: number;
  lateCodes: string[];
}

/** Per responsible agency, the month's reports by their `clocks` deadlines due in [from, to) (module comment). */
export async function lateReportsByAgency(
  q: Q,
  f: { from: Date; to: Date; now: Date; clocks: readonly string[]; agencies: 'all' | readonly string[] },
): Promise<AgencyLateRow[]> {
  if ((f.agencies !== 'all' && f.agencies.length === 0) || f.clocks.length === 0) return [];
  const agencyFilter = f.agencies === 'all' ? sql`` : sql`AND d.agency_id IN (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})`;
  const { rows } = await sql<{ agency_id: string; reports: number; late: number; pending: number; late_codes: string[] | null }>`
    WITH m AS (
      SELECT d.agency_id, d.subject_id,
        bool_or(${deadlineLateAt(f.now)}) AS late,
        bool_or(d.stopped_at IS NULL AND d.due_at >= ${f.now}) AS pending
      FROM deadlines d
      WHERE d.subject_type = 'report' AND d.agency_id IS NOT NULL
        AND d.clock IN (${sql.join(f.clocks.map((c) => sql`${c}`))})
        AND d.due_at >= ${f.from} AND d.due_at < ${f.to}
        ${agencyFilter}
        AND ${deadlineInForce}
      GROUP BY d.agency_id, d.subject_id
    )
    SELECT m.agency_id, count(*)::int AS reports,
      (count(*) FILTER (WHERE m.late))::int AS late,
      (count(*) FILTER (WHERE m.pending AND NOT m.late))::int AS pending,
      array_agg(r.code ORDER BY r.code) FILTER (WHERE m.late) AS late_codes
    FROM m JOIN reports r ON r.id::text = m.subject_id
    GROUP BY m.agency_id
    ORDER BY m.agency_id`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, reports: r.reports, late: r.late, pending: r.pending, lateCodes: r.late_codes ?? [] }));
}
