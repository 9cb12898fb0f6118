/**
 * Lateness (R-8.5 "late units answer for it", R-18.4(2)): the deadline sweep's marking and the monthly figures
 * per responsible agency. The only SQL of the lateness module.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { deadlineInForce } from './deadline-rules.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface OverdueDeadline {
  id: string;
  subjectType: string;
  subjectId: string;
  clock: string;
  dueAt: Date;
  agencyId: string | null;
}

/**
 * Marks up to `limit` open deadlines that fell due before `now` and were not yet marked; returns those marked
 * now. Safe with several processes on one PostgreSQL server: rows another transaction holds are skipped (the
 * next run takes them), never waited for, and `overdue_at IS NULL` is re-checked on the locked row, so no
 * deadline is marked twice. A report's deadlines are marked only while its row is locked too, so that the
 * event the caller appends cannot interleave with a workflow action's event on the same report (its audit
 * chain stays linear); a report being acted on right now is left for the next run.
 */
export async function markOverdueDeadlines(tx: Transaction<DB>, now: Date, limit: number): Promise<OverdueDeadline[]> {
  const candidates = await tx
    .selectFrom('deadlines')
    .select(['id', 'subject_type', 'subject_id'])
    .where('stopped_at', 'is', null)
    .where('overdue_at', 'is', null)
    .where('due_at', '<', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  const reportIds = [...new Set(candidates.filter((c) => c.subject_type === 'report').map((c) => c.subject_id))];
  const lockedReports = new Set(
    reportIds.length === 0
      ? []
      : (await tx.selectFrom('reports').select('id').where('id', 'in', reportIds).orderBy('id').forNoKeyUpdate().skipLocked().execute()).map((r) => r.id),
  );
  const ids = candidates.filter((c) => c.subject_type !== 'report' || lockedReports.has(c.subject_id)).map((c) => c.id);
  if (ids.length === 0) return [];
  const rows = await tx
    .updateTable('deadlines')
    .set({ overdue_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deadlines')
        .select('id')
        .where('id', 'in', ids)
        .where('stopped_at', 'is', null)
        .where('overdue_at', 'is', null)
        .where('due_at', '<', now)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'subject_type', 'subject_id', 'clock', 'due_at', 'agency_id'])
    .execute();
  return rows
    .map((r) => ({ id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, clock: r.clock, dueAt: r.due_at, agencyId: r.agency_id }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1));
}

export interface LatenessQuery {
  /** The month's bounds, [from, to). */
  from: Date;
  to: Date;
  /** An open deadline is late once `now` is past its due instant. */
  now: Date;
  /** 'all', or only these agencies. */
  agencies: 'all' | readonly string[];
  /** Stage groups counted per report (R-18.4(2): receiving, processing). */
  groups: Readonly<Record<string, readonly string[]>>;
}

export interface StageFigures {
  agencyId: string;
  stage: string;
  due: number;
  met: number;
  late: number;
  /** Open and not yet due. */
  pending: number;
}

export interface GroupFigures {
  agencyId: string;
  group: string;
  /** Reports with a deadline of this group due in the month. */
  reports: number;
  /** Of them, reports with at least one such deadline late. */
  late: number;
}

/**
 * Report deadlines due in the month, per responsible agency: each one is met (stopped by its due instant),
 * late (stopped after it, or still open past it) or pending (open, not yet due). A deadline superseded by an
 * extension (R-8.5 complex: the process clock restarted from the same start with more days) is not counted;
 * its successor is.
 */
function monthDeadlines(f: LatenessQuery) {
  if (f.agencies !== 'all' && f.agencies.length === 0) return null;
  const agencyFilter = f.agencies === 'all' ? sql`` : sql`AND d.agency_id IN (${sql.join(f.agencies.map((a) => sql`${a}`))})`;
  return sql`
    SELECT d.agency_id, d.clock, d.subject_id,
      CASE
        WHEN d.stopped_at IS NOT NULL THEN CASE WHEN d.stopped_at > d.due_at THEN 'late' ELSE 'met' END
        WHEN d.due_at < ${f.now} THEN 'late'
        ELSE 'pending'
      END AS outcome
    FROM deadlines d
    WHERE d.subject_type = 'report'
      AND d.agency_id IS NOT NULL
      AND d.due_at >= ${f.from} AND d.due_at < ${f.to}
      ${agencyFilter}
      AND ${deadlineInForce}`;
}

export async function latenessFigures(q: Q, f: LatenessQuery): Promise<{ stages: StageFigures[]; groups: GroupFigures[] }> {
  const base = monthDeadlines(f);
  if (!base) return { stages: [], groups: [] };
  const stages = await sql<{ agency_id: string; clock: string; due: number; met: number; late: number; pending: number }>`
    WITH m AS (${base})
    SELECT agency_id, clock,
      count(*)::int AS due,
      (count(*) FILTER (WHERE outcome = 'met'))::int AS met,
      (count(*) FILTER (WHERE outcome = 'late'))::int AS late,
      (count(*) FILTER (WHERE outcome = 'pending'))::int AS pending
    FROM m
    GROUP BY agency_id, clock
    ORDER BY agency_id, clock`.execute(q);
  const groupEntries = Object.entries(f.groups).filter(([, clocks]) => clocks.length > 0);
  const groups: GroupFigures[] = [];
  if (groupEntries.length > 0) {
    const mapping = sql.join(groupEntries.flatMap(([group, clocks]) => clocks.map((c) => sql`(${c}::text, ${group}::text)`)));
    const rows = await sql<{ agency_id: string; grp: string; reports: number; late: number }>`
      WITH m AS (${base})
      SELECT m.agency_id, g.grp,
        count(DISTINCT m.subject_id)::int AS reports,
        (count(DISTINCT m.subject_id) FILTER (WHERE m.outcome = 'late'))::int AS late
      FROM m JOIN (VALUES ${mapping}) AS g (clock, grp) ON g.clock = m.clock
      GROUP BY m.agency_id, g.grp
      ORDER BY m.agency_id, g.grp`.execute(q);
    for (const r of rows.rows) groups.push({ agencyId: r.agency_id, group: r.grp, reports: r.reports, late: r.late });
  }
  return {
    stages: stages.rows.map((r) => ({ agencyId: r.agency_id, stage: r.clock, due: r.due, met: r.met, late: r.late, pending: r.pending })),
    groups,
  };
}
