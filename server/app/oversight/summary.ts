/**
 * The Center's dashboard (R-18.3b monthly, quarterly, yearly and ad-hoc reports on report handling; R-22 figures
 * per agency; R-13 ratings): for a period of Vietnam civil months, the reports submitted in it — how many are in
 * each state, per handling agency and month how many were received, published, handled on time or late, and how
 * their reporters rated the results.
 *
 * Who sees it: the roles holding 'oversight.read' (the permission of the lateness figures, GET
 * /api/v1/oversight/lateness) — city-wide for the city overseer. Nobody else (403; 401 when not signed in).
 * No reporter identity is read or returned: only counts.
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { civilDate, DEADLINE_STAGE_LABELS, DEADLINE_STAGES, formatVietnamTime, vietnamTime, type DeadlineStage } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { bucketPercentile, WORKING_TIME_BOUNDS } from '../../domain/oversight/working-time.ts';
import { REJECT_REASONS, WORKFLOWS, type Workflow } from '../../domain/workflow/index.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { facetCounts, handlingByAgencyMonth, handlingByUnit, stageRows, type HandlingRow, type OversightFilter, type StageRow } from '../../db/repos/oversight.repo.ts';
import type { AppContext } from '../context.ts';
import { nextMonth, parseMonth } from '../lateness/rules.ts';
import { referenceData } from '../reference/reference-data.ts';
import { freshRollupState } from './rollup.ts';
import type {
  AgencyFigures,
  AgencyMonthFigures,
  AgencyStageFigures,
  HandlingFigures,
  InitiativeFigures,
  OversightSummary,
  RatingFigures,
  ReasonCount,
  StageFigures,
  StateCount,
  UnitFigures,
} from './summary-types.ts';

export type * from './summary-types.ts';

/** The longest period asked at once: three years (yearly reports compare with the year before). */
export const MAX_MONTHS = 36;

export interface SummaryQuery {
  from?: string | undefined;
  to?: string | undefined;
  agencyId?: string | undefined;
  unitCode?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
}

/** A part of a whole in percent with one decimal; 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}

export function handlingFigures(r: HandlingRow): HandlingFigures {
  const onTime = r.received - r.late;
  return {
    received: r.received,
    accepted: r.accepted,
    rejected: r.rejected,
    transferred: r.transferred,
    inProgress: r.inProgress,
    published: r.published,
    onTime,
    late: r.late,
    publishedPercent: percent(r.published, r.received),
    onTimePercent: percent(onTime, r.received),
    latePercent: percent(r.late, r.received),
  };
}

const HANDLING_KEYS = ['received', 'accepted', 'rejected', 'transferred', 'inProgress', 'published', 'late'] as const;
const NO_REPORTS: HandlingRow = { received: 0, accepted: 0, rejected: 0, transferred: 0, inProgress: 0, published: 0, late: 0 };

/** The sum of groups of reports' handling counts. */
export function sumHandling(rows: readonly HandlingRow[]): HandlingRow {
  const sum = { ...NO_REPORTS };
  for (const r of rows) for (const k of HANDLING_KEYS) sum[k] += r[k];
  return sum;
}

const monthText = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

/** States in the order the workflows go through them (five steps first, then what only initiatives have). */
const STATE_ORDER: string[] = [...new Set((Object.values(WORKFLOWS) as Workflow[]).flatMap((wf) => [...wf.states]))];
function stateLabel(state: string): string {
  for (const wf of Object.values(WORKFLOWS) as Workflow[]) {
    const label = (wf.stateLabels as Record<string, string>)[state];
    if (label) return label;
  }
  return state;
}

/** The agencies whose reports the actor may count: 'all', or a list (never empty: refused before). */
export function oversightScope(actor: Actor): 'all' | string[] {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const scope = agencyScope(actor, 'oversight.read');
  if (scope !== 'all' && scope.length === 0) throw new AppError('FORBIDDEN');
  return scope;
}

