/**
 * Reading reports: the reporter's own, staff queues scoped in SQL to the actor's agencies, and the
 * public list and detail. The public reading is built from a row type without the reporter: a
 * confidential reporter's identity cannot reach it.
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { awaitingClauses, canReadReport, rolesOnReport } from '../../domain/reports/index.ts';
import { WORKFLOWS, availableActions } from '../../domain/workflow/index.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { deadlinesOf, openDeadlinesOf, type DeadlineRow } from '../../db/repos/calendar.repo.ts';
import { findingChecksOf, findingsOf } from '../../db/repos/findings.repo.ts';
import type { FindingCheck } from '../../domain/integrity/findings.ts';
import { cooperationsOf, findReport, listReports, pageReports, type ReportFilter, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
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
  /** The integrity checks' findings (issue 5): for staff only, empty for anyone else. */
  findings: Awaited<ReturnType<typeof findingsOf>>;
  timeline: TimelineEvent[];
  deadlines: DeadlineRow[];
  cooperations: Awaited<ReturnType<typeof cooperationsOf>>;
  media: ReportMediaItem[];
  /** What this actor may do now (buttons); the engine still decides when they act. */
  actions: string[];
}

/** What a reader sees of a report, from its stored parts. */
export function assembleBundle(report: ReportRow, parts: Omit<ReportBundle, 'report' | 'actions'>, actor: Actor): ReportBundle {
  const wf = WORKFLOWS[report.kind as keyof typeof WORKFLOWS];
  return { report, ...parts, actions: availableActions(wf, report.state, rolesOnReport(actor, parties(report))) };
}

async function bundle(ctx: AppContext, report: ReportRow, actor: Actor): Promise<ReportBundle> {
  return assembleBundle(
    report,
    {
      timeline: (await listAuditEvents(ctx.db, REPORT_SUBJECT, report.id)).map((e) => ({
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
      findings: actor.kind === 'staff' ? await findingsOf(ctx.db, report.id) : [],
    },
    actor,
  );
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

export async function myReports(ctx: AppContext, actor: Actor, q: Paging & { kind?: string | undefined }) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  return listReports(ctx.db, { reporterId: actor.userId, ...q });
}

export interface StaffQueueFilter extends Omit<ReportFilter, 'agencies' | 'reporterId' | 'assigneeId' | 'overdueAt' | 'awaiting' | 'cooperatingAgencies'> {
  /** Only reports on which the caller's agencies were asked to cooperate and have not answered yet. */
  cooperating?: boolean;
  /** Only reports assigned to the caller. */
  assignedToMe?: boolean;
  /** Only reports with a running deadline already past due. */
  overdue?: boolean;
  /** Only reports waiting for a step by one of the caller's roles at them (participation.ts `awaitingClauses`). */
  actionable?: boolean;
}

export interface StaffQueueItem {
  report: ReportRow;
  /** Its running clocks, nearest due first. */
  openDeadlines: DeadlineRow[];
  /** The checks that found something (issue 5), so the queue shows "khẩn?", "trùng?", "quảng cáo?" at a glance. */
  findingChecks: FindingCheck[];
}

/**
 * Staff queues (issue 4 item 11): only reports of the actor's agencies, unless the role is city-wide (Center,
 * overseer), narrowed to what waits for the caller if asked, each with its running deadlines — fetched for the
 * whole page in one query. `now` is the instant `overdue` was judged at (the filter and the items agree).
 */
export async function staffReports(ctx: AppContext, actor: Actor, filter: StaffQueueFilter): Promise<{ total: number; items: StaffQueueItem[]; now: Date }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const { assignedToMe, overdue, actionable, cooperating, ...rest } = filter;
  const { rows, total } = await listReports(ctx.db, {
    ...rest,
    // A cooperating agency reads the report it was asked to help with, wherever it is handled.
    ...(cooperating ? { cooperatingAgencies: [...new Set(actor.memberships.map((m) => m.agencyId))] } : { agencies: agencyScope(actor, 'report.readInScope') }),
    ...(assignedToMe ? { assigneeId: actor.userId } : {}),
    ...(overdue ? { overdueAt: now } : {}),
    ...(actionable ? { awaiting: awaitingClauses(actor) } : {}),
  });
  const open = new Map<string, DeadlineRow[]>();
  const ids = rows.map((r) => r.id);
  for (const d of await openDeadlinesOf(ctx.db, REPORT_SUBJECT, ids)) open.set(d.subjectId, [...(open.get(d.subjectId) ?? []), d]);
  const checks = await findingChecksOf(ctx.db, ids);
  return { total, now, items: rows.map((report) => ({ report, openDeadlines: open.get(report.id) ?? [], findingChecks: checks.get(report.id) ?? [] })) };
}

/** States the public does not see: a rejected report may be advertising or abuse (R-6.2e, R-5.2). */
export const PUBLIC_STATES = (kind: keyof typeof WORKFLOWS) => WORKFLOWS[kind].states.filter((s) => s !== 'rejected');

type PublicFilter = Omit<ReportFilter, 'agencies' | 'reporterId'>;

/** The filter kept to public states (the asked ones that are public, else all public ones); null if none is left. */
function publicOnly(filter: PublicFilter): ReportFilter | null {
  const visible = [...new Set(Object.keys(WORKFLOWS).flatMap((k) => PUBLIC_STATES(k as keyof typeof WORKFLOWS)))];
  const states = filter.states?.length ? filter.states.filter((s) => visible.includes(s)) : visible;
  return states.length === 0 ? null : { ...filter, states };
}

export async function publicReports(ctx: AppContext, filter: PublicFilter) {
  const f = publicOnly(filter);
  return f ? listReports(ctx.db, f) : { rows: [], total: 0 };
}

/** A page of public reports without the count (Open311's feed). */
export async function publicReportsPage(ctx: AppContext, filter: PublicFilter) {
  const f = publicOnly(filter);
  return f ? pageReports(ctx.db, f) : { rows: [], more: false };
}

export async function publicReport(ctx: AppContext, code: string): Promise<ReportBundle> {
  const report = await findReport(ctx.db, { code });
  if (!report || !PUBLIC_STATES(report.kind as keyof typeof WORKFLOWS).includes(report.state)) throw new AppError('NOT_FOUND');
  return bundle(ctx, report, { kind: 'anonymous' });
}

/** Names for people: categories, communes and agencies (from the reference data in memory). */
export interface ReportNames {
  category(code: string): string;
  unit(version: string | null, code: string | null): string | null;
  agency(id: string | null): string | null;
}

export async function reportNames(ctx: Pick<AppContext, 'db' | 'config'>): Promise<ReportNames> {
  const ref = await referenceData(ctx);
  return {
    category: (code) => ref.category(code)?.name ?? code,
    unit: (version, code) => (version && code ? (ref.unit(version, code)?.fullName ?? null) : null),
    agency: (id) => (id ? (ref.agency(id)?.name ?? null) : null),
  };
}
