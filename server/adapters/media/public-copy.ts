/**
 * The public copy of a photo: what the public map, the presenters and integrators serve, never the original.
 *
 * A citizen's photo carries where they stood (EXIF GPS — often their home), the phone model and serial-like
 * tags, edit history in XMP. The original is kept, content-addressed, for officers (R-6.1b: media intact);
 * the public copy is re-encoded from pixels so none of that can leak:
 * - rotated as displayed (EXIF orientation for JPEG/PNG/WebP, HEIF irot/imir applied by libheif) — the copy has
 *   no orientation tag left to honour, so the pixels must already be upright;
 * - at most 2048 px on its long side (never enlarged);
 * - transparent areas flattened on white, converted to sRGB;
 * - JPEG with no metadata at all: sharp writes none unless asked (`keepMetadata`/`withMetadata`/`withExif`),
 *   and none of those is called here.
 *
 * Videos get no public copy here: stripping a video's metadata means remuxing it (ffmpeg), and ffmpeg is not part
 * of this stack. `publicCopy` returns null for them; until a remuxing step exists, videos must not be published
 * as-is (an iPhone MOV carries its GPS position in `moov/udta`/`meta`).
 */
import sharp, { type Sharp } from 'sharp';
import { decodeHeic } from './heic-decoder.ts';
import { sha256Hex } from './hash.ts';
import { displayName, type MediaInspectionOk } from './inspect.ts';
import { MEDIA_LIMITS } from './limits.ts';

export interface PublicCopy {
  ok: true;
  bytes: Buffer;
  mime: 'image/jpeg';
  ext: 'jpg';
  width: number;
  height: number;
  sha256: string;
}

export interface PublicCopyFailure {
  ok: false;
  /** CORRUPT: the photo's pixels cannot be decoded. HEIC_NOT_SUPPORTED: this server cannot decode HEIC at all. */
  code: 'CORRUPT' | 'HEIC_NOT_SUPPORTED';
  /** Vietnamese, for the citizen. */
  message: string;
}

const JPEG_QUALITY = 82;

/**
 * Makes the public copy of an inspected photo; null for a video (see the module comment).
 * `declaredName` only names the file in a failure message.
 */
export async function publicCopy(bytes: Buffer, inspection: MediaInspectionOk, declaredName = ''): Promise<PublicCopy | PublicCopyFailure | null> {
  if (inspection.kind === 'video') return null;
  // The inspection's verdict (type, size, decodability) is only worth anything for the bytes it was made on.
  if (bytes.length !== inspection.bytes || sha256Hex(bytes) !== inspection.sha256) {
    throw new Error('publicCopy: the bytes are not the ones that were inspected');
  }
  const name = displayName(declaredName);

  let image: Sharp;
  if (inspection.mime === 'image/heic' || inspection.mime === 'image/heif') {
    const decoded = await decodeHeic(bytes);
    if (!decoded.ok) {
      return decoded.reason === 'unavailable'
        ? {
            ok: false,
            code: 'HEIC_NOT_SUPPORTED',
            message: `Máy chủ tạm thời không xử lý được ảnh HEIC “${name}”. Vui lòng chụp lại ở định dạng JPEG (iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất) hoặc gửi ảnh JPEG.`,
          }
        : { ok: false, code: 'CORRUPT', message: `Ảnh HEIC “${name}” bị hỏng hoặc không đầy đủ, không đọc được.` };
    }
    // Raw pixels carry no metadata and no orientation: libheif has already turned them upright.
    image = sharp(decoded.rgba, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
  } else {
    image = sharp(bytes, { failOn: 'truncated', limitInputPixels: MEDIA_LIMITS.photoMaxPixels }).autoOrient();
  }

  try {
    const max = MEDIA_LIMITS.publicCopyMaxSide;
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .jpeg({ quality: JPEG_QUALITY, progressive: true })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, mime: 'image/jpeg', ext: 'jpg', width: info.width, height: info.height, sha256: sha256Hex(data) };
  } catch {
    return { ok: false, code: 'CORRUPT', message: `Ảnh “${name}” bị hỏng hoặc không đầy đủ, không đọc được.` };
  }
}
