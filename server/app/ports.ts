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
