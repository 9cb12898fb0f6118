/**
 * A verified citizen or organisation submits a report. Acknowledged means committed: the report,
 * its first deadline and its first event are written in one transaction before the answer. A retried submission
 * with the same Idempotency-Key returns the report already created instead of a second one.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../domain/access/index.ts';
import { civilYearOf } from '../../domain/calendar/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { checkSubmission, type SubmissionInput } from '../../domain/reports/index.ts';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import { findReport, findReportByIdempotencyKey, insertReport, nextReportCode, type ReportRow } from '../../db/repos/reports.repo.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { routeReport, usableCategory } from '../catalogue/route-report.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../calendar/current-calendar.ts';
import { unitAt } from '../units/locate-unit.ts';
import { attachToReport, claimUploads } from '../uploads/index.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { REPORT_SUBJECT, applyClocks } from './clocks.ts';

const ROUTE_FIELDS = { kind: 'body.kind', categoryCode: 'body.categoryCode', place: 'body.place' };

export interface SubmitResult {
  report: ReportRow;
  /** True when the Idempotency-Key matched an earlier submission: nothing new was created. */
  replayed: boolean;
}

function fingerprint(input: SubmissionInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.kind, input.categoryCode, input.title, input.description, input.place ?? null, input.occurredAt?.toISOString() ?? null, input.confidential, input.media ?? []]))
    .digest('hex');
}

export async function submitReport(ctx: AppContext, actor: Actor, input: SubmissionInput, idempotencyKey: string | undefined): Promise<SubmitResult> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN', { detail: { vi: 'Chỉ công dân, tổ chức gửi phản ánh', en: 'Only citizens and organisations submit reports' } });
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.identity_verified_at) throw new AppError('IDENTITY_NOT_VERIFIED', { detail: { vi: 'Cần xác thực định danh trước khi gửi phản ánh (R-3.9)', en: 'Verify your identity before reporting (R-3.9)' } });

  const hash = fingerprint(input);
  if (idempotencyKey) {
    const earlier = await findReportByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
    if (earlier) return replay(earlier, hash);
  }

  const now = ctx.clock.now();
  const problems: FieldProblem[] = checkSubmission(input, now);
  try {
    await usableCategory(ctx.db, input.kind, input.categoryCode, ROUTE_FIELDS);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Every problem at once: a bad kind is already listed by checkSubmission.
    problems.push(...err.errors.filter((e) => !problems.some((p) => p.field === e.field)));
  }
  let place: { version: string; code: string } | null = null;
  if (input.place) {
    const at = await unitAt(ctx, input.place.lat, input.place.lng);
    if (!at.inHanoi) problems.push({ field: 'body.place', message: 'Vị trí nằm ngoài địa bàn thành phố Hà Nội (R-6.1c)' });
    else place = { version: at.version, code: at.unit.code };
  }
  try {
    await claimUploads(ctx.db, actor.userId, input.media ?? [], 'body.media');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(...err.errors);
  }
  if (problems.length) throw invalid(problems);

  const route = await routeReport(ctx, { kind: input.kind as never, categoryCode: input.categoryCode, place });
  const wf = WORKFLOWS[input.kind as keyof typeof WORKFLOWS];
  const cal = await currentCalendar(ctx.db);
  try {
    return await unitOfWork(ctx, { id: actor.userId, role: 'citizen', agencyId: null }, async (w) => {
      const id = uuidv7();
      const row = {
        id,
        code: await nextReportCode(w.tx, civilYearOf(w.now.getTime())),
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
        result_published_at: null,
        rating: null,
        rating_comment: null,
        reject_reason: null,
        extended_to_days: null,
        submitted_at: w.now,
        updated_at: w.now,
        idempotency_key: idempotencyKey ?? null,
        idempotency_hash: idempotencyKey ? hash : null,
      };
      await insertReport(w.tx, row);
      // Claimed again inside the transaction: what is attached is exactly what was checked (R-5.2 evidence).
      await attachToReport(w.tx, id, await claimUploads(w.tx, actor.userId, input.media ?? [], 'body.media'), 'evidence');
      await applyClocks(cal, w, row, { starts: wf.initialClocks });
      await w.audit({
        action: 'report.submit',
        subjectType: REPORT_SUBJECT,
        subjectId: id,
        toState: wf.initial,
        payload: { code: row.code, kind: row.kind, category: row.category_code, receivingAgencyId: route.agencyId, routing: route.rule, confidential: row.confidential, media: (input.media ?? []).length },
      });
      return { report: (await findReport(w.tx, { id })) as ReportRow, replayed: false };
    });
  } catch (err) {
    // Two retries racing with one key: the loser's insert hits the unique key; answer with the winner's report.
    if (idempotencyKey && isUniqueViolation(err)) {
      const winner = await findReportByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
      if (winner) return replay(winner, hash);
    }
    throw err;
  }
}

function replay(earlier: ReportRow, hash: string): SubmitResult {
  if (earlier.idempotency_hash !== hash)
    throw new AppError('IDEMPOTENCY_KEY_REUSED', {
      errors: [{ field: 'headers.idempotency-key', message: 'Khóa này đã dùng cho một phản ánh khác; mỗi phản ánh mới cần một khóa mới' }],
    });
  return { report: earlier, replayed: true };
}
