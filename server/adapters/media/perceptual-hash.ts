/**
 * A 64-bit perceptual hash of a photo (R-6.2c: the same photo re-sent by someone else, resized, re-encoded or
 * lightly cropped, must still be recognised; the SHA-256 of the bytes only catches the very same file).
 *
 * Two classic hashes are implemented; `pHash` is the one used (PHOTO_HASH_ALGORITHM), chosen by measurement on
 * the generated photo set (bench/integrity/photo-quality.bench.ts, ADR 0006). Each is computed for the whole
 * frame and for 15 slightly cropped views (PHOTO_HASH_VIEWS: what makes a light crop of a stored photo match):
 * - pHash: the photo shrunk to 32×32 grey levels, its 2-D DCT, the 8×8 lowest frequencies without the DC row
 *   and column, each bit = coefficient above their median. Low frequencies describe the layout of the picture,
 *   which survives resizing, re-encoding, brightness changes and small crops; the median makes every hash have
 *   32 ones, so the bits of different photos are close to independent coin flips.
 * - dHash: the photo shrunk to 9×8, each bit = whether a pixel is brighter than its right neighbour.
 *
 * Pixels as displayed: EXIF orientation applied, transparency flattened on white, reduced by sharp to grey levels
 * at most 256 px on the long side; the views are cut and averaged down from that here. HEVC-coded HEIC is decoded by
 * heic-decoder.ts (sharp cannot). Uploads hash their public copy (receive-uploads.ts), which is already upright,
 * decoded and at most 2048 px: one decode of an iPhone photo serves both.
 */
import sharp, { type Sharp } from 'sharp';
import { decodeHeic } from './heic-decoder.ts';
import { MEDIA_LIMITS } from './limits.ts';
import { photoHashFromBigInt } from '../../domain/integrity/similarity/index.ts';

export { hammingDistance, isPhotoHash } from '../../domain/integrity/similarity/index.ts';

export type PerceptualHashAlgorithm = 'phash' | 'dhash';

/** The algorithm of every stored hash: changing it means recomputing all of them (hashes of both never compare). */
export const PHOTO_HASH_ALGORITHM: PerceptualHashAlgorithm = 'phash';

/**
 * The views of a photo that are hashed and stored, as fractions trimmed [at the start, at the end] of each axis:
 * the whole frame, 7 % off either side, 3.5 % off both. Every pair (horizontal, vertical) is a view: 16 views.
 *
 * Why: a global hash does not survive cropping — a 10 % crop moves the picture's layout by up to 10 % of the
 * frame and pHash distances reach 20–28 bits, beyond those of different photos (12–18). A crop of up to 10 % of
 * each side pair lies within about 3.5 % of one of these views on every edge, where the distance stays ≤ 8
 * (measured: bench/integrity/photo-quality.bench.ts). So every stored photo is stored with the hashes of its
 * views, and a new photo — as sent, whole — is looked up among them: a crop of an earlier photo matches one of
 * its views. View 0 is the whole frame.
 */
export const PHOTO_HASH_VIEWS: readonly (readonly [left: number, right: number, top: number, bottom: number])[] = (() => {
  const axis = [
    [0, 0],
    [0.07, 0],
    [0, 0.07],
    [0.035, 0.035],
  ] as const;
  return axis.flatMap(([left, right]) => axis.map(([top, bottom]) => [left, right, top, bottom] as const));
})();

export type PerceptualHashResult =
  | {
      ok: true;
      /** The whole frame's hash: 16 lower-case hex characters. */
      hash: string;
      /** The hash of each view of PHOTO_HASH_VIEWS, in that order (`views[0] === hash`). */
      views: string[];
    }
  /**
   * flat: the picture has (almost) no detail — one colour, a plain gradient — so its bits would be rounding
   * noise, matching other blank pictures by chance: none is given. undecodable: the pixels cannot be read.
   */
  | { ok: false; reason: 'flat' | 'undecodable' };

/** dHash: grey levels whose spread (standard deviation, 0–255) is below this are a flat picture. */
const FLAT_STDDEV = 1.5;
/** The photo is first reduced to grey levels at most this many pixels on its long side; views are cut from it. */
const GREY_SIDE = 256;

/**
 * The perceptual hashes of a photo's bytes (JPEG, PNG, WebP; HEIC when `mime` says so): the whole frame and
 * every view of PHOTO_HASH_VIEWS. `algorithm` is for the measurement bench only: stored hashes all use
 * PHOTO_HASH_ALGORITHM.
 */
export async function perceptualHash(
  bytes: Buffer,
  opts: { mime?: string; algorithm?: PerceptualHashAlgorithm } = {},
): Promise<PerceptualHashResult> {
  const grey = await greyThumbnail(bytes, opts.mime);
  if (!grey) return { ok: false, reason: 'undecodable' };
  const algorithm = opts.algorithm ?? PHOTO_HASH_ALGORITHM;
  const [width, height] = algorithm === 'phash' ? [32, 32] : [9, 8];
  const views: string[] = [];
  for (const view of PHOTO_HASH_VIEWS) {
    const small = resampleView(grey, view, width, height);
    const bits = algorithm === 'phash' ? pHashBits(small) : dHashBits(small);
    // A view without detail (even a cropped one) would match anything by chance.
    if (bits === null) return { ok: false, reason: 'flat' };
    views.push(photoHashFromBigInt(bits));
  }
  return { ok: true, hash: views[0] as string, views };
}

interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The photo as displayed (oriented, flattened on white) in grey levels, at most GREY_SIDE on its long side. */
async function greyThumbnail(bytes: Buffer, mime: string | undefined): Promise<Grey | null> {
  let image: Sharp;
  if (mime === 'image/heic' || mime === 'image/heif') {
    const decoded = await decodeHeic(bytes);
    if (!decoded.ok) return null;
    image = sharp(decoded.rgba, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
  } else {
    image = sharp(bytes, { failOn: 'truncated', limitInputPixels: MEDIA_LIMITS.photoMaxPixels }).autoOrient();
  }
  try {
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .resize(GREY_SIDE, GREY_SIDE, { fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 || data.length !== info.width * info.height) return null;
    return { width: info.width, height: info.height, data };
  } catch {
    return null;
  }
}

/**
 * The part of the picture a view keeps, averaged down to `outW`×`outH` pixels (area averaging with fractional
 * edges, so a view's bounds need not fall on whole pixels and a photo resized by any factor gives the same
 * result within rounding).
 */
function resampleView(grey: Grey, view: readonly [number, number, number, number], outW: number, outH: number): Float64Array {
  const [left, right, top, bottom] = view;
  const xs = axisWeights(grey.width * left, grey.width * (1 - right), outW, grey.width);
  const ys = axisWeights(grey.height * top, grey.height * (1 - bottom), outH, grey.height);
  // Horizontal pass into rows of outW, then vertical.
  const rows = new Float64Array(grey.height * outW);
  for (let y = 0; y < grey.height; y++) {
    for (let j = 0; j < outW; j++) {
      const w = xs[j] as AxisWeights;
      let s = 0;
      for (let k = 0; k < w.weights.length; k++) s += (grey.data[y * grey.width + w.first + k] as number) * (w.weights[k] as number);
      rows[y * outW + j] = s;
    }
  }
  const out = new Float64Array(outW * outH);
  for (let i = 0; i < outH; i++) {
    const w = ys[i] as AxisWeights;
    for (let j = 0; j < outW; j++) {
      let s = 0;
      for (let k = 0; k < w.weights.length; k++) s += (rows[(w.first + k) * outW + j] as number) * (w.weights[k] as number);
      out[i * outW + j] = s;
    }
  }
  return out;
}

interface AxisWeights {
  first: number;
  /** Share of each source pixel from `first` on in this output pixel; they sum to 1. */
  weights: number[];
}

/** For each of `n` output pixels spanning [from, to) of `size` source pixels, the source pixels it covers and how much. */
function axisWeights(from: number, to: number, n: number, size: number): AxisWeights[] {
  const step = (to - from) / n;
  return Array.from({ length: n }, (_, j) => {
    const a = from + j * step;
    const b = a + step;
    const first = Math.floor(a);
    const weights: number[] = [];
    // (p < size: rounding may put the last edge a hair past the last pixel)
    for (let p = first; p < b && p < size; p++) weights.push((Math.min(b, p + 1) - Math.max(a, p)) / step);
    return { first, weights };
  });
}

function standardDeviation(values: Float64Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
}

const N = 32;
/** COS[u][x] = cos((2x + 1) u π / 2N): the DCT-II basis, for the 9 lowest frequencies only. */
const COS: Float64Array[] = Array.from({ length: 9 }, (_, u) => Float64Array.from({ length: N }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N))));

/** Root-mean-square of the hashed DCT coefficients (unnormalised sums, / 256), below which a picture has no detail. */
const MIN_DETAIL = 0.05;

/**
 * pHash bits of 32×32 grey pixels (row-major): frequencies u, v = 1…8, bit (u−1)·8 + (v−1) from the high bit;
 * null when the picture has no detail at those frequencies.
 */
function pHashBits(grey: Float64Array): bigint | null {
  // Separable DCT: first along each row (horizontal frequency v), then down the columns (vertical frequency u).
  const rows = new Float64Array(N * 8);
  for (let y = 0; y < N; y++) {
    for (let v = 1; v <= 8; v++) {
      const c = COS[v] as Float64Array;
      let s = 0;
      for (let x = 0; x < N; x++) s += (grey[y * N + x] as number) * (c[x] as number);
      rows[y * 8 + (v - 1)] = s;
    }
  }
  const coefficients = new Float64Array(64);
  for (let u = 1; u <= 8; u++) {
    const c = COS[u] as Float64Array;
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += (rows[y * 8 + v] as number) * (c[y] as number);
      coefficients[(u - 1) * 8 + v] = s;
    }
  }
  // Without detail in these frequencies (a uniform picture, a plain gradient, halves of two colours) the signs
  // below would be rounding noise: no hash. Measured on this scale: the generated scenes 3–5, a photo of pure
  // camera noise 0.15, a gradient or two halves of colour below 0.001.
  let energy = 0;
  for (const c of coefficients) energy += c * c;
  if (Math.sqrt(energy / 64) / 256 < MIN_DETAIL) return null;
  const sorted = Float64Array.from(coefficients).sort();
  const median = ((sorted[31] as number) + (sorted[32] as number)) / 2;
  let bits = 0n;
  for (let i = 0; i < 64; i++) bits = (bits << 1n) | ((coefficients[i] as number) > median ? 1n : 0n);
  return bits;
}

/** dHash bits of 9×8 grey pixels: row by row, bit = left pixel brighter than its right neighbour; null if flat. */
function dHashBits(grey: Float64Array): bigint | null {
  if (standardDeviation(grey) < FLAT_STDDEV) return null;
  let bits = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) bits = (bits << 1n) | ((grey[y * 9 + x] as number) > (grey[y * 9 + x + 1] as number) ? 1n : 0n);
  }
  return bits;
}
