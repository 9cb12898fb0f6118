/**
 * The Center's pages at /overseer (R-18): the dashboard, the agencies' rankings (/overseer/rankings), the report
 * documents (/overseer/documents) and the focal officers (/overseer/focal-officers) — for Center operators and city
 * overseers; the administrator sees the ranking criteria (which it edits) and the focal officers. Anyone else is
 * told so plainly, with a way to sign in.
 *
 * app.tsx mounts this area in a nested route, which makes every wouter link and location inside it relative to
 * /overseer — the shared header's links too ("/" would point at /overseer/). A router with its own location hook
 * starts again from the site's root, so that the header and the drill-down links mean what they say.
 */
import type { ReactNode } from 'react';
import { Link, Route, Router, Switch } from 'wouter';
import { useBrowserLocation } from 'wouter/use-browser-location';
import { Loading } from '../../components/async.tsx';
import { Layout, NotFoundText, OVERSEER_ROLES, SignInLink } from '../../components/layout.tsx';
import { useT } from '../../i18n/strings.ts';
import { hasRole, useSession } from '../../session.tsx';
import { ADMIN_ROLE, OverseerNav, useCanSee, useTitle } from './area.tsx';
import Dashboard from './dashboard.tsx';
import DocumentsPage from './documents.tsx';
import FocalOfficersPage from './focal-officers.tsx';
import { p } from './pages.strings.ts';
import RankingsPage from './rankings.tsx';
import { s } from './strings.ts';
import './overseer.css';

export default function Area() {
  return (
    <Router hook={useBrowserLocation}>
      <Gate />
    </Router>
  );
}

function Gate() {
  const t = useT(s);
  const { me, loading } = useSession();
  if (loading && !me)
    return (
      <Layout wide>
        <Loading />
      </Layout>
    );
  if (!me || !hasRole(me, ...OVERSEER_ROLES, ADMIN_ROLE))
    return (
      <Layout>
        <h1>{t('title')}</h1>
        <p>{t('gateText')}</p>
        {me ? (
          <p>
            {t('gateNoRole')} <Link href="/">{t('gateHome')}</Link>
          </p>
        ) : (
          <p>
            <SignInLink className="button">{t('gateSignIn')}</SignInLink>
          </p>
        )}
      </Layout>
    );
  return (
    <Switch>
      <Route path="/overseer">
        <Only page="dashboard">
          <Dashboard />
        </Only>
      </Route>
      <Route path="/overseer/rankings">
        <Only page="rankings">
          <RankingsPage />
        </Only>
      </Route>
      <Route path="/overseer/documents">
        <Only page="documents">
          <DocumentsPage />
        </Only>
      </Route>
      <Route path="/overseer/focal-officers">
        <Only page="focal">
          <FocalOfficersPage />
        </Only>
      </Route>
      <Route>
        <Layout>
          <OverseerNav />
          <NotFoundText home={{ href: '/overseer', label: t('title') }} />
        </Layout>
      </Route>
    </Switch>
  );
}

/**
 * A page for the roles that may read it. The administrator, who reads no oversight figures, finds at /overseer
 * the pages that are its own.
 */
function Only({ page, children }: { page: 'dashboard' | 'rankings' | 'documents' | 'focal'; children: ReactNode }) {
  const can = useCanSee();
  if (can[page]) return <>{children}</>;
  return page === 'dashboard' && can.admin ? <AdminLanding /> : <NoRole />;
}

function AdminLanding() {
  const t = useT(p);
  useTitle(t('adminTitle'));
  return (
    <Layout wide>
      <OverseerNav />
      <h1>{t('adminTitle')}</h1>
      <p>{t('adminText')}</p>
    </Layout>
  );
}

function NoRole() {
  const t = useT(p);
  return (
    <Layout wide>
      <OverseerNav />
      <p className="warning-box" role="alert">
        {t('noRole')}
      </p>
    </Layout>
  );
}
