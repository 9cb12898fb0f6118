import assert from 'node:assert/strict';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { iphoneHeic, isBlue, isRed, minimalVideo, phoneJpeg, pixel, png, webp } from './fixtures/images.ts';
import { inspectMedia, type MediaInspectionOk } from './inspect.ts';
import { MEDIA_LIMITS } from './limits.ts';
import { publicCopy, type PublicCopy } from './public-copy.ts';

async function inspected(bytes: Buffer, name = 'photo'): Promise<MediaInspectionOk> {
  const r = await inspectMedia(bytes, name);
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

async function copyOf(bytes: Buffer): Promise<PublicCopy> {
  const c = await publicCopy(bytes, await inspected(bytes));
  assert.ok(c && c.ok, JSON.stringify(c));
  return c;
}

/** Asserts that a public copy carries no metadata a person could be traced by. */
async function assertNoMetadata(copy: Buffer): Promise<void> {
  const meta = await sharp(copy).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined, 'no EXIF');
  assert.equal(meta.xmp, undefined, 'no XMP');
  assert.equal(meta.iptc, undefined, 'no IPTC');
  assert.equal(meta.icc, undefined, 'no ICC profile (the pixels are sRGB)');
  assert.equal(meta.orientation, undefined, 'no orientation tag: the pixels are upright');
  assert.equal(meta.space, 'srgb');
  assert.equal(await exifr.parse(copy, { tiff: true, exif: true, gps: true, xmp: true, iptc: true }), undefined, 'exifr finds nothing');
  assert.equal(await exifr.gps(copy), undefined, 'no GPS');
}

test('R-5.7 R-14 the public copy of a phone JPEG carries no EXIF, GPS, XMP or ICC', async () => {
  const original = await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00', offsetTimeOriginal: '+07:00', gps: true, software: 'Camera 1.0' });
  assert.ok((await exifr.gps(original)).latitude > 21, 'the original does carry GPS');
  const copy = await copyOf(original);
  assert.equal(copy.mime, 'image/jpeg');
  assert.equal(copy.ext, 'jpg');
  await assertNoMetadata(copy.bytes);
});

test('R-5.7 R-14 XMP (edit history, sometimes location) is dropped too', async () => {
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.7N"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const original = await sharp(await phoneJpeg({ gps: true })).keepExif().withXmp(xmp).jpeg().toBuffer();
  assert.ok((await sharp(original).metadata()).xmp, 'the original does carry XMP');
  await assertNoMetadata((await copyOf(original)).bytes);
});

test('R-5.7 a wide-gamut (Display P3) photo is converted to sRGB and its profile dropped', async () => {
  const p3 = await sharp(await phoneJpeg()).withIccProfile('p3').jpeg().toBuffer();
  assert.ok((await sharp(p3).metadata()).icc, 'the original has a P3 profile');
  await assertNoMetadata((await copyOf(p3)).bytes);
});

test('R-5.2 the public copy is rotated as the EXIF orientation says (the pixels, not a tag)', async () => {
  // Stored 80×40 with red on the left; Orientation 6 = rotate 90° clockwise to display: 40×80, red on top.
  const copy = await copyOf(await phoneJpeg({ orientation: 6, gps: true }));
  assert.deepEqual([copy.width, copy.height], [40, 80]);
  const meta = await sharp(copy.bytes).metadata();
  assert.deepEqual([meta.width, meta.height], [40, 80]);
  assert.ok(isRed(await pixel(copy.bytes, 20, 10)), 'red on top');
  assert.ok(isBlue(await pixel(copy.bytes, 20, 70)), 'blue below');
  await assertNoMetadata(copy.bytes);
});

test('the public copy is at most 2048 px on its long side and never enlarged', async () => {
  const big = await copyOf(await phoneJpeg({ width: 4000, height: 3000 }));
  assert.deepEqual([big.width, big.height], [MEDIA_LIMITS.publicCopyMaxSide, 1536]);
  const tall = await copyOf(await phoneJpeg({ width: 1000, height: 3000, orientation: 6 }));
  assert.deepEqual([tall.width, tall.height], [MEDIA_LIMITS.publicCopyMaxSide, 683], 'long side after rotation');
  const small = await copyOf(await png(64, 48));
  assert.deepEqual([small.width, small.height], [64, 48]);
});

test('PNG with transparency and WebP become JPEG; transparent areas are white, not black', async () => {
  const clear = await copyOf(await png(32, 32, true));
  const [r, g, b] = await pixel(clear.bytes, 16, 16);
  assert.ok(r > 240 && g > 240 && b > 240, `white, got ${[r, g, b].join(',')}`);
  const w = await copyOf(await webp());
  assert.equal((await sharp(w.bytes).metadata()).format, 'jpeg');
  await assertNoMetadata(w.bytes);
});

test('R-5.7 R-14 an iPhone HEIC is decoded (HEVC in WebAssembly), upright, and stripped of its EXIF and GPS', async () => {
  const heic = iphoneHeic();
  const insp = await inspected(heic, 'IMG_0003.HEIC');
  assert.ok(insp.gps, 'the original does carry GPS');
  const copy = await publicCopy(heic, insp, 'IMG_0003.HEIC');
  assert.ok(copy && copy.ok, JSON.stringify(copy));
  // The HEIF rotation is applied once: the EXIF Orientation 6 it also carries must not rotate it again.
  assert.deepEqual([copy.width, copy.height], [40, 80]);
  assert.ok(isRed(await pixel(copy.bytes, 20, 10)), 'red on top');
  assert.ok(isBlue(await pixel(copy.bytes, 20, 70)), 'blue below');
  await assertNoMetadata(copy.bytes);
});

test('R-6.1b a HEIC whose coded image is garbage does not get a public copy', async () => {
  const heic = Buffer.from(iphoneHeic());
  const mdat = heic.indexOf('mdat');
  heic.fill(0xff, mdat + 4); // same size, same boxes: only the HEVC stream is destroyed
  const insp = await inspected(heic, 'broken.heic');
  const copy = await publicCopy(heic, insp, 'broken.heic');
  assert.ok(copy && !copy.ok, JSON.stringify(copy));
  assert.equal(copy.code, 'CORRUPT');
  assert.match(copy.message, /broken\.heic/);
});

test('videos get no public copy here (stripping their metadata needs ffmpeg)', async () => {
  const video = minimalVideo();
  assert.equal(await publicCopy(video, await inspected(video)), null);
});

test('publicCopy refuses bytes other than the inspected ones', async () => {
  const a = await phoneJpeg();
  const insp = await inspected(a);
  await assert.rejects(publicCopy(await png(), insp), /not the ones that were inspected/);
});
