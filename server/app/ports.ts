/** Ports: what the application needs from the outside world. Adapters implement them. */

/** Time as a dependency, so that use cases and tests never read the machine clock directly. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Identity verification against the national population register. */
export interface IdentityClaim {
  cccd: string;
  fullName: string;
  dateOfBirth: string;
}
export type IdentityVerdict = { verified: true; reference: string } | { verified: false; reason: 'not_found' | 'mismatch' };
export interface IdentityVerifier {
  verify(claim: IdentityClaim): Promise<IdentityVerdict>;
}

/**
 * Content-addressed storage of media — originals and their public copies — under the SHA-256 of their bytes
 * (R-6.1b: a stored file never changes). `FileContentStore` (server/adapters/media) implements it on disk.
 */
export interface MediaStore {
  /** Stores the bytes under their SHA-256; storing the same bytes again is a no-op. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; created: boolean }>;
  /** The stored bytes, or null when nothing is stored under that address. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** The stored file's path, for streaming; throws for anything but 64 lower-case hex characters. */
  pathOf(sha256: string): string;
}
