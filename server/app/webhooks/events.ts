/**
 * Which audit events integrators are told about (issue 8 item 2, R-18.5 / R-20), and as what. An allow-list like
 * the inbox's: a new workflow action reaches integrators as `report.status_changed` only if it changes the state.
 *
 * - `report.created`: a report was submitted (`report.submit`).
 * - `report.status_changed`: any workflow action that moved a report to another state.
 * - `report.published`: the result was approved and published (`report.approve` → `published`, R-12.2); the same
 *   audit event is also a `report.status_changed`.
 * - `alert.sent`: an alert went out to residents (`alert.send`, R-15–17).
 */
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import type { AuditEventRef } from '../../db/repos/audit.repo.ts';

export const WEBHOOK_EVENT_TYPES = ['report.created', 'report.status_changed', 'report.published', 'alert.sent'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The audit actions that may give a webhook event. */
export const WEBHOOK_SOURCE_ACTIONS: readonly string[] = [
  'report.submit',
  ...new Set(Object.values(WORKFLOWS).flatMap((wf) => wf.transitions.filter((t) => t.from !== t.to).map((t) => `report.${t.action}`))),
  'alert.send',
];

/** The webhook events an audit event gives (none for one that changed nothing integrators follow). */
export function webhookTypesOf(e: Pick<AuditEventRef, 'action' | 'subjectType' | 'fromState' | 'toState'>): WebhookEventType[] {
  if (e.subjectType === 'alert') return e.action === 'alert.send' ? ['alert.sent'] : [];
  if (e.subjectType !== 'report') return [];
  if (e.action === 'report.submit') return ['report.created'];
  if (!e.action.startsWith('report.') || !e.toState || e.toState === e.fromState) return [];
  return e.action === 'report.approve' && e.toState === 'published' ? ['report.status_changed', 'report.published'] : ['report.status_changed'];
}
