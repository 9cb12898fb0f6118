import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATENESS_GROUPS, nextMonth, over30Percent, parseMonth, share } from './rules.ts';

test('R-18.4(2) more than 30 % of a month\'s reports late is flagged; exactly 30 % is not', () => {
  assert.equal(over30Percent(3, 10), false);
  assert.equal(over30Percent(4, 10), true);
  assert.equal(over30Percent(1, 3), true, '33 %');
  assert.equal(over30Percent(0, 0), false, 'nothing due, nothing late');
  assert.equal(over30Percent(30, 100), false);
  assert.equal(over30Percent(31, 100), true);
});

test('R-18.4(2) receiving is verification and receiving; processing is assigning and processing (R-8.5)', () => {
  assert.deepEqual(LATENESS_GROUPS, { receiving: ['verify', 'receive'], processing: ['assign', 'process'] });
});

test('R-18.4(2) months are YYYY-MM; December rolls into January; shares have 4 decimals', () => {
  assert.deepEqual(parseMonth('2026-03'), { year: 2026, month: 3 });
  assert.equal(parseMonth('2026-13'), null);
  assert.equal(parseMonth('2026-3'), null);
  assert.deepEqual(nextMonth({ year: 2026, month: 12 }), { year: 2027, month: 1 });
  assert.equal(share(1, 3), 0.3333);
  assert.equal(share(0, 0), 0);
});
