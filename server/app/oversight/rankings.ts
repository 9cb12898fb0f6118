/**
 * Rankings and evaluation (R-22 / R-25.4 per-agency evaluation figures for the administrative-reform ranking;
 * agencies and officers with high satisfaction can be commended), per month, quarter or year
 * (`period.ts`), with the criteria in force (`evaluation-criteria.ts`); the decisions are in
 * server/domain/oversight/ranking.ts.
 *
 * - Agencies: the dashboard's figures per handling agency over the months of submission of the period, read from
 *   the rollup (refreshed first when too old, as the summary: `asOf`), ranked by the score.
 * - Officers: the results published in the period, per officer (the report's assignee) and handling agency; on time
 *   when none of the report's processing or rework deadlines (OFFICER_CLOCKS) was late at `asOf` (now).
 *
 * Who sees what: the roles holding 'oversight.read' (`oversightScope`). The ranking is a comparison between
 * agencies, so every such reader sees all of it; an agency-scoped reader sees the commendation list of its own
 * agencies only (staff evaluation stays within the agency). No reporter identity is read or returned.
 */
import type { Actor } from '../../domain/access/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { OFFICER_CLOCKS, rankAgencies, selectCommendations, type EvaluationCriteria } from '../../domain/oversight/ranking.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { agencyRankingFigures, currentCriteria, officerFigures } from '../../db/repos/ranking.repo.ts';
import type { AppContext } from '../context.ts';
import { parsePeriod, type PeriodKind, type ReportingPeriod } from './period.ts';
import { freshRollupState } from './rollup.ts';
import { oversightScope, percent } from './summary.ts';

interface PeriodFields {
  period: string;
  periodKind: PeriodKind;
  from: string;
  to: string;
  months: string[];
  /** [start, end) in Vietnam time. */
  start: string;
  end: string;
  /** Whether the period has ended (before that, the figures are provisional). */
  complete: boolean;
  /** The instant the figures hold at. */
  asOf: string;
  criteria: EvaluationCriteria & { version: number };
}

export interface RankedAgencyFigures {
  rank: number | null;
  ranked: boolean;
  note: string | null;
  agencyId: string;
  agencyName: string;
  score: number;
  reports: number;
  onTime: number;
  late: number;
  onTimePercent: number;
  rated: number;
  satisfied: number;
  satisfactionPercent: number;
}

export interface AgencyRanking extends PeriodFields {
  kind: string | null;
  agencies: RankedAgencyFigures[];
}

export interface OfficerCommendation {
  officerId: string;
  officerName: string;
  agencyId: string;
  agencyName: string;
  score: number;
  handled: number;
  onTime: number;
  onTimePercent: number;
  rated: number;
  satisfied: number;
  satisfactionPercent: number;
}

export interface Commendations extends PeriodFields {
  officers: OfficerCommendation[];
}

async function periodFields(ctx: AppContext, p: ReportingPeriod, asOf: Date): Promise<PeriodFields> {
  const c = await currentCriteria(ctx.db);
  return {
    period: p.period,
    periodKind: p.kind,
    from: p.from,
    to: p.to,
    months: p.months,
    start: formatVietnamTime(p.start),
    end: formatVietnamTime(p.end),
    complete: ctx.clock.now() >= p.end,
    asOf: formatVietnamTime(asOf),
    criteria: { version: c.version, ...c.criteria },
  };
}

async function agencyNames(ctx: AppContext, ids: string[]): Promise<(id: string) => string> {
  const names = new Map((await agenciesByIds(ctx.db, [...new Set(ids)])).map((a) => [a.id, a.name]));
  return (id) => names.get(id) ?? id;
}

export async function agencyRanking(ctx: AppContext, actor: Actor, q: { period: string; kind?: string | undefined }): Promise<AgencyRanking> {
  oversightScope(actor);
  const p = parsePeriod(q.period, ctx.clock.now());
  const { refreshedAt } = await freshRollupState(ctx);
  const fields = await periodFields(ctx, p, refreshedAt);
  const rows = await agencyRankingFigures(ctx.db, { fromMonth: p.from, toMonth: p.to, kind: q.kind });
  const nameOf = await agencyNames(ctx, rows.map((r) => r.agencyId));
  const entries = rows.map((r) => ({
    agencyId: r.agencyId,
    agencyName: nameOf(r.agencyId),
    reports: r.reports,
    onTime: r.reports - r.late,
    late: r.late,
    onTimePercent: percent(r.reports - r.late, r.reports),
    rated: r.rated,
    satisfied: r.satisfied,
    satisfactionPercent: percent(r.satisfied, r.rated),
  }));
  const agencies: RankedAgencyFigures[] = rankAgencies(entries, fields.criteria);
  return { ...fields, kind: q.kind ?? null, agencies };
}

export async function officerCommendations(ctx: AppContext, actor: Actor, q: { period: string }): Promise<Commendations> {
  const scope = oversightScope(actor);
  const now = ctx.clock.now();
  const p = parsePeriod(q.period, now);
  const fields = await periodFields(ctx, p, now);
  const rows = await officerFigures(ctx.db, { start: p.start, end: p.end, now, clocks: OFFICER_CLOCKS, agencies: scope });
  const nameOf = await agencyNames(ctx, rows.map((r) => r.agencyId));
  const entries = rows.map((r) => ({
    officerId: r.officerId,
    officerName: r.officerName,
    agencyId: r.agencyId,
    agencyName: nameOf(r.agencyId),
    handled: r.handled,
    onTime: r.onTime,
    onTimePercent: percent(r.onTime, r.handled),
    rated: r.rated,
    satisfied: r.satisfied,
    satisfactionPercent: percent(r.satisfied, r.rated),
  }));
  const officers: OfficerCommendation[] = selectCommendations(entries, fields.criteria);
  return { ...fields, officers };
}
