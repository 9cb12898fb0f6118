/**
 * Near-duplicate detection, pure parts (issue 5 items 2–3, R-6.2c; ADR 0006): perceptual photo hashes with the
 * multi-index-hashing arithmetic, and MinHash/LSH signatures of report texts.
 */
export {
  hammingDistance,
  isPhotoHash,
  masksWithin,
  PHOTO_HASH_CHUNKS,
  PHOTO_HASH_MAX_SEARCH_DISTANCE,
  photoHashChunkRadius,
  photoHashChunks,
  photoHashFromBigInt,
  photoHashFromBits,
  photoHashProbes,
  photoHashToBits,
} from './photo-hash.ts';
export {
  estimatedJaccard,
  lshCandidateProbability,
  minhashFromBytes,
  minhashToBytes,
  normaliseReportText,
  shingleHashes,
  signatureOfShingles,
  TEXT_MINHASH,
  textSignature,
  type TextSignature,
} from './text-minhash.ts';
