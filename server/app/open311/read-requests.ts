/**
 * The public side of Open311 (issue 8, R-8.3, R-14, R-18.5): the services, the requests and their updates. Built
 * from public reports only (a rejected report is not public, R-6.2e) and from rows that carry no reporter: no
 * identity can reach an Open311 answer.
 */
import { fieldByCode } from '../../domain/agencies/index.ts';
import type { ReportKind } from '../../domain/calendar/index.ts';
import { REPORT_KIND_NAMES } from '../../domain/catalogue/index.ts';
import { AppError } from '../../domain/errors.ts';
import { OPEN311_KINDS, open311Status, parseServiceCode, serviceAttributes, serviceCode, type ServiceAttribute } from '../../domain/open311/index.ts';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import { openDeadlinesOf, type DeadlineRow } from '../../db/repos/calendar.repo.ts';
import { firstPublicMediaOf, reportUpdates, type ReportUpdateRow } from '../../db/repos/open311.repo.ts';
import { findReport, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import { REPORT_SUBJECT } from '../reports/clocks.ts';
import { PUBLIC_STATES, publicReportsPage } from '../reports/read-reports.ts';

export interface Open311Service {
  code: string;
  kind: ReportKind;
  categoryCode: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
}

/** One service per active category and kind taken through Open311, in the catalogue's order. */
export async function open311Services(ctx: AppContext): Promise<Open311Service[]> {
  const ref = await referenceData(ctx);
  return ref.categories
    .filter((c) => c.active)
    .flatMap((c) =>
      c.kinds
        .filter((k) => OPEN311_KINDS.includes(k))
        .map((kind) => {
          const field = fieldByCode(c.field);
          return {
            code: serviceCode(kind, c.code),
            kind,
            categoryCode: c.code,
            name: `${c.name} — ${REPORT_KIND_NAMES[kind]}`,
            description: c.description || c.name,
            group: field?.vi ?? c.field,
            keywords: [REPORT_KIND_NAMES[kind], ...(field ? [field.vi, field.en] : []), c.code],
          };
        }),
    );
}

export async function open311Service(ctx: AppContext, code: string): Promise<Open311Service & { attributes: ServiceAttribute[] }> {
  const parsed = parseServiceCode(code);
  const service = parsed ? (await open311Services(ctx)).find((s) => s.code === code) : undefined;
  if (!parsed || !service) throw new AppError('NOT_FOUND', { detail: { vi: `Không có dịch vụ “${code}”`, en: `service_code ${code} not found` } });
  return { ...service, attributes: serviceAttributes(parsed.kind) };
}

/** A public report with what Open311 shows beside it: its running deadlines and its first public photo. */
export interface Open311RequestView {
  report: ReportRow;
  running: DeadlineRow[];
  mediaSha256: string | null;
}

async function views(ctx: AppContext, rows: readonly ReportRow[]): Promise<Open311RequestView[]> {
  const ids = rows.map((r) => r.id);
  const running = new Map<string, DeadlineRow[]>();
  for (const d of await openDeadlinesOf(ctx.db, REPORT_SUBJECT, ids)) running.set(d.subjectId, [...(running.get(d.subjectId) ?? []), d]);
  const media = await firstPublicMediaOf(ctx.db, ids);
  return rows.map((report) => ({ report, running: running.get(report.id) ?? [], mediaSha256: media.get(report.id) ?? null }));
}

/** Public states of the Open311 kinds, by Open311 status. */
function statesOf(statuses: readonly ('open' | 'closed')[]): string[] {
  const out = new Set<string>();
  for (const kind of OPEN311_KINDS) {
    const wf = WORKFLOWS[kind];
    for (const s of PUBLIC_STATES(kind)) if (statuses.includes(open311Status(s, wf.terminal))) out.add(s);
  }
  return [...out];
}

export interface Open311Query {
  /** service_request_id: when given, every other criterion is ignored (as the spec says). */
  codes?: readonly string[] | undefined;
  serviceCode?: string | undefined;
  from: Date;
  to: Date;
  statuses: readonly ('open' | 'closed')[];
  bbox?: { west: number; south: number; east: number; north: number } | undefined;
  page: number;
  pageSize: number;
}

/** A page of public requests, and whether another page follows (no count: see pageReports). */
export async function open311Requests(ctx: AppContext, q: Open311Query): Promise<{ more: boolean; items: Open311RequestView[] }> {
  const paging = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  const service = q.serviceCode === undefined ? undefined : parseServiceCode(q.serviceCode);
  if (!q.codes && q.serviceCode !== undefined && !service) return { more: false, items: [] };
  const { rows, more } = await publicReportsPage(
    ctx,
    q.codes
      ? { kinds: OPEN311_KINDS, codes: q.codes, states: statesOf(['open', 'closed']), ...paging }
      : {
          kinds: service ? [service.kind] : OPEN311_KINDS,
          ...(service ? { categoryCode: service.categoryCode } : {}),
          states: statesOf(q.statuses),
          submittedFrom: q.from,
          submittedTo: q.to,
          ...(q.bbox ? { bbox: q.bbox } : {}),
          ...paging,
        },
  );
  return { more, items: await views(ctx, rows) };
}

/** One public request by its id (our report code); 404 otherwise. */
export async function open311Request(ctx: AppContext, code: string): Promise<Open311RequestView> {
  const report = /^PA-\d{4}-\d{6,}$/.test(code) ? await findReport(ctx.db, { code }) : undefined;
  const kind = report?.kind as ReportKind | undefined;
  if (!report || !kind || !OPEN311_KINDS.includes(kind) || !PUBLIC_STATES(kind).includes(report.state))
    throw new AppError('NOT_FOUND', { detail: { vi: `Không có yêu cầu “${code}”`, en: `service_request_id ${code} not found` } });
  return (await views(ctx, [report]))[0] as Open311RequestView;
}

/** The workflow events of public reports in the window, oldest first (servicerequestupdates, FixMyStreet's). */
export async function open311Updates(ctx: AppContext, q: { from: Date; to: Date; page: number; pageSize: number }): Promise<ReportUpdateRow[]> {
  return reportUpdates(ctx.db, { from: q.from, to: q.to, kinds: OPEN311_KINDS, states: statesOf(['open', 'closed']), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}
