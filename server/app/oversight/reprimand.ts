/**
 * reprimand flags for one Vietnam civil month (default: last month), computed on demand, each with its
 * evidence: (1) matters not resolved for good — reports of the same matter rated "Chưa hài lòng" 5 times or more,
 * flagged in the month of the 5th such rating; (2) agencies with more than 30 % of the month's reports late in
 * receiving or processing (deadlines due in the month). The definitions and thresholds are in
 * server/domain/oversight/reprimand.ts.
 *
 * Who sees it: as GET /api/v1/oversight/summary (`oversightScope`, 'oversight.read'); an agency-scoped holder
 * would see only the flags naming its agencies. Evidence is report codes, dates, ratings and agency names only —
 * never the reporter.
 */
import type { Actor } from '../../domain/access/index.ts';
import { civilDate, formatVietnamTime } from '../../domain/calendar/index.ts';
import {
  lateAgencyFlagged,
  MATTER_LINK_CHECKS,
  matterGroups,
  LATENESS_GROUPS,
  REPRIMAND_THRESHOLDS,
  thresholdReachedAt,
} from '../../domain/oversight/reprimand.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { lateReportsByAgency, matterLinks, matterReports, unsatisfiedReportIds } from '../../db/repos/reprimand.repo.ts';
import type { AppContext } from '../context.ts';
import { monthBounds, parseMonth, share } from '../lateness/rules.ts';
import { oversightScope } from './summary.ts';

export interface MatterEvidenceReport {
  code: string;
  submittedAt: string;
  rating: string | null;
  ratedAt: string | null;
  agencyName: string;
}
export interface MatterFlag {
  /** The code of the matter's first report. */
  matter: string;
  unsatisfied: number;
  reachedAt: string;
  agencies: { agencyId: string; agencyName: string; unsatisfied: number }[];
  reports: MatterEvidenceReport[];
}
export interface AgencyFlag {
  agencyId: string;
  agencyName: string;
  reports: number;
  late: number;
  pending: number;
  lateShare: number;
  lateCodes: string[];
}
export interface ReprimandFlags {
  month: string;
  from: string;
  to: string;
  asOf: string;
  complete: boolean;
  thresholds: { unsatisfiedRatings: number; latePercent: number };
  matters: MatterFlag[];
  agencies: AgencyFlag[];
}

const NOT_SATISFIED = 'unsatisfied';

export async function reprimandFlags(ctx: AppContext, actor: Actor, q: { month?: string | undefined }): Promise<ReprimandFlags> {
  const scope = oversightScope(actor);
  const now = ctx.clock.now();
  let monthText = q.month;
  if (monthText === undefined) {
    const current = parseMonth(civilDate(now).slice(0, 7))!;
    const last = current.month === 1 ? { year: current.year - 1, month: 12 } : { year: current.year, month: current.month - 1 };
    monthText = `${last.year}-${String(last.month).padStart(2, '0')}`;
  }
  const { from, to } = monthBounds(monthText);

  // (1) Matters: grow the groups from the reports rated not satisfied before the month's end, link by link.
  const seeds = await unsatisfiedReportIds(ctx.db, to);
  const known = new Set(seeds);
  const links: [string, string][] = [];
  const seen = new Set<string>();
  for (let frontier = seeds; frontier.length > 0; ) {
    const found = await matterLinks(ctx.db, frontier, MATTER_LINK_CHECKS);
    const fresh: string[] = [];
    for (const [a, b] of found) {
      const key = `${a}|${b}`;
      if (!seen.has(key)) {
        seen.add(key);
        links.push([a, b]);
      }
      for (const x of [a, b])
        if (!known.has(x)) {
          known.add(x);
          fresh.push(x);
        }
    }
    frontier = fresh;
  }
  const rows = new Map((await matterReports(ctx.db, [...known])).map((r) => [r.id, r]));
  const candidates = matterGroups([...known], links)
    .map((ids) => ids.map((id) => rows.get(id)).filter((r) => r !== undefined))
    .map((reports) => {
      const times = reports.filter((r) => r.rating === NOT_SATISFIED && r.ratedAt).map((r) => r.ratedAt!.getTime());
      return { reports, unsatisfied: times.length, reached: thresholdReachedAt(times) };
    })
    .filter((m) => m.reached !== null && m.reached >= from.getTime() && m.reached < to.getTime())
    .filter((m) => scope === 'all' || m.reports.some((r) => scope.includes(r.agencyId)));

  const lateRows = await lateReportsByAgency(ctx.db, {
    from,
    to,
    now,
    clocks: [...LATENESS_GROUPS.receiving, ...LATENESS_GROUPS.processing],
    agencies: scope,
  });
  const flaggedAgencies = lateRows.filter((r) => lateAgencyFlagged(r.late, r.reports));

  const agencyIds = [...new Set([...candidates.flatMap((m) => m.reports.map((r) => r.agencyId)), ...flaggedAgencies.map((r) => r.agencyId)])];
  const names = new Map((await agenciesByIds(ctx.db, agencyIds)).map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;

  const matters: MatterFlag[] = candidates
    .map((m) => {
      const perAgency = new Map<string, number>();
      for (const r of m.reports) perAgency.set(r.agencyId, (perAgency.get(r.agencyId) ?? 0) + (r.rating === NOT_SATISFIED ? 1 : 0));
      return {
        matter: m.reports[0]!.code,
        unsatisfied: m.unsatisfied,
        reachedAt: formatVietnamTime(new Date(m.reached!)),
        agencies: [...perAgency]
          .map(([agencyId, unsatisfied]) => ({ agencyId, agencyName: nameOf(agencyId), unsatisfied }))
          .sort((a, b) => b.unsatisfied - a.unsatisfied || a.agencyName.localeCompare(b.agencyName, 'vi')),
        reports: m.reports.map((r) => ({
          code: r.code,
          submittedAt: formatVietnamTime(r.submittedAt),
          rating: r.rating,
          ratedAt: r.ratedAt ? formatVietnamTime(r.ratedAt) : null,
          agencyName: nameOf(r.agencyId),
        })),
      };
    })
    .sort((a, b) => a.reachedAt.localeCompare(b.reachedAt) || a.matter.localeCompare(b.matter));

  const agencies: AgencyFlag[] = flaggedAgencies
    .map((r) => ({ agencyId: r.agencyId, agencyName: nameOf(r.agencyId), reports: r.reports, late: r.late, pending: r.pending, lateShare: share(r.late, r.reports), lateCodes: r.lateCodes }))
    .sort((a, b) => b.lateShare - a.lateShare || a.agencyName.localeCompare(b.agencyName, 'vi'));

  const t = REPRIMAND_THRESHOLDS.lateShare;
  return {
    month: monthText,
    from: formatVietnamTime(from),
    to: formatVietnamTime(to),
    asOf: formatVietnamTime(now),
    complete: now >= to,
    thresholds: { unsatisfiedRatings: REPRIMAND_THRESHOLDS.unsatisfiedRatings, latePercent: (t.numerator * 100) / t.denominator },
    matters,
    agencies,
  };
}
