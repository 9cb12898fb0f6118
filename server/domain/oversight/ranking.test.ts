import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  checkCriteria,
  CRITERIA_KEYS,
  CRITERIA_LIMITS,
  officerQualifies,
  rankAgencies,
  score,
  selectCommendations,
  type AgencyEntry,
  type EvaluationCriteria,
  type OfficerEntry,
} from './ranking.ts';

const DEFAULTS: EvaluationCriteria = {
  onTimeWeight: 60,
  satisfactionWeight: 40,
  minReports: 10,
  officerMinHandled: 5,
  officerMinSatisfactionPercent: 80,
  officerMinOnTimePercent: 90,
  officerMaxListed: 20,
};

/** A percentage with one decimal, as the dashboard shows it. */
const pct = fc.integer({ min: 0, max: 1000 }).map((t) => t / 10);
/** Few names, so that ties on everything but the id happen. */
const NAMES = ['Sở Xây dựng', 'Sở Y tế', 'UBND phường Đống Đa', 'UBND phường Dịch Vọng', 'UBND xã Gia Lâm', 'Sở Ăn uống', 'Sở An toàn'];
const criteria = fc.record({
  onTimeWeight: fc.integer({ min: 0, max: 100 }),
  minReports: fc.integer({ min: 1, max: 30 }),
  officerMinHandled: fc.integer({ min: 1, max: 10 }),
  officerMinSatisfactionPercent: fc.integer({ min: 0, max: 100 }),
  officerMinOnTimePercent: fc.integer({ min: 0, max: 100 }),
  officerMaxListed: fc.integer({ min: 1, max: 8 }),
}).map((c): EvaluationCriteria => ({ ...c, satisfactionWeight: 100 - c.onTimeWeight }));
const agency = fc.record({ agencyName: fc.constantFrom(...NAMES), reports: fc.integer({ min: 0, max: 40 }), onTimePercent: pct, satisfactionPercent: pct });
const agencies = fc.array(agency, { maxLength: 25 }).map((list): AgencyEntry[] => list.map((a, i) => ({ ...a, agencyId: `a${String(i).padStart(3, '0')}` })));
const officers = fc
  .array(fc.record({ officerName: fc.constantFrom(...NAMES), handled: fc.integer({ min: 0, max: 15 }), onTimePercent: pct, satisfactionPercent: pct }), { maxLength: 25 })
  .map((list): OfficerEntry[] => list.map((o, i) => ({ ...o, officerId: `o${String(i).padStart(3, '0')}`, agencyId: 'x' })));

test('R-22 the score is the weighted mean of the two shown rates, exact to three decimals', () => {
  assert.equal(score(DEFAULTS, { onTimePercent: 90, satisfactionPercent: 75 }), 84);
  assert.equal(score(DEFAULTS, { onTimePercent: 91.7, satisfactionPercent: 83.3 }), 88.34);
  assert.equal(score({ onTimeWeight: 33, satisfactionWeight: 67 }, { onTimePercent: 66.7, satisfactionPercent: 0.1 }), 22.078);
  fc.assert(
    fc.property(criteria, pct, pct, (c, onTimePercent, satisfactionPercent) => {
      const s = score(c, { onTimePercent, satisfactionPercent });
      assert.ok(s >= Math.min(onTimePercent, satisfactionPercent) - 1e-9 && s <= Math.max(onTimePercent, satisfactionPercent) + 1e-9, 'between the two rates');
      assert.ok(Math.abs(s - (c.onTimeWeight * onTimePercent + c.satisfactionWeight * satisfactionPercent) / 100) < 1e-9);
    }),
  );
});

