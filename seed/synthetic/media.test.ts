import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { flipBits, hashDistance, RecentPhotos, NEAR_DUPLICATE_SHARE } from './media.ts';
import { Rng } from './prng.ts';

test('R-6.2c a near-duplicate photo hash differs from its original by exactly the flipped bits', () => {
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 0, max: 12 }), (seed, bits) => {
      const rng = new Rng(seed);
      const h = rng.hex(16);
      const near = flipBits(h, bits, rng);
      assert.match(near, /^[0-9a-f]{16}$/);
      assert.equal(hashDistance(h, near), bits);
    }),
  );
});

test('R-6.2c unrelated photos are far apart; about NEAR_DUPLICATE_SHARE of a commune’s photos re-take a recent one', () => {
  const rng = new Rng(5);
  const recent = new RecentPhotos();
  const hashes = Array.from({ length: 4_000 }, () => recent.hashFor('00004', rng));
  let near = 0;
  for (let i = 1; i < hashes.length; i++) if (hashes.slice(Math.max(0, i - 40), i).some((h) => hashDistance(h, hashes[i]!) <= 6)) near++;
  assert.ok(Math.abs(near / hashes.length - NEAR_DUPLICATE_SHARE) < 0.01, `${near} near copies`);
});
