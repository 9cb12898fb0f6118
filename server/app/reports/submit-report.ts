/**
 * A verified citizen or organisation submits a report. Acknowledged means committed: the report,
 * its first deadline, its media and its first event are written in one statement before the answer. A retried
 * submission with the same Idempotency-Key returns the report already created instead of a second one.
 *
 * Intake is the platform's hottest path (issue 4: ≥ 50 % of a raw INSERT's rate): everything it checks against
 * comes from the reference data in memory (ADR 0005), so a submission costs the session look-up, one query for
 * its media when it names some, and the one statement.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../domain/access/index.ts';
import { civilYearOf } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { checkSubmission, type SubmissionInput } from '../../domain/reports/index.ts';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import { auditEventRow, type AuditEventInput } from '../../db/repos/audit.repo.ts';
import { deadlineValues } from '../../db/repos/calendar.repo.ts';
import { findReportByIdempotencyKey, insertNewReport, nextReportCode, type ReportRow } from '../../db/repos/reports.repo.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { routeReport, type RoutingResult } from '../catalogue/route-report.ts';
import { assertNotSanctioned } from '../accounts/sanctions.ts';
import type { AppContext } from '../context.ts';
import { textSignatureRows } from '../integrity/similar-text.ts';
import { referenceData } from '../reference/reference-data.ts';
import type { AuditActor } from '../unit-of-work.ts';
import { unitAt } from '../units/locate-unit.ts';
import { claimUploads, type UploadRow } from '../uploads/index.ts';
import { REPORT_SUBJECT, startClocks } from './clocks.ts';
import { assembleBundle, reportForActor, type ReportBundle } from './read-reports.ts';

export interface SubmitResult {
  /** What the reporter is answered with: the report as stored, its timeline, deadlines and media. */
  bundle: ReportBundle;
  /** True when the Idempotency-Key matched an earlier submission: nothing new was created. */
  replayed: boolean;
}

function fingerprint(input: SubmissionInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.kind, input.categoryCode, input.title, input.description, input.place ?? null, input.occurredAt?.toISOString() ?? null, input.confidential, input.media ?? []]))
    .digest('hex');
}

const CITIZEN = (userId: string): AuditActor => ({ id: userId, role: 'citizen', agencyId: null });

