/** The citizen proves who they are against the national population register before reporting. */
import { AppError } from '../../domain/errors.ts';
import { findUserById, updateUser } from '../../db/repos/accounts.repo.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';

export async function verifyIdentity(ctx: AppContext, userId: string): Promise<{ verifiedAt: Date }> {
  const user = await findUserById(ctx.db, userId);
  if (!user || user.kind === 'staff' || !user.cccd_enc || !user.full_name_enc || !user.date_of_birth)
    throw new AppError('NOT_FOUND');
  if (user.identity_verified_at) return { verifiedAt: user.identity_verified_at };
  const verdict = await ctx.identity.verify({
    cccd: ctx.pii.decrypt(user.cccd_enc),
    fullName: ctx.pii.decrypt(user.full_name_enc),
    dateOfBirth: user.date_of_birth,
  });
  const actor = { id: userId, role: 'citizen', agencyId: null };
  if (!verdict.verified) {
    // The refusal is recorded in its own committed unit of work: an error would roll back the audit event.
    await unitOfWork(ctx, actor, (w) =>
      w.audit({ action: 'account.identityVerificationFailed', subjectType: 'user', subjectId: userId, payload: { reason: verdict.reason } }),
    );
    throw new AppError('IDENTITY_VERIFICATION_FAILED', {
      detail:
        verdict.reason === 'not_found'
          ? { vi: 'Không tìm thấy số CCCD trong Cơ sở dữ liệu quốc gia về dân cư', en: 'The CCCD was not found in the population register' }
          : { vi: 'Họ tên hoặc ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư', en: 'Name or date of birth does not match the population register' },
    });
  }
  return unitOfWork(ctx, actor, async (w) => {
    await updateUser(w.tx, userId, { identity_verified_at: w.now, identity_verification_ref: verdict.reference, updated_at: w.now });
    await w.audit({ action: 'account.identityVerified', subjectType: 'user', subjectId: userId, payload: { reference: verdict.reference } });
    return { verifiedAt: w.now };
  });
}
