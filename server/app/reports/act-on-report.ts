/**
 * Every workflow action on a report, for every kind: load → the engine decides (state, role at this report,
 * inputs, guards) → the changes of this action → save if the version is unchanged → clocks → audit event.
 * Exactly one of two concurrent actions wins (optimistic version check); the other gets 409.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../domain/access/index.ts';
import { CLASSIFICATIONS, clarificationWindow, type Classification } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { rolesOnReport, type ReportParties } from '../../domain/reports/index.ts';
import { violationMarkerProblem } from '../../domain/sanctions/index.ts';
import {
  INITIATIVE_DECISIONS,
  RATINGS,
  REJECT_REASONS,
  WORKFLOWS,
  decide,
  type Facts,
  type Need,
  type Refusal,
} from '../../domain/workflow/index.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listMembers } from '../../db/repos/accounts.repo.ts';
import { findReport, insertCooperation, openCooperationCount, updateReportIfVersion, type ReportRow } from '../../db/repos/reports.repo.ts';
import { findUploadOfOwnerBySha256 } from '../../db/repos/uploads.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { ResultProof } from '../../db/schema/reports.ts';
import { applySanctionRules } from '../accounts/sanctions.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';
import type { CurrentCalendar } from '../calendar/current-calendar.ts';
import { currentCalendar } from '../reference/reference-data.ts';
import { REPORT_SUBJECT, applyClocks, reassignRunningClocks } from './clocks.ts';

export interface ActionInput {
  action: string;
  /** The report version the actor saw (from the detail view). */
  version: number;
  rejectReason?: string | undefined;
  explanation?: string | undefined;
  question?: string | undefined;
  answer?: string | undefined;
  targetAgencyId?: string | undefined;
  classification?: string | undefined;
  assigneeId?: string | undefined;
  resultText?: string | undefined;
  proofs?: ResultProof[] | undefined;
  extendTo?: number | undefined;
  rating?: string | undefined;
  comment?: string | undefined;
  decision?: string | undefined;
  /** `abusive`: an R-6.2a rejection the officer marks as a violation. */
  violation?: string | undefined;
}

/** Where each need is read from in the request body (for errors naming the field). */
export const NEED_FIELD: Record<Need, keyof ActionInput> = {
  rejectReason: 'rejectReason',
  explanation: 'explanation',
  question: 'question',
  answer: 'answer',
  targetAgency: 'targetAgencyId',
  classification: 'classification',
  assignee: 'assigneeId',
  resultText: 'resultText',
  proof: 'proofs',
  extendTo: 'extendTo',
  rating: 'rating',
  decision: 'decision',
};

export function parties(r: ReportRow): ReportParties {
  return {
    reporterId: r.reporter_id,
    receivingAgencyId: r.receiving_agency_id,
    processingAgencyId: r.processing_agency_id,
    dispatchedAgencyId: r.dispatched_agency_id,
    assigneeId: r.assignee_id,
  };
}

function refusalError(r: Refusal): AppError {
  const detail = { vi: r.vi, en: r.en };
  switch (r.code) {
    case 'ROLE_NOT_ALLOWED':
      return new AppError('FORBIDDEN', { detail, extra: { rule: r.rule } });
    case 'INPUT_MISSING':
      return new AppError('VALIDATION_FAILED', {
        detail,
        extra: { rule: r.rule },
        errors: r.missing.map((n) => ({ field: `body.${NEED_FIELD[n]}`, message: n === 'proof' ? 'Kết quả cần ít nhất một tài liệu chứng minh việc xử lý (R-12.2)' : 'Bắt buộc cho thao tác này' })),
      });
    default:
      return new AppError('TRANSITION_NOT_ALLOWED', { detail, extra: { rule: r.rule } });
  }
}

/**
 * What the workflow's guards look at, for this report at `now`: the same facts whoever acts — a person through
 * an action, or the platform closing a report once the clarification window has ended. `cal` is read
 * before any unit of work (see clocks.ts).
 */
export async function reportFacts(db: Kysely<DB>, cal: CurrentCalendar, report: ReportRow, now: Date): Promise<Facts> {
  return {
    classification: report.classification,
    openCooperations: await openCooperationCount(db, report.id),
    extendedToDays: report.extended_to_days,
    clarificationWindowOpen: report.result_published_at ? now < clarificationWindow(cal.calendar, report.result_published_at) : false,
  };
}

