/**
 * Which of an actor's roles count on a given report (R-4.3: every step within authority). A role counts only at
 * the agency the step belongs to: receiving at the receiving agency, heads and officers at the processing (or
 * dispatched) agency, an officer only on the report assigned to them; the Center dispatches city-wide. The same
 * places say what waits for an actor in the staff queues (`awaitingClauses`; participation.test.ts keeps the two
 * in step).
 */
import type { Actor, StaffRole } from '../access/index.ts';
import { WORKFLOWS, type Actor as WorkflowActor, type Workflow } from '../workflow/index.ts';

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

/**
 * Kind → states in which `role` has a step that moves a report on. Steps that leave the report where it is
 * (an extension, a cooperation request) are not counted: they are open to the role while the report waits on
 * someone else.
 */
export function statesAwaiting(role: WorkflowActor): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const wf of Object.values(WORKFLOWS) as Workflow[]) {
    const states = [...new Set(wf.transitions.filter((t) => t.to !== t.from && t.by.includes(role)).map((t) => t.from))];
    if (states.length) out[wf.kind] = states;
  }
  return out;
}

/**
 * One part of what waits for a staff member (the staff queue's `actionable`): reports of these kinds in these
 * states, where the role counts — the same places as in {@link rolesOnReport}.
 */
export interface AwaitingClause {
  role: StaffRole;
  /** Kind → states (never empty). */
  states: Readonly<Record<string, readonly string[]>>;
  /** Where the role counts: at the receiving agency, at the processing or dispatched agency, or on any report. */
  at: { receivingAgencyIds: readonly string[] } | { handlingAgencyIds: readonly string[] } | 'anywhere';
  /** Only reports assigned to this officer. */
  assigneeId?: string;
}

/** What waits for this actor's roles, as clauses a repository turns into SQL (any clause matching is enough). */
export function awaitingClauses(actor: Actor): AwaitingClause[] {
  if (actor.kind !== 'staff') return [];
  const agenciesOf = (role: StaffRole) => [...new Set(actor.memberships.filter((m) => m.role === role).map((m) => m.agencyId))];
  const clauses: AwaitingClause[] = [];
  const add = (role: StaffRole, at: AwaitingClause['at'], assigneeId?: string) => {
    const states = statesAwaiting(role);
    if (Object.keys(states).length) clauses.push({ role, states, at, ...(assigneeId ? { assigneeId } : {}) });
  };
  if (agenciesOf('center_operator').length) add('center_operator', 'anywhere');
  const receiving = agenciesOf('receiving_officer');
  if (receiving.length) add('receiving_officer', { receivingAgencyIds: receiving });
  for (const role of ['agency_head', 'commune_leader'] as const) {
    const handling = agenciesOf(role);
    if (handling.length) add(role, { handlingAgencyIds: handling });
  }
  const processing = agenciesOf('processing_officer');
  if (processing.length) add('processing_officer', { handlingAgencyIds: processing }, actor.userId);
  return clauses;
}
