/**
 * Sanctions of repeat violators. The rejection that records a violation, the run it extends
 * and the sanction it may impose are one unit of work with the rejection itself (`applySanctionRules`, called by
 * act-on-report); so is the end of a run when a report of the same reporter is accepted. Administrators lift a
 * sanction with a written reason; administrators and the Center list sanctions and violations; a receiving
 * officer or the Center flags a serious case for referral. Every step is audited on the reporter's account
 * (subject `user`), where the reporter's inbox finds the sanction and its lifting.
 *
 * A sanction is not the sign-in lockout (`users.locked_until`): the session look-up gives the citizen actor the
 * end of the sanction in force (`sanctionedUntil`), and only submitting looks at it.
 */
import { uuidv7 } from 'uuidv7';
import { can, type Actor } from '../../domain/access/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import {
  VALID_REPORT_ACTIONS,
  VIOLATION_KINDS,
  imposesSanction,
  sanctionEnd,
  sanctionReason,
  sanctionedSubmissionDetail,
  violationOf,
  type ViolationKind,
} from '../../domain/sanctions/index.ts';
import { appendAuditEvent } from '../../db/repos/audit.repo.ts';
import { findReport, type ReportRow } from '../../db/repos/reports.repo.ts';
import {
  attachViolationsToSanction,
  endViolationRun,
  extendViolationRun,
  findSanction,
  findViolationByReport,
  insertSanction,
  insertViolation,
  latestViolations,
  listSanctions,
  listViolations,
  markSanctionLifted,
  markViolationReferred,
  type SanctionRow,
} from '../../db/repos/sanctions.repo.ts';
import type { AppContext } from '../context.ts';
import { SYSTEM_ACTOR, unitOfWork, type Work } from '../unit-of-work.ts';
import { auditActor, requirePermission } from './staff.ts';

const RULE = 'R-27.3';
export const USER_SUBJECT = 'user';

/** Audit actions on the reporter's account; the sanction and its lifting reach the reporter's inbox. */
export const SANCTION_EVENTS = {
  violation: 'account.violation',
  runEnded: 'account.violationRunEnded',
  sanction: 'account.sanction',
  lift: 'account.sanctionLift',
  referral: 'account.referral',
} as const;

/** Refuses a submission while a sanction is in force, naming its end. */
export function assertNotSanctioned(actor: Actor, now: Date): void {
  if (actor.kind !== 'citizen' || !actor.sanctionedUntil || actor.sanctionedUntil <= now) return;
  throw new AppError('ACCOUNT_SANCTIONED', {
    detail: sanctionedSubmissionDetail(actor.sanctionedUntil),
    extra: { sanctionedUntil: formatVietnamTime(actor.sanctionedUntil), rule: RULE },
  });
}

/**
 * What a workflow action means for its reporter's run, inside the action's unit of work: a rejection for a
 * violation records it and extends the run — the 4th in a row imposes the 30-day sanction and starts a new
 * run; accepting a report (a valid report) ends the run. Any other action changes nothing.
 */
