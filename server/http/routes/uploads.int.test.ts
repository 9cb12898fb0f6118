import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { fakeExe, HOAN_KIEM, minimalVideo, noisyJpeg, phoneJpeg, png, pngClaiming } from '../../adapters/media/fixtures/images.ts';
import { MEDIA_LIMITS } from '../../adapters/media/index.ts';
import { attachToReport, claimUploads, mediaOfReport } from '../../app/uploads/index.ts';
import { AppError } from '../../domain/errors.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { testApp, type TestApp } from '../../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { fieldReportBody } from '../../../test/reports.ts';
import { multipart, upload } from '../../../test/uploads.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under the app's media folder (staging folders included): what the requests left on disk. */
async function storedFiles(t: TestApp): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])));
    return nested.flat();
  };
  try {
    return await walk(t.ctx.config.mediaDir);
  } catch (err) {
    // Nothing was ever stored: the store creates its folder on the first write.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function uploadsOf(t: TestApp, ownerId: string) {
  return t.ctx.db.selectFrom('uploads').selectAll().where('owner_id', '=', ownerId).execute();
}

async function setup() {
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const citizen = await createCitizen(t.app, { verified: true });
  return { ...t, citizen: { ...citizen, h: await signInHeaders(t.app, citizen.phone) } };
}

