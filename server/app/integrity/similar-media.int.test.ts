import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { minimalVideo } from '../../adapters/media/fixtures/images.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import {
  hammingDistance,
  masksWithin,
  PHOTO_HASH_CHUNKS,
  PHOTO_HASH_MAX_SEARCH_DISTANCE,
  photoHashChunkRadius,
  photoHashFromBits,
} from '../../domain/integrity/similarity/index.ts';
import { uploadsNearPhotoHash, uploadsNearPhotoHashByScan } from '../../db/repos/similarity.repo.ts';
import type { App } from '../../http/app.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, signInHeaders } from '../../../test/factories.ts';
import { makeVariant, rng, scenePhoto } from '../../../test/fixtures/photo-variants.ts';
import { fieldReportBody } from '../../../test/reports.ts';
import { upload } from '../../../test/uploads.ts';
import { similarUploads, SIMILAR_PHOTO_MAX_DISTANCE } from './similar-media.ts';

async function setup() {
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const citizen = async () => {
    const c = await createCitizen(t.app, { verified: true });
    return { id: c.id, h: await signInHeaders(t.app, c.phone) };
  };
  return { ...t, a: await citizen(), b: await citizen() };
}

async function uploadOne(app: App, h: Record<string, string>, bytes: Buffer, name = 'anh.jpg'): Promise<string> {
  const res = await upload(app, h, [{ name, bytes }]);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().items[0].id as string;
}

async function report(app: App, h: Record<string, string>, media: string[]): Promise<{ id: string; submittedAt: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody({ media }) });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, submittedAt: res.json().submittedAt as string };
}

test('R-6.2c a resized re-encode of another citizen’s evidence photo finds the earlier report with its distance; an unrelated photo finds nothing', async () => {
  const t = await setup();
  const original = await scenePhoto(11);
  const earlierUpload = await uploadOne(t.app, t.a.h, original);
  const earlier = await report(t.app, t.a.h, [earlierUpload]);

  // The upload stored the whole frame's hash and the hashes of its 16 views.
  const stored = await t.ctx.db.selectFrom('uploads').select(['phash', 'kind']).where('id', '=', earlierUpload).executeTakeFirstOrThrow();
  assert.match(stored.phash ?? '', /^[01]{64}$/);
  const views = await t.ctx.db.selectFrom('upload_photo_hashes').select(['view', 'phash']).where('upload_id', '=', earlierUpload).orderBy('view').execute();
  assert.deepEqual(
    views.map((v) => v.view),
    Array.from({ length: 16 }, (_, i) => i),
  );
  assert.equal(views[0]?.phash, stored.phash);

  const resized = await sharp(original).resize({ width: Math.round((await sharp(original).metadata()).width * 0.6) }).jpeg({ quality: 70 }).toBuffer();
  const copyUpload = await uploadOne(t.app, t.b.h, resized, 'cua-toi.jpg');
  const unrelatedUpload = await uploadOne(t.app, t.b.h, await scenePhoto(12), 'khac.jpg');

  // At submission, before B's report exists.
  const found = await similarUploads(t.ctx.db, { uploadIds: [copyUpload, unrelatedUpload], maxDistance: SIMILAR_PHOTO_MAX_DISTANCE });
  assert.equal(found.length, 1, JSON.stringify(found));
  const [match] = found;
  assert.ok(match);
  assert.equal(match.uploadId, copyUpload);
  assert.equal(match.matchUploadId, earlierUpload);
  assert.equal(match.matchReportId, earlier.id);
  assert.equal(match.matchReporterId, t.a.id);
  assert.equal(match.matchSubmittedAt.toISOString(), new Date(earlier.submittedAt).toISOString());
  assert.equal(match.exact, false);
  assert.ok(match.distance <= SIMILAR_PHOTO_MAX_DISTANCE);
  const copyHash = await t.ctx.db.selectFrom('uploads').select('phash').where('id', '=', copyUpload).executeTakeFirstOrThrow();
  assert.equal(match.distance, hammingDistance(photoHashFromBits(copyHash.phash ?? ''), photoHashFromBits(stored.phash ?? '')));

  // After B's report exists: its own evidence is excluded, the earlier report still found.
  const later = await report(t.app, t.b.h, [copyUpload, unrelatedUpload]);
  const again = await similarUploads(t.ctx.db, { uploadIds: [copyUpload, unrelatedUpload], maxDistance: SIMILAR_PHOTO_MAX_DISTANCE, excludeReportId: later.id });
  assert.deepEqual(
    again.map((m) => [m.uploadId, m.matchReportId]),
    [[copyUpload, earlier.id]],
  );
  // Looked up from A's side, B's later report is found too (the caller decides which came first).
  const fromA = await similarUploads(t.ctx.db, { uploadIds: [earlierUpload], excludeReportId: earlier.id });
  assert.deepEqual(
    fromA.map((m) => [m.matchUploadId, m.matchReportId, m.matchReporterId]),
    [[copyUpload, later.id, t.b.id]],
  );
});

