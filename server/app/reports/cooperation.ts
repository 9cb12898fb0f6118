/**
 * Cooperation on a complex report: each cooperating agency returns its part to the lead; the lead may
 * close a request it no longer needs, with a reason. The lead cannot approve while a request is open (the
 * workflow's guard reads the open count).
 */
import type { Actor } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { cooperationsOf, findReport, finishCooperation } from '../../db/repos/reports.repo.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { REPORT_SUBJECT } from './clocks.ts';

const HEADS = new Set(['agency_head', 'commune_leader']);

function headAt(actor: Actor, agencyId: string | null): boolean {
  return actor.kind === 'staff' && agencyId !== null && actor.memberships.some((m) => m.agencyId === agencyId && HEADS.has(m.role));
}

export async function finishCooperationRequest(
  ctx: AppContext,
  actor: Actor,
  reportId: string,
  agencyId: string,
  outcome: { kind: 'return'; resultText: string } | { kind: 'close'; reason: string },
): Promise<void> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const report = await findReport(ctx.db, { id: reportId });
  const request = report ? (await cooperationsOf(ctx.db, report.id)).find((c) => c.agency_id === agencyId) : undefined;
  if (!report || !request) throw new AppError('NOT_FOUND');
  // Returning is the cooperating agency's head's act; closing is the lead's.
  const allowed = outcome.kind === 'return' ? headAt(actor, agencyId) : headAt(actor, report.processing_agency_id);
  if (!allowed)
    throw new AppError('FORBIDDEN', {
      detail:
        outcome.kind === 'return'
          ? { vi: 'Chỉ Thủ trưởng cơ quan phối hợp gửi kết quả phối hợp (R-8.2)', en: 'Only the head of the cooperating agency returns its part (R-8.2)' }
          : { vi: 'Chỉ Thủ trưởng cơ quan chủ trì đóng yêu cầu phối hợp (R-8.2)', en: 'Only the head of the lead agency closes a cooperation request (R-8.2)' },
    });
  const text = outcome.kind === 'return' ? outcome.resultText.trim() : outcome.reason.trim();
  if (text.length < 5) throw invalid([{ field: outcome.kind === 'return' ? 'body.resultText' : 'body.reason', message: 'Cần ít nhất 5 ký tự' }]);
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    const done = await finishCooperation(
      w.tx,
      report.id,
      agencyId,
      outcome.kind === 'return' ? { state: 'returned', resultText: text, at: w.now } : { state: 'closed', reason: text, at: w.now },
    );
    if (!done)
      throw new AppError('TRANSITION_NOT_ALLOWED', { detail: { vi: 'Yêu cầu phối hợp này đã kết thúc', en: 'This cooperation request is already finished' }, extra: { rule: 'R-8.2' } });
    await w.audit({
      action: outcome.kind === 'return' ? 'report.cooperationReturned' : 'report.cooperationClosed',
      subjectType: REPORT_SUBJECT,
      subjectId: report.id,
      payload: { agencyId, ...(outcome.kind === 'return' ? { resultText: text } : { reason: text }), rule: 'R-8.2' },
    });
  });
}
