import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { box, fakeExe, ftyp, HOAN_KIEM, iphoneHeic, minimalVideo, noisyJpeg, phoneJpeg, png, pngClaiming, webp } from './fixtures/images.ts';
import { displayName, exifGps, exifTakenAt, inspectMedia, type MediaInspection, type MediaInspectionOk } from './inspect.ts';
import { MEDIA_LIMITS } from './limits.ts';

function ok(r: MediaInspection): MediaInspectionOk {
  assert.ok(r.ok, `expected acceptance, got ${JSON.stringify(r)}`);
  return r;
}

/** UTC offsets (Date#getTimezoneOffset) on 2026-03-14, to prove the zone switch took effect. */
const OFFSET_ON_14_MARCH_2026: Record<string, number> = { UTC: 0, 'America/New_York': 240, 'Asia/Tokyo': -540 };

/** Runs `fn` with the process in another time zone (Node re-reads TZ when it is assigned). */
async function inZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    assert.equal(new Date(Date.UTC(2026, 2, 14, 12)).getTimezoneOffset(), OFFSET_ON_14_MARCH_2026[zone], `process zone is now ${zone}`);
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test('R-5.2 a phone JPEG is a photo: type, size, hash, displayed size, time and place from EXIF', async () => {
  const bytes = await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00', offsetTimeOriginal: '+07:00', gps: true });
  const r = ok(await inspectMedia(bytes, 'IMG_0001.JPG'));
  assert.equal(r.kind, 'photo');
  assert.equal(r.mime, 'image/jpeg');
  assert.equal(r.ext, 'jpg');
  assert.equal(r.bytes, bytes.length);
  assert.equal(r.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(r.width, 80);
  assert.equal(r.height, 40);
  assert.equal(r.takenAt, '2026-03-14T09:30:00+07:00');
  assert.ok(r.gps);
  assert.ok(Math.abs(r.gps.lat - HOAN_KIEM.lat) < 1e-6 && Math.abs(r.gps.lng - HOAN_KIEM.lng) < 1e-6, JSON.stringify(r.gps));
});

test('R-5.2 the displayed size follows the EXIF orientation (a portrait photo stored landscape)', async () => {
  const r = ok(await inspectMedia(await phoneJpeg({ orientation: 6 }), 'portrait.jpg'));
  assert.deepEqual([r.width, r.height], [40, 80]);
});

test('R-5.2 PNG and WebP are photos, told apart by content', async () => {
  const p = ok(await inspectMedia(await png(), 'screenshot.png'));
  assert.deepEqual([p.mime, p.ext, p.width, p.height], ['image/png', 'png', 64, 48]);
  const w = ok(await inspectMedia(await webp(), 'photo.webp'));
  assert.deepEqual([w.mime, w.ext], ['image/webp', 'webp']);
  assert.equal(w.takenAt, '2026-01-02T03:04:05+07:00', 'EXIF in WebP is read too');
});

test('R-5.2 the type comes from the content, never the name: a PNG named .jpg is a PNG, a JPEG named .png a JPEG', async () => {
  assert.equal(ok(await inspectMedia(await png(), 'anh-hien-truong.jpg')).mime, 'image/png');
  assert.equal(ok(await inspectMedia(await phoneJpeg(), 'photo.png')).mime, 'image/jpeg');
  assert.equal(ok(await inspectMedia(minimalVideo(), 'video.jpg')).mime, 'video/mp4');
});

test('R-5.2 a program renamed .jpg is refused, naming the file and what it really is', async () => {
  const r = await inspectMedia(fakeExe(), 'anh-o-ga.jpg');
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.equal(r.code, 'UNSUPPORTED_TYPE');
  assert.equal(r.detected, 'application/x-msdownload');
  assert.match(r.message, /anh-o-ga\.jpg/);
  assert.match(r.message, /không phải ảnh/);
});

test('R-5.2 text, PDF-like and unknown bytes are refused; an empty file is EMPTY', async () => {
  const text = await inspectMedia(Buffer.from('xin chào, đây là văn bản'), 'note.jpg');
  assert.deepEqual(text.ok ? null : [text.code, text.detected], ['UNSUPPORTED_TYPE', undefined]);
  const pdf = await inspectMedia(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'scan.jpg');
  assert.deepEqual(pdf.ok ? null : [pdf.code, pdf.detected], ['UNSUPPORTED_TYPE', 'application/pdf']);
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).gif().toBuffer();
  const g = await inspectMedia(gif, 'anim.gif');
  assert.deepEqual(g.ok ? null : [g.code, g.detected], ['UNSUPPORTED_TYPE', 'image/gif']);
  const empty = await inspectMedia(Buffer.alloc(0), 'trong.jpg');
  assert.ok(!empty.ok);
  assert.equal(empty.code, 'EMPTY');
  assert.match(empty.message, /trong\.jpg/);
});

