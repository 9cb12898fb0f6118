/**
 * Citizen accounts (migration 0003): identities that follow the platform's rules (a CCCD of Thông tư 07/2016
 * structure, a Vietnamese mobile number in E.164, an e-mail), encrypted and blind-indexed with the platform's
 * PiiCipher exactly as registration stores them. Every account has the same password hash, computed once with
 * the platform's argon2id (SYNTHETIC_PASSWORD), so that a load test can sign in as any of them.
 *
 * Uniqueness (R-26.3, the unique blind indexes): the n-th account of the generator gets values from bijections
 * of n — a phone from an affine permutation of 28 mobile prefixes × 10⁷ numbers, a CCCD whose birth year and six
 * serial digits come from an affine permutation of 60 years × 10⁶ — so no two synthetic accounts collide. Numbers
 * continue after the citizen accounts already stored, so a second run adds new people.
 */
import type { Insertable } from 'kysely';
import type { PiiCipher } from '../../server/adapters/pii-cipher.ts';
import type { UsersTable } from '../../server/db/schema/accounts.ts';
import type { Rng } from './prng.ts';
import { uuidV7At } from './prng.ts';
import { asciiSlug, organisationName, personName } from './texts.ts';
import type { RegistrationInput } from '../../server/domain/identity/registration.ts';

export const SYNTHETIC_PASSWORD = 'ihanoi-synthetic';

const MOBILE_PREFIXES = ['96', '97', '98', '86', '32', '33', '34', '35', '36', '37', '38', '39', '91', '94', '88', '81', '82', '83', '84', '85', '90', '93', '58', '70', '76', '77', '78', '79'];
const PHONE_SPACE = MOBILE_PREFIXES.length * 10_000_000;
const FIRST_BIRTH_YEAR = 1950;
const BIRTH_YEARS = 60;
const CCCD_SPACE = BIRTH_YEARS * 1_000_000;
/** Affine permutations x → (A·x + B) mod M: A is prime and divides neither M (both are 2ᵃ·3ᵇ·5ᶜ·7ᵈ). */
const MULTIPLIER = 1_000_003;
export const ACCOUNT_CAPACITY = Math.min(PHONE_SPACE, CCCD_SPACE);