/** The period's months, checked: YYYY-MM, first not after last, at most MAX_MONTHS. Defaults to this month. */
export function summaryPeriod(q: Pick<SummaryQuery, 'from' | 'to'>, now: Date): { from: string; to: string; months: string[]; start: Date; end: Date } {
  const to = q.to ?? civilDate(now).slice(0, 7);
  const from = q.from ?? to;
  const problems: FieldProblem[] = [];
  const first = parseMonth(from);
  const last = parseMonth(to);
  if (!first) problems.push({ field: 'querystring.from', message: `"${from}" không phải tháng dạng YYYY-MM` });
  if (!last) problems.push({ field: 'querystring.to', message: `"${to}" không phải tháng dạng YYYY-MM` });
  if (problems.length || !first || !last) throw invalid(problems);
  const count = (last.year - first.year) * 12 + (last.month - first.month) + 1;
  if (count < 1) throw invalid([{ field: 'querystring.from', message: `Tháng bắt đầu (${from}) sau tháng kết thúc (${to})` }]);
  if (count > MAX_MONTHS) throw invalid([{ field: 'querystring.to', message: `Mỗi lần xem tối đa ${MAX_MONTHS} tháng (đã chọn ${count} tháng)` }]);
  const months: string[] = [];
  for (let m = first, i = 0; i < count; m = nextMonth(m), i++) months.push(monthText(m));
  const after = nextMonth(last);
  return { from, to, months, start: vietnamTime(first.year, first.month, 1), end: vietnamTime(after.year, after.month, 1) };
}

/** Per stage (in the workflow's order) and per owing agency × stage, from the rollup's bucket rows. */
function stageFigures(rows: readonly StageRow[], nameOf: (id: string) => string): { stages: StageFigures[]; byAgencyStage: AgencyStageFigures[] } {
  const stageOrder = (stage: string) => DEADLINE_STAGES.indexOf(stage as DeadlineStage);
  const label = (stage: string) => DEADLINE_STAGE_LABELS[stage as DeadlineStage] ?? stage;
  const stages = [...new Set(rows.map((r) => r.stage))].sort((a, b) => stageOrder(a) - stageOrder(b));
  const figures = stages.map((stage): StageFigures => {
    const own = rows.filter((r) => r.stage === stage);
    const deadlines = own.reduce((n, r) => n + r.deadlines, 0);
    const late = own.reduce((n, r) => n + r.late, 0);
    const counts = Array<number>(WORKING_TIME_BOUNDS.length + 1).fill(0);
    for (const r of own) if (r.bucket !== null) counts[r.bucket]! += r.deadlines;
    const finished = counts.reduce((n, c) => n + c, 0);
    return {
      stage,
      label: label(stage),
      deadlines,
      onTime: deadlines - late,
      late,
      latePercent: percent(late, deadlines),
      finished,
      running: deadlines - finished,
      medianWithinMinutes: bucketPercentile(counts, 0.5)?.withinMinutes ?? null,
      p90WithinMinutes: bucketPercentile(counts, 0.9)?.withinMinutes ?? null,
    };
  });
  const perAgency = new Map<string, { agencyId: string; stage: string; deadlines: number; late: number }>();
  for (const r of rows) {
    if (r.agencyId === null) continue;
    const key = `${r.agencyId}/${r.stage}`;
    const cell = perAgency.get(key) ?? { agencyId: r.agencyId, stage: r.stage, deadlines: 0, late: 0 };
    cell.deadlines += r.deadlines;
    cell.late += r.late;
    perAgency.set(key, cell);
  }
  const byAgencyStage = [...perAgency.values()]
    .map((c) => ({ agencyId: c.agencyId, agencyName: nameOf(c.agencyId), stage: c.stage, label: label(c.stage), deadlines: c.deadlines, onTime: c.deadlines - c.late, late: c.late, latePercent: percent(c.late, c.deadlines) }))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi') || stageOrder(a.stage) - stageOrder(b.stage));
  return { stages: figures, byAgencyStage };
}