export async function applySanctionRules(
  w: Work,
  report: Pick<ReportRow, 'id' | 'code' | 'reporter_id'>,
  input: { action: string; rejectReason?: string | undefined; violation?: string | undefined },
  by: Actor,
): Promise<void> {
  const userId = report.reporter_id;
  if (VALID_REPORT_ACTIONS.includes(input.action)) {
    const ended = await endViolationRun(w.tx, userId, w.now);
    if (ended > 0)
      await w.audit({
        action: SANCTION_EVENTS.runEnded,
        subjectType: USER_SUBJECT,
        subjectId: userId,
        payload: { reportId: report.id, reportCode: report.code, runLength: ended, rule: RULE },
      });
    return;
  }
  const kind = input.action === 'reject' ? violationOf(input.rejectReason, input.violation) : null;
  if (!kind || by.kind !== 'staff') return;

  const runLength = await extendViolationRun(w.tx, userId, w.now);
  const who = auditActor(by);
  await insertViolation(w.tx, {
    id: uuidv7(),
    user_id: userId,
    report_id: report.id,
    kind,
    reject_reason: input.rejectReason as string,
    recorded_at: w.now,
    recorded_by: by.userId,
    recorded_by_role: who.role,
    recorded_by_agency_id: who.agencyId,
    run_position: runLength,
  });
  await w.audit({
    action: SANCTION_EVENTS.violation,
    subjectType: USER_SUBJECT,
    subjectId: userId,
    payload: { reportId: report.id, reportCode: report.code, kind, rejectReason: input.rejectReason, runLength, rule: RULE },
  });
  if (!imposesSanction(runLength)) return;

  // The run is the reporter's latest `runLength` violations (a run is never interrupted by another violation).
  const run = (await latestViolations(w.tx, userId, runLength)).reverse();
  const id = uuidv7();
  const endsAt = sanctionEnd(w.now);
  const reason = sanctionReason(run.map((v) => ({ code: v.code, kind: v.kind as ViolationKind })));
  await insertSanction(w.tx, { id, user_id: userId, reason, starts_at: w.now, ends_at: endsAt, report_id: report.id, lifted_at: null, lifted_by: null, lift_reason: null });
  await attachViolationsToSanction(
    w.tx,
    run.map((v) => v.id),
    id,
  );
  await endViolationRun(w.tx, userId, w.now);
  // Imposed by the platform (R-27.3 "automatically"); the officer's rejection is the event before it.
  await appendAuditEvent(w.tx, {
    actor: SYSTEM_ACTOR,
    occurredAt: w.now,
    action: SANCTION_EVENTS.sanction,
    subjectType: USER_SUBJECT,
    subjectId: userId,
    payload: {
      sanctionId: id,
      explanation: reason,
      until: formatVietnamTime(endsAt),
      reportCodes: run.map((v) => v.code),
      rule: RULE,
    },
  });
}

export interface SanctionView {
  id: string;
  userId: string;
  displayName: string;
  reason: string;
  startsAt: string;
  endsAt: string;
  reportCode: string;
  inForce: boolean;
  lifted: { at: string; by: string; reason: string } | null;
}

function present(s: SanctionRow & { display_name: string; report_code: string }, now: Date): SanctionView {
  return {
    id: s.id,
    userId: s.user_id,
    displayName: s.display_name,
    reason: s.reason,
    startsAt: formatVietnamTime(s.starts_at),
    endsAt: formatVietnamTime(s.ends_at),
    reportCode: s.report_code,
    inForce: s.lifted_at === null && s.ends_at > now,
    lifted: s.lifted_at && s.lifted_by && s.lift_reason ? { at: formatVietnamTime(s.lifted_at), by: s.lifted_by, reason: s.lift_reason } : null,
  };
}

/** Sanctions for administrators and the Center, newest first. */
export async function sanctionList(
  ctx: AppContext,
  actor: Actor,
  q: { active?: boolean | undefined; userId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: SanctionView[] }> {
  requirePermission(actor, can(actor, 'sanction.read', { any: true }));
  const now = ctx.clock.now();
  const { total, rows } = await listSanctions(ctx.db, { ...q, now });
  return { total, items: rows.map((r) => present(r, now)) };
}

/** An administrator lifts a sanction in force, with a written reason; the reporter may submit at once. */
export async function liftSanction(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<SanctionView> {
  requirePermission(actor, can(actor, 'sanction.lift', { any: true }));
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const text = reason.trim();
  if (!text) throw invalid([{ field: 'body.reason', message: 'Cần nêu lý do gỡ bỏ (R-27.3)' }]);
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    const s = await findSanction(w.tx, id);
    if (!s) throw new AppError('NOT_FOUND');
    if (s.lifted_at) throw new AppError('CONFLICT', { detail: { vi: 'Biện pháp khóa này đã được gỡ bỏ', en: 'This sanction was already lifted' } });
    if (s.ends_at <= w.now) throw new AppError('CONFLICT', { detail: { vi: 'Biện pháp khóa này đã hết thời hạn', en: 'This sanction has already ended' } });
    if (!(await markSanctionLifted(w.tx, id, { at: w.now, by: actor.userId, reason: text })))
      throw new AppError('CONFLICT', { detail: { vi: 'Biện pháp khóa này đã được gỡ bỏ', en: 'This sanction was already lifted' } });
    await w.audit({
      action: SANCTION_EVENTS.lift,
      subjectType: USER_SUBJECT,
      subjectId: s.user_id,
      payload: { sanctionId: id, explanation: text, wouldHaveEnded: formatVietnamTime(s.ends_at), rule: RULE },
    });
  });
  const now = ctx.clock.now();
  const [row] = (await listSanctions(ctx.db, { id, now, limit: 1, offset: 0 })).rows;
  if (!row) throw new AppError('NOT_FOUND');
  return present(row, now);
}

