import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  hammingDistance,
  isPhotoHash,
  masksWithin,
  PHOTO_HASH_CHUNKS,
  PHOTO_HASH_MAX_SEARCH_DISTANCE,
  photoHashChunks,
  photoHashFromBigInt,
  photoHashFromBits,
  photoHashProbes,
  photoHashToBits,
} from './index.ts';

const hash = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(photoHashFromBigInt);
/** A hash and another that differs from it in exactly `flips` distinct random bits. */
const hashAndFlipped = (maxFlips: number) =>
  fc.tuple(hash, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: maxFlips })).map(([h, bits]) => {
    let x = BigInt(`0x${h}`);
    for (const b of bits) x ^= 1n << BigInt(b);
    return { a: h, b: photoHashFromBigInt(x), flips: bits.length };
  });

test('R-6.2c Hamming distance is a metric: zero on itself, symmetric, triangle inequality, 64 for the complement', () => {
  fc.assert(
    fc.property(hash, hash, hash, (a, b, c) => {
      assert.equal(hammingDistance(a, a), 0);
      assert.equal(hammingDistance(a, b), hammingDistance(b, a));
      assert.ok(hammingDistance(a, c) <= hammingDistance(a, b) + hammingDistance(b, c));
      assert.equal(hammingDistance(a, photoHashFromBigInt(~BigInt(`0x${a}`))), 64);
    }),
  );
});

test('R-6.2c flipping k distinct bits gives distance k', () => {
  fc.assert(fc.property(hashAndFlipped(64), ({ a, b, flips }) => assert.equal(hammingDistance(a, b), flips)));
});

test('hashes are 16 lower-case hex characters; bit strings round-trip as PostgreSQL bit(64) writes them', () => {
  assert.equal(isPhotoHash('0123456789abcdef'), true);
  for (const bad of ['0123456789ABCDEF', '0123456789abcde', '0123456789abcdef0', 'g123456789abcdef', 123]) assert.equal(isPhotoHash(bad), false);
  assert.throws(() => hammingDistance('nope', '0000000000000000'), RangeError);
  assert.equal(photoHashToBits('8000000000000001'), `1${'0'.repeat(62)}1`);
  fc.assert(fc.property(hash, (h) => assert.equal(photoHashFromBits(photoHashToBits(h)), h)));
});

test('chunks are 21 + 21 + 22 bits from the high bit, as the generated columns of migration 0010 cut them', () => {
  assert.deepEqual(
    PHOTO_HASH_CHUNKS.map(([, bits]) => bits),
    [21, 21, 22],
  );
  // Checked against PostgreSQL: substring('x0123456789abcdef'::bit(64) FROM 1 FOR 21)::integer = 9320, FROM 43 FOR 22 = 2870767.
  const [c0, c1, c2] = photoHashChunks('0123456789abcdef');
  assert.equal(c0, 9320);
  assert.equal(c2, 2870767);
  fc.assert(
    fc.property(hash, (h) => {
      const [a, b, c] = photoHashChunks(h) as [number, number, number];
      assert.equal(photoHashFromBigInt((BigInt(a) << 43n) | (BigInt(b) << 22n) | BigInt(c)), h);
    }),
  );
  assert.equal(c1, Number((BigInt('0x0123456789abcdef') >> 22n) & ((1n << 21n) - 1n)));
});

test('masksWithin lists each mask of at most r bits once: Σ C(bits, i)', () => {
  const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n, k - 1) * (n - k + 1)) / k);
  for (const [bits, r] of [
    [21, 0],
    [21, 1],
    [21, 2],
    [22, 2],
    [8, 8],
  ] as const) {
    const masks = masksWithin(bits, r);
    let expected = 0;
    for (let i = 0; i <= r; i++) expected += binomial(bits, i);
    assert.equal(masks.length, expected, `${bits}/${r}`);
    assert.equal(new Set(masks).size, masks.length);
    for (const m of masks) {
      assert.ok(m >= 0 && m < 2 ** bits);
      assert.ok(m.toString(2).split('1').length - 1 <= r);
    }
  }
});

test('R-6.2c multi-index hashing misses nothing: every hash within d shares a probed value in some chunk (pigeonhole)', () => {
  fc.assert(
    fc.property(hashAndFlipped(PHOTO_HASH_MAX_SEARCH_DISTANCE), fc.integer({ min: 0, max: PHOTO_HASH_MAX_SEARCH_DISTANCE }), ({ a, b, flips }, d) => {
      fc.pre(flips <= d);
      const probes = photoHashProbes(a, d);
      const chunks = photoHashChunks(b);
      assert.ok(
        probes.some((values, i) => values.includes(chunks[i] as number)),
        `${b} is ${flips} bits from ${a} but no chunk matches a probe at d=${d}`,
      );
    }),
    { numRuns: 300 },
  );
});

test('probes at d = 8 are 232 + 232 + 254 values (2 bits per chunk); d is bounded', () => {
  const probes = photoHashProbes('0123456789abcdef', 8);
  assert.deepEqual(
    probes.map((p) => p.length),
    [232, 232, 254],
  );
  assert.equal(photoHashProbes('0123456789abcdef', 5)[0]?.length, 22);
  assert.throws(() => photoHashProbes('0123456789abcdef', PHOTO_HASH_MAX_SEARCH_DISTANCE + 1), RangeError);
  assert.throws(() => photoHashProbes('0123456789abcdef', -1), RangeError);
  assert.throws(() => photoHashProbes('0123456789abcdef', 2.5), RangeError);
});
