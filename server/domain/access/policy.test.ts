import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Actor } from './actor.ts';
import { agencyScope, can } from './policy.ts';
import { PERMISSIONS, STAFF_ROLES, type Permission, type StaffRole } from './roles.ts';

const OWN = 'agency-own';
const OTHER = 'agency-other';
const staff = (role: StaffRole): Actor => ({ kind: 'staff', userId: 'u1', memberships: [{ agencyId: OWN, role }] });

/**
 * The expected matrix, written out by hand (not derived from ROLE_GRANTS): for each staff role, what it may
 * do in its own agency and in another agency. A change of the grants must change this table too.
 */
const EXPECTED: Record<StaffRole, { own: Permission[]; other: Permission[] }> = {
  center_operator: {
    own: ['report.receive', 'report.dispatch', 'report.readInScope', 'agency.readMembers', 'agency.focalOfficers.manage', 'sanction.read', 'oversight.read'],
    other: ['report.receive', 'report.dispatch', 'report.readInScope', 'agency.readMembers', 'agency.focalOfficers.manage', 'sanction.read', 'oversight.read'],
  },
  receiving_officer: { own: ['report.receive', 'report.readInScope'], other: [] },
  agency_head: { own: ['report.take', 'report.assign', 'report.approve', 'report.readInScope', 'agency.readMembers', 'oversight.read'], other: [] },
  processing_officer: { own: ['report.process', 'report.readInScope'], other: [] },
  commune_leader: { own: ['report.assign', 'report.readInScope', 'agency.readMembers', 'oversight.read'], other: [] },
  alert_editor: { own: ['alert.edit'], other: [] },
  alert_approver: { own: ['alert.approve'], other: [] },
  city_overseer: { own: ['oversight.read', 'report.readInScope'], other: ['oversight.read', 'report.readInScope'] },
  administrator: {
    own: ['agency.manage', 'agency.readMembers', 'agency.focalOfficers.manage', 'calendar.manage', 'staff.manage', 'unit.manage', 'sanction.read', 'sanction.lift', 'integrity.manage', 'integration.manage', 'evaluation.manage'],
    other: ['agency.manage', 'agency.readMembers', 'agency.focalOfficers.manage', 'calendar.manage', 'staff.manage', 'unit.manage', 'sanction.read', 'sanction.lift', 'integrity.manage', 'integration.manage', 'evaluation.manage'],
  },
  reception_officer: { own: ['reception.manage'], other: [] },
};

describe('R-4.3 access matrix: every staff role × every permission × own / other agency', () => {
  for (const role of STAFF_ROLES) {
    for (const permission of PERMISSIONS) {
      test(`${role} ${permission}`, () => {
        assert.equal(can(staff(role), permission, { agencyId: OWN }), EXPECTED[role].own.includes(permission), 'own agency');
        assert.equal(can(staff(role), permission, { agencyId: OTHER }), EXPECTED[role].other.includes(permission), 'other agency');
      });
    }
  }
});

test('R-3.9 a citizen may submit only once their identity is verified, and reads only their own records', () => {
  const unverified: Actor = { kind: 'citizen', userId: 'c1', identityVerified: false };
  const verified: Actor = { kind: 'citizen', userId: 'c1', identityVerified: true };
  assert.equal(can(unverified, 'report.submit', { any: true }), false);
  assert.equal(can(verified, 'report.submit', { any: true }), true);
  assert.equal(can(verified, 'report.readOwn', { ownerId: 'c1' }), true);
  assert.equal(can(verified, 'report.readOwn', { ownerId: 'c2' }), false);
  // booking a reception with the Board, like submitting, needs a verified identity.
  assert.equal(can(unverified, 'reception.book', { any: true }), false);
  assert.equal(can(verified, 'reception.book', { any: true }), true);
  for (const p of PERMISSIONS.filter((x) => x !== 'report.submit' && x !== 'report.readOwn' && x !== 'reception.book'))
    assert.equal(can(verified, p, { agencyId: OWN }), false, p);
});

test('anonymous callers hold no permission at all', () => {
  for (const p of PERMISSIONS) assert.equal(can({ kind: 'anonymous' }, p, { any: true }), false, p);
});

test('agency-scoped roles never reach another agency, whatever their memberships (property)', () => {
  const scoped = STAFF_ROLES.filter((r) => !['center_operator', 'city_overseer', 'administrator'].includes(r));
  fc.assert(
    fc.property(
      fc.array(fc.record({ agencyId: fc.constantFrom('a', 'b', 'c'), role: fc.constantFrom(...scoped) }), { maxLength: 5 }),
      fc.constantFrom(...PERMISSIONS),
      (memberships, permission) => {
        const actor: Actor = { kind: 'staff', userId: 'u', memberships };
        const granted = can(actor, permission, { agencyId: 'z' });
        const scope = agencyScope(actor, permission);
        return granted === false && scope !== 'all' && !scope.includes('z');
      },
    ),
  );
});

test('the SQL scope agrees with the policy for every agency (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ agencyId: fc.constantFrom('a', 'b', 'c'), role: fc.constantFrom(...STAFF_ROLES) }), { maxLength: 5 }),
      fc.constantFrom(...PERMISSIONS),
      fc.constantFrom('a', 'b', 'c', 'd'),
      (memberships, permission, agencyId) => {
        const actor: Actor = { kind: 'staff', userId: 'u', memberships };
        const scope = agencyScope(actor, permission);
        const inScope = scope === 'all' || scope.includes(agencyId);
        return inScope === can(actor, permission, { agencyId });
      },
    ),
  );
});
