/**
 * Alerts to residents (Art. 15–17; issue 6): creating, editing, submitting, returning, approving (which sends or
 * schedules), cancelling, and the sending of scheduled alerts by the sweep. Every step is one unit of work with
 * its audited event on subject `alert`, naming the actor, their role and the issuing agency (R-15.6, R-16.3,
 *
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import {
  ALERT_LIMITS,
  checkAlertContent,
  ALERT_STATE_NAMES,
  decideAlertAction,
  isHigherLevel,
  ISSUING_LEVELS,
  resentContent,
  resolveAudience,
  unitKey,
  type AlertAction,
  type AlertContent,
  type AlertState,
  type EarlierAlert,
  type IssuingLevel,
} from '../../domain/alerts/index.ts';
import type { Agency } from '../../domain/agencies/index.ts';
import { civilYearOf, formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import type { Unit } from '../../domain/units/index.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { deliveryOfAlert } from '../../db/repos/push.repo.ts';
import { findUpload } from '../../db/repos/uploads.repo.ts';
import { dueScheduledAlerts, findAlert, insertAlert, listAlerts, nextAlertCode, sentAlertsSince, updateAlertIfVersion, type AlertRow } from '../../db/repos/alerts.repo.ts';
import type { AppContext } from '../context.ts';
import { queueAlertPush } from '../push/push.ts';
import { referenceData, type ReferenceData } from '../reference/reference-data.ts';
import { SYSTEM_ACTOR, unitOfWork, type AuditActor, type Work } from '../unit-of-work.ts';

export const ALERT_SUBJECT = 'alert';

export type AlertsContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

export interface AlertDraft extends Omit<AlertContent, 'startsAt' | 'scheduledAt'> {
  startsAt: Date | null;
  scheduledAt: Date | null;
  /** Some of the issuing unit's communes (codes); none or empty: its whole area. */
  communes: readonly string[] | null;
  /** Photos the editor uploaded (POST /api/v1/uploads), shown to residents by their public copies. */
  attachments: readonly string[];
}

/** The attached photos: the actor's own uploads, photos with a public copy (no metadata); 400 naming each bad one. */
async function attachmentsOf(ctx: AlertsContext, actor: Actor, ids: readonly string[]): Promise<{ uploadId: string; publicSha256: string }[]> {
  if (ids.length > ALERT_LIMITS.attachments) throw invalid([{ field: 'body.attachments', message: `Tối đa ${ALERT_LIMITS.attachments} ảnh đính kèm` }]);
  const problems: { field: string; message: string }[] = [];
  const out: { uploadId: string; publicSha256: string }[] = [];
  for (const [i, id] of ids.entries()) {
    const u = await findUpload(ctx.db, id);
    if (!u || actor.kind === 'anonymous' || u.owner_id !== actor.userId) problems.push({ field: `body.attachments.${i}`, message: 'Không có tệp tải lên này của bạn (tải ảnh lên trước qua /api/v1/uploads)' });
    else if (u.kind !== 'photo' || !u.public_sha256) problems.push({ field: `body.attachments.${i}`, message: 'Chỉ đính kèm ảnh: video không có bản công khai đã xóa siêu dữ liệu' });
    else out.push({ uploadId: u.id, publicSha256: u.public_sha256 });
  }
  if (problems.length) throw invalid(problems);
  return out;
}

/** The People's Committees that issue alerts, and the rule that lets each level send to its own area. */
const ISSUERS: Partial<Record<Agency['kind'], { level: IssuingLevel; rule: string }>> = {
  center: { level: 'city', rule: 'R-15' },
  district_committee: { level: 'district', rule: 'R-16' },
  commune_committee: { level: 'commune', rule: 'R-17' },
};

interface Issuer {
  agency: Agency;
  level: IssuingLevel;
  rule: string;
  /** The agency's area: its jurisdiction units in the newest structure version it has. */
  area: Unit[];
}

