/**
 * Size limits of the media attached to a report. One place, so that the multipart route (which must
 * cap a single part at the largest allowance before it knows the kind), the inspection (which applies the
 * per-kind cap once the content is known) and the web client all read the same numbers.
 *
 * "MB" here is MiB (1024 × 1024 bytes), as phones and browsers show file sizes.
 */
const MIB = 1024 * 1024;

export const MEDIA_LIMITS = {
  /** Largest photo accepted, in bytes (15 MB). */
  photoMaxBytes: 15 * MIB,
  /** Largest video accepted, in bytes (100 MB). */
  videoMaxBytes: 100 * MIB,
  /** Largest single upload part, whatever it turns out to be: give this to @fastify/multipart `fileSize`. */
  fileMaxBytes: 100 * MIB,
  /** Files per report. */
  maxFilesPerReport: 10,
  /**
   * Largest photo in pixels. Guards against decompression bombs (a few kB of PNG can claim 60 000² pixels);
   * 120 MP is above phones' default modes (12–50 MP) and their 108 MP modes; 200 MP photos exceed 15 MB anyway.
   */
  photoMaxPixels: 120_000_000,
  /** Long side of the public copy of a photo, in pixels. */
  publicCopyMaxSide: 2048,
} as const;
