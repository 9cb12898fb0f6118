/**
 * What a citizen or organisation must give to open an account: full name, date of birth,
 * CCCD, phone and e-mail, a password; an organisation also its name and tax code. Every problem is reported
 * at once, each naming its field.
 */
import type { FieldProblem } from '../errors.ts';
import { CCCD_MESSAGES, checkCccd } from './cccd.ts';
import { normaliseEmail, normalisePhone } from './contact.ts';

export interface RegistrationInput {
  kind: 'individual' | 'organisation';
  fullName: string;
  dateOfBirth: string;
  cccd: string;
  phone: string;
  email: string;
  password: string;
  organisation?: { name: string; taxCode: string } | undefined;
}

export interface Registration {
  kind: 'individual' | 'organisation';
  fullName: string;
  dateOfBirth: string;
  cccd: string;
  phone: string;
  email: string;
  password: string;
  organisation: { name: string; taxCode: string } | null;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Messages are in Vietnamese: they are shown to the person filling in the form. */
export function checkRegistration(
  input: RegistrationInput,
  today: string,
): { ok: true; value: Registration } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fullName = input.fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (fullName.length < 2 || /[0-9<>@]/.test(fullName))
    problems.push({ field: 'body.fullName', message: 'Họ và tên không hợp lệ' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dateOfBirth) || Number.isNaN(Date.parse(`${input.dateOfBirth}T00:00:00Z`)) || input.dateOfBirth > today)
    problems.push({ field: 'body.dateOfBirth', message: 'Ngày sinh phải có dạng YYYY-MM-DD và không ở tương lai' });
  const cccd = checkCccd(input.cccd, Number(today.slice(0, 4)), input.dateOfBirth);
  if (!cccd.ok) problems.push({ field: 'body.cccd', message: CCCD_MESSAGES[cccd.problem].vi });
  const phone = normalisePhone(input.phone);
  if (!phone)
    problems.push({ field: 'body.phone', message: 'Số điện thoại không phải số di động hoặc cố định hợp lệ của Việt Nam' });
  const email = normaliseEmail(input.email);
  if (!email) problems.push({ field: 'body.email', message: 'Địa chỉ e-mail không hợp lệ' });
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)
    problems.push({ field: 'body.password', message: `Mật khẩu phải có từ ${PASSWORD_MIN} đến ${PASSWORD_MAX} ký tự` });
  let organisation: Registration['organisation'] = null;
  if (input.kind === 'organisation') {
    if (!input.organisation) problems.push({ field: 'body.organisation', message: 'Tổ chức phải khai báo tên và mã số thuế' });
    else {
      const taxCode = input.organisation.taxCode.replace(/\s/g, '');
      // Mã số doanh nghiệp / mã số thuế: 10 digits, or 13 with a branch suffix (-NNN).
      if (!/^\d{10}(-\d{3})?$/.test(taxCode)) problems.push({ field: 'body.organisation.taxCode', message: 'Mã số thuế phải gồm 10 chữ số (hoặc 10 chữ số và -NNN)' });
      const name = input.organisation.name.trim();
      if (name.length < 2) problems.push({ field: 'body.organisation.name', message: 'Tên tổ chức không hợp lệ' });
      organisation = { name, taxCode };
    }
  } else if (input.organisation) {
    problems.push({ field: 'body.organisation', message: 'Chỉ tài khoản tổ chức mới khai báo thông tin tổ chức' });
  }
  if (problems.length || !cccd.ok || !phone || !email) return { ok: false, problems };
  return {
    ok: true,
    value: { kind: input.kind, fullName, dateOfBirth: input.dateOfBirth, cccd: cccd.value, phone, email, password: input.password, organisation },
  };
}