function issuerOf(ref: ReferenceData, agencyId: string): Issuer {
  const agency = ref.agency(agencyId);
  const issuing = agency ? ISSUERS[agency.kind] : undefined;
  if (!agency || !issuing || !agency.active)
    throw new AppError('FORBIDDEN', {
      detail: {
        vi: 'R-15, R-16, R-17: chỉ Trung tâm (cấp thành phố) và Ủy ban nhân dân cấp huyện, cấp xã đang hoạt động được phát hành thông báo đến người dân trên địa bàn của mình',
        en: 'R-15, R-16, R-17: only the Center (city level) and active district and commune People’s Committees issue alerts to the residents of their own area',
      },
    });
  const versions = ref.structureVersions.map((v) => v.version);
  const newest = versions.find((v) => agency.jurisdiction.some((j) => j.version === v));
  const area = agency.jurisdiction.filter((j) => j.version === newest).flatMap((j) => ref.unit(j.version, j.code) ?? []);
  if (area.length === 0) throw new Error(`agency ${agency.code} has no jurisdiction units`);
  return { agency, level: issuing.level, rule: issuing.rule, area };
}

/** The alert roles the actor holds at the agency. */
function rolesAt(actor: Actor, agencyId: string) {
  const roles = actor.kind === 'staff' ? actor.memberships.filter((m) => m.agencyId === agencyId).map((m) => m.role) : [];
  return { editor: roles.includes('alert_editor'), approver: roles.includes('alert_approver') };
}

function auditActorAt(actor: Actor, agencyId: string, role: 'alert_editor' | 'alert_approver'): AuditActor {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return { id: actor.userId, role, agencyId };
}

function audienceOf(ref: ReferenceData, issuer: Issuer, communes: readonly string[] | null): Unit[] {
  const resolved = resolveAudience(issuer.area, communes, (v, c) => ref.unit(v, c));
  if (!resolved.ok)
    throw new AppError('FORBIDDEN', {
      detail: {
        vi: `${issuer.rule}: đơn vị chỉ gửi thông báo đến người dân trên địa bàn của mình; ngoài địa bàn hoặc không tồn tại: ${resolved.outside.join(', ')}`,
        en: `${issuer.rule}: a unit sends alerts only to the residents of its own area; outside it or unknown: ${resolved.outside.join(', ')}`,
      },
      extra: { outside: resolved.outside },
    });
  return resolved.units;
}

function contentOf(d: AlertDraft, now: Date): AlertContent {
  return { ...d, startsAt: d.startsAt ?? d.scheduledAt ?? now, scheduledAt: d.scheduledAt };
}

function contentRow(c: AlertContent, audience: readonly Unit[], wholeArea: boolean, attachments: readonly { uploadId: string; publicSha256: string }[]) {
  return {
    attachments: JSON.stringify(attachments),
    kind: c.kind,
    category: c.category,
    severity: c.severity,
    urgency: c.urgency,
    certainty: c.certainty,
    title: c.title.trim(),
    body: c.body.trim(),
    links: JSON.stringify(c.links),
    polygon: c.polygon ? JSON.stringify(c.polygon) : null,
    starts_at: c.startsAt,
    expires_at: c.expiresAt,
    scheduled_at: c.scheduledAt,
    structure_version: audience[0]!.version,
    audience_units: audience.map((u) => u.code),
    audience_keys: audience.map(unitKey),
    whole_area: wholeArea,
  };
}

/**
 * A new draft by an alert editor of the issuing agency (`agencyId`, or the only agency where they edit alerts).
 * With `updates`, the draft updates an alert the same agency sent (CAP msgType Update, referencing it): once sent,
 * it supersedes the original for other systems, and residents get it as a new alert.
 */
