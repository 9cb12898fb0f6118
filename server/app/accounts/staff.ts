/** Staff accounts and their memberships (agency, role), managed by administrators (R-18.2b, R-28.1). */
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../../adapters/passwords.ts';
import { agencyScope, can, type Actor, type Membership } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/identity/index.ts';
import { findUserByLogin, insertMemberships, insertStaffUser, listMembers } from '../../db/repos/accounts.repo.ts';
import { agencyExists } from '../../db/repos/agencies.repo.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork, type AuditActor } from '../unit-of-work.ts';

export function auditActor(actor: Actor): AuditActor {
  if (actor.kind === 'anonymous') return { id: null, role: 'anonymous', agencyId: null };
  if (actor.kind === 'citizen') return { id: actor.userId, role: 'citizen', agencyId: null };
  const first = actor.memberships[0];
  return { id: actor.userId, role: actor.memberships.map((m) => m.role).join('+') || 'staff', agencyId: first?.agencyId ?? null };
}

/** Throws 401 for anonymous callers and 403 when the policy said no; returns only when allowed. */
export function requirePermission(actor: Actor, allowed: boolean): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!allowed) throw new AppError('FORBIDDEN');
}

export interface CreateStaffInput {
  username: string;
  displayName: string;
  password: string;
  memberships: Membership[];
}

export async function createStaff(ctx: AppContext, actor: Actor, input: CreateStaffInput): Promise<{ id: string }> {
  requirePermission(actor, can(actor, 'staff.manage', { any: true }));
  const username = input.username.trim().toLowerCase();
  const problems = [];
  if (!/^[a-z0-9._-]{3,64}$/.test(username))
    problems.push({ field: 'body.username', message: 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch ngang hoặc gạch dưới' });
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)
    problems.push({ field: 'body.password', message: `Mật khẩu phải có từ ${PASSWORD_MIN} đến ${PASSWORD_MAX} ký tự` });
  if (input.memberships.length === 0) problems.push({ field: 'body.memberships', message: 'Cần ít nhất một vai trò tại một cơ quan' });
  for (const [i, m] of input.memberships.entries())
    if (!(await agencyExists(ctx.db, m.agencyId))) problems.push({ field: `body.memberships.${i}.agencyId`, message: 'Không có cơ quan này' });
  if (problems.length) throw invalid(problems);
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    if (await findUserByLogin(w.tx, { username }))
      throw new AppError('ALREADY_EXISTS', { errors: [{ field: 'body.username', message: 'Tên đăng nhập đã được dùng' }] });
    await insertStaffUser(w.tx, { id, username, displayName: input.displayName.trim(), passwordHash, now: w.now });
    await insertMemberships(w.tx, id, input.memberships, w.now);
    await w.audit({ action: 'staff.create', subjectType: 'user', subjectId: id, toState: 'active', payload: { username, memberships: input.memberships } });
    return { id };
  });
}

/** The staff of an agency, for those who may see them: that agency's heads and leaders, the Center, admins. */
export async function listAgencyMembers(ctx: AppContext, actor: Actor, agencyId: string) {
  requirePermission(actor, can(actor, 'agency.readMembers', { agencyId }));
  return listMembers(ctx.db, agencyId, agencyScope(actor, 'agency.readMembers'));
}
