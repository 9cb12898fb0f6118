/**
 * The Center's dashboard figures (R-18.3b, R-22, R-25.4): reports submitted in a period — by state, by handling
 * agency, unit of today and Vietnam civil month of submission (received, accepted, rejected and why, transferred,
 * in progress, published, late), their ratings, initiatives' decisions, and per stage the deadlines met or missed
 * and the working time taken. The only SQL of the oversight module.
 *
 * The figures are read from `oversight_rollup` and `oversight_stage_rollup` (migrations 0022–0023, ADR 0011),
 * which `refreshRollupMonth` fills for one month from `reports`, `deadlines` and `audit_events`: its two
 * INSERT … SELECTs are the one definition of the figures.
 *
 * A report's agency is the one handling it now — the commune it was dispatched to, else the processing agency,
 * else the receiving agency (the same agency the public page names); a stage's agency is the deadline's (whose
 * clock it was, R-8.5). A report's unit is the unit of today's structure (R-28.1): its own when it was filed under
 * today's structure, else the one `report_units_today` maps it to. A report is late when any of its deadlines
 * was overdue: stopped after its due instant, or still open past it at the refresh's `now`. A deadline
 * superseded by an extension (R-8.5 complex: the clock restarted from the same start with more days) is not
 * counted; its successor is — as in lateness.repo.ts.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { VIETNAM_OFFSET_MINUTES } from '../../domain/calendar/index.ts';
import type { DB } from '../schema.ts';
import { WORKING_TIME_BOUNDS } from '../../domain/oversight/working-time.ts';
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
  /** A unit of today's structure (commune code). */
  unitCode?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
}

/** The agency handling the report in `r` now: the commune it was dispatched to, else the processing, else the receiving agency. */
export const HANDLING_AGENCY = sql`COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id)`;

/** The Vietnam civil month of submission, `YYYY-MM` (fixed +07:00: the database's zone plays no part). */
const SUBMISSION_MONTH = sql<string>`to_char((r.submitted_at AT TIME ZONE 'UTC') + ${sql.raw(`interval '${VIETNAM_OFFSET_MINUTES} minutes'`)}, 'YYYY-MM')`;

/** Whether the report in `r` has a deadline that was overdue (see the module comment). */
const lateAt = (now: Date) => sql<boolean>`EXISTS (
  SELECT 1 FROM deadlines d
  WHERE d.subject_type = 'report' AND d.subject_id = r.id::text AND ${deadlineLateAt(now)} AND ${deadlineInForce}
)`;

/** The columns each grain adds to agency × kind (migration 0023): grain = 1 if by unit + 2 if by category. */
const GRAIN_COLUMNS = [[], ['unit_code'], ['category_code'], ['unit_code', 'category_code']] as const;
/** The grain of a grouping-sets row of `alias` (its unit and category columns grouped or not). */
const grainOf = (alias: string) => sql.raw(`(1 - GROUPING(${alias}.unit_code)) + 2 * (1 - GROUPING(${alias}.category_code))`);

/** The working-time buckets as a SQL array (domain/oversight/working-time.ts: bucket i holds (b[i-1], b[i]]). */
const BUCKET_BOUNDS = sql`${[...WORKING_TIME_BOUNDS]}::int[]`;

/** The transfer actions (R-7.2c: to another agency or to the higher level) recorded in a report's timeline. */
const TRANSFERRED = sql<boolean>`EXISTS (
  SELECT 1 FROM audit_events e WHERE e.subject_type = 'report' AND e.subject_id = r.id::text AND e.action = 'report.transfer'
)`;

/**
 * Recomputes one month of the rollup from the reports submitted in it, judging running deadlines at `now`, with
 * units mapped to `structureVersion` (today's). Run it in its own transaction: the month's row in
 * `oversight_rollup_months` is locked first, so a second server refreshing the same month waits, then deletes
 * what the first inserted (its DELETE is a later statement and sees that commit) — the month is never counted
 * twice.
 */