test('R-6.1b a JPEG cut short is CORRUPT even though its header reads fine', async () => {
  const whole = await noisyJpeg();
  for (const fraction of [0.1, 0.5, 0.95]) {
    const cut = whole.subarray(0, Math.floor(whole.length * fraction));
    await sharp(cut).metadata(); // the header alone passes: only decoding finds the missing end
    const r = await inspectMedia(cut, 'cut.jpg');
    assert.ok(!r.ok, `cut at ${fraction}`);
    assert.equal(r.code, 'CORRUPT');
    assert.equal(r.detected, 'image/jpeg');
    assert.match(r.message, /cut\.jpg/);
  }
  assert.equal((await inspectMedia(whole, 'whole.jpg')).ok, true);
});

test('R-6.1b a JPEG signature followed by garbage, or a PNG cut short, is CORRUPT', async () => {
  const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
  const g = await inspectMedia(garbage, 'fake.jpg');
  assert.deepEqual(g.ok ? null : g.code, 'CORRUPT');
  const p = await png(300, 300);
  const cut = await inspectMedia(p.subarray(0, p.length - 20), 'cut.png');
  assert.deepEqual(cut.ok ? null : cut.code, 'CORRUPT');
});

test('R-5.2 an MP4 is a video by its ftyp brands and boxes, and iPhone MOV is QuickTime', async () => {
  const mp4 = ok(await inspectMedia(minimalVideo(), 'clip.mp4'));
  assert.deepEqual([mp4.kind, mp4.mime, mp4.ext], ['video', 'video/mp4', 'mp4']);
  assert.equal(mp4.width, undefined);
  assert.equal(ok(await inspectMedia(minimalVideo('mp42', ['mp42', 'isom']), 'a')).mime, 'video/mp4');
  const mov = ok(await inspectMedia(minimalVideo('qt  ', ['qt  ']), 'IMG_0002.MOV'));
  assert.deepEqual([mov.kind, mov.mime, mov.ext], ['video', 'video/quicktime', 'mov']);
});

test('R-6.1b a video cut short, or without its moov index, is CORRUPT', async () => {
  const video = minimalVideo();
  const cut = await inspectMedia(video.subarray(0, video.length - 10), 'cut.mp4');
  assert.deepEqual(cut.ok ? null : [cut.code, cut.detected], ['CORRUPT', 'video/mp4']);
  const headerOnly = await inspectMedia(Buffer.concat([ftyp('isom', ['isom']), box('mdat', Buffer.alloc(64))]), 'no-moov.mp4');
  assert.deepEqual(headerOnly.ok ? null : headerOnly.code, 'CORRUPT');
});

test('R-5.2 audio in an MP4 container and AVIF are refused as unsupported', async () => {
  const m4a = await inspectMedia(minimalVideo('M4A ', ['M4A ', 'mp42', 'isom']), 'voice.mp4');
  assert.deepEqual(m4a.ok ? null : [m4a.code, m4a.detected], ['UNSUPPORTED_TYPE', 'audio/mp4']);
  const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#123456' } }).avif().toBuffer();
  const a = await inspectMedia(avif, 'photo.heic');
  assert.deepEqual(a.ok ? null : [a.code, a.detected], ['UNSUPPORTED_TYPE', 'image/avif']);
  // The same AV1 image under generic HEIF brands only: the codec, read by sharp, gives it away.
  const disguised = Buffer.from(avif);
  const ftypSize = disguised.readUInt32BE(0);
  for (let at = 8; at + 4 <= ftypSize; at += 4) {
    const brand = disguised.toString('latin1', at, at + 4);
    if (brand === 'avif' || brand === 'avis') disguised.write(at === 8 ? 'mif1' : 'miaf', at, 'latin1');
  }
  const d = await inspectMedia(disguised, 'photo.heif');
  assert.deepEqual(d.ok ? null : [d.code, d.detected], ['UNSUPPORTED_TYPE', 'image/avif']);
});

