/**
 * The Center's dashboard figures (R-18.3b, R-22): reports submitted in a period, by state, by handling agency
 * and Vietnam civil month of submission (received, published, late), and their ratings. The only SQL of the
 * oversight module; one query per figure.
 *
 * A report's agency is the one handling it now — the commune it was dispatched to, else the processing agency,
 * else the receiving agency (the same agency the public page names). A report is late when any of its deadlines
 * was overdue: stopped after its due instant, or still open past it at `now`. A deadline superseded by an
 * extension (R-8.5 complex: the clock restarted from the same start with more days) is not counted; its
 * successor is — as in lateness.repo.ts.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { VIETNAM_OFFSET_MINUTES } from '../../domain/calendar/index.ts';
import type { DB } from '../schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface OversightFilter {
  /** Submitted in [from, to). */
  from: Date;
  to: Date;
  /** Open deadlines past due at this instant are late. */
  now: Date;
  /** 'all', or only reports handled by these agencies. */
  agencies: 'all' | readonly string[];
  agencyId?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
}

const HANDLING_AGENCY = sql`COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id)`;

/** The Vietnam civil month of submission, `YYYY-MM` (fixed +07:00: the database's zone plays no part). */
const SUBMISSION_MONTH = sql`to_char((r.submitted_at AT TIME ZONE 'UTC') + ${sql.raw(`interval '${VIETNAM_OFFSET_MINUTES} minutes'`)}, 'YYYY-MM')`;

/** Whether the report in `r` has a deadline that was overdue (see the module comment). */
const lateAt = (now: Date) => sql<boolean>`EXISTS (
  SELECT 1 FROM deadlines d
  WHERE d.subject_type = 'report' AND d.subject_id = r.id::text
    AND (d.stopped_at > d.due_at OR (d.stopped_at IS NULL AND d.due_at < ${now}))
    AND NOT EXISTS (
      SELECT 1 FROM deadlines s
      WHERE s.subject_type = d.subject_type AND s.subject_id = d.subject_id AND s.clock = d.clock
        AND s.started_at = d.started_at AND s.id > d.id
    )
)`;

/** The WHERE clause of the period's reports (alias `r`), or null when the scope is empty. */
function reportsWhere(f: OversightFilter): RawBuilder<unknown> | null {
  if (f.agencies !== 'all' && f.agencies.length === 0) return null;
  const parts = [sql`r.submitted_at >= ${f.from}`, sql`r.submitted_at < ${f.to}`];
  if (f.agencies !== 'all') parts.push(sql`${HANDLING_AGENCY} IN (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})`);
  if (f.agencyId) parts.push(sql`${HANDLING_AGENCY} = ${f.agencyId}::uuid`);
  if (f.categoryCode) parts.push(sql`r.category_code = ${f.categoryCode}`);
  if (f.kind) parts.push(sql`r.kind = ${f.kind}`);
  return sql.join(parts, sql` AND `);
}

export async function countsByState(q: Q, f: OversightFilter): Promise<{ state: string; count: number }[]> {
  const where = reportsWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ state: string; n: number }>`
    SELECT r.state, count(*)::int AS n FROM reports r WHERE ${where} GROUP BY r.state`.execute(q);
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
  const where = reportsWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ agency_id: string; month: string; received: number; published: number; late: number }>`
    SELECT ${HANDLING_AGENCY} AS agency_id, ${SUBMISSION_MONTH} AS month,
      count(*)::int AS received,
      (count(*) FILTER (WHERE r.result_published_at IS NOT NULL))::int AS published,
      (count(*) FILTER (WHERE ${lateAt(f.now)}))::int AS late
    FROM reports r
    WHERE ${where}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, month: r.month, received: Number(r.received), published: Number(r.published), late: Number(r.late) }));
}

export async function ratingCounts(q: Q, f: OversightFilter): Promise<{ rating: string; count: number }[]> {
  const where = reportsWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ rating: string; n: number }>`
    SELECT r.rating, count(*)::int AS n FROM reports r WHERE ${where} AND r.rating IS NOT NULL GROUP BY r.rating`.execute(q);
  return rows.map((r) => ({ rating: r.rating, count: Number(r.n) }));
}
