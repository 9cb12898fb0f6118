/** A citizen or organisation opens an account. Identity fields are stored encrypted only. */
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../../adapters/passwords.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { checkRegistration, type RegistrationInput } from '../../domain/identity/index.ts';
import { insertUser, takenIdentityIndexes } from '../../db/repos/accounts.repo.ts';
import { unitExists } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { civilDate } from '../../domain/calendar/index.ts';
import { unitOfWork } from '../unit-of-work.ts';

export interface RegisterInput extends RegistrationInput {
  residence?: { version: string; code: string } | undefined;
}

export async function registerCitizen(ctx: AppContext, input: RegisterInput): Promise<{ id: string }> {
  const checked = checkRegistration(input, civilDate(ctx.clock.now()));
  const problems: FieldProblem[] = checked.ok ? [] : [...checked.problems];
  if (input.residence && !(await unitExists(ctx.db, input.residence.version, input.residence.code)))
    problems.push({ field: 'body.residence', message: 'Không có đơn vị hành chính này' });
  if (!checked.ok || problems.length) throw invalid(problems);
  const r = checked.value;
  const idx = {
    cccd: ctx.pii.blindIndex('cccd', r.cccd),
    phone: ctx.pii.blindIndex('phone', r.phone),
    email: ctx.pii.blindIndex('email', r.email),
  };
  const passwordHash = await hashPassword(r.password);
  const id = uuidv7();
  return unitOfWork(ctx, { id, role: 'citizen', agencyId: null }, async (w) => {
    const taken = await takenIdentityIndexes(w.tx, idx);
    const clashes: FieldProblem[] = [];
    if (taken.cccd) clashes.push({ field: 'body.cccd', message: 'Số CCCD này đã có tài khoản' });
    if (taken.phone) clashes.push({ field: 'body.phone', message: 'Số điện thoại này đã có tài khoản' });
    if (taken.email) clashes.push({ field: 'body.email', message: 'E-mail này đã có tài khoản' });
    if (clashes.length) throw new AppError('ALREADY_EXISTS', { errors: clashes, detail: { vi: 'Thông tin định danh đã được dùng cho một tài khoản khác (R-26.3: mỗi người một tài khoản)', en: 'These identity details already belong to an account' } });
    await insertUser(w.tx, {
      id,
      kind: r.kind,
      username: null,
      display_name: r.organisation?.name ?? r.fullName,
      password_hash: passwordHash,
      full_name_enc: ctx.pii.encrypt(r.fullName),
      cccd_enc: ctx.pii.encrypt(r.cccd),
      cccd_idx: idx.cccd,
      phone_enc: ctx.pii.encrypt(r.phone),
      phone_idx: idx.phone,
      email_enc: ctx.pii.encrypt(r.email),
      email_idx: idx.email,
      date_of_birth: r.dateOfBirth,
      organisation_name: r.organisation?.name ?? null,
      organisation_tax_code: r.organisation?.taxCode ?? null,
      residence_structure_version: input.residence?.version ?? null,
      residence_unit_code: input.residence?.code ?? null,
      identity_verified_at: null,
      identity_verification_ref: null,
      locked_until: null,
      created_at: w.now,
      updated_at: w.now,
    });
    await w.audit({ action: 'account.register', subjectType: 'user', subjectId: id, toState: 'active', payload: { kind: r.kind } });
    return { id };
  });
}
