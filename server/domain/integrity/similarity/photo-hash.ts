/**
 * 64-bit perceptual hashes of photos (R-6.2c: media reused from another reporter's earlier report) and the
 * arithmetic of finding every stored hash within a Hamming distance of a query among millions.
 *
 * A hash travels as 16 lower-case hex characters (JSON-safe, readable in findings' evidence) and is stored in
 * PostgreSQL as `bit(64)`, bit 1 being the high bit of the first hex digit (ADR 0006).
 *
 * Search is multi-index hashing (Norouzi, Punjani & Fleet, CVPR 2012): the 64 bits are cut into
 * `PHOTO_HASH_CHUNKS` chunks; if two hashes differ in at most d bits, by the pigeonhole principle at least one
 * chunk differs in at most ⌊d / m⌋ bits (m chunks). So the candidates are the stored hashes that equal, in some
 * chunk, one of the values within ⌊d / m⌋ bits of the query's chunk — exact look-ups in one btree index per
 * chunk — and each candidate is then checked on all 64 bits. Nothing within d is missed: the search is exact.
 */

/** The chunks of a hash, as [first bit (0-based from the high bit), length]: 21 + 21 + 22 bits. */
export const PHOTO_HASH_CHUNKS: readonly (readonly [start: number, bits: number])[] = [
  [0, 21],
  [21, 21],
  [42, 22],
];

const HEX16 = /^[0-9a-f]{16}$/;

/** True for a perceptual hash as this module writes it: exactly 16 lower-case hex characters. */
export function isPhotoHash(value: unknown): value is string {
  return typeof value === 'string' && HEX16.test(value);
}

function toBigInt(hash: string): bigint {
  if (!isPhotoHash(hash)) throw new RangeError(`not a 64-bit photo hash: ${JSON.stringify(hash)}`);
  return BigInt(`0x${hash}`);
}

/** The 64 bits as 16 hex characters (the inverse of reading one). */
export function photoHashFromBigInt(value: bigint): string {
  return BigInt.asUintN(64, value).toString(16).padStart(16, '0');
}

/** Number of set bits of a 64-bit value. */
function popcount64(x: bigint): number {
  let hi = Number(x >> 32n) >>> 0;
  let lo = Number(x & 0xffffffffn) >>> 0;
  let n = 0;
  while (hi) {
    hi &= hi - 1;
    n++;
  }
  while (lo) {
    lo &= lo - 1;
    n++;
  }
  return n;
}

/** Hamming distance of two hashes: the number of bits in which they differ (0 = same, 64 = complements). */
export function hammingDistance(a: string, b: string): number {
  return popcount64(toBigInt(a) ^ toBigInt(b));
}

/** The hash as PostgreSQL's `bit(64)` input text ('0101…', 64 characters). */
export function photoHashToBits(hash: string): string {
  return toBigInt(hash).toString(2).padStart(64, '0');
}

/** A `bit(64)` value as PostgreSQL writes it ('0101…') back to 16 hex characters. */
export function photoHashFromBits(bits: string): string {
  if (!/^[01]{64}$/.test(bits)) throw new RangeError(`not 64 bits: ${JSON.stringify(bits)}`);
  return photoHashFromBigInt(BigInt(`0b${bits}`));
}

/** The value of each chunk (as an unsigned integer), in PHOTO_HASH_CHUNKS order. */
export function photoHashChunks(hash: string): number[] {
  const h = toBigInt(hash);
  return PHOTO_HASH_CHUNKS.map(([start, bits]) => Number((h >> BigInt(64 - start - bits)) & ((1n << BigInt(bits)) - 1n)));
}

const masksCache = new Map<string, number[]>();

/** Every `bits`-bit mask with at most `radius` bits set (0 first), cached: there are Σ C(bits, i) of them. */
export function masksWithin(bits: number, radius: number): number[] {
  const key = `${bits}/${radius}`;
  const cached = masksCache.get(key);
  if (cached) return cached;
  const out: number[] = [0];
  // Masks with exactly k bits: extend each (k-1)-bit mask by a bit above its highest one (no repeats).
  let previous: number[] = [0];
  for (let k = 1; k <= Math.min(radius, bits); k++) {
    const next: number[] = [];
    for (const m of previous) {
      const from = m === 0 ? 0 : 32 - Math.clz32(m);
      for (let b = from; b < bits; b++) next.push(m | (1 << b));
    }
    out.push(...next);
    previous = next;
  }
  masksCache.set(key, out);
  return out;
}

/**
 * The largest distance a search may ask for: up to 11 a search probes at most 3 bits per chunk (~5,100 look-ups);
 * 12 would need 4 (~26,000), and random 64-bit hashes start matching by chance.
 */
export const PHOTO_HASH_MAX_SEARCH_DISTANCE = 11;

/** Bits a chunk may differ in for a search within `maxDistance` of the whole hash: ⌊maxDistance / chunks⌋. */
export function photoHashChunkRadius(maxDistance: number): number {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > PHOTO_HASH_MAX_SEARCH_DISTANCE) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${PHOTO_HASH_MAX_SEARCH_DISTANCE}`);
  }
  return Math.floor(maxDistance / PHOTO_HASH_CHUNKS.length);
}

/**
 * The chunk values to look up for all hashes within `maxDistance` of `hash`: one list per chunk, each holding
 * the query's chunk value XOR every mask of at most ⌊maxDistance / chunks⌋ bits. (The database search builds
 * the same lists from its table of masks, `photo_hash_masks`.)
 */
export function photoHashProbes(hash: string, maxDistance: number): number[][] {
  const radius = photoHashChunkRadius(maxDistance);
  const chunks = photoHashChunks(hash);
  return PHOTO_HASH_CHUNKS.map(([, bits], i) => {
    const value = chunks[i] as number;
    // XOR of two non-negative values below 2^22 stays a non-negative 32-bit integer.
    return masksWithin(bits, radius).map((m) => (value ^ m) >>> 0);
  });
}
