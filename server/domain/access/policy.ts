/**
 * The access policy: decides every permission from the actor's roles and the target's scope, with no I/O.
 * Repositories turn the same decision into SQL filters through `agencyScope` (every query is scoped).
 */
import type { Actor } from './actor.ts';
import { ROLE_GRANTS, type Permission } from './roles.ts';

/** What a permission is asked about: an agency's business, a citizen's own record, or nothing in particular. */
export type Target = { agencyId: string } | { ownerId: string } | { any: true };

export function can(actor: Actor, permission: Permission, target: Target): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.kind === 'citizen') {
    const grant = ROLE_GRANTS.citizen;
    if (!grant.permissions.includes(permission)) return false;
    // Submitting and booking a reception need a verified identity; reading one's own records does not.
    if ((permission === 'report.submit' || permission === 'reception.book') && !actor.identityVerified) return false;
    return 'ownerId' in target ? target.ownerId === actor.userId : 'any' in target;
  }
  return actor.memberships.some((m) => {
    const grant = ROLE_GRANTS[m.role];
    if (!grant.permissions.includes(permission)) return false;
    if (grant.scope === 'city') return true;
    return 'agencyId' in target && target.agencyId === m.agencyId;
  });
}

/**
 * The agencies within which the actor holds a permission, for SQL filters: 'all' (city-wide roles),
 * a list of agency ids, or none (an empty list — the query then returns nothing).
 */
export function agencyScope(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.kind !== 'staff') return [];
  const ids = new Set<string>();
  for (const m of actor.memberships) {
    const grant = ROLE_GRANTS[m.role];
    if (!grant.permissions.includes(permission)) continue;
    if (grant.scope === 'city') return 'all';
    ids.add(m.agencyId);
  }
  return [...ids];
}