const OTHER_PROVINCES = ['002', '008', '019', '022', '024', '025', '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '079'];
/** Hanoi (001) registered most residents' births. */
const HANOI_BIRTH_SHARE = 0.6;
export const ORGANISATION_SHARE = 0.02;
/** Accounts that never verified their identity: they cannot report. */
export const UNVERIFIED_EVERY = 20;

const permute = (n: number, space: number, offset: number) => Number((BigInt(MULTIPLIER) * BigInt(n) + BigInt(offset)) % BigInt(space));

/** What a citizen registers with (the registration's own fields), without the password. */
export type CitizenIdentity = Omit<RegistrationInput, 'password' | 'organisation'> & { organisation: NonNullable<RegistrationInput['organisation']> | null };

/** The identity of the `n`-th synthetic account (in the forms registration normalises to). */
export function citizenIdentity(n: number, seed: number, rng: Rng): CitizenIdentity {
  if (n >= ACCOUNT_CAPACITY) throw new RangeError(`at most ${ACCOUNT_CAPACITY} synthetic accounts`);
  const female = rng.chance(0.5);
  const fullName = personName(rng, female);
  const x = permute(n, CCCD_SPACE, seed % CCCD_SPACE);
  const year = FIRST_BIRTH_YEAR + Math.floor(x / 1_000_000);
  const century = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const province = rng.chance(HANOI_BIRTH_SHARE) ? '001' : rng.pick(OTHER_PROVINCES);
  const cccd = `${province}${century}${String(year % 100).padStart(2, '0')}${String(x % 1_000_000).padStart(6, '0')}`;
  const p = permute(n, PHONE_SPACE, (seed * 7919) % PHONE_SPACE);
  const phone = `+84${MOBILE_PREFIXES[Math.floor(p / 10_000_000)]}${String(p % 10_000_000).padStart(7, '0')}`;
  const dateOfBirth = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
  const organisation = rng.chance(ORGANISATION_SHARE) ? { name: organisationName(rng), taxCode: `01${String(n).padStart(8, '0')}` } : null;
  return { kind: organisation ? 'organisation' : 'individual', fullName, dateOfBirth, cccd, phone, email: `${asciiSlug(fullName)}.${n}@example.com`, organisation };
}

/**
 * When accounts were opened: EARLY_SHARE of them in the two years before the period (the channel existed
 * before), the rest evenly through the period. Account k of n is opened at `createdAt(k)`, in order.
 */
export const EARLY_SHARE = 0.4;
const EARLY_MS = 730 * 86_400_000;

export class AccountTimeline {
  private readonly early: number;
  constructor(
    private readonly from: Date,
    private readonly until: Date,
    readonly count: number,
  ) {
    this.early = Math.max(1, Math.round(count * EARLY_SHARE));
  }

  createdAt(k: number): Date {
    const from = this.from.getTime();
    if (k < this.early) return new Date(from - EARLY_MS + (k / this.early) * EARLY_MS);
    const late = this.count - this.early;
    return new Date(from + ((k - this.early) / Math.max(1, late)) * (this.until.getTime() - from));
  }

  /** How many accounts were opened by `t` (accounts 0 … n − 1 of them). */
  openedBy(t: Date): number {
    const from = this.from.getTime();
    const ms = t.getTime();
    if (ms < from) return Math.max(0, Math.min(this.early, Math.floor(((ms - (from - EARLY_MS)) / EARLY_MS) * this.early) + 1));
    const late = this.count - this.early;
    return Math.min(this.count, this.early + Math.floor(((ms - from) / Math.max(1, this.until.getTime() - from)) * Math.max(1, late)) + 1);
  }

  /**
   * The reporter of a report made at `t`: a verified account opened at least an hour before, the older
   * accounts more often (a few people report much).
   */
  reporterAt(t: Date, rng: Rng): number {
    const open = this.openedBy(new Date(t.getTime() - 3_600_000));
    if (open === 0) throw new RangeError('no account is open before the first report');
    const k = Math.floor(open * rng.next() ** 1.5);
    return k % UNVERIFIED_EVERY === UNVERIFIED_EVERY - 1 ? k - 1 : k;
  }
}

/** The stored row of account `k` of this run (`n` = the account's number among all synthetic accounts). */
export function citizenRow(o: { k: number; n: number; seed: number; createdAt: Date; residence: string; version: string }, pii: PiiCipher, rng: Rng, passwordHash: string): Insertable<UsersTable> {
  const id = citizenIdentity(o.n, o.seed, rng);
  const verified = o.k % UNVERIFIED_EVERY !== UNVERIFIED_EVERY - 1;
  return {
    id: uuidV7At(o.createdAt.getTime(), rng),
    kind: id.kind,
    username: null,
    display_name: id.organisation?.name ?? id.fullName,
    password_hash: passwordHash,
    full_name_enc: pii.encrypt(id.fullName),
    cccd_enc: pii.encrypt(id.cccd),
    cccd_idx: pii.blindIndex('cccd', id.cccd),
    phone_enc: pii.encrypt(id.phone),
    phone_idx: pii.blindIndex('phone', id.phone),
    email_enc: pii.encrypt(id.email),
    email_idx: pii.blindIndex('email', id.email),
    date_of_birth: id.dateOfBirth,
    organisation_name: id.organisation?.name ?? null,
    organisation_tax_code: id.organisation?.taxCode ?? null,
    residence_structure_version: o.version,
    residence_unit_code: o.residence,
    identity_verified_at: verified ? new Date(o.createdAt.getTime() + 10 * 60_000) : null,
    identity_verification_ref: verified ? `stand-in:${id.cccd.slice(0, 3)}…${id.cccd.slice(-2)}` : null,
    status: 'active',
    locked_until: null,
    created_at: o.createdAt,
    updated_at: o.createdAt,
  };
}
