import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { box, ftyp, iphoneHeic, minimalVideo } from './fixtures/images.ts';
import { classifyBrands, heifCodec, readFtyp, walkTopLevelBoxes } from './iso-bmff.ts';

test('readFtyp reads the major and compatible brands, and nothing from a file without ftyp', () => {
  assert.deepEqual(readFtyp(ftyp('heic', ['mif1', 'heic'])), { major: 'heic', compatible: ['mif1', 'heic'] });
  assert.equal(readFtyp(Buffer.from('not an ISO-BMFF file at all')), undefined);
  const lying = ftyp('isom');
  lying.writeUInt32BE(10_000, 0); // claims more bytes than there are
  assert.equal(readFtyp(lying), undefined);
});

test('R-5.2 phone photo brands are HEIC/HEIF photos', () => {
  assert.equal(classifyBrands({ major: 'heic', compatible: ['mif1', 'heic'] }).accepted, true);
  assert.deepEqual(classifyBrands({ major: 'mif1', compatible: ['heic'] }), { accepted: true, kind: 'photo', mime: 'image/heic', ext: 'heic' });
  assert.deepEqual(classifyBrands({ major: 'mif1', compatible: ['miaf'] }), { accepted: true, kind: 'photo', mime: 'image/heif', ext: 'heif' });
  for (const major of ['heix', 'hevc', 'msf1']) assert.equal(classifyBrands({ major, compatible: [] }).accepted, true, major);
});

test('R-5.2 phone video brands are MP4, and iPhone QuickTime is MOV', () => {
  for (const major of ['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ']) {
    assert.deepEqual(classifyBrands({ major, compatible: [] }), { accepted: true, kind: 'video', mime: 'video/mp4', ext: 'mp4' }, major);
  }
  assert.deepEqual(classifyBrands({ major: 'qt  ', compatible: ['qt  '] }), { accepted: true, kind: 'video', mime: 'video/quicktime', ext: 'mov' });
  assert.equal(classifyBrands({ major: 'XYZ1', compatible: ['isom', 'mp42'] }).accepted, true);
});

test('look-alikes are refused: audio-only MP4, AVIF, 3GPP, unknown brands', () => {
  assert.deepEqual(classifyBrands({ major: 'M4A ', compatible: ['M4A ', 'mp42', 'isom'] }), { accepted: false, detected: 'audio/mp4' });
  assert.deepEqual(classifyBrands({ major: 'avif', compatible: ['mif1'] }), { accepted: false, detected: 'image/avif' });
  assert.deepEqual(classifyBrands({ major: '3gp4', compatible: ['isom'] }), { accepted: false, detected: 'video/3gpp' });
  assert.deepEqual(classifyBrands({ major: 'XYZ1', compatible: ['XYZ2'] }), { accepted: false, detected: 'ISO-BMFF (XYZ1)' });
});

test('R-6.1b a whole file walks to its end; one cut short does not', () => {
  const video = minimalVideo();
  assert.deepEqual(walkTopLevelBoxes(video), { whole: true, topLevel: ['ftyp', 'moov', 'mdat'] });
  for (const cut of [video.length - 1, video.length - 200, 30, 20]) {
    assert.equal(walkTopLevelBoxes(video.subarray(0, cut)).whole, false, `cut at ${cut}`);
  }
});

test('box sizes 0 (to the end) and 1 (64-bit) are understood; nonsense is not whole', () => {
  const toEnd = Buffer.concat([ftyp('isom'), box('moov'), Buffer.from([0, 0, 0, 0]), Buffer.from('mdat'), Buffer.alloc(50)]);
  assert.deepEqual(walkTopLevelBoxes(toEnd), { whole: true, topLevel: ['ftyp', 'moov', 'mdat'] });
  const large = Buffer.alloc(16 + 10);
  large.writeUInt32BE(1, 0);
  large.write('mdat', 4, 'latin1');
  large.writeBigUInt64BE(26n, 8);
  assert.deepEqual(walkTopLevelBoxes(Buffer.concat([ftyp('isom'), large])), { whole: true, topLevel: ['ftyp', 'mdat'] });
  large.writeBigUInt64BE(27n, 8);
  assert.equal(walkTopLevelBoxes(Buffer.concat([ftyp('isom'), large])).whole, false);
  const tiny = Buffer.concat([ftyp('isom'), Buffer.from([0, 0, 0, 4]), Buffer.from('free')]);
  assert.equal(walkTopLevelBoxes(tiny).whole, false);
  const binaryType = Buffer.concat([ftyp('isom'), Buffer.from([0, 0, 0, 8, 0, 1, 2, 3])]);
  assert.equal(walkTopLevelBoxes(binaryType).whole, false);
});

test('heifCodec tells HEVC (HEIC) from AV1 (AVIF) by the codec configuration in the meta box', async () => {
  assert.equal(heifCodec(iphoneHeic()), 'hevc');
  const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#123456' } }).avif().toBuffer();
  assert.equal(heifCodec(avif), 'av1');
  assert.equal(heifCodec(minimalVideo()), undefined, 'no meta box');
  assert.equal(heifCodec(Buffer.concat([ftyp('mif1'), box('meta', Buffer.alloc(20))])), undefined, 'no codec property');
});
