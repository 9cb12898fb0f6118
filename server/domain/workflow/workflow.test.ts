import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CLASSIFICATIONS, deadlinePolicy, type DeadlineStage } from '../calendar/index.ts';
import { ROLES } from '../access/index.ts';
import { WORKFLOWS, decide, explore, type Actor, type Facts, type Need, type Workflow } from './index.ts';

const FACTS: Facts = { classification: 'normal', openCooperations: 0, extendedToDays: null, clarificationWindowOpen: true };
const ACTORS: Actor[] = [...ROLES, 'system'];

for (const wf of Object.values(WORKFLOWS) as Workflow[]) {
  describe(`workflow table: ${wf.kind}`, () => {
    test('every state is reachable from the initial state', () => {
      const reached = new Set(explore(wf).configurations.map((c) => c.state));
      assert.deepEqual([...wf.states].filter((s) => !reached.has(s)), []);
    });

    test('every non-terminal state has an exit to another state; no transition leaves a terminal state', () => {
      for (const s of wf.states) {
        const out = wf.transitions.filter((t) => t.from === s);
        if (wf.terminal.includes(s)) assert.equal(out.length, 0, `${s} is terminal`);
        else assert.ok(out.some((t) => t.to !== s), `${s} has an exit`);
      }
    });

    test('R-8.5 every clock started is stopped on every path to a terminal state, and never started twice', () => {
      assert.deepEqual(explore(wf).problems, []);
    });

    test('every clock a transition or the submission starts has a deadline in the policy table for this kind', () => {
      for (const stage of wf.initialClocks) assert.ok(deadlinePolicy(wf.kind, stage as Exclude<DeadlineStage, 'process'>), `submission starts ${stage}`);
      for (const t of wf.transitions) {
        for (const stage of t.starts ?? []) {
          const found = stage === 'process' ? CLASSIFICATIONS.some((c) => deadlinePolicy(wf.kind, 'process', c)) : deadlinePolicy(wf.kind, stage as Exclude<DeadlineStage, 'process'>);
          assert.ok(found, `${t.from} --${t.action}--> starts ${stage}`);
        }
      }
    });

    test('every transition cites a rule and has a Vietnamese label; every state has a label', () => {
      for (const t of wf.transitions) assert.match(t.rule, /^R-\d/, `${t.action}`);
      for (const t of wf.transitions) assert.ok(t.label.length > 3);
      for (const s of wf.states) assert.ok(wf.stateLabels[s]);
    });

    test('property: random walks keep the clock bookkeeping sound and end clean in a terminal state', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 60 }), (choices) => {
          let state = wf.initial;
          const running = new Set<string>(wf.initialClocks);
          for (const c of choices) {
            const out = wf.transitions.filter((t) => t.from === state);
            if (out.length === 0) break;
            const t = out[c % out.length]!;
            for (const s of t.stops ?? []) running.delete(s);
            if (t.extends) assert.ok(running.has(t.extends), `extend ${t.extends} while not running`);
            for (const s of t.starts ?? []) {
              assert.ok(!running.has(s), `${s} started twice`);
              running.add(s);
            }
            state = t.to;
          }
          if (wf.terminal.includes(state)) assert.equal(running.size, 0, `${state} with ${[...running].join(',')}`);
        }),
        { numRuns: 500 },
      );
    });

    test('property: decide allows exactly the transitions of the table, for the roles it names', () => {
      const actions = [...new Set(wf.transitions.map((t) => t.action))];
      fc.assert(
        fc.property(fc.constantFrom(...wf.states), fc.constantFrom(...actions), fc.subarray(ACTORS, { minLength: 1 }), (state, action, roles) => {
          const all: Partial<Record<Need, unknown>> = { rejectReason: 'a', explanation: 'x', question: 'x', answer: 'x', targetAgency: 'x', classification: 'normal', assignee: 'x', resultText: 'x', proof: 1, extendTo: 20, rating: 'satisfied', decision: 'adopt' };
          const facts: Facts = { ...FACTS, classification: 'complex', clarificationWindowOpen: action !== 'close' };
          const d = decide(wf, state, action, roles, all, facts);
          const exists = wf.transitions.some((t) => t.from === state && t.action === action && t.by.some((r) => roles.includes(r)));
          assert.equal(d.ok, exists, `${state} ${action} ${roles.join('+')}: ${d.ok ? 'ok' : d.code}`);
          if (!d.ok && !wf.transitions.some((t) => t.from === state && t.action === action)) assert.equal(d.code, 'TRANSITION_NOT_ALLOWED');
        }),
        { numRuns: 800 },
      );
    });
  });
}