export async function createAlert(ctx: AlertsContext, actor: Actor, draft: AlertDraft & { agencyId: string | null; updates?: string | null }): Promise<AlertRow> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const editing = actor.kind === 'staff' ? [...new Set(actor.memberships.filter((m) => m.role === 'alert_editor').map((m) => m.agencyId))] : [];
  const original = draft.updates ? await findAlert(ctx.db, { id: draft.updates }) : undefined;
  if (draft.updates && (!original || !editing.includes(original.issuing_agency_id))) throw new AppError('NOT_FOUND');
  if (original && original.state !== 'sent')
    throw new AppError('ALERT_TRANSITION_NOT_ALLOWED', { detail: { vi: `Chỉ cập nhật được thông báo đang có hiệu lực; thông báo ${original.code} đang “${ALERT_STATE_NAMES[original.state]}”`, en: 'Only a sent alert can be updated' } });
  const agencyId = original?.issuing_agency_id ?? draft.agencyId ?? (editing.length === 1 ? editing[0]! : null);
  if (agencyId === null) {
    if (editing.length === 0) throw new AppError('FORBIDDEN', { detail: { vi: 'R-15.5: chỉ người soạn thông báo của một đơn vị được tạo thông báo', en: 'R-15.5: only an alert editor of a unit creates alerts' } });
    throw invalid([{ field: 'body.agencyId', message: 'Bạn soạn thông báo cho nhiều đơn vị: hãy chọn đơn vị phát hành' }]);
  }
  if (!rolesAt(actor, agencyId).editor)
    throw new AppError('FORBIDDEN', { detail: { vi: 'R-15.5: chỉ người soạn thông báo của đơn vị phát hành được tạo thông báo', en: 'R-15.5: only an alert editor of the issuing unit creates its alerts' } });
  const ref = await referenceData(ctx);
  const issuer = issuerOf(ref, agencyId);
  const now = ctx.clock.now();
  const content = contentOf(draft, now);
  const problems = checkAlertContent(content);
  if (problems.length) throw invalid(problems);
  const audience = audienceOf(ref, issuer, draft.communes);
  const attachments = await attachmentsOf(ctx, actor, draft.attachments);
  return unitOfWork(ctx, auditActorAt(actor, agencyId, 'alert_editor'), async (w) => {
    const row = await insertAlert(w.tx, {
      id: crypto.randomUUID(),
      code: await nextAlertCode(w.tx, civilYearOf(w.now.getTime())),
      issuing_agency_id: agencyId,
      level: issuer.level,
      ...contentRow(content, audience, !draft.communes?.length, attachments),
      state: 'draft',
      ...(original ? { msg_type: 'Update' as const } : {}),
      references_alert_id: original?.id ?? null,
      created_by: actor.userId,
      created_at: w.now,
      updated_at: w.now,
      approved_by: null,
      approved_at: null,
      sent_at: null,
      cancelled_at: null,
      return_comment: null,
      resend_override: null,
    });
    await w.audit({ action: 'alert.create', subjectType: ALERT_SUBJECT, subjectId: row.id, toState: 'draft', payload: { code: row.code, level: row.level, audience: row.audience_units, ...(original ? { updates: original.code } : {}) } });
    return row;
  });
}

export interface AlertActionInput {
  action: AlertAction;
  /** The alert's version the actor saw. */
  version: number;
  /** edit: the new content. */
  draft?: AlertDraft;
  /** return: why (required). */
  comment?: string;
  /** approve: the written reason to send despite R-16.2 / R-17.2 (required when the rule blocks). */
  overrideReason?: string;
}

/** The alerts a higher level sent within the window that the candidate would repeat. */
async function repeatedHigherAlert(ctx: AlertsContext, ref: ReferenceData, alert: AlertRow, now: Date) {
  const higher = ISSUING_LEVELS.filter((l) => isHigherLevel(l, alert.level));
  const since = new Date(now.getTime() - ctx.config.alertResendWindowDays * 86_400_000);
  const earlier: EarlierAlert[] = (await sentAlertsSince(ctx.db, { since, levels: higher })).map((e) => ({
    id: e.id,
    code: e.code,
    level: e.level,
    title: e.title,
    body: e.body,
    audience: e.audience_units.flatMap((c) => ref.unit(e.structure_version, c) ?? []),
    sentAt: e.sent_at!,
    issuerName: ref.agency(e.issuing_agency_id)?.name ?? '',
  }));
  const audience = alert.audience_units.flatMap((c) => ref.unit(alert.structure_version, c) ?? []);
  return resentContent({ level: alert.level, title: alert.title, body: alert.body, audience }, earlier, (v, c) => ref.unit(v, c));
}

