/** Factories: unique data per call, so that no test depends on seed data or on another test. */
import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../server/adapters/passwords.ts';
import type { AppContext } from '../server/app/context.ts';
import type { StaffRole } from '../server/domain/access/index.ts';
import { insertMemberships, insertStaffUser, updateUser } from '../server/db/repos/accounts.repo.ts';
import type { App } from '../server/http/app.ts';

export const PASSWORD = 'mat-khau-thu-nghiem';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A valid, random identity (born 1990 in Hà Nội). */
export function citizenIdentity() {
  return {
    kind: 'individual' as const,
    fullName: 'Nguyễn Thị Thử Nghiệm',
    dateOfBirth: '1990-05-05',
    cccd: `001190${digits(6)}`,
    // Prefixes of the big three mobile networks: every 7-digit tail is a valid number (not every 09x block is).
    phone: `${['090', '091', '093', '094', '096', '097', '098'][randomInt(7)]}${digits(7)}`,
    email: `thu.nghiem.${digits(8)}@example.vn`,
    password: PASSWORD,
  };
}

export async function createStaff(ctx: AppContext, memberships: { agencyId: string; role: StaffRole }[]) {
  const id = uuidv7();
  const username = `can-bo-${digits(10)}`;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertStaffUser(tx, { id, username, displayName: `Cán bộ ${username}`, passwordHash: await hashPassword(PASSWORD), now });
    await insertMemberships(tx, id, memberships, now);
  });
  return { id, username };
}

/** A staff member with one membership, signed in: their id, user name and the headers carrying the session. */
export async function signedInStaff(app: App, agencyId: string, role: StaffRole) {
  const s = await createStaff(app.ctx, [{ agencyId, role }]);
  return { ...s, h: await signInHeaders(app, s.username) };
}

/** Registers a citizen through the API; `verified` marks the identity as checked, as the register would. */
export async function createCitizen(app: App, opts: { verified?: boolean } = {}) {
  const identity = citizenIdentity();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: identity });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`);
  const id = res.json().id as string;
  if (opts.verified) await updateUser(app.ctx.db, id, { identity_verified_at: app.ctx.clock.now(), identity_verification_ref: 'test' });
  return { id, ...identity };
}

/** Signs in and returns the headers that carry the session (bearer). */
export async function signInHeaders(app: App, login: string, password = PASSWORD): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login, password, mode: 'bearer' } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return { authorization: `Bearer ${res.json().token as string}` };
}