test('R-22 the ranking is a permutation of the agencies; ranked first with ranks 1…n, exactly those with at least minReports; independent of input order', () => {
  fc.assert(
    fc.property(agencies, criteria, (list, c) => {
      const out = rankAgencies(list, c);
      assert.deepEqual(out.map((a) => a.agencyId).sort(), list.map((a) => a.agencyId).sort(), 'a permutation');
      const ranked = out.filter((a) => a.ranked);
      assert.deepEqual(ranked.map((a) => a.rank), ranked.map((_, i) => i + 1), 'ranks 1…n, none shared');
      assert.ok(out.slice(0, ranked.length).every((a) => a.ranked), 'the ranked come first');
      for (const a of out) {
        assert.equal(a.ranked, a.reports >= c.minReports, `${a.reports} reports, minimum ${c.minReports} (inclusive)`);
        assert.equal(a.rank === null, !a.ranked);
        assert.equal(a.note === null, a.ranked);
        if (!a.ranked) assert.match(a.note!, /^Chưa đủ số liệu: /);
      }
      assert.deepEqual(rankAgencies([...list].reverse(), c), out, 'the order of the input plays no part');
    }),
  );
});

test('R-22 ranked agencies are ordered by score, then on-time rate, then satisfaction, then name; monotone in the on-time rate at equal satisfaction', () => {
  fc.assert(
    fc.property(agencies, criteria, (list, c) => {
      const ranked = rankAgencies(list, c).filter((a) => a.ranked);
      for (let i = 1; i < ranked.length; i++) {
        const [a, b] = [ranked[i - 1]!, ranked[i]!];
        assert.ok(a.score >= b.score, 'score descending');
        if (a.score === b.score) {
          assert.ok(a.onTimePercent >= b.onTimePercent);
          if (a.onTimePercent === b.onTimePercent) {
            assert.ok(a.satisfactionPercent >= b.satisfactionPercent);
            if (a.satisfactionPercent === b.satisfactionPercent) assert.ok(a.agencyName.localeCompare(b.agencyName, 'vi') <= 0);
          }
        }
      }
      // Monotone: at equal satisfaction, a strictly higher on-time rate never ranks lower.
      for (const a of ranked)
        for (const b of ranked)
          if (a.satisfactionPercent === b.satisfactionPercent && a.onTimePercent > b.onTimePercent) assert.ok(a.rank! < b.rank!, `${a.agencyId} before ${b.agencyId}`);
    }),
  );
  // Raising one agency's on-time rate never moves it down.
  fc.assert(
    fc.property(agencies, criteria, fc.nat(), fc.integer({ min: 1, max: 1000 }), (list, c, pick, up) => {
      const eligible = list.filter((a) => a.reports >= c.minReports);
      fc.pre(eligible.length > 0);
      const target = eligible[pick % eligible.length]!;
      const raised = list.map((a) => (a === target ? { ...a, onTimePercent: Math.min(1000, Math.round(a.onTimePercent * 10) + up) / 10 } : a));
      const rankOf = (l: AgencyEntry[]) => rankAgencies(l, c).find((a) => a.agencyId === target.agencyId)!.rank!;
      assert.ok(rankOf(raised) <= rankOf(list));
    }),
  );
  // Full ties end at the name, in Vietnamese order: D < Đ < G (code points would put Đ after G).
  const tie = (agencyId: string, agencyName: string): AgencyEntry => ({ agencyId, agencyName, reports: 20, onTimePercent: 80, satisfactionPercent: 70 });
  const names = rankAgencies([tie('1', 'UBND xã Gia Lâm'), tie('2', 'UBND phường Đống Đa'), tie('3', 'UBND phường Dịch Vọng'), tie('4', 'UBND phường Ô Chợ Dừa')], DEFAULTS);
  assert.deepEqual(names.map((a) => a.agencyName), ['UBND phường Dịch Vọng', 'UBND phường Đống Đa', 'UBND phường Ô Chợ Dừa', 'UBND xã Gia Lâm']);
  // Equal score: the on-time rate decides (60/40: 90/75 and 75/97.5 both score 84).
  const equal = rankAgencies(
    [
      { agencyId: 'b', agencyName: 'A', reports: 20, onTimePercent: 75, satisfactionPercent: 97.5 },
      { agencyId: 'a', agencyName: 'B', reports: 20, onTimePercent: 90, satisfactionPercent: 75 },
    ],
    DEFAULTS,
  );
  assert.deepEqual(equal.map((a) => [a.agencyId, a.score, a.rank]), [['a', 84, 1], ['b', 84, 2]]);
});

