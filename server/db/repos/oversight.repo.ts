/**
 * The Center's dashboard figures (R-18.3b, R-22): reports submitted in a period, by state, by handling agency
 * and Vietnam civil month of submission (received, published, late), and their ratings. The only SQL of the
 * oversight module.
 *
 * The figures are read from `oversight_rollup` (migration 0022, ADR 0011), which `refreshRollupMonth` fills
 * for one month from `reports` and `deadlines`: its INSERT … SELECT is the one definition of the figures.
 *
 * A report's agency is the one handling it now — the commune it was dispatched to, else the processing agency,
 * else the receiving agency (the same agency the public page names). A report is late when any of its deadlines
 * was overdue: stopped after its due instant, or still open past it at the refresh's `now`. A deadline
 * superseded by an extension (R-8.5 complex: the clock restarted from the same start with more days) is not
 * counted; its successor is — as in lateness.repo.ts.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { VIETNAM_OFFSET_MINUTES } from '../../domain/calendar/index.ts';
import type { DB } from '../schema.ts';
import { deadlineInForce, deadlineLateAt } from './deadline-rules.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** A Vietnam civil month, `YYYY-MM`, with its bounds as instants: [start, end). */
export interface RollupMonth {
  month: string;
  start: Date;
  end: Date;
}

export interface OversightFilter {
  /** The period's first and last months (YYYY-MM), both included. */
  fromMonth: string;
  toMonth: string;
  /** 'all', or only reports handled by these agencies. */
  agencies: 'all' | readonly string[];
  agencyId?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
}

const HANDLING_AGENCY = sql`COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id)`;

/** The Vietnam civil month of submission, `YYYY-MM` (fixed +07:00: the database's zone plays no part). */
const SUBMISSION_MONTH = sql<string>`to_char((r.submitted_at AT TIME ZONE 'UTC') + ${sql.raw(`interval '${VIETNAM_OFFSET_MINUTES} minutes'`)}, 'YYYY-MM')`;

/** Whether the report in `r` has a deadline that was overdue (see the module comment). */
const lateAt = (now: Date) => sql<boolean>`EXISTS (
  SELECT 1 FROM deadlines d
  WHERE d.subject_type = 'report' AND d.subject_id = r.id::text AND ${deadlineLateAt(now)} AND ${deadlineInForce}
)`;

/**
 * Recomputes one month of the rollup from the reports submitted in it, judging running deadlines at `now`.
 * Run it in its own transaction: the month's row in `oversight_rollup_months` is locked first, so a second
 * server refreshing the same month waits, then deletes what the first inserted (its DELETE is a later
 * statement and sees that commit) — the month is never counted twice.
 */
export async function refreshRollupMonth(tx: Transaction<DB>, m: RollupMonth, now: Date): Promise<void> {
  await sql`INSERT INTO oversight_rollup_months (month, refreshed_at) VALUES (${m.month}, ${now})
    ON CONFLICT (month) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at`.execute(tx);
  await sql`DELETE FROM oversight_rollup WHERE month = ${m.month}`.execute(tx);
  // Lateness is judged once per report (the CTE), then counted in the three facets (migration 0022).
  await sql`
    WITH m AS MATERIALIZED (
      SELECT ${HANDLING_AGENCY} AS agency_id, r.category_code, r.kind, r.state, r.rating,
        r.result_published_at IS NOT NULL AS published, ${lateAt(now)} AS late
      FROM reports r
      WHERE r.submitted_at >= ${m.start} AND r.submitted_at < ${m.end}
    )
    INSERT INTO oversight_rollup (month, agency_id, category_code, kind, facet, value, reports, published, late)
    SELECT ${m.month}, m.agency_id, m.category_code, m.kind,
      CASE GROUPING(m.state, m.rating) WHEN 3 THEN 'all' WHEN 1 THEN 'state' ELSE 'rating' END,
      CASE GROUPING(m.state, m.rating) WHEN 1 THEN m.state WHEN 2 THEN m.rating END,
      count(*)::int,
      (count(*) FILTER (WHERE m.published))::int,
      (count(*) FILTER (WHERE m.late))::int
    FROM m
    GROUP BY GROUPING SETS (
      (m.agency_id, m.category_code, m.kind),
      (m.agency_id, m.category_code, m.kind, m.state),
      (m.agency_id, m.category_code, m.kind, m.rating)
    )`.execute(tx);
}

/**
 * The months whose figures may have moved since `since`: those of reports changed after it (a submission, a
 * workflow action — which is also the only thing that stops, starts or extends a report's deadlines — or the
 * platform's close), and those of reports with a deadline still open that fell due in (since, now] (late by the
 * passing of time alone).
 */
