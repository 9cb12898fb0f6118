/**
 * Issue 5 item 2 (R-6.2c): a video re-used from another reporter's earlier report is found through frames
 * sampled with ffmpeg in the background; until then, or without ffmpeg, the officer is told it was not compared.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimalVideo } from '../../adapters/media/fixtures/images.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { sweep } from '../../jobs/deadline-sweep.ts';
import { NO_FFMPEG, reencodedVideo, sceneVideo } from '../../../test/fixtures/videos.ts';
import { integrityTestApp } from '../../../test/integrity.ts';
import { checkReport } from './check-report.ts';
import { prepareVideoFrames, sampleFramesOf } from './video-frames.ts';

const silent = { warn: () => undefined, info: () => undefined };

test('R-6.2c a re-encoded copy of another reporter’s video is shown to the officer with the earlier report; an unrelated video is not', { skip: NO_FFMPEG }, async () => {
  const t = await integrityTestApp();
  const original = await sceneVideo(3);
  const [a, b, d] = [await t.citizen(), await t.citizen(), await t.citizen()];
  const first = await t.submit(a.h, { media: [await t.uploadOne(a.h, 'clip.mp4', original)] });
  t.clock.set(vietnamTime(2026, 3, 2, 11, 0));
  const copyUpload = await t.uploadOne(b.h, 'quay-lai.mp4', await reencodedVideo(original));
  const copy = await t.submit(b.h, { media: [copyUpload], title: 'Đường ngập sau mưa lớn' });
  const other = await t.submit(d.h, { media: [await t.uploadOne(d.h, 'khac.mp4', await sceneVideo(7))], title: 'Cây đổ chắn đường' });
  for (const v of await t.ctx.db.selectFrom('uploads').select('id').where('kind', '=', 'video').execute()) {
    const done = await sampleFramesOf(t.ctx, v.id);
    assert.equal(done?.state, 'done');
  }
  for (const r of [first, copy, other]) await checkReport(t.ctx, r.id);

  const found = (await t.findingsSeenByOfficer(copy.id)).filter((f) => f.check.startsWith('duplicate_media'));
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]!.check, 'duplicate_media_near', 'other bytes, the same pictures');
  assert.equal(found[0]!.matchedReport?.code, first.code);
  assert.equal(found[0]!.uploadId, copyUpload);
  assert.equal(found[0]!.supportsReason?.code, 'c');
  assert.match(found[0]!.summary, /Khung hình video/);
  for (const r of [first, copy, other]) {
    const findings = await t.findingsSeenByOfficer(r.id);
    assert.equal(findings.find((f) => f.check === 'video_not_checked'), undefined, 'every video was compared');
  }
  assert.deepEqual((await t.findingsSeenByOfficer(other.id)).filter((f) => f.check.startsWith('duplicate_media')), []);
  assert.deepEqual((await t.findingsSeenByOfficer(first.id)).filter((f) => f.check.startsWith('duplicate_media')), [], 'the earlier report is the original');
});

test('R-6.2c a report checked before its video was sampled is checked again once the frames are in', { skip: NO_FFMPEG }, async () => {
  const t = await integrityTestApp();
  const a = await t.citizen();
  const r = await t.submit(a.h, { media: [await t.uploadOne(a.h, 'clip.mp4', await sceneVideo(4))] });
  await checkReport(t.ctx, r.id);
  assert.deepEqual((await t.findingsSeenByOfficer(r.id)).find((f) => f.check === 'video_not_checked')?.evidence, { reason: 'pending' });

  // The sweep samples a video still pending a minute after its upload, then checks the report again.
  assert.equal((await sweep(t.ctx)).sampled, 0, 'not within the first minute: the background job may be at it');
  t.clock.set(new Date(t.clock.now().getTime() + 61_000));
  const swept = await sweep(t.ctx);
  assert.equal(swept.sampled, 1);
  assert.equal(swept.checked, 1);
  assert.equal((await t.findingsSeenByOfficer(r.id)).find((f) => f.check === 'video_not_checked'), undefined);
  const frames = await t.ctx.db.selectFrom('uploads').select(['frames_state', 'frames_sampled']).where('kind', '=', 'video').executeTakeFirstOrThrow();
  assert.deepEqual(frames, { frames_state: 'done', frames_sampled: 3 });
  const events = await t.ctx.db.selectFrom('audit_events').select(['action', 'payload']).where('action', '=', 'upload.frames').execute();
  assert.deepEqual(events.map((e) => e.payload), [{ state: 'done', frames: 3 }]);
});

test('R-6.2c a video ffmpeg cannot decode is marked "not compared: unreadable"', { skip: NO_FFMPEG }, async () => {
  const t = await integrityTestApp();
  const a = await t.citizen();
  const video = await t.uploadOne(a.h, 'hong.mp4', minimalVideo());
  const r = await t.submit(a.h, { media: [video] });
  assert.deepEqual(await sampleFramesOf(t.ctx, video), { state: 'failed', recheck: [r.id] });
  await checkReport(t.ctx, r.id);
  const f = (await t.findingsSeenByOfficer(r.id)).find((x) => x.check === 'video_not_checked');
  assert.deepEqual(f?.evidence, { reason: 'unreadable' });
});

test('R-6.2c without ffmpeg a video is marked "not compared: no ffmpeg"; a server that has it samples it again', async () => {
  const t = await integrityTestApp({ ffmpegPath: '/khong-co/ffmpeg' });
  const a = await t.citizen();
  const video = await t.uploadOne(a.h, 'clip.mp4', minimalVideo());
  const r = await t.submit(a.h, { media: [video] });
  assert.equal(await prepareVideoFrames(t.ctx, silent), false);
  assert.equal((await sampleFramesOf(t.ctx, video))?.state, 'unavailable');
  await checkReport(t.ctx, r.id);
  const f = (await t.findingsSeenByOfficer(r.id)).find((x) => x.check === 'video_not_checked');
  assert.deepEqual(f?.evidence, { reason: 'no_ffmpeg' });
  assert.match(f?.summary ?? '', /không có ffmpeg/);
  if (NO_FFMPEG) return;
  // The same database opened by a server with ffmpeg: the video is pending again.
  assert.equal(await prepareVideoFrames({ ...t.ctx, config: { ...t.ctx.config, ffmpegPath: 'ffmpeg' } }, silent), true);
  const row = await t.ctx.db.selectFrom('uploads').select('frames_state').where('id', '=', video).executeTakeFirstOrThrow();
  assert.equal(row.frames_state, 'pending');
});

test('R-6.2c after an upload the server samples its video in the background and checks the report holding it again', { skip: NO_FFMPEG }, async () => {
  const eager = await integrityTestApp({ integrityCheckOnSubmit: true });
  const a = await eager.citizen();
  const r = await eager.submit(a.h, { media: [await eager.uploadOne(a.h, 'clip.mp4', await sceneVideo(8))] });
  // Settled: the frames are in, the report has been checked since, and the findings no longer say "not compared".
  const settled = async () => {
    const row = await eager.ctx.db
      .selectFrom('reports')
      .innerJoin('report_media', 'report_media.report_id', 'reports.id')
      .innerJoin('uploads', 'uploads.id', 'report_media.upload_id')
      .select(['reports.integrity_checked_at', 'uploads.frames_state'])
      .where('reports.id', '=', r.id)
      .executeTakeFirstOrThrow();
    const findings = await eager.findingsSeenByOfficer(r.id);
    return row.frames_state === 'done' && row.integrity_checked_at !== null && !findings.some((f) => f.check === 'video_not_checked');
  };
  let ok = await settled();
  for (let i = 0; i < 200 && !ok; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ok = await settled();
  }
  assert.ok(ok, 'sampled and checked again within 10 s, without anyone asking');
});