export async function submitReport(ctx: AppContext, actor: Actor, input: SubmissionInput, idempotencyKey: string | undefined): Promise<SubmitResult> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN', { detail: { vi: 'Chỉ công dân, tổ chức gửi phản ánh', en: 'Only citizens and organisations submit reports' } });
  if (!actor.identityVerified) throw new AppError('IDENTITY_NOT_VERIFIED', { detail: { vi: 'Cần xác thực định danh trước khi gửi phản ánh (R-3.9)', en: 'Verify your identity before reporting (R-3.9)' } });
  assertNotSanctioned(actor, ctx.clock.now()); // the session carries the sanction's end (no extra query)

  const hash = fingerprint(input);
  // A retry of a report already stored is answered with it, even if it would no longer pass the checks.
  const replayOf = async (): Promise<SubmitResult | null> => {
    const earlier = idempotencyKey ? await findReportByIdempotencyKey(ctx.db, actor.userId, idempotencyKey) : undefined;
    if (!earlier) return null;
    if (earlier.idempotency_hash !== hash)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', {
        errors: [{ field: 'headers.idempotency-key', message: 'Khóa này đã dùng cho một phản ánh khác; mỗi phản ánh mới cần một khóa mới' }],
      });
    return { bundle: await reportForActor(ctx, actor, earlier.id), replayed: true };
  };

  const now = ctx.clock.now();
  const ref = await referenceData(ctx);
  const problems: FieldProblem[] = checkSubmission(input, now);
  let place: { version: string; code: string } | null = null;
  if (input.place) {
    const at = await unitAt(ctx, input.place.lat, input.place.lng);
    if (!at.inHanoi) problems.push({ field: 'body.place', message: 'Vị trí nằm ngoài địa bàn thành phố Hà Nội (R-6.1c)' });
    else place = { version: at.version, code: at.unit.code };
  }
  let route: RoutingResult | null = null;
  try {
    route = routeReport(ref, { kind: input.kind, categoryCode: input.categoryCode, place });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Every problem at once: a bad kind is already listed by checkSubmission.
    problems.push(...err.errors.filter((e) => !problems.some((p) => p.field === e.field)));
  }
  let media: UploadRow[] = [];
  try {
    media = await claimUploads(ctx.db, actor.userId, input.media ?? [], 'body.media');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(...err.errors);
  }
  if (problems.length || !route) {
    const replay = await replayOf();
    if (replay) return replay;
    throw invalid(problems);
  }

  const wf = WORKFLOWS[input.kind as keyof typeof WORKFLOWS];
  const id = uuidv7();
  const report: ReportRow = {
    id,
    code: await nextReportCode(ctx.db, civilYearOf(now.getTime())),
    kind: input.kind,
    category_code: input.categoryCode,
    title: input.title.trim(),
    description: input.description.trim(),
    reporter_id: actor.userId,
    confidential: input.confidential,
    lat: input.place?.lat ?? null,
    lng: input.place?.lng ?? null,
    address: input.place?.address?.trim() || null,
    unit_version: place?.version ?? null,
    unit_code: place?.code ?? null,
    occurred_at: input.occurredAt ?? null,
    state: wf.initial,
    classification: null,
    receiving_agency_id: route.agencyId,
    processing_agency_id: null,
    dispatched_agency_id: null,
    assignee_id: null,
    routing_note: route.rule,
    result_text: null,
    result_proofs: [],
    decision: null,
    result_published_at: null,
    rating: null,
    rating_comment: null,
    reject_reason: null,
    extended_to_days: null,
    version: 1,
    integrity_checked_at: null,
    submitted_at: now,
    updated_at: now,
    idempotency_key: idempotencyKey ?? null,
    idempotency_hash: idempotencyKey ? hash : null,
  };
  const deadlines = startClocks(ref.calendar, report, wf.initialClocks, now);
  const event: AuditEventInput = {
    actor: CITIZEN(actor.userId),
    occurredAt: now,
    action: 'report.submit',
    subjectType: REPORT_SUBJECT,
    subjectId: id,
    toState: wf.initial,
    payload: { code: report.code, kind: report.kind, category: report.category_code, receivingAgencyId: route.agencyId, routing: route.rule, confidential: report.confidential, media: media.length },
  };
  try {
    await insertNewReport(ctx.db, {
      report,
      deadlines: deadlines.map(deadlineValues),
      // The first event of a new subject: nothing before it in its chain.
      event: auditEventRow(event, null),
      media: media.map((u, position) => ({ report_id: id, upload_id: u.id, role: 'evidence' as const, position })),
      // Its near-duplicate signature (R-6.2c, ADR 0006): later reports are compared with it.
      textSignature: textSignatureRows(id, report.title, report.description),
    });
  } catch (err) {
    // Two retries racing with one key: the loser's insert hits the unique key; answer with the winner's report.
    if (idempotencyKey && isUniqueViolation(err)) {
      const replay = await replayOf();
      if (replay) return replay;
    }
    throw err;
  }
  return {
    bundle: assembleBundle(
      report,
      {
        timeline: [{ at: now, action: event.action, fromState: null, toState: wf.initial, actorId: actor.userId, actorRole: 'citizen', actorAgencyId: null, payload: event.payload ?? {} }],
        deadlines: deadlines.map((d) => ({ ...d, agencyId: d.agencyId ?? null, stoppedAt: null })),
        cooperations: [],
        findings: [],
        media: media.map((u, position) => ({ ...u, role: 'evidence' as const, position })),
      },
      actor,
    ),
    replayed: false,
  };
}
