import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iphoneHeic } from './fixtures/images.ts';
import { decodeHeic, heicDecodeLoad } from './heic-decoder.ts';

function rgbaAt(rgba: Buffer, width: number, x: number, y: number): number[] {
  const i = (y * width + x) * 4;
  return [...rgba.subarray(i, i + 4)];
}

test('R-5.2 an HEVC-coded HEIC decodes in a worker to upright RGBA pixels', async () => {
  const r = await decodeHeic(iphoneHeic());
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual([r.width, r.height, r.rgba.length], [40, 80, 40 * 80 * 4]);
  const [red, , blue, alpha] = rgbaAt(r.rgba, r.width, 20, 10);
  assert.ok((red ?? 0) > 200 && (blue ?? 255) < 60 && alpha === 255, 'red on top');
});

test('several decodes at once all finish (at most two workers run together)', async () => {
  const pending = Array.from({ length: 5 }, () => decodeHeic(iphoneHeic()));
  assert.deepEqual(heicDecodeLoad(), { running: 2, waiting: 3 });
  const results = await Promise.all(pending);
  assert.deepEqual(heicDecodeLoad(), { running: 0, waiting: 0 });
  assert.deepEqual(
    results.map((r) => r.ok && r.width),
    [40, 40, 40, 40, 40],
  );
});

test('bytes that are not a HEIC are undecodable, and a decode past its deadline times out', async () => {
  const notHeic = await decodeHeic(Buffer.from('definitely not a photo'));
  assert.deepEqual(notHeic.ok ? null : notHeic.reason, 'undecodable');
  const slow = await decodeHeic(iphoneHeic(), 1);
  assert.deepEqual(slow.ok ? null : slow.reason, 'timeout');
});
