import assert from 'node:assert/strict';
import { test } from 'node:test';
import { successionIsCertain, successorsIn, type Succession } from './succession.ts';

const l = (from: string, to: string, scope: Succession['scope']): Succession => {
  const [fv, fc] = from.split('/') as [string, string];
  const [tv, tc] = to.split('/') as [string, string];
  return { from: { version: fv, code: fc }, to: { version: tv, code: tc }, scope };
};

const links = [
  l('2024/A', '2025-01/A', 'code_kept'),
  l('2025-01/A', '2025-07/X', 'full'),
  l('2025-01/B', '2025-07/X', 'partial'),
  l('2025-01/B', '2025-07/Y', 'partial'),
  l('2024/C', '2025-01/B', 'code_kept'),
];

test('R-28.1 a unit maps to the units of a later structure; scopes combine along the chain', () => {
  assert.deepEqual(successorsIn({ version: '2025-01', code: 'A' }, '2025-07', links), [{ unit: { version: '2025-07', code: 'X' }, scope: 'full' }]);
  assert.deepEqual(successorsIn({ version: '2024', code: 'A' }, '2025-07', links), [{ unit: { version: '2025-07', code: 'X' }, scope: 'code_kept' }]);
  assert.deepEqual(
    successorsIn({ version: '2024', code: 'C' }, '2025-07', links).map((s) => `${s.unit.code}:${s.scope}`),
    ['X:partial', 'Y:partial'],
  );
  assert.deepEqual(successorsIn({ version: '2024', code: 'Z' }, '2025-07', links), [], 'unknown mapping');
  assert.deepEqual(successorsIn({ version: '2025-07', code: 'X' }, '2025-07', links), [], 'already current');
});

test('R-28.1 the stronger path wins when two paths reach the same unit', () => {
  const twoPaths = [l('v1/A', 'v2/B1', 'partial'), l('v1/A', 'v2/B2', 'full'), l('v2/B1', 'v3/C', 'full'), l('v2/B2', 'v3/C', 'full')];
  assert.deepEqual(successorsIn({ version: 'v1', code: 'A' }, 'v3', twoPaths), [{ unit: { version: 'v3', code: 'C' }, scope: 'full' }]);
});

test('R-28.1 routing an old address is certain only for a single successor that is not a split', () => {
  assert.ok(successionIsCertain([{ scope: 'full' }]));
  assert.ok(successionIsCertain([{ scope: 'code_kept' }]));
  assert.ok(!successionIsCertain([{ scope: 'partial' }]));
  assert.ok(!successionIsCertain([{ scope: 'full' }, { scope: 'full' }]));
  assert.ok(!successionIsCertain([]));
});