test('R-5.2 an iPhone HEIC is a photo: displayed size after its rotation, time and GPS from its EXIF', async () => {
  const r = ok(await inspectMedia(iphoneHeic(), 'IMG_0003.HEIC'));
  assert.deepEqual([r.kind, r.mime, r.ext], ['photo', 'image/heic', 'heic']);
  assert.deepEqual([r.width, r.height], [40, 80]);
  assert.equal(r.takenAt, '2026-03-14T09:30:00+07:00');
  assert.ok(r.gps && Math.abs(r.gps.lat - HOAN_KIEM.lat) < 1e-6);
});

test('R-6.1b a HEIC cut short is CORRUPT', async () => {
  const heic = iphoneHeic();
  const r = await inspectMedia(heic.subarray(0, heic.length - 100), 'cut.heic');
  assert.deepEqual(r.ok ? null : [r.code, r.detected], ['CORRUPT', 'image/heic']);
});

test('R-5.2 size limits: photos over 15 MB and videos over 100 MB are TOO_LARGE, checked per kind', async () => {
  assert.equal(MEDIA_LIMITS.photoMaxBytes, 15 * 1024 * 1024);
  assert.equal(MEDIA_LIMITS.videoMaxBytes, 100 * 1024 * 1024);
  assert.equal(MEDIA_LIMITS.maxFilesPerReport, 10);
  assert.equal(MEDIA_LIMITS.fileMaxBytes, Math.max(MEDIA_LIMITS.photoMaxBytes, MEDIA_LIMITS.videoMaxBytes));
  const bigPhoto = Buffer.concat([await png(), Buffer.alloc(MEDIA_LIMITS.photoMaxBytes)]);
  const p = await inspectMedia(bigPhoto, 'huge.png');
  assert.ok(!p.ok);
  assert.deepEqual([p.code, p.detected], ['TOO_LARGE', 'image/png']);
  assert.match(p.message, /huge\.png.*15 MB/);
  // 20 MB is too much for a photo but fine for a video.
  const mdat = box('mdat', Buffer.alloc(20 * 1024 * 1024));
  assert.equal(ok(await inspectMedia(Buffer.concat([minimalVideo(), mdat]), 'long.mp4')).kind, 'video');
  const bigVideo = Buffer.concat([minimalVideo(), box('mdat', Buffer.alloc(MEDIA_LIMITS.videoMaxBytes))]);
  const v = await inspectMedia(bigVideo, 'huge.mp4');
  assert.deepEqual(v.ok ? null : v.code, 'TOO_LARGE');
});

test('a decompression bomb (a tiny PNG claiming 20 000 × 20 000 pixels) is refused before decoding', async () => {
  const r = await inspectMedia(pngClaiming(20_000, 20_000), 'bomb.png');
  assert.ok(!r.ok);
  assert.equal(r.code, 'TOO_LARGE');
  assert.match(r.message, /20000×20000/);
});

