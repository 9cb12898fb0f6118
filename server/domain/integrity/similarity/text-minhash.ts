/**
 * Near-duplicate report texts (R-6.2c: a report copied from another reporter's earlier one; issue 5 item 3):
 * shingles of the Vietnamese text, a MinHash signature that estimates the Jaccard similarity of two shingle
 * sets, and LSH bands that find the signatures likely to be similar without comparing against every one.
 *
 * - Normalisation: `searchKey` of the units module (NFD, lower case, diacritics and tone marks removed, đ → d,
 *   punctuation as word breaks). Diacritic-insensitive on purpose: a copy typed without accents ("lan chiem via
 *   he") must still match, and a tone mark placed on another vowel must not matter.
 * - Shingles: pairs of consecutive syllables. Vietnamese words are one to three syllables, so syllable pairs
 *   carry word order and most two-syllable words, while single syllables ("đường", "rác") are shared by nearly
 *   every report of a category. Measured on hand-written reports (ADR 0006): reworded copies 0.52–1.0, different
 *   reports about the same kind of problem 0.09–0.23, different problems ≤ 0.03.
 * - MinHash: 128 independent 32-bit hash functions (murmur3's finaliser over the shingle hash XOR a seed), the
 *   minimum of each over the shingles. Only the low 16 bits of each minimum are stored (b-bit MinHash, Li &
 *   König 2010): 256 bytes a report, and two different minima agree by chance once in 65,536 — negligible.
 * - LSH: 32 bands of 4 minima, each band hashed with its number to a 32-bit key. Two texts with Jaccard s share
 *   at least one key with probability 1 − (1 − s⁴)³²: 0.87 at s = 0.5, 0.99 at 0.6, 0.05 at 0.2, 0.003 at 0.1.
 *
 * Everything is deterministic (fixed seeds): the same text gives the same signature on every server, forever —
 * changing a constant here means recomputing every stored signature.
 */
import { searchKey } from '../../units/names.ts';

export const TEXT_MINHASH = {
  /** Hash functions (minima) per signature. */
  hashes: 128,
  /** LSH bands × rows per band = hashes. */
  bands: 32,
  rows: 4,
  /** Fewer shingles than this: too short to judge (a few words match by chance); no signature is kept. */
  minShingles: 5,
  /** Estimated Jaccard from which two texts are near-duplicates. */
  threshold: 0.5,
} as const;

/** A text's signature: `minhash` holds the low 16 bits of each minimum; `bands` the LSH keys (signed 32-bit). */
export interface TextSignature {
  minhash: Uint16Array;
  bands: Int32Array;
  shingles: number;
}

/** murmur3's 32-bit finaliser: a bijection of 32-bit integers with good avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a word (searchKey words are ASCII, but anything works). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed seeds of the hash functions, from a splitmix-like sequence (never change: see the module comment). */
const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(TEXT_MINHASH.hashes);
  let x = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    s[i] = fmix32(x);
  }
  return s;
})();

/** The text as compared: title and description, normalised (see the module comment). */
export function normaliseReportText(title: string, description: string): string {
  return searchKey(`${title} ${description}`);
}

/** The distinct shingle hashes of a normalised text: syllable pairs (a single syllable when there is only one). */
export function shingleHashes(normalised: string): Uint32Array {
  const words = normalised.split(' ').filter(Boolean);
  const set = new Set<number>();
  if (words.length === 1) set.add(fmix32(fnv1a(words[0] as string)));
  let previous = words.length ? fnv1a(words[0] as string) : 0;
  for (let i = 1; i < words.length; i++) {
    const current = fnv1a(words[i] as string);
    set.add(fmix32((Math.imul(previous, 0x9e3779b1) ^ current) >>> 0));
    previous = current;
  }
  return Uint32Array.from(set);
}

/** The MinHash signature and LSH keys of a set of shingle hashes; null when there are too few shingles. */
export function signatureOfShingles(shingles: Uint32Array): TextSignature | null {
  if (shingles.length < TEXT_MINHASH.minShingles) return null;
  const k = TEXT_MINHASH.hashes;
  const minima = new Uint32Array(k).fill(0xffffffff);
  for (let j = 0; j < shingles.length; j++) {
    const x = shingles[j] as number;
    for (let i = 0; i < k; i++) {
      const v = fmix32((x ^ (SEEDS[i] as number)) >>> 0);
      if (v < (minima[i] as number)) minima[i] = v;
    }
  }
  const minhash = new Uint16Array(k);
  for (let i = 0; i < k; i++) minhash[i] = (minima[i] as number) & 0xffff;
  return { minhash, bands: bandKeys(minima), shingles: shingles.length };
}

/** The signature of a report's text, or null when it is too short to compare. */
export function textSignature(title: string, description: string): TextSignature | null {
  return signatureOfShingles(shingleHashes(normaliseReportText(title, description)));
}

/** One 32-bit key per band: its rows' full 32-bit minima and the band's number, mixed. */
function bandKeys(minima: Uint32Array): Int32Array {
  const { bands, rows } = TEXT_MINHASH;
  const keys = new Int32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = fmix32((b + 1) * 0x27d4eb2d);
    for (let r = 0; r < rows; r++) h = fmix32((Math.imul(h, 31) ^ (minima[b * rows + r] as number)) >>> 0);
    keys[b] = h | 0;
  }
  return keys;
}

/**
 * The Jaccard similarity two signatures estimate: the share of positions where their minima agree (b-bit
 * MinHash's chance agreements, 2⁻¹⁶, are not corrected for: at most +0.00002).
 */
export function estimatedJaccard(a: Uint16Array, b: Uint16Array): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError('signatures of different lengths');
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Probability that LSH makes a pair of Jaccard similarity `s` a candidate: 1 − (1 − s^rows)^bands. */
export function lshCandidateProbability(s: number): number {
  return 1 - (1 - s ** TEXT_MINHASH.rows) ** TEXT_MINHASH.bands;
}

/** The minima as bytes for storage (`bytea`, big-endian 16-bit) and back. */
export function minhashToBytes(minhash: Uint16Array): Uint8Array {
  const out = new Uint8Array(minhash.length * 2);
  for (let i = 0; i < minhash.length; i++) {
    const v = minhash[i] as number;
    out[2 * i] = v >>> 8;
    out[2 * i + 1] = v & 0xff;
  }
  return out;
}

export function minhashFromBytes(bytes: Uint8Array): Uint16Array {
  if (bytes.length % 2 !== 0) throw new RangeError('odd length');
  const out = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number);
  return out;
}
