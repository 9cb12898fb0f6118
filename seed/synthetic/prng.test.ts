import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng, Weighted, uuidV7At } from './prng.ts';

test('issue 9: the same seed gives the same sequence; another seed or stream another one', () => {
  fc.assert(
    fc.property(fc.nat(), fc.nat(), (seed, stream) => {
      const a = Rng.derive(seed, stream);
      const b = Rng.derive(seed, stream);
      const xs = Array.from({ length: 16 }, () => a.uint32());
      assert.deepEqual(Array.from({ length: 16 }, () => b.uint32()), xs);
      const other = Rng.derive(seed, stream + 1);
      assert.notDeepEqual(Array.from({ length: 16 }, () => other.uint32()), xs);
    }),
  );
});

test('issue 9: draws stay in their ranges', () => {
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 1, max: 1_000 }), (seed, n) => {
      const rng = new Rng(seed);
      for (let i = 0; i < 50; i++) {
        const u = rng.next();
        assert.ok(u >= 0 && u < 1);
        const k = rng.int(n);
        assert.ok(Number.isInteger(k) && k >= 0 && k < n);
        assert.ok(rng.exponential(2) >= 0);
      }
      assert.match(rng.hex(16), /^[0-9a-f]{16}$/);
    }),
  );
});

test('issue 9: a weighted choice follows its weights, and never picks a zero weight', () => {
  const w = Weighted.of<string>([['a', 1], ['b', 0], ['c', 3]]);
  const rng = new Rng(42);
  const seen = { a: 0, b: 0, c: 0 } as Record<string, number>;
  for (let i = 0; i < 40_000; i++) seen[w.draw(rng)]! += 1;
  assert.equal(seen.b, 0);
  assert.ok(Math.abs(seen.c! / 40_000 - 0.75) < 0.01, JSON.stringify(seen));
  assert.equal(w.share(2), 0.75);
  fc.assert(fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), (u) => assert.notEqual(w.at(u), 'b')));
});

test('issue 9: ids have the UUIDv7 layout and sort by the instant they stand for', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), fc.nat(), (ms, gap, seed) => {
      const rng = new Rng(seed);
      const a = uuidV7At(ms, rng);
      const b = uuidV7At(ms + gap, rng);
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(a < b);
    }),
  );
});
