/**
 * What the staff console reads besides reports, the workflow tables (api/workflows.ts) and the reference data
 * (api/reference.ts): an agency's officers, loaded once per page load; the queues; who may do what.
 */
import { api, once, type Query } from '../../api/client.ts';
import type { Agency, Unit } from '../../api/reference.ts';
import type { Me, Page, StaffQueueItem } from '../../api/types.ts';
import type { ProofKind } from '../../i18n/labels.ts';

export interface Member {
  id: string;
  username: string;
  displayName: string;
  role: string;
  status: string;
}

export interface Proof {
  kind: ProofKind;
  title: string;
  sha256?: string;
}

/** Officers of an agency (for choosing an assignee); only heads and city-wide roles may read them. */
export const loadMembers = (agencyId: string) => once(`members:${agencyId}`, () => api.get<{ items: Member[] }>(`/api/v1/agencies/${agencyId}/members`).then((r) => r.items));

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
