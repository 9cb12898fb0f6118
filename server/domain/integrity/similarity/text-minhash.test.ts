import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  estimatedJaccard,
  lshCandidateProbability,
  minhashFromBytes,
  minhashToBytes,
  normaliseReportText,
  shingleHashes,
  signatureOfShingles,
  TEXT_MINHASH,
  textSignature,
  type TextSignature,
} from './index.ts';

const POTHOLE = {
  title: 'Ổ gà lớn trên phố Đinh Tiên Hoàng',
  description: 'Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm, xe máy đi qua rất nguy hiểm vào buổi tối. Đề nghị cơ quan chức năng sớm sửa chữa.',
};

const sig = (title: string, description: string): TextSignature => {
  const s = textSignature(title, description);
  assert.ok(s, `no signature for ${title}`);
  return s;
};
const sharesBand = (a: TextSignature, b: TextSignature) => a.bands.some((k, i) => b.bands[i] === k);

/** Two sets of distinct 32-bit shingle hashes with `common` shared and `onlyA`/`onlyB` apart: Jaccard is exact. */
const shinglePair = (max: number) =>
  fc
    .record({ common: fc.integer({ min: 0, max }), onlyA: fc.integer({ min: 0, max }), onlyB: fc.integer({ min: 0, max }), seed: fc.integer() })
    .filter((p) => p.common + p.onlyA >= TEXT_MINHASH.minShingles && p.common + p.onlyB >= TEXT_MINHASH.minShingles)
    .map((p) => {
      // Distinct values from a simple generator: a counter scrambled by an odd multiplier (a bijection mod 2^32).
      let n = p.seed >>> 0;
      const next = () => Math.imul((n = (n + 1) >>> 0), 0x9e3779b1) >>> 0;
      const common = Array.from({ length: p.common }, next);
      const a = Uint32Array.from([...common, ...Array.from({ length: p.onlyA }, next)]);
      const b = Uint32Array.from([...common, ...Array.from({ length: p.onlyB }, next)]);
      return { a, b, jaccard: p.common / (p.common + p.onlyA + p.onlyB) };
    });

test('R-6.2c identical texts have similarity 1 and the same band keys, whatever the diacritics, case, spacing or tone-mark placement', () => {
  const a = sig(POTHOLE.title, POTHOLE.description);
  assert.equal(estimatedJaccard(a.minhash, a.minhash), 1);
  const plain = sig('o ga lon tren pho dinh tien hoang', 'MAT DUONG bi sut thanh o ga sau khoang 20 cm,   xe may di qua rat nguy hiem vao buoi toi - de nghi co quan chuc nang som sua chua');
  assert.equal(estimatedJaccard(a.minhash, plain.minhash), 1);
  assert.deepEqual(plain.bands, a.bands);
  // NFD input and the old tone-mark placement (hoà / hòa) normalise alike.
  assert.equal(normaliseReportText('Yên Hoà', 'Hoà Bình'.normalize('NFD')), normaliseReportText('Yên Hòa', 'Hòa Bình'));
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ minLength: 1, maxLength: 400 }), (t, d) => {
      const s = textSignature(t, d);
      if (s) assert.equal(estimatedJaccard(s.minhash, (textSignature(t, d) as TextSignature).minhash), 1);
    }),
  );
});

test('R-6.2c a reworded copy is a near duplicate; a different report of the same kind of problem is not', () => {
  const original = sig(POTHOLE.title, POTHOLE.description);
  const reworded = sig(
    'Phố Đinh Tiên Hoàng có ổ gà lớn',
    'Mặt đường sụt lún tạo thành ổ gà sâu chừng 20 cm, xe máy đi qua rất nguy hiểm nhất là buổi tối. Đề nghị cơ quan chức năng sớm sửa.',
  );
  const other = sig('Ổ gà trên đường Nguyễn Trãi', 'Đoạn trước số nhà 250 Nguyễn Trãi có nhiều ổ gà, trời mưa đọng nước, xe máy đi qua rất nguy hiểm. Đề nghị cơ quan chức năng sửa chữa.');
  assert.ok(estimatedJaccard(original.minhash, reworded.minhash) >= TEXT_MINHASH.threshold);
  assert.ok(sharesBand(original, reworded), 'LSH makes the reworded copy a candidate');
  assert.ok(estimatedJaccard(original.minhash, other.minhash) < TEXT_MINHASH.threshold);
});

test('shingles are syllable pairs of the normalised text; a text too short to judge has no signature', () => {
  assert.equal(shingleHashes('a b c d').length, 3);
  assert.equal(shingleHashes('a b a b').length, 2, 'repeated pairs count once');
  assert.equal(shingleHashes('rac').length, 1);
  assert.equal(shingleHashes('').length, 0);
  assert.equal(textSignature('Rác', 'rác rác'), null);
  assert.equal(textSignature('', ''), null);
  assert.ok(textSignature('Rác thải đầu ngõ', 'chưa được thu gom'));
});

test('R-6.2c the MinHash estimate is close to the exact Jaccard similarity (128 minima: standard error ≤ 0.045)', () => {
  fc.assert(
    fc.property(shinglePair(120), ({ a, b, jaccard }) => {
      const sa = signatureOfShingles(a) as TextSignature;
      const sb = signatureOfShingles(b) as TextSignature;
      const estimate = estimatedJaccard(sa.minhash, sb.minhash);
      assert.ok(Math.abs(estimate - jaccard) <= 0.2, `estimate ${estimate} vs exact ${jaccard.toFixed(3)}`);
      assert.equal(estimate, estimatedJaccard(sb.minhash, sa.minhash));
    }),
    { numRuns: 200 },
  );
});

test('R-6.2c LSH makes candidates of pairs above the threshold with high probability, and rarely of dissimilar ones', () => {
  // Theory: 1 − (1 − s⁴)³² ≈ 0.99 at s = 0.6, ≈ 0.003 at s = 0.1.
  assert.ok(lshCandidateProbability(0.6) > 0.98);
  assert.ok(lshCandidateProbability(0.5) > 0.85);
  assert.ok(lshCandidateProbability(0.1) < 0.005);
  const similar = fc.sample(shinglePair(150).filter((p) => p.jaccard >= 0.6), { numRuns: 300, seed: 7 });
  const dissimilar = fc.sample(shinglePair(150).filter((p) => p.jaccard <= 0.1), { numRuns: 300, seed: 8 });
  const rate = (pairs: typeof similar) => pairs.filter((p) => sharesBand(signatureOfShingles(p.a) as TextSignature, signatureOfShingles(p.b) as TextSignature)).length / pairs.length;
  const found = rate(similar);
  const noise = rate(dissimilar);
  assert.ok(found >= 0.95, `pairs with J ≥ 0.6 made candidates: ${found}`);
  assert.ok(noise <= 0.03, `pairs with J ≤ 0.1 made candidates: ${noise}`);
});

test('minima round-trip through their 256 stored bytes', () => {
  const s = sig(POTHOLE.title, POTHOLE.description);
  const bytes = minhashToBytes(s.minhash);
  assert.equal(bytes.length, 2 * TEXT_MINHASH.hashes);
  assert.deepEqual(minhashFromBytes(bytes), s.minhash);
  assert.equal(s.bands.length, TEXT_MINHASH.bands);
  assert.equal(TEXT_MINHASH.bands * TEXT_MINHASH.rows, TEXT_MINHASH.hashes);
  assert.throws(() => estimatedJaccard(s.minhash, s.minhash.subarray(1)), RangeError);
});
