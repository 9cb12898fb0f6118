import type { Role, StaffRole } from './roles.ts';

export interface Membership {
  agencyId: string;
  role: StaffRole;
}

/** Who is acting: the signed-in account with its memberships, or nobody (public). */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'citizen';
      userId: string;
      identityVerified: boolean;
      /** End of the sanction in force when the session was resolved: no submitting until then; null or absent when none. */
      sanctionedUntil?: Date | null;
    }
  | { kind: 'staff'; userId: string; memberships: Membership[] };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorRoles(actor: Actor): Role[] {
  if (actor.kind === 'citizen') return ['citizen'];
  if (actor.kind === 'staff') return [...new Set(actor.memberships.map((m) => m.role))];
  return [];
}
