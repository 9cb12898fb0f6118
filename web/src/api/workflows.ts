/**
 * The workflow tables (GET /api/v1/workflows) — the same tables the server decides with (DESIGN: workflow as
 * data): each kind's states with their Vietnamese labels and its transitions (who, what they need, the rule),
 * where each need goes in an action's body, the Art. 6.2 reasons, ratings, classifications and initiative
 * decisions. Loaded once per page load and shared by every screen.
 */
import type { Need } from '../../../server/domain/workflow/engine.ts';
import { useAsync } from '../components/async.tsx';
import { api, once } from './client.ts';

export interface WorkflowTransition {
  from: string;
  action: string;
  to: string;
  label: string;
  by: string[];
  needs: Need[];
  rule: string;
}

export interface WorkflowTable {
  initial: string;
  terminal: string[];
  stateLabels: Record<string, string>;
  transitions: WorkflowTransition[];
}

export interface Workflows {
  kinds: Record<string, WorkflowTable>;
  /** Where each need goes in the body of POST /api/v1/reports/:id/actions. */
  needFields: Record<Need, string>;
  rejectReasons: Record<string, string>;
  ratings: Record<string, string>;
  classifications: string[];
  initiativeDecisions: Record<string, string>;
}

export const loadWorkflows = () => once('workflows', () => api.get<Workflows>('/api/v1/workflows'));

/** The tables once loaded; null meanwhile (or when they could not be read). */
export function useWorkflows(): Workflows | null {
  return useAsync(loadWorkflows, []).data ?? null;
}

/** The transition the server would apply: the report's kind, its state and the action. */
export function transitionOf(wf: Workflows, kind: string, state: string, action: string): WorkflowTransition | undefined {
  return wf.kinds[kind]?.transitions.find((t) => t.from === state && t.action === action);
}

/** Every state of every kind with its Vietnamese label (the kinds share most states; the first kind's label wins). */
export function allStateLabels(wf: Workflows): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of Object.values(wf.kinds)) for (const [k, v] of Object.entries(table.stateLabels)) if (!out.has(k)) out.set(k, v);
  return out;
}