test('R-6.1b the camera (EXIF Make + Model) and every tool the metadata names, XMP history included, are read', async () => {
  const phone = ok(await inspectMedia(await phoneJpeg({ software: '17.3.1' }), 'p.jpg'));
  assert.equal(phone.camera, 'Apple iPhone 15');
  assert.deepEqual(phone.editTools, ['17.3.1']);
  const xmp =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmp:CreatorTool="Snapseed 2.0">' +
    '<xmpMM:History xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><rdf:Seq><rdf:li stEvt:action="saved" stEvt:softwareAgent="Adobe Photoshop 25.0 (Windows)"/></rdf:Seq></xmpMM:History>' +
    '</rdf:Description></rdf:RDF></x:xmpmeta>';
  const edited = ok(await inspectMedia(await sharp(await phoneJpeg()).withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R6' } }).withXmp(xmp).jpeg().toBuffer(), 'e.jpg'));
  assert.equal(edited.camera, 'Canon EOS R6', 'the make is not repeated');
  assert.deepEqual(edited.editTools, ['Snapseed 2.0', 'Adobe Photoshop 25.0 (Windows)']);
  assert.equal(ok(await inspectMedia(await png(), 'p.png')).camera, undefined);
});

test('R-5.2 EXIF Software is surfaced as a sign of editing for the officer', async () => {
  const r = ok(await inspectMedia(await phoneJpeg({ software: 'Adobe Photoshop 25.0 Windows' }), 'edited.jpg'));
  assert.equal(r.software, 'Adobe Photoshop 25.0 Windows');
  assert.equal(ok(await inspectMedia(await png(), 'p.png')).software, undefined);
});

test('EXIF time with OffsetTimeOriginal is read at that offset and answered at +07:00, whatever the process zone', async () => {
  for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
    await inZone(zone, async () => {
      const hanoi = ok(await inspectMedia(await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00', offsetTimeOriginal: '+07:00' }), 'a.jpg'));
      assert.equal(hanoi.takenAt, '2026-03-14T09:30:00+07:00', zone);
      // A visitor's phone still set to Tokyo time: 11:30 in Tokyo is 09:30 in Hanoi.
      const tokyo = ok(await inspectMedia(await phoneJpeg({ dateTimeOriginal: '2026:03:14 11:30:00', offsetTimeOriginal: '+09:00' }), 'b.jpg'));
      assert.equal(tokyo.takenAt, '2026-03-14T09:30:00+07:00', zone);
    });
  }
});

test('EXIF time without OffsetTimeOriginal is Hanoi wall-clock time (+07:00), never the server zone', async () => {
  const bytes = await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00' });
  for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
    await inZone(zone, async () => {
      const r = ok(await inspectMedia(bytes, 'old-phone.jpg'));
      assert.equal(r.takenAt, '2026-03-14T09:30:00+07:00', zone);
      assert.equal(new Date(r.takenAt ?? '').toISOString(), '2026-03-14T02:30:00.000Z', zone);
    });
  }
});

test('the exifr trap this avoids: by default it reads the wall clock in the process zone and ignores the offset', async () => {
  const bytes = await phoneJpeg({ dateTimeOriginal: '2026:03:14 09:30:00', offsetTimeOriginal: '+07:00' });
  const revived = await inZone('UTC', async () => ((await exifr.parse(bytes)) as { DateTimeOriginal: Date }).DateTimeOriginal);
  assert.equal(revived.toISOString(), '2026-03-14T09:30:00.000Z', 'exifr alone would be 7 hours late');
  const r = ok(await inZone('UTC', () => inspectMedia(bytes, 'a.jpg')));
  assert.equal(new Date(r.takenAt ?? '').toISOString(), '2026-03-14T02:30:00.000Z');
});

test('exifTakenAt: sub-seconds, the day crossing at the offset, and unset or impossible clocks', () => {
  assert.equal(exifTakenAt('2026:03:14 09:30:00', '+07:00', '250'), '2026-03-14T09:30:00.250+07:00');
  assert.equal(exifTakenAt('2026:03:14 23:30:00', '+00:00'), '2026-03-15T06:30:00+07:00');
  assert.equal(exifTakenAt('2026:03:14 09:30:00\0'), '2026-03-14T09:30:00+07:00');
  assert.equal(exifTakenAt('2026:03:14 09:30:00', 'garbage'), '2026-03-14T09:30:00+07:00');
  assert.equal(exifTakenAt('0000:00:00 00:00:00'), undefined);
  assert.equal(exifTakenAt('2026:02:30 10:00:00'), undefined);
  assert.equal(exifTakenAt('    :  :     :  :  '), undefined);
  assert.equal(exifTakenAt(undefined), undefined);
  assert.equal(exifTakenAt(1_700_000_000), undefined);
});

test('exifGps: hemispheres and implausible values', () => {
  assert.deepEqual(exifGps([21, 1, 30], 'N', [105, 51, 0], 'E'), { lat: 21.025, lng: 105.85 });
  assert.deepEqual(exifGps([33, 52, 12], 'S', [151, 12, 36], 'E'), { lat: -(33 + 52 / 60 + 12 / 3600), lng: 151 + 12 / 60 + 36 / 3600 });
  assert.deepEqual(exifGps([40, 42, 0], 'N', [74, 0, 36], 'W'), { lat: 40.7, lng: -74.01 });
  assert.equal(exifGps([91, 0, 0], 'N', [105, 0, 0], 'E'), undefined);
  assert.equal(exifGps(undefined, 'N', [105, 0, 0], 'E'), undefined);
  assert.equal(exifGps([Number.NaN, 0, 0], 'N', [105, 0, 0], 'E'), undefined);
});

test('displayName keeps the last path segment and drops control and bidi-override characters', () => {
  assert.equal(displayName('C:\\Users\\an\\Pictures\\IMG_1.jpg'), 'IMG_1.jpg');
  assert.equal(displayName('anh\u202Egpj.exe'), 'anhgpj.exe');
  assert.equal(displayName('a\nb\u0000c.jpg'), 'abc.jpg');
  assert.equal(displayName(''), 'không tên');
  assert.equal(displayName('x'.repeat(200)).length, 80);
});