/** The report as far as this actor may act or read; 404 otherwise (no hint that it exists). */
export async function loadReportFor(ctx: AppContext, actor: Actor, id: string): Promise<ReportRow> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const report = await findReport(ctx.db, { id });
  if (!report) throw new AppError('NOT_FOUND');
  return report;
}

export async function actOnReport(ctx: AppContext, actor: Actor, reportId: string, input: ActionInput): Promise<ReportRow> {
  const report = await loadReportFor(ctx, actor, reportId);
  const wf = WORKFLOWS[report.kind as keyof typeof WORKFLOWS];
  const roles = rolesOnReport(actor, parties(report));
  if (roles.length === 0) throw new AppError('NOT_FOUND');

  const cal = await currentCalendar(ctx);
  const facts = await reportFacts(ctx.db, cal, report, ctx.clock.now());
  const proofs = input.action === 'approve' ? report.result_proofs : input.proofs;
  const needs: Partial<Record<Need, unknown>> = {
    rejectReason: input.rejectReason,
    explanation: input.explanation,
    question: input.question,
    answer: input.answer,
    targetAgency: input.targetAgencyId,
    classification: input.classification,
    assignee: input.assigneeId,
    resultText: input.resultText,
    proof: proofs,
    extendTo: input.extendTo,
    rating: input.rating,
    decision: input.decision,
  };
  const decision = decide(wf, report.state, input.action, roles, needs, facts);
  if (!decision.ok) throw refusalError(decision);
  const t = decision.transition;

  const markerProblem = violationMarkerProblem(input.action, input.rejectReason, input.violation);
  if (markerProblem) throw invalid([markerProblem]);
  const changes = await changesOf(ctx, actor, report, input);
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    const saved = await updateReportIfVersion(w.tx, report.id, input.version, { ...changes, state: t.to, updated_at: w.now });
    if (!saved) throw new AppError('VERSION_CONFLICT');
    const after = (await findReport(w.tx, { id: report.id })) as ReportRow;
    await applyClocks(cal, w, after, {
      ...(t.starts ? { starts: t.starts } : {}),
      ...(t.stops ? { stops: t.stops } : {}),
      ...(t.extends && input.extendTo ? { extend: { stage: t.extends, days: input.extendTo } } : {}),
    });
    if (input.action === 'transfer') await reassignRunningClocks(w, after);
    if (input.action === 'requestCooperation' && input.targetAgencyId && actor.kind === 'staff')
      await insertCooperation(w.tx, { id: uuidv7(), reportId: report.id, agencyId: input.targetAgencyId, requestedAt: w.now, requestedBy: actor.userId });
    await w.audit({
      action: `report.${input.action}`,
      subjectType: REPORT_SUBJECT,
      subjectId: report.id,
      fromState: report.state,
      toState: t.to,
      payload: eventPayload(input, t.rule),
    });
    await applySanctionRules(w, report, input, actor); // a violation, or a valid report ending the run
    return after;
  });
}

