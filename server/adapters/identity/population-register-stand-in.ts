/**
 * Local stand-in for the national population register: verifies a claim against the invented people
 * of data/demo/population-register.json, so development, demos and tests work offline. A VNeID OpenID
 * Connect adapter implements the same port in production.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IdentityClaim, IdentityVerdict, IdentityVerifier } from '../../app/ports.ts';
import { PROJECT_ROOT_URL } from '../../paths.ts';

interface Person {
  cccd: string;
  fullName: string;
  dateOfBirth: string;
}

const REGISTER_FILE = fileURLToPath(new URL('data/demo/population-register.json', PROJECT_ROOT_URL));

const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi') ===
  b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export class PopulationRegisterStandIn implements IdentityVerifier {
  private readonly people: Map<string, Person>;

  constructor(people?: Person[]) {
    const list = people ?? (JSON.parse(readFileSync(REGISTER_FILE, 'utf8')) as { people: Person[] }).people;
    this.people = new Map(list.map((p) => [p.cccd, p]));
  }

  async verify(claim: IdentityClaim): Promise<IdentityVerdict> {
    const person = this.people.get(claim.cccd);
    if (!person) return { verified: false, reason: 'not_found' };
    if (!sameName(person.fullName, claim.fullName) || person.dateOfBirth !== claim.dateOfBirth)
      return { verified: false, reason: 'mismatch' };
    return { verified: true, reference: `stand-in:${claim.cccd.slice(0, 3)}…${claim.cccd.slice(-2)}` };
  }

  /** The demo population, for seeding demo citizens. */
  list(): Person[] {
    return [...this.people.values()];
  }
}