export interface ViolationView {
  id: string;
  userId: string;
  displayName: string;
  reportId: string;
  reportCode: string;
  kind: ViolationKind;
  kindLabel: string;
  rejectReason: string;
  recordedAt: string;
  recordedBy: string;
  runPosition: number;
  sanctionId: string | null;
  referral: { reason: string; at: string; by: string } | null;
}

/** Violations for administrators and the Center (`referred=true`: the serious cases flagged for referral). */
export async function violationList(
  ctx: AppContext,
  actor: Actor,
  q: { referred?: boolean | undefined; userId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ViolationView[] }> {
  requirePermission(actor, can(actor, 'sanction.read', { any: true }));
  const { total, rows } = await listViolations(ctx.db, q);
  return {
    total,
    items: rows.map((v) => ({
      id: v.id,
      userId: v.user_id,
      displayName: v.display_name,
      reportId: v.report_id,
      reportCode: v.report_code,
      kind: v.kind,
      kindLabel: VIOLATION_KINDS[v.kind],
      rejectReason: v.reject_reason,
      recordedAt: formatVietnamTime(v.recorded_at),
      recordedBy: v.recorded_by,
      runPosition: v.run_position,
      sanctionId: v.sanction_id,
      referral: v.referral_reason && v.referred_at && v.referred_by ? { reason: v.referral_reason, at: formatVietnamTime(v.referred_at), by: v.referred_by } : null,
    })),
  };
}

/**
 * A receiving officer of the report's agency, or the Center, flags a report rejected for a violation as a
 * serious case to refer. Reports they may not receive are 404 (no hint that they exist).
 */
export async function flagForReferral(ctx: AppContext, actor: Actor, reportId: string, reason: string): Promise<void> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('NOT_FOUND');
  const report = await findReport(ctx.db, { id: reportId });
  if (!report || !can(actor, 'report.receive', { agencyId: report.receiving_agency_id })) throw new AppError('NOT_FOUND');
  const text = reason.trim();
  if (!text) throw invalid([{ field: 'body.reason', message: 'Cần nêu lý do đề nghị xử lý (R-27.3)' }]);
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    const v = await findViolationByReport(w.tx, report.id);
    if (!v)
      throw new AppError('CONFLICT', {
        detail: { vi: 'Phản ánh này không bị ghi nhận là vi phạm (sai sự thật, quảng cáo, xúc phạm) nên không đề nghị xử lý được (R-27.3)', en: 'This report was not rejected for a violation' },
      });
    if (!(await markViolationReferred(w.tx, v.id, { at: w.now, by: actor.userId, reason: text })))
      throw new AppError('CONFLICT', { detail: { vi: 'Vi phạm này đã được đề nghị xử lý', en: 'This violation is already flagged for referral' } });
    await w.audit({
      action: SANCTION_EVENTS.referral,
      subjectType: USER_SUBJECT,
      subjectId: v.user_id,
      payload: { violationId: v.id, reportId: report.id, reportCode: report.code, reason: text, rule: RULE },
    });
  });
}