/**
 * What sending adds to the alert's state change (the row now `sent`, `sent_at` set, in the same unit of work): the
 * send event and the push job — one row each, whatever the audience.
 */
async function recordSent(w: Work, sent: AlertRow, fromState: AlertState): Promise<void> {
  await w.audit({ action: 'alert.send', subjectType: ALERT_SUBJECT, subjectId: sent.id, fromState, toState: 'sent', payload: { code: sent.code, audience: sent.audience_units } });
  await queueAlertPush(w.tx, sent.id, w.now);
}

export async function actOnAlert(ctx: AlertsContext, actor: Actor, id: string, input: AlertActionInput): Promise<AlertRow> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const alert = await findAlert(ctx.db, { id });
  const roles = alert ? rolesAt(actor, alert.issuing_agency_id) : { editor: false, approver: false };
  // Someone with no alert role at the issuing agency learns nothing of the alert.
  if (!alert || (!roles.editor && !roles.approver)) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const decision = decideAlertAction(alert.state, input.action, roles, { now, scheduledAt: alert.scheduled_at, expiresAt: alert.expires_at });
  if (!decision.ok)
    throw decision.code === 'FORBIDDEN'
      ? new AppError('FORBIDDEN', { detail: { vi: `${decision.rule}: ${decision.message}`, en: `${decision.rule}: not allowed to ${input.action} this alert` } })
      : new AppError('ALERT_TRANSITION_NOT_ALLOWED', { detail: { vi: decision.message, en: `Cannot ${input.action} an alert in state ${alert.state}` } });
  if (input.version !== alert.version) throw new AppError('ALERT_VERSION_CONFLICT');
  const ref = await referenceData(ctx);
  const role = input.action === 'edit' || input.action === 'submit' ? 'alert_editor' : 'alert_approver';

  let changes: Parameters<typeof updateAlertIfVersion>[3] = { state: decision.to as AlertState, updated_at: now };
  let payload: Record<string, unknown> = { code: alert.code };
  if (input.action === 'edit') {
    if (!input.draft) throw invalid([{ field: 'body', message: 'Thiếu nội dung sửa' }]);
    const content = contentOf(input.draft, now);
    const problems = checkAlertContent(content);
    if (problems.length) throw invalid(problems);
    const audience = audienceOf(ref, issuerOf(ref, alert.issuing_agency_id), input.draft.communes);
    changes = { ...changes, ...contentRow(content, audience, !input.draft.communes?.length, await attachmentsOf(ctx, actor, input.draft.attachments)) };
  } else if (input.action === 'return') {
    const comment = input.comment?.trim() ?? '';
    if (comment.length < ALERT_LIMITS.commentMin) throw invalid([{ field: 'body.comment', message: `Trả lại cần ghi lý do (ít nhất ${ALERT_LIMITS.commentMin} ký tự)` }]);
    changes = { ...changes, return_comment: comment };
    payload = { ...payload, comment };
  } else if (input.action === 'approve') {
    issuerOf(ref, alert.issuing_agency_id); // the agency may have been deactivated since the draft
    const repeated = await repeatedHigherAlert(ctx, ref, alert, now);
    const reason = input.overrideReason?.trim() ?? '';
    if (repeated && reason.length < ALERT_LIMITS.overrideReasonMin) {
      const e = repeated.alert;
      throw new AppError('ALERT_REPEATS_HIGHER_LEVEL', {
        detail: {
          vi: `${alert.level === 'district' ? 'R-16.2' : 'R-17.2'}: nội dung giống ${Math.round(repeated.similarity * 100)}% thông báo ${e.code} “${e.title}” do ${e.issuerName} gửi lúc ${formatVietnamTime(e.sentAt)} đến cùng người dân. Không gửi lại; nếu vẫn cần gửi, ghi lý do (ít nhất ${ALERT_LIMITS.overrideReasonMin} ký tự) vào overrideReason.`,
          en: `${alert.level === 'district' ? 'R-16.2' : 'R-17.2'}: ${Math.round(repeated.similarity * 100)}% the same as alert ${e.code} sent by a higher level to the same residents; give overrideReason to send anyway`,
        },
        extra: { earlierAlert: { id: e.id, code: e.code, title: e.title, issuer: e.issuerName, sentAt: formatVietnamTime(e.sentAt), similarity: repeated.similarity } },
      });
    }
    changes = { ...changes, approved_by: actor.userId, approved_at: now, return_comment: null };
    if (repeated) {
      changes.resend_override = JSON.stringify({ alertId: repeated.alert.id, code: repeated.alert.code, similarity: repeated.similarity, reason });
      payload = { ...payload, resendOverride: { code: repeated.alert.code, similarity: repeated.similarity, reason } };
    }
    // Approval sends now (the approve event, then the send event) or schedules.
    if (decision.to === 'sent') changes.sent_at = now;
  } else if (input.action === 'cancel') {
    changes = { ...changes, cancelled_at: now };
  }

  return unitOfWork(ctx, auditActorAt(actor, alert.issuing_agency_id, role), async (w) => {
    const updated = await updateAlertIfVersion(w.tx, alert.id, alert.version, changes);
    if (!updated) throw new AppError('ALERT_VERSION_CONFLICT');
    await w.audit({ action: `alert.${input.action}`, subjectType: ALERT_SUBJECT, subjectId: alert.id, fromState: alert.state, toState: decision.to, payload });
    if (input.action === 'approve' && decision.to === 'sent') await recordSent(w, updated, alert.state);
    return updated;
  });
}

