import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextMonth, parseMonth, share } from './rules.ts';

test('R-18.4(2) months are YYYY-MM; December rolls into January; shares have 4 decimals', () => {
  assert.deepEqual(parseMonth('2026-03'), { year: 2026, month: 3 });
  assert.equal(parseMonth('2026-13'), null);
  assert.equal(parseMonth('2026-3'), null);
  assert.deepEqual(nextMonth({ year: 2026, month: 12 }), { year: 2027, month: 1 });
  assert.equal(share(1, 3), 0.3333);
  assert.equal(share(0, 0), 0);
});
