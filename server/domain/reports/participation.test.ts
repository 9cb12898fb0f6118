import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { STAFF_ROLES, type Actor } from '../access/index.ts';
import { WORKFLOWS, type Workflow } from '../workflow/index.ts';
import { awaitingClauses, rolesOnReport, statesAwaiting, type AwaitingClause, type ReportParties } from './participation.ts';

const AGENCIES = ['a', 'b', 'c'];
const ME = 'me';

/** What the SQL of listReports does with the clauses, in plain code. */
function matches(clauses: readonly AwaitingClause[], r: ReportParties & { kind: string; state: string }): boolean {
  return clauses.some((c) => {
    if (!c.states[r.kind]?.includes(r.state)) return false;
    if (c.assigneeId !== undefined && r.assigneeId !== c.assigneeId) return false;
    if (c.at === 'anywhere') return true;
    if ('receivingAgencyIds' in c.at) return c.at.receivingAgencyIds.includes(r.receivingAgencyId);
    const handling = c.at.handlingAgencyIds;
    return [r.processingAgencyId, r.dispatchedAgencyId].some((x) => x !== null && handling.includes(x));
  });
}

const workflows = Object.values(WORKFLOWS) as Workflow[];
const report = fc
  .record({
    wf: fc.constantFrom(...workflows),
    pick: fc.nat(),
    receivingAgencyId: fc.constantFrom(...AGENCIES),
    processingAgencyId: fc.constantFrom(null, ...AGENCIES),
    dispatchedAgencyId: fc.constantFrom(null, ...AGENCIES),
    assigneeId: fc.constantFrom(null, ME, 'someone-else'),
  })
  .map(({ wf, pick, ...parties }) => ({ ...parties, reporterId: 'citizen', kind: wf.kind, state: wf.states[pick % wf.states.length] as string, wf }));
const staff = fc
  .array(fc.record({ agencyId: fc.constantFrom(...AGENCIES), role: fc.constantFrom(...STAFF_ROLES) }), { minLength: 1, maxLength: 4 })
  .map((memberships): Actor => ({ kind: 'staff', userId: ME, memberships }));

test('R-4.3 "waiting for me" is exactly the reports where one of my roles at the report has a step that moves it on', () => {
  fc.assert(
    fc.property(staff, report, (actor, r) => {
      const roles = rolesOnReport(actor, r);
      const expected = r.wf.transitions.some((t) => t.from === r.state && t.to !== t.from && t.by.some((b) => roles.includes(b)));
      assert.equal(matches(awaitingClauses(actor), r), expected, JSON.stringify({ actor, r: { ...r, wf: r.wf.kind }, roles }));
    }),
    { numRuns: 3000 },
  );
});

test('R-8.1 R-12 the steps that wait for each role: heads approve and take, officers draft, receivers receive', () => {
  assert.deepEqual(statesAwaiting('receiving_officer').field_report?.sort(), ['submitted', 'verifying']);
  assert.deepEqual(statesAwaiting('agency_head').field_report?.sort(), ['accepted', 'clarificationRequested', 'resultDrafted', 'taken']);
  assert.deepEqual(statesAwaiting('commune_leader').field_report?.sort(), ['accepted', 'clarificationRequested', 'dispatched', 'resultDrafted', 'taken']);
  assert.deepEqual(statesAwaiting('processing_officer').field_report?.sort(), ['assigned', 'clarificationRequested', 'draftRejected']);
  // An extension or a cooperation request leaves the report where it is: no head is "waited for" in `assigned`.
  assert.ok(!statesAwaiting('agency_head').field_report?.includes('assigned'));
  assert.deepEqual(statesAwaiting('agency_head').initiative?.sort(), ['assigned', 'consulting']);
  assert.deepEqual(statesAwaiting('city_overseer'), {});
  assert.deepEqual(awaitingClauses({ kind: 'citizen', userId: ME, identityVerified: true }), []);
  assert.deepEqual(awaitingClauses({ kind: 'staff', userId: ME, memberships: [{ agencyId: 'a', role: 'city_overseer' }] }), []);
});
