/**
 * Alerts to residents at every level (Art. 15–17; migration 0015): the city through the Center, the former
 * district committees while they existed (R-16; until 2025-06-30, to their area in the 2025-01 structure), the
 * commune committees since 2025-07-01. Each alert goes through its workflow as the use cases take it —
 * every step decided by `decideAlertAction`, the content checked by `checkAlertContent` — with the audited
 * events they write: create, submit, (return, submit,) approve and send, sometimes cancel. The newest ones may
 * still be drafts or waiting for approval.
 */
import type { Insertable } from 'kysely';
import type { Agency } from '../../server/domain/agencies/index.ts';
import {
  checkAlertContent,
  decideAlertAction,
  unitKey,
  type AlertAction,
  type AlertContent,
  type AlertState,
  type IssuingLevel,
} from '../../server/domain/alerts/index.ts';
import { addWorkingTime, civilYearOf, type WorkingCalendar } from '../../server/domain/calendar/index.ts';
import { auditEventRow, type AuditEventInput } from '../../server/db/repos/audit.repo.ts';
import type { AlertsTable } from '../../server/db/schema/alerts.ts';
import type { AuditEventsTable } from '../../server/db/schema/core.ts';
import type { UnitRef } from '../../server/domain/units/index.ts';
import type { Rng } from './prng.ts';
import { uuidV7At } from './prng.ts';
import { ALERT_TEXTS } from './texts.ts';

/** Alerts per issuer and month. */
export const ALERTS_PER_MONTH: Readonly<Record<IssuingLevel, number>> = { city: 6, district: 1, commune: 0.8 };
const CANCEL_SHARE = 0.03;
const RETURN_SHARE = 0.06;
const MONTH_MS = 30.44 * 86_400_000;

export interface AlertIssuer {
  agency: Agency;
  level: IssuingLevel;
  /** The issuing unit's area (its jurisdiction in its newest structure version). */
  area: readonly UnitRef[];
  editor: string;
  approver: string;
  /** When the issuer could send: the period cut to the agency's own dates. */
  from: Date;
  until: Date;
}

export interface AlertRows {
  alert: Insertable<AlertsTable>;
  events: Insertable<AuditEventsTable>[];
}

/**
 * How many alerts the issuer sends over its period (ALERTS_PER_MONTH, the fraction drawn): the first draw of
 * `rng`, so that codes can be reserved before the alerts are made with a fresh copy of the same stream.
 */
export function alertCount(issuer: AlertIssuer, rng: Rng): number {
  const span = issuer.until.getTime() - issuer.from.getTime();
  if (span <= 0) return 0;
  const expected = (span / MONTH_MS) * ALERTS_PER_MONTH[issuer.level];
  return Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
}

/** The issuer's alerts over its period, each taken through its workflow. */
export function issuerAlerts(issuer: AlertIssuer, cal: WorkingCalendar, nextCode: (year: number) => string, rng: Rng): AlertRows[] {
  const count = alertCount(issuer, rng);
  const span = issuer.until.getTime() - issuer.from.getTime();
  const texts = ALERT_TEXTS.filter((t) => t.scope === (issuer.level === 'city' ? 'city' : 'local'));
  const created = Array.from({ length: count }, () => issuer.from.getTime() + rng.next() * span).sort((a, b) => a - b);
  return created.map((ms) => oneAlert(issuer, cal, new Date(ms), rng.pick(texts), nextCode, rng));
}

