/**
 * Inspection of a file attached to a report (R-5.2: photos and/or video): what it really is, whether it is
 * whole, and what its EXIF says about when and where it was taken.
 *
 * The type is decided by the bytes, never by the file name or the Content-Type the client sent: a PNG named
 * `.jpg` is a PNG, a program named `.jpg` is refused. Detection uses `file-type` (magic numbers for hundreds of
 * formats, widely used and maintained; 21.x is the last line that supports Node 20), which also lets a refusal
 * name what the file actually is. For the ISO-BMFF family (HEIC, MP4, MOV) file-type decides on the major brand
 * alone and calls any unknown brand `video/mp4`, so those brands are read and allow-listed here
 * (see iso-bmff.ts). Then the content must decode: sharp reads photos and every top-level box of a video must
 * lie inside the file. An upload cut short is CORRUPT, not "accepted and broken" (R-6.1b: media intact).
 *
 * Time (exifr 7.1 trap, STACK-NOTES): exifr turns DateTimeOriginal into a Date in the *process* time zone and
 * ignores OffsetTimeOriginal. We read the raw text (`reviveValues: false`), apply OffsetTimeOriginal when
 * present and otherwise read the wall clock as Asia/Ho_Chi_Minh — the platform's business zone, never the
 * server's — and answer in +07:00.
 */
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { formatVietnamTime, parseInstant, parseVietnamInstant } from '../../domain/calendar/index.ts';
import { sha256Hex } from './hash.ts';
import { classifyBrands, heifCodec, readFtyp, walkTopLevelBoxes } from './iso-bmff.ts';
import { MEDIA_LIMITS } from './limits.ts';

export type MediaKind = 'photo' | 'video';
export type MediaMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif' | 'video/mp4' | 'video/quicktime';
export type MediaExt = 'jpg' | 'png' | 'webp' | 'heic' | 'heif' | 'mp4' | 'mov';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface MediaInspectionOk {
  ok: true;
  kind: MediaKind;
  mime: MediaMime;
  /** The extension to store and serve it under, from the content (the client's name is not used). */
  ext: MediaExt;
  /** Size in bytes. */
  bytes: number;
  /** Lower-case hex SHA-256 of the bytes: the content address in the store. */
  sha256: string;
  /** Photos: width and height as displayed (after the EXIF orientation or HEIF rotation). */
  width?: number;
  height?: number;
  /** When the photo was taken, ISO 8601 in +07:00, from EXIF DateTimeOriginal (+ OffsetTimeOriginal). */
  takenAt?: string;
  /** Where the photo was taken, from EXIF GPS. Personal data: never published. */
  gps?: GeoPoint;
  /** EXIF Software, e.g. an editor's name: one of the signs of editing shown to the officer (R-6.2b). */
  software?: string;
  /** EXIF Make and Model ("Apple iPhone 13"): a photo straight from a camera names it. */
  camera?: string;
  /** Every tool the metadata names: EXIF Software and ProcessingSoftware, XMP CreatorTool and history agents. */
  editTools?: string[];
}

export type MediaRejectionCode = 'EMPTY' | 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'CORRUPT';

export interface MediaRejection {
  ok: false;
  code: MediaRejectionCode;
  /** Vietnamese, for the citizen, naming the file. */
  message: string;
  /** What the content was found to be, when known (e.g. `application/x-msdownload`). */
  detected?: string;
}

export type MediaInspection = MediaInspectionOk | MediaRejection;

type Detected =
  | { accepted: true; kind: MediaKind; mime: MediaMime; ext: MediaExt }
  | { accepted: false; detected: string | undefined };

const SHARP_FORMAT: Partial<Record<MediaMime, string>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heif',
  'image/heif': 'heif',
};