/** The sweep: scheduled alerts whose time has come are sent; one that expired meanwhile is never delivered. */
export async function sendDueAlerts(ctx: AlertsContext, limit = 100): Promise<{ sent: number; expired: number }> {
  let sent = 0;
  let expired = 0;
  for (const alert of await dueScheduledAlerts(ctx.db, ctx.clock.now(), limit)) {
    await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
      if (alert.expires_at.getTime() <= w.now.getTime()) {
        const done = await updateAlertIfVersion(w.tx, alert.id, alert.version, { state: 'cancelled', cancelled_at: w.now, updated_at: w.now });
        if (!done) return;
        await w.audit({ action: 'alert.expireUnsent', subjectType: ALERT_SUBJECT, subjectId: alert.id, fromState: 'scheduled', toState: 'cancelled', payload: { code: alert.code } });
        expired++;
      } else {
        const done = await updateAlertIfVersion(w.tx, alert.id, alert.version, { state: 'sent', sent_at: w.now, updated_at: w.now });
        // Undefined: another server sent it first.
        if (!done) return;
        await recordSent(w, done, 'scheduled');
        sent++;
      }
    });
  }
  return { sent, expired };
}

/**
 * Who reads a unit's alerts and their event trail: its alert editors and approvers, and the city's overseers
 * (R-18.3b: alert activity is part of the Center's reporting).
 */
function readScope(actor: Actor): 'all' | string[] {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (agencyScope(actor, 'oversight.read') === 'all') return 'all';
  const edit = agencyScope(actor, 'alert.edit');
  const approve = agencyScope(actor, 'alert.approve');
  if (edit === 'all' || approve === 'all') return 'all';
  const agencies = [...new Set([...edit, ...approve])];
  if (agencies.length === 0) throw new AppError('FORBIDDEN');
  return agencies;
}

export async function alertsOfMyUnits(ctx: AlertsContext, actor: Actor, q: { states?: readonly AlertState[]; limit: number; offset: number }) {
  return listAlerts(ctx.db, { agencies: readScope(actor), ...q });
}

/** One alert with its full event trail (who created, edited, approved, sent it —) and its push delivery figures. */
export async function alertWithEvents(ctx: AlertsContext, actor: Actor, id: string) {
  const scope = readScope(actor);
  const alert = await findAlert(ctx.db, { id });
  if (!alert || (scope !== 'all' && !scope.includes(alert.issuing_agency_id))) throw new AppError('NOT_FOUND');
  return { alert, events: await listAuditEvents(ctx.db, ALERT_SUBJECT, alert.id), delivery: await deliveryOfAlert(ctx.db, alert.id) };
}
