/** Sign-in for citizens (phone, e-mail or CCCD) and officers (user name); back to where they were going. */
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorBox, useSubmit } from '../components/async.tsx';
import { Layout } from '../components/layout.tsx';
import { defineStrings, useT } from '../i18n/strings.ts';
import { useSession } from '../session.tsx';

const s = defineStrings(
  {
    title: 'Đăng nhập',
    login: 'Số điện thoại, e-mail, số CCCD hoặc tên đăng nhập cán bộ',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    noAccount: 'Chưa có tài khoản?',
    register: 'Đăng ký tài khoản công dân',
  },
  {
    title: 'Sign in',
    login: 'Phone number, e-mail, CCCD number or officer user name',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    noAccount: 'No account yet?',
    register: 'Register as a citizen',
  },
);

/** Only our own paths: a crafted ?next= must not send a citizen to another site. */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : null);

export default function SignIn() {
  const t = useT(s);
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      const me = await signIn(login.trim(), password);
      const home = me?.kind === 'staff' ? '/staff' : '/app';
      navigate(next && next !== '/sign-in' && !(me?.kind === 'staff' && next.startsWith('/app')) ? next : home);
    });
  }

  return (
    <Layout>
      <h1>{t('title')}</h1>
      <form className="card form narrow" onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        <label htmlFor="login">{t('login')}</label>
        <input id="login" name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        <label htmlFor="password">{t('password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="button" disabled={busy || !login || !password}>
          {busy ? t('submitting') : t('submit')}
        </button>
        <p>
          {t('noAccount')} <Link href="/app/register">{t('register')}</Link>
        </p>
      </form>
    </Layout>
  );
}