/** Inspects one uploaded file. `declaredName` is only used to name the file in messages. */
export async function inspectMedia(bytes: Buffer, declaredName: string): Promise<MediaInspection> {
  const name = displayName(declaredName);
  if (bytes.length === 0) return reject('EMPTY', `Tệp “${name}” rỗng (0 byte).`);

  const found = await detect(bytes);
  if (!found.accepted) {
    const what = found.detected ? ` (nội dung thực tế: ${found.detected})` : '';
    return reject(
      'UNSUPPORTED_TYPE',
      `Tệp “${name}” không phải ảnh (JPEG, PNG, WebP, HEIC) hoặc video (MP4, MOV) được chấp nhận${what}.`,
      found.detected,
    );
  }

  // A polyglot — a photo with an archive, a page or a program after its end (GIFAR) — is two files in one: the
  // original is kept and served as sent, so refuse it rather than keep the second file (issue 9).
  const appended = found.kind === 'photo' ? appendedPayload(bytes, found.mime) : undefined;
  if (appended) {
    return reject('UNSUPPORTED_TYPE', `Tệp “${name}” có dữ liệu khác (${appended}) nối sau ảnh: tệp ghép không được chấp nhận, hãy gửi ảnh gốc.`, appended);
  }

  const max = found.kind === 'photo' ? MEDIA_LIMITS.photoMaxBytes : MEDIA_LIMITS.videoMaxBytes;
  if (bytes.length > max) {
    const noun = found.kind === 'photo' ? 'Ảnh' : 'Video';
    return reject('TOO_LARGE', `${noun} “${name}” có dung lượng ${megabytes(bytes.length)} MB, vượt giới hạn ${megabytes(max)} MB.`, found.mime);
  }

  const base = { ok: true as const, kind: found.kind, mime: found.mime, ext: found.ext, bytes: bytes.length, sha256: sha256Hex(bytes) };
  const corrupt = () =>
    reject('CORRUPT', `Tệp “${name}” bị hỏng hoặc không đầy đủ (có thể do tải lên bị gián đoạn), không đọc được.`, found.mime);

  if (found.kind === 'video') {
    const walk = walkTopLevelBoxes(bytes);
    // A video without its `moov` box (the index of its samples) cannot be played.
    if (!walk.whole || !walk.topLevel.includes('moov')) return corrupt();
    return base;
  }

  // HEIF is ISO-BMFF too: an upload cut short leaves its last box (the coded image data) running past the end.
  // Only HEVC is taken: AV1 in HEIF is AVIF, not on the list (and not what phones send).
  if (found.mime === 'image/heic' || found.mime === 'image/heif') {
    const walk = walkTopLevelBoxes(bytes);
    if (!walk.whole || !walk.topLevel.includes('meta')) return corrupt();
    const codec = heifCodec(bytes);
    if (codec !== 'hevc') {
      const detected = codec === 'av1' ? 'image/avif' : 'HEIF (?)';
      return reject('UNSUPPORTED_TYPE', `Ảnh “${name}” dùng định dạng ${detected}, chưa được hỗ trợ.`, detected);
    }
  }
  const photo = await readPhoto(bytes, found.mime);
  if (!photo) return corrupt();
  if (photo.width * photo.height > MEDIA_LIMITS.photoMaxPixels) {
    return reject(
      'TOO_LARGE',
      `Ảnh “${name}” có ${photo.width}×${photo.height} điểm ảnh, vượt giới hạn ${MEDIA_LIMITS.photoMaxPixels / 1_000_000} triệu điểm ảnh.`,
      found.mime,
    );
  }
  const exif = photo.exif ? await readExif(photo.exif) : {};
  const editTools = [...new Set([...(exif.editTools ?? []), ...(photo.xmp ? xmpTools(photo.xmp) : [])])];
  return { ...base, width: photo.width, height: photo.height, ...exif, ...(editTools.length ? { editTools } : {}) };
}

async function detect(bytes: Buffer): Promise<Detected> {
  const ftyp = readFtyp(bytes);
  if (ftyp) {
    const c = classifyBrands(ftyp);
    return c.accepted ? c : { accepted: false, detected: c.detected };
  }
  const ft = await fileTypeFromBuffer(bytes);
  switch (ft?.mime) {
    case 'image/jpeg':
      return { accepted: true, kind: 'photo', mime: 'image/jpeg', ext: 'jpg' };
    case 'image/png':
    case 'image/apng': // an animated PNG is a PNG whose first frame is the photo
      return { accepted: true, kind: 'photo', mime: 'image/png', ext: 'png' };
    case 'image/webp':
      return { accepted: true, kind: 'photo', mime: 'image/webp', ext: 'webp' };
    default:
      return { accepted: false, detected: ft?.mime };
  }
}

interface PhotoRead {
  width: number;
  height: number;
  exif: Buffer | undefined;
  xmp: Buffer | undefined;
}

/**
 * Reads a photo's header with sharp and, for JPEG/PNG/WebP, decodes it at reduced size: the header alone
 * passes a JPEG cut in the middle of its scan data, the decode does not (`failOn: 'truncated'` tolerates the
 * harmless warnings some phones' JPEGs raise, but not a missing end). HEVC-coded HEIC cannot be decoded by
 * sharp's prebuilt libvips: its boxes are checked above, its pixels when the public copy is made (public-copy.ts).
 */