function oneAlert(issuer: AlertIssuer, cal: WorkingCalendar, createdAt: Date, text: (typeof ALERT_TEXTS)[number], nextCode: (year: number) => string, rng: Rng): AlertRows {
  const id = uuidV7At(createdAt.getTime(), rng);
  const code = nextCode(civilYearOf(createdAt.getTime()));
  const expiresAt = new Date(createdAt.getTime() + (1 + rng.int(7)) * 86_400_000);
  const content: AlertContent = {
    kind: text.kind,
    category: text.category,
    severity: text.severity,
    urgency: text.kind === 'warning' ? 'Expected' : 'Future',
    certainty: text.kind === 'warning' ? 'Likely' : 'Observed',
    title: text.title,
    body: text.body,
    links: [],
    startsAt: createdAt,
    expiresAt,
    scheduledAt: null,
    polygon: null,
  };
  const problems = checkAlertContent(content);
  if (problems.length) throw new Error(`synthetic alert: ${problems.map((p) => p.message).join('; ')}`);
  const editor = { id: issuer.editor, role: 'alert_editor', agencyId: issuer.agency.id };
  const approver = { id: issuer.approver, role: 'alert_approver', agencyId: issuer.agency.id };
  const row: Insertable<AlertsTable> = {
    id,
    code,
    issuing_agency_id: issuer.agency.id,
    level: issuer.level,
    structure_version: issuer.area[0]!.version,
    audience_units: issuer.area.map((u) => u.code),
    audience_keys: issuer.area.map(unitKey),
    whole_area: true,
    kind: content.kind,
    category: content.category,
    severity: content.severity,
    urgency: content.urgency,
    certainty: content.certainty,
    title: content.title,
    body: content.body,
    links: '[]',
    polygon: null,
    starts_at: content.startsAt,
    expires_at: content.expiresAt,
    scheduled_at: null,
    state: 'draft',
    msg_type: 'Alert',
    references_alert_id: null,
    created_by: issuer.editor,
    created_at: createdAt,
    updated_at: createdAt,
    approved_by: null,
    approved_at: null,
    sent_at: null,
    cancelled_at: null,
    return_comment: null,
    resend_override: null,
    version: 1,
    attachments: '[]',
  };
  const events: AuditEventInput[] = [
    { actor: editor, occurredAt: createdAt, action: 'alert.create', subjectType: 'alert', subjectId: id, toState: 'draft', payload: { code, level: issuer.level, audience: row.audience_units } },
  ];
  let at = createdAt;
  // Each step as actOnAlert takes it; false once the horizon (the issuer's last day, or now) comes first.
  const step = (action: AlertAction, actor: typeof editor, payload: Record<string, unknown> = {}): boolean => {
    at = addWorkingTime(cal, at, { hours: 0.2 + rng.next() * 2 });
    if (at.getTime() > issuer.until.getTime()) return false;
    const roles = { editor: actor.role === 'alert_editor', approver: actor.role === 'alert_approver' };
    const decision = decideAlertAction(row.state as AlertState, action, roles, { now: at, scheduledAt: null, expiresAt });
    if (!decision.ok) return false; // e.g. expired before approval: it stays waiting, as it would
    events.push({ actor, occurredAt: at, action: `alert.${action}`, subjectType: 'alert', subjectId: id, fromState: row.state as AlertState, toState: decision.to, payload: { code, ...payload } });
    Object.assign(row, { state: decision.to, updated_at: at, version: (row.version as number) + 1 });
    return true;
  };
  const flow = (): void => {
    if (!step('submit', editor)) return;
    if (rng.chance(RETURN_SHARE)) {
      const comment = 'Đề nghị bổ sung thời gian áp dụng.';
      if (!step('return', approver, { comment })) return;
      row.return_comment = comment;
      if (!step('submit', editor)) return;
    }
    if (!step('approve', approver)) return;
    Object.assign(row, { approved_by: issuer.approver, approved_at: at, sent_at: at, return_comment: null });
    events.push({ actor: approver, occurredAt: at, action: 'alert.send', subjectType: 'alert', subjectId: id, fromState: 'submitted', toState: 'sent', payload: { code, audience: row.audience_units } });
    if (rng.chance(CANCEL_SHARE) && step('cancel', approver)) row.cancelled_at = at;
  };
  flow();
  let prev: string | null = null;
  return {
    alert: row,
    events: events.map((e) => {
      const r = auditEventRow(e, prev);
      prev = r.hash;
      return r;
    }),
  };
}
