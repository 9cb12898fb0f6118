import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LATENESS_GROUPS, lateAgencyFlagged, matterFlagged, matterGroups, REPRIMAND_THRESHOLDS, thresholdReachedAt } from './reprimand.ts';

test('R-18.4(2) an agency is flagged iff late / reports > 30 % exactly: 3 of 10 is not, 31 of 100 is', () => {
  assert.equal(lateAgencyFlagged(3, 10), false);
  assert.equal(lateAgencyFlagged(4, 10), true);
  assert.equal(lateAgencyFlagged(1, 3), true, '33 %');
  assert.equal(lateAgencyFlagged(30, 100), false);
  assert.equal(lateAgencyFlagged(31, 100), true);
  assert.equal(lateAgencyFlagged(9, 29), true);
  assert.equal(lateAgencyFlagged(0, 0), false);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (reports, k) => {
      const late = k % (reports + 1);
      // Exact rational comparison with BigInt: no floating-point edge.
      const expected = BigInt(late) * 10n > BigInt(reports) * 3n;
      assert.equal(lateAgencyFlagged(late, reports), expected);
    }),
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => assert.equal(lateAgencyFlagged(3 * n, 10 * n), false, 'exactly 30 % is never flagged')));
});

test('R-18.4(1) a matter is flagged from 5 "Chưa hài lòng" ratings; the month is that of the 5th', () => {
  assert.equal(REPRIMAND_THRESHOLDS.unsatisfiedRatings, 5);
  assert.equal(matterFlagged(4), false);
  assert.equal(matterFlagged(5), true);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 20 }), (times) => {
      const at = thresholdReachedAt(times);
      assert.equal(at !== null, matterFlagged(times.length));
      if (at !== null) {
        // exactly 4 ratings strictly before it at most, at least 5 at or before it
        assert.ok(times.filter((t) => t < at).length <= 4);
        assert.ok(times.filter((t) => t <= at).length >= 5);
      }
    }),
  );
});

test('R-18.4(1) matters are the connected components of the re-report links', () => {
  assert.deepEqual(matterGroups(['e'], [['a', 'b'], ['c', 'b'], ['d', 'e']]), [['a', 'b', 'c'], ['d', 'e']]);
  const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  fc.assert(
    fc.property(fc.array(id), fc.array(fc.tuple(id, id)), (ids, links) => {
      const groups = matterGroups(ids, links);
      const all = groups.flat();
      assert.equal(new Set(all).size, all.length, 'every report in one group');
      for (const x of [...ids, ...links.flat()]) assert.ok(all.includes(x));
      const groupOf = (x: string) => groups.findIndex((g) => g.includes(x));
      for (const [a, b] of links) assert.equal(groupOf(a), groupOf(b), 'linked reports share a matter');
      // and a group is connected: order does not matter
      assert.deepEqual(matterGroups([...ids].reverse(), [...links].reverse().map(([a, b]) => [b, a] as const)), groups);
    }),
  );
});

test('R-18.4(2) receiving is verification and receiving; processing is assigning and processing (R-8.5)', () => {
  assert.deepEqual(LATENESS_GROUPS, { receiving: ['verify', 'receive'], processing: ['assign', 'process'] });
});