async function readPhoto(bytes: Buffer, mime: MediaMime): Promise<PhotoRead | undefined> {
  const options = { failOn: 'truncated', limitInputPixels: false } as const;
  try {
    const meta = await sharp(bytes, options).metadata();
    if (meta.format !== SHARP_FORMAT[mime]) return undefined;
    const width = meta.autoOrient.width;
    const height = meta.autoOrient.height;
    if (!(width > 0 && height > 0)) return undefined;
    if (meta.format !== 'heif' && width * height <= MEDIA_LIMITS.photoMaxPixels) {
      await sharp(bytes, options).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    }
    return { width, height, exif: meta.exif, xmp: meta.xmp };
  } catch {
    return undefined;
  }
}

type ExifFacts = Pick<MediaInspectionOk, 'takenAt' | 'gps' | 'software' | 'camera' | 'editTools'>;

/** The EXIF facts we keep. A malformed EXIF block does not make the photo corrupt: it just yields nothing. */
async function readExif(raw: Buffer): Promise<ExifFacts> {
  // sharp gives JPEG's APP1 payload with its `Exif\0\0` preamble, and the bare TIFF block for other formats.
  const tiff = raw.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? raw.subarray(6) : raw;
  let tags: Record<string, unknown>;
  try {
    const parsed: unknown = await exifr.parse(tiff, {
      reviveValues: false,
      translateValues: false,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'SubSecTimeOriginal',
        'Software',
        'ProcessingSoftware',
        'Make',
        'Model',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    });
    if (!parsed || typeof parsed !== 'object') return {};
    tags = parsed as Record<string, unknown>;
  } catch {
    return {};
  }
  const facts: ExifFacts = {};
  const takenAt = exifTakenAt(tags.DateTimeOriginal, tags.OffsetTimeOriginal, tags.SubSecTimeOriginal);
  if (takenAt) facts.takenAt = takenAt;
  const gps = exifGps(tags.GPSLatitude, tags.GPSLatitudeRef, tags.GPSLongitude, tags.GPSLongitudeRef);
  if (gps) facts.gps = gps;
  const text = (v: unknown) => (typeof v === 'string' ? clean(v).slice(0, 200) : '');
  const software = text(tags.Software);
  if (software) facts.software = software;
  const make = text(tags.Make);
  const model = text(tags.Model);
  // Models often repeat the make ("Canon Canon EOS R6"): say it once.
  const camera = model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`.trim();
  if (camera) facts.camera = camera;
  const tools = [software, text(tags.ProcessingSoftware)].filter((t) => t !== '');
  if (tools.length) facts.editTools = [...new Set(tools)];
  return facts;
}

// XMP is XML; the two places that name tools are xmp:CreatorTool and stEvt:softwareAgent (history), each as an
// attribute or an element. Only their text is kept.
const XMP_TOOL = /(?:xmp:CreatorTool|stEvt:softwareAgent)(?:="([^"]{1,200})"|>([^<]{1,200})<)/g;

/** The tools an XMP packet names (Photoshop, Lightroom, Snapseed …), in order, without repeats. */
export function xmpTools(xmp: Buffer): string[] {
  const found = new Set<string>();
  for (const m of xmp.toString('utf8').matchAll(XMP_TOOL)) {
    const tool = clean(m[1] ?? m[2] ?? '');
    if (tool) found.add(tool);
  }
  return [...found];
}

const EXIF_DATE_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const EXIF_OFFSET = /^[+-](\d{2}):(\d{2})$/;

/**
 * EXIF DateTimeOriginal (`2026:03:14 09:30:00`, a wall-clock time) as an instant in ISO 8601 at +07:00.
 * With OffsetTimeOriginal (`+09:00`) the wall clock is read at that offset; without it, as Vietnam time.
 * Undefined for missing or impossible values (cameras write `0000:00:00 00:00:00` when their clock is unset).
 */
export function exifTakenAt(dateTimeOriginal: unknown, offsetTimeOriginal?: unknown, subSecTimeOriginal?: unknown): string | undefined {
  if (typeof dateTimeOriginal !== 'string') return undefined;
  const m = EXIF_DATE_TIME.exec(clean(dateTimeOriginal));
  if (!m) return undefined;
  const subSec = typeof subSecTimeOriginal === 'string' || typeof subSecTimeOriginal === 'number' ? clean(String(subSecTimeOriginal)) : '';
  const fraction = /^\d{1,9}$/.test(subSec) ? `.${subSec}` : '';
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${fraction}`;
  const offset = typeof offsetTimeOriginal === 'string' ? clean(offsetTimeOriginal) : '';
  const instant = EXIF_OFFSET.test(offset) ? parseInstant(`${local}${offset}`) : parseVietnamInstant(local);
  return instant ? formatVietnamTime(instant) : undefined;
}

