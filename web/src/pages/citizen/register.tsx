/**
 * /app/register: a citizen or an organisation opens an account with full identity (R-5.5: CCCD, phone, e-mail),
 * is signed in, and goes on to verify their identity (/app/verify).
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import { ErrorBox, useSubmit } from '../../components/async.tsx';
import { SignInLink, signInHref } from '../../components/layout.tsx';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { Page } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Đăng ký tài khoản iHanoi',
    intro: 'Người phản ánh cần có đủ thông tin định danh: số căn cước (CCCD), số điện thoại và e-mail (Quy chế iHanoi, Điều 5). Thông tin này được mã hóa khi lưu, không bao giờ công khai và không hiện cho cán bộ.',
    accountKind: 'Bạn đăng ký với tư cách',
    individual: 'Cá nhân',
    organisation: 'Tổ chức, doanh nghiệp',
    orgName: 'Tên tổ chức, doanh nghiệp',
    taxCode: 'Mã số thuế',
    taxCodeHint: '10 chữ số, hoặc 10 chữ số và -NNN với chi nhánh.',
    fullName: 'Họ và tên',
    fullNameOrg: 'Họ và tên người đại diện',
    fullNameHint: 'Đúng như trên thẻ căn cước.',
    dateOfBirth: 'Ngày sinh',
    cccd: 'Số căn cước (CCCD)',
    cccdHint: 'Gồm 12 chữ số, in trên thẻ căn cước.',
    phone: 'Số điện thoại',
    email: 'E-mail',
    password: 'Mật khẩu',
    passwordHint: 'Ít nhất 8 ký tự.',
    password2: 'Nhập lại mật khẩu',
    submit: 'Đăng ký',
    submitting: 'Đang đăng ký…',
    haveAccount: 'Đã có tài khoản?',
    signIn: 'Đăng nhập',
    fixErrors: 'Hãy sửa các mục được đánh dấu bên dưới.',
    required: 'Bắt buộc',
    badCccd: 'Số CCCD phải gồm đúng 12 chữ số',
    badPassword: 'Mật khẩu cần ít nhất 8 ký tự',
    mismatch: 'Hai mật khẩu không giống nhau',
    alreadySignedIn: 'Bạn đang đăng nhập với tài khoản {name}.',
    home: 'Về trang của tôi',
    registered: 'Đã tạo tài khoản. Đang đăng nhập…',
  },
  {
    title: 'Register for iHanoi',
    intro: 'A reporter must give full identity details: citizen ID number (CCCD), phone number and e-mail (iHanoi rules, Article 5). They are stored encrypted, never made public and not shown to officers.',
    accountKind: 'You register as',
    individual: 'An individual',
    organisation: 'An organisation or business',
    orgName: 'Name of the organisation or business',
    taxCode: 'Tax code',
    taxCodeHint: '10 digits, or 10 digits and -NNN for a branch.',
    fullName: 'Full name',
    fullNameOrg: 'Full name of the representative',
    fullNameHint: 'As printed on the ID card.',
    dateOfBirth: 'Date of birth',
    cccd: 'Citizen ID number (CCCD)',
    cccdHint: '12 digits, printed on the ID card.',
    phone: 'Phone number',
    email: 'E-mail',
    password: 'Password',
    passwordHint: 'At least 8 characters.',
    password2: 'Repeat the password',
    submit: 'Register',
    submitting: 'Registering…',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    fixErrors: 'Please correct the marked items below.',
    required: 'Required',
    badCccd: 'The CCCD number must have exactly 12 digits',
    badPassword: 'The password needs at least 8 characters',
    mismatch: 'The two passwords differ',
    alreadySignedIn: 'You are signed in as {name}.',
    home: 'Go to my page',
    registered: 'Account created. Signing in…',
  },
);

export default function Register() {
  const t = useT(s);
  const { me, signIn } = useSession();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<'individual' | 'organisation'>('individual');
  const [f, setF] = useState({ fullName: '', dateOfBirth: '', cccd: '', phone: '', email: '', password: '', password2: '', orgName: '', taxCode: '' });
  const { busy, error, setError, run } = useSubmit();
  const [status, setStatus] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  function checkLocally(): FieldProblem[] {
    const p: FieldProblem[] = [];
    const need = (field: string, v: string) => !v.trim() && p.push({ field, message: t('required') });
    need('fullName', f.fullName);
    need('dateOfBirth', f.dateOfBirth);
    if (!/^\d{12}$/.test(f.cccd.replace(/[\s.-]/g, ''))) p.push({ field: 'cccd', message: t('badCccd') });
    need('phone', f.phone);
    need('email', f.email);
    if (f.password.length < 8) p.push({ field: 'password', message: t('badPassword') });
    else if (f.password !== f.password2) p.push({ field: 'password2', message: t('mismatch') });
    if (kind === 'organisation') {
      need('organisation.name', f.orgName);
      need('organisation.taxCode', f.taxCode);
    }
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = checkLocally();
    if (problems.length) {
      setError(new ApiError(400, 'CLIENT_VALIDATION', t('fixErrors'), problems));
      return;
    }
    setStatus('');
    await run(async () => {
      await api.post('/api/v1/auth/register', {
        kind,
        fullName: f.fullName.trim(),
        dateOfBirth: f.dateOfBirth,
        cccd: f.cccd.replace(/[\s.-]/g, ''),
        phone: f.phone.trim(),
        email: f.email.trim(),
        password: f.password,
        ...(kind === 'organisation' ? { organisation: { name: f.orgName.trim(), taxCode: f.taxCode.trim() } } : {}),
      });
      setStatus(t('registered'));
      // The account exists now: if signing in fails, the sign-in page takes over (never register twice).
      const signedIn = await signIn(f.phone.trim(), f.password).catch(() => null);
      navigate(signedIn ? '/verify' : signInHref('/app/verify'));
    });
  }

  if (me && !busy) {
    return (
      <Page>
        <h1>{t('title')}</h1>
        <p className="notice">{t('alreadySignedIn', { name: me.displayName })}</p>
        <Link href="/">{t('home')}</Link>
      </Page>
    );
  }

  const fe = (field: string) => error?.fieldMessage(field);
  const field = (id: keyof typeof f, label: string, opts: { type?: string; autoComplete?: string; hint?: string; apiField?: string; inputMode?: 'numeric' | 'tel' | 'email' } = {}) => {
    const apiField = opts.apiField ?? id;
    const msg = fe(apiField);
    const described = [opts.hint ? `${id}-hint` : '', msg ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <>
        <label htmlFor={`reg-${id}`}>{label}</label>
        <input
          id={`reg-${id}`}
          name={id}
          type={opts.type ?? 'text'}
          autoComplete={opts.autoComplete}
          inputMode={opts.inputMode}
          value={f[id]}
          onChange={set(id)}
          required
          aria-invalid={msg ? true : undefined}
          aria-describedby={described || undefined}
        />
        {opts.hint && (
          <p className="hint" id={`${id}-hint`}>
            {opts.hint}
          </p>
        )}
        {msg && (
          <p className="field-error" id={`${id}-error`}>
            {msg}
          </p>
        )}
      </>
    );
  };

  return (
    <Page>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="card form narrow" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <ErrorBox error={error} />
        <fieldset>
          <legend>{t('accountKind')}</legend>
          <label className="choice">
            <input type="radio" name="kind" value="individual" checked={kind === 'individual'} onChange={() => setKind('individual')} />
            {t('individual')}
          </label>
          <label className="choice">
            <input type="radio" name="kind" value="organisation" checked={kind === 'organisation'} onChange={() => setKind('organisation')} />
            {t('organisation')}
          </label>
        </fieldset>
        {kind === 'organisation' && (
          <>
            {field('orgName', t('orgName'), { autoComplete: 'organization', apiField: 'organisation.name' })}
            {field('taxCode', t('taxCode'), { hint: t('taxCodeHint'), apiField: 'organisation.taxCode', inputMode: 'numeric' })}
          </>
        )}
        {field('fullName', kind === 'organisation' ? t('fullNameOrg') : t('fullName'), { autoComplete: 'name', hint: t('fullNameHint') })}
        {field('dateOfBirth', t('dateOfBirth'), { type: 'date', autoComplete: 'bday' })}
        {field('cccd', t('cccd'), { hint: t('cccdHint'), inputMode: 'numeric', autoComplete: 'off' })}
        {field('phone', t('phone'), { type: 'tel', autoComplete: 'tel', inputMode: 'tel' })}
        {field('email', t('email'), { type: 'email', autoComplete: 'email', inputMode: 'email' })}
        {field('password', t('password'), { type: 'password', autoComplete: 'new-password', hint: t('passwordHint') })}
        {field('password2', t('password2'), { type: 'password', autoComplete: 'new-password' })}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
        <p role="status" aria-live="polite" className="small">
          {status}
        </p>
        <p>
          {t('haveAccount')} <SignInLink next="/app">{t('signIn')}</SignInLink>
        </p>
      </form>
    </Page>
  );
}