export async function monthsChangedSince(q: Q, since: Date, now: Date): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`
    SELECT DISTINCT ${SUBMISSION_MONTH} AS month FROM reports r WHERE r.updated_at > ${since}
    UNION
    SELECT DISTINCT ${SUBMISSION_MONTH} AS month FROM deadlines d
    JOIN reports r ON r.id = CASE WHEN d.subject_type = 'report' THEN d.subject_id::uuid END
    WHERE d.subject_type = 'report' AND d.stopped_at IS NULL AND d.due_at > ${since} AND d.due_at <= ${now}`.execute(q);
  return rows.map((r) => r.month).sort();
}

/** The months of the first and the last submission, or null when there is no report. */
export async function submissionMonthRange(q: Q): Promise<{ first: string; last: string } | null> {
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    SELECT (SELECT ${SUBMISSION_MONTH} FROM reports r ORDER BY r.submitted_at LIMIT 1) AS first,
           (SELECT ${SUBMISSION_MONTH} FROM reports r ORDER BY r.submitted_at DESC LIMIT 1) AS last`.execute(q);
  const row = rows[0];
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** Every month the rollup holds (or held) figures for. */
export async function rollupMonths(q: Q): Promise<string[]> {
  const rows = await q.selectFrom('oversight_rollup_months').select('month').orderBy('month').execute();
  return rows.map((r) => r.month);
}

export interface RollupState {
  version: number;
  calendarVersion: number;
  refreshedAt: Date;
}

export async function rollupState(q: Q): Promise<RollupState | null> {
  const row = await q.selectFrom('oversight_rollup_state').select(['version', 'calendar_version', 'refreshed_at']).executeTakeFirst();
  return row ? { version: row.version, calendarVersion: row.calendar_version, refreshedAt: row.refreshed_at } : null;
}

/**
 * Records a finished refresh. With several servers the last to finish wins, even when its instant is the
 * earlier one: the next refresh then looks back from that earlier instant, which only recomputes more.
 */
export async function saveRollupState(q: Q, s: RollupState): Promise<void> {
  await sql`INSERT INTO oversight_rollup_state (id, version, calendar_version, refreshed_at)
    VALUES (true, ${s.version}, ${s.calendarVersion}, ${s.refreshedAt})
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, calendar_version = EXCLUDED.calendar_version,
      refreshed_at = EXCLUDED.refreshed_at`.execute(q);
}

/** Forgets the rollup's state, so that the next refresh rebuilds every month (after a bulk load by COPY). */
export async function invalidateRollup(q: Q): Promise<void> {
  await q.deleteFrom('oversight_rollup_state').execute();
}

/** The WHERE clause of the period's rollup rows (alias `o`), or null when the scope is empty. */
function rollupWhere(f: OversightFilter): RawBuilder<unknown> | null {
  if (f.agencies !== 'all' && f.agencies.length === 0) return null;
  const parts = [sql`o.month >= ${f.fromMonth}`, sql`o.month <= ${f.toMonth}`];
  if (f.agencies !== 'all') parts.push(sql`o.agency_id IN (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})`);
  if (f.agencyId) parts.push(sql`o.agency_id = ${f.agencyId}::uuid`);
  if (f.categoryCode) parts.push(sql`o.category_code = ${f.categoryCode}`);
  if (f.kind) parts.push(sql`o.kind = ${f.kind}`);
  return sql.join(parts, sql` AND `);
}

export async function countsByState(q: Q, f: OversightFilter): Promise<{ state: string; count: number }[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ state: string; n: number }>`
    SELECT o.value AS state, sum(o.reports)::int AS n FROM oversight_rollup o WHERE o.facet = 'state' AND ${where} GROUP BY o.value`.execute(q);
  return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
}

export interface AgencyMonthRow {
  agencyId: string;
  month: string;
  received: number;
  published: number;
  late: number;
}

export async function handlingByAgencyMonth(q: Q, f: OversightFilter): Promise<AgencyMonthRow[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ agency_id: string; month: string; received: number; published: number; late: number }>`
    SELECT o.agency_id, o.month, sum(o.reports)::int AS received, sum(o.published)::int AS published, sum(o.late)::int AS late
    FROM oversight_rollup o
    WHERE o.facet = 'all' AND ${where}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, month: r.month, received: Number(r.received), published: Number(r.published), late: Number(r.late) }));
}

export async function ratingCounts(q: Q, f: OversightFilter): Promise<{ rating: string; count: number }[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ rating: string; n: number }>`
    SELECT o.value AS rating, sum(o.reports)::int AS n FROM oversight_rollup o
    WHERE o.facet = 'rating' AND ${where} AND o.value IS NOT NULL GROUP BY o.value`.execute(q);
  return rows.map((r) => ({ rating: r.rating, count: Number(r.n) }));
}