export async function refreshRollupMonth(tx: Transaction<DB>, m: RollupMonth, now: Date, structureVersion: string): Promise<void> {
  await sql`INSERT INTO oversight_rollup_months (month, refreshed_at) VALUES (${m.month}, ${now})
    ON CONFLICT (month) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at`.execute(tx);
  await sql`DELETE FROM oversight_rollup WHERE month = ${m.month}`.execute(tx);
  await sql`DELETE FROM oversight_stage_rollup WHERE month = ${m.month}`.execute(tx);
  const unitToday = sql`CASE WHEN r.unit_version = ${structureVersion} THEN r.unit_code ELSE (
      SELECT t.unit_code FROM report_units_today t WHERE t.report_id = r.id AND t.structure_version = ${structureVersion}) END`;
  // Each report is judged once (the CTE), then counted in the five facets at the four grains (migrations 0022–0023).
  const sets = (...cols: string[]) => GRAIN_COLUMNS.map((grain) => sql.raw(`(${['m.agency_id', 'm.kind', ...grain.map((c) => `m.${c}`), ...cols].join(', ')})`));
  const facetBits = sql`GROUPING(m.state, m.rating, m.reason, m.decision)`;
  await sql`
    WITH m AS MATERIALIZED (
      SELECT ${HANDLING_AGENCY} AS agency_id, ${unitToday} AS unit_code, r.category_code, r.kind, r.state, r.rating,
        CASE WHEN r.state = 'rejected' THEN r.reject_reason END AS reason, r.decision,
        r.result_published_at IS NOT NULL AS published, ${lateAt(now)} AS late,
        r.processing_agency_id IS NOT NULL AS accepted, r.state = 'rejected' AS rejected, ${TRANSFERRED} AS transferred,
        (r.state <> 'rejected' AND r.result_published_at IS NULL AND r.decision IS NULL) AS in_progress
      FROM reports r
      WHERE r.submitted_at >= ${m.start} AND r.submitted_at < ${m.end}
    )
    INSERT INTO oversight_rollup (month, grain, agency_id, unit_code, category_code, kind, facet, value, reports, published, late,
      accepted, rejected, transferred, in_progress)
    SELECT ${m.month}, ${grainOf('m')}, m.agency_id, m.unit_code, m.category_code, m.kind,
      CASE ${facetBits} WHEN 15 THEN 'all' WHEN 7 THEN 'state' WHEN 11 THEN 'rating' WHEN 13 THEN 'reason' ELSE 'decision' END,
      CASE ${facetBits} WHEN 7 THEN m.state WHEN 11 THEN m.rating WHEN 13 THEN m.reason WHEN 14 THEN m.decision END,
      count(*)::int,
      (count(*) FILTER (WHERE m.published))::int,
      (count(*) FILTER (WHERE m.late))::int,
      (count(*) FILTER (WHERE m.accepted))::int,
      (count(*) FILTER (WHERE m.rejected))::int,
      (count(*) FILTER (WHERE m.transferred))::int,
      (count(*) FILTER (WHERE m.in_progress))::int
    FROM m
    GROUP BY GROUPING SETS (${sql.join([...sets(), ...sets('m.state'), ...sets('m.rating'), ...sets('m.reason'), ...sets('m.decision')])})
    HAVING ${facetBits} IN (15, 7, 11)
      OR (${facetBits} = 13 AND m.reason IS NOT NULL)
      OR (${facetBits} = 14 AND m.decision IS NOT NULL)`.execute(tx);
  // Per stage: the deadlines in force of the month's reports, by the agency that owed them, at the four grains.
  await sql`
    WITH s AS MATERIALIZED (
      SELECT d.agency_id, ${unitToday} AS unit_code, r.category_code, r.kind, d.clock AS stage,
        CASE WHEN d.worked_minutes IS NOT NULL THEN width_bucket(d.worked_minutes - 1, ${BUCKET_BOUNDS}) END AS bucket,
        ${deadlineLateAt(now)} AS late
      FROM reports r
      JOIN deadlines d ON d.subject_type = 'report' AND d.subject_id = r.id::text
      WHERE r.submitted_at >= ${m.start} AND r.submitted_at < ${m.end} AND ${deadlineInForce}
    )
    INSERT INTO oversight_stage_rollup (month, grain, agency_id, unit_code, category_code, kind, stage, bucket, deadlines, late)
    SELECT ${m.month}, ${grainOf('s')}, s.agency_id, s.unit_code, s.category_code, s.kind, s.stage, s.bucket,
      count(*)::int, (count(*) FILTER (WHERE s.late))::int
    FROM s
    GROUP BY GROUPING SETS (${sql.join(GRAIN_COLUMNS.map((grain) => sql.raw(`(${['s.agency_id', 's.kind', ...grain.map((c) => `s.${c}`), 's.stage', 's.bucket'].join(', ')})`)))})`.execute(tx);
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
  /** The administrative structure the units were mapped to (R-28.1). */
  structureVersion: string;
  refreshedAt: Date;
}