/** What an action changes on the report row, after checking its inputs against the database. */
async function changesOf(ctx: AppContext, actor: Actor, report: ReportRow, input: ActionInput): Promise<Partial<ReportRow>> {
  const problems: FieldProblem[] = [];
  const agency = async (kinds?: readonly string[]) => {
    const a = input.targetAgencyId ? await findAgency(ctx.db, { id: input.targetAgencyId }) : undefined;
    if (!a || !a.active) problems.push({ field: 'body.targetAgencyId', message: 'Không có cơ quan này (hoặc cơ quan không còn hoạt động)' });
    else if (kinds && !kinds.includes(a.kind)) problems.push({ field: 'body.targetAgencyId', message: `Cơ quan này không nhận loại giao việc này (${a.name})` });
    return a;
  };
  const fail = () => invalid(problems);
  switch (input.action) {
    case 'accept': {
      await agency();
      if (!CLASSIFICATIONS.includes(input.classification as Classification))
        problems.push({ field: 'body.classification', message: 'Phân loại: urgent (khẩn cấp), normal (thông thường) hoặc complex (phức tạp) — R-8.4' });
      if (problems.length) throw fail();
      return { processing_agency_id: input.targetAgencyId as string, classification: input.classification as Classification };
    }
    case 'reject':
      if (!(input.rejectReason && input.rejectReason in REJECT_REASONS))
        throw invalid([{ field: 'body.rejectReason', message: `Lý do theo Điều 6.2: ${Object.keys(REJECT_REASONS).join(', ')}` }]);
      return { reject_reason: input.rejectReason };
    case 'transfer':
      await agency();
      if (input.targetAgencyId === report.receiving_agency_id) problems.push({ field: 'body.targetAgencyId', message: 'Phản ánh đang ở chính cơ quan này' });
      if (problems.length) throw fail();
      return { receiving_agency_id: input.targetAgencyId as string };
    case 'returnForRerouting':
      return { processing_agency_id: null, dispatched_agency_id: null, assignee_id: null };
    case 'returnToCenter':
      return { processing_agency_id: null, assignee_id: null };
    case 'distribute':
      await agency();
      if (problems.length) throw fail();
      return { processing_agency_id: input.targetAgencyId as string };
    case 'dispatch':
      await agency(['commune_committee']);
      if (problems.length) throw fail();
      return { dispatched_agency_id: input.targetAgencyId as string };
    case 'requestCooperation': {
      const a = await agency();
      if (a && a.id === report.processing_agency_id) problems.push({ field: 'body.targetAgencyId', message: 'Cơ quan chủ trì không tự phối hợp với mình' });
      if (problems.length) throw fail();
      return {};
    }
    case 'assign': {
      const at = report.dispatched_agency_id ?? report.processing_agency_id;
      const members = at ? await listMembers(ctx.db, at, 'all') : [];
      if (!members.some((m) => m.id === input.assigneeId && m.role === 'processing_officer'))
        throw invalid([{ field: 'body.assigneeId', message: 'Người được giao phải là cán bộ xử lý của cơ quan (R-8.1 bước 3)' }]);
      return { assignee_id: input.assigneeId as string };
    }
    case 'extend':
      return { extended_to_days: input.extendTo as number };
    case 'draftResult': {
      // a proof file is one the drafting officer uploaded — never a guessed or someone else's hash.
      const proofs: ResultProof[] = [];
      for (const [i, p] of (input.proofs ?? []).entries()) {
        if (!p.sha256) {
          proofs.push({ kind: p.kind, title: p.title });
          continue;
        }
        const upload = actor.kind === 'staff' ? await findUploadOfOwnerBySha256(ctx.db, actor.userId, p.sha256) : undefined;
        if (!upload) problems.push({ field: `body.proofs.${i}.sha256`, message: `Tài liệu “${p.title}” chưa được tải lên: tải tệp lên trước (POST /api/v1/uploads) rồi gửi sha256 của tệp đó` });
        else proofs.push({ kind: p.kind, title: p.title, sha256: p.sha256, mime: upload.mime, publicSha256: upload.public_sha256 });
      }
      if (problems.length) throw fail();
      return { result_text: (input.resultText as string).trim(), result_proofs: JSON.stringify(proofs) as never };
    }
    case 'approve':
      return { result_published_at: ctx.clock.now() };
    case 'rate':
      if (!(input.rating && input.rating in RATINGS)) throw invalid([{ field: 'body.rating', message: 'Đánh giá: satisfied (Hài lòng), acceptable (Chấp nhận được) hoặc unsatisfied (Chưa hài lòng)' }]);
      return { rating: input.rating as keyof typeof RATINGS, rating_comment: input.comment?.trim() || null };
    case 'decide':
      if (!(input.decision && input.decision in INITIATIVE_DECISIONS)) throw invalid([{ field: 'body.decision', message: `Quyết định: ${Object.keys(INITIATIVE_DECISIONS).join(', ')}` }]);
      return { decision: input.decision, result_text: (input.resultText as string).trim(), result_published_at: ctx.clock.now() };
    default:
      return {};
  }
}

/** The event keeps what the action said — never identity fields (the trail is read by staff and exported). */
function eventPayload(input: ActionInput, rule: string): Record<string, unknown> {
  const { version: _version, ...said } = input;
  return Object.fromEntries(Object.entries({ ...said, rule }).filter(([, v]) => v !== undefined));
}
