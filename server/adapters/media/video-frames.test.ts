/** Issue 5 item 2 (R-6.2c): frames of a video taken with ffmpeg at fixed times. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { minimalVideo } from './fixtures/images.ts';
import { ffmpegAvailable, FRAME_EVERY_SECONDS, FRAMES_MAX, sampleVideoFrames } from './video-frames.ts';
import { NO_FFMPEG, sceneVideo } from '../../../test/fixtures/videos.ts';

const dir = await mkdtemp(join(tmpdir(), 'ihanoi-video-frames-test-'));
after(() => rm(dir, { recursive: true, force: true }));

async function fileOf(bytes: Buffer, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

test('R-6.2c without ffmpeg the sampling says so (no_ffmpeg), it does not pretend', async () => {
  assert.equal(await ffmpegAvailable('/khong-co/ffmpeg'), false);
  const got = await sampleVideoFrames('/khong-co/ffmpeg', await fileOf(minimalVideo(), 'a.mp4'));
  assert.deepEqual(got.ok ? 'frames' : got.reason, 'no_ffmpeg');
});

test('R-6.2c a 9-second video gives a frame every 2 seconds (0, 2, 4, 6, 8 s) as PNG, at most 256 px', { skip: NO_FFMPEG }, async () => {
  const got = await sampleVideoFrames('ffmpeg', await fileOf(await sceneVideo(5, 9), 'b.mp4'));
  assert.ok(got.ok, got.ok ? '' : got.detail);
  assert.equal(got.frames.length, Math.ceil(9 / FRAME_EVERY_SECONDS));
  for (const f of got.frames) {
    assert.equal(f.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(f.readUInt32BE(16) <= 256 && f.readUInt32BE(20) <= 256, 'width and height from the IHDR chunk');
  }
});

test('R-6.2c a long video gives at most FRAMES_MAX frames', { skip: NO_FFMPEG }, async () => {
  const got = await sampleVideoFrames('ffmpeg', await fileOf(await sceneVideo(6, 2 * FRAMES_MAX + 6), 'c.mp4'));
  assert.ok(got.ok);
  assert.equal(got.frames.length, FRAMES_MAX);
});

test('R-6.2c a file shaped like an MP4 but without pictures is unreadable, with ffmpeg’s reason', { skip: NO_FFMPEG }, async () => {
  const got = await sampleVideoFrames('ffmpeg', await fileOf(minimalVideo(), 'd.mp4'));
  assert.equal(got.ok, false);
  assert.equal(got.ok ? null : got.reason, 'unreadable');
  assert.ok(!got.ok && got.detail.length > 0);
});