interface ProblemBody {
  code: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

test('R-5.2 R-6.1b R-5.7 R-14 a phone JPEG with EXIF GPS is kept as sent for its owner; its public copy is served without EXIF or GPS', async () => {
  const t = await setup();
  const { app, citizen } = t;
  const original = await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00', offsetTimeOriginal: '+07:00', gps: true, software: 'Camera 1.0' });
  assert.ok((await exifr.gps(original)).latitude > 21, 'the fixture does carry GPS');

  const res = await upload(app, citizen.h, [{ name: 'IMG_0001.JPG', bytes: original }]);
  assert.equal(res.statusCode, 201, res.body);
  const [item] = res.json().items;
  assert.deepEqual(Object.keys(item).sort(), ['hasGps', 'id', 'kind', 'mime', 'name', 'publicCopy', 'sha256', 'size', 'takenAt']);
  assert.equal(item.sha256, sha(original));
  assert.equal(item.kind, 'photo');
  assert.equal(item.mime, 'image/jpeg');
  assert.equal(item.size, original.length);
  assert.equal(item.name, 'IMG_0001.JPG');
  assert.equal(item.takenAt, '2026-03-14T09:30:00+07:00');
  assert.equal(item.hasGps, true);
  assert.equal(item.publicCopy, true);
  assert.doesNotMatch(res.body, /21\.0|105\.8/, 'no coordinates in the answer');

  // The row keeps the coordinates for the officer's check; the audit trail records the hash, not the place.
  const [row] = await uploadsOf(t, citizen.id);
  assert.ok(row);
  assert.ok(Math.abs((row.gps_lat ?? 0) - HOAN_KIEM.lat) < 1e-6 && Math.abs((row.gps_lng ?? 0) - HOAN_KIEM.lng) < 1e-6);
  assert.equal(row.software, 'Camera 1.0');
  const events = await listAuditEvents(t.ctx.db, 'upload', item.id);
  assert.deepEqual(events.map((e) => [e.action, e.actor_id, e.payload.sha256]), [['upload.receive', citizen.id, item.sha256]]);
  assert.doesNotMatch(JSON.stringify(events), /gps|21\.0|IMG_0001/i);

  // R-6.1b: the owner gets back exactly the bytes sent, EXIF included.
  const mine = await app.inject({ url: `/api/v1/uploads/${item.id}/content`, headers: citizen.h });
  assert.equal(mine.statusCode, 200);
  assert.equal(mine.headers['content-type'], 'image/jpeg');
  assert.equal(mine.headers['cache-control'], 'private, no-store');
  assert.match(String(mine.headers['content-disposition']), /^inline; filename="IMG_0001.JPG"/);
  assert.equal(sha(mine.rawPayload), sha(original));

  // anyone gets the public copy, a JPEG with no metadata, cached for ever.
  const publicSha = row.public_sha256 as string;
  assert.match(publicSha, /^[0-9a-f]{64}$/);
  assert.notEqual(publicSha, item.sha256);
  const pub = await app.inject({ url: `/api/v1/media/${publicSha}` });
  assert.equal(pub.statusCode, 200);
  assert.equal(pub.headers['content-type'], 'image/jpeg');
  assert.equal(pub.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(pub.headers.etag, `"${publicSha}"`);
  assert.equal(sha(pub.rawPayload), publicSha);
  const meta = await sharp(pub.rawPayload).metadata();
  assert.equal(meta.exif, undefined, 'no EXIF');
  assert.equal(meta.xmp, undefined, 'no XMP');
  assert.equal(await exifr.gps(pub.rawPayload), undefined, 'no GPS');
  const again = await app.inject({ url: `/api/v1/media/${publicSha}`, headers: { 'if-none-match': `"${publicSha}"` } });
  assert.equal(again.statusCode, 304);

  // The original is never public, even to someone who knows its hash; malformed addresses are refused.
  assert.equal((await app.inject({ url: `/api/v1/media/${item.sha256}` })).statusCode, 404);
  assert.equal((await app.inject({ url: `/api/v1/media/${'0'.repeat(64)}` })).statusCode, 404);
  assert.equal((await app.inject({ url: '/api/v1/media/..%2F..%2Fetc%2Fpasswd' })).statusCode, 400);
});

test('R-5.2 R-5.7 a video is stored with no public copy (its metadata cannot be stripped here)', async () => {
  const t = await setup();
  const video = minimalVideo();
  const res = await upload(t.app, t.citizen.h, [{ name: 'clip.mp4', bytes: video }]);
  assert.equal(res.statusCode, 201, res.body);
  const [item] = res.json().items;
  assert.equal(item.kind, 'video');
  assert.equal(item.mime, 'video/mp4');
  assert.equal(item.publicCopy, false);
  assert.equal(item.takenAt, null);
  const [row] = await uploadsOf(t, t.citizen.id);
  assert.equal(row?.public_sha256, null);
  assert.equal((await t.app.inject({ url: `/api/v1/uploads/${item.id}/content`, headers: t.citizen.h })).headers['content-type'], 'video/mp4');
});

test('R-5.2 a program renamed .jpg is refused with 415 naming the file, and nothing is stored', async () => {
  const t = await setup();
  const res = await upload(t.app, t.citizen.h, [{ name: 'anh-hien-truong.jpg', bytes: fakeExe() }]);
  assert.equal(res.statusCode, 415, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const p = res.json() as ProblemBody;
  assert.equal(p.code, 'UNSUPPORTED_FILE_TYPE');
  assert.equal(p.errors?.length, 1);
  assert.equal(p.errors?.[0]?.field, 'files.0');
  assert.match(p.errors?.[0]?.message ?? '', /“anh-hien-truong\.jpg” không phải ảnh/);
  assert.match(p.detail, /Không tệp nào được lưu.*anh-hien-truong\.jpg/);
  assert.deepEqual(await uploadsOf(t, t.citizen.id), []);
  assert.deepEqual(await storedFiles(t), []);
});

test('R-5.2 R-6.1b good and bad files in one request: none is stored, every bad one is named, the first decides the status', async () => {
  const t = await setup();
  const good = await png();
  const cut = await noisyJpeg();
  const files = [
    { name: 'tot.png', bytes: good },
    { name: 'bi-cat.jpg', bytes: cut.subarray(0, Math.floor(cut.length / 2)) },
    { name: 'virus.jpg', bytes: fakeExe() },
    { name: 'bom.png', bytes: pngClaiming(20_000, 20_000) },
  ];
  const res = await upload(t.app, t.citizen.h, files);
  assert.equal(res.statusCode, 400, res.body);
  const p = res.json() as ProblemBody;
  assert.equal(p.code, 'CORRUPT_FILE');
  assert.deepEqual(
    p.errors?.map((e) => e.field),
    ['files.1', 'files.2', 'files.3'],
  );
  assert.match(p.errors?.[0]?.message ?? '', /“bi-cat\.jpg” bị hỏng/);
  assert.match(p.errors?.[1]?.message ?? '', /“virus\.jpg”/);
  assert.match(p.errors?.[2]?.message ?? '', /“bom\.png”.*vượt giới hạn/);
  assert.match(p.detail, /Không tệp nào được lưu: 3 tệp/);
  assert.deepEqual(await uploadsOf(t, t.citizen.id), []);
  assert.deepEqual(await storedFiles(t), [], 'not even the good file, nor a staged copy');

  // Alone, the pixel bomb is a 413; the good file alone goes through.
  const bomb = await upload(t.app, t.citizen.h, [{ name: 'bom.png', bytes: pngClaiming(20_000, 20_000) }]);
  assert.equal(bomb.statusCode, 413);
  assert.equal(bomb.json().code, 'FILE_TOO_LARGE');
  const ok = await upload(t.app, t.citizen.h, [{ name: 'tot.png', bytes: good }]);
  assert.equal(ok.statusCode, 201);
  assert.equal((await uploadsOf(t, t.citizen.id)).length, 1);
});

test('R-5.2 a part larger than the per-file limit is cut by the parser and refused with 413, naming the file', async () => {
  const t = await setup();
  const big = Buffer.alloc(MEDIA_LIMITS.fileMaxBytes + 1, 0xff);
  const res = await upload(t.app, t.citizen.h, [
    { name: 'tot.png', bytes: await png() },
    { name: 'phim-dai.mp4', bytes: big },
  ]);
  assert.equal(res.statusCode, 413, res.body);
  const p = res.json() as ProblemBody;
  assert.equal(p.code, 'FILE_TOO_LARGE');
  assert.deepEqual(p.errors?.map((e) => e.field), ['files.1']);
  assert.match(p.errors?.[0]?.message ?? '', /“phim-dai\.mp4” vượt quá 100 MB/);
  assert.deepEqual(await storedFiles(t), []);
});

test('R-6.1b the same file sent again is the same upload: across requests and twice in one request', async () => {
  const t = await setup();
  const photo = await phoneJpeg({ gps: true });
  const first = await upload(t.app, t.citizen.h, [{ name: 'a.jpg', bytes: photo }]);
  assert.equal(first.statusCode, 201);
  const id = first.json().items[0].id;
  const retry = await upload(t.app, t.citizen.h, [{ name: 'a (1).jpg', bytes: photo }]);
  assert.equal(retry.statusCode, 201);
  assert.equal(retry.json().items[0].id, id);
  assert.equal(retry.json().items[0].name, 'a.jpg', 'the upload as first received');
  const twice = await upload(t.app, t.citizen.h, [
    { name: 'b.png', bytes: await png(10, 10) },
    { name: 'a.jpg', bytes: photo },
    { name: 'b-copy.png', bytes: await png(10, 10) },
  ]);
  assert.equal(twice.statusCode, 201);
  const ids = twice.json().items.map((i: { id: string }) => i.id);
  assert.equal(ids.length, 3, 'one item per file sent, in order');
  assert.equal(ids[1], id);
  assert.equal(ids[0], ids[2]);
  assert.equal((await uploadsOf(t, t.citizen.id)).length, 2);
  assert.equal((await listAuditEvents(t.ctx.db, 'upload', id)).length, 1, 'received once');

  // Another person sending the same bytes gets an upload of their own; the content is stored once.
  const other = await createCitizen(t.app, { verified: true });
  const theirs = await upload(t.app, await signInHeaders(t.app, other.phone), [{ name: 'x.jpg', bytes: photo }]);
  assert.equal(theirs.statusCode, 201);
  assert.notEqual(theirs.json().items[0].id, id);
  const files = (await storedFiles(t)).map((f) => f.split('/').pop());
  assert.equal(files.filter((f) => f === sha(photo)).length, 1);
});

test('R-5.7 an original in no report is served to its owner only: another citizen gets 404, an anonymous caller 401', async () => {
  const t = await setup();
  const res = await upload(t.app, t.citizen.h, [{ name: 'nha-toi.jpg', bytes: await phoneJpeg({ gps: true }) }]);
  const id = res.json().items[0].id;
  const other = await createCitizen(t.app, { verified: true });
  const stranger = await t.app.inject({ url: `/api/v1/uploads/${id}/content`, headers: await signInHeaders(t.app, other.phone) });
  assert.equal(stranger.statusCode, 404);
  assert.equal(stranger.json().code, 'NOT_FOUND');
  assert.equal((await t.app.inject({ url: `/api/v1/uploads/${id}/content` })).statusCode, 401);
  assert.equal((await t.app.inject({ url: '/api/v1/uploads/00000000-0000-4000-8000-000000000000/content', headers: t.citizen.h })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/api/v1/uploads/khong-phai-uuid/content', headers: t.citizen.h })).statusCode, 400);
});

test('R-6.1b officers who may read the whole report download its originals with EXIF; anyone else gets 404 (no hint it exists), anonymous 401', async () => {
  const t = await setup();
  const { app, ctx, citizen } = t;
  const staff = async (agencyId: string, role: Parameters<typeof createStaff>[1][number]['role']) =>
    signInHeaders(app, (await createStaff(ctx, [{ agencyId, role }])).username);
  const original = await phoneJpeg({ dateTimeOriginal: '2026:03:02 07:25:00', gps: true, software: 'Photo Editor 2.1' });
  const [attached, kept] = (await upload(app, citizen.h, [{ name: 'o-ga.jpg', bytes: original }, { name: 'khac.jpg', bytes: await phoneJpeg({ gps: true }) }])).json().items;
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody({ media: [attached.id] }) });
  assert.equal(res.statusCode, 201, res.body);
  const reportId = res.json().id as string;

  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const operator = await staff(center.id, 'center_operator');
  const detail = (await app.inject({ url: `/api/v1/reports/${reportId}`, headers: operator })).json();
  assert.equal(detail.evidence[0].original, `/api/v1/uploads/${attached.id}/content`, 'the staff view links the original');
  const receivingAgencyId = detail.receivingAgency.id as string;
  const [syt, stp] = [(await findAgency(ctx.db, { code: 'so-y-te' }))!, (await findAgency(ctx.db, { code: 'so-tu-phap' }))!];
  const unrelated = receivingAgencyId === syt.id ? stp : syt;

  // The receiving officer of the report's agency checks whether the photo was edited: the bytes as sent.
  const receiver = await staff(receivingAgencyId, 'receiving_officer');
  const got = await app.inject({ url: `/api/v1/uploads/${attached.id}/content`, headers: receiver });
  assert.equal(got.statusCode, 200, got.body);
  assert.equal(got.headers['cache-control'], 'private, no-store');
  assert.equal(sha(got.rawPayload), sha(original));
  assert.ok((await exifr.gps(got.rawPayload)).latitude > 21, 'EXIF GPS included');
  assert.equal((await exifr.parse(got.rawPayload)).Software, 'Photo Editor 2.1');

  // Not to staff who may not read the report, nor to anyone for an upload that is in no report.
  const notFound = async (h: Record<string, string> | undefined, id = attached.id) => {
    const r = await app.inject({ url: `/api/v1/uploads/${id}/content`, ...(h ? { headers: h } : {}) });
    return [r.statusCode, r.statusCode === 404 ? r.json().code : r.body];
  };
  assert.deepEqual(await notFound(await staff(unrelated.id, 'receiving_officer')), [404, 'NOT_FOUND'], 'an officer of an unrelated agency');
  assert.deepEqual(await notFound(await staff(receivingAgencyId, 'alert_editor')), [404, 'NOT_FOUND'], 'an alert editor of the same agency does not read reports');
  assert.deepEqual(await notFound(receiver, kept.id), [404, 'NOT_FOUND'], 'an upload the report does not name');
  const other = await createCitizen(app, { verified: true });
  assert.deepEqual(await notFound(await signInHeaders(app, other.phone)), [404, 'NOT_FOUND'], 'another citizen');
  assert.equal((await app.inject({ url: `/api/v1/uploads/${attached.id}/content` })).statusCode, 401);
  assert.equal((await app.inject({ url: `/api/v1/uploads/${attached.id}/content`, headers: citizen.h })).statusCode, 200, 'the owner still');
});

test('R-5.2 more files than a report may carry is a 400 and nothing is stored', async () => {
  const t = await setup();
  const max = MEDIA_LIMITS.maxFilesPerReport;
  const files = await Promise.all(Array.from({ length: max + 1 }, async (_, i) => ({ name: `anh-${i}.png`, bytes: await png(8 + i, 8) })));
  const res = await upload(t.app, t.citizen.h, files);
  assert.equal(res.statusCode, 400, res.body);
  const p = res.json() as ProblemBody;
  assert.equal(p.code, 'TOO_MANY_FILES');
  assert.deepEqual(p.errors?.map((e) => e.field), ['files']);
  assert.match(p.errors?.[0]?.message ?? '', new RegExp(`tối đa ${max} tệp`));
  assert.deepEqual(await uploadsOf(t, t.citizen.id), []);
  assert.deepEqual(await storedFiles(t), []);
  const exactly = await upload(t.app, t.citizen.h, files.slice(0, max));
  assert.equal(exactly.statusCode, 201, exactly.body);
  assert.equal(exactly.json().items.length, max);
});

test('uploads need a signed-in, verified sender and a multipart body of files only', async () => {
  const t = await setup();
  const photo = { name: 'a.png', bytes: await png() };
  const anonymous = await upload(t.app, {}, [photo]);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');

  const unverified = await createCitizen(t.app);
  const u = await upload(t.app, await signInHeaders(t.app, unverified.phone), [photo]);
  assert.equal(u.statusCode, 403);
  assert.equal(u.json().code, 'IDENTITY_NOT_VERIFIED');

  const json = await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: t.citizen.h, payload: { file: 'a.png' } });
  assert.equal(json.statusCode, 415);
  assert.equal(json.json().code, 'UNSUPPORTED_MEDIA_TYPE');

  const none = await upload(t.app, t.citizen.h, []);
  assert.equal(none.statusCode, 400);
  assert.deepEqual(none.json().errors.map((e: { field: string }) => e.field), ['files']);

  const extra = await upload(t.app, t.citizen.h, [photo], { note: 'xin chào' });
  assert.equal(extra.statusCode, 400);
  assert.deepEqual(extra.json().errors.map((e: { field: string }) => e.field), ['body.note'], 'unknown fields are refused, not dropped');

  const wrongField = await upload(t.app, t.citizen.h, [{ ...photo, field: 'photo' }]);
  assert.equal(wrongField.statusCode, 400);
  assert.equal(wrongField.json().errors[0].field, 'files.0');
  assert.match(wrongField.json().errors[0].message, /trường “photo”/);

  const garbled = await t.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...t.citizen.h, 'content-type': 'multipart/form-data; boundary=xyz' },
    payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
  });
  assert.equal(garbled.statusCode, 400, garbled.body);
  assert.equal(garbled.json().code, 'BAD_REQUEST');
  assert.deepEqual(await uploadsOf(t, t.citizen.id), []);
  assert.deepEqual(await storedFiles(t), []);

  // Multipart stays confined to the upload route: a JSON route still refuses it.
  const form = await multipart([photo]);
  const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...t.citizen.h, ...form.headers }, payload: form.payload });
  assert.equal(elsewhere.statusCode, 415);
});