test('R-27.4 officers listed for commendation: every threshold inclusive, best first, at most officerMaxListed, the best of those who qualify', () => {
  const o = (officerId: string, handled: number, onTimePercent: number, satisfactionPercent: number): OfficerEntry => ({
    officerId,
    officerName: `Cán bộ ${officerId}`,
    agencyId: 'x',
    handled,
    onTimePercent,
    satisfactionPercent,
  });
  assert.equal(officerQualifies(o('a', 5, 90, 80), DEFAULTS), true, 'exactly at every threshold');
  assert.equal(officerQualifies(o('b', 4, 100, 100), DEFAULTS), false, 'one result too few');
  assert.equal(officerQualifies(o('c', 5, 89.9, 100), DEFAULTS), false, 'on time 89.9 < 90');
  assert.equal(officerQualifies(o('d', 5, 100, 79.9), DEFAULTS), false, 'satisfaction 79.9 < 80');
  assert.deepEqual(
    selectCommendations([o('a', 5, 100, 100), o('b', 9, 100, 100), o('c', 6, 95, 100)], { ...DEFAULTS, officerMaxListed: 2 }).map((x) => [x.officerId, x.score]),
    [['b', 100], ['a', 100]],
    'equal score and rates: more results first; the third is cut by the maximum',
  );
  fc.assert(
    fc.property(officers, criteria, (list, c) => {
      const out = selectCommendations(list, c);
      const qualifying = list.filter((x) => officerQualifies(x, c));
      assert.equal(out.length, Math.min(c.officerMaxListed, qualifying.length));
      for (const x of out) assert.ok(officerQualifies(x, c));
      for (const x of list)
        assert.equal(
          officerQualifies(x, c),
          x.handled >= c.officerMinHandled && x.satisfactionPercent >= c.officerMinSatisfactionPercent && x.onTimePercent >= c.officerMinOnTimePercent,
        );
      for (let i = 1; i < out.length; i++) assert.ok(out[i - 1]!.score >= out[i]!.score, 'best first');
      // Nobody left out scores above the last listed.
      const last = out.at(-1);
      if (last) for (const x of qualifying.filter((q) => !out.some((y) => y.officerId === q.officerId))) assert.ok(score(c, x) <= last.score);
    }),
  );
});

test('R-22 R-27.4 criteria: whole numbers within their limits and weights summing to 100, each problem naming its field', () => {
  assert.deepEqual(checkCriteria(DEFAULTS), { ok: true, value: DEFAULTS });
  const sum = checkCriteria({ ...DEFAULTS, onTimeWeight: 70 });
  assert.ok(!sum.ok);
  assert.deepEqual(sum.problems.map((p) => p.field), ['body.onTimeWeight', 'body.satisfactionWeight']);
  assert.match(sum.problems[0]!.message, /bằng 100 \(đang là 110\)/);
  const negative = checkCriteria({ ...DEFAULTS, officerMinHandled: -1, officerMinOnTimePercent: 100.5 });
  assert.ok(!negative.ok);
  assert.deepEqual(negative.problems.map((p) => p.field), ['body.officerMinHandled', 'body.officerMinOnTimePercent']);
  fc.assert(
    fc.property(fc.record(Object.fromEntries(CRITERIA_KEYS.map((k) => [k, fc.integer({ min: -5, max: 1005 })])) as Record<keyof EvaluationCriteria, fc.Arbitrary<number>>), (c) => {
      const inRange = CRITERIA_KEYS.every((k) => c[k] >= CRITERIA_LIMITS[k].min && c[k] <= CRITERIA_LIMITS[k].max);
      assert.equal(checkCriteria(c).ok, inRange && c.onTimeWeight + c.satisfactionWeight === 100);
    }),
  );
});
