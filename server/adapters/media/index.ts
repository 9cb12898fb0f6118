/**
 * Media of reports: inspection by content, public copies without metadata, and the
 * content-addressed store of originals (R-6.1b).
 */
export { FileContentStore, InvalidContentAddressError, type PutResult } from './content-store.ts';
export { isSha256Hex, sha256Hex } from './hash.ts';
export {
  inspectMedia,
  type GeoPoint,
  type MediaExt,
  type MediaInspection,
  type MediaInspectionOk,
  type MediaKind,
  type MediaMime,
  type MediaRejection,
  type MediaRejectionCode,
} from './inspect.ts';
export { MEDIA_LIMITS } from './limits.ts';
export { heicDecodeLoad } from './heic-decoder.ts';
export { publicCopy, type PublicCopy, type PublicCopyFailure } from './public-copy.ts';