export async function oversightSummary(ctx: AppContext, actor: Actor, q: SummaryQuery): Promise<OversightSummary> {
  const scope = oversightScope(actor);
  if (q.agencyId !== undefined && scope !== 'all' && !scope.includes(q.agencyId)) throw new AppError('FORBIDDEN');
  const period = summaryPeriod(q, ctx.clock.now());
  // Read from the rollup (ADR 0011): the figures hold at its last refresh, made now when it is too old.
  const { refreshedAt, structureVersion } = await freshRollupState(ctx);
  const filter: OversightFilter = {
    fromMonth: period.from,
    toMonth: period.to,
    agencies: scope,
    agencyId: q.agencyId,
    unitCode: q.unitCode,
    categoryCode: q.categoryCode,
    kind: q.kind,
  };

  const states = await facetCounts(ctx.db, filter, 'state');
  const rows = await handlingByAgencyMonth(ctx.db, filter);
  const units = await handlingByUnit(ctx.db, filter);
  const ratings = await facetCounts(ctx.db, filter, 'rating');
  const reasons = await facetCounts(ctx.db, filter, 'reason');
  const stages = await stageRows(ctx.db, filter);
  const initiativeFilter = { ...filter, kind: 'initiative' };
  const initiativesReceived = q.kind === undefined || q.kind === 'initiative' ? sumHandling(await handlingByUnit(ctx.db, initiativeFilter)).received : 0;
  const decisions = q.kind === undefined || q.kind === 'initiative' ? await facetCounts(ctx.db, initiativeFilter, 'decision') : [];

  const agencyIds = new Set([...rows.map((r) => r.agencyId), ...stages.flatMap((r) => (r.agencyId ? [r.agencyId] : []))]);
  const names = new Map((await agenciesByIds(ctx.db, [...agencyIds])).map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const byName = (a: { agencyName: string }, b: { agencyName: string }) => a.agencyName.localeCompare(b.agencyName, 'vi');

  const byAgencyMonth: AgencyMonthFigures[] = rows
    .map((r) => ({ agencyId: r.agencyId, agencyName: nameOf(r.agencyId), month: r.month, ...handlingFigures(r) }))
    .sort((a, b) => byName(a, b) || a.month.localeCompare(b.month));

  const perAgency = new Map<string, HandlingRow[]>();
  for (const r of rows) perAgency.set(r.agencyId, [...(perAgency.get(r.agencyId) ?? []), r]);
  const byAgency: AgencyFigures[] = [...perAgency]
    .map(([agencyId, own]) => ({ agencyId, agencyName: nameOf(agencyId), ...handlingFigures(sumHandling(own)) }))
    .sort((a, b) => b.received - a.received || byName(a, b));

  const ref = await referenceData(ctx);
  const byUnit: UnitFigures[] = units
    .map((u) => ({
      unitCode: u.unitCode,
      unitName: u.unitCode === null ? 'Không xác định được đơn vị hành chính' : (ref.unit(structureVersion, u.unitCode)?.fullName ?? u.unitCode),
      ...handlingFigures(u),
    }))
    .sort((a, b) => Number(a.unitCode === null) - Number(b.unitCode === null) || b.received - a.received || a.unitName.localeCompare(b.unitName, 'vi'));

  const byState: StateCount[] = states
    .map((s) => ({ state: s.value ?? '', label: stateLabel(s.value ?? ''), count: s.count }))
    .sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));

  const reasonCodes = Object.keys(REJECT_REASONS);
  const rejectedByReason: ReasonCount[] = reasons
    .map((r) => ({ reason: r.value ?? '', label: REJECT_REASONS[r.value as keyof typeof REJECT_REASONS] ?? (r.value ?? ''), count: r.count }))
    .sort((a, b) => reasonCodes.indexOf(a.reason) - reasonCodes.indexOf(b.reason));

  const countOf = (counts: readonly { value: string | null; count: number }[], value: string) => counts.find((r) => r.value === value)?.count ?? 0;
  const rated = ratings.filter((r) => r.value !== null).reduce((n, r) => n + r.count, 0);
  const ratingFigures: RatingFigures = {
    satisfied: countOf(ratings, 'satisfied'),
    acceptable: countOf(ratings, 'acceptable'),
    unsatisfied: countOf(ratings, 'unsatisfied'),
    rated,
    satisfactionPercent: percent(countOf(ratings, 'satisfied'), rated),
  };

  const answered = decisions.reduce((n, d) => n + d.count, 0);
  const initiatives: InitiativeFigures = {
    received: initiativesReceived,
    answered,
    adopted: countOf(decisions, 'adopt'),
    adoptedInPart: countOf(decisions, 'adoptInPart'),
    declined: countOf(decisions, 'decline'),
    adoptedPercent: percent(countOf(decisions, 'adopt') + countOf(decisions, 'adoptInPart'), answered),
  };

  return {
    from: period.from,
    to: period.to,
    months: period.months,
    period: { start: formatVietnamTime(period.start), end: formatVietnamTime(period.end) },
    asOf: formatVietnamTime(refreshedAt),
    filters: { agencyId: q.agencyId ?? null, unitCode: q.unitCode ?? null, categoryCode: q.categoryCode ?? null, kind: q.kind ?? null },
    total: byState.reduce((n, s) => n + s.count, 0),
    byState,
    totals: handlingFigures(sumHandling(rows)),
    rejectedByReason,
    byAgency,
    byAgencyMonth,
    byUnit,
    ...stageFigures(stages, nameOf),
    ratings: ratingFigures,
    initiatives,
  };
}