test('R-6.2c the same bytes are an exact match (photos and videos); a light crop matches one of the stored views', async () => {
  const t = await setup();
  const photo = await scenePhoto(21);
  const video = minimalVideo();
  const aPhoto = await uploadOne(t.app, t.a.h, photo);
  const aVideo = await uploadOne(t.app, t.a.h, video, 'clip.mp4');
  const earlier = await report(t.app, t.a.h, [aPhoto, aVideo]);

  const bPhoto = await uploadOne(t.app, t.b.h, photo, 'tai-ve.jpg');
  const bVideo = await uploadOne(t.app, t.b.h, video, 'tai-ve.mp4');
  const crop = await makeVariant(photo, 'crop', rng(3));
  const bCrop = await uploadOne(t.app, t.b.h, crop.bytes, 'cat.jpg');
  const found = await similarUploads(t.ctx.db, { uploadIds: [bPhoto, bVideo, bCrop] });
  assert.deepEqual(
    found.map((m) => [m.uploadId, m.matchUploadId, m.matchReportId, m.exact, m.distance]),
    [
      [bPhoto, aPhoto, earlier.id, true, 0],
      [bVideo, aVideo, earlier.id, true, 0],
      [bCrop, aPhoto, earlier.id, false, found[2]?.distance],
    ],
  );
  assert.ok((found[2]?.distance ?? 99) <= SIMILAR_PHOTO_MAX_DISTANCE, `crop ${crop.note}`);
  const videoRow = await t.ctx.db.selectFrom('uploads').select('phash').where('id', '=', bVideo).executeTakeFirstOrThrow();
  assert.equal(videoRow.phash, null, 'videos get no perceptual hash');
});

test('R-6.2c the same reporter sending their own photo again is found with their own id (a follow-up, for the caller to tell apart)', async () => {
  const t = await setup();
  const photo = await scenePhoto(31);
  const first = await uploadOne(t.app, t.a.h, photo);
  const earlier = await report(t.app, t.a.h, [first]);
  // The same bytes from the same owner are the same upload (idempotent upload).
  const again = await uploadOne(t.app, t.a.h, photo);
  assert.equal(again, first);
  const found = await similarUploads(t.ctx.db, { uploadIds: [again] });
  assert.deepEqual(
    found.map((m) => [m.matchUploadId, m.matchReportId, m.matchReporterId, m.exact]),
    [[first, earlier.id, t.a.id, true]],
  );
  // An upload attached to no report matches nothing; unknown ids are ignored; the distance is bounded.
  const loose = await uploadOne(t.app, t.b.h, await scenePhoto(32));
  assert.deepEqual(await similarUploads(t.ctx.db, { uploadIds: [loose, '0190c1d2-0000-7000-8000-000000000000'] }), []);
  await assert.rejects(similarUploads(t.ctx.db, { uploadIds: [loose], maxDistance: 40 }), RangeError);
});

test('R-6.2c the indexed search (multi-index hashing) answers exactly what a scan of every stored hash answers', async () => {
  const t = await setup();
  // The masks of migration 0010 are those of the domain, for every chunk width and radius a search may use.
  for (const [, bits] of PHOTO_HASH_CHUNKS) {
    for (let r = 0; r <= photoHashChunkRadius(PHOTO_HASH_MAX_SEARCH_DISTANCE); r++) {
      const rows = await t.ctx.db.selectFrom('photo_hash_masks').select('mask').where('bits', '=', bits).where('weight', '<=', r).execute();
      assert.deepEqual(
        rows.map((m) => m.mask).sort((a, b) => a - b),
        [...masksWithin(bits, r)].sort((a, b) => a - b),
        `${bits} bits, radius ${r}`,
      );
    }
  }
  // Hashes planted at known distances of a query, and random ones.
  const owner = t.a.id;
  const query = 'f0e1d2c3b4a59687';
  const r = rng(99);
  const planted: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 300; i++) {
    let x = BigInt(`0x${query}`);
    const flips = i < 60 ? i % 12 : 20 + Math.floor(r() * 20);
    const bits = new Set<number>();
    while (bits.size < flips) bits.add(Math.floor(r() * 64));
    for (const b of bits) x ^= 1n << BigInt(b);
    planted.push(x.toString(16).padStart(16, '0'));
    ids.push(`0190c1d2-0000-7000-8000-${String(i).padStart(12, '0')}`);
  }
  await t.ctx.db
    .insertInto('uploads')
    .values(
      ids.map((id, i) => ({
        id,
        owner_id: owner,
        sha256: (i.toString(16).padStart(4, '0') + '0'.repeat(60)).slice(0, 64),
        kind: 'photo' as const,
        mime: 'image/jpeg',
        size: 1,
        original_name: 'x.jpg',
        phash: `x${planted[i]}`,
        created_at: new Date(),
      })),
    )
    .execute();
  await t.ctx.db
    .insertInto('upload_photo_hashes')
    .values(ids.map((id, i) => ({ upload_id: id, view: 0, phash: `x${planted[i]}` })))
    .execute();
  for (const d of [0, 3, 5, 8, 11]) {
    const indexed = await uploadsNearPhotoHash(t.ctx.db, query, d);
    const scanned = await uploadsNearPhotoHashByScan(t.ctx.db, query, d);
    const key = (rows: { uploadId: string; distance: number }[]) => rows.map((x) => `${x.uploadId}:${x.distance}`).sort();
    assert.deepEqual(key(indexed), key(scanned), `d=${d}`);
    const expected = planted.filter((h) => hammingDistance(h, query) <= d).length;
    assert.equal(indexed.length, expected, `d=${d}`);
  }
});
