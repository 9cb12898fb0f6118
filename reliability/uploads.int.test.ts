/**
 * Reliability (issue 9 item 3): hostile files through the real upload endpoint (POST /api/v1/uploads).
 *
 * The policy (server/adapters/media/inspect.ts, R-5.2): a file is what its bytes are, never what its name or its
 * Content-Type say. A PNG named .jpg is a PNG (accepted, as image/png); what is not a JPEG, PNG, WebP or HEIC photo
 * or an MP4/MOV video is refused, naming the file and what it really is. Each refusal here is a 4xx
 * problem+json whose Vietnamese `detail` says what is wrong, and nothing is stored — neither the original nor a
 * public copy. A photo with EXIF GPS is accepted and its PUBLIC copy carries no EXIF and no GPS.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { fakeExe, phoneJpeg, png, pngClaiming } from '../server/adapters/media/fixtures/images.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import { testApp, type TestApp } from '../test/context.ts';
import { createCitizen, signInHeaders } from '../test/factories.ts';
import { fieldReportBody } from '../test/reports.ts';
import { multipart, upload, type FilePart } from '../test/uploads.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function storedFiles(t: TestApp): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true });
    return (await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])))).flat();
  };
  try {
    return await walk(t.ctx.config.mediaDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function setup() {
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const citizen = await createCitizen(t.app, { verified: true });
  return { ...t, citizen: { ...citizen, h: await signInHeaders(t.app, citizen.phone) } };
}

/** A JPEG that decodes: the base of the polyglots. */
const photo = () => phoneJpeg({ width: 64, height: 48 });
const ELF = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), Buffer.from([2, 0, 0x3e, 0, 1, 0, 0, 0]), Buffer.alloc(1000)]);
/** A ZIP (as a .jar of a GIFAR is) with one stored entry: local header, central directory, end record. */
function zip(): Buffer {
  const name = Buffer.from('META-INF/MANIFEST.MF');
  const data = Buffer.from('Manifest-Version: 1.0\nMain-Class: Evil\n');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

interface Refusal {
  name: string;
  file: () => Promise<FilePart>;
  status: number;
  code: string;
  /** What the Vietnamese detail and the file's error must say. */
  says: RegExp;
}

const REFUSALS: Refusal[] = [
  {
    name: 'R-5.2 a decompression bomb (a tiny PNG declaring 50,000×50,000 pixels) is refused with 413, naming the pixel count',
    file: async () => ({ name: 'bom.png', bytes: pngClaiming(50_000, 50_000) }),
    status: 413,
    code: 'FILE_TOO_LARGE',
    says: /“bom\.png” có 50000×50000 điểm ảnh, vượt giới hạn 120 triệu điểm ảnh/,
  },
  {
    name: 'R-5.2 an SVG with a script, named .jpg and sent as image/jpeg, is refused with 415',
    file: async () => ({ name: 'anh.jpg', bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>') }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“anh\.jpg” không phải ảnh \(JPEG, PNG, WebP, HEIC\) hoặc video \(MP4, MOV\) được chấp nhận/,
  },
  {
    name: 'R-5.2 an SVG with a script under its own name is refused with 415',
    file: async () => ({ name: 'ban-do.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>fetch("/api/v1/me")</script></svg>') }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“ban-do\.svg” không phải ảnh/,
  },
  {
    name: 'R-5.2 a polyglot JPEG + ZIP (GIFAR-style: an image that is also an archive) is refused with 415',
    file: async () => ({ name: 'o-ga.jpg', bytes: Buffer.concat([await photo(), zip()]) }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“o-ga\.jpg” có dữ liệu khác \(application\/zip\) nối sau ảnh/,
  },
  {
    name: 'R-5.2 a polyglot JPEG + HTML with a script is refused with 415',
    file: async () => ({ name: 'o-ga.jpg', bytes: Buffer.concat([await photo(), Buffer.from('<html><body><script>alert(document.domain)</script></body></html>')]) }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“o-ga\.jpg” có dữ liệu khác \(text\/html\) nối sau ảnh/,
  },
  {
    name: 'R-5.2 a polyglot PNG + ZIP is refused with 415',
    file: async () => ({ name: 'o-ga.png', bytes: Buffer.concat([await png(), zip()]) }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“o-ga\.png” có dữ liệu khác \(application\/zip\) nối sau ảnh/,
  },
  {
    name: 'R-5.2 a GIF with a ZIP appended (the original GIFAR) is refused with 415: GIF is not an accepted photo',
    file: async () => ({ name: 'anh.gif', bytes: Buffer.concat([await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).gif().toBuffer(), zip()]) }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“anh\.gif” không phải ảnh .* \(nội dung thực tế: image\/gif\)/,
  },
  {
    name: 'R-5.2 a photo over 15 MB is refused with 413, naming its size and the limit',
    file: async () => ({ name: 'lon.jpg', bytes: Buffer.concat([await photo(), Buffer.alloc(16 * 1024 * 1024)]) }),
    status: 413,
    code: 'FILE_TOO_LARGE',
    says: /Ảnh “lon\.jpg” có dung lượng 16 MB, vượt giới hạn 15 MB/,
  },
  {
    name: 'R-6.1b a zero-byte file is refused with 400 CORRUPT_FILE, saying it is empty',
    file: async () => ({ name: 'rong.jpg', bytes: Buffer.alloc(0) }),
    status: 400,
    code: 'CORRUPT_FILE',
    says: /“rong\.jpg” rỗng \(0 byte\)/,
  },
  {
    name: 'R-5.2 an ELF executable named .jpg is refused with 415, saying what it really is',
    file: async () => ({ name: 'anh-hien-truong.jpg', bytes: ELF() }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“anh-hien-truong\.jpg” không phải ảnh .* \(nội dung thực tế: application\/x-elf\)/,
  },
  {
    name: 'R-5.2 a Windows PE executable named .jpg is refused with 415, saying what it really is',
    file: async () => ({ name: 'IMG_2026.JPG', bytes: fakeExe() }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“IMG_2026\.JPG” không phải ảnh .* \(nội dung thực tế: application\/x-msdownload\)/,
  },
  {
    name: 'R-5.2 an executable whose name climbs out of the folder is refused, named by its last segment only, and nothing is written anywhere',
    file: async () => ({ name: '../../../../tmp/x/\u202Egpj.exe', bytes: fakeExe() }),
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
    says: /“gpj\.exe” không phải ảnh/,
  },
];

for (const r of REFUSALS) {
  test(r.name, async () => {
    const t = await setup();
    const file = await r.file();
    const res = await upload(t.app, t.citizen.h, [file]);
    assert.equal(res.statusCode, r.status, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json() as { type: string; title: string; status: number; code: string; detail: string; errors?: { field: string; message: string }[] };
    assert.equal(p.status, r.status);
    assert.equal(p.code, r.code);
    assert.ok(p.type && p.title);
    // The detail, in Vietnamese, says nothing was stored and what is wrong with which file; errors[] names the part.
    assert.match(p.detail, /^Không tệp nào được lưu/);
    assert.match(p.detail, r.says);
    assert.deepEqual(p.errors?.map((e) => e.field), ['files.0']);
    assert.match(p.errors?.[0]?.message ?? '', r.says);
    assert.doesNotMatch(res.body, /\.\.\/|\/tmp\//, 'no path of the sender’s in the answer');
    // Nothing stored: no upload row, no file (original, public copy or staging), nothing public at its address.
    assert.deepEqual(await t.ctx.db.selectFrom('uploads').select('id').where('owner_id', '=', t.citizen.id).execute(), []);
    assert.deepEqual(await storedFiles(t), []);
    assert.equal((await t.app.inject({ url: `/api/v1/media/${sha(file.bytes)}` })).statusCode, 404);
  });
}

test('R-5.2 a photo whose end carries only padding or a phone maker’s own trailer is not taken for a polyglot', async () => {
  const t = await setup();
  const samsungLike = Buffer.concat([await photo(), Buffer.alloc(64), Buffer.from('SEFH\x01\x00\x00\x00Image_UTC_Data1772416800000SEFT', 'latin1')]);
  const res = await upload(t.app, t.citizen.h, [{ name: 'padded.jpg', bytes: samsungLike }]);
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().items[0].mime, 'image/jpeg');
});

test('R-5.2 the type is decided by the content: PNG bytes named .jpg and sent as image/jpeg are stored as the PNG they are', async () => {
  const t = await setup();
  const bytes = await png();
  const body = await multipart([{ name: 'anh.jpg', bytes }]);
  // The part's own Content-Type says image/jpeg (undici's FormData sends application/octet-stream): rewrite it.
  const payload = Buffer.from(body.payload.toString('latin1').replace(/Content-Type: [^\r]+/, 'Content-Type: image/jpeg'), 'latin1');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...t.citizen.h, ...body.headers }, payload });
  assert.equal(res.statusCode, 201, res.body);
  const [item] = res.json().items;
  assert.equal(item.mime, 'image/png');
  assert.equal(item.kind, 'photo');
  assert.equal(item.sha256, sha(bytes));
  const original = await t.app.inject({ url: `/api/v1/uploads/${item.id}/content`, headers: t.citizen.h });
  assert.equal(original.headers['content-type'], 'image/png', 'served as what it is, not as what it was called');
  assert.match(String(original.headers['content-disposition']), /filename="anh\.jpg\.png"/);
  assert.equal(original.headers['x-content-type-options'], 'nosniff');
});

test('R-5.2 R-5.7 R-14 a JPEG with EXIF GPS is accepted; its public copy, fetched by the public media URL of the report, carries no EXIF and no GPS', async () => {
  const t = await setup();
  const original = await phoneJpeg({ width: 120, height: 80, gps: true, dateTimeOriginal: '2026:03:02 07:25:00', offsetTimeOriginal: '+07:00', software: 'Camera 1.0' });
  const gps = await exifr.gps(original);
  assert.ok(gps && gps.latitude > 21 && gps.longitude > 105, 'the fixture carries GPS');
  const res = await upload(t.app, t.citizen.h, [{ name: 'IMG_0042.JPG', bytes: original }]);
  assert.equal(res.statusCode, 201, res.body);
  const [item] = res.json().items;
  assert.equal(item.hasGps, true);
  assert.equal(item.publicCopy, true);
  const rep = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: t.citizen.h, payload: fieldReportBody({ media: [item.id] }) });
  assert.equal(rep.statusCode, 201, rep.body);
  const urls = (rep.json().media as { url: string }[]).map((m) => m.url);
  assert.equal(urls.length, 1);
  assert.match(urls[0]!, /^\/api\/v1\/media\/[0-9a-f]{64}$/);
  const pub = await t.app.inject({ url: urls[0]! });
  assert.equal(pub.statusCode, 200);
  assert.equal(pub.headers['content-type'], 'image/jpeg');
  assert.notEqual(sha(pub.rawPayload), sha(original));
  assert.equal(await exifr.gps(pub.rawPayload), undefined, 'no GPS in the public copy');
  assert.equal(await exifr.parse(pub.rawPayload), undefined, 'no EXIF at all in the public copy');
  const meta = await sharp(pub.rawPayload).metadata();
  assert.equal(meta.exif, undefined);
  assert.equal(meta.xmp, undefined);
  assert.equal(meta.width, 120, 'the picture itself is kept');
  assert.doesNotMatch(pub.rawPayload.toString('latin1'), /Apple|iPhone|Camera 1\.0|2026:03:02/, 'no maker, model, software or time left anywhere in the bytes');
  // The original, with its GPS, is for its owner only: not public, not to another citizen.
  assert.equal((await t.app.inject({ url: `/api/v1/media/${item.sha256}` })).statusCode, 404);
  const other = await createCitizen(t.app, { verified: true });
  assert.equal((await t.app.inject({ url: `/api/v1/uploads/${item.id}/content`, headers: await signInHeaders(t.app, other.phone) })).statusCode, 404);
});
