/**
 * Which of an actor's roles count on a given report (R-4.3: every step within authority). A role counts only at
 * the agency the step belongs to: receiving at the receiving agency, heads and officers at the processing (or
 * dispatched) agency, an officer only on the report assigned to them; the Center dispatches city-wide.
 */
import type { Actor } from '../access/index.ts';
import type { Actor as WorkflowActor } from '../workflow/index.ts';

export interface ReportParties {
  reporterId: string;
  receivingAgencyId: string;
  processingAgencyId: string | null;
  dispatchedAgencyId: string | null;
  assigneeId: string | null;
}

export function rolesOnReport(actor: Actor, r: ReportParties): WorkflowActor[] {
  if (actor.kind === 'citizen') return actor.userId === r.reporterId ? ['citizen'] : [];
  if (actor.kind !== 'staff') return [];
  const handling = [r.processingAgencyId, r.dispatchedAgencyId].filter((x): x is string => x !== null);
  const roles = new Set<WorkflowActor>();
  for (const m of actor.memberships) {
    if (m.role === 'center_operator') roles.add('center_operator');
    if (m.role === 'receiving_officer' && m.agencyId === r.receivingAgencyId) roles.add('receiving_officer');
    if ((m.role === 'agency_head' || m.role === 'commune_leader') && handling.includes(m.agencyId)) roles.add(m.role);
    if (m.role === 'processing_officer' && handling.includes(m.agencyId) && r.assigneeId === actor.userId) roles.add('processing_officer');
  }
  return [...roles];
}

/** Whether the actor may read the whole report (identity of a non-confidential reporter, internal timeline). */
export function canReadReport(actor: Actor, r: ReportParties, cooperatingAgencyIds: readonly string[]): boolean {
  if (actor.kind === 'citizen') return actor.userId === r.reporterId;
  if (actor.kind !== 'staff') return false;
  const involved = new Set([r.receivingAgencyId, r.processingAgencyId, r.dispatchedAgencyId, ...cooperatingAgencyIds]);
  return actor.memberships.some(
    (m) => m.role === 'center_operator' || m.role === 'city_overseer' || (involved.has(m.agencyId) && m.role !== 'alert_editor' && m.role !== 'alert_approver' && m.role !== 'administrator'),
  );
}
