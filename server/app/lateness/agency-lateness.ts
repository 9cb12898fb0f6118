/**
 * Lateness per agency for one Vietnam civil month (R-8.5 "late units answer for it", R-18.4(2)): for each
 * responsible agency and deadline stage, how many deadlines fell due in the month, how many were met, late
 * (stopped after the due instant, or still open past it) or still pending; and, per R-18.4(2), the share of
 * the month's reports late in receiving and in processing with the >30 % flag.
 *
 * Who sees what: roles holding 'oversight.read' (the city overseer) see every agency; the heads of an agency
 * (those who direct its handling: 'report.assign' — agency heads and commune leaders) see their own agency.
 * Anyone else is refused (403); asking for an agency outside one's scope is refused too.
 */
import { agencyScope, can, type Actor } from '../../domain/access/index.ts';
import { civilDate, formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { latenessFigures } from '../../db/repos/lateness.repo.ts';
import type { AppContext } from '../context.ts';
import { LATENESS_GROUPS, lateAgencyFlagged, type LatenessGroup } from '../../domain/oversight/reprimand.ts';
import { monthBounds, share } from './rules.ts';

export interface StageLateness {
  stage: string;
  /** Deadlines of this stage due in the month. */
  due: number;
  met: number;
  late: number;
  /** Open and not yet due (only in a month that has not ended). */
  pending: number;
  /** late / due. */
  lateShare: number;
}

export interface GroupLateness {
  /** The month's reports with a deadline of this group due at this agency. */
  reports: number;
  late: number;
  lateShare: number;
  over30Percent: boolean;
}

export interface AgencyLateness {
  agencyId: string;
  agencyName: string;
  stages: StageLateness[];
  receiving: GroupLateness;
  processing: GroupLateness;
  /** R-18.4(2): more than 30 % of the month's reports late in receiving or in processing. */
  over30Percent: boolean;
}

export interface LatenessReport {
  month: string;
  from: string;
  to: string;
  asOf: string;
  /** Whether the month has ended (before that, pending deadlines may still turn late). */
  complete: boolean;
  agencies: AgencyLateness[];
}

/** The agencies whose lateness the actor may read: 'all', or a list (never empty: refused before). */
export function latenessScope(actor: Actor): 'all' | string[] {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const city = agencyScope(actor, 'oversight.read');
  if (city === 'all') return 'all';
  const heads = agencyScope(actor, 'report.assign');
  if (heads === 'all') return 'all';
  const ids = [...new Set([...city, ...heads])];
  if (ids.length === 0) throw new AppError('FORBIDDEN');
  return ids;
}

const STAGE_ORDER = ['verify', 'receive', 'assign', 'process', 'redo', 'approve_publication', 'answer_clarification'];

export async function agencyLateness(ctx: AppContext, actor: Actor, q: { month?: string | undefined; agencyId?: string | undefined }): Promise<LatenessReport> {
  let scope = latenessScope(actor);
  if (q.agencyId !== undefined) {
    const allowed = can(actor, 'oversight.read', { agencyId: q.agencyId }) || can(actor, 'report.assign', { agencyId: q.agencyId });
    if (!allowed) throw new AppError('FORBIDDEN');
    scope = [q.agencyId];
  }
  const now = ctx.clock.now();
  const monthText = q.month ?? civilDate(now).slice(0, 7);
  const { from, to } = monthBounds(monthText);

  const figures = await latenessFigures(ctx.db, { from, to, now, agencies: scope, groups: LATENESS_GROUPS });
  const agencyIds = [...new Set([...figures.stages.map((s) => s.agencyId), ...figures.groups.map((g) => g.agencyId)])];
  const names = new Map((await agenciesByIds(ctx.db, agencyIds)).map((a) => [a.id, a.name]));

  const group = (agencyId: string, name: LatenessGroup): GroupLateness => {
    const g = figures.groups.find((x) => x.agencyId === agencyId && x.group === name);
    const reports = g?.reports ?? 0;
    const late = g?.late ?? 0;
    return { reports, late, lateShare: share(late, reports), over30Percent: lateAgencyFlagged(late, reports) };
  };
  const agencies = agencyIds.map((agencyId): AgencyLateness => {
    const receiving = group(agencyId, 'receiving');
    const processing = group(agencyId, 'processing');
    return {
      agencyId,
      agencyName: names.get(agencyId) ?? agencyId,
      stages: figures.stages
        .filter((s) => s.agencyId === agencyId)
        .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage))
        .map((s) => ({ stage: s.stage, due: s.due, met: s.met, late: s.late, pending: s.pending, lateShare: share(s.late, s.due) })),
      receiving,
      processing,
      over30Percent: receiving.over30Percent || processing.over30Percent,
    };
  });
  // Flagged agencies first, then by name (Vietnamese order).
  agencies.sort((a, b) => Number(b.over30Percent) - Number(a.over30Percent) || a.agencyName.localeCompare(b.agencyName, 'vi'));

  return {
    month: monthText,
    from: formatVietnamTime(from),
    to: formatVietnamTime(to),
    asOf: formatVietnamTime(now),
    complete: now >= to,
    agencies,
  };
}
