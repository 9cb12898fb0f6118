/**
 * Sign-in, sign-out and resolving a session token to an Actor. Tokens are 32 random bytes; only their
 * SHA-256 is stored. Web clients get them in an HTTP-only cookie, API clients as a bearer token.
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { createHash, randomBytes } from 'node:crypto';
import { DUMMY_HASH, verifyPassword } from '../../adapters/passwords.ts';
import type { Actor } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { normaliseCccd, normaliseEmail, normalisePhone } from '../../domain/identity/index.ts';
import {
  findLiveSession,
  findUserByLogin,
  insertSession,
  membershipsOf,
  revokeSession,
} from '../../db/repos/accounts.repo.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A login is a staff user name, or a citizen's phone, e-mail or CCCD. */
function loginKeys(ctx: AppContext, login: string) {
  const phone = normalisePhone(login);
  const email = normaliseEmail(login);
  const cccd = /^\d{12}$/.test(normaliseCccd(login)) ? normaliseCccd(login) : null;
  return {
    username: login.trim().toLowerCase(),
    ...(phone ? { phoneIdx: ctx.pii.blindIndex('phone', phone) } : {}),
    ...(email ? { emailIdx: ctx.pii.blindIndex('email', email) } : {}),
    ...(cccd ? { cccdIdx: ctx.pii.blindIndex('cccd', cccd) } : {}),
  };
}

export async function signIn(
  ctx: AppContext,
  input: { login: string; password: string; kind: 'cookie' | 'bearer' },
): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const user = await findUserByLogin(ctx.db, loginKeys(ctx, input.login));
  // Verify against a dummy hash when the login is unknown, so that timing does not reveal who has an account.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  const now = ctx.clock.now();
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (user.status !== 'active' || (user.locked_until && user.locked_until > now))
    throw new AppError('FORBIDDEN', {
      detail: { vi: 'Tài khoản đang bị khóa', en: 'The account is locked' },
      extra: user.locked_until ? { lockedUntil: formatVietnamTime(user.locked_until) } : {},
    });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  const role = user.kind === 'staff' ? 'staff' : 'citizen';
  await unitOfWork(ctx, { id: user.id, role, agencyId: null }, async (w) => {
    await insertSession(w.tx, { tokenHash: hashToken(token), userId: user.id, kind: input.kind, createdAt: w.now, expiresAt });
    await w.audit({ action: 'session.start', subjectType: 'user', subjectId: user.id, payload: { kind: input.kind } });
  });
  return { token, userId: user.id, expiresAt };
}

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  const live = await findLiveSession(ctx.db, tokenHash, ctx.clock.now());
  if (!live) return; // signing out twice is not an error
  await unitOfWork(ctx, { id: live.user_id, role: live.kind === 'staff' ? 'staff' : 'citizen', agencyId: null }, async (w) => {
    await revokeSession(w.tx, tokenHash, w.now);
    await w.audit({ action: 'session.end', subjectType: 'user', subjectId: live.user_id });
  });
}

/** The actor behind a token, or anonymous when the token is unknown, expired or revoked. */
export async function authenticate(ctx: AppContext, token: string): Promise<Actor> {
  const now = ctx.clock.now();
  const s = await findLiveSession(ctx.db, hashToken(token), now);
  if (!s || s.status !== 'active' || (s.locked_until && s.locked_until > now)) return { kind: 'anonymous' };
  if (s.kind === 'staff') return { kind: 'staff', userId: s.user_id, memberships: await membershipsOf(ctx.db, s.user_id) };
  return { kind: 'citizen', userId: s.user_id, identityVerified: s.identity_verified_at !== null, sanctionedUntil: s.sanctioned_until ?? null };
}
