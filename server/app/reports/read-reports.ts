/**
 * Reading reports: the reporter's own, staff queues scoped in SQL to the actor's agencies, and the
 * public list and detail. The public reading is built from a row type without the reporter: a
 * confidential reporter's identity cannot reach it.
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { canReadReport, rolesOnReport } from '../../domain/reports/index.ts';
import { WORKFLOWS, availableActions } from '../../domain/workflow/index.ts';
import { agenciesByIds } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { listCategories } from '../../db/repos/catalogue.repo.ts';
import { findUnits } from '../../db/repos/units.repo.ts';
import { deadlinesOf, type DeadlineRow } from '../../db/repos/calendar.repo.ts';
import { cooperationsOf, findReport, listReports, type ReportFilter, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { AppContext } from '../context.ts';
import { mediaOfReport, type ReportMediaItem } from '../uploads/index.ts';
import { REPORT_SUBJECT } from './clocks.ts';
import { parties } from './act-on-report.ts';

export interface TimelineEvent {
  at: Date;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorRole: string;
  actorAgencyId: string | null;
  payload: Record<string, unknown>;
}

export interface ReportBundle {
  report: ReportRow;
  timeline: TimelineEvent[];
  deadlines: DeadlineRow[];
  cooperations: Awaited<ReturnType<typeof cooperationsOf>>;
  media: ReportMediaItem[];
  /** What this actor may do now (buttons); the engine still decides when they act. */
  actions: string[];
}

async function bundle(ctx: AppContext, report: ReportRow, actor: Actor): Promise<ReportBundle> {
  const events = await listAuditEvents(ctx.db, REPORT_SUBJECT, report.id);
  const wf = WORKFLOWS[report.kind as keyof typeof WORKFLOWS];
  return {
    report,
    timeline: events.map((e) => ({
      at: e.occurred_at,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      actorId: e.actor_id,
      actorRole: e.actor_role,
      actorAgencyId: e.actor_agency_id,
      payload: e.payload,
    })),
    deadlines: await deadlinesOf(ctx.db, REPORT_SUBJECT, report.id),
    cooperations: await cooperationsOf(ctx.db, report.id),
    media: await mediaOfReport(ctx.db, report.id),
    actions: availableActions(wf, report.state, rolesOnReport(actor, parties(report))),
  };
}

/** A report for its reporter or for staff involved in it; 404 for anyone else. */
export async function reportForActor(ctx: AppContext, actor: Actor, id: string): Promise<ReportBundle> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const report = await findReport(ctx.db, { id });
  if (!report) throw new AppError('NOT_FOUND');
  const cooperating = (await cooperationsOf(ctx.db, report.id)).map((c) => c.agency_id);
  if (!canReadReport(actor, parties(report), cooperating)) throw new AppError('NOT_FOUND');
  return bundle(ctx, report, actor);
}

export interface Paging {
  limit: number;
  offset: number;
}

export async function myReports(ctx: AppContext, actor: Actor, paging: Paging) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  return listReports(ctx.db, { reporterId: actor.userId, ...paging });
}

/** Staff queues: only reports of the actor's agencies, unless the role is city-wide (Center, overseer). */
export async function staffReports(ctx: AppContext, actor: Actor, filter: Omit<ReportFilter, 'agencies' | 'reporterId'>) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return listReports(ctx.db, { ...filter, agencies: agencyScope(actor, 'report.readInScope') });
}

/** States the public does not see: a rejected report may be advertising or abuse (R-6.2e, R-5.2). */
export const PUBLIC_STATES = (kind: keyof typeof WORKFLOWS) => WORKFLOWS[kind].states.filter((s) => s !== 'rejected');

export async function publicReports(ctx: AppContext, filter: Omit<ReportFilter, 'agencies' | 'reporterId'>) {
  const visible = [...new Set(Object.keys(WORKFLOWS).flatMap((k) => PUBLIC_STATES(k as keyof typeof WORKFLOWS)))];
  const states = filter.states?.length ? filter.states.filter((s) => visible.includes(s)) : visible;
  if (states.length === 0) return { rows: [], total: 0 };
  return listReports(ctx.db, { ...filter, states });
}

export async function publicReport(ctx: AppContext, code: string): Promise<ReportBundle> {
  const report = await findReport(ctx.db, { code });
  if (!report || !PUBLIC_STATES(report.kind as keyof typeof WORKFLOWS).includes(report.state)) throw new AppError('NOT_FOUND');
  return bundle(ctx, report, { kind: 'anonymous' });
}

/** Names for people: categories, communes and agencies of these reports, in a few queries. */
export interface ReportNames {
  category(code: string): string;
  unit(version: string | null, code: string | null): string | null;
  agency(id: string | null): string | null;
}

export async function reportNames(ctx: AppContext, rows: readonly ReportRow[], extraAgencyIds: readonly string[] = []): Promise<ReportNames> {
  const categories = new Map((await listCategories(ctx.db, {})).map((c) => [c.code, c.name]));
  const refs = rows.filter((r) => r.unit_version && r.unit_code).map((r) => ({ version: r.unit_version as string, code: r.unit_code as string }));
  const units = new Map((await findUnits(ctx.db, refs)).map((u) => [`${u.version}/${u.code}`, u.fullName]));
  const agencyIds = [
    ...new Set([...rows.flatMap((r) => [r.receiving_agency_id, r.processing_agency_id, r.dispatched_agency_id]), ...extraAgencyIds].filter((x): x is string => !!x)),
  ];
  const agencies = new Map((await agenciesByIds(ctx.db, agencyIds)).map((a) => [a.id, a.name]));
  return {
    category: (code) => categories.get(code) ?? code,
    unit: (version, code) => (version && code ? (units.get(`${version}/${code}`) ?? null) : null),
    agency: (id) => (id ? (agencies.get(id) ?? null) : null),
  };
}
