import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { makeVariant, rng, scenePhoto } from '../../../test/fixtures/photo-variants.ts';
import { iphoneHeic } from './fixtures/images.ts';
import { hammingDistance, isPhotoHash, perceptualHash, PHOTO_HASH_VIEWS, type PerceptualHashResult } from './perceptual-hash.ts';

function ok(r: PerceptualHashResult): { hash: string; views: string[] } {
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}
const nearest = (hash: string, views: readonly string[]) => Math.min(...views.map((v) => hammingDistance(hash, v)));

test('R-6.2c a photo gets a 64-bit hash of its whole frame and of each of its 16 views', async () => {
  const h = ok(await perceptualHash(await scenePhoto(1)));
  assert.ok(isPhotoHash(h.hash));
  assert.equal(h.views.length, PHOTO_HASH_VIEWS.length);
  assert.equal(PHOTO_HASH_VIEWS.length, 16);
  assert.equal(h.views[0], h.hash);
  assert.ok(h.views.every(isPhotoHash));
  // pHash thresholds at the median: every hash has 32 ones.
  assert.equal(BigInt(`0x${h.hash}`).toString(2).split('1').length - 1, 32);
  // Deterministic.
  assert.deepEqual(ok(await perceptualHash(await scenePhoto(1))), h);
});

test('R-6.2c re-encoded, resized and brightened copies stay within 8 bits; a light crop within 8 of one view; another photo is far', async () => {
  const original = await scenePhoto(2);
  const h = ok(await perceptualHash(original));
  const r = rng(5);
  for (const kind of ['reencode', 'resize', 'brightness'] as const) {
    const v = await makeVariant(original, kind, r);
    assert.ok(hammingDistance(ok(await perceptualHash(v.bytes)).hash, h.hash) <= 8, `${kind} ${v.note}`);
  }
  const crop = await makeVariant(original, 'crop', r);
  assert.ok(nearest(ok(await perceptualHash(crop.bytes)).hash, h.views) <= 8, `crop ${crop.note}`);
  const other = ok(await perceptualHash(await scenePhoto(3)));
  assert.ok(nearest(other.hash, h.views) > 8);
});

test('pixels as displayed: a JPEG with EXIF orientation 6 hashes like the same picture stored upright', async () => {
  const upright = await scenePhoto(4);
  const { width, height } = await sharp(upright).metadata();
  // Stored rotated a quarter turn anticlockwise, with Orientation 6 ("rotate 90° clockwise to display").
  const raw = await sharp(upright).rotate(-90).jpeg({ quality: 92 }).toBuffer();
  const tagged = await sharp(raw).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
  assert.deepEqual([(await sharp(tagged).metadata()).autoOrient.width, height], [width, height]);
  assert.ok(hammingDistance(ok(await perceptualHash(tagged)).hash, ok(await perceptualHash(upright)).hash) <= 4);
});

test('R-5.2 an HEVC-coded HEIC is read through the HEIC decoder (sharp alone cannot)', async () => {
  // The fixture is two halves of colour: decoded, it has no detail to hash ('flat', not 'undecodable').
  assert.deepEqual(await perceptualHash(iphoneHeic(), { mime: 'image/heic' }), { ok: false, reason: 'flat' });
  assert.deepEqual(await perceptualHash(iphoneHeic()), { ok: false, reason: 'undecodable' }, 'without its mime, sharp cannot read it');
  // A photo with detail, as decoded pixels would reach sharp: hashed like its JPEG (uploads hash the public copy).
  const scene = await scenePhoto(8);
  const { data, info } = await sharp(scene).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const copy = await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).jpeg({ quality: 82 }).toBuffer();
  assert.ok(hammingDistance(ok(await perceptualHash(copy)).hash, ok(await perceptualHash(scene)).hash) <= 4);
});

test('a picture without detail gets no hash (its bits would be noise); bytes that are no picture are undecodable', async () => {
  const grey = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#777777' } }).jpeg().toBuffer();
  assert.deepEqual(await perceptualHash(grey), { ok: false, reason: 'flat' });
  const gradient = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect width="300" height="200" fill="url(#g)"/></svg>');
  assert.deepEqual(await perceptualHash(await sharp(gradient).jpeg().toBuffer()), { ok: false, reason: 'flat' });
  assert.deepEqual(await perceptualHash(Buffer.from('not a photo')), { ok: false, reason: 'undecodable' });
  const cut = await scenePhoto(6);
  assert.deepEqual(await perceptualHash(cut.subarray(0, Math.floor(cut.length / 2))), { ok: false, reason: 'undecodable' });
});

test('dHash (kept for the measurement) is also 64 bits and stable under re-encoding', async () => {
  const original = await scenePhoto(7);
  const a = ok(await perceptualHash(original, { algorithm: 'dhash' }));
  const b = ok(await perceptualHash(await sharp(original).jpeg({ quality: 70 }).toBuffer(), { algorithm: 'dhash' }));
  assert.ok(isPhotoHash(a.hash));
  assert.ok(hammingDistance(a.hash, b.hash) <= 8);
});