describe('decisions that name the rule that forbids them', () => {
  const wf = WORKFLOWS.field_report;
  const ok = (d: ReturnType<typeof decide>) => d.ok;

  test('R-12.2 a result without proof is refused', () => {
    const d = decide(wf, 'resultDrafted', 'approve', ['agency_head'], {}, FACTS);
    assert.ok(!d.ok && d.code === 'INPUT_MISSING' && d.missing.includes('proof') && d.rule === 'R-12.2');
    assert.ok(ok(decide(wf, 'resultDrafted', 'approve', ['agency_head'], { proof: 1 }, FACTS)));
  });

  test('R-8.2 the lead cannot publish while a cooperation request is open', () => {
    const d = decide(wf, 'resultDrafted', 'approve', ['agency_head'], { proof: 2 }, { ...FACTS, openCooperations: 1 });
    assert.ok(!d.ok && d.code === 'GUARD_FAILED' && d.rule === 'R-12.2' && /phối hợp/.test(d.vi));
  });

  test('R-8.5 only a complex report is extended, to at most 30 working days, and only longer', () => {
    const complex = { ...FACTS, classification: 'complex' as const };
    assert.ok(!ok(decide(wf, 'assigned', 'extend', ['agency_head'], { extendTo: 20, explanation: 'x' }, FACTS)));
    assert.ok(!ok(decide(wf, 'assigned', 'extend', ['agency_head'], { extendTo: 31, explanation: 'x' }, complex)));
    assert.ok(!ok(decide(wf, 'assigned', 'extend', ['agency_head'], { extendTo: 15, explanation: 'x' }, complex)));
    assert.ok(ok(decide(wf, 'assigned', 'extend', ['agency_head'], { extendTo: 30, explanation: 'x' }, complex)));
    assert.ok(!ok(decide(wf, 'assigned', 'extend', ['agency_head'], { extendTo: 25, explanation: 'x' }, { ...complex, extendedToDays: 25 })));
  });

  test('R-6.2 a rejection needs a reason and an explanation; a citizen cannot accept; nothing is accepted twice', () => {
    const d = decide(wf, 'submitted', 'reject', ['receiving_officer'], { rejectReason: 'e' }, FACTS);
    assert.ok(!d.ok && d.code === 'INPUT_MISSING' && d.missing.join() === 'explanation');
    const c = decide(wf, 'submitted', 'accept', ['citizen'], { targetAgency: 'x', classification: 'normal' }, FACTS);
    assert.ok(!c.ok && c.code === 'ROLE_NOT_ALLOWED');
    const twice = decide(wf, 'accepted', 'accept', ['receiving_officer'], { targetAgency: 'x', classification: 'normal' }, FACTS);
    assert.ok(!twice.ok && twice.code === 'TRANSITION_NOT_ALLOWED' && /Chờ tiếp nhận/.test(twice.vi));
  });

  test('R-13 clarification only within the window; the report closes only after it', () => {
    assert.ok(ok(decide(wf, 'published', 'requestClarification', ['citizen'], { question: '?' }, FACTS)));
    assert.ok(!ok(decide(wf, 'published', 'requestClarification', ['citizen'], { question: '?' }, { ...FACTS, clarificationWindowOpen: false })));
    assert.ok(!ok(decide(wf, 'published', 'close', ['system'], {}, FACTS)));
    assert.ok(ok(decide(wf, 'published', 'close', ['system'], {}, { ...FACTS, clarificationWindowOpen: false })));
  });

  test('R-8.1 step 3 at a commune: the leader assigns the officer after the head dispatched it', () => {
    assert.ok(ok(decide(wf, 'dispatched', 'assign', ['commune_leader'], { assignee: 'x' }, FACTS)));
    assert.ok(!ok(decide(wf, 'dispatched', 'assign', ['processing_officer'], { assignee: 'x' }, FACTS)));
  });
});
