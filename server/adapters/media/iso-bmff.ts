/**
 * The little of ISO-BMFF (ISO/IEC 14496-12) that telling HEIC photos from MP4/QuickTime videos needs: the
 * brands of the leading `ftyp` box, and a walk over the top-level boxes to see that the file is whole.
 *
 * Why our own reading rather than file-type's answer for these: file-type decides on the major brand alone and
 * calls every brand it does not know `video/mp4`, so an audio file with a `M4A ` major brand and `isom`
 * compatible brands, or a made-up brand, would pass as a video. Here a brand must be on an allow-list.
 */

export interface FtypBrands {
  major: string;
  compatible: string[];
}

/** Reads the `ftyp` box at the start of the buffer; undefined when the buffer does not start with one. */
export function readFtyp(bytes: Uint8Array): FtypBrands | undefined {
  if (bytes.length < 16 || latin1(bytes, 4, 8) !== 'ftyp') return undefined;
  const size = readUint32(bytes, 0);
  if (size < 16 || size > bytes.length) return undefined;
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= size; at += 4) compatible.push(latin1(bytes, at, at + 4));
  return { major: latin1(bytes, 8, 12), compatible };
}

/** HEIF brands of HEVC-coded still images and image sequences (Apple writes `heic` + `mif1`). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
/** Generic HEIF structure brands; the codec inside is checked separately (AV1 in HEIF is AVIF). */
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
/** Brands of MPEG-4 video files as phones, cameras and encoders write them. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'mmp4', 'dash']);
/** Apple QuickTime movie, the default format of iPhone videos. */
const QUICKTIME_BRAND = 'qt  ';
/** Brands that look like the above but are not photos or videos we take: audio-only MP4, AVIF, 3GPP, camera RAW. */
const REFUSED_MAJOR: Record<string, string> = {
  'M4A ': 'audio/mp4',
  'M4B ': 'audio/mp4',
  'M4P ': 'audio/mp4',
  'F4A ': 'audio/mp4',
  'F4B ': 'audio/mp4',
  avif: 'image/avif',
  avis: 'image/avif',
  crx: 'image/x-canon-cr3',
};

export type IsoBmffClass =
  | { accepted: true; kind: 'photo'; mime: 'image/heic' | 'image/heif'; ext: 'heic' | 'heif' }
  | { accepted: true; kind: 'video'; mime: 'video/mp4'; ext: 'mp4' }
  | { accepted: true; kind: 'video'; mime: 'video/quicktime'; ext: 'mov' }
  | { accepted: false; detected: string };

/** Classifies an ISO-BMFF file by its brands: the major brand decides when it is known, else the compatible ones. */
export function classifyBrands({ major, compatible }: FtypBrands): IsoBmffClass {
  const refused = REFUSED_MAJOR[major] ?? REFUSED_MAJOR[major.trim()];
  if (refused) return { accepted: false, detected: refused };
  if (major.startsWith('3g')) return { accepted: false, detected: major.startsWith('3g2') ? 'video/3gpp2' : 'video/3gpp' };
  const heic = { accepted: true, kind: 'photo', mime: 'image/heic', ext: 'heic' } as const;
  const heif = { accepted: true, kind: 'photo', mime: 'image/heif', ext: 'heif' } as const;
  const mp4 = { accepted: true, kind: 'video', mime: 'video/mp4', ext: 'mp4' } as const;
  const mov = { accepted: true, kind: 'video', mime: 'video/quicktime', ext: 'mov' } as const;
  if (HEIC_BRANDS.has(major)) return heic;
  if (HEIF_BRANDS.has(major)) return compatible.some((b) => HEIC_BRANDS.has(b)) ? heic : heif;
  if (major === QUICKTIME_BRAND) return mov;
  if (MP4_BRANDS.has(major)) return mp4;
  // An unknown major brand: trust a known compatible brand.
  if (compatible.some((b) => HEIC_BRANDS.has(b))) return heic;
  if (compatible.some((b) => HEIF_BRANDS.has(b))) return heif;
  if (compatible.includes(QUICKTIME_BRAND)) return mov;
  if (compatible.some((b) => MP4_BRANDS.has(b))) return mp4;
  return { accepted: false, detected: `ISO-BMFF (${major.trim() || '?'})` };
}

export type BoxWalk = { whole: true; topLevel: string[] } | { whole: false; reason: string };

/**
 * Walks the top-level boxes. A file is whole when every box lies within the file (an upload cut short leaves
 * the last box, usually `mdat` or `moov`, running past the end) and each type is four printable characters.
 */
export function walkTopLevelBoxes(bytes: Uint8Array, maxBoxes = 10_000): BoxWalk {
  const topLevel: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (topLevel.length >= maxBoxes) return { whole: false, reason: 'too many boxes' };
    if (at + 8 > bytes.length) return { whole: false, reason: 'truncated box header' };
    const type = latin1(bytes, at + 4, at + 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return { whole: false, reason: `invalid box type at ${at}` };
    let size = readUint32(bytes, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > bytes.length) return { whole: false, reason: 'truncated box header' };
      const large = new DataView(bytes.buffer, bytes.byteOffset + at + 8, 8).getBigUint64(0);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) return { whole: false, reason: `box ${type} too large` };
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = bytes.length - at; // "extends to the end of the file": only meaningful for the last box
    }
    if (size < header) return { whole: false, reason: `box ${type} smaller than its header` };
    if (at + size > bytes.length) return { whole: false, reason: `box ${type} runs past the end of the file` };
    topLevel.push(type);
    at += size;
  }
  return { whole: true, topLevel };
}

/**
 * The codec of a HEIF file's coded images, from the codec configuration properties in its top-level `meta` box
 * (`hvcC`: HEVC, as in HEIC; `av1C`: AV1, as in AVIF). Brands do not settle this: a file may carry AV1 under
 * the generic `mif1` brand, and libvips reports `hevc` for any HEIF without an AVIF brand.
 */
export function heifCodec(bytes: Uint8Array): 'hevc' | 'av1' | undefined {
  let at = 0;
  while (at + 8 <= bytes.length) {
    const size = readUint32(bytes, at);
    const type = latin1(bytes, at + 4, at + 8);
    if (type === 'meta') {
      const meta = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(size || bytes.length - at, bytes.length - at));
      if (meta.includes('hvcC', 0, 'latin1')) return 'hevc';
      if (meta.includes('av1C', 0, 'latin1')) return 'av1';
      return undefined;
    }
    if (size < 8) return undefined; // 0 (to the end), 1 (64-bit: never a box before `meta`) or invalid
    at += size;
  }
  return undefined;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
