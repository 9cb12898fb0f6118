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
import { civilDate, formatVietnamTime, vietnamTime } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { WORKFLOWS, type Workflow } from '../../domain/workflow/index.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { countsByState, handlingByAgencyMonth, ratingCounts, type OversightFilter } from '../../db/repos/oversight.repo.ts';
import type { AppContext } from '../context.ts';
import { nextMonth, parseMonth } from '../lateness/rules.ts';
import { freshRollupState } from './rollup.ts';
import type { AgencyFigures, AgencyMonthFigures, HandlingFigures, OversightSummary, RatingFigures, StateCount } from './summary-types.ts';

export type * from './summary-types.ts';

/** The longest period asked at once: three years (yearly reports compare with the year before). */
export const MAX_MONTHS = 36;

export interface SummaryQuery {
  from?: string | undefined;
  to?: string | undefined;
  agencyId?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
}

/** A part of a whole in percent with one decimal; 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}

export function handlingFigures(received: number, published: number, late: number): HandlingFigures {
  const onTime = received - late;
  return {
    received,
    published,
    onTime,
    late,
    publishedPercent: percent(published, received),
    onTimePercent: percent(onTime, received),
    latePercent: percent(late, received),
  };
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

export async function oversightSummary(ctx: AppContext, actor: Actor, q: SummaryQuery): Promise<OversightSummary> {
  const scope = oversightScope(actor);
  if (q.agencyId !== undefined && scope !== 'all' && !scope.includes(q.agencyId)) throw new AppError('FORBIDDEN');
  const period = summaryPeriod(q, ctx.clock.now());
  // Read from the rollup (ADR 0011): the figures hold at its last refresh, made now when it is too old.
  const { refreshedAt } = await freshRollupState(ctx);
  const filter: OversightFilter = { fromMonth: period.from, toMonth: period.to, agencies: scope, agencyId: q.agencyId, categoryCode: q.categoryCode, kind: q.kind };

  const states = await countsByState(ctx.db, filter);
  const rows = await handlingByAgencyMonth(ctx.db, filter);
  const ratings = await ratingCounts(ctx.db, filter);

  const names = new Map((await agenciesByIds(ctx.db, [...new Set(rows.map((r) => r.agencyId))])).map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const byName = (a: { agencyName: string }, b: { agencyName: string }) => a.agencyName.localeCompare(b.agencyName, 'vi');

  const byAgencyMonth: AgencyMonthFigures[] = rows
    .map((r) => ({ agencyId: r.agencyId, agencyName: nameOf(r.agencyId), month: r.month, ...handlingFigures(r.received, r.published, r.late) }))
    .sort((a, b) => byName(a, b) || a.month.localeCompare(b.month));

  const perAgency = new Map<string, { received: number; published: number; late: number }>();
  for (const r of rows) {
    const sum = perAgency.get(r.agencyId) ?? { received: 0, published: 0, late: 0 };
    perAgency.set(r.agencyId, { received: sum.received + r.received, published: sum.published + r.published, late: sum.late + r.late });
  }
  const byAgency: AgencyFigures[] = [...perAgency]
    .map(([agencyId, s]) => ({ agencyId, agencyName: nameOf(agencyId), ...handlingFigures(s.received, s.published, s.late) }))
    .sort((a, b) => b.received - a.received || byName(a, b));

  const sum = (key: 'received' | 'published' | 'late') => rows.reduce((n, r) => n + r[key], 0);
  const byState: StateCount[] = states
    .map((s) => ({ state: s.state, label: stateLabel(s.state), count: s.count }))
    .sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));

  const rating = (name: string) => ratings.find((r) => r.rating === name)?.count ?? 0;
  const rated = ratings.reduce((n, r) => n + r.count, 0);
  const ratingFigures: RatingFigures = {
    satisfied: rating('satisfied'),
    acceptable: rating('acceptable'),
    unsatisfied: rating('unsatisfied'),
    rated,
    satisfactionPercent: percent(rating('satisfied'), rated),
  };

  return {
    from: period.from,
    to: period.to,
    months: period.months,
    period: { start: formatVietnamTime(period.start), end: formatVietnamTime(period.end) },
    asOf: formatVietnamTime(refreshedAt),
    filters: { agencyId: q.agencyId ?? null, categoryCode: q.categoryCode ?? null, kind: q.kind ?? null },
    total: byState.reduce((n, s) => n + s.count, 0),
    byState,
    totals: handlingFigures(sum('received'), sum('published'), sum('late')),
    byAgency,
    byAgencyMonth,
    ratings: ratingFigures,
  };
}
