import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256: the content address of media. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for exactly 64 lower-case hex characters: the only strings a path may be built from. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}