test('R-5.2 R-12.2 claimUploads takes only the caller’s own uploads, in order; attachToReport and mediaOfReport keep that order', async () => {
  const t = await setup();
  const { app, ctx, citizen } = t;
  const mine = (await upload(app, citizen.h, [
    { name: 'mot.png', bytes: await png(11, 11) },
    { name: 'hai.png', bytes: await png(12, 12) },
  ])).json().items as { id: string }[];
  const other = await createCitizen(app, { verified: true });
  const [theirs] = (await upload(app, await signInHeaders(app, other.phone), [{ name: 'cua-nguoi-khac.png', bytes: await png(13, 13) }])).json().items as { id: string }[];
  const [a, b] = mine as [{ id: string }, { id: string }];

  const refused = await claimUploads(ctx.db, citizen.id, [a.id, theirs!.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', a.id], 'body.media').then(
    () => assert.fail('should refuse'),
    (err: unknown) => err,
  );
  assert.ok(refused instanceof AppError);
  assert.equal(refused.code, 'VALIDATION_FAILED');
  assert.deepEqual(refused.errors.map((e) => e.field), ['body.media.1', 'body.media.2', 'body.media.3', 'body.media.4']);
  // Someone else's upload reads exactly like one that does not exist: ids cannot be probed.
  assert.equal(refused.errors[0]?.message, refused.errors[1]?.message);

  const tooMany = await claimUploads(ctx.db, citizen.id, Array.from({ length: MEDIA_LIMITS.maxFilesPerReport + 1 }, () => a.id), 'body.media').catch((e: unknown) => e);
  assert.ok(tooMany instanceof AppError && tooMany.errors.some((e) => e.field === 'body.media'));
  assert.deepEqual(await claimUploads(ctx.db, citizen.id, [], 'body.media'), []);

  // The lead wires these into the submission; here a report is submitted without media, then given some.
  const report = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.h,
    payload: {
      kind: 'field_report',
      categoryCode: 'hu-hong-mat-duong',
      title: 'Ổ gà lớn trên phố Đinh Tiên Hoàng',
      description: 'Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm, xe máy đi qua rất nguy hiểm vào buổi tối.',
      place: { lat: 21.0287, lng: 105.8524 },
      occurredAt: '2026-03-02T07:30:00+07:00',
      confidential: false,
    },
  });
  assert.equal(report.statusCode, 201, report.body);
  const reportId = report.json().id as string;
  await ctx.db.transaction().execute(async (tx) => {
    const claimed = await claimUploads(tx, citizen.id, [b.id, a.id], 'body.media');
    assert.deepEqual(claimed.map((u) => u.id), [b.id, a.id]);
    await attachToReport(tx, reportId, claimed, 'evidence');
  });
  await ctx.db.transaction().execute(async (tx) => attachToReport(tx, reportId, await claimUploads(tx, other.id, [theirs!.id], 'body.proofs'), 'proof'));
  const media = await mediaOfReport(ctx.db, reportId);
  assert.deepEqual(
    media.map((m) => [m.role, m.position, m.original_name]),
    [
      ['evidence', 0, 'hai.png'],
      ['evidence', 1, 'mot.png'],
      ['proof', 0, 'cua-nguoi-khac.png'],
    ],
  );
});