export async function rollupState(q: Q): Promise<RollupState | null> {
  const row = await q.selectFrom('oversight_rollup_state').select(['version', 'calendar_version', 'structure_version', 'refreshed_at']).executeTakeFirst();
  return row ? { version: row.version, calendarVersion: row.calendar_version, structureVersion: row.structure_version, refreshedAt: row.refreshed_at } : null;
}

/**
 * Records a finished refresh. With several servers the last to finish wins, even when its instant is the
 * earlier one: the next refresh then looks back from that earlier instant, which only recomputes more.
 */
export async function saveRollupState(q: Q, s: RollupState): Promise<void> {
  await sql`INSERT INTO oversight_rollup_state (id, version, calendar_version, structure_version, refreshed_at)
    VALUES (true, ${s.version}, ${s.calendarVersion}, ${s.structureVersion}, ${s.refreshedAt})
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, calendar_version = EXCLUDED.calendar_version,
      structure_version = EXCLUDED.structure_version, refreshed_at = EXCLUDED.refreshed_at`.execute(q);
}

/** Forgets the rollup's state, so that the next refresh rebuilds every month (after a bulk load by COPY). */
export async function invalidateRollup(q: Q): Promise<void> {
  await q.deleteFrom('oversight_rollup_state').execute();
}

/**
 * The WHERE clause of the period's rollup rows (alias `o`), or null when the scope is empty: the smallest grain
 * that has the filters' columns (and the unit's, for the figures per unit) — migration 0023.
 */
function rollupWhere(f: OversightFilter, perUnit = false): RawBuilder<unknown> | null {
  if (f.agencies !== 'all' && f.agencies.length === 0) return null;
  const grain = (perUnit || f.unitCode ? 1 : 0) + (f.categoryCode ? 2 : 0);
  const parts = [sql`o.grain = ${grain}`, sql`o.month >= ${f.fromMonth}`, sql`o.month <= ${f.toMonth}`];
  if (f.agencies !== 'all') parts.push(sql`o.agency_id IN (${sql.join(f.agencies.map((a) => sql`${a}::uuid`))})`);
  if (f.agencyId) parts.push(sql`o.agency_id = ${f.agencyId}::uuid`);
  if (f.unitCode) parts.push(sql`o.unit_code = ${f.unitCode}`);
  if (f.categoryCode) parts.push(sql`o.category_code = ${f.categoryCode}`);
  if (f.kind) parts.push(sql`o.kind = ${f.kind}`);
  return sql.join(parts, sql` AND `);
}

/** The rollup's facets counted by value: a report's state, rating (null: not rated), Art. 6.2 reason, decision. */
export type CountedFacet = 'state' | 'rating' | 'reason' | 'decision';

/** How many of the period's reports have each value of `facet`. */
export async function facetCounts(q: Q, f: OversightFilter, facet: CountedFacet): Promise<{ value: string | null; count: number }[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ value: string | null; n: number }>`
    SELECT o.value, sum(o.reports)::int AS n FROM oversight_rollup o WHERE o.facet = ${facet} AND ${where} GROUP BY o.value`.execute(q);
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

/** A group of the period's reports and what became of them (sums of the rollup's 'all' rows). */
export interface HandlingRow {
  received: number;
  accepted: number;
  rejected: number;
  transferred: number;
  inProgress: number;
  published: number;
  late: number;
}

const HANDLING_SUMS = sql`sum(o.reports)::int AS received, sum(o.accepted)::int AS accepted, sum(o.rejected)::int AS rejected,
  sum(o.transferred)::int AS transferred, sum(o.in_progress)::int AS in_progress, sum(o.published)::int AS published, sum(o.late)::int AS late`;

