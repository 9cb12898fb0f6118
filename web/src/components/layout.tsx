/** The frame of every page: skip link, header with navigation, language switch and session, the main area. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { useBrowserLocation } from 'wouter/use-browser-location';
import { setLang } from '../i18n/lang.ts';
import { useLang, useT } from '../i18n/strings.ts';
import { hasRole, isStaff, useSession } from '../session.tsx';
import { common } from './common.strings.ts';

/** The roles reading the oversight figures: the Center city-wide; agency heads and commune leaders their own agency's (R-25.4). */
export const OVERSEER_ROLES = ['city_overseer', 'center_operator', 'agency_head', 'commune_leader'];

/** The sign-in page, which comes back to `next` (a path of this site) afterwards. */
export const signInHref = (next: string) => `~/sign-in?next=${encodeURIComponent(next)}`;

/** A link to sign in and come back to `next`: by default this very page, with its query. */
export function SignInLink({ next, className, children }: { next?: string; className?: string; children: ReactNode }) {
  // The full path, also inside a nested area (/app, /staff …), whose own router sees only the rest.
  const [location] = useBrowserLocation();
  const search = useSearch();
  return (
    <Link href={signInHref(next ?? `${location}${search ? `?${search}` : ''}`)} className={className}>
      {children}
    </Link>
  );
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

export function Layout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const t = useT(common);
  const lang = useLang();
  const { me, signOut } = useSession();
  // The full path, also inside a nested area (/app, /staff …), whose own router sees only the rest.
  const [location, navigate] = useBrowserLocation();
  const online = useOnline();
  const staff = isStaff(me);
  const nav = [
    { href: '/', label: t('navPublic'), show: true },
    { href: '/app', label: t('navApp'), show: !staff },
    { href: '/staff', label: t('navStaff'), show: staff },
    // The administrator's pages of the area: the ranking criteria and the focal officers.
    { href: '/overseer', label: t('navOverseer'), show: hasRole(me, ...OVERSEER_ROLES, 'administrator') },
  ].filter((n) => n.show);
  const current = (href: string) => (href === '/' ? location === '/' || location.startsWith('/reports') : location.startsWith(href));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className={wide ? 'bar wide' : 'bar'}>
          <Link href="~/" className="brand">
            <img src="/icon.svg" alt="" width="32" height="32" />
            <span>
              <strong>{t('appName')}</strong> <span className="tagline">{t('appTagline')}</span>
            </span>
          </Link>
          <nav aria-label={t('mainNav')} className="main-nav">
            {nav.map((n) => (
              <Link key={n.href} href={`~${n.href}`} aria-current={current(n.href) ? 'page' : undefined}>
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="header-tools">
            <button type="button" className="link-button" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} aria-label={`${t('language')}: ${t('switchLanguage')}`}>
              {t('switchLanguage')}
            </button>
            {me ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void signOut().then(() => navigate('/'));
                }}
              >
                {t('signOut')} <span className="muted">({me.displayName})</span>
              </button>
            ) : (
              <SignInLink next={location}>{t('signIn')}</SignInLink>
            )}
          </div>
        </div>
      </header>
      {!online && (
        <div className="offline-banner" role="status">
          {t('offline')}
        </div>
      )}
      <main id="main" className={wide ? 'page wide' : 'page'} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** "This page does not exist", and the way back: to the site's home unless an area has its own. */
export function NotFoundText({ home }: { home?: { href: string; label: string } }) {
  const t = useT(common);
  return (
    <>
      <h1>{t('notFound')}</h1>
      <Link href={home?.href ?? '~/'}>{home?.label ?? t('backHome')}</Link>
    </>
  );
}

export function NotFound() {
  return (
    <Layout>
      <NotFoundText />
    </Layout>
  );
}
