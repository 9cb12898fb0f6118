import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { outerRings, simplifiedRing } from './outline.ts';

test('outer rings of a Polygon and a MultiPolygon; anything else has none', () => {
  const ring: [number, number][] = [[105, 21], [105.1, 21], [105.1, 21.1], [105, 21]];
  const hole: [number, number][] = [[105.01, 21.01], [105.02, 21.01], [105.02, 21.02], [105.01, 21.01]];
  assert.deepEqual(outerRings({ type: 'Polygon', coordinates: [ring, hole] }), [ring]);
  assert.deepEqual(outerRings({ type: 'MultiPolygon', coordinates: [[ring, hole], [hole]] }), [ring, hole]);
  assert.deepEqual(outerRings({ type: 'Point', coordinates: [105, 21] }), []);
  assert.deepEqual(outerRings(null), []);
});

test('a simplified ring is closed, keeps at least four positions, and stays within the tolerance of the corners', () => {
  fc.assert(
    fc.property(fc.integer({ min: 8, max: 200 }), fc.double({ min: 0.0001, max: 0.01, noNaN: true }), (n, tol) => {
      // A circle of radius 0.05° around Hoàn Kiếm with n points, closed.
      const ring: [number, number][] = Array.from({ length: n }, (_, i) => [105.85 + 0.05 * Math.cos((2 * Math.PI * i) / n), 21.03 + 0.05 * Math.sin((2 * Math.PI * i) / n)]);
      ring.push(ring[0]!);
      const s = simplifiedRing(ring, tol);
      if (s === null) return true;
      assert.ok(s.length >= 4 && s.length <= ring.length);
      assert.deepEqual(s[0], s[s.length - 1]);
      for (const [x, y] of s) assert.ok(Math.abs(Math.hypot(x - 105.85, y - 21.03) - 0.05) < 1e-4, 'every kept point is an original point (rounded)');
      return true;
    }),
  );
});

test('a ring that collapses to a line is no polygon', () => {
  assert.equal(simplifiedRing([[105, 21], [105.00001, 21], [105, 21]], 0.001), null);
});
