/**
 * What the staff console reads besides reports: the workflow tables the action forms are drawn from
 * (GET /api/v1/workflows — the same table the server decides with), agencies, communes, categories and an
 * agency's officers. Reference data is loaded once per page load and shared by every screen; a failed load
 * is forgotten so that "Thử lại" asks again.
 */
import type { Need } from '../../../../server/domain/workflow/engine.ts';
import { api, type Query } from '../../api/client.ts';
import type { Me, Page, StaffQueueItem } from '../../api/types.ts';

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
  rejectReasons: Record<string, string>;
  ratings: Record<string, string>;
  classifications: string[];
  initiativeDecisions: Record<string, string>;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  level: 'city' | 'district' | 'commune';
  kind: string;
  active: boolean;
  fields: string[];
  jurisdiction: { version: string; code: string }[];
}

export interface Member {
  id: string;
  username: string;
  displayName: string;
  role: string;
  status: string;
}

export interface Unit {
  version: string;
  code: string;
  level: string;
  name: string;
  fullName: string;
  parentCode: string | null;
}

export interface Category {
  code: string;
  name: string;
  kinds: string[];
  field: string;
  active: boolean;
}

export type ProofKind = 'inspection_record' | 'site_photo' | 'reply_letter' | 'other';
export const PROOF_KINDS: readonly ProofKind[] = ['inspection_record', 'site_photo', 'reply_letter', 'other'];

export interface Proof {
  kind: ProofKind;
  title: string;
  sha256?: string;
}

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().catch((e: unknown) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return p;
}

export const loadWorkflows = () => once('workflows', () => api.get<Workflows>('/api/v1/workflows'));
export const loadAgencies = () => once('agencies', () => api.get<{ items: Agency[] }>('/api/v1/agencies').then((r) => r.items));
export const loadCommunes = () => once('communes', () => api.get<{ version: string; items: Unit[] }>('/api/v1/units', { level: 'commune' }));
export const loadCategories = () => once('categories', () => api.get<{ items: Category[] }>('/api/v1/categories').then((r) => r.items));
/** Officers of an agency (for choosing an assignee); only heads and city-wide roles may read them. */
export const loadMembers = (agencyId: string) => once(`members:${agencyId}`, () => api.get<{ items: Member[] }>(`/api/v1/agencies/${agencyId}/members`).then((r) => r.items));

/** The transition the server would apply: the report's kind, its state and the action. */
export function transitionOf(wf: Workflows, kind: string, state: string, action: string): WorkflowTransition | undefined {
  return wf.kinds[kind]?.transitions.find((t) => t.from === state && t.action === action);
}

/** Every state label of every kind (the kinds share most states). */
export function allStateLabels(wf: Workflows): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of Object.values(wf.kinds)) for (const [k, v] of Object.entries(table.stateLabels)) if (!out.has(k)) out.set(k, v);
  return out;
}

/** Roles in which a staff member reads reports (the queues). */
export const REPORT_ROLES = ['center_operator', 'receiving_officer', 'agency_head', 'processing_officer', 'commune_leader', 'city_overseer'] as const;
export const HEAD_ROLES = ['agency_head', 'commune_leader'];

export const rolesOf = (me: Me | null): string[] => [...new Set((me?.memberships ?? []).map((m) => m.role))];

export const headAt = (me: Me | null, agencyId: string | null | undefined): boolean =>
  Boolean(agencyId && me?.memberships.some((m) => m.agencyId === agencyId && HEAD_ROLES.includes(m.role)));

/** Lower case without Vietnamese diacritics, for searching names ("hoan kiem" finds "Hoàn Kiếm"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** The commune committee whose jurisdiction is the commune with this full name (the report shows the name). */
export function communeCommittee(agencies: readonly Agency[], communes: readonly Unit[], communeName: string | null): Agency | undefined {
  if (!communeName) return undefined;
  const unit = communes.find((u) => u.fullName === communeName);
  if (!unit) return undefined;
  return agencies.find((a) => a.kind === 'commune_committee' && a.active && a.jurisdiction.some((j) => j.version === unit.version && j.code === unit.code));
}

/** A page of a staff queue: one request, several states at once (the server sorts by the nearest deadline). */
export function loadQueue(query: Query, states: readonly string[], offset: number, limit: number): Promise<Page<StaffQueueItem>> {
  return api.get<Page<StaffQueueItem>>('/api/v1/staff/reports', { ...query, state: states.length ? states.join(',') : query.state, offset, limit });
}