/** EXIF GPS degrees/minutes/seconds and N/S/E/W references as decimal degrees; undefined unless plausible. */
export function exifGps(lat: unknown, latRef: unknown, lng: unknown, lngRef: unknown): GeoPoint | undefined {
  const la = dms(lat);
  const lo = dms(lng);
  if (la === undefined || lo === undefined) return undefined;
  const south = typeof latRef === 'string' && clean(latRef).toUpperCase() === 'S';
  const west = typeof lngRef === 'string' && clean(lngRef).toUpperCase() === 'W';
  const point = { lat: south ? -la : la, lng: west ? -lo : lo };
  if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180) return undefined;
  return point;
}

function dms(value: unknown): number | undefined {
  const parts = Array.isArray(value) ? value : typeof value === 'number' ? [value] : [];
  if (parts.length === 0 || parts.length > 3 || !parts.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0)) return undefined;
  const [d = 0, m = 0, s = 0] = parts as number[];
  return d + m / 60 + s / 3600;
}

/** Where a JPEG, PNG or WebP ends by its own structure; undefined when that cannot be told (then nothing is checked). */
function imageEnd(b: Buffer, mime: MediaMime): number | undefined {
  if (mime === 'image/png') {
    for (let i = 8; i + 12 <= b.length; ) {
      const len = b.readUInt32BE(i);
      const end = i + 12 + len;
      if (b.toString('latin1', i + 4, i + 8) === 'IEND') return end;
      i = end;
    }
    return undefined;
  }
  if (mime === 'image/webp') return b.length >= 12 ? 8 + b.readUInt32LE(4) + (b.readUInt32LE(4) % 2) : undefined;
  if (mime !== 'image/jpeg') return undefined;
  // JPEG: segments with lengths (APPn hold EXIF and its thumbnail), then entropy-coded data after each SOS, which
  // ends at the first marker that is not a stuffed byte (FF00) or a restart (FFD0–FFD7); EOI (FFD9) ends the image.
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const m = b[i + 1] as number;
    if (m === 0xff) {
      i += 1;
      continue;
    }
    if (m === 0xd9) return i + 2;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return undefined;
    i += 2 + b.readUInt16BE(i + 2);
    if (m === 0xda) {
      for (;;) {
        i = b.indexOf(0xff, i);
        if (i < 0 || i + 1 >= b.length) return undefined;
        const n = b[i + 1] as number;
        if (n !== 0 && !(n >= 0xd0 && n <= 0xd7)) break;
        i += 2;
      }
    }
  }
  return undefined;
}

/** Signatures of what must not ride after a photo: archives (a .jar is a ZIP), markup and scripts, documents, programs. */
const APPENDED: [RegExp, string][] = [
  [/PK\x03\x04|PK\x05\x06|PK\x01\x02/, 'application/zip'],
  [/Rar!\x1a\x07|7z\xbc\xaf\x27\x1c/, 'application/x-archive'],
  [/<(?:!doctype|html|script|svg|iframe|body|object|embed)\b|<\?php|javascript:/i, 'text/html'],
  [/%PDF-/, 'application/pdf'],
  [/^\0*(?:\x7fELF|MZ|#!)/, 'application/x-executable'],
];

/** What follows a photo's end, when it is something else than padding or a phone's own trailer; undefined otherwise. */
function appendedPayload(b: Buffer, mime: MediaMime): string | undefined {
  const end = imageEnd(b, mime);
  if (end === undefined || end >= b.length) return undefined;
  const tail = b.toString('latin1', end);
  return APPENDED.find(([re]) => re.test(tail))?.[1];
}

function reject(code: MediaRejectionCode, message: string, detected?: string): MediaRejection {
  return detected ? { ok: false, code, message, detected } : { ok: false, code, message };
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}

/** Strips NULs (EXIF strings are NUL-padded) and surrounding spaces. */
function clean(s: string): string {
  return s.replace(/\0/g, '').trim();
}

/**
 * The client's file name, made safe to show: the last path segment, without control or bidi-override
 * characters (a name like `anh\u202Egpj.exe` would display as `anhexe.jpg`), at most 80 characters.
 */
export function displayName(declared: string): string {
  const last = declared.split(/[/\\]/).pop() ?? '';
  const safe = last.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (!safe) return 'không tên';
  return safe.length > 80 ? `${safe.slice(0, 79)}…` : safe;
}