type HandlingSums = { received: number; accepted: number; rejected: number; transferred: number; in_progress: number; published: number; late: number };
const handlingRow = (r: HandlingSums): HandlingRow => ({
  received: Number(r.received),
  accepted: Number(r.accepted),
  rejected: Number(r.rejected),
  transferred: Number(r.transferred),
  inProgress: Number(r.in_progress),
  published: Number(r.published),
  late: Number(r.late),
});

export interface AgencyMonthRow extends HandlingRow {
  agencyId: string;
  month: string;
}

export async function handlingByAgencyMonth(q: Q, f: OversightFilter): Promise<AgencyMonthRow[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ agency_id: string; month: string } & HandlingSums>`
    SELECT o.agency_id, o.month, ${HANDLING_SUMS}
    FROM oversight_rollup o
    WHERE o.facet = 'all' AND ${where}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, month: r.month, ...handlingRow(r) }));
}

export interface UnitRow extends HandlingRow {
  /** A unit of today's structure; null: no place, or a split former unit without a pin (R-28.1). */
  unitCode: string | null;
}

export async function handlingByUnit(q: Q, f: OversightFilter): Promise<UnitRow[]> {
  const where = rollupWhere(f, true);
  if (!where) return [];
  const { rows } = await sql<{ unit_code: string | null } & HandlingSums>`
    SELECT o.unit_code, ${HANDLING_SUMS} FROM oversight_rollup o WHERE o.facet = 'all' AND ${where} GROUP BY 1 ORDER BY 1`.execute(q);
  return rows.map((r) => ({ unitCode: r.unit_code, ...handlingRow(r) }));
}

export interface StageRow {
  agencyId: string | null;
  stage: string;
  /** Working-time bucket of the stopped deadlines; null: running (or stopped before their time was measured). */
  bucket: number | null;
  deadlines: number;
  late: number;
}

/** The period's deadlines per owing agency, stage and working-time bucket (the agency filter is the owing agency). */
export async function stageRows(q: Q, f: OversightFilter): Promise<StageRow[]> {
  const where = rollupWhere(f);
  if (!where) return [];
  const { rows } = await sql<{ agency_id: string | null; stage: string; bucket: number | null; deadlines: number; late: number }>`
    SELECT o.agency_id, o.stage, o.bucket, sum(o.deadlines)::int AS deadlines, sum(o.late)::int AS late
    FROM oversight_stage_rollup o WHERE ${where} GROUP BY 1, 2, 3`.execute(q);
  return rows.map((r) => ({ agencyId: r.agency_id, stage: r.stage, bucket: r.bucket === null ? null : Number(r.bucket), deadlines: Number(r.deadlines), late: Number(r.late) }));
}

/** Reports filed under a unit not of `version` and not yet mapped to it (R-28.1), `limit` at a time. */
export async function reportsToMapToday(q: Q, version: string, limit: number) {
  return q
    .selectFrom('reports as r')
    .select(['r.id', 'r.unit_version', 'r.unit_code', 'r.lat', 'r.lng'])
    .where('r.unit_version', 'is not', null)
    .where('r.unit_version', '<>', version)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('report_units_today as t').select('t.report_id').whereRef('t.report_id', '=', 'r.id').where('t.structure_version', '=', version))))
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Records today's units of reports filed under former ones; a mapping to another structure is replaced. */
export async function saveUnitsToday(q: Q, version: string, rows: readonly { reportId: string; unitCode: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await q
    .insertInto('report_units_today')
    .values(rows.map((r) => ({ report_id: r.reportId, structure_version: version, unit_code: r.unitCode })))
    .onConflict((oc) => oc.column('report_id').doUpdateSet((eb) => ({ structure_version: eb.ref('excluded.structure_version'), unit_code: eb.ref('excluded.unit_code') })))
    .execute();
}

/** Stopped deadlines whose working time was never measured (stopped before migration 0023), `limit` at a time. */
export async function unmeasuredDeadlines(q: Q, limit: number) {
  return q
    .selectFrom('deadlines')
    .select(['id', 'started_at', 'stopped_at'])
    .where('stopped_at', 'is not', null)
    .where('worked_minutes', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function saveWorkedMinutes(q: Q, rows: readonly { id: string; minutes: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE deadlines d SET worked_minutes = v.minutes
    FROM (VALUES ${sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.minutes}::int)`))}) AS v (id, minutes)
    WHERE d.id = v.id`.execute(q);
}
